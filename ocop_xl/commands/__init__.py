"""CLI commands of each area of the program; importing this package adds them to the app.

Each module defines its commands with ``@app.command`` on ``ocop_xl.cli.app`` and runs
actions through ``ocop_xl.cli.run_on_master``, so every command has the same options
(``--workbook``, ``--report``, ``--strict``), messages and exit codes.
"""

from ocop_xl.commands import budget, council, plan, submissions, system

__all__ = ["budget", "council", "plan", "submissions", "system"]
