"""Excel Tables on openpyxl worksheets, read and written whole as declared in the layout."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pandas as pd
from openpyxl.cell.cell import (
    ILLEGAL_CHARACTERS_RE,
    TIME_TYPES,
    Cell,
    MergedCell,
    get_time_format,
)
from openpyxl.cell.rich_text import CellRichText
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill, is_date_format
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook as OpenpyxlBook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.domain.issues import MasterError
from ocop_xl.domain.text import fold, is_blank
from ocop_xl.workbook import fast_sheet
from ocop_xl.workbook.fast_sheet import HeldRows
from ocop_xl.workbook.layout.spec import Column, Layout, TableSheet

HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
HEADER_FONT = Font(bold=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
# Validation and conditional formats reach this far below the header, so rows the staff
# add by hand get the same dropdowns.
VALIDATION_ROWS = 2000
MAX_TEXT = 32767  # characters Excel keeps in a cell
TIME_KINDS = frozenset(TIME_TYPES)


@dataclass
class TableRange:
    min_col: int
    header_row: int
    max_col: int
    last_row: int  # last data row (== header_row when empty)


class StyleCache:
    """Styles each distinct look once, then copies its style indexes to further cells.

    Assigning a font, alignment or number format makes openpyxl hash the style object
    against the workbook's style lists, which dominates writing large tables; copying the
    cell's small array of style indexes (openpyxl's ``_style``) gives the same result."""

    def __init__(self) -> None:
        self._arrays: dict[Hashable, Any] = {}

    def apply(self, cell: Any, look: Hashable, **styles: Any) -> None:
        array = self._arrays.get(look)
        if array is not None:
            cell._style = copy(array)
            return
        for name, value in styles.items():
            setattr(cell, name, value)
        self._arrays[look] = copy(cell._style)


def list_name(table: str, key: str) -> str:
    """Workbook-level name of a column's values, used by dropdowns in other sheets."""
    return f"ds_{table}_{key}"


def _header_map(spec: TableSheet) -> dict[str, str]:
    mapping = {}
    for col in spec.columns:
        for text in (col.header, *col.aliases):
            mapping[fold(text)] = col.key
    return mapping


def find_range(ws: Worksheet, spec: TableSheet) -> TableRange | None:
    table = ws.tables.get(spec.table)
    if table is not None:
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        return TableRange(min_col, min_row, max_col, max_row)
    # No Excel Table (the staff converted it to a range, or another program saved the
    # file): fall back to the header row at the declared anchor.
    row = spec.header_row
    col = spec.first_col
    if is_blank(ws.cell(row, col).value):
        return None
    max_col = col
    while not is_blank(ws.cell(row, max_col + 1).value):
        max_col += 1
    return TableRange(col, row, max_col, row)


def _row_blank(values: tuple[Any, ...]) -> bool:
    return all(is_blank(v) for v in values)


