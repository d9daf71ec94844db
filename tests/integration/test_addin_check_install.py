"""check-install on real workbooks: versions, the macros and ribbon in the file, the
xlwings VBA version (standalone module or add-in), the UDF modules."""

import shutil
from pathlib import Path

import pytest
import xlwings
from openpyxl import load_workbook

from ocop_xl.actions.system import check_install, check_install_result, upgrade_macros
from ocop_xl.domain.issues import OcopError
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.xlsm import CONF_SHEET, read_macros, sources
from ocop_xl.workbook.xlsm.vba_project import Module

from .addin_helpers import MACROS, build_master, replace_vba

XLWINGS = Path(xlwings.__file__).parent


@pytest.fixture
def no_appdata(monkeypatch):
    monkeypatch.delenv("APPDATA", raising=False)


def codes(result) -> list[str]:
    return [issue.code for issue in result.issues]


def set_udf_modules(path: Path, value: str) -> None:
    book = load_workbook(path, keep_vba=True)
    book[CONF_SHEET]["B1"] = value
    book.save(path)


def test_a_fresh_master_passes_when_its_udf_module_imports(tmp_path, no_appdata):
    path = build_master(tmp_path)
    result = check_install_result(path)
    assert result.issues == []
    summary = dict(result.summary)
    assert summary["xlwings"] == xlwings.__version__
    assert summary["Macro trong tệp"] == (
        f"OcopRibbon, xlwings_udfs (+ {len(MASTER.sheet_order) + 2} mô-đun của tệp, trang tính)"
    )
    assert summary["Thẻ OCOP"] == "13 nút"
    assert summary["Add-in xlwings"] == "chỉ kiểm tra được trên Windows"
    assert result.data["udf_modules"] == {"ocop_xl.excel.udfs": "ok"}
    assert summary["Hàm trong tệp"] == "9 hàm (=OCOP_…)"


def test_a_udf_module_that_does_not_import_is_an_error(tmp_path, no_appdata):
    path = build_master(tmp_path)
    set_udf_modules(path, "ocop_xl.no_such_udfs")
    result = check_install_result(path)
    assert codes(result) == ["INSTALL_UDF_IMPORT"]
    assert "ocop_xl.no_such_udfs" in result.issues[0].message_vi


def test_the_addin_version_is_compared_with_the_installed_xlwings(tmp_path, monkeypatch):
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    path = build_master(tmp_path)
    assert codes(check_install_result(path)) == ["INSTALL_ADDIN_MISSING"]

    xlstart = tmp_path / "appdata" / "Microsoft" / "Excel" / "XLSTART"
    xlstart.mkdir(parents=True)
    shutil.copy(XLWINGS / "addin" / "xlwings.xlam", xlstart / "xlwings.xlam")  # the real one
    result = check_install_result(path)
    assert result.issues == []
    assert dict(result.summary)["Add-in xlwings"].startswith(xlwings.__version__)

    # An add-in from another xlwings version (built here, holding only its version line).
    old = tmp_path / "old"
    old.mkdir()
    old_addin = build_master(old, name="xlwings.xlsm")
    replace_vba(old_addin, [Module("Main", "standard", _main_module("0.30.0"))])
    shutil.copy(old_addin, xlstart / "xlwings.xlam")
    result = check_install_result(path)
    assert codes(result) == ["INSTALL_ADDIN_VERSION"]
    assert "0.30.0" in result.issues[0].message_vi


def _main_module(version: str) -> str:
    return (
        'Attribute VB_Name = "Main"\r\nOption Explicit\r\n'
        f'Public Const XLWINGS_VERSION As String = "{version}"\r\n'
    )


def test_a_standalone_workbook_must_carry_the_installed_version(tmp_path, no_appdata, monkeypatch):
    path = build_master(tmp_path, standalone=True)
    result = check_install_result(path)
    assert result.issues == []
    assert result.data["vba"] == {"mode": "standalone", "version": xlwings.__version__}

    real = sources.xlwings_vba()
    module = real.modules[0]
    older = Module(
        module.name,
        module.kind,
        module.code.replace(f'"{xlwings.__version__}"', '"0.29.1"'),
    )
    monkeypatch.setattr(
        sources, "xlwings_vba", lambda: sources.XlwingsVba("0.29.1", (older, real.modules[1]))
    )
    (tmp_path / "stale").mkdir()
    stale = build_master(tmp_path / "stale", standalone=True)
    result = check_install_result(stale)
    assert codes(result) == ["INSTALL_VBA_VERSION"]
    assert (
        "0.29.1" in result.issues[0].message_vi and "upgrade-macros" in result.issues[0].message_vi
    )


def test_outdated_macros_are_reported_and_upgraded(tmp_path, no_appdata, monkeypatch):
    path = build_master(tmp_path)
    changed = tmp_path / "macros-new"
    shutil.copytree(MACROS, changed)
    bas = changed / "OcopRibbon.bas"
    bas.write_text(bas.read_text(encoding="ascii") + "' v2\n", encoding="ascii")
    monkeypatch.setenv("OCOP_XL_MACROS", str(changed))
    result = check_install_result(path)
    assert codes(result) == ["INSTALL_MACROS_OUTDATED"]
    assert "OcopRibbon" in result.issues[0].message_vi

    before = FileWorkbook.open(path, writable=False).read_table("communes")
    set_udf_modules(path, "json")  # a staff module of their own (here one with no function)
    upgrade_macros(path)
    assert read_macros(path).conf["UDF MODULES"] == "json;ocop_xl.excel.udfs"  # kept, ours added
    assert check_install_result(path).issues == []
    after = FileWorkbook.open(path, writable=False).read_table("communes")
    assert before.equals(after)
    assert read_macros(path).module("OcopRibbon").code.endswith("' v2\r\n")
    audit = FileWorkbook.open(path, writable=False).read_table("audit")
    assert list(audit["command"])[-1] == "upgrade-macros"


