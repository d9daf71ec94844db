"""Opening a master whose tables already hold many rows, without openpyxl cells for them.

openpyxl parses every cell into a Python object (about a second and a half for the
6,000-row Đăng ký table). Here the data rows of each large table of the layout are cut
out of their sheet part before openpyxl loads the package, and kept as ``HeldRows``: the
values openpyxl's reader would have given (texts, numbers, booleans, dates from date
styles) with each cell's style. The rest of the package, and every other cell of those
sheets (a note beside the table, the header, row heights), loads through openpyxl as usual.
At save the rows are written back by fast_sheet, as if they had been written this session.

Only the plainest cells are taken: a cell reference, a style, a type among number, shared
or inline text, boolean; a value or an inline text without rich runs. A formula, an error
value, rich text, a comment, a hyperlink or merged cells in the sheet, a namespace prefix,
anything else unexpected: the sheet is loaded by openpyxl alone, as before.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.workbook.workbook import Workbook as OpenpyxlBook

from ocop_xl.workbook import fast_sheet, formula_values
from ocop_xl.workbook.fast_sheet import HeldRows
from ocop_xl.workbook.layout.spec import Layout
from ocop_xl.workbook.openpyxl_compat import (
    SUPPORTED_FORMATS,
    StyleArray,
    date_style_ids,
    fast_paths,
    read_package,
    style_arrays,
    timedelta_style_ids,
)

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Below this size a sheet part is left to openpyxl: there is nothing to win.
MIN_PART_BYTES = 16 * 1024


class Unsupported(Exception):
    """Something this reader does not take; openpyxl loads the file instead."""


@dataclass
class _Region:
    """One table's data rows in a sheet part, as found in the XML."""

    table: str
    top: int
    bottom: int
    left: int
    right: int
    cells: list[tuple[int, int, tuple[bytes, ...]]] = field(default_factory=list)
    # (row, column, the groups of _CELL) as found in the XML


def load(
    path: Path, *, keep_vba: bool, layout: Layout
) -> tuple[OpenpyxlBook, dict[str, HeldRows], dict[str, dict]]:
    """The workbook, the rows of its large layout tables held out of it, and the values
    its formula cells were saved with ({sheet: {(row, column): value}}, which openpyxl
    does not keep; see formula_values)."""
    if path.suffix.lower() not in SUPPORTED_FORMATS:
        return load_workbook(path, keep_vba=keep_vba), {}, {}  # openpyxl says what is wrong
    data = path.read_bytes()
    stored = _stored(data)
    if not fast_paths():  # OCOP_XL_FAST=0: openpyxl loads every cell
        return load_workbook(BytesIO(data), keep_vba=keep_vba), {}, stored
    try:
        stripped, regions = _cut(data, layout)
    except Exception:  # a damaged or unusual package: openpyxl reads it (or says why not)
        stripped, regions = None, {}
    if stripped is None:
        return load_workbook(BytesIO(data), keep_vba=keep_vba), {}, stored
    try:
        book, strings = read_package(BytesIO(stripped), keep_vba=keep_vba)
        held = {
            region.table: _held(book, sheet, region, strings)
            for sheet, found in regions.items()
            for region in found
        }
    except Exception:  # whatever went wrong here, openpyxl alone reads the file as before
        return load_workbook(BytesIO(data), keep_vba=keep_vba), {}, stored
    return book, held, stored


def _stored(data: bytes) -> dict[str, dict]:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        return formula_values.stored_values(archive, _sheet_parts(archive))
    except Exception:  # a package openpyxl will refuse (or read) on its own terms
        return {}


# -- finding the tables ----------------------------------------------------------------------


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    return ElementTree.fromstring(archive.read(name))


def _rels(archive: zipfile.ZipFile, part: str) -> list[tuple[str, str, str]]:
    """(id, type, target part) of a part's relationships."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in archive.NameToInfo:
        return []
    found = []
    for rel in _xml(archive, rels_name).iter(f"{{{PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found.append((rel.get("Id", ""), rel.get("Type", ""), posixpath.normpath(resolved)))
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> its part, from the workbook part."""
    workbook = next(
        (target for _, kind, target in _rels(archive, "") if kind.endswith("/officeDocument")),
        None,
    )
    if workbook is None:
        raise Unsupported("no workbook part")
    targets = {rid: target for rid, _, target in _rels(archive, workbook)}
    sheets = {}
    for sheet in _xml(archive, workbook).iter(f"{{{MAIN_NS}}}sheet"):
        rid = sheet.get(f"{{{REL_NS}}}id")
        if rid in targets:
            sheets[sheet.get("name", "")] = targets[rid]
    return sheets


