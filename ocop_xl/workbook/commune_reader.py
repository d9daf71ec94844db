"""Reading commune files with python-calamine (.xlsx, .xlsm, .xls, .ods), defensively.

A file is read into memory once (hashed for the audit log), checked before any parser
sees it (size, zip bomb, encryption, kind), then its registration sheet is found by name
or by its header row, wherever title rows have pushed it. Every problem becomes an
``Issue``; nothing here ever writes to a source file.

``check_submission`` checks what was read; when a blank cell or row led to a finding, it
looks in the file for cells holding a formula without a stored value (``formula_cells``),
which read as blank, and checks the file again knowing them.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import python_calamine as calamine

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.submissions.model import SourceSheet
from ocop_xl.domain.submissions.rules import Rules
from ocop_xl.domain.submissions.validate import FileOutcome, check_file, has_blank_findings
from ocop_xl.domain.submissions.vocab import PREFILLED_FIELDS, TEMPLATE_ID
from ocop_xl.domain.text import clean, fold, is_blank
from ocop_xl.workbook.formula_cells import Cell, unsaved_formula_cells
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.submissions import (
    COMMUNE_TABLE,
    COMMUNE_TABLE_WITH_PRECHECK,
    GUIDE_SHEET,
    LISTS_SHEET,
    META_SHEET,
    RETURN_SHEET,
    TEMPLATE_CONFIRMATION,
    TEMPLATE_SHEET,
)

SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
MB = 1024 * 1024
# A filled registration is a few hundred kB at most; these limits are far above that.
MAX_FILE_BYTES = 20 * MB
MAX_INFLATED_BYTES = 100 * MB
MAX_ZIP_ENTRIES = 2000
DEFLATE_MAX_RATIO = 1032  # deflate cannot expand more than this
HEADER_SCAN_ROWS = 30  # how far down title rows may push the header row
MIN_HEADER_MATCHES = 4

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NOT_REGISTRATION = {fold(s) for s in (GUIDE_SHEET, LISTS_SHEET, META_SHEET, RETURN_SHEET)}
_META_KEY, _TEMPLATE_KEY = fold(META_SHEET), fold(TEMPLATE_SHEET)
_MASTER_SHEETS = {fold(MASTER.table("settings").sheet), fold(MASTER.table("communes").sheet)}


class SourceProblem(Exception):
    """A file that cannot be used at all: one issue says why."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


@dataclass
class ReadOutcome:
    file: str
    sha256: str = ""
    sheet: SourceSheet | None = None
    issues: list[Issue] = field(default_factory=list)
    # The sheet read again with the cells that hold a formula without a stored value (None
    # when it has none); set for the kinds of file that can have them (.xlsx, .xlsm, .ods).
    with_formulas: Callable[[], SourceSheet | None] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def refused(self) -> bool:
        return self.sheet is None


def check_submission(read: ReadOutcome, rules: Rules) -> FileOutcome:
    """``check_file`` of a file read. A formula without a stored value reads as blank, so
    when a blank cell or row led to a finding (and only then: it inflates the sheet's XML
    again), the file's cells holding one are looked for and the file is checked again
    knowing them: they are reported as what they are, not as left blank."""
    if read.sheet is None:
        raise ValueError(f"{read.file} was not read")
    outcome = check_file(read.sheet, rules)
    if read.with_formulas is not None and has_blank_findings(outcome):
        sheet = read.with_formulas()
        if sheet is not None and sheet.unsaved_formulas:
            read.sheet = sheet
            outcome = check_file(sheet, rules)
    return outcome


@lru_cache(maxsize=8192)
def header_key(text: str) -> str:
    """Headers compared without accents, case, punctuation or spaces (cached: the same
    header texts come back in every file)."""
    return _NON_WORD.sub("", fold(text))


# Every column a commune file may have: the registration, and the commune's pre-check part
# (read whatever the plan's route; the checks decide what to do with it).
_HEADERS: dict[str, str] = {}
for _col in COMMUNE_TABLE_WITH_PRECHECK.columns:
    for _text in (_col.header, *_col.aliases):
        _HEADERS.setdefault(header_key(_text), _col.key)
