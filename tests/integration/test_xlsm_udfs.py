"""The worksheet functions' VBA module (xlwings_udfs) is in every .xlsm the builder makes,
written at build time by xlwings' own generator from the UDF modules: the functions work
the moment the workbook opens, with no "Import Functions" and no Trust Center change."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import ocop_xl.excel.udfs as udfs
from ocop_xl.actions.system import upgrade_macros
from ocop_xl.domain.issues import OcopError
from ocop_xl.workbook.xlsm import CONF_SHEET, read_macros
from ocop_xl.workbook.xlsm.udf_wrappers import signatures, wrapper_text

from ..cli_support import ocop_in_process
from .addin_helpers import ROOT, build_master


def python_signatures() -> list[tuple[str, tuple[str, ...]]]:
    """Each function of ocop_xl.excel.udfs by its name and parameters, those with a
    default optional: what its VBA wrapper must declare."""
    found = []
    for name in sorted(udfs.__all__):
        parameters = inspect.signature(getattr(udfs, name)).parameters.values()
        arguments = tuple(
            ("Optional " if p.default is not inspect.Parameter.empty else "") + p.name
            for p in parameters
        )
        found.append((name, arguments))
    return found


def wrappers(path: Path) -> str:
    module = read_macros(path).module("xlwings_udfs")
    assert module is not None, "no worksheet functions in the workbook"
    return module.code


@pytest.mark.parametrize("cli_args", [[], ["--addin"]], ids=["default", "addin"])
def test_a_new_master_holds_the_functions_of_the_udf_module(tmp_path, cli_args):
    out = tmp_path / "m.xlsm"
    done = ocop_in_process("new-master", "--out", out, *cli_args)
    assert done.returncode == 0, done.stderr
    code = wrappers(out)
    assert [(s.name, s.arguments) for s in signatures(code)] == python_signatures()
    assert len(python_signatures()) >= 7
    for name, _ in python_signatures():
        assert f'XLPy.CallUDF("ocop_xl.excel.udfs", "{name}", ' in code
    assert "\r\nOption Explicit\r\n" in code
    addin = read_macros(out).mode == "addin"
    assert addin == (cli_args == ["--addin"])
    # add-in mode: XLPy comes from the add-in through Application.Run, never a reference
    assert ("Private Function XLPy() As Object" in code) == addin
    assert ("Application.Run(\"'xlwings.xlam'!XLPy\")" in code) == addin
    if not addin:
        assert "Function XLPy()" in read_macros(out).module("xlwings").code


def test_the_wrappers_follow_the_udf_modules_at_build_time(tmp_path, monkeypatch):
    """Generated from the modules xlwings.conf names, as they are when the workbook is
    built: a new function or argument shows up at the next upgrade-macros."""
    package = tmp_path / "staff_udfs.py"
    package.write_text(
        "import xlwings as xw\n\n\n@xw.func\ndef TONG_DIEM(a, b, he_so=1):\n    return a\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    path = build_master(tmp_path)
    book = load_workbook(path, keep_vba=True)
    book[CONF_SHEET]["B1"] = "staff_udfs;ocop_xl.excel.udfs"
    book.save(path)
    upgrade_macros(path)
    found = {s.name: s.arguments for s in signatures(wrappers(path))}
    assert found["TONG_DIEM"] == ("a", "b", "Optional he_so")
    assert set(found) == {"TONG_DIEM", *udfs.__all__}
    assert "staff_udfs" not in sys.modules and "xlwings.udfs" not in sys.modules

    package.write_text("import no_such_thing\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(OcopError) as raised:
        upgrade_macros(path)
    assert raised.value.code == "UDF_MODULE_IMPORT_FAILED"
    assert "staff_udfs" in raised.value.message_vi
    assert path.read_bytes() == before  # nothing written


def test_generating_leaves_the_process_as_it_was():
    before = set(sys.modules)
    wrapper_text(["ocop_xl.excel.udfs"], addin=True)
    assert not {"pythoncom", "pywintypes", "win32com", "xlwings.udfs"} & (set(sys.modules) - before)


def test_the_repository_holds_no_wrapper_module():
    """Never a copy in the repo: the module exists only inside built workbooks."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in tracked:
        path = ROOT / name
        if path.suffix in {".bas", ".cls", ".txt", ".vba"}:
            assert "CallUDF" not in path.read_text(encoding="utf-8", errors="ignore"), name
    committed = read_macros(ROOT / "workbooks" / "ocop_master.xlsm")
    assert committed.module("xlwings_udfs") is not None  # built, with the module inside
