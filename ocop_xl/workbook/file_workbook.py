"""``FileWorkbook``: the Workbook port on a master file (.xlsx or .xlsm) through openpyxl."""

from __future__ import annotations

import gc
import weakref
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
from openpyxl import Workbook as OpenpyxlBook
from openpyxl.cell.cell import Cell
from openpyxl.utils import range_boundaries
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.domain.catalog.counts import count_label
from ocop_xl.domain.document import Document
from ocop_xl.domain.issues import Issue, MasterError
from ocop_xl.workbook import fast_open, fast_sheet, formula_values
from ocop_xl.workbook.atomic import (
    DiskState,
    MasterLock,
    SideFile,
    atomic_save,
    check_writable,
    lock_path,
    real_path,
    write_file,
)
from ocop_xl.workbook.document_sheet import render_document
from ocop_xl.workbook.fast_sheet import HeldRows
from ocop_xl.workbook.formula_values import NO_VALUE, FormulaCells, TableShape, formula_text
from ocop_xl.workbook.layout import MASTER, Layout
from ocop_xl.workbook.layout.spec import TableSheet
from ocop_xl.workbook.openpyxl_compat import sheet_cells
from ocop_xl.workbook.port import AuditEntry
from ocop_xl.workbook.sheet_notes import Notices, append_rows, archive_rows, formula_notices
from ocop_xl.workbook.table import (
    Archived,
    locate,
    materialize,
    read_table,
    settle,
    write_table,
)
from ocop_xl.workbook.table.grid import Grid
from ocop_xl.workbook.xlsm.documents import sync_document_modules

MACRO_SUFFIXES = {".xlsm", ".xltm", ".xlam"}


@dataclass
class HeldCommit:
    """``commit`` calls made inside ``FileWorkbook.commit_held()``, and the files to write
    with the save (``SideFile``, e.g. the JSON report once the action's result is known)."""

    requested: bool = False
    side_files: list[SideFile] = field(default_factory=list)

    def also_write(self, path: Path, data: bytes, code: str = "REPORT_WRITE_FAILED") -> None:
        self.side_files.append(SideFile(Path(path), data, code))