_LABELS = {c.key: c.header for c in COMMUNE_TABLE_WITH_PRECHECK.columns}
_REQUIRED_LABELS = [c.header for c in COMMUNE_TABLE.columns if c.required]


# -- finding the files --------------------------------------------------------------------


def expand_sources(
    sources: Iterable[Path], skip: Iterable[Path] = ()
) -> tuple[list[Path], list[Issue]]:
    """Files named, and the spreadsheets directly inside folders named (not hidden files
    nor Excel's ``~$`` lock files), each once, in a stable order."""
    skipped = {os.path.abspath(p) for p in skip}
    found: list[Path] = []
    issues: list[Issue] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            inside = _spreadsheets_in(path)
            if not inside:
                issues.append(Issue.warning("NO_SOURCES", Location(str(path))))
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            issues.append(Issue.error("SOURCE_NOT_FOUND", Location(str(path))))
    unique: list[Path] = []
    seen: set[str] = set()
    for path in found:
        key = os.path.abspath(path)
        if key not in seen and key not in skipped:
            seen.add(key)
            unique.append(path)
    return unique, issues


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def _spreadsheets_in(folder: Path) -> list[Path]:
    """The spreadsheets directly in ``folder``. Sub-folders are not searched: the office
    keeps templates, returned copies and backups in folders beside the communes' files,
    and a folder picked by mistake (Downloads) should not pull in everything under it."""
    with os.scandir(folder) as entries:
        return sorted(
            Path(entry.path)
            for entry in entries
            if entry.is_file()
            and not _hidden(entry.name)
            and os.path.splitext(entry.name)[1].lower() in SUFFIXES
        )


# -- guarding the bytes -------------------------------------------------------------------


@dataclass(frozen=True)
class ZipEntry:
    name: str
    method: int
    compressed: int
    size: int  # as declared: it may lie
    offset: int  # of the local header


_EOCD = struct.Struct("<4s4H2LH")
_CENTRAL = struct.Struct("<4s6H3L5H2L")


