"""Every action keeps the macro side of the .xlsm master: the VBA project, the ribbon part
and its relationship, the xlwings.conf sheet, the mode mark, and the layout's validations
and tables. Written over the demo (whose master is the .xlsm) and then every ribbon action
the registry knows, run the way the ribbon runs them."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd
from openpyxl import load_workbook

from ocop_xl.actions import ACTIONS
from ocop_xl.domain.document import DocColumn, Document
from ocop_xl.excel.dispatch import run_tag
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.xlsm import CONF_SHEET, MODE_NAME, custom_ui, read_macros
from ocop_xl.workbook.xlsm.package import CUSTOM_UI_REL
from ocop_xl.workbook.xlsm.ribbon import ribbon_buttons

from .addin_helpers import FakeUi, build_master


def snapshot(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        vba = archive.read("xl/vbaProject.bin")
        ribbon = archive.read("customUI/customUI.xml")
        rels = {
            rel.get("Type"): rel.get("Target") for rel in ET.fromstring(archive.read("_rels/.rels"))
        }
    book = load_workbook(path, keep_vba=True)
    conf = book[CONF_SHEET]
    tables = {}
    validations = set()
    for ws in book.worksheets:
        for table in ws.tables.values():
            first = table.ref.split(":")[0]
            row = int("".join(ch for ch in first if ch.isdigit()))
            tables[table.name] = (ws.title, first, [c.value for c in ws[row] if c.value])
        for dv in ws.data_validations.dataValidation:
            columns = {str(r).rstrip("0123456789").split(":")[0] for r in dv.sqref.ranges}
            validations.add((ws.title, dv.type, dv.formula1, frozenset(columns)))
    return {
        "vba": vba,
        "ribbon": ribbon,
        "ribbon_rel": rels.get(CUSTOM_UI_REL),
        "conf": [(r[0].value, r[1].value) for r in conf.iter_rows(max_col=2) if r[0].value],
        "conf_state": conf.sheet_state,
        "mode": book.defined_names[MODE_NAME].attr_text,
        "code_name": book.code_name,
        "sheet_code_names": {ws.title: ws.sheet_properties.codeName for ws in book.worksheets},
        "tables": tables,
        "validations": validations,
    }


def assert_kept(after: dict, fresh: dict) -> None:
    assert fresh["tables"] and fresh["validations"]  # the comparison has substance
    keys = ("vba", "ribbon", "ribbon_rel", "conf", "conf_state", "mode", "code_name")
    for key in (*keys, "sheet_code_names"):
        assert after[key] == fresh[key], key
    for name, (sheet, anchor, headers) in fresh["tables"].items():
        assert name in after["tables"], name
        kept_sheet, kept_anchor, kept_headers = after["tables"][name]
        assert (kept_sheet, kept_anchor) == (sheet, anchor)
        assert kept_headers[: len(headers)] == headers
    assert fresh["validations"] <= after["validations"]


def test_the_demo_and_every_ribbon_action_keep_the_macro_side(tmp_path, demo_folder):
    demo = tmp_path / "demo"
    shutil.copytree(demo_folder, demo)  # the demo run once for the session (tests/conftest.py)
    master = demo / "ocop_master.xlsm"
    assert master.is_file() and not (demo / "ocop_master.xlsx").exists()

    ran = []
    buttons = ribbon_buttons(custom_ui())
    assert [b.tag for b in buttons if b.tag not in ACTIONS] == []  # every button runs an action
    for button in buttons:
        ui = FakeUi()
        outcome = run_tag(button.tag, FileWorkbook.open(master), ui)
        assert outcome.log is None, (button.tag, outcome.message)  # no unexpected error
        assert ui.events[:2] == ["begin", "end"]
        ran.append(button.tag)
    assert ran == [b.tag for b in buttons]

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert_kept(snapshot(master), snapshot(build_master(fresh, standalone=True)))  # the default
    assert read_macros(master).custom_ui == custom_ui()


def test_file_workbook_writes_keep_the_macro_side(tmp_path):
    master = build_master(tmp_path)
    before = snapshot(master)
    wb = FileWorkbook.open(master)
    wb.write_table(
        "registrations",
        pd.DataFrame([{"product_id": f"SP{i}", "commune_code": "ha-ky"} for i in range(30)]),
    )
    wb.write_document(
        "minutes",
        Document(
            title="BIÊN BẢN",
            issuing_body=("UBND HUYỆN TỨ KỲ",),
            place_date="Tứ Kỳ, ngày 1 tháng 1 năm 2024",
            columns=(DocColumn("STT", 6, "int"), DocColumn("Nội dung", 40)),
            rows=[(1, "Họp hội đồng")],
        ),
    )
    wb.commit()
    for _ in range(2):  # and again, from the saved file
        wb = FileWorkbook.open(master)
        wb.write_table("issues", wb.read_table("issues"))
        wb.commit()
    assert_kept(snapshot(master), before)
    assert load_workbook(master)["Biên bản"]["A1"].value is not None
