"""``FileWorkbook``: the Workbook port on a master file (.xlsx or .xlsm) through openpyxl."""

from __future__ import annotations

import functools
import gc
import weakref
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
from openpyxl import Workbook as OpenpyxlBook
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ocop_xl.domain.document import Document
from ocop_xl.domain.issues import MasterError
from ocop_xl.workbook import fast_open, fast_sheet
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
from ocop_xl.workbook.layout import MASTER, Layout
from ocop_xl.workbook.layout.spec import TableSheet
from ocop_xl.workbook.port import AuditEntry
from ocop_xl.workbook.tables import find_range, fits, materialize, put, settle
from ocop_xl.workbook.tables import read_table as read_ws_table
from ocop_xl.workbook.tables import write_table as write_ws_table
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
        self._values_book: OpenpyxlBook | None = None
        self._dirty = False
        # Large tables' data rows, held out of openpyxl until saved (Excel table name ->
        # rows); see fast_sheet.
        self._held: dict[str, HeldRows] = {}
        # The file on disk as read or last saved (real path, state), for the check before
        # the master is replaced; and this workbook's hold on the master's lock, if any.
        self._disk: tuple[Path, DiskState | None] | None = None
        self._lock: MasterLock | None = None
        self._lock_finalizer: weakref.finalize | None = None
        self._held_commit: HeldCommit | None = None

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
                    book, held = fast_open.load(
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
        return find_range(self.book[spec.sheet], spec) is not None

    def read_table(self, name: str) -> pd.DataFrame:
        spec = self.layout.table(name)
        if spec.sheet not in self.book.sheetnames:
            raise MasterError("SHEET_MISSING", file=self.name, sheet=spec.sheet)
        ws = self.book[spec.sheet]
        held = self._held_rows(spec)
        return read_ws_table(ws, spec, self.name, self._cached_value, held)

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        spec = self.layout.table(name)
        ws = self._sheet(spec.sheet)
        with collector_paused():
            write_ws_table(self.book, ws, spec, self.layout, frame, self._held)
        self._dirty = True

    def write_document(self, name: str, document: Document) -> None:
        spec = self.layout.document(name)
        index = code_name = None
        if spec.sheet in self.book.sheetnames:
            index = self.book.sheetnames.index(spec.sheet)
            code_name = self.book[spec.sheet].sheet_properties.codeName  # its VBA module's
            self.book.remove(self.book[spec.sheet])
        ws = self._sheet(spec.sheet, index)
        ws.sheet_properties.codeName = code_name
        if spec.tab_color:
            ws.sheet_properties.tabColor = spec.tab_color
        render_document(ws, document)
        self._dirty = True

    def status(self, text: str) -> None:
        if self._on_status is not None:
            self._on_status(text)

    def progress(self, done: int, total: int, text: str = "") -> None:
        if self._on_progress is not None:
            self._on_progress(done, total, text)

    def log(self, entry: AuditEntry) -> None:
        spec = self.layout.table("audit")
        ws = self._sheet(spec.sheet)
        if spec.table in self._held:  # appended to cell by cell
            materialize(self._held.pop(spec.table))
        found = find_range(ws, spec)
        if found is None:
            write_ws_table(self.book, ws, spec, self.layout, pd.DataFrame(columns=list(spec.keys)))
            found = find_range(ws, spec)
        assert found is not None
        table = ws.tables.get(spec.table)
        # Append one row without rewriting the others: the log only grows.
        empty = found.last_row == found.header_row or all(
            ws.cell(found.last_row, c).value is None
            for c in range(found.min_col, found.max_col + 1)
        )
        row = found.last_row if empty and found.last_row > found.header_row else found.last_row + 1
        values = audit_values(entry)
        for offset, col in enumerate(spec.columns):
            cell = put(ws, row, found.min_col + offset, values[col.key])
            if col.number_format and col.number_format != "@":
                cell.number_format = col.number_format
        if table is not None:
            first, _ = table.ref.split(":")
            last_letter = "".join(ch for ch in table.ref.split(":")[1] if ch.isalpha())
            table.ref = f"{first}:{last_letter}{row}"
            if table.autoFilter is not None:
                table.autoFilter.ref = table.ref
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
        """Let go of the master's lock (nothing is saved) and of the cached values."""
        self._release()
        self._values_book = None

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
        self._values_book = None
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
        """openpyxl writes the package; held rows then go into their sheets' parts."""
        for table, held in list(self._held.items()):
            if held.ws not in self.book.worksheets or not settle(held):
                del self._held[table]  # its sheet was removed / its rows are in cells now
        blocks = list(self._held.values())
        style_ids = fast_sheet.register_styles(self.book, blocks)
        sync_document_modules(self.book)  # a sheet added or remade gets its VBA module
        self.book.save(target)
        if not blocks:
            return
        by_part: dict[str, list[HeldRows]] = {}
        for held in blocks:
            by_part.setdefault(held.ws.path.lstrip("/"), []).append(held)
        epoch = self.book.epoch
        fast_sheet.repack(
            target,
            {
                part: functools.partial(
                    fast_sheet.splice_rows, blocks=held, style_ids=style_ids, epoch=epoch
                )
                for part, held in by_part.items()
            },
        )

    def _held_rows(self, spec: TableSheet) -> HeldRows | None:
        """The table's held rows, if they still are its rows (else they go into cells)."""
        held = self._held.get(spec.table)
        if held is None:
            return None
        found = find_range(held.ws, spec)
        if found is not None and fits(held, found) and settle(held):
            return held
        if found is None or not fits(held, found):
            materialize(held)
        del self._held[spec.table]
        return None

    def _sheet(self, title: str, index: int | None = None):
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

    def _cached_value(self, sheet: str, coordinate: str) -> Any:
        """The value Excel last computed for a formula cell (openpyxl keeps formulas)."""
        if self._values_book is None:
            self._values_book = load_workbook(self.path, data_only=True, read_only=False)
        if sheet not in self._values_book.sheetnames:
            return None
        return self._values_book[sheet][coordinate].value


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
    counts = ", ".join(f"{k}: {v}" for k, v in entry.counts.items())
    return {
        "time": entry.time.replace(microsecond=0, tzinfo=None),
        "action": entry.action,
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
