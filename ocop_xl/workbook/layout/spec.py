"""The vocabulary for declaring the master workbook once: sheets, tables, columns.

Code refers to tables and columns by their English keys; the Vietnamese sheet names and
header texts appear only in these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


def _split_anchor(anchor: str) -> tuple[int, int]:
    """Column number and row of a cell such as "B4" (not openpyxl's: the commune files'
    reader, in worker processes too, would import it only for this)."""
    cell = anchor.replace("$", "").upper()
    letters = cell.rstrip("0123456789")
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    if not letters or not cell[len(letters) :].isdigit():
        raise ValueError(f"not a cell: {anchor!r}")
    return column, int(cell[len(letters) :])


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


Kind = Literal["text", "int", "money", "decimal", "score", "date", "datetime", "bool", "percent"]

# [$-42A] marks a format as Vietnamese, so LibreOffice groups thousands with "." and writes
# decimals with "," on any machine; Excel follows Windows' regional settings.
VI_FORMAT = "[$-42A]"
NUMBER_FORMATS: dict[str, str] = {
    "int": "0",
    "money": VI_FORMAT + "#,##0",
    "decimal": VI_FORMAT + "#,##0.00",
    "score": VI_FORMAT + "0.00",
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm:ss",
    "percent": VI_FORMAT + "0.0%",
    "text": "@",
}

YES_NO = ("Có", "Không")


@dataclass(frozen=True)
class Column:
    key: str  # identifier used in code and DataFrames
    header: str  # Vietnamese header text shown in the sheet
    width: float = 14
    kind: Kind = "text"
    required: bool = False  # read_table refuses the sheet when this column is missing
    choices: tuple[str, ...] = ()  # a fixed dropdown
    choices_from: tuple[str, str] | None = None  # a dropdown fed by (table, column key)
    note: str = ""  # input message shown when the cell is selected
    aliases: tuple[str, ...] = ()  # other header texts accepted when reading
    # (cell value, RGB fill) conditional colours; a number matches a number (the star), not
    # its text
    fills: tuple[tuple[str | int, str], ...] = ()
    hidden: bool = False
    wrap: bool = False
    # Declared after masters were in use (issue 14): a master's table without it still
    # reads and writes (the column is added at the table's right), even beside the staff's
    # own columns, which would otherwise be taken for it renamed.
    later: bool = False

    @property
    def number_format(self) -> str | None:
        return NUMBER_FORMATS.get(self.kind)


@dataclass(frozen=True)
class ChartSpec:
    """A bar chart drawn from a table: one category column, one or more value columns."""

    title: str
    categories: str
    values: tuple[str, ...]
    kind: Literal["col", "bar"] = "col"
    y_title: str = ""
    anchor: str | None = None  # top-left cell; default: two columns right of the table


Role = Literal["config", "input", "output", "audit"]


@dataclass(frozen=True)
class TableSheet:
    """An Excel Table on a sheet. Several tables may share a sheet at different anchors."""

    name: str  # logical name used by read_table / write_table
    sheet: str  # Vietnamese sheet name
    table: str  # Excel table name (ASCII, no spaces)
    columns: tuple[Column, ...]
    role: Role = "output"
    # The column(s) that identify a row: the staff's own cells (their columns, formulas,
    # notes) follow a row by this key when the program rewrites the table.
    key: str | tuple[str, ...] | None = None
    anchor: str = "A1"  # the table's top-left (header) cell
    title: str = ""  # optional caption written above the anchor (anchor must leave room)
    # Rows the staff type directly below the table are its rows (as Excel's auto-expansion
    # makes them): true for the tables the staff fill in (input, config) and for those set
    # here; below a table only the program fills, such a row is the staff's own.
    typed_rows: bool | None = None
    charts: tuple[ChartSpec, ...] = ()
    tab_color: str | None = None
    style: str = "TableStyleMedium2"

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"{self.name} has no column {key}")

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    @property
    def key_columns(self) -> tuple[str, ...]:
        if self.key is None:
            return ()
        return (self.key,) if isinstance(self.key, str) else tuple(self.key)

    @property
    def takes_typed_rows(self) -> bool:
        return self.typed_rows if self.typed_rows is not None else self.role in ("input", "config")

    @property
    def label(self) -> str:
        """How messages name the table: its sheet, and its title when a sheet has several."""
        return f"{self.sheet} ({self.title})" if self.title else self.sheet

    @property
    def header_row(self) -> int:
        return _split_anchor(self.anchor)[1]

    @property
    def first_col(self) -> int:
        return _split_anchor(self.anchor)[0]

    def letter(self, key: str) -> str:
        return _column_letter(self.first_col + self.keys.index(key))


@dataclass(frozen=True)
class DocumentSheet:
    """A printable sheet rendered from a ``Document`` (see ocop_xl.domain.document)."""

    name: str
    sheet: str
    tab_color: str | None = None


Sheet = TableSheet | DocumentSheet


@dataclass(frozen=True)
class Layout:
    items: tuple[Sheet, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        names = [i.name for i in self.items]
        if len(names) != len(set(names)):
            raise ValueError("layout names must be unique")
        tables = [i.table for i in self.items if isinstance(i, TableSheet)]
        if len(tables) != len(set(tables)):
            raise ValueError("Excel table names must be unique")

    def __getitem__(self, name: str) -> Sheet:
        for item in self.items:
            if item.name == name:
                return item
        raise KeyError(f"no table or document named {name!r} in the layout")

    def table(self, name: str) -> TableSheet:
        item = self[name]
        if not isinstance(item, TableSheet):
            raise TypeError(f"{name} is a document, not a table")
        return item

    def document(self, name: str) -> DocumentSheet:
        item = self[name]
        if not isinstance(item, DocumentSheet):
            raise TypeError(f"{name} is a table, not a document")
        return item

    @property
    def sheet_order(self) -> list[str]:
        seen: list[str] = []
        for item in self.items:
            if item.sheet not in seen:
                seen.append(item.sheet)
        return seen

    def tables(self, role: Role | None = None) -> list[TableSheet]:
        return [
            i for i in self.items if isinstance(i, TableSheet) and (role is None or i.role == role)
        ]
