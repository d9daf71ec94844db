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
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table

from ocop_xl.domain.document import Document
from ocop_xl.domain.issues import Issue, MasterError, OcopError
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
from ocop_xl.workbook.formula_values import NO_VALUE, formula_text
from ocop_xl.workbook.layout import MASTER, Layout
from ocop_xl.workbook.layout.spec import TableSheet
from ocop_xl.workbook.openpyxl_compat import sheet_cells
from ocop_xl.workbook.port import AuditEntry
from ocop_xl.workbook.sheet_notes import ARCHIVE_KINDS, Notices
from ocop_xl.workbook.table import Archived, locate, read_table, write_table
from ocop_xl.workbook.table.cells import set_value
from ocop_xl.workbook.table.grid import Grid

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
    """One sheet of the open book copied into an openpyxl sheet at the same coordinates,
    with its Excel tables, so the file adapter's table code runs on it unchanged. A formula
    cell holds its formula; the value Excel calculated for it is in ``computed``."""

    def __init__(
        self,
        title: str,
        values: list[list[Any]],
        formulas: list[list[Any]] | None,
        tables: list[tuple[str, str]],
        computed: dict[tuple[int, int], Any],
    ) -> None:
        self.book = OpenpyxlBook()
        self.ws = self.book.active
        self.ws.title = title
        self.computed: dict[tuple[int, int], Any] = {}
        self.formulas: dict[tuple[int, int], str] = {}
        for r, row in enumerate(values, 1):
            for c, value in enumerate(row, 1):
                formula = formulas[r - 1][c - 1] if formulas and len(formulas) >= r else None
                text = formula_text(formula) if isinstance(formula, str) else None
                if text is not None:
                    self.ws.cell(r, c).value = text
                    self.formulas[(r, c)] = text
                    self.computed[(r, c)] = computed.get(
                        (r, c), excel_number(value) if value != "" else None
                    )
                elif value is not None:
                    set_value(self.ws.cell(r, c), excel_number(value))
        for name, ref in tables:
            self.ws.add_table(Table(displayName=name, ref=ref))

    def value(self, ws: Any, row: int, col: int, text: str) -> Any:
        return self.computed.get((row, col), NO_VALUE)

    def block(self, top: int, left: int, bottom: int, right: int) -> list[list[Any]]:
        """Values to assign (text quoted to stay text, a formula as its text)."""
        rows = []
        for r in range(top, bottom + 1):
            row = []
            for c in range(left, right + 1):
                cell = sheet_cells(self.ws).get((r, c))
                value = None if cell is None else cell.value
                if cell is not None and cell.data_type == "f":
                    row.append(value)
                else:
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
        self._notices = Notices()
        # Values Excel calculated for formula cells an action moved with their rows (the
        # move is staged: Excel has not calculated them at their new place yet).
        self._computed: dict[str, dict[tuple[int, int], Any]] = {}
        self.action_label = ""

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

    def _excel_tables(self, title: str) -> list[tuple[str, str]]:
        """(name, range) of the sheet's Excel tables, as the action sees them (staged)."""
        found: dict[str, str] = {}
        if title in self._excel_names():
            for table in self.book.sheets[title].tables:
                found[str(table.name)] = _ref(table)
        for op in self._staged.operations:
            if isinstance(op, TableSize) and op.sheet == title:
                found[op.table] = op.ref
        return list(found.items())

    def _formulas(self, title: str, bottom: int, right: int) -> list[list[Any]] | None:
        """The formulas of A1 down to (bottom, right) (None where a cell has none), with
        the staged writes laid over them (a staged "=…" is a formula moved with its row)."""
        rows: list[list[Any]] = [[None] * right for _ in range(bottom)]
        if title in self._excel_names():
            rng = self.book.sheets[title].range((1, 1), (bottom, right))
            found = rng.options(ndim=2).formula
            for i, row in enumerate(found or []):
                for j, text in enumerate(row):
                    if i < bottom and j < right and formula_text(text):
                        rows[i][j] = text
        for op in self._staged.operations:
            if isinstance(op, CellBlock) and op.sheet == title:
                for r, c, value in op.cells():
                    if r <= bottom and c <= right:
                        staged = value if isinstance(value, str) and formula_text(value) else None
                        rows[r - 1][c - 1] = staged
        return rows

    def _read_sheet(self, title: str) -> Mirror:
        """One read of the sheet's values and one of its formulas, from A1 to the end of
        the used range, with the staged writes laid over them."""
        values = self._values(title, 1, 1, None, None)
        bottom, right = len(values), max((len(r) for r in values), default=1)
        formulas = self._formulas(title, bottom, right)
        return Mirror(
            title,
            values or [[None]],
            formulas,
            self._excel_tables(title),
            self._computed.get(title, {}),
        )

    # -- the port ------------------------------------------------------------------------
    def read_table(self, name: str) -> pd.DataFrame:
        spec = self.layout.table(name)
        self._need_sheet(spec.sheet)
        mirror = self._read_sheet(spec.sheet)
        found: list[Issue] = []
        frame = read_table(mirror.ws, spec, self.name, formula_value=mirror.value, notices=found)
        self._notices.add(found)
        return frame

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        """Stage the table's new block (applied by ``commit``): every cell of the table's
        old and new range, except the office's formulas that stay where they are."""
        spec = self.layout.table(name)
        self._need_sheet(spec.sheet, create=True)
        mirror = self._read_sheet(spec.sheet)
        before = locate(mirror.ws, spec, Grid(mirror.ws).at)
        written = write_table(
            mirror.book,
            mirror.ws,
            spec,
            self.layout,
            frame,
            formula_value=mirror.value,
            file_name=self.name,
        )
        self._notices.add(written.notices)
        place = written.place
        top, left = place.header_row, place.min_col
        bottom = max(place.totals_row or place.last_row, place.header_row + 1)
        right = place.max_col
        if before is not None:
            bottom = max(bottom, before.totals_row or before.last_row)
            right = max(right, before.max_col)
        block = CellBlock(
            spec.sheet,
            top,
            left,
            tuple(tuple(row) for row in mirror.block(top, left, bottom, right)),
        )
        unchanged = [  # the office's formulas left where they were
            key
            for key, text in mirror.formulas.items()
            if sheet_cells(mirror.ws).get(key) is not None
            and sheet_cells(mirror.ws)[key].value == text
        ]
        for part in block.without(unchanged) if unchanged else [block]:
            self._staged.add(part)
        computed = self._computed.setdefault(spec.sheet, {})
        for origin, target in written.moved.items():
            computed[target] = mirror.computed.get(origin, NO_VALUE)
        table_ref = (
            f"{get_column_letter(left)}{top}:{get_column_letter(place.max_col)}"
            f"{max(place.totals_row or place.last_row, top + 1)}"
        )
        self._staged.add(TableSize(spec.sheet, place.name, table_ref, spec.style))
        if place.last_row > place.header_row:
            for key, column in place.declared.items():
                fmt = spec.column(key).number_format
                if fmt and fmt != "@":
                    letter = get_column_letter(column)
                    ref = f"{letter}{top + 1}:{letter}{place.last_row}"
                    self._staged.add(NumberFormat(spec.sheet, ref, fmt))
        for defined_name, defined in mirror.book.defined_names.items():
            # dropdown lists other tables draw from follow the rows just written
            self._staged.add(NameRef(defined_name, "=" + str(defined.attr_text)))
        if written.archived:
            self._archive(written.archived)

    def notices(self) -> list[Issue]:
        return self._notices.all()

    def _archive(self, archived: list[Archived]) -> None:
        spec = self.layout.table("archive")
        now = datetime.now().replace(microsecond=0)
        for a in archived:
            self._append(
                spec,
                {
                    "time": now,
                    "action": self.action_label,
                    "sheet": a.sheet,
                    "cell": a.cell,
                    "row_key": a.row_key,
                    "header": a.header,
                    "kind": ARCHIVE_KINDS.get(a.kind, a.kind),
                    "content": a.content,
                },
            )

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
        self._append(self.layout.table("audit"), audit_values(entry))

    def _append(self, spec: TableSheet, values: dict[str, Any]) -> None:
        """Stage one row under a table that only grows (Nhật ký, Lưu trữ)."""
        self._need_sheet(spec.sheet, create=True)
        if self._table_ref(spec.sheet, spec.table) is None:
            self.write_table(spec.name, pd.DataFrame(columns=list(spec.keys)))
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
            old_formulas = rng.options(ndim=2).formula
            rng.value = [list(row) for row in op.values]
            undo.append(lambda: setattr(rng, "value", _as_written(old, old_formulas)))
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


def _as_written(values: Any, formulas: Any = None) -> Any:
    """Values read from a range, to write them back as they were (text stays text, a
    formula goes back as its formula)."""
    if isinstance(values, list | tuple):
        shapes = formulas if isinstance(formulas, list | tuple) else [None] * len(values)
        return [_as_written(v, f) for v, f in zip(values, shapes, strict=False)]
    if isinstance(formulas, str) and formula_text(formulas):
        return formulas
    return excel_text(values)


def _ref(table: Any) -> str:
    """An Excel table's range as "A1:C9"."""
    rng = table.range
    last = rng.last_cell
    return f"{get_column_letter(rng.column)}{rng.row}:{get_column_letter(last.column)}{last.row}"
