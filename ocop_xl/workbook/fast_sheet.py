"""Large tables saved without openpyxl cells.

openpyxl builds one Python object per cell and serialises each one through et_xmlfile; for
the Đăng ký table at 6,000 rows that was most of a consolidation. Here a large table's data
rows are held as plain columns of values (``HeldRows``). At save time openpyxl writes the
package with those rows absent; then the sheet part's ``<sheetData>`` receives the rows
generated here (inline strings, numbers, booleans, dates as serials with their style), its
``<dimension>`` is corrected, and every other part of the package is copied unchanged.

The cells generated are the ones openpyxl would write for the same values and styles
(tests compare both paths). What cannot be represented this way (a comment, hyperlink,
formula or merged range in the table, an unusual value type) never gets here: the writer
in ``table/write.py`` falls back to openpyxl cells.
"""

from __future__ import annotations

import itertools
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.workbook import Workbook as OpenpyxlBook
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.workbook.openpyxl_compat import StyleArray, add_cell_style, safe_string

# Below this many cells a table is written with openpyxl cells: the fast path's fixed cost
# (re-packing the file once) is then about what the cells cost.
FAST_MIN_CELLS = 2000
# The value types held rows can carry (exact types: subclasses go the openpyxl way).
FAST_TYPES = frozenset({str, int, float, bool, datetime, date, type(None)})
# Compression of the generated sheet parts: level 1 is several times faster than zlib's
# default and the part stays small next to the same data as openpyxl cells.
SHEET_COMPRESSLEVEL = 1
MAX_EXACT = 10**15  # whole numbers below this print the same with str() and "%.16g"


