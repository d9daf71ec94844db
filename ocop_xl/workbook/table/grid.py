"""One sheet's cells as the table code sees them: openpyxl cells, and the rows of large
tables held out of openpyxl (``fast_sheet.HeldRows``), behind one way of asking."""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.workbook.fast_sheet import HeldRows
from ocop_xl.workbook.openpyxl_compat import sheet_cells


class Grid:
    def __init__(self, ws: Worksheet, held: list[HeldRows] | None = None) -> None:
        self.ws = ws
        self.held = [h for h in held or () if h.ws is ws]

    def block(self, row: int, col: int) -> HeldRows | None:
        for block in self.held:
            if block.contains(row, col):
                return block
        return None

    def at(self, row: int, col: int) -> Any:
        """What the cell holds: its value, or its formula's text."""
        for block in self.held:
            if block.contains(row, col):
                return block.value(row, col)
        cell = sheet_cells(self.ws).get((row, col))
        return None if cell is None else cell.value

    def cell(self, row: int, col: int) -> Cell | None:
        return sheet_cells(self.ws).get((row, col))


def is_formula(cell: Cell | None) -> bool:
    return cell is not None and cell.data_type == "f"


def is_plain(cell: Cell | None) -> bool:
    """A cell a held row can carry: a value and a style, nothing more."""
    return cell is None or (
        not isinstance(cell, MergedCell)
        and cell.data_type != "f"
        and cell.comment is None
        and cell.hyperlink is None
        and not isinstance(cell.value, CellRichText)
    )


def has_content(cell: Cell | None) -> bool:
    """Something typed: a value, a formula, a note (a style alone is not content)."""
    if cell is None:
        return False
    if cell.comment is not None:
        return True
    value = cell.value
    return value is not None and not (isinstance(value, str) and not value.strip())
