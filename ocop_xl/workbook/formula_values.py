"""The values of the formulas the staff type into the master.

openpyxl keeps a formula's text but drops the value Excel saved with it, and writes none
back: read through openpyxl alone, a formula cell is blank, and after one save through
openpyxl it is blank for every later reader. So the values Excel (or LibreOffice) stored
are read from the package when the master is opened (``stored_values``), kept for the
session, and written back at save (``inject_values``), so a master saved by ocop_xl reads
like one saved by Excel.

A stored value is the truth while nothing it depends on changes. When an action writes a
cell a formula depends on (directly or through other formulas), or a formula has no stored
value at all (a file last written by a program that does not calculate), the formula is
computed with the ``formulas`` library from the cells as they are now. Where neither gives
a value, the cell reads as ``NO_VALUE`` and the caller reports it with its cell: a value
is never silently blank. Saved masters also ask Excel to recalculate on open.

Structured references (``tblKinhPhi[[#This Row],[Thành tiền]]``, the form Excel saves) are
turned into cell ranges from the tables' current places before a formula is computed.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np
from openpyxl.formula.translate import Translator, TranslatorError
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel, to_excel
from openpyxl.workbook.workbook import Workbook as OpenpyxlBook
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.workbook.openpyxl_compat import sheet_cells

NO_VALUE: Any = type("NoValue", (), {"__repr__": lambda self: "NO_VALUE"})()

Box = tuple[int, int, int, int]  # first row, first column, last row, last column
MAX_ROW, MAX_COL = 1_048_576, 16_384
# Formulas are compiled once per shape: each is moved to this cell first, so the formula of
# every row of a column ("=E2*F2", "=E3*F3"…) becomes one text.
_CANON = "ZZ100000"
_CANON_ROW, _CANON_COL = 100_000, column_index_from_string("ZZ")


def formula_text(value: Any) -> str | None:
    """The formula of a cell value as openpyxl holds it ('=…' or an array formula)."""
    if isinstance(value, ArrayFormula):
        return value.text if isinstance(value.text, str) else None
    if isinstance(value, str) and value.startswith("=") and len(value) > 1:
        return value
    return None


# -- the values stored in the package ------------------------------------------------------------

_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]+)"([^>]*)>(?:<f[^>]*/>|<f[^>]*>.*?</f>)(?:<v>(.*?)</v>|<v ?/>)?',
    re.S,
)
_TYPE = re.compile(rb'\st="([a-zA-Z]+)"')
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        if m.group(3):
            return _NAMED[m.group(3)]
        return chr(int(m.group(1), 16) if m.group(1) else int(m.group(2)))

    return _ENTITY.sub(one, text) if "&" in text else text


def _raw_value(kind: bytes, text: bytes | None) -> Any:
    if text is None or text == b"":
        return NO_VALUE
    value = _unescape(text.decode("utf-8"))
    if kind in (b"str", b"inlineStr", b"e"):
        return value
    if kind == b"b":
        return value.strip() in ("1", "true", "TRUE")
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() and "." not in value and "E" not in value else number


def stored_values(archive: zipfile.ZipFile, parts: dict[str, str]) -> dict[str, dict]:
    """{sheet title: {(row, column): value}} of every formula cell that has a stored value
    (numbers, texts, booleans, error texts such as '#DIV/0!'; dates stay serial numbers)."""
    found: dict[str, dict[tuple[int, int], Any]] = {}
    for title, part in parts.items():
        try:
            xml = archive.read(part)
        except KeyError:
            continue
        if b"<f" not in xml:
            continue
        cells: dict[tuple[int, int], Any] = {}
        for m in _FORMULA_CELL.finditer(xml):
            kind = _TYPE.search(m.group(3))
            value = _raw_value(kind.group(1) if kind else b"n", m.group(4))
            if value is not NO_VALUE:
                cells[(int(m.group(2)), column_index_from_string(m.group(1).decode()))] = value
        if cells:
            found[title] = cells
    return found


# -- writing them back ---------------------------------------------------------------------------

_WRITTEN_FORMULA = re.compile(
    rb'<c r="([A-Z]{1,3}[0-9]+)"([^>]*)>(<f[^>]*/>|<f[^>]*>.*?</f>)<v ?/>(</c>)', re.S
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _typed(value: Any, epoch: datetime) -> tuple[str, str] | None:
    """(t attribute, <v> text) of a value, as Excel stores a formula's result."""
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, int | float):
        if isinstance(value, float) and not np.isfinite(value):
            return None
        return "n", repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, datetime | date | time | timedelta):
        return "n", repr(float(to_excel(value, epoch)))
    if isinstance(value, str):
        if value.startswith("#") and value.upper() in _ERRORS:
            return "e", value.upper()
        return "str", _escape(value)
    return None


