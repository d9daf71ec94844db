"""CLI commands for the plan (task matrix, progress, documents)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ocop_xl.commands.base import (
    AsOfOpt,
    ReportOpt,
    StrictOpt,
    WorkbookOpt,
    app,
    as_of_date,
    out_option,
    run_on_master,
)
from ocop_xl.workbook import folders


@app.command("tasks")
def tasks(
    workbook: WorkbookOpt,
    out: Annotated[
        Path | None,
        out_option(folders.TASKS, "Thư mục ghi mỗi phòng ban một tệp nhiệm vụ để gửi."),
    ] = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Kiểm tra phân công nhiệm vụ, lập trang Phân công (phụ lục) và tệp gửi từng phòng ban."""
    run_on_master("tasks", workbook, report, strict, out=out or folders.TASKS.beside(workbook))


@app.command("progress")
def progress(
    workbook: WorkbookOpt,
    as_of: AsOfOpt = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tính số thực hiện từng chỉ tiêu, ghi trang Tiến độ và Báo cáo kết quả."""
    run_on_master("progress", workbook, report, strict, as_of=as_of_date(as_of))


@app.command("report")
def report(
    workbook: WorkbookOpt,
    out: Annotated[Path | None, out_option(folders.DOCUMENTS, "Thư mục ghi các văn bản.")] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Chuyển thêm sang PDF (cần LibreOffice).")
    ] = False,
    as_of: AsOfOpt = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Xuất các văn bản in (danh sách đăng ký, biên bản, danh sách đề nghị cấp tỉnh, dự toán,
    phụ lục phân công, báo cáo kết quả), mỗi văn bản một tệp."""
    target = out or folders.DOCUMENTS.beside(workbook)
    run_on_master("report", workbook, report, strict, out=target, pdf=pdf, as_of=as_of_date(as_of))
