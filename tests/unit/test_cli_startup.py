"""The command line's start-up loads only what defines the commands (issue 17): pandas,
openpyxl, pydantic and the actions come with the command that runs them."""

from __future__ import annotations

import json
import os
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


AREAS = [f"ocop_xl.actions.{a}" for a in ("budget", "council", "plan", "product_register")]


def loaded_after(*argv: str) -> list[str]:
    light = ["rich.console", "rich.markdown", "ocop_xl.workbook.file_workbook", *AREAS]
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


def test_help_prints_without_rich():
    assert "rich.console" not in loaded_after("--help")
    assert not [m for m in loaded_after("--help") if m.startswith("rich")]


def _help(*argv: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "ocop_xl", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _words(text: str) -> str:
    return " ".join(text.split())


def test_help_lists_every_command_with_its_whole_description_in_vietnamese():
    import typer

    from ocop_xl.cli import app

    done = _help("--help")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Cách dùng: ocop-xl [TÙY CHỌN] LỆNH [THAM SỐ]...\n")
    assert "\nTùy chọn:\n" in out and "\nLệnh:\n" in out
    for english in ("Usage", "Options", "Commands", "Show this message"):
        assert english not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    words = _words(out)
    group = typer.main.get_command(app)  # what typer's own help would list
    commands = {n: c for n, c in group.commands.items() if not c.hidden}
    assert len(commands) >= 17
    for name, command in commands.items():
        assert f"\n  {name} " in out, name
        assert _words(command.help or "") in words, name  # whole, not cut to one line
    for option in ("--version", "--debug", "--help"):
        assert f"\n  {option} " in out
    assert "Hiện hướng dẫn này rồi thoát." in out and "In phiên bản." in out
    listed = [line.split()[0] for line in out.split("\nLệnh:\n")[1].splitlines() if line[2] != " "]
    assert listed == list(commands)  # in the order of the year's work


def test_no_command_prints_the_help_and_exits_2_as_typer_does():
    done = _help()
    assert done.returncode == 2
    assert done.stdout == _help("--help").stdout


def test_a_command_help_is_still_typers_in_vietnamese():
    done = _help("budget", "--help")
    assert done.returncode == 0
    assert "Cách dùng:" in done.stdout and "--workbook" in done.stdout


def test_a_command_loads_its_own_area_only_and_no_rich_help(master):
    loaded = loaded_after("budget", "--workbook", str(master))
    assert "ocop_xl.actions.budget" in loaded and "pandas" in loaded
    assert not [m for m in AREAS if m != "ocop_xl.actions.budget" and m in loaded]
    assert "rich.markdown" not in loaded  # typer's help renderer: for a help or an error


def test_every_action_is_found_in_the_area_that_registers_it():
    from ocop_xl.actions import AREA_OF, load_actions

    actions = load_actions()
    assert set(AREA_OF) == set(actions)
    for name, spec in actions.items():
        assert spec.run.__module__ == f"ocop_xl.actions.{AREA_OF[name]}", name
