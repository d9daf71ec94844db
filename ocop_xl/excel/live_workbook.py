"""``LiveWorkbook``: the Workbook port on the book open in Excel, through xlwings.

Whole tables travel in one call each way. To keep one set of rules for both adapters, a
table's block of cells is copied into an in-memory openpyxl sheet (a *mirror*) and the
same ``read_table`` / ``write_table`` the file adapter uses run on it; only the cells of
the table (and the rows typed just below it) are then written back to Excel in one call,
with the Excel table resized and each column's number format set once.

Dropdowns and colour rules were laid down for 2000 rows when the master was made and stay
as they are; charts keep the ranges they were drawn with (the file adapter redraws them).
Printable documents are rendered by openpyxl into a temporary file and the finished sheet
is copied into the book, so Excel gets exactly the layout the file adapter writes.

Exporting those documents to their own files (report) works on a copy of the book saved by
Excel's ``SaveCopyAs`` (``save_copy``), with the same code as for a master file; Excel
itself prints the exported files to PDF (``print_pdf``). See ``workbook.port``.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook as OpenpyxlBook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.table import Table

from ocop_xl.domain.document import Document
from ocop_xl.domain.issues import MasterError, OcopError
from ocop_xl.domain.text import is_blank
from ocop_xl.workbook.document_sheet import render_document
from ocop_xl.workbook.file_workbook import audit_values
from ocop_xl.workbook.layout import MASTER, Layout
from ocop_xl.workbook.layout.spec import TableSheet
from ocop_xl.workbook.port import AuditEntry
from ocop_xl.workbook.tables import find_range
from ocop_xl.workbook.tables import read_table as read_ws_table
from ocop_xl.workbook.tables import write_table as write_ws_table

ADDIN_BOOK = "xlwings.xlam"
# Formats whose copy openpyxl reads, so documents can be exported from it.
COPY_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}
# Text Excel would turn into a number, a date or a formula when assigned as a value.
# Text Excel would turn into something else when assigned through COM: formulas, numbers,
# dates, and the logical words (English, and Vietnamese Excel's ĐÚNG/SAI).
_RISKY_TEXT = re.compile(
    r"^[=+\-@]|^[\s\d.,:/%$()eE-]+$|^\s*(true|false|đúng|sai)\s*$", re.IGNORECASE
)


def excel_number(value: Any) -> Any:
    """Excel hands every number over as a float; whole ones come back as int, the way
    openpyxl reads them from a file, so both adapters give actions the same values."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def excel_text(value: Any) -> Any:
    """A value to assign to a cell: risky text gets Excel's quote prefix, stays text."""
    if isinstance(value, str) and value and _RISKY_TEXT.search(value):
        return "'" + value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


class Mirror:
    """A table's block of cells, copied into an openpyxl sheet at the same coordinates."""

    def __init__(
        self,
        spec: TableSheet,
        top: int,
        left: int,
        values: list[list[Any]],
        table_ref: str | None,
    ) -> None:
        self.spec = spec
        self.book = OpenpyxlBook()
        self.ws = self.book.active
        self.ws.title = spec.sheet
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                if value is not None:
                    self.ws.cell(top + r, left + c).value = excel_number(value)
        if table_ref:
            self.ws.add_table(Table(displayName=spec.table, ref=table_ref))

    def extent(self) -> tuple[int, int, int, int] | None:
        """(first column, header row, last column, last row) of the table, counting the
        rows typed just below it as ``read_table`` does."""
        found = find_range(self.ws, self.spec)
        if found is None:
            return None
        last = found.last_row
        while last < self.ws.max_row and any(
            not is_blank(self.ws.cell(last + 1, c).value)
            for c in range(found.min_col, found.max_col + 1)
        ):
            last += 1
        return found.min_col, found.header_row, found.max_col, last

    def block(self, top: int, left: int, bottom: int, right: int) -> list[list[Any]]:
        rows = []
        for r in range(top, bottom + 1):
            row = []
            for c in range(left, right + 1):
                value = self.ws.cell(r, c).value
                row.append(excel_text(value) if r > top else value)
            rows.append(row)
        return rows


