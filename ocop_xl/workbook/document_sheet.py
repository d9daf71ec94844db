"""Render a ``Document`` on a worksheet in the form of Nghị định 30/2020/NĐ-CP, Phụ lục I.

A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman at its real size
(the page is printed at 100 %, never shrunk to fit): the body 14 pt, the table 13 pt (12 pt
only when a table is too wide for a landscape page at 13). The columns are sized to fill
the width between the margins: a table too wide for a portrait page goes landscape, text
wraps inside its cell, numbers never wrap. The national name and motto with a short rule
under the motto, the issuing body with a short rule under it, "Số: …" under the body where
the document takes one, place and date, title; the table with its header row repeated on
every page; the paragraphs after it; "Nơi nhận:" on the left and the signature blocks (title,
room to sign, full name) on the right; "Trang x/y" at the foot of every page.

Row heights are worked out from the letters' widths (``text_metrics``) and the pages are cut
here, by manual page breaks, so that the page with the signatures always holds the last rows
of the table: never "Tổng cộng" and signatures alone.

Widths: a spreadsheet column width is counted in digits of the workbook's default font
(Calibri 11: 5.25 pt in Excel, 5.55 pt in LibreOffice with Carlito, Calibri's metric twin).
The columns are sized so the table fits with the wider of the two, and text is wrapped as
in the narrower, so neither program cuts a cell or spills a page sideways.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.domain.document import BLANK_NAME, Document, draft_header, draft_note
from ocop_xl.domain.vnformat import NATIONAL_MOTTO, NATIONAL_NAME
from ocop_xl.workbook.layout.spec import VI_FORMAT as VI
from ocop_xl.workbook.table.cells import StyleCache, put
from ocop_xl.workbook.text_metrics import line_pt, longest_word_pt, text_pt, wrap_count

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
NUMERIC = frozenset({"int", "money", "decimal", "date"})

# Sizes in points (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục IV).
HEADER_PT = 13  # issuing body, national name, "Số:"
MOTTO_PT = 14
BODY_PT = 14  # paragraphs, place and date, title, signatures
TABLE_PT = 13
TABLE_MIN_PT = 12
RECIPIENTS_TITLE_PT = 12
RECIPIENTS_PT = 11
RULE_PT = 6  # the short rules are underscores in small type: thin and exactly placed

# Page geometry, millimetres.
PAGE_MM = {"portrait": (210.0, 297.0), "landscape": (297.0, 210.0)}
MARGIN_MM = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}
HEADER_FOOTER_MM = 8.0
PT_PER_MM = 72 / 25.4
UNIT_WIDE_PT = 5.55  # one unit of column width in LibreOffice (Carlito 11)
UNIT_NARROW_PT = 5.25  # and in Excel (Calibri 11: 7 pixels at 96 dpi)
UNIT_WRAP_PT = 5.3  # what wrapped text is laid out with: Excel's, and a hair more
CELL_PAD_PT = 5.0  # left and right inner margins of a cell, together
ROW_PAD_PT = 3.0
WIDTH_SAFETY = 0.985  # of the width between the margins
HEIGHT_SAFETY = 0.96  # of the height between the margins
SIGN_SPACE_ROWS = 4  # empty rows for the signature itself
KEEP_WITH_END = 2  # body rows kept on the page of the signatures


def _font(size: float, bold: bool = False, italic: bool = False, **kw: object) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic, **kw)


@dataclass
class Geometry:
    """The page and the columns a document is laid out on."""

    landscape: bool
    widths: list[float]  # column widths in spreadsheet units
    table_pt: float

    @property
    def orientation(self) -> str:
        return "landscape" if self.landscape else "portrait"

    @property
    def content_height_pt(self) -> float:
        height = PAGE_MM[self.orientation][1] - MARGIN_MM["top"] - MARGIN_MM["bottom"]
        return height * PT_PER_MM

    def span_pt(self, first: int, last: int) -> float:
        """The width of columns ``first``..``last`` (1-based) as Excel shows it, less the
        inner margins: what a wrapped text has."""
        return sum(self.widths[first - 1 : last]) * UNIT_WRAP_PT - CELL_PAD_PT


def content_width_units(landscape: bool) -> float:
    width = PAGE_MM["landscape" if landscape else "portrait"][0]
    usable = (width - MARGIN_MM["left"] - MARGIN_MM["right"]) * PT_PER_MM * WIDTH_SAFETY
    return usable / UNIT_WIDE_PT


def shown(value: object, kind: str) -> str:
    """A value as the document prints it (thousands with ".", decimals with ",")."""
    if value is None or value == "":
        return ""
    if kind in ("int", "money") and isinstance(value, int | float):
        return f"{round(value):,}".replace(",", ".")
    if kind == "decimal" and isinstance(value, int | float):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if kind == "date" and hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _column_minimum(doc: Document, index: int, size: float) -> float:
    """The narrowest a column may be, in units: its widest number, or its longest word."""
    col = doc.columns[index]
    need = longest_word_pt(col.header, size, bold=True)
    for values in _body(doc):
        value = values[index] if index < len(values) else None
        text = shown(value, col.kind)
        if not text:
            continue
        if col.kind in NUMERIC:
            need = max(need, text_pt(text, size) * 1.04)
        else:
            need = max(need, longest_word_pt(text, size) * 1.04)
    return (need + CELL_PAD_PT) / UNIT_NARROW_PT


def fit_columns(doc: Document, landscape: bool, size: float) -> list[float] | None:
    """Column widths filling the page between the margins: number columns as wide as their
    widest figure (and a little air), text columns sharing the rest by their declared
    widths, each at least its longest word; None when the minimums are wider than the
    page."""
    total = content_width_units(landscape)
    minimum = [_column_minimum(doc, i, size) for i in range(len(doc.columns))]
    if sum(minimum) > total + 1e-6:
        return None
    numeric = [c.kind in NUMERIC for c in doc.columns]
    fixed = [m * 1.12 if n else 0.0 for m, n in zip(minimum, numeric, strict=True)]
    rest = total - sum(fixed)
    text = [i for i, n in enumerate(numeric) if not n]
    if not text or rest <= sum(minimum[i] for i in text):
        declared = [max(c.width, 1.0) for c in doc.columns]
        return _spread(declared, minimum, total)
    share = _spread(
        [max(doc.columns[i].width, 1.0) for i in text], [minimum[i] for i in text], rest
    )
    if share is None:
        return None
    widths = list(fixed)
    for i, width in zip(text, share, strict=True):
        widths[i] = width
    return widths


def geometry(doc: Document) -> Geometry:
    """Portrait when the document asks and its table fits, else landscape; the table at
    13 pt, at 12 pt only when 13 does not fit even in landscape."""
    tries = [(doc.landscape, TABLE_PT)]
    if not doc.landscape:
        tries.append((True, TABLE_PT))
    tries.append((True, TABLE_MIN_PT))
    for landscape, size in tries:
        widths = fit_columns(doc, landscape, size)
        if widths is not None:
            minimum = [_column_minimum(doc, i, size) for i in range(len(doc.columns))]
            return Geometry(landscape, _header_split(widths, minimum), size)
    total = content_width_units(True)
    declared = [max(c.width, 1.0) for c in doc.columns]
    return Geometry(True, [w * total / sum(declared) for w in declared], TABLE_MIN_PT)


def _nation_units() -> float:
    """The width the national name needs on one line, in units."""
    return (text_pt(NATIONAL_NAME, HEADER_PT, bold=True) * 1.06 + CELL_PAD_PT) / UNIT_NARROW_PT


def _spread(declared: list[float], minimum: list[float], total: float) -> list[float] | None:
    """``declared`` scaled to ``total``, every width at least its minimum (the short ones
    take from the others' slack); None when the minimums exceed ``total``."""
    if sum(minimum) > total + 1e-6:
        return None
    widths = [w * total / sum(declared) for w in declared]
    for _ in range(len(widths)):
        short = [i for i, w in enumerate(widths) if w < minimum[i] - 1e-6]
        if not short:
            return widths
        deficit = sum(minimum[i] - widths[i] for i in short)
        for i in short:
            widths[i] = minimum[i]
        slack = {i: widths[i] - minimum[i] for i in range(len(widths)) if i not in short}
        room = sum(v for v in slack.values() if v > 0)
        if room <= 0:
            return None
        for i, v in slack.items():
            if v > 0:
                widths[i] -= deficit * v / room
    return widths


def _header_split(widths: list[float], minimum: list[float]) -> list[float]:
    """Widths moved so that a column boundary falls where the header's two blocks meet:
    the issuing body on the left (about 40 % of the width), the national name on one line
    on the right."""
    total = sum(widths)
    if len(widths) < 2:
        return widths
    high = total - _nation_units()
    low = 0.28 * total
    best: tuple[float, int, float] | None = None
    running = 0.0
    for k in range(1, len(widths)):
        running += widths[k - 1]
        lo = max(low, sum(minimum[:k]))
        hi = min(high, total - sum(minimum[k:]))
        if lo > hi:
            continue
        target = min(max(running, lo), hi)
        score = abs(target - 0.4 * total) + abs(target - running)
        if best is None or score < best[0]:
            best = (score, k, target)
    if best is None:
        return widths
    _, k, target = best
    left = _spread(widths[:k], minimum[:k], target)
    right = _spread(widths[k:], minimum[k:], total - target)
    return widths if left is None or right is None else left + right


def _body(doc: Document) -> list[Sequence]:
    return list(doc.rows) + ([doc.total_row] if doc.total_row is not None else [])


# -- the sheet ----------------------------------------------------------------------------------


@dataclass
class _Sheet:
    ws: Worksheet
    geo: Geometry
    ncols: int
    row: int = 1
    heights: dict[int, float] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)  # head, thead, body, total, after, sign

    def text(
        self,
        row: int,
        first: int,
        last: int,
        text: str,
        font: Font,
        horizontal: str = "center",
        vertical: str = "top",
    ) -> float:
        """A text over columns ``first``..``last`` of ``row``; the height it needs."""
        cell = self.ws.cell(row, first, text)
        cell.font = font
        cell.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)
        if last > first:
            self.ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        if not text:
            return 0.0
        lines = wrap_count(text, self.geo.span_pt(first, last), font.sz, bool(font.b))
        return lines * line_pt(font.sz) + ROW_PAD_PT

    def height(self, row: int, points: float, kind: str) -> None:
        self.heights[row] = max(self.heights.get(row, 0.0), points)
        self.kinds[row] = kind


