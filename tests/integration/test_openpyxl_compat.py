"""The openpyxl internals ocop_xl uses (workbook/openpyxl_compat.py) still mean what they
meant with openpyxl 3.1.5: each function is run on a real workbook, written and read back,
against what openpyxl's public API says of the same cells. A new openpyxl that renames or
changes one of them fails here, by name, before any action misbehaves. And the plain path
(``OCOP_XL_FAST=0``) reads and writes the same master as the fast one."""

from __future__ import annotations

import re
import shutil
import zipfile
from copy import copy
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.table import Table

from ocop_xl.workbook import openpyxl_compat as compat
from ocop_xl.workbook.file_workbook import FileWorkbook

from .test_fast_write import SHEET, TABLE, calamine_rows, cell_view, sheet_part, variety

# The private names the compat module reads or sets, by the class that must have them.
PRIVATE = {
    Cell: ["_value", "_style", "_comment", "_hyperlink"],
    MergedCell: ["_value", "_comment"],
    openpyxl.worksheet.worksheet.Worksheet: ["_cells", "_charts"],
    openpyxl.workbook.workbook.Workbook: [
        "_cell_styles",
        "_date_formats",
        "_timedelta_formats",
        "_sheets",
    ],
    Table: ["_initialise_columns"],
    compat.ExcelReader: ["read"],
}


def test_openpyxl_is_the_version_the_compat_module_was_written_for():
    assert openpyxl.__version__.startswith("3.1."), openpyxl.__version__
    major, minor, patch = (int(p) for p in openpyxl.__version__.split(".")[:3])
    assert (major, minor, patch) >= (3, 1, 5)


@pytest.mark.parametrize("owner", list(PRIVATE), ids=lambda c: c.__name__)
def test_the_private_names_exist(owner):
    book = Workbook()
    sample = {
        Cell: lambda: book.active.cell(1, 1),
        MergedCell: lambda: MergedCell(book.active, 1, 1),
        openpyxl.worksheet.worksheet.Worksheet: lambda: book.active,
        openpyxl.workbook.workbook.Workbook: lambda: book,
        Table: lambda: Table(displayName="t", ref="A1:B2"),
        compat.ExcelReader: lambda: compat.ExcelReader,
    }[owner]()
    missing = [name for name in PRIVATE[owner] if not hasattr(sample, name)]
    assert not missing, f"openpyxl {openpyxl.__version__}: {owner.__name__} lacks {missing}"


