"""Printable documents of the master, each exported to its own workbook (and PDF).

The document sheets (Biên bản, Dự toán kinh phí, Phân công…) are rendered in the master by
the actions that own them. Here each is copied out whole, with its page setup, to a file of
its own that can be sent or printed, and printed to PDF.

One code path for every Workbook port: the workbook as it is now is saved once as a file
(``workbook_copy``: a FileWorkbook's openpyxl book into memory, the book open in Excel
through ``SaveCopyAs`` to a temporary file, see ``port.SavesCopy``) and reduced to its
document sheets; each document is a fresh load of that small copy with every other sheet
and every workbook-level name removed, so nothing in the exported file points into a sheet
it does not have, and the page setup, print titles and footers travel with the sheet
untouched. Whether a document has data is judged on the same copy.

PDFs: the adapter's own engine first (Excel, ``port.PrintsPdf``), then LibreOffice headless;
each exported .xlsx is printed as the file it is.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook as OpenpyxlBook
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ocop_xl.domain.issues import Issue, Location, OcopError
from ocop_xl.domain.text import slug
from ocop_xl.workbook.atomic import check_writable
from ocop_xl.workbook.document_sheet import mark_draft
from ocop_xl.workbook.layout.spec import DocumentSheet
from ocop_xl.workbook.libreoffice import convert, find_soffice
from ocop_xl.workbook.port import PrintsPdf, SavesCopy, Workbook

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


def workbook_copy(wb: Workbook) -> bytes:
    """The workbook as it is now, as the bytes of a saved file; the workbook is untouched.

    The one place that knows how each adapter gives itself as a file: an adapter that
    ``SavesCopy`` writes a copy (Excel: ``SaveCopyAs``), a ``FileWorkbook`` saves its openpyxl
    book into memory (its unsaved changes included)."""
    if isinstance(wb, SavesCopy):
        with tempfile.TemporaryDirectory(prefix="ocop-ban-sao-") as folder:
            return wb.save_copy(Path(folder)).read_bytes()
    book = getattr(wb, "book", None)
    if isinstance(book, OpenpyxlBook):
        whole = BytesIO()
        book.save(whole)
        return whole.getvalue()
    raise OcopError("DOCUMENT_EXPORT_UNSUPPORTED", Location(file=wb.name))


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


@dataclass(frozen=True)
class DocumentsSnapshot:
    """The document sheets alone, saved once (each export loads this small file rather than
    the whole master with its tables), and which of them hold no value at all."""

    data: bytes
    empty: frozenset[str]  # missing sheets count as empty

    @classmethod
    def of(cls, wb: Workbook, sheets: Collection[str]) -> DocumentsSnapshot:
        try:
            book = _keep_only(workbook_copy(wb), sheets)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise OcopError(
                "WORKBOOK_COPY_FAILED", Location(file=wb.name), detail=type(exc).__name__
            ) from exc
        filled = {
            ws.title
            for ws in book.worksheets
            if any(value is not None for row in ws.iter_rows(values_only=True) for value in row)
        }
        small = BytesIO()
        book.save(small)
        return cls(small.getvalue(), frozenset(set(sheets) - filled))

    def document(self, sheet: str) -> OpenpyxlBook:
        return _keep_only(self.data, {sheet})


def export_documents(
    wb: Workbook,
    documents: Sequence[tuple[DocumentSheet, bool | None]],
    out_dir: Path,
    *,
    pdf: bool = False,
    drafts: Mapping[str, int] | None = None,
) -> tuple[list[ExportedDocument], list[Issue]]:
    """Export each document to ``out_dir`` as "NN-<sheet>.xlsx" (and .pdf with ``pdf``).

    ``documents`` pairs each document with whether it has data: ``True`` / ``False`` when
    the caller knows from the document's source table, ``None`` to judge by the sheet.
    Works on any Workbook port the same way: the documents are read from one saved copy
    of the workbook (``workbook_copy``), never from the adapter itself. ``drafts`` gives a
    document's open errors as the export is made: above 0 its page header says DỰ THẢO and
    the count on every page, 0 clears the mark; a document not named is left as it is."""
    out_dir = Path(out_dir)
    issues: list[Issue] = []
    results: list[ExportedDocument] = []
    engines = pdf_engines(wb) if pdf else []
    if pdf and not engines:
        issues.append(Issue.error("LIBREOFFICE_MISSING"))
    snapshot: DocumentsSnapshot | None = None
    if any(has_data is not False for _, has_data in documents):
        wb.status("Chuẩn bị xuất văn bản…")
        try:
            snapshot = DocumentsSnapshot.of(wb, {spec.sheet for spec, _ in documents})
        except OcopError as exc:  # said once; every document that needed it fails
            issues.append(exc.issue)
    for number, (spec, has_data) in enumerate(documents, start=1):
        wb.progress(number - 1, len(documents), "Xuất văn bản")
        target = out_dir / f"{number:02d}-{slug(spec.sheet)}.xlsx"
        if has_data is False or (
            has_data is None and snapshot is not None and spec.sheet in snapshot.empty
        ):
            results.append(ExportedDocument(spec.name, spec.sheet, "no_data"))
            continue
        if snapshot is None:
            results.append(ExportedDocument(spec.name, spec.sheet, "failed"))
            continue
        wb.status(f"Xuất văn bản “{spec.sheet}”…")
        book = snapshot.document(spec.sheet)
        if drafts is not None and spec.name in drafts:
            mark_draft(book[spec.sheet], drafts[spec.name])
        try:
            save_output(book, target)
        except OcopError as exc:
            issues.append(exc.issue)
            results.append(ExportedDocument(spec.name, spec.sheet, "failed"))
            continue
        done = ExportedDocument(spec.name, spec.sheet, "exported", xlsx=target)
        if engines:
            done.pdf = _to_pdf(target, engines, issues)
        results.append(done)
    wb.progress(len(documents), len(documents), "Xuất văn bản")
    return results, issues


PdfEngine = Callable[[Path], Path]  # a workbook file -> the PDF written beside it


def pdf_engines(wb: Workbook) -> list[PdfEngine]:
    """Who can print to PDF here, best first: the adapter's own engine (Excel, when the
    workbook is open in it: what its print preview shows, and already running), then
    LibreOffice headless when it is installed (the command line's only engine)."""
    engines: list[PdfEngine] = []
    if isinstance(wb, PrintsPdf):
        engines.append(lambda source: wb.print_pdf(source, source.with_suffix(".pdf")))
    if _soffice_available():
        engines.append(_libreoffice_pdf)
    return engines


def can_print_pdf(wb: Workbook) -> bool:
    """Whether ``export_documents(..., pdf=True)`` has an engine for ``wb``."""
    return bool(pdf_engines(wb))


def _soffice_available() -> bool:
    """LibreOffice is found, and a path set in OCOP_XL_SOFFICE really exists."""
    soffice = find_soffice()
    return soffice is not None and (shutil.which(soffice) is not None or Path(soffice).is_file())


def _libreoffice_pdf(source: Path) -> Path:
    try:
        return convert(source, "pdf", source.parent)
    except OSError as exc:  # soffice vanished or cannot start
        raise OcopError("LIBREOFFICE_FAILED", Location(file=source.name), detail=str(exc)) from exc


def _to_pdf(source: Path, engines: Sequence[PdfEngine], issues: list[Issue]) -> Path | None:
    """The PDF of the first engine that prints ``source``. Failures are reported only when
    no engine managed: Excel may fail (no printer installed) where LibreOffice succeeds."""
    failures: list[Issue] = []
    for engine in engines:
        try:
            return engine(source)
        except OcopError as exc:
            failures.append(exc.issue)
    issues.extend(failures)
    return None
