"""A clerk's everyday edits to the master, made for real: a demo master (every action run
on the sample data) copied per test, edited with openpyxl as a file, or in LibreOffice
(standing in for Excel: it moves tables, lists and formulas when rows or columns are
inserted, and calculates the formulas before saving); the CLI run in-process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from ocop_xl.cli import app

from .conftest import require_soffice

UNO_EDIT = Path(__file__).parent / "integration" / "uno_edit.py"
RUNNER = CliRunner()


def copy_demo(demo_folder: Path, target: Path) -> Path:
    """The demo's folder copied to ``target``, its master as an .xlsx (as a clerk would
    keep one saved by Excel without macros); returns the master's path."""
    shutil.copytree(demo_folder, target, ignore=shutil.ignore_patterns("sao-luu", "*.xlsm"))
    book = load_workbook(demo_folder / "ocop_master.xlsm")
    master = target / "ocop_master.xlsx"
    book.save(master)
    return master


def in_calc(master: Path, ops: list[dict]) -> Path:
    """Edit the master in LibreOffice and let it calculate and save it (over ``master``)."""
    soffice = require_soffice()
    out = master.with_name(master.stem + "-calc.xlsx")
    done = subprocess.run(
        ["/usr/bin/python3", str(UNO_EDIT), soffice, str(master), str(out), json.dumps(ops)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0 and out.is_file(), done.stderr[-2000:]
    os.replace(out, master)
    return master


def ocop(*args: str):
    """The CLI, in-process: (exit code, output with its line breaks and runs of spaces
    made single spaces, since the terminal wraps long messages)."""
    result = RUNNER.invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})
    return result.exit_code, " ".join(result.output.split())


def cells(master: Path, sheet: str, *refs: str, values: bool = False) -> list:
    book = load_workbook(master, data_only=values)
    return [book[sheet][ref].value for ref in refs]