@pytest.fixture
def sample(tmp_path) -> Path:
    """A workbook with what the master holds: texts, numbers, dates, a duration, styles,
    a note, a link, a formula, merged cells, a table, a chart and a chart sheet."""
    book = Workbook()
    ws = book.active
    ws.title = "Dữ liệu"
    ws.append(["Tên", "Số", "Ngày", "Thời lượng"])
    ws.append(["Mật ong & <hoa>", 1.5, date(2024, 1, 2), timedelta(hours=26)])
    ws.append(["  Chè ", 10**12, datetime(2023, 5, 6, 7, 8, 9), None])
    ws["A2"].font = Font(bold=True, color="FF0000")
    ws["A2"].fill = PatternFill("solid", start_color="FFFF00")
    ws["B2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws["D2"].number_format = "[h]:mm:ss"
    ws["A3"].comment = Comment("Của phòng", "cb")
    ws["B3"].hyperlink = "https://example.org"
    ws["E2"] = "=B2*2"
    ws.merge_cells("G1:H2")
    ws.add_table(Table(displayName="tblMau", ref="A1:D3"))
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    ws.add_chart(chart, "J2")
    sheet_chart = BarChart()
    sheet_chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    book.create_chartsheet("Biểu đồ").add_chart(sheet_chart)
    book.create_sheet("Ghi chú")
    path = tmp_path / "mau.xlsx"
    book.save(path)
    return path


def public_cells(ws) -> dict:
    """Every cell openpyxl's public API shows, with what the compat functions stand for."""
    return {
        c.coordinate: (
            c.value,
            c.data_type,
            c.number_format,
            copy(c.font),  # (a copy is the style itself, which compares by value)
            copy(c.fill),
            copy(c.alignment),
        )
        for row in ws.iter_rows()
        for c in row
        if c.value is not None or c.has_style
    }


def with_shared_strings(path: Path) -> bytes:
    """The package with its texts in a shared strings part, as Excel saves them (openpyxl
    writes them inline)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    strings: list[bytes] = []

    def shared(m: re.Match) -> bytes:
        strings.append(m.group(2))
        return m.group(1) + b' t="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"

    cell = rb'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is><t[^>]*>([^<]*)</t></is></c>'
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        parts[name] = re.sub(cell, shared, parts[name])
    items = b"".join(b'<si><t xml:space="preserve">' + s + b"</t></si>" for s in strings)
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + items
        + b"</sst>"
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument'
        b'/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert strings
    return out.getvalue()


def test_read_package_reads_what_load_workbook_reads(sample):
    data = with_shared_strings(sample)
    book, strings = compat.read_package(BytesIO(data), keep_vba=False)
    plain = load_workbook(BytesIO(data))
    assert book.sheetnames == plain.sheetnames
    assert public_cells(book["Dữ liệu"]) == public_cells(plain["Dữ liệu"])
    assert public_cells(book["Dữ liệu"]) == public_cells(load_workbook(sample)["Dữ liệu"])
    assert list(strings)[:3] == ["Tên", "Số", "Ngày"]
    assert {"Mật ong & <hoa>", "  Chè "} <= set(strings)  # references resolved, spaces kept
    assert {".xlsx", ".xlsm"} <= set(compat.SUPPORTED_FORMATS)


def test_sheet_cells_are_the_cells_and_reading_them_creates_none(sample):
    ws = load_workbook(sample)["Dữ liệu"]
    cells = compat.sheet_cells(ws)
    assert cells[(2, 1)] is ws["A2"] and cells[(2, 1)].value == "Mật ong & <hoa>"
    assert (40, 40) not in cells and cells.get((40, 40)) is None
    assert ws.max_row == 3  # looking did not make row 40
    assert isinstance(cells[(1, 8)], MergedCell)
    moved = cells.pop((3, 2))
    moved.row = 9
    cells[(9, 2)] = moved
    assert ws["B9"].value == 10**12 and ws["B3"].value is None


def test_style_arrays_carry_the_whole_style(sample, tmp_path):
    book = load_workbook(sample)
    ws = book["Dữ liệu"]
    source = ws["A2"]
    array = compat.cell_style(source)
    assert compat.style_arrays(book)[compat.add_cell_style(book, array)] == array
    target = ws.cell(7, 1)
    compat.set_cell_style(target, array)
    assert compat.cell_style(target) is not array  # a copy: cells do not share arrays
    assert (copy(target.font), copy(target.fill), target.number_format) == (
        copy(source.font),
        copy(source.fill),
        source.number_format,
    )
    out = tmp_path / "styled.xlsx"
    book.save(out)
    again = load_workbook(out)["Dữ liệu"]["A7"]
    assert again.font.b and again.font.color.rgb == "00FF0000"
    assert again.fill.fgColor.rgb == "00FFFF00"


def test_date_and_duration_style_ids(sample):
    book = load_workbook(sample)
    ws = book["Dữ liệu"]
    ids = list(compat.style_arrays(book))

    def style_id(cell):
        return ids.index(compat.cell_style(cell))

    assert style_id(ws["C2"]) in compat.date_style_ids(book)
    assert style_id(ws["D2"]) in compat.date_style_ids(book)
    assert style_id(ws["D2"]) in compat.timedelta_style_ids(book)
    assert style_id(ws["C2"]) not in compat.timedelta_style_ids(book)
    assert style_id(ws["B2"]) not in compat.date_style_ids(book)
    assert isinstance(ws["C2"].value, datetime) and isinstance(ws["D2"].value, timedelta)


def test_formula_text_sheets_charts_and_table_columns(sample, tmp_path):
    book = load_workbook(sample)
    ws = book["Dữ liệu"]
    compat.set_formula_text(ws["E2"], "=B2*3")
    assert ws["E2"].value == "=B2*3" and ws["E2"].data_type == "f"
    order = compat.sheets_in_tab_order(book)
    assert [s.title for s in order] == book.sheetnames == ["Dữ liệu", "Biểu đồ", "Ghi chú"]
    assert order[1] in book.chartsheets and order[2] in book.worksheets
    assert len(compat.charts(ws)) == 1
    compat.set_charts(ws, [])
    table = Table(displayName="tblMoi", ref="A12:C13")
    compat.initialise_table_columns(table)
    assert [c.name for c in table.tableColumns] == ["Column1", "Column2", "Column3"]
    ws.add_table(table)
    out = tmp_path / "changed.xlsx"
    book.save(out)
    again = load_workbook(out)
    assert again["Dữ liệu"]["E2"].value == "=B2*3"
    assert [c.name for c in again["Dữ liệu"].tables["tblMoi"].tableColumns] == [
        "Column1",
        "Column2",
        "Column3",
    ]
    with zipfile.ZipFile(out) as archive:  # the chart sheet's chart is the only one left
        assert len([n for n in archive.namelist() if n.startswith("xl/charts/chart")]) == 1


def test_the_cell_helpers_match_what_openpyxl_does_to_a_cell():
    ws = Workbook().active
    for row, value in enumerate((date(2024, 1, 2), datetime(2024, 1, 2, 3, 4), timedelta(hours=1))):
        assert type(value) in compat.TIME_TYPES
        cell = ws.cell(row + 1, 1, value)
        assert cell.number_format == compat.get_time_format(type(value))
    assert compat.ILLEGAL_CHARACTERS_RE.sub("", "a\x01b\x07c") == "abc"
    with pytest.raises(openpyxl.utils.exceptions.IllegalCharacterError):
        ws.cell(2, 1, "a\x01b")
    assert compat.safe_string(1.5) == "1.5" and compat.safe_string(10**14 + 3) == "100000000000003"


def test_the_switch(monkeypatch):
    monkeypatch.delenv(compat.FAST_ENV, raising=False)
    assert compat.fast_paths()
    monkeypatch.setenv(compat.FAST_ENV, "0")
    assert not compat.fast_paths()
    monkeypatch.setenv(compat.FAST_ENV, "1")
    assert compat.fast_paths()


def test_the_plain_path_reads_and_writes_what_the_fast_one_does(master, tmp_path, monkeypatch):
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", variety(150))  # large: held rows on the fast path
    wb.commit()
    frame = variety(140).iloc[::-1].reset_index(drop=True)
    results = {}
    for mode in ("1", "0"):
        monkeypatch.setenv(compat.FAST_ENV, mode)
        path = tmp_path / f"fast-{mode}" / master.name
        path.parent.mkdir()
        shutil.copy(master, path)
        wb = FileWorkbook.open(path)
        assert (TABLE in wb.held_tables) is (mode == "1")
        before = wb.read_table("registrations")
        wb.write_table("registrations", frame)
        assert (TABLE in wb.held_tables) is (mode == "1")
        after = wb.read_table("registrations")
        wb.commit()
        reread = FileWorkbook.open(path, writable=False).read_table("registrations")
        results[mode] = (path, before, after, reread)
    fast, plain = results["1"], results["0"]
    for i in (1, 2, 3):
        pd.testing.assert_frame_equal(plain[i], fast[i])
    assert cell_view(plain[0]) == cell_view(fast[0])
    assert calamine_rows(plain[0]) == calamine_rows(fast[0])
    part = sheet_part(load_workbook(fast[0]))
    with zipfile.ZipFile(fast[0]) as a, zipfile.ZipFile(plain[0]) as b:
        assert a.read(part) == b.read(part)  # the same sheet, byte for byte
        assert a.read("xl/styles.xml") == b.read("xl/styles.xml")
    assert SHEET in load_workbook(plain[0]).sheetnames
