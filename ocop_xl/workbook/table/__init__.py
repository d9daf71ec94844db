"""The master's Excel tables, read and written where the staff keep them.

- ``locate``: where a table is now (moved, renamed, extended; totals and notes below it);
- ``read``: its rows as a DataFrame, formulas read as their values;
- ``write``: new rows in, every cell the staff own kept (or moved aside, never lost);
- ``decor``: widths, drop-down lists, colour rules, list names, charts;
- ``cells``: single values and styles; ``grid``: openpyxl cells and held rows as one.
"""

from ocop_xl.workbook.table.cells import StyleCache, put
from ocop_xl.workbook.table.decor import list_name
from ocop_xl.workbook.table.locate import Place, locate
from ocop_xl.workbook.table.read import ROW_INDEX, read_table
from ocop_xl.workbook.table.write import Archived, Written, materialize, settle, write_table

__all__ = [
    "ROW_INDEX",
    "Archived",
    "Place",
    "StyleCache",
    "Written",
    "list_name",
    "locate",
    "materialize",
    "put",
    "read_table",
    "settle",
    "write_table",
]
