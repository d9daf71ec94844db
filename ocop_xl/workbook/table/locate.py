"""Where a layout table is on its sheet now: the staff move, rename and extend tables.

A table is found by its Excel name; when the staff renamed it (Excel's "Bảng1"), by its
header row among the sheet's tables (adopted under the name it has); when it is a plain
range (converted, or saved by a program without tables), by its header row anywhere near
the top of the sheet. Its columns are matched by their header text, wherever they are.

Below the data, the staff type totals and notes. A row whose text says it is a total
("Tổng cộng", "Cộng"…, or a SUM formula with no key) ends the data, inside or below the
table's range. Rows typed directly below the range are data for a table the staff fill in
(as Excel's own auto-expansion would make them); below a table the program fills, and
after a blank row below any table, they are the staff's own and never read or written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.domain.text import fold, is_blank
from ocop_xl.workbook.formula_values import formula_text
from ocop_xl.workbook.layout.spec import TableSheet
from ocop_xl.workbook.openpyxl_compat import sheet_cells

HEADER_SCAN_ROWS = 60  # how far down inserted title rows may push a plain range's header
HEADER_SCAN_COLS = 80
_TOTAL_LABELS = {"tong", "cong", "tong cong", "tong so", "total", "grand total", "sum"}
_TOTAL_STARTS = ("tong cong", "tong so ", "total ")
_SUMMING = re.compile(r"\b(SUM|SUBTOTAL|COUNTA?|AGGREGATE)\s*\(", re.IGNORECASE)

CellAt = Callable[[int, int], Any]  # (row, column) -> what the cell holds (formula text too)


@dataclass
class Below:
    """Rows under a table that are not its data: a total the staff typed, or their own
    rows after a blank one. ``rows`` are consecutive."""

    kind: str  # "total" | "outside"
    rows: tuple[int, int]
    cell: str  # the first cell with content
    text: str


@dataclass
class Place:
    """A layout table as it stands on its sheet."""

    spec: TableSheet
    table: Table | None  # the Excel table (found by name or adopted), None for a plain range
    header_row: int
    min_col: int
    max_col: int
    last_row: int  # last data row; == header_row when there is none
    totals_row: int | None = None  # Excel's own totals row, right below the data
    keys: list[str] = field(default_factory=list)  # per column: declared key or staff header
    declared: dict[str, int] = field(default_factory=dict)  # declared key -> column
    below: list[Below] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.table.displayName if self.table is not None else self.spec.table

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def rows(self) -> range:
        return range(self.header_row + 1, self.last_row + 1)

    @property
    def columns(self) -> range:
        return range(self.min_col, self.max_col + 1)

    def key_at(self, col: int) -> str:
        return self.keys[col - self.min_col]

    @property
    def letters(self) -> dict[str, str]:
        return {key: get_column_letter(self.min_col + i) for i, key in enumerate(self.keys)}

    @property
    def staff_columns(self) -> list[int]:
        return [c for c in self.columns if self.key_at(c) not in self.spec.keys]

    @property
    def limit_row(self) -> int | None:
        """The first row below the data the table may not grow into (the staff's)."""
        rows = [b.rows[0] for b in self.below]
        return min(rows) if rows else None


def header_map(spec: TableSheet) -> dict[str, str]:
    """Folded header text (and aliases) -> declared key."""
    mapping = {}
    for col in spec.columns:
        for text in (col.header, *col.aliases):
            mapping[fold(text)] = col.key
    return mapping


def column_keys(spec: TableSheet, headers: list[Any], min_col: int) -> list[str]:
    """A key per header cell: the declared key it names, else the staff's header text (or
    ``_X`` for a blank header in column X); a repeated declared header is the staff's."""
    known = header_map(spec)
    keys: list[str] = []
    for offset, header in enumerate(headers):
        key = known.get(fold(header)) if not is_blank(header) else None
        if key is None or key in keys:
            key = (
                str(header).strip()
                if not is_blank(header)
                else f"_{get_column_letter(min_col + offset)}"
            )
        keys.append(key)
    return keys


def _matches(spec: TableSheet, headers: list[Any]) -> int:
    known = header_map(spec)
    return len({known[fold(h)] for h in headers if not is_blank(h) and fold(h) in known})


def _enough(spec: TableSheet, found: int) -> bool:
    """Enough declared headers to be this table's header row (the staff may rename or add
    a column or two, not most of them)."""
    needed = {c.key for c in spec.columns if c.required}
    return found >= max(2, -(-3 * len(spec.columns) // 4), len(needed))


def _layout_names() -> frozenset[str]:
    """Excel names of the master's own tables: never adopted as another table's."""
    from ocop_xl.workbook.layout import MASTER

    return frozenset(t.table for t in MASTER.tables())


def find_table(ws: Worksheet, spec: TableSheet, at: CellAt) -> tuple[Table | None, str | None]:
    """The sheet's Excel table for ``spec``: by its name, else the one whose header row
    names the declared columns (renamed by the staff). Also its ref."""
    table = ws.tables.get(spec.table)
    if table is not None:
        return table, table.ref
    best: tuple[int, Table | None] = (0, None)
    reserved = _layout_names()
    for candidate in ws.tables.values():
        if candidate.displayName in reserved:
            continue
        min_col, min_row, max_col, _ = range_boundaries(candidate.ref)
        headers = [at(min_row, c) for c in range(min_col, max_col + 1)]
        found = _matches(spec, headers)
        if _enough(spec, found) and found > best[0]:
            best = (found, candidate)
    if best[1] is not None:
        return best[1], best[1].ref
    return None, None


def _plain_range(ws: Worksheet, spec: TableSheet, at: CellAt) -> tuple[int, int, int] | None:
    """(header row, first column, last column) of a header row naming the declared
    columns, outside any Excel table: first at the declared anchor, then near the top."""
    taken = [range_boundaries(t.ref) for t in ws.tables.values()]

    def in_table(row: int, col: int) -> bool:
        return any(a <= col <= c and b <= row <= d for a, b, c, d in taken)

    def region(row: int, col: int) -> tuple[int, int, int] | None:
        if is_blank(at(row, col)) or in_table(row, col):
            return None
        left = col
        while left > 1 and not is_blank(at(row, left - 1)) and not in_table(row, left - 1):
            left -= 1
        right = col
        while not is_blank(at(row, right + 1)) and not in_table(row, right + 1):
            right += 1
        headers = [at(row, c) for c in range(left, right + 1)]
        return (row, left, right) if _enough(spec, _matches(spec, headers)) else None

    anchored = region(spec.header_row, spec.first_col)
    if anchored is not None:
        return anchored
    known = header_map(spec)
    rows = min(ws.max_row, HEADER_SCAN_ROWS)
    cols = min(ws.max_column, HEADER_SCAN_COLS)
    for row in range(1, rows + 1):
        for col in range(1, cols + 1):
            value = at(row, col)
            if not is_blank(value) and fold(value) in known:
                found = region(row, col)
                if found is not None:
                    return found
    return None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _says_total(value: Any) -> bool:
    if not isinstance(value, str) or formula_text(value):
        return False
    words = fold(value).strip(" :.-–")
    return words in _TOTAL_LABELS or words.startswith(_TOTAL_STARTS)


def is_total_row(values: list[Any], keys: list[Any]) -> bool:
    """A row the staff typed as a total: its key (``keys``: the cells that identify a row)
    blank or saying "total", and a cell saying "total" or a summing formula. A data row
    has its key, so a title such as "Tổng số…" stays data."""
    if any(not is_blank(k) and not _says_total(k) for k in keys):
        return False
    if any(_says_total(v) for v in values):
        return True
    return any(_SUMMING.search(f) for f in map(formula_text, values) if f)


def locate(ws: Worksheet, spec: TableSheet, at: CellAt) -> Place | None:
    """Where the table is now (see the module's words); None when it is not on the sheet.

    ``at(row, col)`` gives what a cell holds (formula text for a formula), rows held out of
    openpyxl included."""
    table, ref = find_table(ws, spec, at)
    totals_row = None
    if ref is not None:
        min_col, header_row, max_col, bottom = range_boundaries(ref)
        if table is not None and (table.totalsRowCount or 0) > 0 and bottom > header_row:
            totals_row, bottom = bottom, bottom - 1
        last_row = bottom
    else:
        found = _plain_range(ws, spec, at)
        if found is None:
            return None
        header_row, min_col, max_col = found
        last_row = header_row
    headers = [at(header_row, c) for c in range(min_col, max_col + 1)]
    keys = column_keys(spec, headers, min_col)
    declared = {k: min_col + i for i, k in enumerate(keys) if k in spec.keys}
    place = Place(spec, table, header_row, min_col, max_col, last_row, totals_row, keys, declared)
    _settle_rows(ws, place, at, adopt=ref is None or spec.takes_typed_rows)
    return place


def _row_values(place: Place, at: CellAt, row: int) -> list[Any]:
    return [at(row, c) for c in place.columns]


def _key_cells(place: Place, values: list[Any]) -> list[Any]:
    """The cells that identify the row: its key, else its required columns, else its
    first column."""
    spec = place.spec
    keys = [k for k in spec.key_columns if k in place.declared]
    if not keys:
        keys = [c.key for c in spec.columns if c.required and c.key in place.declared]
    if not keys:
        keys = [k for k in spec.keys if k in place.declared][:1]
    return [values[place.declared[k] - place.min_col] for k in keys]


def _settle_rows(ws: Worksheet, place: Place, at: CellAt, *, adopt: bool) -> None:
    """Trailing total rows out of the data; rows typed below adopted (``adopt``) or
    recorded as the staff's."""
    if place.totals_row is None:
        while place.last_row > place.header_row:
            values = _row_values(place, at, place.last_row)
            if all(is_blank(v) for v in values) or not is_total_row(
                values, _key_cells(place, values)
            ):
                break
            place.last_row -= 1
        if adopt:
            while place.last_row + 1 <= ws.max_row:
                values = _row_values(place, at, place.last_row + 1)
                if all(is_blank(v) for v in values) or is_total_row(
                    values, _key_cells(place, values)
                ):
                    break
                place.last_row += 1
    start = (place.totals_row or place.last_row) + 1
    place.below = list(_below(ws, place, at, start))


def _other_tables(ws: Worksheet, place: Place, start: int) -> list[tuple[int, int]]:
    """Rows (first, last) of the sheet's other tables below this one in its columns, with
    the caption row above each (another layout table stacked under this one)."""
    spans = []
    for other in ws.tables.values():
        if place.table is not None and other is place.table:
            continue
        min_col, min_row, max_col, max_row = range_boundaries(other.ref)
        if max_row >= start and not (max_col < place.min_col or min_col > place.max_col):
            spans.append((max(start, min_row - 1), max_row))
    return spans


def _below(ws: Worksheet, place: Place, at: CellAt, start: int) -> Iterator[Below]:
    others = _other_tables(ws, place, start)
    for top, bottom in others:
        yield Below("table", (top, bottom), f"{get_column_letter(place.min_col)}{top}", "")
    rows = sorted(
        {
            r
            for (r, c) in sheet_cells(ws)
            if r >= start
            and place.min_col <= c <= place.max_col
            and not any(a <= r <= b for a, b in others)
        }
    )
    run: list[int] = []
    first: tuple[str, str, str] | None = None
    for row in rows:
        values = _row_values(place, at, row)
        if all(is_blank(v) for v in values):
            continue
        kind = "total" if is_total_row(values, _key_cells(place, values)) else "outside"
        offset = next(i for i, v in enumerate(values) if not is_blank(v))
        cell = f"{get_column_letter(place.min_col + offset)}{row}"
        if run and row == run[-1] + 1 and first is not None and first[0] == kind:
            run.append(row)
            continue
        if run and first is not None:
            yield Below(first[0], (run[0], run[-1]), first[1], first[2])
        run, first = [row], (kind, cell, _text(values[offset])[:60])
    if run and first is not None:
        yield Below(first[0], (run[0], run[-1]), first[1], first[2])
