"""``ocop-xl`` run in the test's own process: the same path as the installed command
(``ocop_xl.cli.main``: click's and typer's words in Vietnamese, the exit codes, Ctrl+C), with
stdin, stdout, stderr, the environment, the working folder and the program's own state
isolated for the run; the answer is a ``subprocess.CompletedProcess`` as a real process
would give (exit code, stdout, stderr), so a test reads the same either way.

A real process costs a second or more of start-up (Python, pandas, openpyxl); in-process the
modules are loaded once. Kept in real processes (``real_ocop``): ``--version`` and start-up,
an action end to end, two processes sharing a master (the lock), and the save failures that
need a process of their own (tests/saving_support.py). tests/e2e/test_cli_parity.py checks
that both ways print the same words and exit with the same codes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
# The name click shows in usage lines, as the installed ``ocop-xl`` script shows it.
PROG = "ocop-xl"
_RUNNER = CliRunner()


def _reset_program_state() -> None:
    """What one run of ``ocop-xl`` may leave in the modules for the next: rich consoles
    made for the last run's streams and terminal width, ``--debug``."""
    from ocop_xl.commands import base

    base.console._console = None
    base.err_console._console = None
    base._state["debug"] = bool(os.environ.get("OCOP_XL_DEBUG"))


def ocop_in_process(
    *args: object,
    env: Mapping[str, str] | None = None,
    cwd: Path | str | None = None,
    input: str | None = None,
) -> subprocess.CompletedProcess:
    """``ocop-xl ARGS`` in this process. ``env`` is the whole environment of the run, as
    ``subprocess.run``'s (``None``: this process's); ``cwd`` its working folder."""
    from ocop_xl.cli import main

    argv = [str(a) for a in args]
    overrides: dict[str, str | None] = {}
    if env is not None:
        overrides = {key: None for key in os.environ if key not in env}
        overrides.update(env)
    before = os.getcwd()
    code = 0
    with _RUNNER.isolation(input=input, env=overrides) as (out, err, _):
        old_argv = sys.argv
        sys.argv = [PROG, *argv]
        _reset_program_state()
        try:
            if cwd is not None:
                os.chdir(cwd)
            main(argv, prog_name=PROG)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            if not isinstance(exit_.code, int | None):
                sys.stderr.write(f"{exit_.code}\n")
        except Exception:  # what Python prints for an uncaught exception, and its exit code
            sys.stderr.write(traceback.format_exc())
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.chdir(before)
            sys.argv = old_argv
            _reset_program_state()
        stdout, stderr = out.getvalue(), err.getvalue()
    return subprocess.CompletedProcess(
        ["ocop-xl", *argv], code, stdout.decode("utf-8"), stderr.decode("utf-8", "replace")
    )


def real_ocop(
    *args: object,
    env: Mapping[str, str] | None = None,
    cwd: Path | str | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess:
    """``ocop-xl ARGS`` in a process of its own: the installed script beside this Python."""
    script = Path(sys.executable).with_name("ocop-xl")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "ocop_xl"]
    return subprocess.run(
        [*command, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=None if env is None else dict(env),
        check=False,
        timeout=timeout,
    )
