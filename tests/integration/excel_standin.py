"""A stand-in for the xlwings objects LiveWorkbook uses, holding its book in openpyxl, so a
whole action (tables, documents, the audit log, SaveCopyAs, printing to PDF) can run on
the "book open in Excel" on Linux and its files be checked for real.

Where it matters it behaves as Excel does: numbers come back as floats, text that looks
like a number becomes one unless it carries the quote prefix, a sheet copied in from
another book keeps its cells, styles, merged cells and page setup (and is called
"Name (2)" while a sheet of that name is still there), ``api.SaveCopyAs`` writes the book
as it is now and leaves it open and unsaved, and ``to_pdf`` prints the book's file
(here with LibreOffice, Excel's "Save as PDF" on Windows). Every call the code under test
makes on it is recorded in ``app.calls``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.table import Table, TableStyleInfo

from ocop_xl.workbook.libreoffice import convert

_NUMBER = re.compile(r"^\s*[+-]?[\d.,]+([eE][+-]?\d+)?\s*$")


def excel_stores(value: Any) -> Any:
    """What Excel keeps when a value is assigned to a cell through ``Range.Value``."""
    if isinstance(value, str):
        if value.startswith("'"):
            return value[1:] or None
        if value == "":
            return None
        if _NUMBER.match(value):
            try:
                return float(value.replace(",", ""))
            except ValueError:
                return value
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # every number is a double in Excel
    return value


def excel_gives(value: Any) -> Any:
    """What ``Range.Value`` hands back for a stored value."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


class Cell:
    def __init__(self, row: int, column: int) -> None:
        self.row, self.column = row, column


class Range:
    def __init__(self, sheet: Sheet, r1: int, c1: int, r2: int, c2: int) -> None:
        self.sheet, self.r1, self.c1, self.r2, self.c2 = sheet, r1, c1, r2, c2
        self.ndim: int | None = None

    row = property(lambda self: self.r1)
    column = property(lambda self: self.c1)
    last_cell = property(lambda self: Cell(self.r2, self.c2))

    @property
    def address(self) -> str:
        return f"{get_column_letter(self.c1)}{self.r1}:{get_column_letter(self.c2)}{self.r2}"

    def options(self, ndim: int | None = None) -> Range:
        self.ndim = ndim
        return self

    def _cells(self):
        ws = self.sheet.ws
        return [
            [ws.cell(r, c) for c in range(self.c1, self.c2 + 1)]
            for r in range(self.r1, self.r2 + 1)
        ]

    @property
    def value(self) -> Any:
        self.sheet.book.app.calls.append(("read", self.sheet.name))
        rows = [[excel_gives(self._shown(cell)) for cell in row] for row in self._cells()]
        if self.ndim == 2:
            return rows
        if self.ndim == 1:
            return [v for row in rows for v in row]
        raise AssertionError("LiveWorkbook always asks for a shape")

    @value.setter
    def value(self, values: Any) -> None:
        self.sheet.book.app.calls.append(("write", self.sheet.name))
        if not isinstance(values, list):
            values = [[values]]
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                self.sheet.ws.cell(self.r1 + i, self.c1 + j).value = excel_stores(value)

    def _shown(self, cell) -> Any:
        """A formula cell shows the value Excel calculates for it."""
        if cell.data_type != "f":
            return cell.value
        from ocop_xl.workbook.formula_values import NO_VALUE, FormulaCells

        def at(ws, row, col):
            found = ws._cells.get((row, col))
            return None if found is None else found.value

        engine = FormulaCells(self.sheet.book.xl, {}, at, list)
        value = engine.value(self.sheet.ws, cell.row, cell.column, cell.value)
        return None if value is NO_VALUE else value

    @property
    def formula(self) -> tuple:
        """Excel's Range.Formula: a formula's text, a constant as text, "" for a blank."""
        self.sheet.book.app.calls.append(("formulas", self.sheet.name))
        rows = []
        for row in self._cells():
            out = []
            for cell in row:
                value = cell.value
                if cell.data_type == "f":
                    out.append(str(value))
                else:
                    out.append("" if value is None else str(value))
            rows.append(tuple(out))
        return tuple(rows)

    @property
    def number_format(self) -> str:
        return self.sheet.ws.cell(self.r1, self.c1).number_format

    @number_format.setter
    def number_format(self, fmt: str) -> None:
        for row in self._cells():
            for cell in row:
                cell.number_format = fmt