def zip_entries(data: bytes) -> list[ZipEntry]:
    """The central directory of an archive, read straight from the bytes (cheaper than
    ``zipfile`` for many small files); unusual archives (ZIP64, data before the archive)
    go through ``zipfile``."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + _EOCD.size > len(data):
        raise SourceProblem("FILE_UNREADABLE", detail="tệp nén hỏng")
    _, _, _, _, count, _, start, _ = _EOCD.unpack_from(data, end)
    if count == 0xFFFF or start == 0xFFFFFFFF or data[start : start + 4] != b"PK\x01\x02":
        return _zipfile_entries(data)
    entries = []
    position = start
    for _ in range(count):
        if data[position : position + 4] != b"PK\x01\x02":
            raise SourceProblem("FILE_UNREADABLE", detail="tệp nén hỏng")
        fields = _CENTRAL.unpack_from(data, position)
        method, compressed, size = fields[4], fields[8], fields[9]
        name_len, extra_len, comment_len, offset = fields[10], fields[11], fields[12], fields[16]
        if 0xFFFFFFFF in (compressed, size, offset):
            return _zipfile_entries(data)
        name = data[position + 46 : position + 46 + name_len].decode("utf-8", "replace")
        entries.append(ZipEntry(name, method, compressed, size, offset))
        position += 46 + name_len + extra_len + comment_len
    return entries


def _zipfile_entries(data: bytes) -> list[ZipEntry]:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, struct.error) as exc:
        raise SourceProblem("FILE_UNREADABLE", detail="tệp nén hỏng") from exc
    return [
        ZipEntry(i.filename, i.compress_type, i.compress_size, i.file_size, i.header_offset)
        for i in infos
    ]


def check_zip(data: bytes, limit: int = MAX_INFLATED_BYTES) -> list[ZipEntry]:
    """Refuse an archive that would inflate past ``limit`` before anything inflates it.

    Declared sizes are checked first (an honest bomb says how big it is). Sizes can lie,
    so when the compressed data could inflate past the limit at deflate's maximum ratio,
    each member is inflated in small chunks and counted, stopping at the limit."""
    try:
        entries = zip_entries(data)
    except struct.error as exc:
        raise SourceProblem("FILE_UNREADABLE", detail="tệp nén hỏng") from exc
    limit_mb = limit // MB
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.size for e in entries) > limit:
        raise SourceProblem("FILE_INFLATES_TOO_LARGE", limit_mb=limit_mb)
    bound = 0
    for entry in entries:
        if entry.method == zipfile.ZIP_STORED:
            bound += entry.compressed
        elif entry.method == zipfile.ZIP_DEFLATED:
            bound += entry.compressed * DEFLATE_MAX_RATIO
        else:
            raise SourceProblem("FILE_UNREADABLE", detail="kiểu nén không hỗ trợ")
    if bound > limit:
        _inflate_counting(data, entries, limit)
    return entries


def _inflate_counting(data: bytes, entries: list[ZipEntry], limit: int) -> None:
    total = 0
    for entry in entries:
        if entry.method != zipfile.ZIP_DEFLATED:
            total += entry.compressed
            continue
        name_len, extra_len = struct.unpack("<HH", data[entry.offset + 26 : entry.offset + 30])
        begin = entry.offset + 30 + name_len + extra_len
        pending = data[begin : begin + entry.compressed]
        inflater = zlib.decompressobj(-15)
        try:
            while pending:
                total += len(inflater.decompress(pending, 1 * MB))
                if total > limit:
                    raise SourceProblem("FILE_INFLATES_TOO_LARGE", limit_mb=limit // MB)
                pending = inflater.unconsumed_tail
        except zlib.error as exc:
            raise SourceProblem("FILE_UNREADABLE", detail="dữ liệu nén hỏng") from exc


def _ods_encrypted(data: bytes) -> bool:
    try:
        manifest = zipfile.ZipFile(io.BytesIO(data)).read("META-INF/manifest.xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SourceProblem("FILE_UNREADABLE", detail="tệp nén hỏng") from exc
    return b"encryption-data" in manifest


def _sniff(data: bytes) -> str:
    """'ooxml', 'ods', 'xls' or raise: what the bytes are, whatever the file is called."""
    if not data:
        raise SourceProblem("FILE_EMPTY")
    if data.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in data:  # an encrypted .xlsx is an OLE box around it
            raise SourceProblem("FILE_ENCRYPTED")
        return "xls"
    if data.startswith(_ZIP):
        names = {e.name for e in check_zip(data)}
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            return "ooxml"
        if "content.xml" in names:
            if "META-INF/manifest.xml" in names and _ods_encrypted(data):
                raise SourceProblem("FILE_ENCRYPTED")
            return "ods"
        raise SourceProblem("FILE_NOT_SPREADSHEET")
    raise SourceProblem("FILE_NOT_SPREADSHEET")


# -- reading ------------------------------------------------------------------------------


def read_submission(path: Path, display: str | None = None) -> ReadOutcome:
    """Read one commune file. Never raises for a bad file: the outcome carries the issue."""
    path = Path(path)
    name = display or path.name
    outcome = ReadOutcome(name)
    where = Location(name)
    try:
        stat = path.stat()
        if stat.st_size > MAX_FILE_BYTES:
            raise SourceProblem(
                "FILE_TOO_LARGE",
                size_mb=round(stat.st_size / MB, 1),
                limit_mb=MAX_FILE_BYTES // MB,
            )
        data = path.read_bytes()
        outcome.sha256 = hashlib.sha256(data).hexdigest()
        kind = _sniff(data)
        outcome.sheet = _read_book(data, kind, name, outcome, stat.st_mtime)
    except SourceProblem as problem:
        outcome.issues.append(Issue.error(problem.code, where, **problem.params))
        outcome.sheet = None
    except OSError as exc:
        outcome.issues.append(
            Issue.error("FILE_UNREADABLE", where, detail=exc.strerror or type(exc).__name__)
        )
    return outcome


def _open(data: bytes) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError as exc:
        raise SourceProblem("FILE_ENCRYPTED") from exc
    except Exception as exc:  # calamine raises several types for damaged files
        raise SourceProblem("FILE_UNREADABLE", detail=_short(exc)) from exc


def _short(exc: Exception) -> str:
    text = clean(str(exc)) or type(exc).__name__
    return text[:120]


def _read_book(
    data: bytes, kind: str, name: str, outcome: ReadOutcome, mtime: float
) -> SourceSheet:
    book = _open(data)
    try:
        names = list(book.sheet_names)
        folded = {_folded_name(n): n for n in names}
        if set(folded) >= _MASTER_SHEETS:
            raise SourceProblem("FILE_IS_MASTER")
        meta: dict[str, str] = {}
        if _META_KEY in folded:
            meta = _read_meta(book, folded[_META_KEY])
            template = meta.get("template_id", "")
            if template and template != TEMPLATE_ID:
                raise SourceProblem(
                    "FILE_OTHER_TEMPLATE", template=meta.get("template_title") or template
                )
        candidates = [folded[_TEMPLATE_KEY]] if _TEMPLATE_KEY in folded else []
        candidates += [
            n for n in names if _folded_name(n) not in _NOT_REGISTRATION and n not in candidates
        ]
        any_content = False
        for sheet_name in candidates:
            try:
                grid = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            except Exception as exc:
                raise SourceProblem("FILE_UNREADABLE", detail=_short(exc)) from exc
            if grid:
                any_content = True
            found = _header_row(grid)
            if found is None:
                continue
            if kind in ("ooxml", "ods"):
                # Not the outcome itself: a cycle would keep the bytes and grid of every
                # file alive until the garbage collector runs.
                outcome.with_formulas = partial(
                    _with_formulas,
                    data,
                    kind,
                    grid,
                    found,
                    name,
                    sheet_name,
                    meta,
                    outcome.sha256,
                    mtime,
                )
            return _sheet(grid, found, name, sheet_name, meta, outcome, mtime)
        if not any_content and not meta:
            raise SourceProblem("FILE_EMPTY")
        if _TEMPLATE_KEY in folded:
            raise SourceProblem(
                "HEADER_NOT_FOUND",
                sheet=folded[_TEMPLATE_KEY],
                required=", ".join(_REQUIRED_LABELS),
            )
        raise SourceProblem("SHEET_NOT_FOUND", sheets=", ".join(names))
    finally:
        book.close()


@lru_cache(maxsize=1024)
def _folded_name(name: str) -> str:
    return fold(name)


@lru_cache(maxsize=4096)
def _header_text(text: str) -> str:
    """A header cell cleaned (cached: the same headers come back in every file)."""
    return clean(text)


def _read_meta(book: calamine.CalamineWorkbook, sheet: str) -> dict[str, str]:
    meta = {}
    for row in book.get_sheet_by_name(sheet).to_python(skip_empty_area=False):
        if len(row) >= 2 and not is_blank(row[0]):
            value = row[1]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            meta[clean(row[0])] = clean(value)
    return meta


def _header_row(grid: list[list[Any]]) -> int | None:
    """Index of the row that looks most like the template's header row."""
    best, best_score = None, 0
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        keys = {_HEADERS.get(header_key(v)) for v in row if isinstance(v, str) and v}
        keys.discard(None)
        if "product_name" in keys and len(keys) >= MIN_HEADER_MATCHES and len(keys) > best_score:
            best, best_score = index, len(keys)
            if best_score >= len(COMMUNE_TABLE.columns):
                break  # every registration column found: no later row can match better
    return best


