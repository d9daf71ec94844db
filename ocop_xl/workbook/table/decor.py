"""What surrounds a table's cells: widths, drop-down lists, colour rules, the names other
sheets' lists draw from, charts. Laid down where the table is now.

The staff's settings win: a drop-down list they edited, a colour rule they added, a width
they set or a column they hid stay as they are. The program adds its own list or rule only
where a column has none yet (and stretches its own to new rows), sets declared widths only
on a new table or a new column, and redraws only its own charts.
"""

from __future__ import annotations

from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook as OpenpyxlBook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.workbook.layout.spec import Layout, TableSheet
from ocop_xl.workbook.openpyxl_compat import charts, set_charts, sheet_cells
from ocop_xl.workbook.table.locate import Place
from ocop_xl.workbook.text_metrics import wrap_count

# Validation and conditional formats reach this far below the header, so rows the staff
# add by hand get the same dropdowns.
VALIDATION_ROWS = 2000
BODY_PT = 11  # the tables' font size (the workbook's Calibri 11)
LINE_PT = 15  # one line of it, as Excel spaces rows
MAX_ROW_PT = 409  # Excel's tallest row


def list_name(table: str, key: str) -> str:
    """Workbook-level name of a column's values, used by dropdowns in other sheets."""
    return f"ds_{table}_{key}"


def decorate(
    book: OpenpyxlBook,
    ws: Worksheet,
    spec: TableSheet,
    layout: Layout,
    place: Place,
    *,
    new_table: bool,
    added: list[tuple[int, str]],
) -> None:
    new_columns = {col for col, _ in added}
    # Tables stacked on one sheet share its columns: a column already set for another
    # table keeps the wider of the two widths.
    shared = len(ws.tables) > 1
    for key, col in place.declared.items():
        if new_table or col in new_columns:
            declared = spec.column(key)
            letter = get_column_letter(col)
            known = letter in ws.column_dimensions  # (looking a letter up makes it)
            dim = ws.column_dimensions[letter]
            wider = shared and known and (dim.width or 0) > declared.width
            dim.width = dim.width if wider else declared.width
            dim.hidden = declared.hidden
    for col in new_columns - set(place.declared.values()):
        dim = ws.column_dimensions[get_column_letter(col)]
        dim.width = dim.width or 16
    if new_table:
        if spec.anchor == "A1" and place.header_row == 1 and ws.freeze_panes in (None, "A1"):
            ws.freeze_panes = "A2"
        if spec.tab_color:
            ws.sheet_properties.tabColor = spec.tab_color
    _row_heights(ws, spec, place, new_table)
    _validations(ws, spec, layout, place)
    _conditional_fills(ws, spec, place)
    _publish_lists(book, ws, spec, layout, place)
    _charts(ws, spec, place)


def _width_pt(ws: Worksheet, col: int) -> float:
    """A column's inside width in points (Excel: 7 pixels a character plus 5, 3/4 point a
    pixel), less the cell's margins."""
    width = ws.column_dimensions[get_column_letter(col)].width or 8.43
    return (width * 7 + 5) * 0.75 - 4


def _lines(text: Any, width_pt: float, bold: bool = False) -> int:
    # Times New Roman's metrics stand in for the sheets' Calibri, a tenth narrower box
    # for safety
    return wrap_count(str(text), width_pt * 0.9, BODY_PT, bold) if text not in (None, "") else 1


def _row_heights(ws: Worksheet, spec: TableSheet, place: Place, new_table: bool) -> None:
    """Rows tall enough for their wrapped text: no header cut, no wrapped text running over
    the row below (LibreOffice keeps a row's saved height; Excel too once set). The header
    of a new table and of every table the program fills; the rows of those tables (the
    staff's rows keep the heights they have)."""
    # the program's own tables; not Đăng ký, whose rows the staff type too (and which the
    # fast path writes without cells when large)
    program = spec.role == "output" and not spec.takes_typed_rows
    if not (new_table or program):
        return
    header = max(
        _lines(ws.cell(place.header_row, col).value, _width_pt(ws, col), bold=True)
        for col in place.declared.values()
    )
    current = ws.row_dimensions[place.header_row].height or 15
    ws.row_dimensions[place.header_row].height = min(max(current, LINE_PT * header + 3), MAX_ROW_PT)
    if not program:
        return
    wrapped = [col for key, col in place.declared.items() if spec.column(key).wrap]
    if not wrapped:
        return
    widths = {col: _width_pt(ws, col) for col in wrapped}
    for row in place.rows:
        lines = 1
        for col in wrapped:
            cell = sheet_cells(ws).get((row, col))
            if cell is not None and isinstance(cell.value, str):
                lines = max(lines, _lines(cell.value, widths[col]))
        if lines > 1:
            ws.row_dimensions[row].height = min(LINE_PT * lines + 3, MAX_ROW_PT)
        elif row in ws.row_dimensions:  # a row that held a longer text before
            ws.row_dimensions[row].height = None


def _column_range(place: Place, col: int) -> str:
    letter = get_column_letter(col)
    bottom = max(place.last_row, place.header_row + VALIDATION_ROWS)
    return f"{letter}{place.header_row + 1}:{letter}{bottom}"


def _covers(sqref: Any, row: int, col: int) -> bool:
    for part in str(sqref).split():
        min_col, min_row, max_col, max_row = range_boundaries(part)
        if min_col <= col <= (max_col or min_col) and min_row <= row <= (max_row or min_row):
            return True
    return False


