"""Demo steps for the plan (task matrix, progress, documents). They run last, after the
submissions, the council and the budget have filled their sheets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from ocop_xl.demo.context import DemoContext
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook import folders
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

SAMPLE = "Số liệu mẫu"

# Fictional activities of the 2023 plan: the logo issued, two display points opened, a
# training held. Document numbers are made up and say so.
SAMPLE_ACTIVITIES = (
    {
        "kind": "TAPHUAN",
        "title": "Tập huấn chu trình OCOP cho chủ thể và cán bộ các xã, thị trấn",
        "date": date(2023, 4, 12),
        "quantity": 1,
        "task": "II.2",
        "evidence": "Danh sách học viên, ảnh lớp học (mẫu)",
    },
    {
        "kind": "LOGO",
        "title": "Thiết kế, phát hành Logo sản phẩm OCOP huyện Tứ Kỳ",
        "date": date(2023, 6, 15),
        "quantity": 1,
        "task": "II.4.d",
        "evidence": "Quyết định số 0000/QĐ-UBND ngày 15/06/2023 (số hiệu mẫu)",
    },
    {
        "kind": "DIEMBAN",
        "title": "Mở điểm giới thiệu và bán sản phẩm OCOP tại thị trấn Tứ Kỳ",
        "date": date(2023, 8, 20),
        "quantity": 1,
        "task": "IV.4.b",
        "evidence": "Biên bản khai trương (mẫu)",
    },
    {
        "kind": "DIEMBAN",
        "title": "Mở điểm trưng bày sản phẩm OCOP tại xã Hà Kỳ",
        "date": date(2023, 10, 5),
        "quantity": 1,
        "task": "IV.4.b",
        "evidence": "Biên bản khai trương (mẫu)",
    },
)


def _sample_activities(ctx: DemoContext) -> ActionResult:
    wb = FileWorkbook.open(ctx.master)
    keys = list(MASTER.table("activities").keys)
    rows = [{**row, "note": SAMPLE} for row in SAMPLE_ACTIVITIES]
    wb.write_table("activities", pd.DataFrame(rows, columns=keys))
    wb.commit()
    return ActionResult(
        "sample-activities",
        counts={"activities": len(rows)},
        summary=[("Hoạt động mẫu", str(len(rows)))],
    )


def _tasks(ctx: DemoContext) -> ActionResult:
    return ctx.run("tasks", out=folders.TASKS.beside(ctx.master))


def _progress(ctx: DemoContext) -> ActionResult:
    return ctx.run("progress")


def _report(ctx: DemoContext) -> ActionResult:
    return ctx.run("report", out=folders.DOCUMENTS.beside(ctx.master), pdf=True)


STEPS: list[tuple[str, Callable[[DemoContext], ActionResult]]] = [
    ("sample-activities", _sample_activities),
    ("tasks", _tasks),
    ("progress", _progress),
    ("report", _report),
]
