"""Reading a layout table from its sheet, wherever the staff put it, as a DataFrame."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.domain.issues import Issue, Location, MasterError
from ocop_xl.domain.text import is_blank
from ocop_xl.workbook.fast_sheet import HeldRows
from ocop_xl.workbook.formula_values import NO_VALUE, formula_text
from ocop_xl.workbook.layout.spec import TableSheet
from ocop_xl.workbook.openpyxl_compat import sheet_cells
from ocop_xl.workbook.port import ROW_INDEX
from ocop_xl.workbook.table.grid import Grid
from ocop_xl.workbook.table.locate import Place, locate

FormulaValue = Callable[[Worksheet, int, int, str], Any]  # (ws, row, col, formula) -> value


def check_place(ws: Worksheet, place: Place, file_name: str) -> None:
    """Stop on what the table code cannot read or write safely: merged cells inside the
    table, a declared column gone (required, or renamed by the staff)."""
    merged = [
        str(m)
        for m in ws.merged_cells.ranges
        if not (
            m.max_row < place.header_row
            or m.min_row > (place.totals_row or place.last_row)
            or m.max_col < place.min_col
            or m.min_col > place.max_col
        )
    ]
    if merged:
        raise MasterError(
            "TABLE_MERGED_CELLS", Location(file=file_name, sheet=ws.title), range=", ".join(merged)
        )
    spec = place.spec
    header_cells = (
        f"{get_column_letter(place.min_col)}{place.header_row}:"
        f"{get_column_letter(place.max_col)}{place.header_row}"
    )
    staff = [c for c in place.staff_columns if not place.key_at(c).startswith("_")]
    for col in spec.columns:
        if col.key in place.declared or col.later:
            continue
        if col.required:
            raise MasterError(
                "COLUMN_MISSING",
                Location(file=file_name, sheet=ws.title, cell=header_cells),
                label=col.header,
                row=place.header_row,
            )
        if spec.role in ("input", "config") and staff:
            other = staff[0]
            raise MasterError(
                "COLUMN_RENAMED",
                Location(file=file_name, sheet=ws.title, cell=header_cells),
                label=col.header,
                cells=header_cells,
                other=place.key_at(other),
                other_cell=f"{get_column_letter(other)}{place.header_row}",
            )


def place_notices(ws: Worksheet, place: Place, file_name: str) -> list[Issue]:
    """Rows under the table that are the staff's: totals and rows after a blank row."""
    found = []
    for below in place.below:
        if below.kind == "table":
            continue
        first, last = below.rows
        rows = str(first) if first == last else f"{first}–{last}"
        code = "TABLE_TOTAL_ROW" if below.kind == "total" else "TABLE_ROWS_OUTSIDE"
        location = Location(file=file_name, sheet=ws.title, cell=below.cell, row=first)
        found.append(Issue.warning(code, location, rows=rows, text=below.text))
    return found


def read_table(
    ws: Worksheet,
    spec: TableSheet,
    file_name: str,
    *,
    held: HeldRows | None = None,
    formula_value: FormulaValue | None = None,
    notices: list[Issue] | None = None,
) -> pd.DataFrame:
    """The table's data rows (index: Excel row, named ``ROW_INDEX``), one column per
    declared key (blank when the sheet lacks it) and per column the staff added (by its
    header text). A formula reads as its value; one whose value cannot be known reads as
    blank and is reported in ``notices`` with its cell, as are the staff's rows below.

    A row whose only contents are formulas (a column Excel fills down the whole table) is
    not data."""
    grid = Grid(ws, [held] if held is not None else None)
    place = locate(ws, spec, grid.at)
    if place is None:
        raise MasterError("TABLE_MISSING", file=file_name, sheet=ws.title)
    check_place(ws, place, file_name)
    if notices is not None:
        notices.extend(place_notices(ws, place, file_name))
    width = place.max_col - place.min_col + 1
    index: list[int] = []
    data: list[list[Any]] = []
    held_rows = held if held is not None and held.left == place.min_col else None
    if held_rows is not None and held_rows.right != place.max_col:
        held_rows = None
    for row in place.rows:
        if held_rows is not None and held_rows.top <= row <= held_rows.bottom:
            i = row - held_rows.top
            values = [column[i] for column in held_rows.columns]
            if not all(is_blank(v) for v in values):
                index.append(row)
                data.append(values)
            continue
        values = [None] * width
        typed = False
        for j in range(width):
            col = place.min_col + j
            cell = sheet_cells(ws).get((row, col))
            if cell is None:
                value = grid.at(row, col) if grid.held else None
                if not is_blank(value):
                    typed = True
                values[j] = value
                continue
            if cell.data_type == "f":
                text = formula_text(cell.value) or ""
                value = formula_value(ws, row, col, text) if formula_value else NO_VALUE
                if value is NO_VALUE:
                    value = None
                    if notices is not None:
                        notices.append(_no_value(file_name, ws.title, row, col, text))
                values[j] = value
                continue
            value = cell.value
            if not is_blank(value):
                typed = True
            values[j] = value
        if typed:
            index.append(row)
            data.append(values)
    frame = pd.DataFrame(
        data, columns=place.keys, index=pd.Index(index, name=ROW_INDEX), dtype=object
    )
    for declared in spec.columns:  # absent optional columns read as blank
        if declared.key not in frame.columns:
            frame[declared.key] = None
    frame.attrs.update(
        sheet=ws.title, file=file_name, letters=place.letters, header_row=place.header_row
    )
    return frame


def _no_value(file_name: str, sheet: str, row: int, col: int, text: str) -> Issue:
    cell = f"{get_column_letter(col)}{row}"
    location = Location(file=file_name, sheet=sheet, cell=cell, row=row)
    return Issue.warning("MASTER_FORMULA_NO_VALUE", location, formula=text)
