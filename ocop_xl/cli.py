"""``ocop-xl``: every ribbon action on the command line (typer + rich).

Exit codes: 0 success; 1 ``--strict`` and errors were found; 2 usage error (bad option,
unknown profile, output exists); 3 the master cannot be read or written, or a file or
folder the command reads or writes (its ``--report``, its ``--out``, a backup, a temporary
file) cannot be; 4 unexpected internal error (the traceback is shown with ``--debug``).
"""

from __future__ import annotations

import sys

# The commands of each area register themselves on ``app`` when the package is imported
# (ocop_xl/commands/__init__.py lists them in the order of the year's work).
from ocop_xl.commands import app
from ocop_xl.commands.base import err_console

__all__ = ["app", "main"]


def main(args: list[str] | None = None, prog_name: str | None = None) -> None:
    """The ``ocop-xl`` command. ``args`` and ``prog_name`` default to the process's own
    (``sys.argv``); the tests' in-process runner (tests/cli_support.py) passes them."""
    argv = sys.argv[1:] if args is None else args
    if argv != ["--version"]:  # one line to print: no need of typer's help words
        from ocop_xl import cli_words

        cli_words.apply()  # click's and typer's own words in Vietnamese
    try:
        app(args=args, prog_name=prog_name)
    except KeyboardInterrupt:
        err_console.print("Đã dừng.")
        sys.exit(130)


if __name__ == "__main__":
    main()