class LiveWorkbook:
    """The Workbook port on an ``xlwings.Book`` (the book whose ribbon was clicked)."""

    def __init__(
        self,
        book: Any,
        *,
        layout: Layout = MASTER,
        on_status: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> None:
        self.book = book
        self.layout = layout
        self._on_status = on_status
        self._on_progress = on_progress

    # -- where it is ---------------------------------------------------------------------
    @property
    def name(self) -> str:
        return str(self.book.name)

    @property
    def path(self) -> Path | None:
        fullname = str(self.book.fullname or "")
        if "://" in fullname:
            return None  # on SharePoint/OneDrive without a local copy
        path = Path(fullname)
        return path if path.is_absolute() else None  # an unsaved book is just "Book1"

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    def addin_path(self) -> Path | None:
        """Where the xlwings add-in open in this Excel lives (None when it is not open)."""
        try:
            return Path(self.book.app.api.Workbooks(ADDIN_BOOK).FullName)
        except Exception:
            return None

    # -- sheets --------------------------------------------------------------------------
    def _sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def has_sheet(self, name: str) -> bool:
        return self.layout[name].sheet in self._sheet_names()

    def _sheet(self, title: str, *, create: bool = False) -> Any:
        names = self._sheet_names()
        if title in names:
            return self.book.sheets[title]
        if not create:
            raise MasterError("SHEET_MISSING", file=self.name, sheet=title)
        after = self._predecessor(title, names)
        if after is None:
            return self.book.sheets.add(title, before=self.book.sheets[0])
        return self.book.sheets.add(title, after=self.book.sheets[after])

    def _predecessor(self, title: str, names: list[str]) -> str | None:
        """The existing sheet a missing layout sheet goes after (None: first)."""
        order = self.layout.sheet_order
        before = [n for n in names if n in order and order.index(n) < order.index(title)]
        return before[-1] if before else None

    def _table(self, sheet: Any, spec: TableSheet) -> Any | None:
        for table in sheet.tables:
            if table.name == spec.table:
                return table
        return None

    def _read_block(self, sheet: Any, spec: TableSheet) -> Mirror:
        """One read: from the table's header cell to the end of the used range."""
        table = self._table(sheet, spec)
        table_ref = None
        top, left = spec.header_row, spec.first_col
        if table is not None:
            rng = table.range
            top, left = rng.row, rng.column
            last = rng.last_cell
            table_ref = f"{get_column_letter(left)}{top}:{get_column_letter(last.column)}{last.row}"
        used = sheet.used_range.last_cell
        bottom, right = max(used.row, top), max(used.column, left)
        values = sheet.range((top, left), (bottom, right)).options(ndim=2).value
        return Mirror(spec, top, left, values or [[None]], table_ref)

    # -- the port ------------------------------------------------------------------------
    def read_table(self, name: str) -> pd.DataFrame:
        spec = self.layout.table(name)
        mirror = self._read_block(self._sheet(spec.sheet), spec)
        return read_ws_table(mirror.ws, spec, self.name)

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        spec = self.layout.table(name)
        sheet = self._sheet(spec.sheet, create=True)
        mirror = self._read_block(sheet, spec)
        before = mirror.extent()
        write_ws_table(mirror.book, mirror.ws, spec, self.layout, frame)
        min_col, min_row, max_col, max_row = range_boundaries(mirror.ws.tables[spec.table].ref)
        if before is not None:
            max_col = max(max_col, before[2])
            bottom = max(max_row, before[3])
        else:
            bottom = max_row
        sheet.range((min_row, min_col), (bottom, max_col)).value = mirror.block(
            min_row, min_col, bottom, max_col
        )
        new_ref = mirror.ws.tables[spec.table].ref
        table = self._table(sheet, spec)
        if table is not None:
            table.resize(sheet.range(new_ref))
        else:
            sheet.tables.add(
                source=sheet.range(new_ref), name=spec.table, table_style_name=spec.style
            )
        if max_row > min_row:
            for offset, col in enumerate(spec.columns):
                fmt = col.number_format
                if fmt and fmt != "@":
                    column = min_col + offset
                    sheet.range((min_row + 1, column), (max_row, column)).number_format = fmt
        self._update_names(mirror)

    def _update_names(self, mirror: Mirror) -> None:
        """Dropdown lists other tables draw from follow the rows just written."""
        for name, defined in mirror.book.defined_names.items():
            refers_to = "=" + str(defined.attr_text)
            try:
                if name in self.book.names:
                    self.book.names[name].refers_to = refers_to
                else:
                    self.book.names.add(name, refers_to)
            except Exception:  # an engine without names: the dropdown keeps its old size
                continue

    def write_document(self, name: str, document: Document) -> None:
        spec = self.layout.document(name)
        with tempfile.TemporaryDirectory(prefix="ocop-doc-") as folder:
            scratch = OpenpyxlBook()
            ws = scratch.active
            ws.title = spec.sheet
            if spec.tab_color:
                ws.sheet_properties.tabColor = spec.tab_color
            render_document(ws, document)
            path = Path(folder) / "tai-lieu.xlsx"
            scratch.save(path)
            app = self.book.app
            source = app.books.open(str(path))
            try:
                names = self._sheet_names()
                if spec.sheet in names:
                    old = self.book.sheets[spec.sheet]
                    copied = source.sheets[0].copy(before=old)
                    alerts = app.display_alerts
                    app.display_alerts = False
                    try:
                        old.delete()
                    finally:
                        app.display_alerts = alerts
                else:
                    after = self._predecessor(spec.sheet, names)
                    target = self.book.sheets[after] if after else None
                    copied = (
                        source.sheets[0].copy(after=target)
                        if target is not None
                        else source.sheets[0].copy(before=self.book.sheets[0])
                    )
                copied.name = spec.sheet
            finally:
                source.close()

    def status(self, text: str) -> None:
        if self._on_status is not None:
            self._on_status(text)

    def progress(self, done: int, total: int, text: str = "") -> None:
        if self._on_progress is not None:
            self._on_progress(done, total, text)

    def log(self, entry: AuditEntry) -> None:
        """Append one row to the Nhật ký table (one write, then the table grows by one)."""
        spec = self.layout.table("audit")
        sheet = self._sheet(spec.sheet, create=True)
        table = self._table(sheet, spec)
        if table is None:
            self.write_table("audit", pd.DataFrame(columns=list(spec.keys)))
            table = self._table(sheet, spec)
        rng = table.range
        header_row, first_col = rng.row, rng.column
        last = rng.last_cell
        width = len(spec.columns)
        row = last.row + 1
        if last.row > header_row:
            current = sheet.range((last.row, first_col), (last.row, first_col + width - 1))
            if all(is_blank(v) for v in current.options(ndim=1).value):
                row = last.row  # the empty row a new table starts with
        values = audit_values(entry)
        sheet.range((row, first_col)).value = [
            [excel_text(values[col.key]) for col in spec.columns]
        ]
        table.resize(sheet.range((header_row, first_col), (row, last.column)))
        for offset, col in enumerate(spec.columns):
            if col.number_format and col.number_format != "@":
                sheet.range((row, first_col + offset)).number_format = col.number_format

    def commit(self) -> None:
        """Nothing to do: the changes are in the open book; the user saves it."""

    # -- files made from the book (port.SavesCopy, port.PrintsPdf) ------------------------
    def save_copy(self, folder: Path) -> Path:
        """The book as it is now, unsaved changes included, written to ``folder`` by Excel's
        ``SaveCopyAs``: the open book keeps its name, its file and its "unsaved" state."""
        suffix = Path(self.name).suffix.lower()
        if suffix not in COPY_SUFFIXES:  # .xlsb, .xls: a copy openpyxl could not read
            raise OcopError("WORKBOOK_NOT_XLSM", file=self.name)
        target = Path(folder) / f"ban-sao{suffix}"  # Excel writes the book's own format
        try:
            self.book.api.SaveCopyAs(str(target))
        except Exception as exc:  # COM error: disk full, no api (a remote book)...
            raise OcopError("WORKBOOK_COPY_FAILED", file=self.name, detail=_detail(exc)) from exc
        if not target.is_file():
            raise OcopError("WORKBOOK_COPY_FAILED", file=self.name, detail=str(target))
        return target

    def print_pdf(self, source: Path, target: Path) -> Path:
        """Excel prints ``source`` to PDF (``ExportAsFixedFormat`` through xlwings): the file
        is opened read-only in this Excel, printed with its own page setup, closed."""
        books = self.book.app.books
        if source.name.lower() in {str(b.name).lower() for b in books}:
            # xlwings would hand back the book already open (an older copy, the user's
            # window): print nothing rather than the wrong file, and close nothing of theirs
            raise OcopError("FILE_IN_USE", file=str(source))
        try:
            opened = books.open(str(source), read_only=True)
        except Exception as exc:
            raise OcopError("EXCEL_PDF_FAILED", file=source.name, detail=_detail(exc)) from exc
        try:
            opened.to_pdf(str(target))
        except Exception as exc:  # no printer driver, the PDF open in a reader...
            raise OcopError("EXCEL_PDF_FAILED", file=source.name, detail=_detail(exc)) from exc
        finally:
            with suppress(Exception):  # a read-only book left open harms nothing
                opened.close()
        if not target.is_file():
            raise OcopError("EXCEL_PDF_FAILED", file=source.name, detail=str(target))
        return target


def _detail(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]
