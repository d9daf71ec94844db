"""Reading earlier years' masters and the office's own lists for the product register.

Any spreadsheet python-calamine reads (.xlsx, .xlsm, .xls, .ods), of any layout version:
every sheet is looked at, its header row found among its first rows by the header texts
the register knows (``layout.register.REGISTER_TABLE``: headers and aliases), and each row
under it becomes an ``Incoming`` row with its cells. A master's own sheets that hold no
certificates (Kết quả, Chấm điểm…) are left out by name; its register, Sổ giấy chứng nhận
and Đăng ký are read, in that order (the most complete first). Values are read as saved
(a formula as its last value).
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import python_calamine as calamine
from openpyxl.utils import get_column_letter

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.register.merge import HeaderMap, Incoming, map_headers
from ocop_xl.domain.text import clean, fold
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.register import HISTORY_TABLE, REGISTER_TABLE

HEADER_ROWS = 15  # the header row is looked for among the first rows of a sheet
READ_FIRST = ("product_register", "certificates", "registrations")
FIELDS: dict[str, tuple[str, ...]] = {
    c.key: (c.header, *c.aliases) for c in REGISTER_TABLE.columns if c.key != "days_left"
}
# Headers that mean something to the register but are not copied into it.
IGNORED = ("STT", "TT", "Số TT", "Số thứ tự", "Năm", "Số ngày còn lại", "Cảnh báo")


@dataclass
class SourceFile:
    path: Path
    name: str
    sha256: str = ""
    rows: list[Incoming] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # the sheets rows were read from
    issues: list[Issue] = field(default_factory=list)
    # an earlier master's Lịch sử OCOP: its rows by the history's keys (those with a key)
    history: list[dict[str, Any]] = field(default_factory=list)


def _skipped_sheets() -> set[str]:
    keep = {MASTER[name].sheet for name in READ_FIRST}
    return {fold(item.sheet) for item in MASTER.items if item.sheet not in keep}


def _order(names: list[str]) -> list[str]:
    first = [fold(MASTER[name].sheet) for name in READ_FIRST]
    return sorted(names, key=lambda n: first.index(fold(n)) if fold(n) in first else len(first))


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return value if clean(value) else None
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, date | int | float | bool | datetime):
        return value
    return None if value is None else str(value)


def _header(grid: list[list[Any]]) -> tuple[int, HeaderMap] | None:
    """The row (0-based) whose texts map most of the register's fields; at least two."""
    best: tuple[int, HeaderMap] | None = None
    for index, row in enumerate(grid[:HEADER_ROWS]):
        mapped = map_headers(row, FIELDS)
        if len(mapped.columns) >= 2 and (
            best is None or len(mapped.columns) > len(best[1].columns)
        ):
            best = (index, mapped)
    return best


def read_source(path: Path) -> SourceFile:
    """One file's rows; never raises for a bad file (the issues say why)."""
    path = Path(path)
    out = SourceFile(path, path.name)
    try:
        data = path.read_bytes()
        out.sha256 = hashlib.sha256(data).hexdigest()
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        out.issues.append(
            Issue.warning("REGISTER_IMPORT_UNREADABLE", file=path.name, reason=reason)
        )
        return out
    except Exception as exc:  # calamine raises several types for damaged files
        reason = clean(str(exc))[:120] or type(exc).__name__
        out.issues.append(
            Issue.warning("REGISTER_IMPORT_UNREADABLE", file=path.name, reason=reason)
        )
        return out
    skipped = _skipped_sheets()
    ignored = {fold(h) for h in IGNORED}
    for sheet in _order(list(book.sheet_names)):
        if fold(sheet) == fold(HISTORY_TABLE.sheet):
            out.history = _history_rows(book, sheet)
            continue
        if fold(sheet) in skipped:
            continue
        try:
            grid = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except Exception:  # a chart sheet, a damaged sheet: nothing to read there
            continue
        found = _header(grid)
        if found is None:
            continue
        header_index, mapped = found
        unmapped = [h for h in mapped.unmapped if fold(h) not in ignored]
        where = Location(file=path.name, sheet=sheet)
        if not mapped.usable:
            if "product_name" in mapped.columns or "product_id" in mapped.columns:
                headers = ", ".join(clean(h) for h in grid[header_index] if clean(h))
                out.issues.append(
                    Issue.warning("REGISTER_IMPORT_SHEET_UNUSABLE", where, headers=headers)
                )
            continue
        if unmapped:
            out.issues.append(
                Issue.warning("REGISTER_IMPORT_UNMAPPED", where, headers=", ".join(unmapped))
            )
        if mapped.repeated:
            out.issues.append(
                Issue.warning("REGISTER_IMPORT_REPEATED", where, headers=", ".join(mapped.repeated))
            )
        out.sheets.append(sheet)
        label = f"{path.name} › {sheet}"
        for offset, row in enumerate(grid[header_index + 1 :], start=header_index + 2):
            values = {
                key: _value(row[col]) if col < len(row) else None
                for key, col in mapped.columns.items()
            }
            if all(v is None for v in values.values()):
                continue
            cells = {
                key: Location(
                    file=path.name,
                    sheet=sheet,
                    cell=f"{get_column_letter(col + 1)}{offset}",
                    row=offset,
                    column=get_column_letter(col + 1),
                    field=key,
                )
                for key, col in mapped.columns.items()
            }
            first = min(mapped.columns.values())
            row_where = Location(
                file=path.name,
                sheet=sheet,
                cell=f"{get_column_letter(first + 1)}{offset}",
                row=offset,
            )
            out.rows.append(Incoming(values, cells, row_where, label))
    if not out.sheets:
        out.issues.append(Issue.warning("REGISTER_IMPORT_NOTHING", file=path.name))
    return out


def _history_rows(book: Any, sheet: str) -> list[dict[str, Any]]:
    """The events of an earlier master's history, each with its key (a row without one
    was not written by ocop_xl and is left out)."""
    try:
        grid = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception:
        return []
    fields = {c.key: (c.header,) for c in HISTORY_TABLE.columns}
    found = next(
        (
            (index, mapped)
            for index, mapped in enumerate(map_headers(row, fields) for row in grid[:HEADER_ROWS])
            if {"event", "event_key"} <= set(mapped.columns)
        ),
        None,
    )
    if found is None:
        return []
    header_index, mapped = found
    rows = []
    for row in grid[header_index + 1 :]:
        values = {
            key: _value(row[col]) if col < len(row) else None for key, col in mapped.columns.items()
        }
        if clean(values.get("event_key")) and clean(values.get("event")):
            rows.append(values)
    return rows


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)