@dataclass(eq=False)
class HeldRows:
    """A table's data rows held as columns of Excel-ready values (what openpyxl cells
    would hold), with the style of each column and the cells whose style differs."""

    ws: Worksheet
    top: int  # first data row
    left: int  # first column
    columns: list[list[Any]]
    column_styles: list[StyleArray | None]
    cell_styles: dict[tuple[int, int], StyleArray] = field(default_factory=dict)  # (i, j)

    @property
    def height(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    @property
    def width(self) -> int:
        return len(self.columns)

    @property
    def bottom(self) -> int:
        return self.top + self.height - 1

    @property
    def right(self) -> int:
        return self.left + self.width - 1

    def contains(self, row: int, col: int) -> bool:
        return self.top <= row <= self.bottom and self.left <= col <= self.right

    def value(self, row: int, col: int) -> Any:
        if not self.contains(row, col):
            return None
        return self.columns[col - self.left][row - self.top]

    def style(self, row: int, col: int) -> StyleArray | None:
        if not self.contains(row, col):
            return None
        i, j = row - self.top, col - self.left
        return self.cell_styles.get((i, j), self.column_styles[j])

    def rows(self) -> Iterator[tuple[Any, ...]]:
        return zip(*self.columns, strict=True)

    def cells(self) -> Iterator[tuple[int, int, Any, StyleArray | None]]:
        """Every position: (row, column, value, style)."""
        for j, values in enumerate(self.columns):
            col = self.left + j
            for i, value in enumerate(values):
                yield self.top + i, col, value, self.style(self.top + i, col)


def representable(columns: Iterable[list[Any]]) -> bool:
    """True when every value can be written here exactly as openpyxl would write it."""
    for values in columns:
        types = set(map(type, values))
        if not types <= FAST_TYPES:
            return False
        if float in types and any(type(v) is float and not math.isfinite(v) for v in values):
            return False  # openpyxl writes an empty <v> for these
        if str in types:
            try:  # a lone surrogate cannot be written as UTF-8
                "\n".join(v for v in values if type(v) is str).encode("utf-8")
            except UnicodeEncodeError:
                return False
        if datetime in types and any(type(v) is datetime and v.tzinfo for v in values):
            return False  # openpyxl refuses these; let it say so
    return True


# -- generating <sheetData> rows -------------------------------------------------------------


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _cell(ref: str, style: str, value: Any, epoch: datetime) -> str:
    """One <c> element as openpyxl writes it, to the byte (an empty cell too: ``t="n" />``);
    ``style`` is '' or ' s="N"'."""
    kind = type(value)
    if kind is str:
        if not value:
            return f'<c r="{ref}"{style} t="inlineStr" />'
        # openpyxl marks surrounding spaces to keep, but not a text of spaces only
        edged = (value[0].isspace() or value[-1].isspace()) and not value.isspace()
        space = ' xml:space="preserve"' if edged else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
    if value is None:
        return f'<c r="{ref}"{style} t="n" />' if style else ""
    if kind is bool:
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if kind is int or kind is float:
        return f'<c r="{ref}"{style} t="n"><v>{safe_string(value)}</v></c>'
    # a date or datetime: a serial number with a date style
    return f'<c r="{ref}"{style} t="n"><v>{safe_string(to_excel(value, epoch))}</v></c>'


def _style_attr(style_id: int | None) -> str:
    return f' s="{style_id}"' if style_id is not None else ""


def _column_cells(
    values: list[Any], letter: str, top: int, style: str, epoch: datetime
) -> list[str]:
    """The <c> elements of one column, one string per row ('' for no cell)."""
    if set(map(type, values)) <= {str, type(None)} and "" not in values:
        # A column of texts (and blanks): escaped all at once, one format per cell.
        texts = [v for v in values if v is not None]
        joined = "\x00".join(texts)
        if joined.count("\x00") == len(texts) - 1 and list(map(str.strip, texts)) == texts:
            escaped = iter(_escape(joined).split("\x00") if texts else ())
            head = f'"{style} t="inlineStr"><is><t>'
            blank = f'"{style} t="n" />' if style else None
            return [
                f'<c r="{letter}{r}{head}{next(escaped)}</t></is></c>'
                if v is not None
                else (f'<c r="{letter}{r}{blank}' if blank else "")
                for r, v in enumerate(values, top)
            ]
    elif set(map(type, values)) <= {int, type(None)} and all(
        v is None or -MAX_EXACT < v < MAX_EXACT for v in values
    ):
        # Whole numbers (row numbers, counts): str() is what "%.16g" gives them.
        return [
            f'<c r="{letter}{r}"{style} t="n"><v>{v}</v></c>'
            if v is not None
            else (f'<c r="{letter}{r}"{style} t="n" />' if style else "")
            for r, v in enumerate(values, top)
        ]
    return [_cell(f"{letter}{r}", style, value, epoch) for r, value in enumerate(values, top)]


def _cells_by_column(
    block: HeldRows, style_ids: dict[tuple[int, ...], int], epoch: datetime
) -> list[list[str]]:
    columns = []
    for j, values in enumerate(block.columns):
        letter = get_column_letter(block.left + j)
        default = block.column_styles[j]
        style = _style_attr(style_ids[tuple(default)] if default is not None else None)
        columns.append(_column_cells(values, letter, block.top, style, epoch))
    for (i, j), array in block.cell_styles.items():
        style = _style_attr(style_ids[tuple(array)] if any(array) else None)
        ref = f"{get_column_letter(block.left + j)}{block.top + i}"
        columns[j][i] = _cell(ref, style, block.columns[j][i], epoch)
    return columns


def row_cells(block: HeldRows, style_ids: dict[tuple[int, ...], int], epoch: datetime) -> list[str]:
    """The <c> elements of each held row, one string per row."""
    return [
        "".join(cells) for cells in zip(*_cells_by_column(block, style_ids, epoch), strict=True)
    ]


def _block_rows(block: HeldRows, style_ids: dict[tuple[int, ...], int], epoch: datetime) -> str:
    """The held rows as <row> elements, joined at once."""
    opens = [f'<row r="{r}">' for r in range(block.top, block.bottom + 1)]
    closes = ["</row>"] * block.height
    columns = _cells_by_column(block, style_ids, epoch)
    return "".join(itertools.chain.from_iterable(zip(opens, *columns, closes, strict=True)))


def register_styles(book: OpenpyxlBook, blocks: Iterable[HeldRows]) -> dict[tuple[int, ...], int]:
    """Give every style the held rows use an id in the workbook's cell-style list (the
    list openpyxl writes as <cellXfs>; it only grows, so ids stay valid for the save)."""
    ids: dict[tuple[int, ...], int] = {}
    for block in blocks:
        for array in [*block.column_styles, *block.cell_styles.values()]:
            if array is not None and any(array) and tuple(array) not in ids:
                ids[tuple(array)] = add_cell_style(book, array)
    return ids


# -- splicing the rows into the sheet part ---------------------------------------------------

_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>(.*?)</sheetData>", re.S)
_ROW = re.compile(r'<row r="(\d+)"([^>]*?)(/?)>')
_CELL_START = re.compile(r'<c r="([A-Z]+)\d+"')
_DIMENSION = re.compile(rb'<dimension ref="([^"]*)"\s*/>')


def _existing_rows(data: str) -> dict[int, tuple[str, str]]:
    """openpyxl's rows: number -> (attributes, cells)."""
    rows: dict[int, tuple[str, str]] = {}
    pos = 0
    while True:
        m = _ROW.search(data, pos)
        if m is None:
            return rows
        if m.group(3):  # <row .../>
            rows[int(m.group(1))] = (m.group(2), "")
            pos = m.end()
        else:
            end = data.index("</row>", m.end())
            rows[int(m.group(1))] = (m.group(2), data[m.end() : end])
            pos = end + len("</row>")


def _merge_cells(pieces: list[tuple[int, str]]) -> str:
    """Cells of one row from openpyxl (col 0: split here) and from held rows, in column
    order. No two pieces overlap: held regions hold no openpyxl cell (``settle``)."""
    chunks: list[tuple[int, str]] = []
    for left, cells in pieces:
        if left:
            chunks.append((left, cells))
            continue
        starts = list(_CELL_START.finditer(cells))
        for k, m in enumerate(starts):
            end = starts[k + 1].start() if k + 1 < len(starts) else len(cells)
            chunks.append((column_index_from_string(m.group(1)), cells[m.start() : end]))
    chunks.sort(key=lambda c: c[0])
    return "".join(c for _, c in chunks)


def splice_rows(
    xml: bytes, blocks: list[HeldRows], style_ids: dict[tuple[int, ...], int], epoch: datetime
) -> list[bytes]:
    """The sheet part with the held rows written into its <sheetData> and <dimension>, as
    pieces to write one after the other."""
    found = _SHEET_DATA.search(xml)
    if found is None:
        raise ValueError("sheet part without <sheetData>")
    existing = _existing_rows((found.group(1) or b"").decode("utf-8"))
    spans = sorted((b.top, b.bottom) for b in blocks if b.height)
    apart = all(a[1] < b[0] for a, b in itertools.pairwise(spans)) and not any(
        top <= r <= bottom for r in existing for top, bottom in spans
    )
    if apart:
        # The usual case: whole rows of their own for each block, openpyxl's rows around.
        segments = [(r, _row(r, attrs, cells)) for r, (attrs, cells) in existing.items()]
        segments += [(b.top, _block_rows(b, style_ids, epoch)) for b in blocks if b.height]
        segments.sort(key=lambda s: s[0])
        body = "".join(text for _, text in segments)
    else:
        pieces: dict[int, list[tuple[int, str]]] = {r: [(0, c)] for r, (_, c) in existing.items()}
        for block in blocks:
            for r, cells in enumerate(row_cells(block, style_ids, epoch), block.top):
                pieces.setdefault(r, []).append((block.left, cells))
        body = "".join(
            _row(r, existing[r][0] if r in existing else "", _merge_cells(pieces[r]))
            for r in sorted(pieces)
        )
    head = _fix_dimension(xml[: found.start()], blocks)
    return [head, b"<sheetData>", body.encode("utf-8"), b"</sheetData>", xml[found.end() :]]


def _row(r: int, attrs: str, cells: str) -> str:
    return f'<row r="{r}"{attrs}>{cells}</row>' if cells else f'<row r="{r}"{attrs}/>'


def _fix_dimension(xml: bytes, blocks: list[HeldRows]) -> bytes:
    found = _DIMENSION.search(xml)
    if found is None:
        return xml
    min_col, min_row, max_col, max_row = range_boundaries(found.group(1).decode())
    for block in blocks:
        if block.height:
            min_col, min_row = min(min_col, block.left), min(min_row, block.top)
            max_col, max_row = max(max_col, block.right), max(max_row, block.bottom)
    ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
    # written as openpyxl writes it, so both paths give the same bytes
    return xml[: found.start()] + f'<dimension ref="{ref}" />'.encode() + xml[found.end() :]


# -- the package -----------------------------------------------------------------------------


def repack(path: Path, parts: dict[str, Any]) -> None:
    """Rewrite the zip at ``path`` with ``parts`` (name -> function(bytes) -> pieces of
    bytes) replaced; every other part is copied unchanged, in the same order."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    missing = parts.keys() - {info.filename for info, _ in entries}
    if missing:
        raise ValueError(f"parts missing from the package: {sorted(missing)}")
    with zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=SHEET_COMPRESSLEVEL
    ) as target:
        for info, data in entries:
            change = parts.get(info.filename)
            if change is None:
                target.writestr(info, data)
                continue
            # Opened by name, the part gets the archive's compression level.
            with target.open(info.filename, "w", force_zip64=True) as part:
                for piece in change(data):
                    part.write(piece)
