"""CLI commands for the evaluation council (score sheets, scoring)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ocop_xl.cli import ReportOpt, StrictOpt, WorkbookOpt, app, run_on_master


@app.command("score-sheets")
def score_sheets(
    workbook: WorkbookOpt,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Thư mục ghi phiếu chấm điểm của các thành viên.")
    ],
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tạo phiếu chấm điểm (một tệp Excel) cho mỗi thành viên hội đồng chấm điểm."""
    run_on_master("score-sheets", workbook, report, strict, out=out)


@app.command("score")
def score(
    workbook: WorkbookOpt,
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Phiếu chấm điểm thành viên gửi lại (tệp hoặc thư mục); bỏ trống: chỉ dùng "
            "trang Chấm điểm của tệp tổng hợp.",
            show_default=False,
        ),
    ] = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tính điểm trung bình, hạng sao, kết quả; lập biên bản và danh sách đề nghị cấp tỉnh."""
    run_on_master("score", workbook, report, strict, sources=list(sources or []))
