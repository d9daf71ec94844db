"""``ocop-xl demo --pictures DIR``: every sheet and document of the demo as PNG pictures.

What the office sees, for anyone to look at without Excel: each sheet of the master, of one
file of each kind the program writes or reads (a commune template, a commune's returned
file, the copy sent back with its errors, a member's score sheet, a department's task list)
and each exported document is printed by LibreOffice to PDF, then each page to a PNG with
poppler's ``pdftoppm``.

Document sheets print with their own page setup, as the office prints them. A working sheet
(a table: Đăng ký, Kiểm tra…) has no page setup of its own; its picture copy is set to A4
landscape, one page wide, so a picture shows the sheet's columns side by side as the screen
does. The pictures are for looking at; they are never committed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from ocop_xl.domain.issues import OcopError
from ocop_xl.domain.text import slug
from ocop_xl.workbook import folders
from ocop_xl.workbook.libreoffice import convert_all

# One file of each kind besides the master: (folder of the demo, short name of the kind).
SAMPLES = (
    (folders.TEMPLATES.name, "mau-xa"),
    (folders.SUBMISSIONS.name, "ho-so-xa"),
    (folders.RETURNS.name, "tra-loi-xa"),
    (folders.SCORE_SHEETS.name, "phieu-cham"),
    (folders.TASKS.name, "phan-cong"),
)
RESOLUTION = 110  # dots per inch: an A4 page is about 1290 × 910 pixels, readable on screen


@dataclass(frozen=True)
class SheetCopy:
    """One sheet of one workbook, saved alone (the others hidden) for printing."""

    label: str  # file name stem of its pictures
    path: Path


def pick_files(demo: Path) -> list[tuple[str, Path]]:
    """The master, the first file of each sample folder, in the order of the year's work."""
    files: list[tuple[str, Path]] = []
    master = next((demo / n for n in ("ocop_master.xlsm", "ocop_master.xlsx") if (demo / n).is_file()), None)
    if master is not None:
        files.append(("tong-hop", master))
    for folder, kind in SAMPLES:
        found = sorted((demo / folder).glob("*.xlsx")) if (demo / folder).is_dir() else []
        if found:
            files.append((kind, found[0]))
    return files


def sheet_copies(kind: str, source: Path, work: Path, start: int) -> list[SheetCopy]:
    """Each visible sheet of ``source`` as its own file holding that sheet alone (LibreOffice
    prints hidden sheets too, so the others are removed, with the names pointing at them)."""
    probe = load_workbook(source, read_only=True)
    titles = [ws.title for ws in probe.worksheets if ws.sheet_state == "visible"]
    probe.close()
    copies = []
    for number, title in enumerate(titles, start=start):
        book = load_workbook(source)
        for other in [ws for ws in book.worksheets if ws.title != title]:
            book.remove(other)
        for name in list(book.defined_names):
            del book.defined_names[name]
        ws = book[title]
        ws.sheet_state = "visible"
        book.active = 0
        if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.page_setup.orientation = "landscape"
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
        label = f"{number:02d}-{kind}-{slug(title)}"
        path = work / f"{label}.xlsx"
        book.save(path)
        copies.append(SheetCopy(label, path))
    return copies


def to_png(pdf: Path, out: Path, label: str) -> list[Path]:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise OcopError("PICTURES_TOOL_MISSING", tool="pdftoppm (poppler-utils)")
    subprocess.run(
        [pdftoppm, "-png", "-r", str(RESOLUTION), str(pdf), str(out / label)],
        check=True,
        capture_output=True,
    )
    return sorted(out.glob(f"{label}-*.png"))


def render_pictures(demo: Path, out: Path) -> list[Path]:
    """PNG pictures of every sheet of the demo's files and of every exported document."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    pictures: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="ocop-hinh-") as folder:
        work = Path(folder)
        copies: list[SheetCopy] = []
        for kind, source in pick_files(demo):
            copies += sheet_copies(kind, source, work, len(copies) + 1)
        pdfs = convert_all([c.path for c in copies], "pdf", work / "pdf")
        for copy, pdf in zip(copies, pdfs, strict=True):
            pictures += to_png(pdf, out, copy.label)
        reports = folders.DOCUMENTS.beside(demo / "x")
        documents = sorted(reports.glob("*.pdf")) if reports.is_dir() else []
        for pdf in documents:
            pictures += to_png(pdf, out, f"van-ban-{pdf.stem}")
    return pictures