class XlTable:
    def __init__(self, sheet: Sheet, table: Table) -> None:
        self.sheet, self.table = sheet, table

    @property
    def name(self) -> str:
        return self.table.displayName

    @property
    def range(self) -> Range:
        c1, r1, c2, r2 = range_boundaries(self.table.ref)
        return Range(self.sheet, r1, c1, r2, c2)

    def resize(self, rng: Range) -> None:
        if rng.c2 - rng.c1 != self.range.c2 - self.range.c1:
            self.table.tableColumns = []  # named again from the header cells when saved
        self.table.ref = rng.address
        if self.table.autoFilter is not None:
            self.table.autoFilter.ref = rng.address


class Tables:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet

    def __iter__(self):
        return iter([XlTable(self.sheet, t) for t in self.sheet.ws.tables.values()])

    def add(self, source: Range, name: str, table_style_name: str) -> XlTable:
        table = Table(
            displayName=name,
            ref=source.address,
            tableStyleInfo=TableStyleInfo(name=table_style_name, showRowStripes=True),
        )
        self.sheet.ws.add_table(table)
        return XlTable(self.sheet, table)


class Sheet:
    def __init__(self, book: Book, ws) -> None:
        self.book, self.ws = book, ws
        self.tables = Tables(self)

    @property
    def name(self) -> str:
        return self.ws.title

    @name.setter
    def name(self, title: str) -> None:
        self.ws.title = title

    def range(self, first, second=None) -> Range:
        if isinstance(first, str):
            c1, r1, c2, r2 = range_boundaries(first)
            return Range(self, r1, c1, r2, c2)
        second = second or first
        return Range(self, first[0], first[1], second[0], second[1])

    @property
    def used_range(self) -> Range:
        return Range(self, 1, 1, max(self.ws.max_row, 1), max(self.ws.max_column, 1))

    def delete(self) -> None:
        self.book.app.calls.append(("delete", self.name))
        self.book.xl.remove(self.ws)

    def copy(self, before: Sheet | None = None, after: Sheet | None = None) -> Sheet:
        target = before or after
        assert target is not None
        book = target.book
        index = book.xl.index(target.ws) + (0 if before is not None else 1)
        book.app.calls.append(("copy", self.name))
        return Sheet(book, copy_sheet(self.ws, book.xl, index))


def copy_sheet(src, book, index: int):
    """What Excel's Worksheet.Copy does across books: the sheet whole, with its look."""
    title = src.title if src.title not in book.sheetnames else f"{src.title} (2)"
    ws = book.create_sheet(title, index)
    for row in src.iter_rows():
        for cell in row:
            if isinstance(cell, MergedCell):
                continue
            new = ws.cell(cell.row, cell.column, cell.value)
            if cell.has_style:
                new.font, new.fill = copy(cell.font), copy(cell.fill)
                new.border, new.alignment = copy(cell.border), copy(cell.alignment)
                new.number_format, new.protection = cell.number_format, copy(cell.protection)
    for merged in src.merged_cells.ranges:
        ws.merge_cells(str(merged))
    for key, dim in src.column_dimensions.items():
        ws.column_dimensions[key].width = dim.width
    for key, dim in src.row_dimensions.items():
        if dim.height is not None:
            ws.row_dimensions[key].height = dim.height
    for attr in ("orientation", "paperSize", "fitToWidth", "fitToHeight", "scale"):
        setattr(ws.page_setup, attr, getattr(src.page_setup, attr))
    ws.sheet_properties.pageSetUpPr = copy(src.sheet_properties.pageSetUpPr)
    ws.sheet_properties.tabColor = copy(src.sheet_properties.tabColor)
    ws.print_options = copy(src.print_options)
    ws.page_margins = copy(src.page_margins)
    ws.HeaderFooter = copy(src.HeaderFooter)
    ws.print_title_rows = src.print_title_rows
    if src.print_area:
        ws.print_area = src.print_area.split("!")[-1].replace("$", "")
    ws.sheet_view.showGridLines = src.sheet_view.showGridLines
    return ws