def _blank_row(row: list[Any], typed: list[int], contiguous: bool, blank: list[str]) -> bool:
    if contiguous and len(row) > typed[-1]:
        return row[typed[0] : typed[-1] + 1] == blank
    return all(row[i] == "" for i in typed if i < len(row))


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _with_formulas(
    data: bytes,
    kind: str,
    grid: list[list[Any]],
    header_index: int,
    name: str,
    sheet_name: str,
    meta: dict[str, str],
    sha256: str,
    mtime: float,
) -> SourceSheet | None:
    """The sheet as ``_sheet`` reads it, knowing its cells that hold a formula without a
    stored value (its header findings, already reported, go nowhere this time); None when
    the sheet has no such cell."""
    formulas = unsaved_formula_cells(data, kind, sheet_name)
    if not formulas:
        return None
    again = ReadOutcome(name, sha256)
    return _sheet(grid, header_index, name, sheet_name, meta, again, mtime, formulas)


def _sheet(
    grid: list[list[Any]],
    header_index: int,
    name: str,
    sheet_name: str,
    meta: dict[str, str],
    outcome: ReadOutcome,
    mtime: float,
    formulas: set[Cell] | None = None,
) -> SourceSheet:
    header = grid[header_index]
    letters: dict[str, str] = {}
    extra: dict[str, str] = {}
    columns: list[tuple[int, str]] = []
    for index, raw in enumerate(header):
        if is_blank(raw):
            continue
        letter = _letter(index)
        text = _header_text(raw) if isinstance(raw, str) else clean(raw)
        key = _HEADERS.get(header_key(text))
        if key is None or key in letters:
            extra[text] = letter
            columns.append((index, text))
            outcome.issues.append(
                Issue.warning(
                    "EXTRA_COLUMN",
                    Location(
                        name, sheet_name, f"{letter}{header_index + 1}", header_index + 1, letter
                    ),
                    header=text,
                    column=letter,
                )
            )
            continue
        letters[key] = letter
        columns.append((index, key))
        if text != _LABELS[key]:
            outcome.issues.append(
                Issue.warning(
                    "HEADER_MATCHED",
                    Location(
                        name,
                        sheet_name,
                        f"{letter}{header_index + 1}",
                        header_index + 1,
                        letter,
                        key,
                    ),
                    found=text,
                    expected=_LABELS[key],
                    column=letter,
                )
            )
    rows: list[tuple[int, dict[str, object]]] = []
    # Columns a commune fills in; a row with none of them is blank (the template
    # pre-fills STT and the commune) and travels as an empty dict. Blank cells stay "".
    typed = sorted(index for index, key in columns if key not in PREFILLED_FIELDS)
    last = max(index for index, _ in columns)
    contiguous = bool(typed) and typed == list(range(typed[0], typed[-1] + 1))
    blank = [""] * len(typed)
    body = grid[header_index + 1 :]
    # The template's confirmation and signatures under the table are not rows of the form.
    mark = fold(TEMPLATE_CONFIRMATION)
    for i, raw_row in enumerate(body):
        if any(
            isinstance(v, str) and v.lstrip()[:1] in ("X", "x") and fold(v).startswith(mark)
            for v in raw_row
        ):
            body = body[:i]
            break
    unsaved = _unsaved(grid, header_index, letters, formulas) if formulas else {}
    if unsaved and max(unsaved) > len(grid):  # calamine stops at the last value it read
        body = [*body, *[[] for _ in range(max(unsaved) - len(grid))]]
    end = len(body)
    while end and _blank_row(body[end - 1], typed, contiguous, blank):
        end -= 1  # trailing template rows: nothing to read
    if unsaved:  # a row of formulas without values reads blank but is not
        end = max(end, max(unsaved) - header_index - 1)
    for offset, raw_row in enumerate(body[:end], start=header_index + 2):
        if len(raw_row) <= last:
            raw_row = [*raw_row, *[""] * (last + 1 - len(raw_row))]
        if _blank_row(raw_row, typed, contiguous, blank) and offset not in unsaved:
            rows.append((offset, {}))
        else:
            rows.append((offset, {key: raw_row[index] for index, key in columns}))
    return SourceSheet(
        file=name,
        sheet=sheet_name,
        sha256=outcome.sha256,
        rows=tuple(rows),
        letters=letters,
        labels=dict(_LABELS),
        meta=meta,
        extra_columns=extra,
        modified=mtime,
        unsaved_formulas=unsaved,
    )


def _unsaved(
    grid: list[list[Any]], header_index: int, letters: dict[str, str], formulas: set[Cell]
) -> dict[int, tuple[str, ...]]:
    """Row number -> the fields whose cell below the header holds a formula without a
    stored value and reads blank (columns outside the form are not looked at)."""
    by_letter = {letter: key for key, letter in letters.items()}
    found: dict[int, list[str]] = {}
    for row, col in sorted(formulas):
        key = by_letter.get(_letter(col))
        if key is None or row <= header_index:
            continue
        if row < len(grid) and col < len(grid[row]) and grid[row][col] != "":
            continue  # calamine read a value: not blank
        found.setdefault(row + 1, []).append(key)
    return {row: tuple(keys) for row, keys in found.items()}
