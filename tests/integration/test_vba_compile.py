"""The built workbook's VBA compiles: LibreOffice Basic compiles every module of a test
copy (conditional compilation resolved for Excel on 64-bit Windows, the Declare lines
adapted: vba_libreoffice.py) and runs a harmless entry point of each; a planted syntax
error makes it fail.

LibreOffice compiles the whole library when one of its procedures is first called; when
any module, a class included, does not compile, no procedure runs (each answers blank).
So each standard and document module gets a probe function returning its name, and the
ribbon's module one that runs its own code (DecodeText, IsActionName). LibreOffice checks
syntax and structure (blocks, statements, declarations); what only VBA's compiler checks
(an undeclared name under Option Explicit) is the Windows checklist's Debug › Compile.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ocop_xl.domain.catalog import MESSAGES
from ocop_xl.workbook.xlsm import read_macros
from ocop_xl.workbook.xlsm.vba_project import Module

from ..conftest import require_soffice
from .addin_helpers import build_master, replace_vba
from .test_xlsm_libreoffice import require_uno
from .vba_libreoffice import for_libreoffice

pytestmark = pytest.mark.libreoffice

RUNNER = Path(__file__).with_name("uno_basic.py")
RIBBON_PROBE = (
    "Public Function OcopProbe_OcopRibbon() As String\r\n"
    '    OcopProbe_OcopRibbon = DecodeText(MSG_XLWINGS_NOT_FOUND) & "|" & '
    'IsActionName("score-sheets") & "|" & IsActionName("Bad name")\r\n'
    "End Function\r\n"
)
SYNTAX_ERROR = "Public Sub Broken()\r\n    If True Then\r\n        Beep\r\nEnd Sub\r\n"


def probe(module: Module) -> Module:
    name = f"OcopProbe_{module.name}"
    added = (
        RIBBON_PROBE
        if module.name == "OcopRibbon"
        else f"Public Function {name}() As String\r\n"
        f'    {name} = "{module.name}"\r\nEnd Function\r\n'
    )
    code = for_libreoffice(module.code).rstrip("\r\n") + "\r\n\r\n" + added
    return Module(module.name, module.kind, code)


def compile_in_libreoffice(master: Path, tmp_path: Path, plant: str | None = None) -> dict:
    """What each module's probe answered in LibreOffice, for a test copy of ``master``."""
    soffice, python = require_soffice(), require_uno()
    modules = [probe(m) for m in read_macros(master).modules]
    if plant is not None:
        modules = [
            Module(m.name, m.kind, m.code + plant) if m.name == "OcopRibbon" else m for m in modules
        ]
    copy = tmp_path / f"kiem-tra-{master.name}"
    shutil.copy(master, copy)
    replace_vba(copy, modules)
    calls = [f"{m.name}.OcopProbe_{m.name}" for m in modules if m.kind != "class"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [python, str(RUNNER), soffice, str(copy), json.dumps(calls)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    return {call.split(".")[0]: answer for call, answer in answers.items()}


def not_compiled(answers: dict) -> list[str]:
    expected = {
        "OcopRibbon": f"{MESSAGES['XLWINGS_NOT_FOUND'].vi}|True|False",
    }
    return [
        name
        for name, answer in answers.items()
        if not answer["ok"] or answer["value"] != expected.get(name, name)
    ]


@pytest.mark.parametrize("standalone", [False, True], ids=["addin", "standalone"])
def test_every_module_compiles_and_runs_in_libreoffice_basic(tmp_path, standalone):
    master = build_master(tmp_path, standalone=standalone)
    answers = compile_in_libreoffice(master, tmp_path)
    names = {m.name for m in read_macros(master).modules if m.kind != "class"}
    assert set(answers) == names
    assert {"ThisWorkbook", "Sheet1", "OcopRibbon", "xlwings_udfs"} <= names
    if standalone:
        assert {"xlwings"} <= names  # and its Dictionary class compiles with the library
    assert not_compiled(answers) == []
    # the ribbon's module ran its own code: the Vietnamese message decoded from its escapes
    assert answers["OcopRibbon"]["value"].startswith("Chưa có xlwings")


def test_a_syntax_error_fails_the_compile(tmp_path):
    master = build_master(tmp_path)
    answers = compile_in_libreoffice(master, tmp_path, plant=SYNTAX_ERROR)
    failed = not_compiled(answers)
    assert "OcopRibbon" in failed
    assert len(failed) == len(answers)  # a module that does not compile stops the library
