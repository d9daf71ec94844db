"""CLI commands of each area of the program; importing this package adds them to the app.

Each module defines its commands with ``@app.command`` on ``ocop_xl.cli.app`` and runs
actions through ``ocop_xl.cli.run_on_master``, so every command has the same options
(``--workbook``, ``--report``, ``--strict``), messages and exit codes.
"""

# Imported in the order of the year's work, which is the order ``ocop-xl --help`` lists them.
# isort: off
from ocop_xl.commands import submissions
from ocop_xl.commands import council
from ocop_xl.commands import product_register
from ocop_xl.commands import budget
from ocop_xl.commands import plan
from ocop_xl.commands import system

# isort: on

__all__ = ["budget", "council", "plan", "product_register", "submissions", "system"]