def _cut(data: bytes, layout: Layout) -> tuple[bytes | None, dict[str, list[_Region]]]:
    """The package with the large tables' data cells taken out of their sheets."""
    archive = zipfile.ZipFile(BytesIO(data))
    sheets = _sheet_parts(archive)
    wanted: dict[str, list[str]] = {}
    for spec in layout.tables():
        part = sheets.get(spec.sheet)
        if part and archive.getinfo(part).file_size >= MIN_PART_BYTES:
            wanted.setdefault(spec.sheet, []).append(spec.table)
    if not wanted:
        return None, {}
    changed: dict[str, bytes] = {}
    regions: dict[str, list[_Region]] = {}
    for sheet, tables in wanted.items():
        part = sheets[sheet]
        rels = _rels(archive, part)
        if any(kind.endswith(("/comments", "/threadedComment")) for _, kind, _ in rels):
            continue  # notes are bound to cells by openpyxl
        found = []
        for _, kind, target in rels:
            if not kind.endswith("/table"):
                continue
            table = _xml(archive, target)
            name = table.get("displayName") or table.get("name")
            if name not in tables or table.get("totalsRowCount", "0") not in ("", "0"):
                continue
            if table.get("headerRowCount", "1") != "1":
                continue
            left, header, right, bottom = range_boundaries(table.get("ref", ""))
            if (bottom - header) * (right - left + 1) >= fast_sheet.FAST_MIN_CELLS:
                found.append(_Region(name, header + 1, bottom, left, right))
        if not found:
            continue
        try:
            changed[part] = _cut_sheet(archive.read(part), found)
        except Unsupported:
            continue
        regions[sheet] = found
    if not changed:
        return None, {}
    out = BytesIO()
    # Stored, not compressed: openpyxl reads it at once from memory.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED, allowZip64=True) as copy:
        for info in archive.infolist():
            content = changed.get(info.filename)
            copy.writestr(info.filename, archive.read(info) if content is None else content)
    return out.getvalue(), regions


# -- taking the cells out of a sheet part ------------------------------------------------------

_ROW = re.compile(rb"<row\b([^>]*?)(/?)>")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
# The cells Excel, LibreOffice and openpyxl write, whole: r, then s and t if present; no
# content, a value, or an inline text without rich runs. Anything else is not taken.
_CELL = re.compile(
    rb'(<c r="([A-Z]{1,3})(\d+)"(?: s="(\d+)")?(?: t="(n|s|b|str|inlineStr|d|e)")?'
    rb"(?: ?/>|>(?:<v>([^<]*)</v>|<v ?/>|(<is>)<t(?: xml:space=\"preserve\")?>([^<]*)</t></is>"
    rb"|(<is ?/>|<is></is>|<is><t ?/></is>))?</c>))"
)


