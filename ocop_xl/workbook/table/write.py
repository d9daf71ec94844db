"""Writing a layout table where it stands, keeping every cell the staff own.

The program owns the cells of the declared columns (and of the extra columns an action
writes, such as the funding sources of Kinh phí) in the rows it writes. Everything else is
the staff's and follows its row: their own columns, formulas (in any column: a formula is
never overwritten, only moved with its row and adjusted as Excel would), notes, links,
colours. Each row of the new frame is matched to the row it came from: by the Excel row it
was read from (a frame read by ``read_table`` keeps its ``ROW_INDEX``), else by the table's
key. Rows of the staff's tables (role input or config) stay where they are: rows the action
drops are emptied in place, new rows go to the empty rows at the end of the table, then
below it. Tables the program fills (output, audit) are laid out in the frame's order, each
row's own cells moving with it. What the staff typed in a row that is gone is moved to the
*Lưu trữ* sheet (``Archived``), never dropped.

A table grows only into empty cells: when a row or column it needs holds the staff's
content (a total, a note, another table), nothing is written and the action stops with a
message naming the cell. Merged cells inside a table stop it too. The table's own settings
stay: its name, style, filter and sort, totals row, the staff's drop-down lists, colours,
hidden columns and widths (declared widths are set only when a table or column is new).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.formula.translate import Translator, TranslatorError
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook as OpenpyxlBook
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.domain.issues import Issue, Location, MasterError
from ocop_xl.domain.text import clean, is_blank
from ocop_xl.workbook import fast_sheet
from ocop_xl.workbook.fast_sheet import HeldRows
from ocop_xl.workbook.formula_values import NO_VALUE, formula_text
from ocop_xl.workbook.layout.spec import Column, Layout, TableSheet
from ocop_xl.workbook.openpyxl_compat import (
    StyleArray,
    cell_style,
    fast_paths,
    initialise_table_columns,
    set_cell_style,
    set_formula_text,
    sheet_cells,
)
from ocop_xl.workbook.table.cells import (
    HEADER_ALIGN,
    HEADER_FILL,
    HEADER_FONT,
    TIME_KINDS,
    Looks,
    excel_value,
    excel_values,
    is_missing,
    set_styled,
    set_value,
)
from ocop_xl.workbook.table.decor import decorate
from ocop_xl.workbook.table.grid import Grid, has_content
from ocop_xl.workbook.table.locate import Place, column_keys, locate
from ocop_xl.workbook.table.read import ROW_INDEX, FormulaValue, check_place

Box = tuple[int, int, int, int]  # first row, first column, last row, last column
STAFF_ROLES = ("input", "config")  # tables whose rows the staff keep: rows stay in place


@dataclass(frozen=True)
class Archived:
    """A cell the staff typed in a row the table no longer has."""

    sheet: str
    cell: str  # where it was
    header: str  # its column's header
    row_key: str  # the row's key, as text
    content: Any  # the value, the formula's text, or the note's text
    kind: str  # "value" | "formula" | "note"


@dataclass
class Written:
    """What a write did, for the workbook session: notices, cells moved aside, the cells
    written (formulas reading them are computed again), formula cells moved with rows."""

    place: Place
    notices: list[Issue] = field(default_factory=list)
    archived: list[Archived] = field(default_factory=list)
    changed: list[Box] = field(default_factory=list)
    moved: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)


@dataclass
class _NewCells:
    """The table's new cells over ``rows``: per column a value and a style per row, and
    the cells that go as they are (``objects``: ("cell", Cell) or ("formula", text))."""

    rows: list[int]
    values: dict[int, list[Any]] = field(default_factory=dict)
    styles: dict[int, list[StyleArray | None]] = field(default_factory=dict)
    objects: dict[tuple[int, int], tuple] = field(default_factory=dict)


def _plain_cell(cell: Cell) -> bool:
    """A value and a style, nothing a held row could not carry."""
    return (
        cell.data_type != "f"
        and cell.comment is None
        and cell.hyperlink is None
        and not isinstance(cell.value, CellRichText)
    )


# -- the old cells ---------------------------------------------------------------------------


class _Old:
    """The table's cells before the write, by (row, column): openpyxl cells taken out of
    the sheet, and held values (value, style) for rows held out of openpyxl."""

    def __init__(self, ws: Worksheet, held: HeldRows | None) -> None:
        self.ws = ws
        self.held = held
        self.cells: dict[tuple[int, int], Cell] = {}

    def take(self, box: Box) -> None:
        r0, c0, r1, c1 = box
        keys = [k for k in sheet_cells(self.ws) if r0 <= k[0] <= r1 and c0 <= k[1] <= c1]
        for key in keys:
            self.cells[key] = sheet_cells(self.ws).pop(key)

    def value(self, row: int, col: int) -> Any:
        cell = self.cells.get((row, col))
        if cell is not None:
            return cell.value
        if self.held is not None and self.held.contains(row, col):
            return self.held.value(row, col)
        return None

    def style(self, row: int, col: int) -> StyleArray | None:
        cell = self.cells.get((row, col))
        if cell is not None:
            return cell_style(cell) if cell.has_style else None
        if self.held is not None and self.held.contains(row, col):
            array = self.held.style(row, col)
            return array if array is not None and any(array) else None
        return None

    def cell(self, row: int, col: int) -> Cell | None:
        return self.cells.get((row, col))


def _formula_of(cell: Cell | None) -> str | None:
    if cell is None or cell.data_type != "f":
        return None
    return formula_text(cell.value)


def _key_value(value: Any) -> Any:
    if value is None or is_missing(value):
        return None
    if isinstance(value, str):
        text = clean(value)
        return text.casefold() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _moved_formula(text: str, origin: tuple[int, int], target: tuple[int, int]) -> str:
    if origin == target:
        return text
    try:
        return Translator(text, origin=_ref(*origin)).translate_formula(_ref(*target))
    except (TranslatorError, ValueError):
        return text


def _ref(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def _shown(value: Any) -> str:
    text = "" if value is None or value is NO_VALUE else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


# -- the write -------------------------------------------------------------------------------


def write_table(
    book: OpenpyxlBook,
    ws: Worksheet,
    spec: TableSheet,
    layout: Layout,
    frame: pd.DataFrame,
    *,
    held: dict[str, HeldRows] | None = None,
    formula_value: FormulaValue | None = None,
    file_name: str = "",
) -> Written:
    """Write ``frame`` into the table (see the module's words) and return what it did.

    With ``held`` (Excel table name -> HeldRows, kept by the caller until it saves), a
    large table's rows are held there instead of becoming openpyxl cells (fast_sheet)."""
    if frame.columns.duplicated().any():  # as a record per row would: the last one wins
        frame = frame.loc[:, ~frame.columns.duplicated(keep="last")]
    blocks = [h for h in (held or {}).values() if h.ws is ws]
    grid = Grid(ws, blocks)
    place = locate(ws, spec, grid.at)
    old_held = None if held is None else held.get(spec.table)
    if held is not None and old_held is not None:
        if place is None or not _fits(old_held, place):
            materialize(old_held)
            del held[spec.table]
            old_held = None
        elif not settle(old_held):
            del held[spec.table]
            old_held = None
    new_table = place is None
    if place is None:
        place = _new_place(ws, spec)
    else:
        check_place(ws, place, file_name)
    plan = _Plan(book, ws, spec, layout, frame, place, old_held, file_name)
    plan.columns_and_rows()
    plan.check_room(blocks)
    written = plan.apply(held, formula_value)
    _finish_table(ws, spec, plan, new_table)
    decorate(book, ws, spec, layout, plan.new_place(), new_table=new_table, added=plan.added)
    return written


def _new_place(ws: Worksheet, spec: TableSheet) -> Place:
    hr, c0 = spec.header_row, spec.first_col
    keys = list(spec.keys)
    last = c0 + len(keys) - 1
    place = Place(spec, None, hr, c0, c0 - 1, hr, None, [], {})
    # The header cells must be free too (the staff's own content where the table goes).
    for col in range(c0, last + 1):
        cell = sheet_cells(ws).get((hr, col))
        if has_content(cell):
            raise MasterError(
                "TABLE_NO_ROOM",
                Location(sheet=ws.title, cell=_ref(hr, col)),
                text=_shown(cell.value if cell else ""),
            )
    if spec.title and hr > 1:
        title = sheet_cells(ws).get((hr - 1, c0))
        if title is not None and has_content(title) and str(title.value).strip() != spec.title:
            raise MasterError(
                "TABLE_NO_ROOM",
                Location(sheet=ws.title, cell=_ref(hr - 1, c0)),
                text=_shown(title.value if title else ""),
            )
    return place


class _Plan:
    """Where each row and column of the new table goes, then the cells themselves."""

    def __init__(
        self,
        book: OpenpyxlBook,
        ws: Worksheet,
        spec: TableSheet,
        layout: Layout,
        frame: pd.DataFrame,
        place: Place,
        old_held: HeldRows | None,
        file_name: str,
    ) -> None:
        self.book, self.ws, self.spec, self.layout = book, ws, spec, layout
        self.frame = frame
        # The look of the extra columns an action writes (Kinh phí's funding sources: money),
        # given with the frame: ``frame.attrs["column_looks"]`` = {column: Column}.
        self.extra_looks: dict[str, Column] = dict(frame.attrs.get("column_looks") or {})
        self.place = place
        self.old_held = old_held
        self.file_name = file_name
        self.in_place = spec.role in STAFF_ROLES
        self.added: list[tuple[int, str]] = []  # columns appended: (column, header)
        self.col_of: dict[str, int] = {}
        self.header_of: dict[int, str] = {}
        self.owned: list[str] = []
        self.carried: list[str] = []
        self.targets: list[int] = []  # sheet row of each frame row
        self.sources: list[int | None] = []  # old row of each frame row
        self.dropped: list[int] = []  # old data rows no frame row matches
        self.last_row = place.last_row
        self.free_rows: list[int] = []
        self.data_rows: set[int] = set()
        self.old = _Old(ws, old_held)
        self.moves: dict[tuple[int, int], tuple[int, int]] = {}
        self._calculated_cache: dict[int, str] | None = None
        self.full = False

    # -- columns and rows ----------------------------------------------------------------------
    def columns_and_rows(self) -> None:
        place, spec, frame = self.place, self.spec, self.frame
        for i, key in enumerate(place.keys):
            col = place.min_col + i
            self.col_of.setdefault(key, col)
            header = sheet_cells(self.ws).get((place.header_row, col))
            self.header_of[col] = str(header.value) if header is not None else key
        next_col = place.max_col + 1
        wanted = [c for c in spec.columns if c.key not in place.declared]
        extras = [k for k in frame.columns if k not in spec.keys and k not in self.col_of]
        for item in [*wanted, *extras]:
            key = item.key if isinstance(item, Column) else str(item)
            header = item.header if isinstance(item, Column) else str(item)
            self.col_of[key] = next_col
            self.header_of[next_col] = header
            self.added.append((next_col, header))
            next_col += 1
        self.max_col = next_col - 1
        # The program writes the declared columns and the columns it adds; a column of the
        # staff's that the frame carries back (read with the table) keeps each row's own
        # cells and only fills the rows the frame adds.
        # Extra columns given a look with the frame (Kinh phí's funding sources) are the
        # action's own, already there or new.
        existing_staff = {place.key_at(c) for c in place.staff_columns} - set(self.extra_looks)
        self.owned = [k for k in frame.columns if k in self.col_of and k not in existing_staff]
        self.carried = [k for k in frame.columns if k in existing_staff]
        self._match_rows()

    def _scan(self) -> None:
        """The old values of the table's rows, by column and row (held rows included),
        once: which rows hold data, and their keys, come from it."""
        place = self.place
        values: dict[int, dict[int, Any]] = {c: {} for c in place.columns}
        held = self.old_held
        if held is not None:
            for j, column in enumerate(held.columns):
                found = values.get(held.left + j)
                if found is not None:
                    found.update((held.top + i, v) for i, v in enumerate(column) if v is not None)
        first, last = place.first_row, place.last_row
        for (row, col), cell in sheet_cells(self.ws).items():
            if (
                first <= row <= last
                and col in values
                and cell.data_type != "f"
                and cell.value is not None
            ):
                values[col][row] = cell.value
        self.old_values = values

    def _old_rows(self) -> tuple[list[int], list[int]]:
        """The table's data rows and its empty ones (blank, or holding only formulas)."""
        typed: set[int] = set()
        for column in self.old_values.values():  # (a row found typed is not looked at again)
            typed.update(r for r, v in column.items() if r not in typed and not is_blank(v))
        data = [r for r in self.place.rows if r in typed]
        free = [r for r in self.place.rows if r not in typed]
        return data, free

    def _old_key(self, row: int) -> tuple[Any, ...] | None:
        keys = self.spec.key_columns
        if not keys or any(k not in self.place.declared for k in keys):
            return None
        values = tuple(_key_value(self.old_values[self.place.declared[k]].get(row)) for k in keys)
        return None if all(v is None for v in values) else values

    def _match_rows(self) -> None:
        frame, place = self.frame, self.place
        self._scan()
        data_rows, free_rows = self._old_rows()
        n = len(frame)
        sources: list[int | None] = [None] * n
        unmatched = set(data_rows)
        if frame.index.name == ROW_INDEX:
            for i, label in enumerate(frame.index):
                if isinstance(label, int | float) and not is_missing(label):
                    row = int(label)
                    if row in unmatched:
                        sources[i] = row
                        unmatched.discard(row)
        keys = self.spec.key_columns
        if keys and all(k in frame.columns for k in keys) and unmatched:
            by_key: dict[tuple[Any, ...], list[int]] = {}
            for row in sorted(unmatched):
                key = self._old_key(row)
                if key is not None:
                    by_key.setdefault(key, []).append(row)
            columns = [frame[k].tolist() for k in keys]
            for i in range(n):
                if sources[i] is not None:
                    continue
                key = tuple(_key_value(column[i]) for column in columns)
                rows = by_key.get(key)
                if rows:
                    sources[i] = rows.pop(0)
                    unmatched.discard(sources[i])
        self.sources = sources
        self.dropped = sorted(unmatched)
        self.data_rows = set(data_rows)
        if self.in_place:
            # Rows stay; dropped rows become empty rows; new rows go to the empty rows
            # after the last row kept, then below the table.
            kept = [r for r in sources if r is not None]
            last_kept = max(kept, default=place.header_row)
            slots = [r for r in sorted([*free_rows, *self.dropped]) if r > last_kept]
            targets = []
            next_row = place.last_row + 1
            for source in sources:
                if source is not None:
                    targets.append(source)
                elif slots:
                    targets.append(slots.pop(0))
                else:
                    targets.append(next_row)
                    next_row += 1
            self.targets = targets
            self.last_row = max([place.last_row, *targets])
        else:
            self.targets = [place.header_row + 1 + i for i in range(n)]
            self.last_row = place.header_row + n

    # -- room ----------------------------------------------------------------------------------
    @property
    def totals_target(self) -> int | None:
        return None if self.place.totals_row is None else self.last_row + 1

    def check_room(self, blocks: list[HeldRows]) -> None:
        """Every cell the table grows into must be free (nothing written yet)."""
        place = self.place
        old_bottom = place.totals_row or place.last_row
        new_bottom = self.totals_target or self.last_row
        areas = []
        if new_bottom > old_bottom:
            areas.append((old_bottom + 1, place.min_col, new_bottom, self.max_col))
        if self.max_col > place.max_col:
            areas.append((place.header_row, place.max_col + 1, new_bottom, self.max_col))
        if not areas:
            return
        for r0, c0, r1, c1 in areas:
            for (row, col), cell in sheet_cells(self.ws).items():
                if (
                    r0 <= row <= r1
                    and c0 <= col <= c1
                    and (has_content(cell) or isinstance(cell, MergedCell))
                ):
                    self._no_room(row, col, cell.value)
            for block in blocks:
                if block is self.old_held:
                    continue
                if not (block.bottom < r0 or block.top > r1 or block.right < c0 or block.left > c1):
                    self._no_room(max(r0, block.top), max(c0, block.left), "")
            for other in self.ws.tables.values():
                if place.table is not None and other is place.table:
                    continue
                a, b, c, d = range_boundaries(other.ref)
                if not (d < r0 or b > r1 or c < c0 or a > c1):
                    self._no_room(max(r0, b), max(c0, a), other.displayName)

    def _no_room(self, row: int, col: int, value: Any) -> None:
        raise MasterError(
            "TABLE_NO_ROOM",
            Location(file=self.file_name, sheet=self.ws.title, cell=_ref(row, col)),
            text=_shown(value),
        )

    # -- the cells -----------------------------------------------------------------------------
    def new_place(self) -> Place:
        place = self.place
        keys = column_keys(
            self.spec,
            [self.header_of[c] for c in range(place.min_col, self.max_col + 1)],
            place.min_col,
        )
        return Place(
            self.spec,
            place.table,
            place.header_row,
            place.min_col,
            self.max_col,
            self.last_row,
            self.totals_target,
            keys,
            {k: place.min_col + i for i, k in enumerate(keys) if k in self.spec.keys},
        )

    def apply(
        self, held: dict[str, HeldRows] | None, formula_value: FormulaValue | None
    ) -> Written:
        written = Written(self.new_place())
        place = self.place
        top = place.header_row + 1
        bottom = max(place.totals_row or place.last_row, self.totals_target or self.last_row)
        # Rewritten whole: a table the program fills, or held rows (rebuilt as a block).
        self.full = not self.in_place or self.old_held is not None
        if held is not None and self.old_held is not None:
            held.pop(self.spec.table, None)
        if self.full:
            self.old.take((top, place.min_col, bottom, self.max_col))
        else:
            rows = {*self.targets, *self.dropped}
            if place.totals_row is not None:
                rows |= {place.totals_row}
            for row in sorted(rows):
                self.old.take((row, place.min_col, row, self.max_col))
        self._archive(written)
        self._write_header()
        cells = self._cells(written, formula_value)
        if self.full:
            written.changed = [(top, place.min_col, max(bottom, top), self.max_col)]
        else:
            touched = sorted({*self.targets, *self.dropped})
            written.changed = [(r, place.min_col, r, self.max_col) for r in touched]
        written.moved = {
            origin: target for target, origin in self.moves.items() if origin != target
        }
        if not self._hold(cells, held):
            self._put(cells)
        return written

    def _write_header(self) -> None:
        row = self.place.header_row
        for col, header in self.added:
            cell = self.ws.cell(row, col)
            set_value(cell, header)
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN

    def _archive(self, written: Written) -> None:
        """What the staff typed in the rows no frame row matches goes to Lưu trữ."""
        # The program's columns: declared ones and those the action writes; the rest are
        # the staff's own.
        owned = {self.col_of[k] for k in self.owned} | {
            c for k, c in self.col_of.items() if k in self.spec.keys
        }
        calculated = self._calculated()
        for row in self.dropped:
            key = self._row_key_text(row)
            for col in range(self.place.min_col, self.place.max_col + 1):
                cell = self.old.cell(row, col)
                header = self.header_of.get(col, "")
                here = _ref(row, col)
                text = _formula_of(cell)
                if text is not None:
                    if calculated.get(col) != _canonical(text, row, col, self.place):
                        written.archived.append(
                            Archived(self.ws.title, here, header, key, text, "formula")
                        )
                elif col not in owned:
                    value = self.old.value(row, col)
                    if not is_blank(value):
                        written.archived.append(
                            Archived(self.ws.title, here, header, key, value, "value")
                        )
                if cell is not None and cell.comment is not None:
                    note = cell.comment.text
                    written.archived.append(
                        Archived(self.ws.title, here, header, key, note, "note")
                    )

    def _row_key_text(self, row: int) -> str:
        keys = self.spec.key_columns or self.spec.keys[:1]
        parts = []
        for key in keys:
            col = self.col_of.get(key)
            if col is not None:
                value = self.old.value(row, col)
                if not is_blank(value):
                    parts.append(str(value))
        return " · ".join(parts)

    def _calculated(self) -> dict[int, str]:
        """Columns where every data row holds the same formula (Excel's calculated
        columns): column -> the formula as it reads in the first data row."""
        if self._calculated_cache is not None:
            return self._calculated_cache
        found: dict[int, str] = {}
        data_rows = [r for r in self.sources if r is not None] + self.dropped
        for col in range(self.place.min_col, self.place.max_col + 1) if data_rows else ():
            shapes = set()
            for row in data_rows:
                text = _formula_of(self.old.cell(row, col))
                if text is None:
                    break
                shapes.add(_canonical(text, row, col, self.place))
                if len(shapes) > 1:
                    break
            else:
                if len(shapes) == 1:
                    found[col] = shapes.pop()
        self._calculated_cache = found
        return found

    def _cells(self, written: Written, formula_value: FormulaValue | None) -> _NewCells:
        """The new content, column by column over the rows written: a value and a style
        per cell, and (``objects``) the old cells that go as they are, moved (a formula,
        a note, a link) or a calculated column's formula for a new row."""
        place = self.place
        top = place.header_row + 1
        dropped = set(self.dropped)
        frame_row: dict[int, int] = {}
        origin_of: dict[int, int | None] = {}
        for index, (target, source) in enumerate(zip(self.targets, self.sources, strict=True)):
            frame_row[target] = index
            if source is not None:
                origin_of[target] = source
            elif self.in_place and target not in dropped:
                origin_of[target] = target  # an empty row of the table: its own cells
            else:
                origin_of[target] = None
        if self.full:
            rows = list(range(top, self.last_row + 1))
            if self.in_place:  # rows the frame does not touch stay as they were
                for row in place.rows:
                    if row not in frame_row:
                        origin_of[row] = None if row in dropped else row
        else:
            rows = sorted({*self.targets, *self.dropped})
        out = _NewCells(rows)
        looks = Looks(self.ws)
        declared = {**self.extra_looks, **{c.key: c for c in self.spec.columns}}
        calculated = self._calculated()
        owned_cols = {self.col_of[k]: k for k in self.owned}
        columns = {k: excel_values(self.frame[k].tolist()) for k in self.owned}
        carried = {self.col_of[k]: excel_values(self.frame[k].tolist()) for k in self.carried}
        objects = {key: cell for key, cell in self.old.cells.items() if not _plain_cell(cell)}
        object_cols = {c for _, c in objects}
        origins = [origin_of.get(r) for r in rows]
        indexes = [frame_row.get(r) for r in rows]
        key_at = {c: k for k, c in self.col_of.items()}
        for col in range(place.min_col, self.max_col + 1):
            key = owned_cols.get(col)
            key_of_col = key_at.get(col)
            column = declared.get(key_of_col) if key_of_col is not None else None
            look = looks.column(column) if column is not None else None
            old_values, old_styles, held_style, held_array = self._old_column(col)
            frame_values = columns.get(key) if key is not None else None
            frame_carried = carried.get(col)
            if (
                col not in object_cols
                and col not in calculated
                and not old_styles
                and (held_array is None or held_array == look)
            ):
                # the usual column: no note, formula or colour of the staff's in it
                out.values[col], out.styles[col] = self._plain_column(
                    origins, indexes, old_values, held_style, frame_values, frame_carried, look
                )
                if frame_values is not None and any(type(v) in TIME_KINDS for v in out.values[col]):
                    out.styles[col] = [
                        looks.dated(st, type(v)) if type(v) in TIME_KINDS else st
                        for v, st in zip(out.values[col], out.styles[col], strict=True)
                    ]
                continue
            values: list[Any] = []
            styles: list[StyleArray | None] = []
            for row in rows:
                origin = origin_of.get(row)
                i = frame_row.get(row)
                if origin is not None and (origin, col) in objects:
                    cell = objects[(origin, col)]
                    text = _formula_of(cell)
                    if text is not None and frame_values is not None and i is not None:
                        self._kept_formula(written, frame_values[i], cell, formula_value, text)
                    if text is None and frame_values is not None and i is not None:
                        self._set_kept(cell, frame_values[i], looks, column)
                    self._keep(out, origin, row, col)
                    values.append(None)
                    styles.append(None)
                    continue
                if i is None:  # kept as it was, or emptied (a dropped row)
                    if origin is None:
                        values.append(None)
                        styles.append(None)
                    else:
                        values.append(old_values.get(origin))
                        styles.append(old_styles.get(origin, held_style(origin)))
                    continue
                if frame_values is not None:  # the program's cell
                    value = frame_values[i]
                    base = None
                    if origin is not None or row not in self.data_rows:
                        # a row's own colours follow it; an empty row's stay where they are
                        spot = origin if origin is not None else row
                        base = old_styles.get(spot, held_style(spot))
                    if value is None and col in calculated and self.sources[i] is None:
                        out.objects[(row, col)] = (
                            "formula",
                            _uncanonical(calculated[col], row, col, place),
                        )
                        values.append(None)
                        styles.append(None)
                        continue
                    style = base
                    if column is not None:
                        style = looks.merged(base, column) if base is not None else look
                    if type(value) in TIME_KINDS:
                        style = looks.dated(style, type(value))
                    values.append(value)
                    styles.append(style)
                    continue
                # the staff's cell (or a declared column the action leaves alone); a new
                # row takes what the action gives it
                new_row = self.sources[i] is None
                if new_row and frame_carried is not None and frame_carried[i] is not None:
                    values.append(frame_carried[i])
                    styles.append(old_styles.get(row) if origin is not None else None)
                elif origin is not None:
                    values.append(old_values.get(origin))
                    styles.append(old_styles.get(origin, held_style(origin)))
                elif col in calculated:
                    out.objects[(row, col)] = (
                        "formula",
                        _uncanonical(calculated[col], row, col, place),
                    )
                    values.append(None)
                    styles.append(None)
                else:
                    values.append(None)
                    styles.append(look)
            out.values[col] = values
            out.styles[col] = styles
        if place.totals_row is not None and self.totals_target is not None:
            for col in range(place.min_col, self.max_col + 1):
                self._keep(out, place.totals_row, self.totals_target, col)
        return out

    def _plain_column(
        self,
        origins: list[int | None],
        indexes: list[int | None],
        old_values: dict[int, Any],
        held_style: Callable[[int | None], StyleArray | None],
        frame_values: list[Any] | None,
        frame_carried: list[Any] | None,
        look: StyleArray | None,
    ) -> tuple[list[Any], list[StyleArray | None]]:
        """A column whose old cells are plain values in their column's look: the same
        choices as the cell by cell path, made with less work."""
        values: list[Any] = []
        styles: list[StyleArray | None] = []
        sources = self.sources
        for i, origin in zip(indexes, origins, strict=True):
            if i is None:  # kept as it was, or emptied (a dropped row)
                if origin is None:
                    values.append(None)
                    styles.append(None)
                else:
                    values.append(old_values.get(origin))
                    styles.append(held_style(origin))
            elif frame_values is not None:  # the program's cell
                values.append(frame_values[i])
                styles.append(look)
            elif sources[i] is None and frame_carried is not None and frame_carried[i] is not None:
                values.append(frame_carried[i])
                styles.append(None)
            elif origin is not None:
                values.append(old_values.get(origin))
                styles.append(held_style(origin))
            else:
                values.append(None)
                styles.append(look)
        return values, styles

    def _old_column(
        self, col: int
    ) -> tuple[dict, dict, Callable[[int | None], StyleArray | None], StyleArray | None]:
        """The old values and explicit styles of a column by row, the style held rows give
        a row (their column's), and that column style."""
        values = self.old_values.setdefault(col, {})
        styles: dict[int, StyleArray | None] = {}
        held = self.old.held
        held_array: StyleArray | None = None
        if held is not None and held.left <= col <= held.right:
            j = col - held.left
            array = held.column_styles[j]
            held_array = array if array is not None and any(array) else None
            for (i, jj), array in held.cell_styles.items():
                if jj == j:
                    styles[held.top + i] = array if any(array) else None
        first, last = self.place.first_row, self.place.last_row
        for (row, c), cell in self.old.cells.items():
            if c != col:
                continue
            if cell.value is not None and not first <= row <= last:
                values[row] = cell.value
            if cell.has_style:
                styles[row] = cell_style(cell)
        bounds = (held.top, held.bottom) if held is not None else (1, 0)

        def held_style(row: int | None) -> StyleArray | None:
            if row is None or held_array is None:
                return None
            return held_array if bounds[0] <= row <= bounds[1] else None

        return values, styles, held_style, held_array

    def _set_kept(self, cell: Cell, value: Any, looks: Looks, column: Column | None) -> None:
        """A cell with a note or a link the program writes: the note (and the link, when
        the value stays) go on with the new value."""
        if cell.value != value:
            cell.hyperlink = None
        set_value(cell, value)
        if column is not None:
            base = cell_style(cell) if cell.has_style else None
            set_cell_style(
                cell,
                looks.merged(base, column)
                if base is not None
                else looks.column(column) or StyleArray(),
            )

    def _keep(self, out: _NewCells, origin: int, target: int, col: int) -> None:
        """The old cell at (origin, col) goes to (target, col) as it is; a formula is
        adjusted as Excel adjusts a moved row's."""
        cell = self.old.cell(origin, col)
        if cell is None:
            return
        text = _formula_of(cell)
        if text is not None:
            if origin != target:
                set_formula_text(cell, _moved_formula(text, (origin, col), (target, col)))
            self.moves[(target, col)] = (origin, col)
        cell.row = target
        if cell.hyperlink is not None:
            cell.hyperlink.ref = cell.coordinate
        out.objects[(target, col)] = ("cell", cell)

    def _kept_formula(
        self,
        written: Written,
        value: Any,
        cell: Cell,
        formula_value: FormulaValue | None,
        text: str,
    ) -> None:
        """The office's formula stays; say so when the action meant another value."""
        if value is None or is_missing(value):
            return
        current = formula_value(self.ws, cell.row, cell.column, text) if formula_value else NO_VALUE
        if _same(current, value):
            return
        location = Location(
            file=self.file_name, sheet=self.ws.title, cell=cell.coordinate, row=cell.row
        )
        written.notices.append(
            Issue.warning(
                "MASTER_FORMULA_KEPT",
                location,
                formula=text,
                shown=_shown(current),
                value=_shown(value),
            )
        )

    # -- into the sheet ------------------------------------------------------------------------
    def _put(self, new: _NewCells) -> None:
        ws = self.ws
        fast = fast_paths()
        for col, values in new.values.items():
            styles = new.styles[col]
            for row, value, style in zip(new.rows, values, styles, strict=True):
                if value is None and style is None:
                    continue
                if fast:  # a new cell straight into the sheet (the old one was taken out)
                    cell = Cell(ws, row=row, column=col)
                    sheet_cells(ws)[(row, col)] = cell
                else:
                    cell = ws.cell(row, col)
                set_styled(cell, value, style)
        for (row, col), item in new.objects.items():
            if item[0] == "cell":
                cell = item[1]
                cell.row, cell.column = row, col
                sheet_cells(ws)[(row, col)] = cell
            else:
                ws.cell(row, col).value = item[1]

    def _hold(self, new: _NewCells, held: dict[str, HeldRows] | None) -> bool:
        """Hold the rows out of openpyxl (fast_sheet) when the whole table was rebuilt,
        is large, and every cell is a plain value."""
        place = self.place
        if not fast_paths():  # OCOP_XL_FAST=0: openpyxl cells, openpyxl writes them
            return False
        if held is None or not self.full or place.totals_row is not None or new.objects:
            return False
        top = place.header_row + 1
        height = self.last_row - place.header_row
        width = self.max_col - place.min_col + 1
        if height <= 0 or (height * width < fast_sheet.FAST_MIN_CELLS and self.old_held is None):
            return False
        if new.rows != list(range(top, self.last_row + 1)):
            return False
        cols = range(place.min_col, self.max_col + 1)
        columns = [new.values[c] for c in cols]
        if not fast_sheet.representable(columns):
            return False
        looks = Looks(self.ws)
        column_styles = [self._column_style(looks, c) for c in cols]
        cell_styles: dict[tuple[int, int], StyleArray] = {}
        for j, col in enumerate(cols):
            default = column_styles[j]
            for i, style in enumerate(new.styles[col]):
                if style is not default and style != default:
                    cell_styles[(i, j)] = style if style is not None else StyleArray()
        held[self.spec.table] = HeldRows(
            self.ws, top, place.min_col, columns, column_styles, cell_styles
        )
        return True

    def _column_style(self, looks: Looks, col: int) -> StyleArray | None:
        declared = {**self.extra_looks, **{c.key: c for c in self.spec.columns}}
        for key, c in self.col_of.items():
            if c == col and key in declared:
                return looks.column(declared[key])
        return None


def _canonical(text: str, row: int, col: int, place: Place) -> str:
    return _moved_formula(text, (row, col), (place.header_row + 1, col))


def _uncanonical(text: str, row: int, col: int, place: Place) -> str:
    return _moved_formula(text, (place.header_row + 1, col), (row, col))


def _same(a: Any, b: Any) -> bool:
    if a is NO_VALUE:
        return False
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-9
    return excel_value(a) == excel_value(b) or str(a).strip() == str(b).strip()


def _fits(held: HeldRows, place: Place) -> bool:
    return (
        held.top == place.header_row + 1
        and held.left == place.min_col
        and held.right == place.max_col
        and held.bottom <= place.last_row
    )


def _finish_table(ws: Worksheet, spec: TableSheet, plan: _Plan, new_table: bool) -> None:
    """The Excel table object: its range, filter range and columns; a new one if none."""
    place = plan.new_place()
    bottom = place.totals_row or max(place.last_row, place.header_row + 1)
    data_bottom = max(place.last_row, place.header_row + 1)
    ref = f"{_ref(place.header_row, place.min_col)}:{_ref(bottom, place.max_col)}"
    headers = [plan.header_of[c] for c in place.columns]
    table = place.table
    if table is None:
        name = spec.table
        taken = {t.displayName for s in plan.book.worksheets for t in s.tables.values()}
        if name in taken:
            name = next(
                f"{spec.table}_{k}" for k in range(2, 100) if f"{spec.table}_{k}" not in taken
            )
        table = Table(displayName=name, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name=spec.style, showRowStripes=True)
        initialise_table_columns(table)
        for column, header in zip(table.tableColumns, headers, strict=True):
            column.name = str(header)
        ws.add_table(table)
    else:
        table.ref = ref
        if table.autoFilter is not None:
            table.autoFilter.ref = (
                f"{_ref(place.header_row, place.min_col)}:{_ref(data_bottom, place.max_col)}"
            )
        ids = [c.id for c in table.tableColumns]
        next_id = max(ids, default=0) + 1
        for _col, header in plan.added:
            table.tableColumns.append(TableColumn(id=next_id, name=str(header)))
            next_id += 1
    if spec.title and new_table and place.header_row > 1:
        from openpyxl.styles import Font

        title = ws.cell(place.header_row - 1, place.min_col, spec.title)
        title.font = Font(bold=True, size=12)


# -- held rows -----------------------------------------------------------------------------


def settle(held: HeldRows) -> bool:
    """Check that nothing wrote openpyxl cells over held rows since they were written.
    Empty cells there (made by reading them) are dropped; a cell with content makes the
    rows go into cells after all (that later write wins). True when the rows stay held."""
    ws = held.ws
    stray = [
        (key, cell)
        for key, cell in sheet_cells(ws).items()
        if held.top <= key[0] <= held.bottom and held.left <= key[1] <= held.right
    ]
    if all(
        c.value is None
        and not c.has_style
        and c.comment is None
        and c.hyperlink is None  # (merged cells have none)
        for _, c in stray
    ):
        for key, _ in stray:
            del sheet_cells(ws)[key]
        return True
    materialize(held, skip={key for key, _ in stray})
    return False


def materialize(held: HeldRows, skip: set[tuple[int, int]] | frozenset = frozenset()) -> None:
    """Write held rows into openpyxl cells (the fallback)."""
    for row, col, value, array in held.cells():
        if (row, col) in skip or (value is None and array is None):
            continue
        set_styled(held.ws.cell(row, col), value, array)
