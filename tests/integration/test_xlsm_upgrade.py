"""upgrade-macros refreshes our VBA and keeps everything else the workbook's project holds:
the UDF module xlwings imported, the staff's macros and sheet modules, their code page."""

import zipfile

import pytest

from ocop_xl.actions.system import upgrade_macros
from ocop_xl.domain.issues import OcopError
from ocop_xl.workbook.xlsm import read_macros, workbook_modules, xlwings_vba
from ocop_xl.workbook.xlsm.vba_project import Module, read_project, standard_module
from ocop_xl.workbook.xlsm.vba_project import workbook_module as document

from .addin_helpers import (
    build_master,
    office_project,
    olevba_modules,
    replace_vba,
    replace_vba_bytes,
)

STAFF = standard_module(
    'Attribute VB_Name = "SoTay"\r\n\' Ghi chú: đơn\r\nSub InDanhSach()\r\nEnd Sub\r\n'
)
UDFS = standard_module(
    'Attribute VB_Name = "xlwings_udfs"\r\nFunction OCOP_HANG_SAO(diem)\r\nEnd Function\r\n'
)


def workbook_with_code() -> Module:
    base = document()
    return Module(base.name, "document", base.code + "Private Sub Workbook_Open()\r\nEnd Sub\r\n")


def sheet_module() -> Module:
    base = document("Sheet1")
    code = base.code.replace("00020819", "00020820")  # a worksheet's base, not a workbook's
    return Module("Sheet1", "document", code)


def test_other_modules_survive_an_upgrade(tmp_path):
    path = build_master(tmp_path, standalone=True)
    old_ribbon = standard_module('Attribute VB_Name = "OcopRibbon"\r\n\' an old version\r\n')
    replace_vba(
        path,
        [workbook_with_code(), old_ribbon, *xlwings_vba().modules, sheet_module(), STAFF, UDFS],
        code_page=1258,  # a Vietnamese Windows saved it
    )
    upgrade_macros(path)  # back to the add-in mode
    with zipfile.ZipFile(path) as archive:
        project = read_project(archive.read("xl/vbaProject.bin"))
    names = [m.name for m in project.modules]
    assert names == ["ThisWorkbook", "OcopRibbon", "Sheet1", "SoTay", "xlwings_udfs"]
    assert project.code_page == 1258
    modules = olevba_modules(path)
    ours = {m.name: m.code for m in workbook_modules()}
    assert modules["OcopRibbon"] == ours["OcopRibbon"]
    assert "Workbook_Open" in modules["ThisWorkbook"]
    found = {m.name: m for m in project.modules}
    assert found["SoTay"].code == STAFF.code  # "đơn" is not in cp1252: the code page was kept
    assert found["Sheet1"].kind == "document"
    assert read_macros(path).mode == "addin"
    assert "xlwings" not in modules and "Dictionary" not in modules  # the add-in serves now


def test_userforms_are_never_dropped(tmp_path):
    path = build_master(tmp_path)
    replace_vba(
        path,
        [document(), standard_module('Attribute VB_Name = "SoTay"\r\n')],
        project_text=lambda text: text.replace(b"Module=SoTay", b"BaseClass=SoTay"),
    )
    before = path.read_bytes()
    with pytest.raises(OcopError) as raised:
        upgrade_macros(path)
    assert raised.value.code == "VBA_FORMS_PRESENT"
    assert path.read_bytes() == before


def test_a_project_excel_made_keeps_its_references_and_modules(tmp_path):
    """xlwings' quickstart.xlsm was saved by Excel: MSForms, Office and a reference to the
    xlwings add-in's project, three document modules and a standard module of its own."""
    office = office_project("quickstart.xlsm")
    before = read_project(office)
    assert [r.name for r in before.references] == ["MSForms", "Office", "xlwings"]
    path = build_master(tmp_path)
    replace_vba_bytes(path, office)
    upgrade_macros(path)
    with zipfile.ZipFile(path) as archive:
        after = read_project(archive.read("xl/vbaProject.bin"))
    assert after.information == before.information  # every reference record, byte for byte
    assert after.references == before.references
    theirs = {m.name: m for m in before.modules}
    for module in after.modules:
        if module.name in theirs:
            assert module == theirs[module.name], module.name
    assert {m.name for m in before.modules} <= {m.name for m in after.modules}
    assert after.modules[-1].name == "OcopRibbon"  # ours, after the modules they had
    text = after.project_text
    assert text.splitlines()[0] == before.project_text.splitlines()[0]  # the project's ID
    assert "Module=OcopRibbon" in text and "Module=Module1" in text
    assert "Module1=280, 53, 1143, 563, Z" in text  # the editor's window of their module
    assert (
        olevba_modules(path)["OcopRibbon"]
        == {m.name: m.code for m in workbook_modules()}["OcopRibbon"]
    )


def test_a_locked_project_is_refused(tmp_path):
    """The xlwings add-in's project is locked with a password: rebuilt, it would be
    unlocked, so upgrade-macros leaves such a workbook alone."""
    locked = read_project(office_project("addin/xlwings.xlam"))
    assert locked.protected and not read_project(office_project("quickstart.xlsm")).protected
    path = build_master(tmp_path)
    replace_vba_bytes(path, office_project("addin/xlwings.xlam"))
    before = path.read_bytes()
    with pytest.raises(OcopError) as raised:
        upgrade_macros(path)
    assert raised.value.code == "VBA_PROTECTED"
    assert path.read_bytes() == before
