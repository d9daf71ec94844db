"""One workbook per department: its tasks, its role in each, deadlines, expected outputs.

Each file holds one printable sheet rendered like every other document (national header,
A4 landscape, Times New Roman), ready to send. Files are written whole or not at all; a
file open in Excel is reported and the others are still written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook as OpenpyxlBook

from ocop_xl.domain.issues import Issue, OcopError
from ocop_xl.domain.plan_documents import department_tasks
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.tasks import TaskMatrix
from ocop_xl.domain.text import slug
from ocop_xl.workbook.document_export import save_output
from ocop_xl.workbook.document_sheet import render_document
from ocop_xl.workbook.layout.plan import DEPARTMENT_SHEET, PLAN_TAB


def department_file_name(code: str) -> str:
    return f"phan-cong-{slug(code)}.xlsx"


def write_department_workbooks(
    profile: Profile, matrix: TaskMatrix, out_dir: Path, day: date | None
) -> tuple[list[tuple[str, Path]], list[Issue]]:
    """(department code, file) for each department that has a task, and any file that
    could not be written. Departments without a task get no file (the check says why)."""
    written: list[tuple[str, Path]] = []
    issues: list[Issue] = []
    for load in matrix.loads:
        if not load.tasks:
            continue
        book = OpenpyxlBook()
        ws = book.active
        ws.title = DEPARTMENT_SHEET
        ws.sheet_properties.tabColor = PLAN_TAB
        render_document(ws, department_tasks(profile, matrix, load, day))
        target = Path(out_dir) / department_file_name(load.department.code)
        try:
            written.append((load.department.code, save_output(book, target)))
        except OcopError as exc:
            issues.append(exc.issue)
    return written, issues