def read_table(
    ws: Worksheet,
    spec: TableSheet,
    file_name: str,
    cached_value: Callable[[str, str], Any] | None = None,
    held: HeldRows | None = None,
) -> pd.DataFrame:
    """A frame of the table's rows (index = Excel row), columns = declared keys + extras.

    ``held``: the table's data rows when they are held rather than in cells (fast_sheet)."""
    found = find_range(ws, spec)
    if found is None:
        raise MasterError("TABLE_MISSING", file=file_name, sheet=ws.title)
    headers = [ws.cell(found.header_row, c).value for c in range(found.min_col, found.max_col + 1)]
    known = _header_map(spec)
    keys: list[str] = []
    letters: dict[str, str] = {}
    for offset, header in enumerate(headers):
        letter = get_column_letter(found.min_col + offset)
        key = known.get(fold(header)) if not is_blank(header) else None
        if key is None or key in letters:
            key = str(header).strip() if not is_blank(header) else f"_{letter}"
        keys.append(key)
        letters[key] = letter
    for col in spec.columns:
        if col.required and col.key not in letters:
            raise MasterError(
                "COLUMN_MISSING",
                file=file_name,
                sheet=ws.title,
                label=col.header,
                row=found.header_row,
            )
    index: list[int] = []
    data: list[list[Any]] = []
    first = found.header_row + 1
    if held is not None:
        for i, values in enumerate(held.rows()):
            if not _row_blank(values):
                index.append(held.top + i)
                data.append(list(values))
        first = held.bottom + 1
    # Rows typed just below the table (outside its range) still belong to it.
    last = found.last_row
    while last < ws.max_row:
        below = next(
            ws.iter_rows(last + 1, last + 1, found.min_col, found.max_col, values_only=True)
        )
        if _row_blank(below):
            break
        last += 1
    if last >= first:
        rows = ws.iter_rows(first, last, found.min_col, found.max_col)
        for cells in rows:
            values = []
            for cell in cells:
                value = cell.value
                if cell.data_type == "f" and cached_value is not None:
                    value = cached_value(ws.title, cell.coordinate)
                values.append(value)
            if _row_blank(tuple(values)):
                continue
            index.append(cells[0].row)
            data.append(values)
    frame = pd.DataFrame(data, columns=keys, index=index, dtype=object)
    for col in spec.columns:  # absent optional columns read as blank
        if col.key not in frame.columns:
            frame[col.key] = None
    frame.attrs.update(sheet=ws.title, file=file_name, letters=letters, header_row=found.header_row)
    return frame


def cell_value(value: Any) -> Any:
    """A Python value openpyxl can store, blanks as None."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT or (
        not isinstance(value, str | bytes) and pd.api.types.is_scalar(value) and pd.isna(value)
    ):
        return None
    if isinstance(value, Fraction | Decimal):
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str | date | datetime):  # numpy scalars
        return value.item()
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def excel_value(value: Any) -> Any:
    """The value a cell holds once ``put`` has written ``value`` (openpyxl keeps the first
    32,767 characters of a text, Excel's limit)."""
    value = cell_value(value)
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT]
    return value


def excel_values(values: list[Any]) -> list[Any]:
    """``excel_value`` of each; a column of plain texts is checked at once and kept."""
    if set(map(type, values)) <= {str, type(None)}:
        texts = [v for v in values if v is not None]
        if not texts or (
            max(map(len, texts)) <= MAX_TEXT and not ILLEGAL_CHARACTERS_RE.search("".join(texts))
        ):
            return values
    return [excel_value(v) for v in values]


def put(ws: Worksheet, row: int, col: int, value: Any):
    """Write one value; text is always stored as text, never as a live formula (nor as an
    error value such as "#N/A")."""
    cell = ws.cell(row, col)
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str) and cell.data_type != "s":
        cell.data_type = "s"
    return cell


class Looks:
    """The style arrays of table cells, built once per look on a scratch cell (openpyxl
    registers number formats, fonts and alignments with the workbook as they are set)."""

    def __init__(self, ws: Worksheet) -> None:
        self._scratch = Cell(ws)
        self._columns: dict[tuple[str | None, bool], StyleArray | None] = {}
        self._dated: dict[tuple[tuple[int, ...] | None, type], StyleArray] = {}

    def column(self, col: Column) -> StyleArray | None:
        """The declared look of a column's cells (number format, wrapping), if any."""
        fmt = col.number_format if col.number_format and col.number_format != "@" else None
        key = (fmt, col.wrap)
        if key not in self._columns:
            array = None
            if fmt or col.wrap:
                self._scratch._style = StyleArray()
                if fmt:
                    self._scratch.number_format = fmt
                if col.wrap:
                    self._scratch.alignment = WRAP
                array = copy(self._scratch._style)
            self._columns[key] = array
        return self._columns[key]

    def dated(self, base: StyleArray | None, kind: type) -> StyleArray:
        """``base`` able to show a date or time: openpyxl gives a date the default format
        of its kind unless the cell's format is already a date format."""
        key = (tuple(base) if base is not None else None, kind)
        if key not in self._dated:
            self._scratch._style = copy(base) if base is not None else StyleArray()
            if not is_date_format(self._scratch.number_format):
                self._scratch.number_format = get_time_format(kind)
            self._dated[key] = copy(self._scratch._style)
        return self._dated[key]