class Sheets:
    def __init__(self, book: Book) -> None:
        self.book = book

    def _all(self) -> list[Sheet]:
        return [Sheet(self.book, ws) for ws in self.book.xl.worksheets]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self.book.xl.worksheets)

    def __getitem__(self, key: str | int) -> Sheet:
        if isinstance(key, str):
            return Sheet(self.book, self.book.xl[key])
        return self._all()[key]

    def add(self, name: str, before: Sheet | None = None, after: Sheet | None = None) -> Sheet:
        target = before or after
        assert target is not None
        index = self.book.xl.index(target.ws) + (0 if before is not None else 1)
        return Sheet(self.book, self.book.xl.create_sheet(name, index))


class Name:
    def __init__(self, book, name: str) -> None:
        self.xl, self.name = book, name

    @property
    def refers_to(self) -> str:
        return "=" + str(self.xl.defined_names[self.name].attr_text)

    @refers_to.setter
    def refers_to(self, text: str) -> None:
        self.xl.defined_names[self.name].attr_text = text.removeprefix("=")


class Names:
    def __init__(self, book) -> None:
        self.xl = book

    def __contains__(self, name: str) -> bool:
        return name in self.xl.defined_names

    def __getitem__(self, name: str) -> Name:
        return Name(self.xl, name)

    def add(self, name: str, refers_to: str) -> None:
        from openpyxl.workbook.defined_name import DefinedName

        self.xl.defined_names[name] = DefinedName(name, attr_text=refers_to.removeprefix("="))


class Api:
    """The COM object of the book: only what LiveWorkbook calls."""

    def __init__(self, book: Book) -> None:
        self.book = book

    def SaveCopyAs(self, filename: str) -> None:  # Excel's name
        self.book.app.calls.append(("SaveCopyAs", filename))
        if self.book.app.copy_error is not None:
            raise self.book.app.copy_error
        self.book.xl.save(filename)  # the book as it is now; it stays open and unsaved


class Book:
    def __init__(self, app: App, path: Path, *, read_only: bool = False) -> None:
        self.app, self.read_only = app, read_only
        self.fullname = str(path)
        self.name = path.name
        self.xl = load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
        self.sheets = Sheets(self)
        self.names = Names(self.xl)
        self.api = Api(self)

    def save(self, path: str | None = None) -> None:
        self.app.calls.append(("save", self.name))
        raise AssertionError("the open book must never be saved by an action")

    def close(self) -> None:
        self.app.calls.append(("close", self.name))
        self.app.books.remove(self)

    def to_pdf(self, path: str) -> None:
        """Excel's "Save as PDF" of the whole book; here LibreOffice prints the book's file."""
        self.app.calls.append(("to_pdf", self.name, path))
        if self.app.pdf_error is not None:
            raise self.app.pdf_error
        with tempfile.TemporaryDirectory(prefix="excel-pdf-") as folder:
            printed = convert(Path(self.fullname), "pdf", Path(folder))
            shutil.move(printed, path)


class Books(list):
    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app

    def open(self, fullname: str, read_only: bool | None = None) -> Book:
        self.app.calls.append(("open", Path(fullname).name, read_only))
        book = Book(self.app, Path(fullname), read_only=bool(read_only))
        self.append(book)
        return book


class App:
    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.books = Books(self)
        self.display_alerts = True
        self.copy_error: Exception | None = None  # raised by SaveCopyAs when set
        self.pdf_error: Exception | None = None  # raised by to_pdf when set


def open_in_excel(path: Path) -> Book:
    """``path`` open in a fresh stand-in Excel (the book whose ribbon was clicked)."""
    app = App()
    book = Book(app, Path(path))
    app.books.append(book)
    return book