_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}


def inject_values(
    xml: bytes, values: dict[str, Any], epoch: datetime
) -> bytes:  # values: {"G2": value}
    """The sheet part openpyxl wrote, with each formula's value in its empty <v/>."""
    if not values or b"<f" not in xml:
        return xml

    def one(m: re.Match) -> bytes:
        ref = m.group(1).decode()
        typed = _typed(values.get(ref, NO_VALUE), epoch) if ref in values else None
        if typed is None:
            return m.group(0)
        kind, text = typed
        attrs = re.sub(rb'\st="[a-zA-Z]+"', b"", m.group(2))
        t = b"" if kind == "n" else f' t="{kind}"'.encode()
        return (
            b'<c r="' + m.group(1) + b'"' + attrs + t + b">" + m.group(3)
            + b"<v>" + text.encode("utf-8") + b"</v>" + m.group(4)
        )  # fmt: skip

    return _WRITTEN_FORMULA.sub(one, xml)


# -- computing them --------------------------------------------------------------------------------


class CannotCompute(Exception):
    """The formula uses something the engine does not know (a function, a reference)."""


@dataclass(frozen=True)
class TableShape:
    """An Excel table's current place, for structured references."""

    name: str
    sheet: str
    header_row: int
    first_row: int  # first data row
    last_row: int  # last data row
    min_col: int
    columns: tuple[str, ...]  # column names, left to right
    totals_row: int | None = None


_STRUCTURED = re.compile(r"([A-Za-z_\\][\w.\\]*)\[")


