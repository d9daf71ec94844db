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
from ocop_xl.workbook.xlsm import CONF_SHEET, read_macros, sources, workbook_modules
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
    set_udf_modules(path, "json; ocop_xl.domain.text")  # importable stand-ins
    result = check_install_result(path)
    assert result.issues == []
    summary = dict(result.summary)
    assert summary["xlwings"] == xlwings.__version__
    assert summary["Macro trong tệp"] == "ThisWorkbook, OcopRibbon"
    assert summary["Thẻ OCOP"] == "12 nút"
    assert summary["Add-in xlwings"] == "chỉ kiểm tra được trên Windows"
    assert result.data["udf_modules"] == {"json": "ok", "ocop_xl.domain.text": "ok"}


def test_a_udf_module_that_does_not_import_is_an_error(tmp_path, no_appdata):
    path = build_master(tmp_path)
    set_udf_modules(path, "ocop_xl.no_such_udfs")
    result = check_install_result(path)
    assert codes(result) == ["INSTALL_UDF_IMPORT"]
    assert "ocop_xl.no_such_udfs" in result.issues[0].message_vi


def test_the_addin_version_is_compared_with_the_installed_xlwings(tmp_path, monkeypatch):
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    path = build_master(tmp_path)
    set_udf_modules(path, "json")
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
    set_udf_modules(path, "json")
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
    set_udf_modules(stale, "json")
    result = check_install_result(stale)
    assert codes(result) == ["INSTALL_VBA_VERSION"]
    assert (
        "0.29.1" in result.issues[0].message_vi and "upgrade-macros" in result.issues[0].message_vi
    )


def test_outdated_macros_are_reported_and_upgraded(tmp_path, no_appdata, monkeypatch):
    path = build_master(tmp_path)
    set_udf_modules(path, "json")
    changed = tmp_path / "macros-new"
    shutil.copytree(MACROS, changed)
    bas = changed / "OcopRibbon.bas"
    bas.write_text(bas.read_text(encoding="ascii") + "' v2\n", encoding="ascii")
    monkeypatch.setenv("OCOP_XL_MACROS", str(changed))
    result = check_install_result(path)
    assert codes(result) == ["INSTALL_MACROS_OUTDATED"]
    assert "OcopRibbon" in result.issues[0].message_vi

    before = FileWorkbook.open(path, writable=False).read_table("communes")
    upgrade_macros(path)
    assert read_macros(path).conf["UDF MODULES"] == "json;ocop_xl.excel.udfs"  # kept, ours added
    set_udf_modules(path, "json")
    assert check_install_result(path).issues == []
    after = FileWorkbook.open(path, writable=False).read_table("communes")
    assert before.equals(after)
    assert read_macros(path).module("OcopRibbon").code.endswith("' v2\r\n")
    audit = FileWorkbook.open(path, writable=False).read_table("audit")
    assert list(audit["action"])[-1] == "upgrade-macros"


def test_a_save_in_excel_is_not_outdated(tmp_path, no_appdata):
    """After a save in Excel the editor has re-cased identifiers after another module
    (xlwings' ``Hwnd``, a ``tag``), laid lines out again and stored CRLF: same macros."""
    path = build_master(tmp_path)
    set_udf_modules(path, "json")
    ours = {m.name: m for m in workbook_modules()}
    ribbon = ours["OcopRibbon"]
    saved = (
        ribbon.code.replace("control.Tag", "control.tag")
        .replace("hWnd", "Hwnd")
        .replace("StrPtr(text), StrPtr(caption)", "StrPtr(text),StrPtr(caption)")
    )
    assert saved != ribbon.code
    replace_vba(path, [ours["ThisWorkbook"], Module("OcopRibbon", "standard", saved)])
    assert check_install_result(path).issues == []
    changed = saved.replace("Application.Run", "Application.Evaluate", 1)
    replace_vba(path, [ours["ThisWorkbook"], Module("OcopRibbon", "standard", changed)])
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
    set_udf_modules(path, "json")

    class Live:
        name, folder = path.name, path.parent

        def addin_path(self):
            return tmp_path / "nowhere" / "xlwings.xlam"

    result = check_install(Live())
    assert codes(result) == ["INSTALL_ADDIN_MISSING"]
    assert str(tmp_path / "nowhere") in result.issues[0].message_vi
