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
from ocop_xl.excel.staging import (
    CellBlock,
    DocumentSheet,
    NameRef,
    NewSheet,
    NumberFormat,
    Operation,
    Staged,
    TableSize,
    bounds,
)
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
        self._staged = Staged()

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
    def _excel_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def _sheet_names(self) -> list[str]:
        """The sheets of the book as the action sees it: Excel's and the staged new ones."""
        names = self._excel_names()
        for title in self._staged.new_sheets():
            if title not in names:
                after = self._predecessor(title, names)
                names.insert(names.index(after) + 1 if after in names else 0, title)
        return names

    def has_sheet(self, name: str) -> bool:
        return self.layout[name].sheet in self._sheet_names()

    def _need_sheet(self, title: str, *, create: bool = False) -> None:
        names = self._sheet_names()
        if title in names:
            return
        if not create:
            raise MasterError("SHEET_MISSING", file=self.name, sheet=title)
        self._staged.add(NewSheet(title, self._predecessor(title, names)))

    def _predecessor(self, title: str, names: list[str]) -> str | None:
        """The existing sheet a missing layout sheet goes after (None: first)."""
        order = self.layout.sheet_order
        before = [n for n in names if n in order and order.index(n) < order.index(title)]
        return before[-1] if before else None

    def _excel_table(self, sheet: Any, table_name: str) -> Any | None:
        for table in sheet.tables:
            if table.name == table_name:
                return table
        return None

    def _table_ref(self, title: str, table_name: str) -> str | None:
        """The table's range as the action sees it (staged size, else Excel's)."""
        staged = self._staged.table_ref(title, table_name)
        if staged is not None or title not in self._excel_names():
            return staged
        table = self._excel_table(self.book.sheets[title], table_name)
        if table is None:
            return None
        rng = table.range
        last = rng.last_cell
        return (
            f"{get_column_letter(rng.column)}{rng.row}:{get_column_letter(last.column)}{last.row}"
        )

    def _values(
        self, title: str, top: int, left: int, bottom: int | None, right: int | None
    ) -> list[list[Any]]:
        """One read of a block (to the end of the used range when ``bottom``/``right``
        are None), with the staged writes laid over it."""
        overlay = self._staged.overlay(title)
        excel_bottom = excel_right = 0
        if title in self._excel_names():
            used = self.book.sheets[title].used_range.last_cell
            excel_bottom, excel_right = used.row, used.column
        staged_bottom = max((r for r, _ in overlay), default=0)
        staged_right = max((c for _, c in overlay), default=0)
        bottom = bottom if bottom is not None else max(excel_bottom, staged_bottom, top)
        right = right if right is not None else max(excel_right, staged_right, left)
        rows = [[None] * (right - left + 1) for _ in range(bottom - top + 1)]
        if title in self._excel_names():
            sheet = self.book.sheets[title]
            values = sheet.range((top, left), (bottom, right)).options(ndim=2).value or []
            for i, row in enumerate(values):
                rows[i][: len(row)] = row
        for (r, c), value in overlay.items():
            if top <= r <= bottom and left <= c <= right:
                rows[r - top][c - left] = value
        return rows

    def _read_block(self, title: str, spec: TableSheet) -> Mirror:
        """One read: from the table's header cell to the end of the used range."""
        table_ref = self._table_ref(title, spec.table)
        top, left = spec.header_row, spec.first_col
        if table_ref is not None:
            top, left, _, _ = bounds(table_ref)
        values = self._values(title, top, left, None, None)
        return Mirror(spec, top, left, values or [[None]], table_ref)

    # -- the port ------------------------------------------------------------------------
    def read_table(self, name: str) -> pd.DataFrame:
        spec = self.layout.table(name)
        self._need_sheet(spec.sheet)
        mirror = self._read_block(spec.sheet, spec)
        return read_ws_table(mirror.ws, spec, self.name)

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        """Stage the table's new block (applied by ``commit``)."""
        spec = self.layout.table(name)
        self._need_sheet(spec.sheet, create=True)
        mirror = self._read_block(spec.sheet, spec)
        before = mirror.extent()
        write_ws_table(mirror.book, mirror.ws, spec, self.layout, frame)
        new_ref = mirror.ws.tables[spec.table].ref
        min_col, min_row, max_col, max_row = range_boundaries(new_ref)
        if before is not None:
            max_col = max(max_col, before[2])
            bottom = max(max_row, before[3])
        else:
            bottom = max_row
        block = mirror.block(min_row, min_col, bottom, max_col)
        self._staged.add(
            CellBlock(spec.sheet, min_row, min_col, tuple(tuple(row) for row in block))
        )
        self._staged.add(TableSize(spec.sheet, spec.table, new_ref, spec.style))
        if max_row > min_row:
            for offset, col in enumerate(spec.columns):
                fmt = col.number_format
                if fmt and fmt != "@":
                    column = get_column_letter(min_col + offset)
                    ref = f"{column}{min_row + 1}:{column}{max_row}"
                    self._staged.add(NumberFormat(spec.sheet, ref, fmt))
        for defined_name, defined in mirror.book.defined_names.items():
            # dropdown lists other tables draw from follow the rows just written
            self._staged.add(NameRef(defined_name, "=" + str(defined.attr_text)))

    def write_document(self, name: str, document: Document) -> None:
        spec = self.layout.document(name)
        after = self._predecessor(spec.sheet, self._sheet_names())
        self._staged.add(DocumentSheet(spec.sheet, spec.tab_color, document, after))

    def status(self, text: str) -> None:
        if self._on_status is not None:
            self._on_status(text)

    def progress(self, done: int, total: int, text: str = "") -> None:
        if self._on_progress is not None:
            self._on_progress(done, total, text)

    def log(self, entry: AuditEntry) -> None:
        """Stage one row more in the Nhật ký table (one block, then the table grows)."""
        spec = self.layout.table("audit")
        self._need_sheet(spec.sheet, create=True)
        if self._table_ref(spec.sheet, spec.table) is None:
            self.write_table("audit", pd.DataFrame(columns=list(spec.keys)))
        ref = self._table_ref(spec.sheet, spec.table)
        assert ref is not None
        header_row, first_col, last_row, last_col = bounds(ref)
        width = len(spec.columns)
        row = last_row + 1
        if last_row > header_row:
            current = self._values(
                spec.sheet, last_row, first_col, last_row, first_col + width - 1
            )[0]
            if all(is_blank(v) for v in current):
                row = last_row  # the empty row a new table starts with
        values = audit_values(entry)
        cells = tuple(excel_text(values[col.key]) for col in spec.columns)
        self._staged.add(CellBlock(spec.sheet, row, first_col, (cells,)))
        new_ref = f"{get_column_letter(first_col)}{header_row}:{get_column_letter(last_col)}{row}"
        self._staged.add(TableSize(spec.sheet, spec.table, new_ref, spec.style))
        for offset, col in enumerate(spec.columns):
            if col.number_format and col.number_format != "@":
                cell = f"{get_column_letter(first_col + offset)}{row}"
                self._staged.add(NumberFormat(spec.sheet, f"{cell}:{cell}", col.number_format))

    @property
    def staged(self) -> list[Operation]:
        """The writes not applied yet, in order (tests; later rules filter them)."""
        return list(self._staged.operations)

    def commit(self) -> None:
        """Apply the staged writes to the open book, in order. Should Excel refuse one
        half way, the values, table sizes, names and sheets already changed are put back
        and the error goes on; the user saves the book (Ctrl+S) as after any edit."""
        undo: list[Callable[[], None]] = []
        finish: list[Callable[[], None]] = []
        try:
            for operation in self._staged.operations:
                self._apply(operation, undo, finish)
            for step in finish:
                step()
        except BaseException:
            for step in reversed(undo):
                with suppress(Exception):
                    step()
            raise
        finally:
            self._staged.clear()

    # -- applying (commit) ---------------------------------------------------------------
    def _apply(
        self,
        op: Operation,
        undo: list[Callable[[], None]],
        finish: list[Callable[[], None]],
    ) -> None:
        if isinstance(op, NewSheet):
            if op.title in self._excel_names():
                return
            sheets = self.book.sheets
            added = (
                sheets.add(op.title, after=sheets[op.after])
                if op.after in self._excel_names()
                else sheets.add(op.title, before=sheets[0])
            )
            undo.append(lambda: self._delete_sheet(added))
        elif isinstance(op, CellBlock):
            rng = self.book.sheets[op.sheet].range(
                (op.row, op.column), (op.last_row, op.last_column)
            )
            old = rng.options(ndim=2).value
            rng.value = [list(row) for row in op.values]
            undo.append(lambda: setattr(rng, "value", _as_written(old)))
        elif isinstance(op, TableSize):
            sheet = self.book.sheets[op.sheet]
            table = self._excel_table(sheet, op.table)
            if table is not None:
                old_ref = _ref(table)
                table.resize(sheet.range(op.ref))
                undo.append(lambda: table.resize(sheet.range(old_ref)))
            else:
                sheet.tables.add(
                    source=sheet.range(op.ref), name=op.table, table_style_name=op.style
                )
        elif isinstance(op, NumberFormat):
            self.book.sheets[op.sheet].range(op.ref).number_format = op.number_format
        elif isinstance(op, NameRef):
            self._apply_name(op, undo)
        elif isinstance(op, DocumentSheet):
            self._apply_document(op, undo, finish)

    def _apply_name(self, op: NameRef, undo: list[Callable[[], None]]) -> None:
        try:
            names = self.book.names
            if op.name in names:
                old = names[op.name].refers_to
                names[op.name].refers_to = op.refers_to
                undo.append(lambda: setattr(names[op.name], "refers_to", old))
            else:
                names.add(op.name, op.refers_to)
        except Exception:  # an engine without names: the dropdown keeps its old size
            return

    def _delete_sheet(self, sheet: Any) -> None:
        app = self.book.app
        alerts = app.display_alerts
        app.display_alerts = False
        try:
            sheet.delete()
        finally:
            app.display_alerts = alerts

    def _apply_document(
        self,
        op: DocumentSheet,
        undo: list[Callable[[], None]],
        finish: list[Callable[[], None]],
    ) -> None:
        """Copy the rendered sheet in beside the old one; the old one goes (and the new one
        takes its name) only once every other write went in."""
        with tempfile.TemporaryDirectory(prefix="ocop-doc-") as folder:
            scratch = OpenpyxlBook()
            ws = scratch.active
            ws.title = op.title
            if op.tab_color:
                ws.sheet_properties.tabColor = op.tab_color
            render_document(ws, op.document)
            path = Path(folder) / "tai-lieu.xlsx"
            scratch.save(path)
            source = self.book.app.books.open(str(path))
            try:
                names = self._excel_names()
                if op.title in names:
                    old = self.book.sheets[op.title]
                    copied = source.sheets[0].copy(before=old)
                elif op.after in names:
                    old = None
                    copied = source.sheets[0].copy(after=self.book.sheets[op.after])
                else:
                    old = None
                    copied = source.sheets[0].copy(before=self.book.sheets[0])
            finally:
                source.close()
        undo.append(lambda: self._delete_sheet(copied))

        def replace() -> None:
            if old is not None:
                self._delete_sheet(old)
            copied.name = op.title

        finish.append(replace)

    # -- files made from the book (port.SavesCopy, port.PrintsPdf) ------------------------
    def save_copy(self, folder: Path) -> Path:
        """The book as it is now, unsaved changes included, written to ``folder`` by Excel's
        ``SaveCopyAs``: the open book keeps its name, its file and its "unsaved" state.
        The writes staged so far are applied first: the copy is of the book as written."""
        suffix = Path(self.name).suffix.lower()
        if suffix not in COPY_SUFFIXES:  # .xlsb, .xls: a copy openpyxl could not read
            raise OcopError("WORKBOOK_NOT_XLSM", file=self.name)
        self.commit()
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


def _as_written(values: Any) -> Any:
    """Values read from a range, to write them back as they were (text stays text)."""
    if isinstance(values, list):
        return [_as_written(v) for v in values]
    return excel_text(values)


def _ref(table: Any) -> str:
    """An Excel table's range as "A1:C9"."""
    rng = table.range
    last = rng.last_cell
    return f"{get_column_letter(rng.column)}{rng.row}:{get_column_letter(last.column)}{last.row}"
