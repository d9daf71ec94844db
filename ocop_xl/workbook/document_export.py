"""Printable documents of the master, each exported to its own workbook (and PDF).

The document sheets (Biên bản, Dự toán kinh phí, Phân công…) are rendered in the master by
the actions that own them. Here each is copied out whole, with its page setup, to a file of
its own that can be sent or printed, and converted to PDF by LibreOffice headless.

The master in memory is written once to a buffer and reduced to its document sheets; each
document is a fresh load of that small buffer with every other sheet and every
workbook-level name removed, so nothing in the exported file points into a sheet it does
not have, and the page setup, print titles and footers travel with the sheet untouched.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook as OpenpyxlBook
from openpyxl import load_workbook

from ocop_xl.domain.issues import Issue, Location, OcopError
from ocop_xl.domain.text import slug
from ocop_xl.workbook.atomic import check_writable
from ocop_xl.workbook.layout.spec import DocumentSheet
from ocop_xl.workbook.libreoffice import convert, find_soffice
from ocop_xl.workbook.port import Workbook

Outcome = Literal["exported", "no_data", "failed"]


@dataclass
class ExportedDocument:
    name: str  # layout name
    sheet: str
    outcome: Outcome
    xlsx: Path | None = None
    pdf: Path | None = None

    @property
    def outcome_vi(self) -> str:
        if self.outcome == "no_data":
            return "chưa có dữ liệu"
        if self.outcome == "failed":
            return "không xuất được"
        return self.xlsx.name + (f", {self.pdf.name}" if self.pdf else "") if self.xlsx else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "sheet": self.sheet,
            "status": self.outcome,
            "xlsx": str(self.xlsx) if self.xlsx else None,
            "pdf": str(self.pdf) if self.pdf else None,
        }


def save_output(book: OpenpyxlBook, path: Path) -> Path:
    """Write a generated file whole or not at all; refuse one open in Excel."""
    path.parent.mkdir(parents=True, exist_ok=True)
    check_writable(path)
    temp = path.with_name(f".{path.stem}.tmp-{os.getpid()}{path.suffix}")
    try:
        book.save(temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


def _openpyxl_book(wb: Workbook, sheet: str = "") -> OpenpyxlBook:
    book = getattr(wb, "book", None)
    if not isinstance(book, OpenpyxlBook):
        raise OcopError("DOCUMENT_EXPORT_UNSUPPORTED", Location(file=wb.name, sheet=sheet))
    return book


def sheet_is_empty(wb: Workbook, spec: DocumentSheet) -> bool:
    """True when the document's sheet is missing or holds no value at all."""
    own = getattr(wb, "document_is_empty", None)
    if callable(own):  # an adapter that knows better (the live Excel book)
        return bool(own(spec.name))
    book = _openpyxl_book(wb, spec.sheet)
    if spec.sheet not in book.sheetnames:
        return True
    ws = book[spec.sheet]
    return all(value is None for row in ws.iter_rows(values_only=True) for value in row)


def _keep_only(data: bytes, sheets: Collection[str]) -> OpenpyxlBook:
    """A fresh copy of a saved workbook with only ``sheets`` and no workbook-level names."""
    book = load_workbook(BytesIO(data))
    for ws in list(book.worksheets):
        if ws.title not in sheets:
            book.remove(ws)
    for name in list(book.defined_names):
        del book.defined_names[name]
    book.active = 0
    return book


def _documents_snapshot(book: OpenpyxlBook, sheets: Collection[str]) -> bytes:
    """The document sheets alone, saved: each export then loads this small file rather
    than the whole master with its tables."""
    whole = BytesIO()
    book.save(whole)
    small = BytesIO()
    _keep_only(whole.getvalue(), sheets).save(small)
    return small.getvalue()


def export_documents(
    wb: Workbook,
    documents: Sequence[tuple[DocumentSheet, bool | None]],
    out_dir: Path,
    *,
    pdf: bool = False,
) -> tuple[list[ExportedDocument], list[Issue]]:
    """Export each document to ``out_dir`` as "NN-<sheet>.xlsx" (and .pdf with ``pdf``).

    ``documents`` pairs each document with whether it has data: ``True`` / ``False`` when
    the caller knows from the document's source table, ``None`` to judge by the sheet."""
    out_dir = Path(out_dir)
    issues: list[Issue] = []
    results: list[ExportedDocument] = []
    can_pdf = pdf and _soffice_available()
    if pdf and not can_pdf:
        issues.append(Issue.error("LIBREOFFICE_MISSING"))
    own_export = getattr(wb, "export_document", None)
    snapshot: bytes | None = None
    for number, (spec, has_data) in enumerate(documents, start=1):
        wb.progress(number - 1, len(documents), "Xuất văn bản")
        target = out_dir / f"{number:02d}-{slug(spec.sheet)}.xlsx"
        try:
            if has_data is None:
                has_data = not sheet_is_empty(wb, spec)
            if not has_data:
                results.append(ExportedDocument(spec.name, spec.sheet, "no_data"))
                continue
            wb.status(f"Xuất văn bản “{spec.sheet}”…")
            if callable(own_export):
                own_export(spec.name, target)
            else:
                if snapshot is None:
                    sheets = {d.sheet for d, _ in documents}
                    snapshot = _documents_snapshot(_openpyxl_book(wb, spec.sheet), sheets)
                save_output(_keep_only(snapshot, {spec.sheet}), target)
        except OcopError as exc:
            issues.append(exc.issue)
            results.append(ExportedDocument(spec.name, spec.sheet, "failed"))
            continue
        done = ExportedDocument(spec.name, spec.sheet, "exported", xlsx=target)
        if can_pdf:
            done.pdf = _to_pdf(target, issues)
        results.append(done)
    wb.progress(len(documents), len(documents), "Xuất văn bản")
    return results, issues


def _soffice_available() -> bool:
    """LibreOffice is found, and a path set in OCOP_XL_SOFFICE really exists."""
    soffice = find_soffice()
    return soffice is not None and (shutil.which(soffice) is not None or Path(soffice).is_file())


def _to_pdf(source: Path, issues: list[Issue]) -> Path | None:
    try:
        return convert(source, "pdf", source.parent)
    except OcopError as exc:
        issues.append(exc.issue)
    except OSError as exc:  # soffice vanished or cannot start
        issues.append(
            Issue.error("LIBREOFFICE_FAILED", Location(file=source.name), detail=str(exc))
        )
    return None
