"""LiveWorkbook: the Workbook port on an open book. Here against a small stand-in for
xlwings' objects that behaves like Excel where it matters (values typed into cells are
coerced, a leading apostrophe keeps text as text, tables have a range), and against
xlwings' own ``xw.Book(json=...)`` when an xlwings licence key is present."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from ocop_xl.domain.issues import MasterError
from ocop_xl.excel.live_workbook import LiveWorkbook, excel_number, excel_text
from ocop_xl.excel.staging import CellBlock
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.port import AuditEntry

# -- a stand-in for the xlwings objects LiveWorkbook uses ---------------------------------


def excel_coerce(value):
    """What Excel stores when a value is assigned to a cell."""
    if isinstance(value, str):
        if value.startswith("'"):
            return value[1:]
        if value.startswith("="):
            return ("formula", value)
        try:
            return float(value.replace(",", ""))  # "00123", "1,5e3" become numbers
        except ValueError:
            pass
        if re.fullmatch(r"\d{1,2}/\d{1,2}(/\d{2,4})?", value):
            return ("date", value)
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # Excel keeps every number as a double
    return value


class Cell:
    def __init__(self, row, column):
        self.row, self.column = row, column


class Range:
    def __init__(self, sheet, r1, c1, r2, c2):
        self.sheet, self.r1, self.c1, self.r2, self.c2 = sheet, r1, c1, r2, c2
        self.ndim = None

    row = property(lambda self: self.r1)
    column = property(lambda self: self.c1)
    last_cell = property(lambda self: Cell(self.r2, self.c2))

    def options(self, ndim=None):
        self.ndim = ndim
        return self

    @property
    def value(self):
        """What Excel hands back: a formula cell gives the value Excel calculated."""
        self.sheet.book.calls.append(("read", self.sheet.name))
        rows = [
            [self.sheet.shown(r, c) for c in range(self.c1, self.c2 + 1)]
            for r in range(self.r1, self.r2 + 1)
        ]
        if self.ndim == 2:
            return rows
        if self.ndim == 1:
            return [v for row in rows for v in row]
        raise AssertionError("LiveWorkbook always asks for a shape")

    @value.setter
    def value(self, values):
        self.sheet.book.calls.append(("write", self.sheet.name))
        if not isinstance(values, list):
            values = [[values]]
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                key = (self.r1 + i, self.c1 + j)
                stored = excel_coerce(value)
                if stored is None:
                    self.sheet.cells.pop(key, None)
                else:
                    self.sheet.cells[key] = stored

    @property
    def formula(self):
        """Excel's Range.Formula: a formula's text, a constant as text, "" for a blank."""
        self.sheet.book.calls.append(("formulas", self.sheet.name))
        rows = []
        for r in range(self.r1, self.r2 + 1):
            row = []
            for c in range(self.c1, self.c2 + 1):
                stored = self.sheet.cells.get((r, c))
                if isinstance(stored, tuple) and stored[0] == "formula":
                    row.append(stored[1])
                else:
                    row.append("" if stored is None else str(stored))
            rows.append(tuple(row))
        return tuple(rows)

    @property
    def number_format(self):
        return self.sheet.formats.get((self.r1, self.c1))

    @number_format.setter
    def number_format(self, fmt):
        self.sheet.book.calls.append(("format", self.sheet.name))
        for r in range(self.r1, self.r2 + 1):
            for c in range(self.c1, self.c2 + 1):
                self.sheet.formats[(r, c)] = fmt


class Table:
    def __init__(self, sheet, name, ref):
        self.sheet, self.name, self.ref = sheet, name, ref

    @property
    def range(self):
        c1, r1, c2, r2 = range_boundaries(self.ref)
        return Range(self.sheet, r1, c1, r2, c2)

    def resize(self, rng):
        self.ref = f"{get_column_letter(rng.c1)}{rng.r1}:{get_column_letter(rng.c2)}{rng.r2}"


class Tables(list):
    def __init__(self, sheet):
        super().__init__()
        self.sheet = sheet

    def add(self, source, name, table_style_name):
        table = Table(self.sheet, name, "A1")
        table.resize(source)
        self.append(table)
        return table


class Sheet:
    def __init__(self, book, name):
        self.book, self.name = book, name
        self.cells: dict = {}
        self.formats: dict = {}
        self.calculated: dict = {}  # what Excel calculated for a formula cell, by position
        self.tables = Tables(self)

    def shown(self, r, c):
        stored = self.cells.get((r, c))
        if isinstance(stored, tuple) and stored[0] == "formula":
            return self.calculated.get((r, c))
        return stored

    def range(self, first, second=None):
        if isinstance(first, str):
            c1, r1, c2, r2 = range_boundaries(first)
            return Range(self, r1, c1, r2, c2)
        second = second or first
        return Range(self, first[0], first[1], second[0], second[1])

    @property
    def used_range(self):
        rows = [r for r, _ in self.cells] or [1]
        cols = [c for _, c in self.cells] or [1]
        return Range(self, 1, 1, max(rows), max(cols))


class Sheets(list):
    def __init__(self, book):
        super().__init__()
        self.book = book

    def __getitem__(self, key):
        if isinstance(key, str):
            return next(s for s in self if s.name == key)
        return super().__getitem__(key)

    def add(self, name, before=None, after=None):
        sheet = Sheet(self.book, name)
        index = self.index(before) if before is not None else self.index(after) + 1
        self.insert(index, sheet)
        return sheet


class Name:
    def __init__(self, refers_to):
        self.refers_to = refers_to


class Names(dict):
    def add(self, name, refers_to):
        self[name] = Name(refers_to)


class Book:
    """Loaded from a real master: every value and Excel table, the way Excel holds them."""

    def __init__(self, path: Path, fullname: str | None = None):
        self.name = path.name
        self.fullname = fullname if fullname is not None else str(path)
        self.calls: list = []
        self.sheets = Sheets(self)
        self.names = Names()
        book = load_workbook(path)
        for ws in book.worksheets:
            sheet = Sheet(self, ws.title)
            self.sheets.append(sheet)
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        sheet.cells[(cell.row, cell.column)] = excel_coerce(
                            "'" + cell.value if isinstance(cell.value, str) else cell.value
                        )
            for table in ws.tables.values():
                sheet.tables.append(Table(sheet, table.name, table.ref))
        for name, defined in book.defined_names.items():
            self.names[name] = Name("=" + str(defined.attr_text))


# -- tests ---------------------------------------------------------------------------------


@pytest.fixture
def pair(master):
    """The same master as a file and as an open book."""
    return FileWorkbook.open(master), LiveWorkbook(Book(master))


def registrations(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "product_id": f"SP{i:03d}",
                "commune_code": "ha-ky",
                "product_name": f"Sản phẩm {i}",
            }
            for i in range(1, n + 1)
        ]
    )


def comparable(frame: pd.DataFrame) -> list:
    return [(idx, {k: v for k, v in row.items()}) for idx, row in frame.iterrows()]


def test_reads_a_table_as_the_file_adapter_does(pair):
    file_wb, live = pair
    for name in ("communes", "departments", "tasks", "settings"):
        assert comparable(live.read_table(name)) == comparable(file_wb.read_table(name)), name
    frame = live.read_table("communes")
    assert frame.attrs["sheet"] == "Danh mục xã" and frame.attrs["letters"]["code"] == "A"


def test_one_read_of_values_and_one_of_formulas_per_table(pair):
    _, live = pair
    live.book.calls.clear()
    live.read_table("communes")
    assert live.book.calls == [("read", "Danh mục xã"), ("formulas", "Danh mục xã")]


def test_writes_whole_tables_and_reads_them_back(pair):
    file_wb, live = pair
    for wb in pair:
        wb.write_table("registrations", registrations(30))
    live.commit()
    assert comparable(live.read_table("registrations")) == comparable(
        file_wb.read_table("registrations")
    )
    table = live.book.sheets["Đăng ký"].tables[0]
    assert table.ref.endswith("31")  # header + 30 rows
    writes = [c for c in live.book.calls if c == ("write", "Đăng ký")]
    assert len(writes) == 1  # the whole block in one assignment


def test_shrinking_a_table_clears_the_rows_it_no_longer_has(pair):
    _, live = pair
    live.write_table("registrations", registrations(30))
    live.commit()
    live.write_table("registrations", registrations(3))
    live.commit()
    sheet = live.book.sheets["Đăng ký"]
    assert sheet.tables[0].ref.endswith("4")
    assert not any(r > 4 for r, _ in sheet.cells)
    assert list(live.read_table("registrations")["product_id"]) == ["SP001", "SP002", "SP003"]


def test_text_stays_text_in_excel(pair):
    _, live = pair
    risky = ["=1+1", "00123", "1/2", "-5", "+84 912", "@x", "1,5"]
    frame = pd.DataFrame(
        [{"product_id": f"SP{i}", "product_name": text} for i, text in enumerate(risky)]
    )
    live.write_table("registrations", frame)
    assert list(live.read_table("registrations")["product_name"]) == risky


def test_staff_columns_follow_their_rows(pair):
    _, live = pair
    live.write_table("registrations", registrations(3))
    live.commit()
    sheet = live.book.sheets["Đăng ký"]
    table = sheet.tables[0]
    c1, r1, c2, r2 = range_boundaries(table.ref)
    sheet.cells[(r1, c2 + 1)] = "Ý kiến phòng"
    sheet.cells[(r1 + 3, c2 + 1)] = "cần bổ sung"  # on SP003
    table.resize(Range(sheet, r1, c1, r2, c2 + 1))
    live.write_table("registrations", registrations(3).iloc[::-1].reset_index(drop=True))
    live.commit()
    frame = live.read_table("registrations")
    assert list(frame["product_id"]) == ["SP003", "SP002", "SP001"]
    assert list(frame["Ý kiến phòng"]) == ["cần bổ sung", None, None]


def test_rows_typed_below_the_table_belong_to_it(pair):
    _, live = pair
    live.write_table("registrations", registrations(2))
    live.commit()
    sheet = live.book.sheets["Đăng ký"]
    sheet.cells[(4, 1)] = "SP999"  # just below the table, outside its range
    assert list(live.read_table("registrations")["product_id"]) == ["SP001", "SP002", "SP999"]


def test_numbers_come_back_as_the_file_gives_them():
    assert excel_number(12.0) == 12 and isinstance(excel_number(12.0), int)
    assert excel_number(12.5) == 12.5 and excel_number(True) is True
    assert excel_text("=SUM(A1)") == "'=SUM(A1)" and excel_text("Hà Kỳ") == "Hà Kỳ"
    assert excel_text("TRUE") == "'TRUE" and excel_text("Sai") == "'Sai"
    assert excel_text("Sai lệch") == "Sai lệch"
    assert excel_text(datetime(2024, 1, 2).date()) == datetime(2024, 1, 2)


def test_number_formats_and_dropdown_lists_follow_the_rows(pair):
    _, live = pair
    frame = pd.DataFrame([{"code": f"X{i}", "name": f"Xã {i}", "kind": "xã"} for i in range(40)])
    live.write_table("communes", frame)
    live.commit()
    assert live.book.names["ds_tblDanhMucXa_code"].refers_to == "='Danh mục xã'!$A$2:$A$41"
    sources = pd.DataFrame(
        [{"code": f"N{i}", "name": "Ngân sách", "available": 10**9} for i in range(3)]
    )
    live.write_table("funding_sources", sources)
    live.commit()
    sheet = live.book.sheets["Nguồn vốn"]
    column = 1 + [c.key for c in live.layout.table("funding_sources").columns].index("available")
    assert [sheet.formats.get((r, column)) for r in (2, 3, 4)] == ["[$-42A]#,##0"] * 3
    assert list(live.read_table("funding_sources")["available"]) == [10**9] * 3


def test_the_audit_log_grows_one_row_at_a_time(pair):
    _, live = pair
    before = len(live.read_table("audit"))
    for i in range(2):
        live.log(
            AuditEntry(f"thu-{i}", datetime(2024, 5, 1, 8, 0), "cb", "0.1", 1.5, counts={"a": i})
        )
    assert len(live.read_table("audit")) == before + 2  # the action sees its staged rows
    live.commit()
    frame = live.read_table("audit")
    assert len(frame) == before + 2
    assert list(frame["command"])[-2:] == ["thu-0", "thu-1"]
    last = frame.index[-1]
    sheet = live.book.sheets["Nhật ký"]
    assert sheet.formats[(last, 1)] == "dd/mm/yyyy hh:mm:ss"
    assert frame.loc[last, "time"] == datetime(2024, 5, 1, 8, 0)


def test_missing_sheets_and_where_the_book_is(master):
    book = Book(master)
    live = LiveWorkbook(book)
    assert live.folder == master.parent and live.name == master.name
    del book.sheets[[s.name for s in book.sheets].index("Đăng ký")]
    assert not live.has_sheet("registrations")
    with pytest.raises(MasterError) as raised:
        live.read_table("registrations")
    assert raised.value.code == "SHEET_MISSING"
    live.write_table("registrations", registrations(1))  # a missing sheet is made again
    assert live.has_sheet("registrations")
    live.commit()
    names = [s.name for s in book.sheets]
    before = MASTER.sheet_order[MASTER.sheet_order.index("Đăng ký") - 1]  # its tab-order place
    assert names.index("Đăng ký") == names.index(before) + 1
    assert LiveWorkbook(Book(master, fullname="Book1")).folder is None
    assert LiveWorkbook(Book(master, fullname="https://x.sharepoint.com/a.xlsm")).folder is None


# -- xlwings' own remote book (needs an xlwings PRO licence key) --------------------------


def has_licence() -> bool:
    if os.environ.get("XLWINGS_LICENSE_KEY"):
        return True
    conf = Path.home() / ".xlwings" / "xlwings.conf"
    return conf.is_file() and "LICENSE_KEY" in conf.read_text(encoding="utf-8", errors="ignore")


def json_book(master: Path) -> dict:
    """The payload an xlwings client sends for a book, built from a real master."""
    import xlwings

    book = load_workbook(master)
    sheets = []
    for ws in book.worksheets:
        values = [
            ["" if v is None else v.isoformat() if isinstance(v, datetime) else v for v in row]
            for row in ws.iter_rows(values_only=True)
        ] or [[""]]
        tables = [
            {
                "name": t.name,
                "range_address": t.ref,
                "header_row_range_address": t.ref.split(":")[0],
                "data_body_range_address": None,
                "total_row_range_address": None,
                "row_count": range_boundaries(t.ref)[3] - range_boundaries(t.ref)[1] + 1,
                "column_count": range_boundaries(t.ref)[2] - range_boundaries(t.ref)[0] + 1,
                "show_headers": True,
                "show_totals": False,
                "table_style": "TableStyleMedium2",
                "show_autofilter": True,
                "show_table_style_first_column": False,
                "show_table_style_last_column": False,
                "show_table_style_row_stripes": True,
                "show_table_style_column_stripes": False,
            }
            for t in ws.tables.values()
        ]
        sheets.append({"name": ws.title, "values": values, "pictures": [], "tables": tables})
    return {
        "client": "Office.js",
        "version": xlwings.__version__,
        "book": {"name": master.name, "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }


@pytest.mark.skipif(not has_licence(), reason="xw.Book(json=...) needs an xlwings PRO licence key")
def test_against_xlwings_remote_book(master):
    import xlwings as xw

    book = xw.Book(json=json_book(master))
    live = LiveWorkbook(book)
    file_wb = FileWorkbook.open(master, writable=False)
    assert comparable(live.read_table("communes")) == comparable(file_wb.read_table("communes"))
    live.write_table("registrations", registrations(3))
    actions = book.json()["actions"]
    assert any(a["func"] == "setValues" and a["values"] for a in actions)


# -- formulas the office typed in the open book ----------------------------------------------


def test_reads_the_values_excel_calculated(pair):
    _, live = pair
    sheet = live.book.sheets["Nguồn vốn"]
    sheet.cells[(2, 3)] = ("formula", "=100*5000000")
    sheet.calculated[(2, 3)] = 500000000.0
    frame = live.read_table("funding_sources")
    assert frame.loc[2, "available"] == 500000000


def test_never_writes_over_a_formula_the_office_typed(pair):
    _, live = pair
    sheet = live.book.sheets["Kinh phí"]
    row = [("item", "CBCL"), ("product_id", "SP1"), ("quantity", 2), ("unit_cost", 1000)]
    for col, (_, value) in enumerate(row, 1):
        sheet.cells[(2, col if col <= 2 else col + 3)] = value  # after Tên sản phẩm, Mã xã…
    sheet.cells[(2, 8)] = ("formula", "=F2*G2")  # Thành tiền
    sheet.calculated[(2, 8)] = 2000.0
    sheet.tables[0].ref = sheet.tables[0].ref.split(":")[0] + ":P2"
    lines = live.read_table("budget_lines")
    assert lines.loc[2, "amount"] == 2000
    added = pd.DataFrame(
        [{"item": "BAOBI", "product_id": "SP2", "quantity": 1, "unit_cost": 5000}],
        index=pd.Index([None], name=lines.index.name),
    )
    live.write_table("budget_lines", pd.concat([lines, added]))
    written = {
        (r, c)
        for op in live.staged
        if isinstance(op, CellBlock) and op.sheet == "Kinh phí"
        for r, c, _ in op.cells()
    }
    assert (2, 1) in written and (3, 1) in written and (2, 8) not in written
    live.commit()
    assert sheet.cells[(2, 8)] == ("formula", "=F2*G2")  # the office's formula, untouched
    assert sheet.cells[(3, 1)] == "BAOBI"


def test_a_formula_moves_with_its_row(pair):
    _file_wb, live = pair
    for wb in pair:
        wb.write_table("registrations", registrations(3))
    live.commit()
    sheet = live.book.sheets["Đăng ký"]
    sheet.cells[(2, 18)] = ("formula", '="xem "&D2')  # Ghi chú of SP001
    sheet.calculated[(2, 18)] = "xem Sản phẩm 1"
    frame = registrations(3).iloc[::-1]  # SP003, SP002, SP001
    live.write_table("registrations", frame.drop(columns=[]))
    live.commit()
    assert sheet.cells[(4, 1)] == "SP001"
    assert sheet.cells[(4, 18)] == ("formula", '="xem "&D4')
    assert (2, 18) not in sheet.cells or sheet.cells[(2, 18)] != ("formula", '="xem "&D2')
