"""The Workbook port: what an action may do with the master, whatever holds it.

Two adapters implement it: ``FileWorkbook`` (a file on disk, used by the CLI and the tests)
and ``LiveWorkbook`` (the book open in Excel, through xlwings). Actions are written once
against this port, so a ribbon button and a command do the same thing by construction.

Tables travel as pandas DataFrames with one column per declared column key (plus any
column the staff added, under its header text), values as the cells hold them (``None`` for
blanks; a formula as its value), and the Excel row number as the index (``ROW_INDEX``).
``frame.attrs`` carries the sheet name, the file name and the column letters, so a finding
can name its exact cell.

Two optional capabilities, for exporting the printable documents (``document_export``):

- ``SavesCopy``: ``save_copy(folder)`` writes the workbook *as it is now* (unsaved changes
  included) to a new file in ``folder`` and leaves the workbook itself untouched: not saved,
  not renamed. ``LiveWorkbook`` does it with Excel's ``Workbook.SaveCopyAs``. The export
  then runs on that file, the same code as for ``FileWorkbook``, whose openpyxl book is
  saved into memory instead. An adapter with neither gets ``DOCUMENT_EXPORT_UNSUPPORTED``.
- ``PrintsPdf``: ``print_pdf(source, target)`` prints a workbook file to PDF with the
  adapter's own spreadsheet engine (Excel's "Save as PDF" for ``LiveWorkbook``). It is
  tried before LibreOffice, which stays the engine of the command line.

Actions never test for these: they call ``export_documents``, which does, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ocop_xl.domain.document import Document
from ocop_xl.domain.issues import Issue, Location

if TYPE_CHECKING:  # pandas is loaded by the commands that build frames, not by start-up
    import pandas as pd

# The index of a frame ``read_table`` gives: the Excel row of each row. A frame written back
# with this index name (rows kept, filtered, reordered, new ones with no row) keeps each
# row's cells that the program does not own (the staff's columns, formulas, notes) with it.
ROW_INDEX = "excel_row"


@dataclass(frozen=True)
class AuditEntry:
    """One row of the Nhật ký sheet."""

    action: str
    time: datetime
    user: str
    version: str
    duration: float
    inputs: tuple[tuple[str, str], ...] = ()  # (file name, sha256)
    counts: dict[str, int] = field(default_factory=dict)
    label: str = ""  # the action's Vietnamese name (the ribbon button's); blank: ``action``


class Workbook(Protocol):
    @property
    def name(self) -> str:
        """The workbook's file name, for messages."""

    @property
    def folder(self) -> Path | None:
        """Where the workbook lives (default place for files an action writes)."""

    def has_sheet(self, name: str) -> bool: ...

    def read_table(self, name: str) -> pd.DataFrame: ...

    def write_table(self, name: str, frame: pd.DataFrame) -> None: ...

    def write_document(self, name: str, document: Document) -> None: ...

    def status(self, text: str) -> None:
        """A short line for the user (Excel's status bar, the CLI's spinner)."""

    def progress(self, done: int, total: int, text: str = "") -> None:
        """How far a long step is (a bar in the CLI, 'done/total' in Excel's status bar)."""

    def log(self, entry: AuditEntry) -> None: ...

    def notices(self) -> list[Issue]:
        """What reading and writing the sheets found about the staff's own cells (formulas
        without a value, rows below a table, formulas kept, cells moved to Lưu trữ)."""

    def commit(self) -> None:
        """Make the writes durable (a file: one atomic save; Excel: nothing to do)."""


@runtime_checkable
class SavesCopy(Protocol):
    def save_copy(self, folder: Path) -> Path:
        """Write the workbook as it is now to a new file in ``folder`` (which exists) and
        return its path; the workbook and its own file stay as they were."""


@runtime_checkable
class PrintsPdf(Protocol):
    def print_pdf(self, source: Path, target: Path) -> Path:
        """Print the workbook file ``source`` (every sheet, its page setup as set) to the
        PDF ``target``; raise ``OcopError`` when the engine cannot."""


def location(frame: pd.DataFrame, row: Any, key: str | None = None) -> Location:
    """The cell of ``key`` in the row labelled ``row`` of a frame read by ``read_table``."""
    letters: dict[str, str] = frame.attrs.get("letters", {})
    letter = letters.get(key, "") if key else ""
    row_number = int(row) if row is not None else None
    cell = f"{letter}{row_number}" if letter and row_number is not None else ""
    return Location(
        file=frame.attrs.get("file", ""),
        sheet=frame.attrs.get("sheet", ""),
        cell=cell,
        row=row_number,
        column=letter,
        field=key or "",
    )


def records(frame: pd.DataFrame) -> list[tuple[int, dict[str, Any]]]:
    """(Excel row, {key: value}) pairs, blanks as None."""
    # Plain arrays, not ``where``/``to_dict``: pandas deep-copies ``frame.attrs`` (the
    # table's cell letters) on every operation, which costs more than the rows themselves.
    keys = list(frame.columns)
    blank = frame.isna().to_numpy()
    values = frame.to_numpy(dtype=object)
    return [
        (
            int(idx),
            {
                key: (None if is_blank else value)
                for key, value, is_blank in zip(keys, row, blanks, strict=True)
            },
        )
        for idx, row, blanks in zip(frame.index, values, blank, strict=True)
    ]
