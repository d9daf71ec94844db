"""``ocop-xl``: every ribbon action on the command line (typer + rich).

Exit codes: 0 success; 1 ``--strict`` and errors were found; 2 usage error (bad option,
unknown profile, output exists); 3 the master cannot be read or written, or a file or
folder the command reads or writes (its ``--report``, its ``--out``, a backup, a temporary
file) cannot be; 4 unexpected internal error (the traceback is shown with ``--debug``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ocop_xl.commands import app

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    # ``app`` defines every command (typer): loaded when asked for, not for ``--version``
    if name == "app":
        from ocop_xl.commands import app

        return app
    raise AttributeError(name)


def main(args: list[str] | None = None, prog_name: str | None = None) -> None:
    """The ``ocop-xl`` command. ``args`` and ``prog_name`` default to the process's own
    (``sys.argv``); the tests' in-process runner (tests/cli_support.py) passes them."""
    argv = sys.argv[1:] if args is None else args
    if argv == ["--version"]:  # one line: neither typer nor the commands to load
        from ocop_xl import __version__

        sys.stdout.write(f"ocop-xl {__version__}\n")
        return
    # The commands of each area register themselves on ``app`` when the package is imported
    # (ocop_xl/commands/__init__.py lists them in the order of the year's work).
    from ocop_xl.commands import app
    from ocop_xl.commands.base import err_console

    if argv in ([], ["--help"]):  # the program's help: plain text, no rich to load
        from ocop_xl.cli_help import print_help

        print_help(app)
        sys.exit(2 if not argv else 0)  # exit codes as typer's (no command: 2)
    from ocop_xl import cli_words

    cli_words.apply()  # click's and typer's own words in Vietnamese
    try:
        app(args=args, prog_name=prog_name)
    except KeyboardInterrupt:
        err_console.print("Đã dừng.")
        sys.exit(130)


if __name__ == "__main__":
    main()