def _cell_styles(
    columns: list[list[Any]],
    column_styles: list[StyleArray | None],
    kept: dict[tuple[int, int], StyleArray],
    looks: Looks,
) -> dict[tuple[int, int], StyleArray]:
    """Cells whose style is not their column's: a cell without a declared look keeps the
    style it had (by position, as openpyxl would), and dates get a date format."""
    styles = {ij: array for ij, array in kept.items() if column_styles[ij[1]] is None}
    for j, values in enumerate(columns):
        if not set(map(type, values)) & TIME_KINDS:
            continue
        for i, value in enumerate(values):
            if type(value) in TIME_KINDS:
                base = styles.get((i, j), column_styles[j])
                dated = looks.dated(base, type(value))
                if base is None or dated != base:
                    styles[(i, j)] = dated
    return styles


Box = tuple[int, int, int, int]  # first row, last row, first column, last column
NO_BOX: Box = (1, 0, 1, 0)


def _inside(key: tuple[int, int], box: Box) -> bool:
    return box[0] <= key[0] <= box[1] and box[2] <= key[1] <= box[3]


class _OldRows:
    """The table's data region before a write: openpyxl cells, or rows held since an
    earlier write of this session (``held``)."""

    def __init__(self, ws: Worksheet, found: TableRange | None, held: HeldRows | None) -> None:
        self.ws = ws
        self.held = held
        self.box = NO_BOX
        if found is not None and found.last_row > found.header_row:
            self.box = (found.header_row + 1, found.last_row, found.min_col, found.max_col)
        self._scanned: tuple[Box, list[tuple[tuple[int, int], Cell]]] | None = None

    def value(self, row: int, col: int) -> Any:
        if self.held is not None and self.held.contains(row, col):
            return self.held.value(row, col)
        cell = self.ws._cells.get((row, col))
        return None if cell is None else cell.value

    def cells_in(self, new_box: Box) -> list[tuple[tuple[int, int], Cell]]:
        """openpyxl cells in the old region or in ``new_box`` (one pass over the sheet's
        cells, remembered: a sheet loaded with many rows has many)."""
        if self._scanned is None or self._scanned[0] != new_box:
            o0, o1, o2, o3 = self.box
            n0, n1, n2, n3 = new_box
            cells = [
                (key, cell)
                for key, cell in self.ws._cells.items()
                if (o0 <= key[0] <= o1 and o2 <= key[1] <= o3)
                or (n0 <= key[0] <= n1 and n2 <= key[1] <= n3)
            ]
            self._scanned = (new_box, cells)
        return self._scanned[1]

    def plain(self, new_box: Box) -> bool:
        """Nothing in the region that held rows cannot carry: a comment, a hyperlink, a
        formula, rich text, a merged range."""
        for _, cell in self.cells_in(new_box):
            if (
                cell._comment is not None
                or getattr(cell, "_hyperlink", None) is not None  # (merged cells have none)
                or cell.data_type == "f"
                or isinstance(cell._value, CellRichText)
            ):
                return False
        for merged in self.ws.merged_cells.ranges:
            for top, bottom, left, right in (self.box, new_box):
                if not (
                    merged.max_row < top
                    or merged.min_row > bottom
                    or merged.max_col < left
                    or merged.min_col > right
                ):
                    return False
        return True

    def kept_styles(self, new_box: Box, plain: set[int]) -> dict[tuple[int, int], StyleArray]:
        """Non-default styles at the positions the new rows take in the ``plain`` columns
        (those without a declared look, where a cell keeps its style), by (i, j) offsets."""
        top, bottom, left, _ = new_box
        styles: dict[tuple[int, int], StyleArray] = {}
        held = self.held
        if held is not None:
            rows = range(max(top, held.top), min(bottom, held.bottom) + 1)
            for col in plain:
                if not held.left <= col <= held.right:
                    continue
                j = col - held.left
                array = held.column_styles[j]
                if array is not None and any(array):
                    for row in rows:
                        styles[(row - top, col - left)] = array
            for (i, j), array in held.cell_styles.items():
                row, col = held.top + i, held.left + j
                if col in plain and _inside((row, col), new_box):
                    if any(array):
                        styles[(row - top, col - left)] = array
                    else:
                        styles.pop((row - top, col - left), None)
        for (row, col), cell in self.cells_in(new_box):
            if col in plain and _inside((row, col), new_box) and cell.has_style:
                styles[(row - top, col - left)] = cell._style
        return styles

    def clear(self, new_box: Box) -> None:
        """Empty the old region's cells, keeping their styles (the openpyxl path)."""
        for key, cell in self.cells_in(new_box):
            if _inside(key, self.box) and not isinstance(cell, MergedCell):
                cell.value = None

    def clear_for_held(self, new_box: Box) -> None:
        """Make room for held rows in ``new_box``: no cell may remain there; elsewhere in the
        old region a styled cell stays as a blank, as on the openpyxl path."""
        top, bottom, left, right = new_box
        for key, cell in self.cells_in(new_box):
            if _inside(key, new_box) or not cell.has_style:
                del self.ws._cells[key]
            else:
                cell.value = None
        self._scanned = None
        held = self.held
        if held is not None:  # its positions beyond the new rows and columns
            every = range(held.left, held.right + 1)
            beyond = [col for col in every if not left <= col <= right]
            for row in range(held.top, held.bottom + 1):
                for col in beyond if top <= row <= bottom else every:
                    array = held.style(row, col)
                    if array is not None and any(array):
                        self.ws.cell(row, col)._style = copy(array)


