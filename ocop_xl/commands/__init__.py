"""CLI commands of each area of the program, and the one place that wires them.

``base`` holds the typer ``app`` and what every command shares (``--workbook``, ``--report``,
``--strict``, messages, exit codes, ``run_on_master``); each area's module defines its
commands with ``@app.command``. Importing this package imports every area's module, in the
order of the year's work, which is the order ``ocop-xl --help`` lists them; ``ocop_xl.cli``
only runs the app.
"""

# isort: off
from ocop_xl.commands.base import app
from ocop_xl.commands import start
from ocop_xl.commands import submissions
from ocop_xl.commands import council
from ocop_xl.commands import product_register
from ocop_xl.commands import budget
from ocop_xl.commands import plan
from ocop_xl.commands import system

# isort: on

__all__ = [
    "app",
    "budget",
    "council",
    "plan",
    "product_register",
    "start",
    "submissions",
    "system",
]
