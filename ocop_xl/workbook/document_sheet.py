"""Render a ``Document`` on a worksheet: national header, title, table, signatures, A4."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.domain.document import Document, draft_header, draft_note
from ocop_xl.domain.vnformat import NATIONAL_MOTTO, NATIONAL_NAME
from ocop_xl.workbook.layout.spec import VI_FORMAT as VI
from ocop_xl.workbook.table.cells import StyleCache, put

FONT = "Times New Roman"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DRAFT_RED = "C00000"
FORMATS = {
    "int": VI + "#,##0",
    "money": VI + "#,##0",
    "decimal": VI + "#,##0.00",
    "date": "dd/mm/yyyy",
}
ALIGN = {"int": "right", "money": "right", "decimal": "right", "date": "center", "center": "center"}


def _font(size: float = 13, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _merged(
    ws: Worksheet,
    row: int,
    first: int,
    last: int,
    text: str,
    font: Font,
    horizontal: str = "center",
    height: float | None = None,
    shrink: bool = False,
) -> None:
    cell = ws.cell(row, first, text)
    cell.font = font
    # Header lines stay on one line (shrunk if the block is narrow); paragraphs wrap.
    cell.alignment = Alignment(
        horizontal=horizontal, vertical="center", wrap_text=not shrink, shrink_to_fit=shrink
    )
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    if height:
        ws.row_dimensions[row].height = height


def render_document(ws: Worksheet, doc: Document) -> None:
    ncols = len(doc.columns)
    for i, col in enumerate(doc.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    # Header: issuing body on the left, the national name and motto on the right.
    left_last = _left_block_end(doc)
    right_first = min(ncols, left_last + 1)
    row = 1
    body_lines = list(doc.issuing_body) or [""]
    nation = [NATIONAL_NAME, NATIONAL_MOTTO]
    for i in range(max(len(body_lines), len(nation))):
        if i < len(body_lines):
            bold = i == len(body_lines) - 1
            _merged(ws, row, 1, left_last, body_lines[i], _font(12, bold=bold), shrink=True)
        if i < len(nation):
            font = _font(12 if i == 0 else 13, bold=True)
            _merged(ws, row, right_first, ncols, nation[i], font, shrink=True)
        row += 1
    if doc.number_line:
        _merged(ws, row, 1, left_last, doc.number_line, _font(12))
    _merged(ws, row, right_first, ncols, doc.place_date, _font(13, italic=True), shrink=True)
    row += 1
    if doc.draft_errors:
        note = draft_note(doc.draft_errors)
        _merged(ws, row, 1, ncols, note, Font(name=FONT, size=13, bold=True, color=DRAFT_RED))
        ws.row_dimensions[row].height = _height(note, doc)
    row += 1
    _merged(ws, row, 1, ncols, doc.title, _font(14, bold=True), height=36)
    row += 1
    if doc.subtitle:
        _merged(ws, row, 1, ncols, doc.subtitle, _font(13, italic=True))
        row += 1
    for text in doc.before:
        _merged(ws, row, 1, ncols, text, _font(13), horizontal="left", height=_height(text, doc))
        row += 1
    row += 1
    header_row = row
    for i, col in enumerate(doc.columns, start=1):
        cell = ws.cell(row, i, col.header)
        cell.font = _font(12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    ws.row_dimensions[row].height = max(32, _cell_lines(doc, [c.header for c in doc.columns]))
    row += 1
    body = list(doc.rows) + ([doc.total_row] if doc.total_row is not None else [])
    fills = {text: PatternFill("solid", start_color=rgb, end_color=rgb) for text, rgb in doc.fills}
    styler = StyleCache()
    for r, values in enumerate(body):
        bold = r in doc.group_rows or (doc.total_row is not None and r == len(body) - 1)
        for i, col in enumerate(doc.columns, start=1):
            cell = put(ws, row, i, values[i - 1] if i - 1 < len(values) else None)
            # a body cell holding exactly a marked text ("CT", "PH") gets its colour
            mark = cell.value if isinstance(cell.value, str) and cell.value in fills else None
            extra = {"fill": fills[mark]} if mark is not None else {}
            styler.apply(
                cell,
                (col.kind, bold, mark),
                font=_font(12, bold=bold),
                border=BOX,
                alignment=Alignment(
                    horizontal=ALIGN.get(col.kind, "left"), vertical="top", wrap_text=True
                ),
                number_format=FORMATS.get(col.kind, "General"),
                **extra,
            )
        height = _cell_lines(doc, values)
        if height > LINE_HEIGHT + 4:  # wrapped text: spreadsheets do not grow the row themselves
            ws.row_dimensions[row].height = height
        row += 1
    row += 1
    for text in doc.after:
        _merged(ws, row, 1, ncols, text, _font(13), horizontal="left", height=_height(text, doc))
        row += 1
    if doc.signatures:
        row += 1
        spans = _signature_spans(ncols, len(doc.signatures))
        lines = max(len(s.title_lines) for s in doc.signatures)
        for sig, (first, last) in zip(doc.signatures, spans, strict=True):
            for i, text in enumerate(sig.title_lines):
                _merged(ws, row + i, first, last, text, _font(13, bold=True))
            if sig.name:
                _merged(ws, row + lines + 4, first, last, sig.name, _font(13, bold=True))
        row += lines + 5
    _page_setup(ws, doc, header_row, row)


def _left_block_end(doc: Document) -> int:
    """The issuing body takes about 40 % of the width, the national name the rest; the
    split falls on the column boundary nearest to that."""
    total = sum(c.width for c in doc.columns)
    best, best_gap, running = 1, 2.0, 0.0
    for i, col in enumerate(doc.columns[:-1], start=1):
        running += col.width
        gap = abs(running / total - 0.4)
        if gap < best_gap:
            best, best_gap = i, gap
    return best


LINE_HEIGHT = 15.6  # points per line of 12 pt Times New Roman


def _text_width(text: str) -> float:
    """Width in average characters: capitals are about a third wider than lower case."""
    return sum(1.35 if ch.isupper() else 1.0 for ch in text)


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide, words kept whole
    (about 1.1 characters of 12 pt Times per unit of Excel column width)."""
    per_line = max(1.0, width * 1.1)
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            size = _text_width(word)
            if used and used + 1 + size <= per_line:
                used += 1 + size
                continue
            if used:  # the word starts a new line
                lines += 1
            extra = int((size - 0.001) // per_line)  # a word longer than a line breaks inside
            lines += extra
            used = size - extra * per_line
        total += lines
    return total


def _cell_lines(doc: Document, values) -> float:
    """The height a table row needs for its longest wrapped cell, in points."""
    lines = 1
    for col, value in zip(doc.columns, values, strict=False):
        if isinstance(value, str) and value:
            lines = max(lines, _wrapped_lines(value, col.width))
    return lines * LINE_HEIGHT + 4


def _height(text: str, doc: Document) -> float:
    chars_per_line = max(40, int(sum(c.width for c in doc.columns) * 1.1))
    lines = max(1, -(-len(text) // chars_per_line))
    return 18 * lines


def _signature_spans(ncols: int, count: int) -> list[tuple[int, int]]:
    if count == 1:
        first = max(1, ncols // 2 + 1)
        return [(first, ncols)]
    width = max(1, ncols // count)
    spans = []
    for i in range(count):
        first = i * width + 1
        last = ncols if i == count - 1 else (i + 1) * width
        spans.append((first, max(first, last)))
    return spans


def _page_setup(ws: Worksheet, doc: Document, header_row: int, last_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if doc.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{get_column_letter(len(doc.columns))}{max(last_row, header_row)}"
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT
    mark_draft(ws, doc.draft_errors)
    ws.sheet_view.showGridLines = False


def mark_draft(ws: Worksheet, errors: int) -> None:
    """The draft mark in the page header of every page (``errors`` > 0), or no header."""
    header = ws.oddHeader.center
    if errors:
        header.text = draft_header(errors)
        header.font = f"{FONT},Bold"
        header.size = 13
        header.color = DRAFT_RED
    else:
        header.text = None
