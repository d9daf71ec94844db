"""The writes of an action on the open book, held until ``LiveWorkbook.commit``.

A file master is never half written (one atomic save). The book open in Excel has no such
save, so ``LiveWorkbook`` writes nothing into Excel while the action runs: every write is
one of the operations below, staged in order, and ``commit`` applies them all at the end.
An action that fails half way leaves the book as it was; reads during the action see the
staged writes (``Staged.overlay``), so the action sees its own work.

Values are always a block of one sheet, ``CellBlock(sheet, row, column, values)``: a rule
that must leave some cells alone (a formula the office typed, a cell ocop_xl does not own)
filters a block cell by cell before it is applied (``CellBlock.cells``/``without``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries

from ocop_xl.domain.document import Document


def stored(value: Any) -> Any:
    """What Excel keeps of a value assigned to a cell: the quote prefix keeps text as text
    and is not part of it; an empty text is a blank."""
    if isinstance(value, str):
        if value.startswith("'"):
            return value[1:] or None
        return value or None
    return value


@dataclass(frozen=True)
class CellBlock:
    """Values for a rectangle of one sheet, from (row, column) down and right; ``None`` is
    a blank, a text starting with "'" stays text (Excel's quote prefix)."""

    sheet: str
    row: int
    column: int
    values: tuple[tuple[Any, ...], ...]

    @property
    def last_row(self) -> int:
        return self.row + len(self.values) - 1

    @property
    def last_column(self) -> int:
        return self.column + max((len(r) for r in self.values), default=1) - 1

    @property
    def address(self) -> str:
        first = f"{get_column_letter(self.column)}{self.row}"
        return f"{first}:{get_column_letter(self.last_column)}{self.last_row}"

    def cells(self) -> Iterator[tuple[int, int, Any]]:
        """(row, column, value) of every cell of the block."""
        for i, row in enumerate(self.values):
            for j, value in enumerate(row):
                yield self.row + i, self.column + j, value

    def without(self, keep: Iterable[tuple[int, int]]) -> list[CellBlock]:
        """The block split into row runs that leave the cells ``keep`` untouched."""
        skipped = set(keep)
        parts: list[CellBlock] = []
        for i, row in enumerate(self.values):
            r = self.row + i
            run: list[Any] = []
            start = self.column
            for j, value in enumerate([*row, None]):
                c = self.column + j
                if j < len(row) and (r, c) not in skipped:
                    if not run:
                        start = c
                    run.append(value)
                    continue
                if run:
                    parts.append(CellBlock(self.sheet, r, start, (tuple(run),)))
                    run = []
        return parts


@dataclass(frozen=True)
class TableSize:
    """An Excel table (made when missing) spanning ``ref`` of its sheet."""

    sheet: str
    table: str
    ref: str
    style: str


@dataclass(frozen=True)
class NumberFormat:
    sheet: str
    ref: str
    number_format: str


@dataclass(frozen=True)
class NameRef:
    """A workbook name (a dropdown's list) referring to ``refers_to`` ("=…")."""

    name: str
    refers_to: str


@dataclass(frozen=True)
class NewSheet:
    """A sheet the layout needs and the book lacks, placed after ``after`` (None: first)."""

    title: str
    after: str | None


@dataclass(frozen=True)
class DocumentSheet:
    """A printable document, rendered and copied into the book (replacing its sheet)."""

    title: str
    tab_color: str | None
    document: Document
    after: str | None  # where it goes when the book lacks it (None: first)


Operation = CellBlock | TableSize | NumberFormat | NameRef | NewSheet | DocumentSheet


class Staged:
    """The operations of one action, in the order it made them."""

    def __init__(self) -> None:
        self.operations: list[Operation] = []

    def add(self, operation: Operation) -> None:
        self.operations.append(operation)

    def clear(self) -> None:
        self.operations.clear()

    def __bool__(self) -> bool:
        return bool(self.operations)

    def overlay(self, sheet: str) -> dict[tuple[int, int], Any]:
        """The cells the staged blocks set on ``sheet`` (the last write wins), as Excel
        will hold them."""
        cells: dict[tuple[int, int], Any] = {}
        for op in self.operations:
            if isinstance(op, CellBlock) and op.sheet == sheet:
                for r, c, value in op.cells():
                    cells[(r, c)] = stored(value)
        return cells

    def table_ref(self, sheet: str, table: str) -> str | None:
        found = None
        for op in self.operations:
            if isinstance(op, TableSize) and (op.sheet, op.table) == (sheet, table):
                found = op.ref
        return found

    def new_sheets(self) -> list[str]:
        return [op.title for op in self.operations if isinstance(op, NewSheet | DocumentSheet)]


def bounds(ref: str) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column) of "A1:C9"."""
    c1, r1, c2, r2 = range_boundaries(ref)
    return r1, c1, r2, c2