def _stretch(sqref: Any, col: int, place: Place) -> str:
    """The sqref with its range in ``col`` reaching the table's last row."""
    parts = []
    for part in str(sqref).split():
        min_col, min_row, max_col, max_row = range_boundaries(part)
        if min_col == col == max_col and max_row is not None and max_row < place.last_row:
            part = f"{get_column_letter(col)}{min_row}:{get_column_letter(col)}{place.last_row}"
        parts.append(part)
    return " ".join(parts)


def _validations(ws: Worksheet, spec: TableSheet, layout: Layout, place: Place) -> None:
    first = place.header_row + 1
    for key, col in place.declared.items():
        declared = spec.column(key)
        formula = None
        if declared.choices:
            formula = '"' + ",".join(declared.choices) + '"'
        elif declared.choices_from:
            source_table, source_key = declared.choices_from
            formula = "=" + list_name(layout.table(source_table).table, source_key)
        if formula is None and not declared.note:
            continue
        existing = [
            dv for dv in ws.data_validations.dataValidation if _covers(dv.sqref, first, col)
        ]
        if existing:  # ours from before, or the staff's own list: kept, stretched to the rows
            for dv in existing:
                dv.sqref = type(dv.sqref)(_stretch(dv.sqref, col, place))
            continue
        dv = DataValidation(
            type="list" if formula else None,
            formula1=formula,
            allow_blank=True,
            showErrorMessage=bool(formula),
            errorStyle="warning",
            errorTitle="Giá trị ngoài danh sách",
            error="Giá trị này không có trong danh sách chọn.",
            showInputMessage=bool(declared.note),
            promptTitle=declared.header[:32] if declared.note else None,
            prompt=declared.note[:255] if declared.note else None,
        )
        dv.add(_column_range(place, col))
        ws.add_data_validation(dv)


def _conditional_fills(ws: Worksheet, spec: TableSheet, place: Place) -> None:
    first = place.header_row + 1
    for key, col in place.declared.items():
        declared = spec.column(key)
        if not declared.fills:
            continue
        ours = [
            cf for cf in ws.conditional_formatting if _covers(cf.sqref, first, col)
        ]  # laid down before (or the staff's): stretched, not added again
        if ours:
            if any(_stretch(cf.sqref, col, place) != str(cf.sqref) for cf in ours):
                rebuilt = ConditionalFormattingList()
                for cf in ws.conditional_formatting:
                    sqref = _stretch(cf.sqref, col, place) if cf in ours else str(cf.sqref)
                    for rule in cf.rules:
                        rebuilt.add(sqref, rule)
                ws.conditional_formatting = rebuilt
            continue
        target = _column_range(place, col)
        for value, colour in declared.fills:
            literal = value if isinstance(value, int | float) else f'"{value}"'
            fill = PatternFill("solid", start_color=colour, end_color=colour, bgColor=colour)
            ws.conditional_formatting.add(
                target, CellIsRule(operator="equal", formula=[str(literal)], fill=fill)
            )


def _publish_lists(
    book: OpenpyxlBook, ws: Worksheet, spec: TableSheet, layout: Layout, place: Place
) -> None:
    """Name the columns other tables' dropdowns draw from, sized to the rows written."""
    wanted = {
        c.choices_from[1]
        for t in layout.tables()
        for c in t.columns
        if c.choices_from and c.choices_from[0] == spec.name
    }
    sheet = ws.title.replace("'", "''")
    last = max(place.last_row, place.header_row + 1)
    for key in wanted:
        col = place.declared.get(key)
        if col is None:
            continue
        letter = get_column_letter(col)
        name = list_name(spec.table, key)
        ref = f"'{sheet}'!${letter}${place.header_row + 1}:${letter}${last}"
        if name in book.defined_names:
            del book.defined_names[name]
        book.defined_names[name] = DefinedName(name, attr_text=ref)


def _title_text(chart: Any) -> str:
    try:
        runs = chart.title.tx.rich.p[0].r
        return "".join(r.t for r in runs)
    except (AttributeError, IndexError, TypeError):
        return ""


def _charts(ws: Worksheet, spec: TableSheet, place: Place) -> None:
    if not spec.charts:
        return
    # Our charts (known by their titles) are drawn again; the staff's stay.
    titles = {c.title for c in spec.charts}
    set_charts(ws, [c for c in charts(ws) if _title_text(c) not in titles])
    last_row = max(place.last_row, place.header_row + 1)
    default_col = place.max_col + 2
    for i, chart_spec in enumerate(spec.charts):
        anchor = chart_spec.anchor or f"{get_column_letter(default_col)}{place.header_row + i * 18}"
        chart = BarChart()
        chart.type = chart_spec.kind
        chart.title = chart_spec.title
        chart.y_axis.title = chart_spec.y_title or None
        chart.height, chart.width = 8, 16
        cat_col = place.declared.get(chart_spec.categories)
        if cat_col is None:
            continue
        for key in chart_spec.values:
            col = place.declared.get(key)
            if col is None:
                continue
            data = Reference(ws, min_col=col, min_row=place.header_row, max_row=last_row)
            chart.add_data(data, titles_from_data=True)
        cats = Reference(ws, min_col=cat_col, min_row=place.header_row + 1, max_row=last_row)
        chart.set_categories(cats)
        ws.add_chart(chart, anchor)