def render_document(ws: Worksheet, doc: Document) -> None:
    geo = geometry(doc)
    ncols = len(doc.columns)
    for i, width in enumerate(geo.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = round(width, 2)
    sheet = _Sheet(ws, geo, ncols)
    _national_header(sheet, doc)
    header_row = _table(sheet, doc)
    _foot(sheet, doc)
    last = sheet.row - 1
    for row, points in sheet.heights.items():
        ws.row_dimensions[row].height = round(max(points, 6.0), 1)
    _page_breaks(ws, sheet, header_row)
    _page_setup(ws, doc, geo, header_row, last)


def _split(geo: Geometry) -> int:
    """The last column of the left block (issuing body, "Số:", "Nơi nhận:"): about 40 % of
    the width, leaving the national name room on one line when the columns allow it."""
    widths = geo.widths
    total = sum(widths)
    nation = _nation_units() * 0.98
    best, best_gap, running = 1, 9.0, 0.0
    for i, width in enumerate(widths[:-1], start=1):
        running += width
        gap = abs(running / total - 0.4) + (0 if total - running >= nation else 1)
        if gap < best_gap:
            best, best_gap = i, gap
    return best


def _rule(sheet: _Sheet, row: int, first: int, last: int, length_pt: float) -> None:
    """A short solid rule, centred over columns ``first``..``last``: underscores in small
    type, as long as ``length_pt``."""
    count = max(3, round(length_pt / (0.5 * RULE_PT)))
    cell = sheet.ws.cell(row, first, "_" * count)
    cell.font = _font(RULE_PT)
    cell.alignment = Alignment(horizontal="center", vertical="top")


def _national_header(sheet: _Sheet, doc: Document) -> None:
    """Issuing body left, national name and motto right, each with its short rule; "Số:"
    and the place and date; the draft mark; title and subtitle; the paragraphs before."""
    ncols = sheet.ncols
    left_last = _split(sheet.geo)
    right_first = min(ncols, left_last + 1)
    body_lines = [line.upper() for line in doc.issuing_body if line] or [""]
    # Two stacks side by side, each item (text or rule) with the height it needs; the rows
    # of the sheet are cut where either stack has a boundary, and each item spans its rows,
    # so a long issuing body that wraps never pushes the motto's rule away from the motto.
    rule_h = RULE_PT * 1.4
    left: list[tuple[str, Font | None, float]] = []
    for i, text in enumerate(body_lines):
        font = _font(HEADER_PT, bold=i == len(body_lines) - 1)
        lines = wrap_count(text, sheet.geo.span_pt(1, left_last), HEADER_PT, bool(font.b))
        left.append((text, font, lines * line_pt(HEADER_PT) + ROW_PAD_PT))
    if body_lines[-1]:
        name = min(text_pt(body_lines[-1], HEADER_PT, True), sheet.geo.span_pt(1, left_last))
        left.append(("rule", None, name * 0.4))
    right: list[tuple[str, Font | None, float]] = []
    for text, size in ((NATIONAL_NAME, HEADER_PT), (NATIONAL_MOTTO, MOTTO_PT)):
        font = _font(size, bold=True)
        lines = wrap_count(text, sheet.geo.span_pt(right_first, ncols), size, True)
        right.append((text, font, lines * line_pt(size) + ROW_PAD_PT))
    right.append(("rule", None, text_pt(NATIONAL_MOTTO, MOTTO_PT, bold=True)))

    def tops(items: list[tuple[str, Font | None, float]]) -> list[float]:
        out, y = [], 0.0
        for _, font, h in items:
            out.append(y)
            y += h if font is not None else rule_h
        return [*out, y]

    left_tops, right_tops = tops(left), tops(right)
    bottom = max(left_tops[-1], right_tops[-1])
    cuts = sorted({round(y, 3) for y in left_tops[:-1] + right_tops[:-1]} | {round(bottom, 3)})
    start = sheet.row
    for k in range(len(cuts) - 1):
        sheet.height(start + k, cuts[k + 1] - cuts[k], "head")

    def place(
        items: list[tuple[str, Font | None, float]], y_tops: list[float], first: int, last: int
    ) -> None:
        for n, ((text, font, length), y0, y1) in enumerate(
            zip(items, y_tops, y_tops[1:], strict=False)
        ):
            r0 = start + cuts.index(round(y0, 3))
            end = round(bottom, 3) if n == len(items) - 1 else round(y1, 3)
            r1 = start + cuts.index(end) - 1
            if font is None:
                _rule(sheet, r0, first, last, length)
            else:
                cell = sheet.ws.cell(r0, first, text)
                cell.font = font
                cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
            if last > first or r1 > r0:
                sheet.ws.merge_cells(
                    start_row=r0, start_column=first, end_row=max(r0, r1), end_column=last
                )

    place(left, left_tops, 1, left_last)
    place(right, right_tops, right_first, ncols)
    rows = len(cuts) - 1
    sheet.row = start + rows
    row = sheet.row
    need = sheet.text(row, right_first, ncols, doc.place_date, _font(BODY_PT, italic=True))
    if doc.number_line:
        need = max(need, sheet.text(row, 1, left_last, doc.number_line, _font(HEADER_PT)))
    sheet.height(row, need, "head")
    sheet.row += 1
    if doc.draft_errors:
        note = draft_note(doc.draft_errors)
        font = _font(TABLE_PT, bold=True, color=DRAFT_RED)
        sheet.height(sheet.row, sheet.text(sheet.row, 1, ncols, note, font), "head")
        sheet.row += 1
    sheet.height(sheet.row, 8.0, "head")  # a little air above the title
    sheet.row += 1
    need = sheet.text(sheet.row, 1, ncols, doc.title, _font(BODY_PT, bold=True))
    sheet.height(sheet.row, need, "head")
    sheet.row += 1
    if doc.subtitle:
        need = sheet.text(sheet.row, 1, ncols, doc.subtitle, _font(BODY_PT, italic=True))
        sheet.height(sheet.row, need, "head")
        sheet.row += 1
    for text in doc.before:
        need = sheet.text(sheet.row, 1, ncols, text, _font(BODY_PT), horizontal="justify")
        sheet.height(sheet.row, need, "head")
        sheet.row += 1
    sheet.height(sheet.row, 6.0, "head")
    sheet.row += 1


def _table(sheet: _Sheet, doc: Document) -> int:
    ws, geo = sheet.ws, sheet.geo
    size = geo.table_pt
    header_row = sheet.row
    need = 0.0
    for i, col in enumerate(doc.columns, start=1):
        cell = ws.cell(header_row, i, col.header)
        cell.font = _font(size, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        lines = wrap_count(col.header, geo.span_pt(i, i), size, bold=True)
        need = max(need, lines * line_pt(size) + ROW_PAD_PT + 2)
    sheet.height(header_row, need, "thead")
    sheet.row += 1
    body = _body(doc)
    fills = {text: PatternFill("solid", start_color=rgb, end_color=rgb) for text, rgb in doc.fills}
    styler = StyleCache()
    total_index = len(body) - 1 if doc.total_row is not None else -1
    for r, values in enumerate(body):
        bold = r in doc.group_rows or r == total_index
        row = sheet.row
        need = line_pt(size) + ROW_PAD_PT
        for i, col in enumerate(doc.columns, start=1):
            value = values[i - 1] if i - 1 < len(values) else None
            cell = put(ws, row, i, value)
            mark = cell.value if isinstance(cell.value, str) and cell.value in fills else None
            extra = {"fill": fills[mark]} if mark is not None else {}
            styler.apply(
                cell,
                (col.kind, bold, mark, size),
                font=_font(size, bold=bold),
                border=BOX,
                alignment=Alignment(
                    horizontal=ALIGN.get(col.kind, "left"), vertical="top", wrap_text=True
                ),
                number_format=FORMATS.get(col.kind, "General"),
                **extra,
            )
            if isinstance(value, str) and value:
                lines = wrap_count(value, geo.span_pt(i, i), size, bold)
                need = max(need, lines * line_pt(size) + ROW_PAD_PT)
        sheet.height(row, need, "total" if r == total_index else "body")
        sheet.row += 1
    return header_row


def _foot(sheet: _Sheet, doc: Document) -> None:
    """The paragraphs after the table, then "Nơi nhận:" and the signatures side by side."""
    ncols = sheet.ncols
    if doc.after:
        sheet.height(sheet.row, 6.0, "after")
        sheet.row += 1
    for text in doc.after:
        need = sheet.text(sheet.row, 1, ncols, text, _font(BODY_PT), horizontal="justify")
        sheet.height(sheet.row, need, "after")
        sheet.row += 1
    if not doc.signatures and not doc.recipients:
        return
    sheet.height(sheet.row, 10.0, "sign")
    sheet.row += 1
    start = sheet.row
    spans = _signature_spans(sheet, doc)
    used = 0
    for sig, (first, last) in zip(doc.signatures, spans, strict=True):
        row = start
        for text in sig.title_lines:
            sheet.height(row, sheet.text(row, first, last, text, _font(BODY_PT, True)), "sign")
            row += 1
        for _ in range(SIGN_SPACE_ROWS):
            sheet.height(row, line_pt(BODY_PT), "sign")
            row += 1
        name = sig.name or BLANK_NAME
        sheet.height(row, sheet.text(row, first, last, name, _font(BODY_PT, True)), "sign")
        used = max(used, row - start + 1)
    if doc.recipients:
        left_last = _split(sheet.geo) if doc.signatures else ncols
        row = start
        font = _font(RECIPIENTS_TITLE_PT, bold=True, italic=True)
        sheet.height(row, sheet.text(row, 1, left_last, "Nơi nhận:", font, "left"), "sign")
        for text in doc.recipients:
            row += 1
            need = sheet.text(row, 1, left_last, text, _font(RECIPIENTS_PT), "left")
            sheet.height(row, need, "sign")
        used = max(used, row - start + 1)
    sheet.row = start + used


def _half(geo: Geometry) -> int:
    """The column boundary nearest the middle of the page."""
    total, running, best, gap = sum(geo.widths), 0.0, 1, None
    for i, width in enumerate(geo.widths[:-1], start=1):
        running += width
        if gap is None or abs(running - total / 2) < gap:
            best, gap = i, abs(running - total / 2)
    return best


def _signature_spans(sheet: _Sheet, doc: Document) -> list[tuple[int, int]]:
    ncols, count = sheet.ncols, len(doc.signatures)
    split = _split(sheet.geo)
    if count == 0:
        return []
    if count == 1:
        return [(min(ncols, split + 1), ncols)]
    if count == 2 and not doc.recipients:
        half = _half(sheet.geo)
        return [(1, half), (min(ncols, half + 1), ncols)]
    width = max(1, ncols // count)
    spans = []
    for i in range(count):
        first = i * width + 1
        last = ncols if i == count - 1 else (i + 1) * width
        spans.append((first, max(first, last)))
    return spans


# -- pages ---------------------------------------------------------------------------------------


def page_starts(
    heights: Sequence[float], kinds: Sequence[str], header: int, room: float
) -> list[int]:
    """The rows (0-based indexes) that begin a new page, beyond the first.

    ``header`` is the index of the table's header row, repeated on every page after the
    first. A page is filled row by row; the signature block is never split; and the page
    with the signatures holds at least the last ``KEEP_WITH_END`` rows of the table (or,
    when the paragraphs after the table fill pages of their own, the last two of them), so
    "Tổng cộng" and the signatures are never alone on a page."""
    n = len(heights)
    repeat = heights[header] if 0 <= header < n else 0.0
    sign = next((i for i in range(n) if kinds[i] == "sign"), n)
    body = [i for i in range(n) if kinds[i] == "body"]
    starts: list[int] = []

    def fill(begin: int, used: float) -> None:
        i = begin
        while i < n:
            if i == sign:  # the signature block as one piece
                block = sum(heights[sign:])
                if used + block > room and used > 0:
                    starts.append(i)
                    used = repeat
                used += block
                break
            if used + heights[i] > room and used > repeat:
                starts.append(i)
                used = repeat
            used += heights[i]
            i += 1

    fill(0, 0.0)
    if sign >= n or not starts:
        return starts
    last_start = max((s for s in starts if s <= sign), default=0)
    if last_start == 0:
        return starts
    previous = max((s for s in starts if s < last_start), default=0)
    content = [i for i in range(last_start, sign) if heights[i] > 8 and kinds[i] != "head"]
    keep = min(KEEP_WITH_END, len(body))
    if sum(kinds[i] == "body" for i in content) >= keep:
        return starts
    moved = None
    if keep and body[-keep] > previous and sum(heights[body[-keep] :]) + repeat <= room:
        moved = body[-keep]  # the last rows of the table come to the signatures' page
    else:  # long paragraphs after the table: the last two of them go with the signatures
        paragraphs = [i for i in range(sign) if kinds[i] == "after" and heights[i] > 8]
        few = sum(kinds[i] == "after" for i in content) < 2
        if few and len(paragraphs) >= 2 and paragraphs[-2] > previous:
            moved = paragraphs[-2]
    if moved is not None:
        starts = [s for s in starts if s < last_start] + [moved]
    return starts


def _page_breaks(ws: Worksheet, sheet: _Sheet, header_row: int) -> None:
    rows = sorted(sheet.heights)
    if not rows:
        return
    first = rows[0]
    heights = [sheet.heights.get(r, 15.0) for r in range(first, rows[-1] + 1)]
    kinds = [sheet.kinds.get(r, "head") for r in range(first, rows[-1] + 1)]
    room = sheet.geo.content_height_pt * HEIGHT_SAFETY
    starts = page_starts(heights, kinds, header_row - first, room)
    ws.row_breaks = RowBreak()
    for start in starts:
        ws.row_breaks.append(Break(id=first + start - 1))  # a break after the row above


def _page_setup(
    ws: Worksheet, doc: Document, geo: Geometry, header_row: int, last_row: int
) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = geo.orientation
    ws.page_setup.scale = 100
    ws.page_setup.fitToWidth = 0
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.print_options.horizontalCentered = False
    inch = 25.4
    ws.page_margins.left = MARGIN_MM["left"] / inch
    ws.page_margins.right = MARGIN_MM["right"] / inch
    ws.page_margins.top = MARGIN_MM["top"] / inch
    ws.page_margins.bottom = MARGIN_MM["bottom"] / inch
    ws.page_margins.header = ws.page_margins.footer = HEADER_FOOTER_MM / inch
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{get_column_letter(len(doc.columns))}{max(last_row, header_row)}"
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT
    ws.oddFooter.center.size = 12
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