def settle(held: HeldRows) -> bool:
    """Check that nothing wrote openpyxl cells over held rows since they were written.
    Empty cells there (made by reading them) are dropped; a cell with content makes the
    rows go into cells after all (that later write wins). True when the rows stay held."""
    ws = held.ws
    stray = [
        (key, cell)
        for key, cell in ws._cells.items()
        if held.top <= key[0] <= held.bottom and held.left <= key[1] <= held.right
    ]
    if all(
        c._value is None
        and not c.has_style
        and c._comment is None
        and getattr(c, "_hyperlink", None) is None  # (merged cells have none)
        for _, c in stray
    ):
        for key, _ in stray:
            del ws._cells[key]
        return True
    materialize(held, skip={key for key, _ in stray})
    return False


def materialize(held: HeldRows, skip: set[tuple[int, int]] = frozenset()) -> None:
    """Write held rows into openpyxl cells (the fallback)."""
    for row, col, value, array in held.cells():
        if (row, col) in skip or (value is None and array is None):
            continue
        cell = put(held.ws, row, col, value)
        if array is not None:
            cell._style = copy(array)


def _existing_extras(
    ws: Worksheet, spec: TableSheet, found: TableRange, value: Callable[[int, int], Any]
) -> tuple[list[str], dict[Any, dict[str, Any]], list[dict[str, Any]]]:
    """Columns inside the table that the layout does not declare (the staff's own), with
    their values by row key and by position."""
    known = _header_map(spec)
    headers = [ws.cell(found.header_row, c).value for c in range(found.min_col, found.max_col + 1)]
    extra_cols = [
        (found.min_col + i, str(h).strip())
        for i, h in enumerate(headers)
        if not is_blank(h) and fold(h) not in known
    ]
    key_col = None
    if spec.key:
        for i, h in enumerate(headers):
            if not is_blank(h) and known.get(fold(h)) == spec.key:
                key_col = found.min_col + i
    by_key: dict[Any, dict[str, Any]] = {}
    by_position: list[dict[str, Any]] = []
    if not extra_cols:
        return [], by_key, by_position
    for row in range(found.header_row + 1, found.last_row + 1):
        values = {name: value(row, col) for col, name in extra_cols}
        by_position.append(values)
        if key_col is not None:
            key_value = value(row, key_col)
            if not is_blank(key_value):
                by_key[str(key_value).strip()] = values
    return [name for _, name in extra_cols], by_key, by_position


