"""``MemoryWorkbook``: the Workbook port (ocop_xl/workbook/port.py) held in memory, for the
tests of an action's rules where a real file adds nothing: no openpyxl book, no save, no
lock. Tables are kept as the cells would hold them (``excel_value``, the same conversion
``FileWorkbook`` writes with: NaN and NaT as blanks, numpy numbers as Python's, texts cut at
Excel's limit), read back as ``FileWorkbook.read_table`` gives them (every declared column,
blank rows dropped, the Excel row as the index, the sheet, file and column letters in
``attrs``), at the rows and columns the layout puts them.

What it does not do: formulas, the staff's own columns and cells, notes, Lưu trữ, styles,
the printed pages (``write_document`` keeps the ``Document``). A test about those uses a
real file; tests/unit/test_workbook_fake.py checks the fake against ``FileWorkbook``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_from_string

from ocop_xl.domain.document import Document
from ocop_xl.domain.issues import Issue, MasterError
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.text import is_blank
from ocop_xl.workbook.file_workbook import audit_values
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.spec import Layout
from ocop_xl.workbook.port import ROW_INDEX, AuditEntry
from ocop_xl.workbook.profile_sheets import profile_frames
from ocop_xl.workbook.table.cells import excel_value


class MemoryWorkbook:
    """A master in memory: every sheet of the layout, its tables empty until written."""

    def __init__(
        self, name: str = "ocop_master.xlsx", folder: Path | None = None, layout: Layout = MASTER
    ) -> None:
        self._name = name
        self._folder = folder
        self.layout = layout
        self.sheets: set[str] = set(layout.sheet_order)
        self.columns: dict[str, list[str]] = {}  # table name: its column keys, in order
        self.rows: dict[str, list[list[Any]]] = {}  # table name: rows of cell values
        self.documents: dict[str, Document] = {}
        self.audit: list[AuditEntry] = []
        self.statuses: list[str] = []
        self.steps: list[tuple[int, int, str]] = []
        self.commits = 0
        self._notices: list[Issue] = []

    @classmethod
    def new(cls, profile: Profile, **options: Any) -> MemoryWorkbook:
        """A new master of ``profile``: its configuration sheets filled as new-master
        fills them (the same ``profile_frames``)."""
        wb = cls(**options)
        for name, frame in profile_frames(profile).items():
            wb.write_table(name, frame)
        return wb

    # -- the port ------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def folder(self) -> Path | None:
        return self._folder

    def has_sheet(self, name: str) -> bool:
        return self.layout[name].sheet in self.sheets

    def read_table(self, name: str) -> pd.DataFrame:
        spec = self.layout.table(name)
        if spec.sheet not in self.sheets:
            raise MasterError("SHEET_MISSING", file=self.name, sheet=spec.sheet)
        keys = self.columns.get(name, list(spec.keys))
        rows = self.rows.get(name, [])
        first = spec.header_row + 1
        frame = pd.DataFrame(
            [list(r) for r in rows],
            columns=keys,
            index=pd.Index(range(first, first + len(rows)), name=ROW_INDEX),
            dtype=object,
        )
        frame.attrs.update(
            sheet=spec.sheet,
            file=self.name,
            letters={key: get_column_letter(spec.first_col + i) for i, key in enumerate(keys)},
            header_row=spec.header_row,
        )
        return frame

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        """The declared columns, then the frame's others (Kinh phí's funding sources)."""
        spec = self.layout.table(name)
        self.sheets.add(spec.sheet)
        keys = [*spec.keys, *(str(c) for c in frame.columns if c not in spec.keys)]
        blank = [None] * len(frame)
        columns = [frame[k].tolist() if k in frame.columns else blank for k in keys]
        rows = [[_cell(v) for v in row] for row in zip(*columns, strict=True)]
        self.columns[name] = keys
        self.rows[name] = [r for r in rows if not all(is_blank(v) for v in r)]

    def write_document(self, name: str, document: Document) -> None:
        self.sheets.add(self.layout.document(name).sheet)
        self.documents[name] = document

    def status(self, text: str) -> None:
        self.statuses.append(text)

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.steps.append((done, total, text))

    def log(self, entry: AuditEntry) -> None:
        self.audit.append(entry)
        spec = self.layout.table("audit")
        row = audit_values(entry)
        self.rows.setdefault("audit", []).append([_cell(row.get(k)) for k in spec.keys])

    def notices(self) -> list[Issue]:
        return list(self._notices)

    def commit(self) -> None:
        self.commits += 1

    # -- for the tests -------------------------------------------------------------------
    def drop_sheet(self, name: str) -> None:
        """The sheet of table or document ``name`` deleted, as a clerk may."""
        self.sheets.discard(self.layout[name].sheet)
        self.rows.pop(name, None)

    def type_in(self, name: str, ref: str, value: Any) -> None:
        """The cell ``ref`` (as "D3") of table ``name`` typed in, as a clerk would."""
        spec = self.layout.table(name)
        letter, row = coordinate_from_string(ref)
        key = spec.keys[column_index_from_string(letter) - spec.first_col]
        keys = self.columns.setdefault(name, list(spec.keys))
        rows = self.rows.setdefault(name, [])
        i = row - spec.header_row - 1
        while len(rows) <= i:
            rows.append([None] * len(keys))
        rows[i][keys.index(key)] = _cell(value)


def _cell(value: Any) -> Any:
    """What a cell holds once ``value`` is written and the file read back: openpyxl reads a
    date as a datetime, an empty text as a blank."""
    value = excel_value(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return None if value == "" else value
