"""Cells that hold a formula whose value was never saved.

Excel and LibreOffice store each formula's last result beside it, and that result is what
python-calamine reads. A program that writes workbooks without calculating them (openpyxl,
many exporters) stores ``=A1&"x"`` with no result: calamine (0.9, which exposes no
formulas) reads such a cell as empty. These functions find those cells in the file's own
XML, so the consolidation can say what they are instead of "not filled in".

- .xlsx / .xlsm: the sheet part's ``<c>`` elements with an ``<f>`` and no ``<v>``, or an
  empty ``<v>`` that is not a text result (``t="str"`` with an empty ``<v>`` is a formula
  whose result is the empty text: a stored value).
- .ods: ``table:table-cell`` elements with a ``table:formula`` and no ``office:value-type``.
- .xls: every BIFF formula record carries its cached result, so there is nothing to find;
  .xlsb is not looked into.

Only called on demand (``commune_reader.check_submission``), on bytes the reader has
already checked (size, zip bomb), and never raising: a part it cannot make sense of gives
no cells.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from itertools import islice, product
from xml.etree import ElementTree

Cell = tuple[int, int]  # (row, column), 0-based

_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")  # not <formula1> of a validation
_TOKEN = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c|f|v|is)(?=[\s/>])([^>]*)>")
_ATTR_R = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)(\d*)["']""")
_ATTR_T = re.compile(rb"""(?:^|\s)t\s*=\s*["']([^"']*)["']""")
_RELATIONSHIPS = "relationships"  # the end of the r: namespace (transitional or strict)
_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_MAX_CELLS = 20_000  # far more than a registration table has: a crafted file stops here


def unsaved_formula_cells(data: bytes, kind: str, sheet: str) -> set[Cell]:
    """The cells of ``sheet`` holding a formula without a stored value; ``kind`` is what the
    reader sniffed ('ooxml', 'ods', 'xls')."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if kind == "ooxml":
            part = _ooxml_sheet_part(archive, sheet)
            return set() if part is None else _ooxml_unsaved(archive.read(part))
        if kind == "ods":
            return _ods_unsaved(archive.read("content.xml"), sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ElementTree.ParseError):
        pass
    return set()


# -- .xlsx / .xlsm ------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ooxml_sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The archive member of the sheet named ``sheet``, through the workbook's relations."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rel_id = None
    for element in workbook.iter():
        if _local(element.tag) == "sheet" and element.get("name") == sheet:
            rel_id = next(
                (v for k, v in element.attrib.items() if k.endswith(f"{_RELATIONSHIPS}}}id")),
                None,
            )
            break
    if rel_id is None:
        return None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for element in rels.iter():
        if _local(element.tag) == "Relationship" and element.get("Id") == rel_id:
            target = element.get("Target", "")
            if target.startswith("/"):
                return target[1:]
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number - 1


def _ooxml_unsaved(xml: bytes) -> set[Cell]:
    """Walks the sheet's row, cell, formula and value tags (a regular expression over the
    bytes: fast, and indifferent to namespace prefixes); a cell or row without its ``r``
    attribute follows the previous one, as the format allows."""
    found: set[Cell] = set()
    if _FORMULA_TAG.search(xml) is None:
        return found
    row = col = -1
    cell: Cell | None = None
    kind = b""
    has_formula = False
    value: bytes | None = None
    for match in _TOKEN.finditer(xml):
        closing, tag, attrs = match.groups()
        if tag == b"row":
            if not closing:
                ref = _ATTR_R.search(attrs)
                row = int(ref.group(2)) - 1 if ref and ref.group(2) else row + 1
                col = -1
        elif tag == b"c":
            if closing:
                saved = value is not None and (value != b"" or kind == b"str")
                if cell is not None and has_formula and not saved:
                    found.add(cell)
                    if len(found) >= _MAX_CELLS:
                        break
                cell = None
                continue
            ref = _ATTR_R.search(attrs)
            if ref and ref.group(1):
                col = _column(ref.group(1))
                if ref.group(2):
                    row = int(ref.group(2)) - 1
            else:
                col += 1
            typed = _ATTR_T.search(attrs)
            kind = typed.group(1) if typed else b""
            has_formula, value = False, None
            cell = None if attrs.endswith(b"/") else (row, col)
        elif cell is None or closing:
            continue
        elif tag == b"f":
            has_formula = True
        elif tag == b"v":
            if attrs.endswith(b"/"):
                value = b""
            else:
                end = xml.find(b"<", match.end())
                value = xml[match.end() : end].strip() if end >= 0 else b""
        else:  # <is>: an inline text is a stored value
            value = b"is"
    return found


# -- .ods ---------------------------------------------------------------------------------


def _ods_unsaved(xml: bytes, sheet: str) -> set[Cell]:
    found: set[Cell] = set()
    if b"formula" not in xml:
        return found
    table, row_tag = f"{{{_ODS_TABLE}}}table", f"{{{_ODS_TABLE}}}table-row"
    cells = {f"{{{_ODS_TABLE}}}table-cell", f"{{{_ODS_TABLE}}}covered-table-cell"}
    formula, value_type = f"{{{_ODS_TABLE}}}formula", f"{{{_ODS_OFFICE}}}value-type"
    rows_repeated = f"{{{_ODS_TABLE}}}number-rows-repeated"
    cols_repeated = f"{{{_ODS_TABLE}}}number-columns-repeated"
    inside = False
    depth = 0  # tables nested in the sheet's cells are not the sheet's
    row = col = 0
    repeat_rows = 1
    for event, element in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = element.tag
        if tag == table:
            if event == "start":
                if inside:
                    depth += 1
                elif element.get(f"{{{_ODS_TABLE}}}name") == sheet:
                    inside, row = True, 0
            elif inside:
                if depth:
                    depth -= 1
                else:
                    break
            continue
        if not inside or depth:
            continue
        if tag == row_tag:
            if event == "start":
                col = 0
                repeat_rows = int(element.get(rows_repeated, "1"))
            else:
                row += int(element.get(rows_repeated, "1"))
                element.clear()
        elif tag in cells and event == "end":
            repeat_cols = int(element.get(cols_repeated, "1"))
            if element.get(formula) is not None and element.get(value_type) is None:
                rows, cols = range(row, row + repeat_rows), range(col, col + repeat_cols)
                found.update(islice(product(rows, cols), _MAX_CELLS - len(found)))
                if len(found) >= _MAX_CELLS:
                    break
            col += repeat_cols
    return found