def _cut_sheet(xml: bytes, regions: list[_Region]) -> bytes:
    head = xml[: xml.find(b">", xml.find(b"<worksheet")) + 1]
    if b"<worksheet" not in head or f'xmlns="{MAIN_NS}"'.encode() not in head:
        raise Unsupported("not the usual worksheet namespace")
    start, end = xml.find(b"<sheetData>"), xml.find(b"</sheetData>")
    if start < 0 or end < start or xml.count(b"<sheetData") != 1:
        raise Unsupported("no sheetData, or an empty one")
    data = xml[start + len(b"<sheetData>") : end]
    if b"<!" in data or b"<?" in data:
        raise Unsupported("comments, CDATA or instructions in sheetData")
    tail = xml[end:]
    if b"<hyperlinks" in tail or b"<mergeCells" in tail:
        raise Unsupported("hyperlinks or merged cells")
    columns: dict[bytes, int] = {}
    out = []
    pos = 0
    while True:
        row_start = _ROW.search(data, pos)
        if row_start is None:
            if data[pos:].strip():
                raise Unsupported("unexpected content in sheetData")
            break
        if data[pos : row_start.start()].strip():
            raise Unsupported("unexpected content in sheetData")
        number = _ROW_NUMBER.search(row_start.group(1))
        if number is None:
            raise Unsupported("a row without its number")
        row, row_text = int(number.group(1)), number.group(1)
        if row_start.group(2):  # <row .../>
            out.append(row_start.group(0))
            pos = row_start.end()
            continue
        row_end = data.find(b"</row>", row_start.end())
        if row_end < 0:
            raise Unsupported("unterminated row")
        content = data[row_start.end() : row_end]
        pos = row_end + len(b"</row>")
        inside = [r for r in regions if r.top <= row <= r.bottom]
        if not inside:
            out.append(data[row_start.start() : pos])
            continue
        cells = _CELL.findall(content)
        if sum(len(c[0]) for c in cells) != len(content):
            raise Unsupported("a cell of another form in a region row")
        kept = []
        for cell in cells:
            letters = cell[1]
            col = columns.get(letters)
            if col is None:
                col = columns[letters] = column_index_from_string(letters.decode())
            if cell[2] != row_text and int(cell[2]) != row:
                raise Unsupported("a cell outside its row")
            for region in inside:
                if region.left <= col <= region.right:
                    region.cells.append((row, col, cell))
                    break
            else:
                kept.append(cell[0])
        out.append(b"<row" + row_start.group(1) + b">" + b"".join(kept) + b"</row>")
    return xml[:start] + b"<sheetData>" + b"".join(out) + tail


# -- values as openpyxl's reader gives them ----------------------------------------------------

_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _entity(m: re.Match) -> str:
    if m.group(3):
        return _NAMED[m.group(3)]
    return chr(int(m.group(1), 16) if m.group(1) else int(m.group(2)))


def _text(raw: bytes) -> str:
    """XML character data: line ends normalised as a parser does, references resolved."""
    text = raw.decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        resolved = _ENTITY.sub(_entity, text)
        if "&" in _ENTITY.sub("", text):
            raise Unsupported("an entity XML does not define")
        text = resolved
    return text


def _number(text: str) -> int | float:
    text = text.strip()
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _held(book: OpenpyxlBook, sheet: str, region: _Region, strings: Sequence[str]) -> HeldRows:
    height, width = region.bottom - region.top + 1, region.right - region.left + 1
    columns: list[list[Any]] = [[None] * height for _ in range(width)]
    styles: list[list[int]] = [[0] * height for _ in range(width)]
    dates, spans, epoch = date_style_ids(book), timedelta_style_ids(book), book.epoch
    for row, col, (_, _, _, style_text, kind_text, v, inline, inline_text, empty) in region.cells:
        i, j = row - region.top, col - region.left
        style = int(style_text) if style_text else 0
        styles[j][i] = style
        kind = kind_text or b"n"
        if kind == b"inlineStr":
            if v:
                raise Unsupported("a value in an inline text cell")
            if inline or empty:  # <is>: a text, maybe empty; none: no value
                columns[j][i] = _text(inline_text)
            continue
        if inline or empty:
            raise Unsupported("an inline text in a cell of another type")
        text = _text(v)
        if not text:
            continue  # <v></v> or no value, as openpyxl reads it
        if kind == b"n":
            value: Any = _number(text)
            if style in dates:
                value = from_excel(value, epoch, timedelta=style in spans)
        elif kind == b"s":
            value = strings[int(text)]
        elif kind == b"b":
            value = bool(int(text))
        elif kind == b"str":
            value = text
        elif kind == b"d":
            value = from_ISO8601(text)
        else:
            raise Unsupported(f"cell type {kind!r}")
        columns[j][i] = value
    if not fast_sheet.representable(columns):
        raise Unsupported("a value the fast save does not write")
    arrays = style_arrays(book)
    column_styles: list[StyleArray | None] = []
    cell_styles: dict[tuple[int, int], StyleArray] = {}
    for j, ids in enumerate(styles):
        common = Counter(ids).most_common(1)[0][0]
        array = arrays[common]
        column_styles.append(StyleArray(array) if any(array) else None)
        for i, sid in enumerate(ids):
            if sid != common:
                cell_styles[(i, j)] = StyleArray(arrays[sid])
    return HeldRows(book[sheet], region.top, region.left, columns, column_styles, cell_styles)