def test_function_cells_that_would_show_an_error_are_found(tmp_path, no_appdata):
    path = build_master(tmp_path)
    built = read_macros(path).modules
    replace_vba(path, [m for m in built if m.name != "xlwings_udfs"])  # never imported
    assert codes(check_install_result(path)) == ["INSTALL_UDFS_OUTDATED"]
    wrappers = next(m for m in built if m.name == "xlwings_udfs")
    fewer = Module(wrappers.name, wrappers.kind, wrappers.code.replace("Optional limit", "limit"))
    replace_vba(path, [fewer if m is wrappers else m for m in built])
    assert codes(check_install_result(path)) == ["INSTALL_UDFS_OUTDATED"]
    # what xlwings' Import Functions writes by hand: its module, without Option Explicit
    # and (add-in mode) without our private XLPy, so its cells would need the reference
    ours = ("' Written by ocop_xl", "' with xlwings' generator", "Option Explicit")
    start = wrappers.code.index("Private Function XLPy")
    end = wrappers.code.index("End Function", start) + len("End Function")
    hand = "\n".join(
        line
        for line in (wrappers.code[:start] + wrappers.code[end:]).splitlines()
        if not line.startswith(ours) and "reached without a VBA reference" not in line
    )
    assert "Function OCOP_STAR" in hand and "XLPy" in hand
    replace_vba(
        path, [Module(wrappers.name, wrappers.kind, hand) if m is wrappers else m for m in built]
    )
    assert codes(check_install_result(path)) == ["INSTALL_UDFS_OUTDATED"]
    upgrade_macros(path)
    assert check_install_result(path).issues == []
    # Windows: the xlwings DLL beside Python, and the interpreter xlwings.conf names
    python = tmp_path / "Python311"
    python.mkdir()
    result = check_install_result(path, platform_name="win32", prefix=python)
    assert codes(result) == ["INSTALL_XLWINGS_DLL"]
    assert f"xlwings64-{xlwings.__version__}.dll" in result.issues[0].message_vi
    (python / f"xlwings64-{xlwings.__version__}.dll").write_bytes(b"")
    assert check_install_result(path, platform_name="win32", prefix=python).issues == []
    book = load_workbook(path, keep_vba=True)
    book[CONF_SHEET]["A3"], book[CONF_SHEET]["B3"] = "Interpreter_Win", str(python / "py.exe")
    book.save(path)
    result = check_install_result(path, platform_name="win32", prefix=python)
    assert codes(result) == ["INSTALL_INTERPRETER_MISSING"]


def test_a_save_in_excel_is_not_outdated(tmp_path, no_appdata):
    """After a save in Excel the editor has re-cased identifiers after another module
    (xlwings' ``Hwnd``, a ``tag``), laid lines out again and stored CRLF: same macros."""
    path = build_master(tmp_path)
    built = read_macros(path).modules
    ribbon = next(m for m in built if m.name == "OcopRibbon")
    saved = (
        ribbon.code.replace("control.Tag", "control.tag")
        .replace("hWnd", "Hwnd")
        .replace("StrPtr(text), StrPtr(caption)", "StrPtr(text),StrPtr(caption)")
    )
    assert saved != ribbon.code
    replace_vba(path, [Module(m.name, m.kind, saved) if m is ribbon else m for m in built])
    assert check_install_result(path).issues == []
    changed = saved.replace("Application.Run", "Application.Evaluate", 1)
    replace_vba(path, [Module(m.name, m.kind, changed) if m is ribbon else m for m in built])
    assert codes(check_install_result(path)) == ["INSTALL_MACROS_OUTDATED"]


def test_an_xlsx_master_gets_an_xlsm_beside_it(master, no_appdata):
    result = check_install_result(master)
    assert "INSTALL_NO_MACROS" in codes(result)
    original = master.read_bytes()
    upgrade_macros(master, standalone=True)
    target = master.with_suffix(".xlsm")
    assert master.read_bytes() == original  # the .xlsx stays as it was
    info = read_macros(target)
    assert info.mode == "standalone" and info.module("xlwings") is not None
    assert info.custom_ui is not None and info.has_conf
    rows = FileWorkbook.open(target, writable=False).read_table("communes")
    assert len(rows) == len(FileWorkbook.open(master, writable=False).read_table("communes"))
    with pytest.raises(OcopError) as raised:
        upgrade_macros(master)
    assert raised.value.code == "OUTPUT_EXISTS"


def test_the_action_asks_excel_where_the_addin_is(tmp_path, no_appdata):
    path = build_master(tmp_path)

    class Live:
        name, folder = path.name, path.parent

        def addin_path(self):
            return tmp_path / "nowhere" / "xlwings.xlam"

    result = check_install(Live())
    assert codes(result) == ["INSTALL_ADDIN_MISSING"]
    assert str(tmp_path / "nowhere") in result.issues[0].message_vi
