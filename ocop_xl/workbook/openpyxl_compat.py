"""Every use of openpyxl's internals, in one place, and the switch of the fast paths.

Written against openpyxl 3.1.5 (pyproject pins ``openpyxl>=3.1.5,<3.2``). openpyxl's public
API has no way to look at a cell without creating it (``ws.cell`` and ``iter_rows`` make
empty cells, which then save), to carry a cell's whole style as one value, or to load a
package whose sheet parts were changed in memory. For those, and for speed on large
tables, ocop_xl uses the internals below; no other module touches an openpyxl name that
starts with an underscore or an openpyxl module that is not part of its documented API
(tests/unit/test_openpyxl_fence.py checks the code, and
tests/integration/test_openpyxl_compat.py checks each function against the public API on
a real file, so a new openpyxl fails there first, loudly).

``OCOP_XL_FAST=0`` in the environment turns the fast paths off (``fast_paths()``): the
master is loaded by ``load_workbook``, every table is written as openpyxl cells through
``ws.cell`` and public style attributes, and openpyxl alone writes the sheets. The files
written and the values read are the same; only the time differs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, MutableMapping, Sequence
from copy import copy
from typing import IO, Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TIME_TYPES, Cell, get_time_format
from openpyxl.compat import safe_string
from openpyxl.reader.excel import SUPPORTED_FORMATS, ExcelReader
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.workbook import Workbook as OpenpyxlBook
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "FAST_ENV",
    "ILLEGAL_CHARACTERS_RE",
    "SUPPORTED_FORMATS",
    "TIME_TYPES",
    "StyleArray",
    "add_cell_style",
    "cell_style",
    "charts",
    "date_style_ids",
    "fast_paths",
    "get_time_format",
    "initialise_table_columns",
    "read_package",
    "safe_string",
    "set_cell_style",
    "set_charts",
    "set_formula_text",
    "sheet_cells",
    "sheets_in_tab_order",
    "style_arrays",
    "timedelta_style_ids",
]

FAST_ENV = "OCOP_XL_FAST"


def fast_paths() -> bool:
    """Whether the fast paths are on (the default); ``OCOP_XL_FAST=0`` turns them off.
    Read at each use, so a test or a session can change it."""
    return os.environ.get(FAST_ENV, "1").strip() != "0"


# -- cells -------------------------------------------------------------------------------------


def sheet_cells(ws: Worksheet) -> MutableMapping[tuple[int, int], Cell]:
    """The sheet's cells by (row, column), live: reading it creates no cell; a cell put in
    or taken out is in or out of the sheet."""
    return ws._cells


def set_formula_text(cell: Cell, text: str) -> None:
    """Replace a formula cell's text, its type unchanged (an array formula's moved text)."""
    cell._value = text


# -- styles ------------------------------------------------------------------------------------


def cell_style(cell: Cell) -> StyleArray:
    """The cell's style as openpyxl keeps it: indexes into the workbook's style lists."""
    return cell._style


def set_cell_style(cell: Cell, array: StyleArray) -> None:
    """Give the cell the style ``array`` stands for (a copy: cells do not share arrays)."""
    cell._style = copy(array)


def style_arrays(book: OpenpyxlBook) -> Any:
    """The workbook's list of cell styles (``<cellXfs>``), by style id."""
    return book._cell_styles


def add_cell_style(book: OpenpyxlBook, array: Iterable[int]) -> int:
    """The id of ``array`` in the workbook's cell styles, added if new (the list only
    grows, so ids stay valid until the save)."""
    return book._cell_styles.add(StyleArray(array))


def date_style_ids(book: OpenpyxlBook) -> set[int]:
    """Ids of the cell styles whose number format shows a date (as loaded)."""
    return book._date_formats


def timedelta_style_ids(book: OpenpyxlBook) -> set[int]:
    """Ids of the cell styles whose number format shows a duration (as loaded)."""
    return book._timedelta_formats


# -- the package -------------------------------------------------------------------------------


def read_package(source: IO[bytes], *, keep_vba: bool) -> tuple[OpenpyxlBook, Sequence[str]]:
    """The workbook in ``source`` (a package possibly changed in memory) and its shared
    strings, which ``load_workbook`` does not give back."""
    reader = ExcelReader(source, read_only=False, keep_vba=keep_vba)
    reader.read()
    return reader.wb, reader.shared_strings


def sheets_in_tab_order(book: OpenpyxlBook) -> list:
    """Worksheets and chart sheets, in tab order."""
    return list(book._sheets)


def charts(ws: Worksheet) -> list:
    """The charts drawn on a sheet."""
    return list(ws._charts)


def set_charts(ws: Worksheet, kept: list) -> None:
    ws._charts = list(kept)


def initialise_table_columns(table: Table) -> None:
    """A new table's columns from its range (named Column1, Column2… until renamed)."""
    table._initialise_columns()
