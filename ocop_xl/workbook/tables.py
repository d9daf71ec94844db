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
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook as OpenpyxlBook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.domain.issues import MasterError
from ocop_xl.domain.text import fold, is_blank
from ocop_xl.workbook.layout.spec import Layout, TableSheet

HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
HEADER_FONT = Font(bold=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
# Validation and conditional formats reach this far below the header, so rows the staff
# add by hand get the same dropdowns.
VALIDATION_ROWS = 2000


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
) -> pd.DataFrame:
    """A frame of the table's rows (index = Excel row), columns = declared keys + extras."""
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
    # Rows typed just below the table (outside its range) still belong to it.
    last = found.last_row
    while last < ws.max_row:
        below = next(
            ws.iter_rows(last + 1, last + 1, found.min_col, found.max_col, values_only=True)
        )
        if _row_blank(below):
            break
        last += 1
    index: list[int] = []
    data: list[list[Any]] = []
    if last > found.header_row:
        rows = ws.iter_rows(found.header_row + 1, last, found.min_col, found.max_col)
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


def put(ws: Worksheet, row: int, col: int, value: Any):
    """Write one value; text is always stored as text, never as a live formula."""
    cell = ws.cell(row, col)
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _existing_extras(
    ws: Worksheet, spec: TableSheet, found: TableRange
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
    for row in range(found.header_row + 1, found.last_row + 1):
        values = {name: ws.cell(row, col).value for col, name in extra_cols}
        by_position.append(values)
        if key_col is not None:
            key_value = ws.cell(row, key_col).value
            if not is_blank(key_value):
                by_key[str(key_value).strip()] = values
    return [name for _, name in extra_cols], by_key, by_position


def write_table(
    book: OpenpyxlBook, ws: Worksheet, spec: TableSheet, layout: Layout, frame: pd.DataFrame
) -> None:
    """Replace the table's rows with ``frame``; keep the staff's own columns and everything
    outside the table (other cells, notes, formats of untouched cells)."""
    found = find_range(ws, spec)
    extra_names: list[str] = []
    extras_by_key: dict[Any, dict[str, Any]] = {}
    extras_by_position: list[dict[str, Any]] = []
    if found is not None:
        extra_names, extras_by_key, extras_by_position = _existing_extras(ws, spec, found)
        for row in ws.iter_rows(
            found.header_row + 1,
            max(found.last_row, found.header_row),
            found.min_col,
            found.max_col,
        ):
            for cell in row:
                cell.value = None
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

    columns = list(spec.columns)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    looks = []
    for col in columns:
        styles: dict[str, Any] = {}
        if col.number_format and col.number_format != "@":
            styles["number_format"] = col.number_format
        if col.wrap:
            styles["alignment"] = WRAP
        looks.append(styles)
    styler = StyleCache()
    for r, record in enumerate(rows):
        excel_row = hr + 1 + r
        for offset, col in enumerate(columns):
            cell = put(ws, excel_row, c0 + offset, record.get(col.key))
            if looks[offset]:
                styler.apply(cell, (col.number_format, col.wrap), **looks[offset])
        carried: dict[str, Any] = {}
        if extras_by_key and spec.key and record.get(spec.key) is not None:
            carried = extras_by_key.get(str(record[spec.key]).strip(), {})
        elif not spec.key and r < len(extras_by_position):
            carried = extras_by_position[r]
        for offset, name in enumerate(extra_names, start=len(columns)):
            value = record.get(name) if name in frame_extras else carried.get(name)
            put(ws, excel_row, c0 + offset, value)

    last_row = hr + max(len(rows), 1)
    last_col = c0 + len(headers) - 1
    ref = f"{get_column_letter(c0)}{hr}:{get_column_letter(last_col)}{last_row}"
    table = Table(displayName=spec.table, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=spec.style, showRowStripes=True)
    ws.add_table(table)

    for offset, col in enumerate(columns):
        dim = ws.column_dimensions[get_column_letter(c0 + offset)]
        dim.width = col.width
        dim.hidden = col.hidden
    for offset in range(len(columns), len(headers)):
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