class FileWorkbook:
    """Reads and writes whole tables of a master file; ``commit`` saves it atomically.

    Opened for writing, it holds the master's lock (``atomic.MasterLock``: no other
    ocop-xl process writes the file meanwhile) until the end of its save, or ``close()``
    (also a context manager; a workbook dropped without either lets go when it is
    collected). Written again after a save, it takes the lock again to save, and the file
    on disk must still be the one it saved or read (else ``MASTER_CHANGED``)."""

    def __init__(
        self,
        path: Path,
        book: OpenpyxlBook,
        *,
        layout: Layout = MASTER,
        on_status: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.book = book
        self.layout = layout
        self._on_status = on_status
        self._on_progress = on_progress
        self._dirty = False
        # Large tables' data rows, held out of openpyxl until saved (Excel table name ->
        # rows); see fast_sheet.
        self._held: dict[str, HeldRows] = {}
        # The staff's formulas: their saved values and what this session makes them.
        # (through a weak proxy: no cycle, so a workbook dropped is freed, and its lock
        # let go, at once)
        me = weakref.proxy(self)
        self.formulas = FormulaCells(
            book, {}, lambda ws, row, col: me._cell_at(ws, row, col), lambda: me._table_shapes()
        )
        self._notices = Notices()
        self.action_label = ""  # for the Lưu trữ rows of the running action
        # The file on disk as read or last saved (real path, state), for the check before
        # the master is replaced; and this workbook's hold on the master's lock, if any.
        self._disk: tuple[Path, DiskState | None] | None = None
        self._lock: MasterLock | None = None
        self._lock_finalizer: weakref.finalize | None = None
        self._held_commit: HeldCommit | None = None
        self._saved_values: dict | None = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        writable: bool = True,
        layout: Layout = MASTER,
        on_status: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> FileWorkbook:
        """Open a master; ``writable`` (the default) takes its lock, waiting a few seconds
        for another action writing it (``MASTER_BUSY`` after that)."""
        path = Path(path)
        if not path.is_file():
            raise MasterError("MASTER_NOT_FOUND", file=str(path))
        lock = None
        if writable:
            check_writable(path)  # refuse before doing any work, not at the end
            lock = MasterLock.acquire(path, on_status=on_status)
        try:
            real = real_path(path)
            state = DiskState.of(real)  # before reading: a change after it is seen at save
            try:
                with collector_paused():
                    book, held, stored = fast_open.load(
                        path, keep_vba=path.suffix.lower() in MACRO_SUFFIXES, layout=layout
                    )
            except (
                InvalidFileException,
                zipfile.BadZipFile,
                KeyError,
                OSError,
                ValueError,
            ) as exc:
                raise MasterError(
                    "MASTER_UNREADABLE", file=path.name, detail=type(exc).__name__
                ) from exc
            wb = cls(path, book, layout=layout, on_status=on_status, on_progress=on_progress)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        wb._held.update(held)
        wb.formulas.stored.update(stored)
        wb._disk = (real, state)
        wb._hold(lock)
        return wb

    @classmethod
    def new(cls, path: Path | str, *, layout: Layout = MASTER) -> FileWorkbook:
        """An empty book with every sheet of the layout, in tab order (not saved yet)."""
        book = OpenpyxlBook()
        book.remove(book.active)
        for title in layout.sheet_order:
            book.create_sheet(title)
        wb = cls(Path(path), book, layout=layout)
        wb._dirty = True
        return wb

    # -- the port ------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.path.name

    @property
    def folder(self) -> Path:
        return self.path.parent

    def has_sheet(self, name: str) -> bool:
        return self.layout[name].sheet in self.book.sheetnames

    @property
    def held_tables(self) -> frozenset[str]:
        """Excel tables whose rows are held for the fast save (diagnostics and tests)."""
        return frozenset(self._held)

    def has_table(self, name: str) -> bool:
        spec = self.layout.table(name)
        if spec.sheet not in self.book.sheetnames:
            return False
        ws = self.book[spec.sheet]
        return locate(ws, spec, Grid(ws, list(self._held.values())).at) is not None

    def read_table(self, name: str) -> pd.DataFrame:
        spec = self.layout.table(name)
        if spec.sheet not in self.book.sheetnames:
            raise MasterError("SHEET_MISSING", file=self.name, sheet=spec.sheet)
        ws = self.book[spec.sheet]
        found: list[Issue] = []
        frame = read_table(
            ws,
            spec,
            self.name,
            held=self._held_rows(spec),
            formula_value=self.formulas.value,
            notices=found,
        )
        self._notices.add(found)
        return frame

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        spec = self.layout.table(name)
        ws = self._sheet(spec.sheet)
        self._held_rows(spec)  # rows held over stray cells go back into cells first
        with collector_paused():
            written = write_table(
                self.book,
                ws,
                spec,
                self.layout,
                frame,
                held=self._held,
                formula_value=self.formulas.value,
                file_name=self.name,
            )
        for box in written.changed:
            self.formulas.changed(ws.title, box)
        self.formulas.moved(ws.title, written.moved)
        self._notices.add(written.notices)
        if written.archived:
            self._archive(ws.title, written.archived)
        self._dirty = True

    def notices(self) -> list[Issue]:
        """What reading and writing the master's sheets found: formulas without a value,
        the staff's rows below a table, formulas kept, cells moved to Lưu trữ."""
        return self._notices.all() + formula_notices(self.formulas, self.name)

    def _archive(self, sheet: str, archived: list) -> None:
        spec = self.layout.table("archive")
        ws = self._sheet(spec.sheet)
        issue = archive_rows(self, ws, spec, sheet, archived)
        self._notices.add([issue])

    def write_document(self, name: str, document: Document) -> None:
        """Render a printable sheet again. It is the program's, but a formula or a note the
        staff put on it is kept where the new page leaves its cell empty, and moved to Lưu
        trữ (with a notice) where the page now writes."""
        spec = self.layout.document(name)
        index = code_name = None
        typed: list = []
        if spec.sheet in self.book.sheetnames:
            old = self.book[spec.sheet]
            index = self.book.sheetnames.index(spec.sheet)
            code_name = old.sheet_properties.codeName  # its VBA module's
            typed = [c for c in sheet_cells(old).values() if c.data_type == "f" or c.comment]
            self.book.remove(old)
        ws = self._sheet(spec.sheet, index)
        ws.sheet_properties.codeName = code_name
        if spec.tab_color:
            ws.sheet_properties.tabColor = spec.tab_color
        render_document(ws, document)
        if typed:
            self._keep_typed(ws, typed)
        self._dirty = True

    def _keep_typed(self, ws: Worksheet, typed: list[Cell]) -> None:
        archived = []
        for old in typed:
            new = sheet_cells(ws).get((old.row, old.column))
            formula = formula_text(old.value) if old.data_type == "f" else None
            if new is None or new.value is None:
                cell = ws.cell(old.row, old.column)
                if formula is not None:
                    cell.value = formula
                if old.comment is not None:
                    cell.comment = copy(old.comment)
                continue
            if formula is not None:
                archived.append(Archived(ws.title, old.coordinate, "", "", formula, "formula"))
            if old.comment is not None:
                note = old.comment.text
                archived.append(Archived(ws.title, old.coordinate, "", "", note, "note"))
        if archived:
            spec = self.layout.table("archive")
            issue = archive_rows(self, self._sheet(spec.sheet), spec, ws.title, archived)
            self._notices.add(
                [Issue.warning("DOCUMENT_CELLS_ARCHIVED", issue.location, **issue.params)]
            )

    def status(self, text: str) -> None:
        if self._on_status is not None:
            self._on_status(text)

    def progress(self, done: int, total: int, text: str = "") -> None:
        if self._on_progress is not None:
            self._on_progress(done, total, text)

    def log(self, entry: AuditEntry) -> None:
        spec = self.layout.table("audit")
        ws = self._sheet(spec.sheet)
        append_rows(self, ws, spec, [audit_values(entry)])
        self._dirty = True

    def commit(self, *, side_files: Iterable[SideFile] = ()) -> None:
        """Save if anything was written (with ``side_files`` staged before the master is
        replaced), then let go of the master's lock. Inside ``commit_held()`` only noted."""
        if self._held_commit is not None:
            self._held_commit.requested = True
            return
        side_files = list(side_files)
        try:
            if self._dirty:
                self.save(side_files=side_files)
            else:
                for side in side_files:
                    write_file(side)
        finally:
            self._release()

    @contextmanager
    def commit_held(self) -> Iterator[HeldCommit]:
        """Hold back ``commit`` calls made in the block (an action's own) until its end,
        then commit once with the files added through ``HeldCommit.also_write``; those are
        written even when the action saved nothing. Nothing is saved if the block raises."""
        held = HeldCommit()
        self._held_commit = held
        try:
            yield held
        finally:
            self._held_commit = None
        if held.requested:
            self.commit(side_files=held.side_files)
        else:
            for side in held.side_files:
                write_file(side)

    def close(self) -> None:
        """Let go of the master's lock (nothing is saved)."""
        self._release()

    def __enter__(self) -> FileWorkbook:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def holds_lock(self) -> bool:
        """Whether this workbook holds the master's lock now (diagnostics and tests)."""
        return self._lock is not None and not self._lock.released

    # -- files ---------------------------------------------------------------------------
    def save(self, path: Path | None = None, *, side_files: Iterable[SideFile] = ()) -> Path:
        """Save to ``path`` (default: the master) in one atomic replace, under the lock of
        that file; the file on disk must still be the one read or last saved. The lock is
        let go at the end, whatever happens."""
        target = Path(path) if path else self.path
        real = real_path(target)
        expected = self._disk[1] if self._disk is not None and self._disk[0] == real else None
        try:
            own = None  # the lock of this file, unless the one taken at open is it
            if self._lock is None or self._lock.released or self._lock.key != lock_path(real):
                own = MasterLock.acquire(target, on_status=self._on_status)
            try:
                with collector_paused():
                    state = atomic_save(
                        target, self._write_package, expected=expected, side_files=side_files
                    )
            finally:
                if own is not None:
                    own.release()
        finally:
            self._release()
        self.path = target
        self._disk = (real, state)
        self._dirty = False
        saved = getattr(self, "_saved_values", None)
        if saved is not None:
            self.formulas.saved(
                {
                    ws.title: {(cell_row(ref), cell_col(ref)): v for ref, v in cells.items()}
                    for ws, cells in saved.items()
                }
            )
            self._saved_values = None
        return target

    def _hold(self, lock: MasterLock | None) -> None:
        self._lock = lock
        if lock is not None:
            # A workbook dropped without commit or close still lets go of the lock.
            self._lock_finalizer = weakref.finalize(self, lock.release)

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._lock_finalizer is not None:
            self._lock_finalizer.detach()
            self._lock_finalizer = None

    def _write_package(self, target: Path) -> None:
        """openpyxl writes the package; held rows then go into their sheets' parts, and
        the staff's formulas get back the values openpyxl does not write."""
        for table, held in list(self._held.items()):
            if held.ws not in self.book.worksheets or not settle(held):
                del self._held[table]  # its sheet was removed / its rows are in cells now
        blocks = list(self._held.values())
        style_ids = fast_sheet.register_styles(self.book, blocks)
        sync_document_modules(self.book)  # a sheet added or remade gets its VBA module
        values = self._formula_values()
        self.book.calculation.fullCalcOnLoad = True  # Excel recomputes every formula on open
        self.book.save(target)
        self._saved_values = values
        by_part: dict[str, list[HeldRows]] = {}
        for held in blocks:
            by_part.setdefault(held.ws.path.lstrip("/"), []).append(held)
        parts = {ws.path.lstrip("/"): found for ws, found in values.items()}
        if not by_part and not parts:
            return
        epoch = self.book.epoch

        def change(part: str) -> Callable[[bytes], list[bytes]]:
            def rewrite(xml: bytes) -> list[bytes]:
                if part in parts:
                    xml = formula_values.inject_values(xml, parts[part], epoch)
                if part in by_part:
                    return fast_sheet.splice_rows(
                        xml, blocks=by_part[part], style_ids=style_ids, epoch=epoch
                    )
                return [xml]

            return rewrite

        fast_sheet.repack(target, {part: change(part) for part in {*by_part, *parts}})

    def _formula_values(self) -> dict:
        """{sheet: {"G2": value}} of every formula cell whose value is known."""
        found = {}
        for ws in self.book.worksheets:
            cells = {}
            for (row, col), cell in sheet_cells(ws).items():
                if cell.data_type != "f":
                    continue
                text = formula_text(cell.value)
                if text is None:
                    continue
                value = self.formulas.value(ws, row, col, text)
                if value is not NO_VALUE and value is not None:
                    cells[cell.coordinate] = value
            if cells:
                found[ws] = cells
        return found

    def _cell_at(self, ws: Worksheet, row: int, col: int) -> object:
        for held in self._held.values():
            if held.ws is ws and held.contains(row, col):
                return held.value(row, col)
        cell = sheet_cells(ws).get((row, col))
        return None if cell is None else cell.value

    def _table_shapes(self) -> list[TableShape]:
        """Every Excel table's place, for the structured references of formulas."""
        shapes = []
        for ws in self.book.worksheets:
            for table in ws.tables.values():
                min_col, header, max_col, bottom = range_boundaries(table.ref)
                totals = bottom if (table.totalsRowCount or 0) > 0 else None
                last = bottom - 1 if totals else bottom
                names = [
                    str(self._cell_at(ws, header, c) or "") for c in range(min_col, max_col + 1)
                ]
                shapes.append(
                    TableShape(
                        table.displayName, ws.title, header, header + 1, last, min_col,
                        tuple(names), totals,
                    )
                )  # fmt: skip
        return shapes

    def _held_rows(self, spec: TableSheet) -> HeldRows | None:
        """The table's held rows, if they still are its rows (else they go into cells)."""
        held = self._held.get(spec.table)
        if held is None:
            return None
        ws = held.ws
        place = locate(ws, spec, Grid(ws, list(self._held.values())).at)
        fits = (
            place is not None
            and held.top == place.header_row + 1
            and held.left == place.min_col
            and held.right == place.max_col
            and held.bottom <= place.last_row
        )
        if fits and settle(held):
            return held
        if not fits:
            materialize(held)
        del self._held[spec.table]
        return None

    def _sheet(self, title: str, index: int | None = None) -> Worksheet:
        if title in self.book.sheetnames:
            return self.book[title]
        if index is None:
            index = self._layout_index(title)
        return self.book.create_sheet(title, index)

    def _layout_index(self, title: str) -> int:
        """Where a missing sheet goes: after the last existing sheet that precedes it."""
        order = self.layout.sheet_order
        position = 0
        for i, existing in enumerate(self.book.sheetnames):
            if existing in order and order.index(existing) < order.index(title):
                position = i + 1
        return position


def cell_row(ref: str) -> int:
    return coordinate_from_string(ref)[1]


def cell_col(ref: str) -> int:
    return column_index_from_string(coordinate_from_string(ref)[0])


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during the call. openpyxl makes several objects per
    cell, and while a large sheet is loaded, written or saved the collector would walk the
    whole workbook again and again (a quarter of a 6,000-row load). Reference counting still
    frees what is dropped; anything cyclic waits for the next collection."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def audit_values(entry: AuditEntry) -> dict[str, Any]:
    inputs = _fit_cell([f"{name} ({digest})" for name, digest in entry.inputs])
    counts = ", ".join(f"{count_label(k)}: {v}" for k, v in entry.counts.items())
    return {
        "time": entry.time.replace(microsecond=0, tzinfo=None),
        "action": entry.label or entry.action,
        "command": entry.action,
        "user": entry.user,
        "inputs": inputs,
        "counts": counts,
        "duration": round(entry.duration, 3),
        "version": entry.version,
    }


CELL_TEXT_LIMIT = 32_767  # characters Excel keeps in one cell


def _fit_cell(lines: list[str]) -> str:
    """Lines joined for one cell; past Excel's limit the rest is counted, not cut mid-line."""
    kept: list[str] = []
    size = 0
    for i, line in enumerate(lines):
        tail = f"… và {len(lines) - i} tệp khác"
        if size + len(line) + 1 + len(tail) > CELL_TEXT_LIMIT:
            kept.append(tail)
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept)
