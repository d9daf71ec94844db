"""Every sheet of the .xlsm has a code name and a document module, as Excel keeps them
(else Excel adds Sheet1… on opening and asks to save on closing): from the build, across
actions and upgrade-macros, and for sheets an action adds."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from ocop_xl.actions.system import upgrade_macros
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.xlsm import CONF_SHEET
from ocop_xl.workbook.xlsm.documents import WORKSHEET_BASE, document_module
from ocop_xl.workbook.xlsm.vba_project import Module, read_project

from .addin_helpers import build_master, olevba_modules, replace_vba


def code_names(path: Path) -> dict[str, str]:
    book = load_workbook(path, keep_vba=True)
    names = {ws.title: ws.sheet_properties.codeName for ws in book.worksheets}
    names[""] = book.code_name
    return names


def project(path: Path):
    with zipfile.ZipFile(path) as archive:
        return read_project(archive.read("xl/vbaProject.bin"))


def assert_one_module_per_sheet(path: Path) -> None:
    names = code_names(path)
    documents = [m.name for m in project(path).modules if m.kind == "document"]
    assert sorted(documents) == sorted(names.values())  # no sheet without, no module left over


def test_a_new_master_names_every_sheet_as_excel_does(tmp_path):
    path = build_master(tmp_path)
    names = code_names(path)
    sheets = [*MASTER.sheet_order, CONF_SHEET]
    assert names == {"": "ThisWorkbook", **{t: f"Sheet{i}" for i, t in enumerate(sheets, 1)}}
    modules = olevba_modules(path)
    for i in range(1, len(sheets) + 1):
        assert modules[f"Sheet{i}"] == document_module(f"Sheet{i}", WORKSHEET_BASE).code
        assert f'VB_Base = "{WORKSHEET_BASE}"' in modules[f"Sheet{i}"]
    text = project(path).project_text
    assert f"Document=Sheet{len(sheets)}/&H00000000" in text
    assert_one_module_per_sheet(path)


def test_a_sheet_an_action_adds_gets_its_own_and_a_remade_one_keeps_its_own(tmp_path):
    path = build_master(tmp_path)
    before = code_names(path)
    wb = FileWorkbook.open(path)
    del wb.book["Kết quả"]  # gone, as if a staff member had deleted it
    wb.write_table("results", pd.DataFrame(columns=list(MASTER.table("results").keys)))
    wb.commit()
    after = code_names(path)
    assert after["Kết quả"] and after["Kết quả"] not in (
        v for k, v in before.items() if k != "Kết quả"
    )
    assert {k: v for k, v in after.items() if k != "Kết quả"} == {
        k: v for k, v in before.items() if k != "Kết quả"
    }
    assert_one_module_per_sheet(path)  # the new sheet's module in, the old empty one out


def test_staff_code_in_a_sheet_module_stays(tmp_path):
    path = build_master(tmp_path)
    modules = project(path).modules
    sheet2 = next(m for m in modules if m.name == "Sheet2")
    typed = Module(
        "Sheet2", "document", sheet2.code + "Private Sub Worksheet_Activate()\r\nEnd Sub\r\n"
    )
    replace_vba(path, [typed if m.name == "Sheet2" else m for m in modules])
    upgrade_macros(path)
    wb = FileWorkbook.open(path)
    wb.write_table("issues", wb.read_table("issues"))
    wb.commit()
    kept = {m.name: m for m in project(path).modules}
    assert kept["Sheet2"].code == typed.code
    assert_one_module_per_sheet(path)
    # the sheet is deleted: its module, holding code, is kept rather than lost
    wb = FileWorkbook.open(path)
    title = next(t for t, c in code_names(path).items() if c == "Sheet2")
    del wb.book[title]
    wb.save()
    assert {m.name: m for m in project(path).modules}["Sheet2"].code == typed.code


def test_an_xlsx_master_upgraded_gets_code_names_and_modules(master):
    upgrade_macros(master)
    target = master.with_suffix(".xlsm")
    assert all(code_names(target).values())
    assert_one_module_per_sheet(target)
