"""The command line's start-up loads only what defines the commands (issue 17): pandas,
openpyxl, pydantic and the actions come with the command that runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "openpyxl", "pydantic", "numpy", "python_calamine", "formulas", "xlwings")

PROBE = """
import json, sys
sys.argv = ["ocop-xl", *{argv!r}]
from ocop_xl.cli import main
try:
    main()
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r} or m in {light!r})
print(json.dumps(loaded), file=sys.stderr)
"""


def loaded_after(*argv: str) -> list[str]:
    light = ["rich.console", "ocop_xl.actions.budget", "ocop_xl.workbook.file_workbook"]
    code = PROBE.format(argv=list(argv), heavy=HEAVY, light=light)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [("--version",), ("--help",), ("budget", "--help")])
def test_version_and_help_load_no_heavy_module(argv):
    loaded = loaded_after(*argv)
    # a command's own help makes typer look at pydantic (its parameter types): typer's doing
    ours = HEAVY if argv[0].startswith("--") else tuple(m for m in HEAVY if m != "pydantic")
    assert not [m for m in loaded if m.split(".")[0] in ours], loaded
    assert "ocop_xl.actions.budget" not in loaded and "ocop_xl.workbook.file_workbook" not in loaded


def test_version_prints_without_rich():
    assert "rich.console" not in loaded_after("--version")


def test_a_command_still_loads_its_action(tmp_path):
    # a master that does not exist: the command fails at open, after loading its action
    loaded = loaded_after("budget", "--workbook", str(tmp_path / "none.xlsx"))
    assert "pandas" in loaded and "ocop_xl.workbook.file_workbook" in loaded