def _column_values(
    frame: pd.DataFrame,
    spec: TableSheet,
    extra_names: list[str],
    frame_extras: list[str],
    extras_by_key: dict[Any, dict[str, Any]],
    extras_by_position: list[dict[str, Any]],
) -> list[list[Any]]:
    """The written values, column by column (declared columns, then the staff's)."""
    n = len(frame)
    columns = [
        excel_values(frame[c.key].tolist()) if c.key in frame.columns else [None] * n
        for c in spec.columns
    ]
    keys: list[Any] = [None] * n
    if spec.key and spec.key in frame.columns:
        keys = [None if is_missing(v) else v for v in frame[spec.key].tolist()]
    carried: list[dict[str, Any]] = []
    for r in range(n):
        if extras_by_key and spec.key and keys[r] is not None:
            carried.append(extras_by_key.get(str(keys[r]).strip(), {}))
        elif not spec.key and r < len(extras_by_position):
            carried.append(extras_by_position[r])
        else:
            carried.append({})
    for name in extra_names:
        if name in frame_extras:
            columns.append(excel_values(frame[name].tolist()))
        else:
            columns.append([excel_value(c.get(name)) for c in carried])
    return columns


def is_missing(value: Any) -> bool:
    """What pandas counts as missing (None, NaN, NaT) for a single value."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def write_table(
    book: OpenpyxlBook,
    ws: Worksheet,
    spec: TableSheet,
    layout: Layout,
    frame: pd.DataFrame,
    held: dict[str, HeldRows] | None = None,
) -> None:
    """Replace the table's rows with ``frame``; keep the staff's own columns and everything
    outside the table (other cells, notes, formats of untouched cells).

    With ``held`` (Excel table name -> HeldRows, kept by the caller until it saves), a
    large table's rows are held there instead of becoming openpyxl cells (fast_sheet)."""
    if frame.columns.duplicated().any():  # as a record per row would: the last one wins
        frame = frame.loc[:, ~frame.columns.duplicated(keep="last")]
    found = find_range(ws, spec)
    old_held = held.pop(spec.table, None) if held is not None else None
    if old_held is not None:
        if found is None or not fits(old_held, found):
            materialize(old_held)
            old_held = None
        elif not settle(old_held):  # settle() has put them into cells
            old_held = None
    old = _OldRows(ws, found, old_held)
    extra_names: list[str] = []
    extras_by_key: dict[Any, dict[str, Any]] = {}
    extras_by_position: list[dict[str, Any]] = []
    if found is not None:
        extra_names, extras_by_key, extras_by_position = _existing_extras(
            ws, spec, found, old.value
        )
        if spec.table in ws.tables:
            del ws.tables[spec.table]
    frame_extras = [c for c in frame.columns if c not in spec.keys]
    for name in frame_extras:
        if name not in extra_names:
            extra_names.append(name)

    hr, c0 = spec.header_row, spec.first_col
    if spec.title:
        title_cell = ws.cell(hr - 1 if hr > 1 else hr, c0, spec.title)
        title_cell.font = Font(bold=True, size=12)
    headers = [c.header for c in spec.columns] + extra_names
    for offset, header in enumerate(headers):
        cell = ws.cell(hr, c0 + offset, header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN

    columns = _column_values(
        frame, spec, extra_names, frame_extras, extras_by_key, extras_by_position
    )
    n, width, top = len(frame), len(headers), hr + 1
    new_box = (top, top + n - 1, c0, c0 + width - 1)
    looks = Looks(ws)
    column_styles = [looks.column(c) for c in spec.columns] + [None] * len(extra_names)
    fast = (
        held is not None
        and (n * width >= fast_sheet.FAST_MIN_CELLS or old_held is not None)
        and fast_sheet.representable(columns)
        and old.plain(new_box)
    )
    if not fast and old_held is not None:
        materialize(old_held)  # the openpyxl path works on cells
        old = _OldRows(ws, found, None)
    plain = {c0 + j for j, array in enumerate(column_styles) if array is None}
    cell_styles = _cell_styles(columns, column_styles, old.kept_styles(new_box, plain), looks)
    if fast:
        assert held is not None
        old.clear_for_held(new_box)
        held[spec.table] = HeldRows(ws, top, c0, columns, column_styles, cell_styles)
    else:
        old.clear(new_box)
        for j, values in enumerate(columns):
            for i, value in enumerate(values):
                cell = put(ws, top + i, c0 + j, value)
                array = cell_styles.get((i, j), column_styles[j])
                if array is not None:
                    cell._style = copy(array)

    last_row = hr + max(n, 1)
    last_col = c0 + width - 1
    ref = f"{get_column_letter(c0)}{hr}:{get_column_letter(last_col)}{last_row}"
    table = Table(displayName=spec.table, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=spec.style, showRowStripes=True)
    # The column names openpyxl would take from the header cells at save time (by reading
    # the whole table range, which would create a cell for every held value).
    table._initialise_columns()
    for column, header in zip(table.tableColumns, headers, strict=True):
        column.name = str(header)
    ws.add_table(table)

    for offset, col in enumerate(spec.columns):
        dim = ws.column_dimensions[get_column_letter(c0 + offset)]
        dim.width = col.width
        dim.hidden = col.hidden
    for offset in range(len(spec.columns), width):
        dim = ws.column_dimensions[get_column_letter(c0 + offset)]
        dim.width = dim.width or 16
    if spec.anchor == "A1" and ws.freeze_panes in (None, "A1"):
        ws.freeze_panes = "A2"
    if spec.tab_color:
        ws.sheet_properties.tabColor = spec.tab_color

    _validations(ws, spec, layout, last_row)
    _conditional_fills(ws, spec, last_row)
    _publish_lists(book, ws, spec, layout, last_row)
    _charts(ws, spec, last_row, last_col)


def fits(held: HeldRows, found: TableRange) -> bool:
    """The held rows are the data rows of the table range found on the sheet."""
    return (
        held.top == found.header_row + 1
        and held.left == found.min_col
        and held.right == found.max_col
        and held.bottom <= found.last_row
    )


def _column_range(spec: TableSheet, key: str, last_row: int) -> str:
    letter = spec.letter(key)
    return (
        f"{letter}{spec.header_row + 1}:{letter}{max(last_row, spec.header_row + VALIDATION_ROWS)}"
    )


def _overlaps_table(sqref: str, spec: TableSheet) -> bool:
    first = spec.first_col
    last = first + len(spec.columns) - 1
    for part in str(sqref).split():
        min_col, _, max_col, _ = range_boundaries(part)
        if min_col <= last and max_col >= first:
            return True
    return False


def _validations(ws: Worksheet, spec: TableSheet, layout: Layout, last_row: int) -> None:
    kept = [dv for dv in ws.data_validations.dataValidation if not _overlaps_table(dv.sqref, spec)]
    ws.data_validations.dataValidation = kept
    for col in spec.columns:
        formula = None
        if col.choices:
            formula = '"' + ",".join(col.choices) + '"'
        elif col.choices_from:
            source_table, source_key = col.choices_from
            formula = "=" + list_name(layout.table(source_table).table, source_key)
        if formula is None and not col.note:
            continue
        dv = DataValidation(
            type="list" if formula else None,
            formula1=formula,
            allow_blank=True,
            showErrorMessage=bool(formula),
            errorStyle="warning",
            errorTitle="Giá trị ngoài danh sách",
            error="Giá trị này không có trong danh sách chọn.",
            showInputMessage=bool(col.note),
            promptTitle=col.header[:32] if col.note else None,
            prompt=col.note[:255] if col.note else None,
        )
        dv.add(_column_range(spec, col.key, last_row))
        ws.add_data_validation(dv)


def _conditional_fills(ws: Worksheet, spec: TableSheet, last_row: int) -> None:
    coloured = [c for c in spec.columns if c.fills]
    if not coloured:
        return
    kept = ConditionalFormattingList()
    for cf in ws.conditional_formatting:
        if not _overlaps_table(cf.sqref, spec):
            for rule in cf.rules:
                kept.add(str(cf.sqref), rule)
    ws.conditional_formatting = kept
    for col in coloured:
        target = _column_range(spec, col.key, last_row)
        for value, colour in col.fills:
            literal = value if isinstance(value, int | float) else f'"{value}"'
            fill = PatternFill("solid", start_color=colour, end_color=colour, bgColor=colour)
            ws.conditional_formatting.add(
                target, CellIsRule(operator="equal", formula=[str(literal)], fill=fill)
            )


def _publish_lists(
    book: OpenpyxlBook, ws: Worksheet, spec: TableSheet, layout: Layout, last_row: int
) -> None:
    """Name the columns other tables' dropdowns draw from, sized to the rows written."""
    wanted = {
        c.choices_from[1]
        for t in layout.tables()
        for c in t.columns
        if c.choices_from and c.choices_from[0] == spec.name
    }
    sheet = ws.title.replace("'", "''")
    for col in spec.columns:
        if col.key not in wanted:
            continue
        letter = spec.letter(col.key)
        name = list_name(spec.table, col.key)
        ref = f"'{sheet}'!${letter}${spec.header_row + 1}:${letter}${last_row}"
        if name in book.defined_names:
            del book.defined_names[name]
        book.defined_names[name] = DefinedName(name, attr_text=ref)


def _charts(ws: Worksheet, spec: TableSheet, last_row: int, last_col: int) -> None:
    if not spec.charts:
        return
    default_col = last_col + 2
    anchors = []
    for i, chart_spec in enumerate(spec.charts):
        anchors.append(
            chart_spec.anchor or f"{get_column_letter(default_col)}{spec.header_row + i * 18}"
        )
    # Charts of this table are redrawn each time; others on the sheet stay.
    ws._charts = [c for c in ws._charts if _anchor_cell(c) not in anchors]
    for chart_spec, anchor in zip(spec.charts, anchors, strict=True):
        chart = BarChart()
        chart.type = chart_spec.kind
        chart.title = chart_spec.title
        chart.y_axis.title = chart_spec.y_title or None
        chart.height, chart.width = 8, 16
        cat_col = spec.first_col + spec.keys.index(chart_spec.categories)
        for key in chart_spec.values:
            col = spec.first_col + spec.keys.index(key)
            data = Reference(
                ws, min_col=col, min_row=spec.header_row, max_row=max(last_row, spec.header_row + 1)
            )
            chart.add_data(data, titles_from_data=True)
        cats = Reference(
            ws,
            min_col=cat_col,
            min_row=spec.header_row + 1,
            max_row=max(last_row, spec.header_row + 1),
        )
        chart.set_categories(cats)
        ws.add_chart(chart, anchor)


def _anchor_cell(chart: Any) -> str | None:
    try:
        marker = chart.anchor._from
        return f"{get_column_letter(marker.col + 1)}{marker.row + 1}"
    except AttributeError:
        return chart.anchor if isinstance(chart.anchor, str) else None