def _bracket_end(text: str, start: int) -> int:
    """Index just past the ']' closing the '[' at ``start`` (escapes: a quote before)."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch == "'":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise CannotCompute("unbalanced brackets")


def _items(inner: str) -> list[str]:
    """'[#This Row],[Thành tiền]' -> ['#This Row', 'Thành tiền']; 'Col' -> ['Col']."""
    inner = inner.strip()
    if not inner.startswith("["):
        return [inner] if inner else []
    items, i = [], 0
    while i < len(inner):
        if inner[i] == "[":
            end = _bracket_end(inner, i)
            items.append(inner[i + 1 : end - 1])
            i = end
        elif inner[i] == ":":
            items.append(":")
            i += 1
        else:
            i += 1
    return items


def _unquote(name: str) -> str:
    return re.sub(r"'(.)", r"\1", name)


def _quote_sheet(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def structured_to_a1(formula: str, row: int, tables: dict[str, TableShape]) -> str:
    """The formula with each structured reference to a known table as an A1 reference."""
    if "[" not in formula:
        return formula
    out, pos = [], 0
    in_text = False
    i = 0
    while i < len(formula):
        ch = formula[i]
        if ch == '"':
            in_text = not in_text
            i += 1
            continue
        if in_text:
            i += 1
            continue
        m = _STRUCTURED.match(formula, i)
        if m and (i == 0 or not (formula[i - 1].isalnum() or formula[i - 1] in "_.!'")):
            table = tables.get(m.group(1).casefold())
            if table is None:
                raise CannotCompute(f"unknown table {m.group(1)}")
            end = _bracket_end(formula, m.end() - 1)
            out.append(formula[pos:i])
            out.append(_table_ref(table, formula[m.end() : end - 1], row))
            pos = i = end
            continue
        i += 1
    out.append(formula[pos:])
    return "".join(out)


def _table_ref(table: TableShape, inner: str, row: int) -> str:
    items = _items(inner)
    specials = {x.casefold() for x in items if x.startswith("#")}
    if any(x.startswith("@") for x in items):
        specials.add("#this row")
        items = [x[1:].strip("[]") if x.startswith("@") else x for x in items]
    names = [_unquote(x) for x in items if x and not x.startswith("#") and x != ":"]
    folded = [c.casefold() for c in table.columns]
    try:
        indexes = [folded.index(n.casefold()) for n in names]
    except ValueError as exc:
        raise CannotCompute(f"unknown column in {table.name}[{inner}]") from exc
    first_col = table.min_col + (min(indexes) if indexes else 0)
    last_col = table.min_col + (max(indexes) if indexes else len(table.columns) - 1)
    top, bottom = table.first_row, max(table.last_row, table.first_row)
    if "#this row" in specials:
        top = bottom = row
    elif "#all" in specials:
        top, bottom = table.header_row, table.totals_row or bottom
    elif "#headers" in specials and "#data" not in specials:
        top = bottom = table.header_row
    elif "#totals" in specials and "#data" not in specials:
        if table.totals_row is None:
            raise CannotCompute("no totals row")
        top = bottom = table.totals_row
    else:
        if "#headers" in specials:
            top = table.header_row
        if "#totals" in specials and table.totals_row is not None:
            bottom = table.totals_row
    sheet = _quote_sheet(table.sheet)
    a, b = get_column_letter(first_col), get_column_letter(last_col)
    if "#this row" in specials:
        return f"{sheet}!${a}{top}" if a == b else f"{sheet}!${a}{top}:${b}{bottom}"
    return f"{sheet}!${a}${top}:${b}${bottom}"


class _Compiled:
    """A compiled formula; ``inputs`` are its references as the engine names them (no
    ``$``, upper case), ``tokens`` the same references as written, ``$`` included (needed
    to move them back from the canonical cell)."""

    def __init__(self, function: Any, inputs: list[str], tokens: dict[str, str]) -> None:
        self.function = function
        self.inputs = inputs
        self.tokens = tokens


def _tokens(formula: str) -> dict[str, str]:
    from openpyxl.formula.tokenizer import Token, Tokenizer

    found = {}
    for token in Tokenizer(formula).items:
        if token.type == Token.OPERAND and token.subtype == Token.RANGE:
            found[token.value.replace("$", "").upper()] = token.value
    return found


_PARSER: Any = None
# SUBTOTAL (what Excel's own totals row writes) by its function number; 101-111 are the
# same functions ignoring hidden rows, which a file does not tell apart here.
_SUBTOTALS = {1: "AVERAGE", 2: "COUNT", 3: "COUNTA", 4: "MAX", 5: "MIN", 6: "PRODUCT", 9: "SUM"}


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        import formulas  # imported on first use: most masters hold no formula

        # A function the engine lacks is an expected outcome here (the cell is reported
        # with its own message), not a traceback on the user's screen.
        logging.getLogger("schedula").setLevel(logging.CRITICAL)
        logging.getLogger("formulas").setLevel(logging.CRITICAL)

        functions = formulas.get_functions()

        def subtotal(number: Any, *ranges: Any) -> Any:
            name = _SUBTOTALS.get(int(np.asarray(number).flat[0]) % 100)
            if name is None:
                raise NotImplementedError(f"SUBTOTAL({number})")
            return functions[name](*ranges)

        functions.setdefault("SUBTOTAL", subtotal)
        _PARSER = formulas.Parser()
    return _PARSER


def _compile(formula: str) -> _Compiled:
    try:
        function = _parser().ast(formula)[1].compile()
    except Exception as exc:  # the parser's own errors, an unknown function…
        raise CannotCompute(str(exc)) from exc
    try:
        tokens = _tokens(formula)
    except Exception as exc:  # the tokenizer's own errors
        raise CannotCompute(str(exc)) from exc
    return _Compiled(function, list(function.inputs), tokens)


def _moved(formula: str, origin: str, target: str) -> str | None:
    try:
        return Translator(formula, origin=origin).translate_formula(target)
    except (TranslatorError, ValueError):
        return None


Reference = tuple[str, Box]  # sheet title, box


class FormulaCells:
    """The formula cells of one workbook session: their values, computed when needed.

    ``cell(ws, row, column)`` gives (is a formula, value or formula text) for any position,
    ``tables()`` the Excel tables' places; the session tells ``changed`` which cells it
    wrote so the formulas that depend on them are computed again."""

    def __init__(
        self,
        book: OpenpyxlBook,
        stored: dict[str, dict[tuple[int, int], Any]],
        cell: Callable[[Worksheet, int, int], Any],
        tables: Callable[[], Iterable[TableShape]],
    ) -> None:
        self.book = book
        self.stored = stored
        self._cell = cell
        self._tables = tables
        self._changed: dict[str, list[Box]] = {}
        self._values: dict[tuple[str, int, int], Any] = {}
        self._dirty: dict[tuple[str, int, int], bool] = {}
        self._compiled: dict[str, _Compiled | None] = {}
        self._formula_index: dict[str, dict[tuple[int, int], str]] = {}
        self._visiting: set[tuple[str, int, int]] = set()
        self.stale: set[tuple[str, int, int]] = set()  # changed inputs, not computable

    # -- what the session did ------------------------------------------------------------------
    def changed(self, title: str, box: Box) -> None:
        """The session wrote the cells in ``box``: formulas reading them are computed again."""
        self._changed.setdefault(title, []).append(box)
        self._values.clear()
        self._dirty.clear()
        self._formula_index.pop(title, None)

    def saved(self, values: dict[str, dict[tuple[int, int], Any]]) -> None:
        """The file now holds these values: they are the stored ones from here on."""
        self.stored = {title: dict(cells) for title, cells in values.items()}
        self._changed.clear()
        self._values.clear()
        self._dirty.clear()

    def moved(self, title: str, mapping: dict[tuple[int, int], tuple[int, int]]) -> None:
        """Formula cells moved with their rows: their stored values go with them."""
        cells = self.stored.get(title)
        if not cells:
            return
        taken = {old: cells.pop(old) for old in mapping if old in cells}
        for old, value in taken.items():
            cells[mapping[old]] = value

    # -- values --------------------------------------------------------------------------------
    def value(self, ws: Worksheet, row: int, col: int, formula: str) -> Any:
        """The value of the formula cell at (row, col): stored, or computed; NO_VALUE when
        neither can be known. Dates come back as dates where the cell shows a date."""
        key = (ws.title, row, col)
        if key in self._values:
            return self._values[key]
        stored = self.stored.get(ws.title, {}).get((row, col), NO_VALUE)
        value = stored
        if stored is NO_VALUE or self._is_dirty(ws, row, col, formula):
            try:
                value = self._compute(ws, row, col, formula)
            except CannotCompute:
                value = stored
                if stored is not NO_VALUE:
                    self.stale.add(key)
        value = self._as_shown(ws, row, col, value)
        self._values[key] = value
        return value

    def _as_shown(self, ws: Worksheet, row: int, col: int, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            cell = sheet_cells(ws).get((row, col))
            if cell is not None and is_date_format(cell.number_format):
                try:
                    return from_excel(value, self.book.epoch)
                except (ValueError, OverflowError):
                    return value
        return value

    def _formulas_of(self, ws: Worksheet) -> dict[tuple[int, int], str]:
        index = self._formula_index.get(ws.title)
        if index is None:
            index = {}
            for key, cell in sheet_cells(ws).items():
                if cell.data_type == "f":
                    text = formula_text(cell.value)
                    if text:
                        index[key] = text
            self._formula_index[ws.title] = index
        return index

    def _is_dirty(self, ws: Worksheet, row: int, col: int, formula: str) -> bool:
        if not self._changed:
            return False
        key = (ws.title, row, col)
        if key in self._dirty:
            return self._dirty[key]
        if key in self._visiting:
            return False  # a circular reference: Excel's stored value stands
        self._visiting.add(key)
        try:
            dirty = True
            try:
                references = self.references(ws, row, col, formula)
            except CannotCompute:
                references = None
            if references is not None:
                dirty = any(self._box_dirty(title, box) for title, box in references)
        finally:
            self._visiting.discard(key)
        self._dirty[key] = dirty
        return dirty

    def _box_dirty(self, title: str, box: Box) -> bool:
        r0, c0, r1, c1 = box
        for b0, bc0, b1, bc1 in self._changed.get(title, ()):
            if not (b1 < r0 or b0 > r1 or bc1 < c0 or bc0 > c1):
                return True
        if title not in self.book.sheetnames:
            return False
        ws = self.book[title]
        for (r, c), text in self._formulas_of(ws).items():
            if r0 <= r <= r1 and c0 <= c <= c1 and self._is_dirty(ws, r, c, text):
                return True
        return False

    # -- the engine ----------------------------------------------------------------------------
    def _prepared(self, ws: Worksheet, row: int, col: int, formula: str) -> tuple[_Compiled, str]:
        """The compiled shape of the formula and the cell it was moved to for that."""
        here = f"{get_column_letter(col)}{row}"
        text = formula
        if "[" in text:
            tables = {t.name.casefold(): t for t in self._tables()}
            text = structured_to_a1(text, row, tables)
        canon = _moved(text, here, _CANON)
        origin = _CANON
        if canon is None or ("#REF!" in canon and "#REF!" not in text):
            canon, origin = text, here
        if canon not in self._compiled:
            try:
                self._compiled[canon] = _compile(canon)
            except CannotCompute:
                self._compiled[canon] = None
        compiled = self._compiled[canon]
        if compiled is None:
            raise CannotCompute(formula)
        return compiled, origin

    def references(self, ws: Worksheet, row: int, col: int, formula: str) -> list[Reference]:
        """The ranges the formula reads, as (sheet, box)."""
        compiled, origin = self._prepared(ws, row, col, formula)
        here = f"{get_column_letter(col)}{row}"
        return [
            self._reference(ws, compiled.tokens.get(name, name), origin, here)
            for name in compiled.inputs
        ]

    def _reference(self, ws: Worksheet, name: str, origin: str, here: str) -> Reference:
        text = name
        if origin != here:
            moved = _moved("=" + name, origin, here)
            if moved is None:
                raise CannotCompute(name)
            text = moved[1:]
        sheet, _, address = text.rpartition("!")
        title = self._title(sheet) if sheet else ws.title
        if not sheet and ":" not in address and not re.fullmatch(r"\$?[A-Z]{1,3}\$?\d+", address):
            return self._named(address)
        return title, _box(address, self.book[title] if title in self.book.sheetnames else None)

    def _named(self, name: str) -> Reference:
        for defined, value in self.book.defined_names.items():
            if defined.casefold() == name.casefold():
                destinations = list(value.destinations)
                if len(destinations) == 1:
                    title, address = destinations[0]
                    if title in self.book.sheetnames:
                        return title, _box(address.replace("$", ""), self.book[title])
        raise CannotCompute(f"name {name}")

    def _title(self, sheet: str) -> str:
        if sheet.startswith("'") and sheet.endswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
        for title in self.book.sheetnames:
            if title.upper() == sheet.upper() or title.casefold() == sheet.casefold():
                return title
        raise CannotCompute(f"sheet {sheet}")

    def _compute(self, ws: Worksheet, row: int, col: int, formula: str) -> Any:
        key = (ws.title, row, col)
        if key in self._visiting:
            raise CannotCompute("circular reference")
        self._visiting.add(key)
        try:
            compiled, origin = self._prepared(ws, row, col, formula)
            here = f"{get_column_letter(col)}{row}"
            arguments = []
            for name in compiled.inputs:
                title, box = self._reference(ws, compiled.tokens.get(name, name), origin, here)
                arguments.append(self._argument(title, box, single=":" not in name))
            try:
                result = compiled.function(*arguments)
            except Exception as exc:  # the engine's own failures: a function it lacks…
                raise CannotCompute(str(exc)) from exc
        finally:
            self._visiting.discard(key)
        return _plain(result)

    def _argument(self, title: str, box: Box, *, single: bool) -> Any:
        import schedula  # formulas' own marker of an empty cell

        empty = schedula.EMPTY
        ws = self.book[title]
        r0, c0, r1, c1 = box
        grid = np.empty((r1 - r0 + 1, c1 - c0 + 1), dtype=object)
        grid.fill(empty)
        for (r, c), value in self._cells_in(ws, box):
            grid[r - r0, c - c0] = empty if value is None else _engine_input(value, self.book)
        if single and grid.size == 1:
            return grid[0, 0]
        return grid

    def _cells_in(self, ws: Worksheet, box: Box) -> Iterator[tuple[tuple[int, int], Any]]:
        r0, c0, r1, c1 = box
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                value = self._cell(ws, r, c)
                text = formula_text(value)
                if text is not None:
                    value = self.value(ws, r, c, text)
                    if value is NO_VALUE:
                        raise CannotCompute(f"{ws.title}!{get_column_letter(c)}{r} has no value")
                if value is not None:
                    yield (r, c), value


def _box(address: str, ws: Worksheet | None) -> Box:
    address = address.replace("$", "")
    max_row = (ws.max_row if ws is not None else 1) or 1
    max_col = (ws.max_column if ws is not None else 1) or 1
    if re.fullmatch(r"[A-Z]{1,3}:[A-Z]{1,3}", address):
        a, b = address.split(":")
        return 1, column_index_from_string(a), max_row, column_index_from_string(b)
    if re.fullmatch(r"\d+:\d+", address):
        a, b = address.split(":")
        return int(a), 1, int(b), max_col
    try:
        min_col, min_row, max_c, max_r = range_boundaries(address)
    except (ValueError, TypeError) as exc:
        raise CannotCompute(address) from exc
    if min_col is None or min_row is None:
        raise CannotCompute(address)
    return min_row, min_col, max_r or min_row, max_c or min_col


def _engine_input(value: Any, book: OpenpyxlBook) -> Any:
    if isinstance(value, datetime | date | time | timedelta):
        return float(to_excel(value, book.epoch))
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


def _plain(result: Any) -> Any:
    """A Python value from what the engine returns (0-d or 2-D arrays, numpy scalars,
    Excel errors, its marker of an empty cell)."""
    import schedula
    from formulas.tokens.operand import XlError

    value = result
    while isinstance(value, np.ndarray):
        value = value.flat[0] if value.size else schedula.EMPTY
    if isinstance(value, XlError):
        return str(value)
    if value is schedula.EMPTY or isinstance(value, schedula.utils.gen.Token):
        return 0  # "=A1" of an empty A1 shows 0, as in Excel
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        value = float(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, np.str_):
        return str(value)
    return value
