"""Tables that only grow (Nhật ký, Lưu trữ), and what a session found about the master's
own sheets, gathered once for the action's report."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ocop_xl.domain.issues import Issue, Location, MasterError
from ocop_xl.workbook.fast_sheet import HeldRows
from ocop_xl.workbook.formula_values import FormulaCells
from ocop_xl.workbook.layout.spec import TableSheet
from ocop_xl.workbook.openpyxl_compat import sheet_cells
from ocop_xl.workbook.table import Archived, locate, materialize, write_table
from ocop_xl.workbook.table.cells import put
from ocop_xl.workbook.table.grid import Grid, has_content

ARCHIVE_KINDS = {"value": "giá trị", "formula": "công thức", "note": "ghi chú"}


class Notices:
    """Findings about the master's sheets, each once (a table read twice reports once)."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str, str, str], Issue] = {}

    def add(self, issues: Iterable[Issue]) -> None:
        for issue in issues:
            key = (issue.code, issue.location.sheet, issue.location.cell, str(issue.params))
            self._found.setdefault(key, issue)

    def all(self) -> list[Issue]:
        return list(self._found.values())


class _Session(Protocol):
    book: Any
    layout: Any
    _held: dict[str, HeldRows]
    action_label: str

    @property
    def name(self) -> str: ...


def append_rows(wb: _Session, ws: Worksheet, spec: TableSheet, rows: list[dict[str, Any]]) -> None:
    """Add rows under a table's last row without rewriting the others (a log only grows)."""
    if spec.table in wb._held:  # appended to cell by cell
        materialize(wb._held.pop(spec.table))
    place = locate(ws, spec, Grid(ws, list(wb._held.values())).at)
    if place is None:
        write_table(
            wb.book, ws, spec, wb.layout, pd.DataFrame(columns=list(spec.keys)), file_name=wb.name
        )
        place = locate(ws, spec, Grid(ws, list(wb._held.values())).at)
    assert place is not None
    row = place.last_row + 1
    if place.last_row > place.header_row and all(
        sheet_cells(ws).get((place.last_row, c)) is None
        or sheet_cells(ws)[(place.last_row, c)].value is None
        for c in place.columns
    ):
        row = place.last_row  # the empty row a new table starts with
    last = row + len(rows) - 1
    for r in range(place.last_row + 1, last + 1):
        for c in place.columns:
            if has_content(sheet_cells(ws).get((r, c))):
                raise MasterError(
                    "TABLE_NO_ROOM",
                    Location(file=wb.name, sheet=ws.title, cell=f"{get_column_letter(c)}{r}"),
                    text=str(sheet_cells(ws)[(r, c)].value)[:40],
                )
    for offset, values in enumerate(rows):
        for col in spec.columns:
            column = place.declared.get(col.key)
            if column is None:
                continue
            cell = put(ws, row + offset, column, values.get(col.key))
            if col.number_format and col.number_format != "@":
                cell.number_format = col.number_format
    table = place.table
    if table is not None:
        first, _ = table.ref.split(":")
        letter = get_column_letter(place.max_col)
        table.ref = f"{first}:{letter}{last}"
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref


def archive_rows(
    wb: _Session, ws: Worksheet, spec: TableSheet, sheet: str, archived: list[Archived]
) -> Issue:
    """Put the staff's cells from rows a table no longer has on Lưu trữ; the notice."""
    now = datetime.now().replace(microsecond=0)
    rows = [
        {
            "time": now,
            "action": wb.action_label,
            "sheet": a.sheet,
            "cell": a.cell,
            "row_key": a.row_key,
            "header": a.header,
            "kind": ARCHIVE_KINDS.get(a.kind, a.kind),
            "content": a.content,  # a formula's text stays text here (put)
        }
        for a in archived
    ]
    append_rows(wb, ws, spec, rows)
    return Issue.warning(
        "ROWS_ARCHIVED",
        Location(file=wb.name, sheet=sheet, cell=archived[0].cell),
        count=len(archived),
        first=archived[0].cell,
        archive=spec.sheet,
    )


def formula_notices(formulas: FormulaCells, file_name: str) -> list[Issue]:
    """Formulas whose inputs the action rewrote but the engine could not compute again."""
    found = []
    for title, row, col in sorted(formulas.stale):
        cell = f"{get_column_letter(col)}{row}"
        ws = formulas.book[title] if title in formulas.book.sheetnames else None
        text = (
            sheet_cells(ws)[(row, col)].value
            if ws is not None and (row, col) in sheet_cells(ws)
            else ""
        )
        found.append(
            Issue.warning(
                "MASTER_FORMULA_STALE",
                Location(file=file_name, sheet=title, cell=cell, row=row),
                formula=text,
            )
        )
    return found
