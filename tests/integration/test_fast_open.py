"""Opening a master whose large tables are taken out of their sheets before openpyxl loads
the rest (workbook/fast_open.py): the tables read as openpyxl reads them, the file saves as
openpyxl would save it, and sheets with what the reader does not take load as before."""

from __future__ import annotations

import shutil
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from ocop_xl.workbook import fast_sheet
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.libreoffice import convert
from ocop_xl.workbook.openpyxl_compat import FAST_ENV
from ocop_xl.workbook.table import read_table

from ..conftest import require_soffice
from .addin_helpers import build_master
from .test_fast_write import SHEET, TABLE, calamine_rows, cell_view, variety
from .test_xlsm_roundtrip import assert_kept, snapshot


@pytest.fixture(autouse=True)
def fast_paths_on():
    """These tests are about the fast paths: on, even in the plain run (OCOP_XL_FAST=0).
    (A monkeypatch of its own: the tests' monkeypatch.undo() leaves it.)"""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(FAST_ENV, "1")
        yield


def as_openpyxl_reads(path, name: str = "registrations") -> pd.DataFrame:
    """The table as FileWorkbook read it before: from openpyxl cells (formulas read by
    their value Excel last computed, as FileWorkbook does)."""
    spec = MASTER.table(name)
    values = load_workbook(path, data_only=True)[spec.sheet]
    return read_table(
        load_workbook(path)[spec.sheet],
        spec,
        path.name,
        formula_value=lambda _ws, row, col, _text: values.cell(row, col).value,
    )


@pytest.fixture
def filled(master, monkeypatch):
    """A master whose Đăng ký holds 150 rows written as openpyxl cells, with the office's
    own touches: a row height, a hidden row, a note beside the table, a coloured cell."""
    monkeypatch.setattr(fast_sheet, "FAST_MIN_CELLS", 10**9)
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", variety(150))
    wb.commit()
    monkeypatch.undo()
    book = load_workbook(master)
    ws = book[SHEET]
    ws.row_dimensions[4].height = 33
    ws.row_dimensions[7].hidden = True
    ws["W5"] = "ghi chú ngoài bảng"
    ws["B9"].fill = PatternFill("solid", start_color="FFFF00")
    book.save(master)
    return master


def test_a_large_table_reads_as_openpyxl_reads_it(filled):
    wb = FileWorkbook.open(filled, writable=False)
    assert TABLE in wb.held_tables
    frame = wb.read_table("registrations")
    pd.testing.assert_frame_equal(frame, as_openpyxl_reads(filled))
    assert frame.loc[2, "certificate_date"] == pd.Timestamp(date(2024, 1, 2)).to_pydatetime()
    assert frame.loc[3, "product_name"] == "  khoảng trắng ở đầu"


def test_saving_it_untouched_gives_what_openpyxl_would(filled, tmp_path):
    by_openpyxl = tmp_path / "openpyxl.xlsx"
    load_workbook(filled).save(by_openpyxl)
    wb = FileWorkbook.open(filled)
    assert TABLE in wb.held_tables
    wb.write_table("issues", pd.DataFrame({"code": ["MA_1"]}))  # another table changes
    wb.commit()
    assert cell_view(filled) == cell_view(by_openpyxl)
    assert calamine_rows(filled) == calamine_rows(by_openpyxl)
    ws = load_workbook(filled)[SHEET]
    assert ws.row_dimensions[4].height == 33 and ws.row_dimensions[7].hidden
    assert ws["W5"].value == "ghi chú ngoài bảng"
    assert ws["B9"].fill.fgColor.rgb.endswith("FFFF00")


def test_rewriting_a_table_held_since_opening(filled, monkeypatch, tmp_path):
    frame = variety(140).iloc[::-1].reset_index(drop=True)  # shorter, reordered
    slow = tmp_path / "slow.xlsx"
    shutil.copy(filled, slow)
    monkeypatch.setattr(fast_sheet, "FAST_MIN_CELLS", 10**9)
    with monkeypatch.context() as m:  # openpyxl all the way: load and write cells
        m.setattr("ocop_xl.workbook.fast_open.MIN_PART_BYTES", 10**12)
        wb = FileWorkbook.open(slow)
        assert not wb.held_tables
        wb.write_table("registrations", frame)
        wb.commit()
    monkeypatch.undo()
    wb = FileWorkbook.open(filled)
    assert TABLE in wb.held_tables
    wb.write_table("registrations", frame)
    wb.commit()
    assert cell_view(filled) == cell_view(slow)
    assert calamine_rows(filled) == calamine_rows(slow)


def test_a_file_libreoffice_saved_reads_the_same(master, tmp_path, monkeypatch):
    require_soffice()
    frame = variety(150)
    # LibreOffice writes a boolean as the formula TRUE(), which the reader leaves to openpyxl
    frame["group_code"] = [str(v) if type(v) is bool else v for v in frame["group_code"]]
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", frame)
    wb.commit()
    saved = convert(master, "xlsx", tmp_path / "lo")  # shared strings, LibreOffice's XML
    monkeypatch.setattr("ocop_xl.workbook.fast_open.MIN_PART_BYTES", 0)  # a compact part
    wb = FileWorkbook.open(saved, writable=False)
    assert TABLE in wb.held_tables
    pd.testing.assert_frame_equal(wb.read_table("registrations"), as_openpyxl_reads(saved))


@pytest.mark.parametrize("what", ["formula", "rich text", "error value", "comment", "merged"])
def test_sheets_with_what_the_reader_does_not_take_load_as_before(filled, what):
    book = load_workbook(filled)
    ws = book[SHEET]
    if what == "formula":
        ws["R10"] = '=UPPER("ghi chú")'  # no saved value: the program computes it
    elif what == "rich text":
        ws["D10"] = CellRichText("đậm ", TextBlock(InlineFont(b=True), "một phần"))
    elif what == "error value":
        ws["R10"] = "#N/A"  # openpyxl stores this as an error value
        assert ws["R10"].data_type == "e"
    elif what == "comment":
        ws["W6"].comment = Comment("Của phòng", "cb")
    else:
        ws.merge_cells("W2:X2")
    book.save(filled)
    wb = FileWorkbook.open(filled)
    assert TABLE not in wb.held_tables
    expected = as_openpyxl_reads(filled)
    if what == "formula":
        assert expected.loc[10, "notes"] is None  # openpyxl alone reads it as blank
        expected.loc[10, "notes"] = "GHI CHÚ"
    pd.testing.assert_frame_equal(wb.read_table("registrations"), expected)


def test_an_xlsm_master_opened_this_way_keeps_its_macro_side(tmp_path, monkeypatch):
    master = build_master(tmp_path)
    before = snapshot(master)
    monkeypatch.setattr(fast_sheet, "FAST_MIN_CELLS", 10**9)
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", variety(200))
    wb.commit()
    monkeypatch.undo()
    wb = FileWorkbook.open(master)
    assert TABLE in wb.held_tables
    wb.write_table("issues", pd.DataFrame({"code": ["MA_1"]}))
    wb.commit()
    assert_kept(snapshot(master), before)
    assert len(FileWorkbook.open(master, writable=False).read_table("registrations")) == 200
