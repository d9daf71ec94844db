"""Single cells of the master: values openpyxl can store, text kept as text, styles."""

from __future__ import annotations

import math
from collections.abc import Hashable
from copy import copy
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pandas as pd
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, is_date_format
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.workbook.layout.spec import Column
from ocop_xl.workbook.openpyxl_compat import (
    ILLEGAL_CHARACTERS_RE,
    TIME_TYPES,
    StyleArray,
    cell_style,
    fast_paths,
    get_time_format,
    set_cell_style,
)

HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
HEADER_FONT = Font(bold=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
MAX_TEXT = 32767  # characters Excel keeps in a cell
TIME_KINDS = frozenset(TIME_TYPES)
# Dates the way Vietnamese offices write them, where a column declares no format of its own
# (Cấu hình's values): 05/06/2023, not 2023-06-05.
VI_DATE_FORMATS: dict[type, str] = {date: "dd/mm/yyyy", datetime: "dd/mm/yyyy hh:mm:ss"}


class StyleCache:
    """Styles each distinct look once, then copies its style indexes to further cells.

    Assigning a font, alignment or number format makes openpyxl hash the style object
    against the workbook's style lists, which dominates writing large tables; copying the
    cell's small array of style indexes (``openpyxl_compat.cell_style``) gives the same
    result. With the fast paths off every cell gets its styles set."""

    def __init__(self) -> None:
        self._arrays: dict[Hashable, Any] = {}
        self._fast = fast_paths()

    def apply(self, cell: Any, look: Hashable, **styles: Any) -> None:
        array = self._arrays.get(look)
        if array is not None:
            set_cell_style(cell, array)
            return
        for name, value in styles.items():
            setattr(cell, name, value)
        if self._fast:
            self._arrays[look] = copy(cell_style(cell))


def is_missing(value: Any) -> bool:
    """What pandas counts as missing (None, NaN, NaT) for a single value."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


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


def excel_value(value: Any) -> Any:
    """The value a cell holds once ``put`` has written ``value`` (openpyxl keeps the first
    32,767 characters of a text, Excel's limit)."""
    value = cell_value(value)
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT]
    return value


def excel_values(values: list[Any]) -> list[Any]:
    """``excel_value`` of each; a column of plain texts is checked at once and kept."""
    if set(map(type, values)) <= {str, type(None)}:
        texts = [v for v in values if v is not None]
        if not texts or (
            max(map(len, texts)) <= MAX_TEXT and not ILLEGAL_CHARACTERS_RE.search("".join(texts))
        ):
            return values
    return [excel_value(v) for v in values]


def put(ws: Worksheet, row: int, col: int, value: Any) -> Cell:
    """Write one value; text is always stored as text, never as a live formula (nor as an
    error value such as "#N/A")."""
    cell = ws.cell(row, col)
    set_value(cell, value)
    return cell


def set_styled(cell: Cell, value: Any, style: StyleArray | None) -> None:
    """Write a value with its style array. The style goes first: a date then finds its
    date format and openpyxl registers no default one that no cell uses (the file stays
    the one held rows give)."""
    if style is None:
        set_value(cell, value)
        return
    set_cell_style(cell, style)
    set_value(cell, value)
    if cell_style(cell) != style:  # the value gave it a date format: the style wins
        set_cell_style(cell, style)


def set_value(cell: Cell, value: Any) -> None:
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str) and cell.data_type != "s":
        cell.data_type = "s"


class Looks:
    """The style arrays of table cells, built once per look on a scratch cell (openpyxl
    registers number formats, fonts and alignments with the workbook as they are set)."""

    def __init__(self, ws: Worksheet) -> None:
        self._scratch = Cell(ws)
        self._columns: dict[tuple[str | None, bool], StyleArray | None] = {}
        self._dated: dict[tuple[tuple[int, ...] | None, type], StyleArray] = {}
        self._merged: dict[tuple[tuple[int, ...], str | None, bool], StyleArray] = {}

    @staticmethod
    def _format(col: Column) -> str | None:
        return col.number_format if col.number_format and col.number_format != "@" else None

    def column(self, col: Column) -> StyleArray | None:
        """The declared look of a column's cells (number format, wrapping), if any."""
        fmt = self._format(col)
        key = (fmt, col.wrap)
        if key not in self._columns:
            array = None
            if fmt or col.wrap:
                set_cell_style(self._scratch, StyleArray())
                if fmt:
                    self._scratch.number_format = fmt
                if col.wrap:
                    self._scratch.alignment = WRAP
                array = copy(cell_style(self._scratch))
            self._columns[key] = array
        return self._columns[key]

    def merged(self, base: StyleArray, col: Column) -> StyleArray:
        """``base`` (a cell's own style: the staff's colour, border…) with the column's
        declared number format and wrapping."""
        fmt = self._format(col)
        key = (tuple(base), fmt, col.wrap)
        if key not in self._merged:
            set_cell_style(self._scratch, base)
            if fmt and self._scratch.number_format != fmt:
                self._scratch.number_format = fmt
            if col.wrap and not self._scratch.alignment.wrap_text:
                self._scratch.alignment = WRAP
            self._merged[key] = copy(cell_style(self._scratch))
        return self._merged[key]

    def dated(self, base: StyleArray | None, kind: type) -> StyleArray:
        """``base`` able to show a date or time: openpyxl gives a date the default format
        of its kind unless the cell's format is already a date format."""
        key = (tuple(base) if base is not None else None, kind)
        if key not in self._dated:
            set_cell_style(self._scratch, base if base is not None else StyleArray())
            if not is_date_format(self._scratch.number_format):
                self._scratch.number_format = VI_DATE_FORMATS.get(kind) or get_time_format(kind)
            self._dated[key] = copy(cell_style(self._scratch))
        return self._dated[key]
