"""CLI commands for the evaluation council (score sheets, scoring)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ocop_xl.commands.base import ReportOpt, StrictOpt, WorkbookOpt, app, out_option, run_on_master
from ocop_xl.workbook import folders


@app.command("score-sheets")
def score_sheets(
    workbook: WorkbookOpt,
    out: Annotated[
        Path | None,
        out_option(folders.SCORE_SHEETS, "Thư mục ghi phiếu chấm điểm của các thành viên."),
    ] = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tạo phiếu chấm điểm (một tệp Excel) cho mỗi thành viên hội đồng chấm điểm."""
    target = out or folders.SCORE_SHEETS.beside(workbook)
    run_on_master("score-sheets", workbook, report, strict, out=target)


@app.command("score")
def score(
    workbook: WorkbookOpt,
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Phiếu chấm điểm thành viên gửi lại (tệp hoặc thư mục); bỏ trống: thư mục "
            f"{folders.SCORED.name} cạnh tệp tổng hợp nếu có, và trang Chấm điểm.",
            show_default=False,
        ),
    ] = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tính điểm trung bình, hạng sao, kết quả; lập biên bản và danh sách đề nghị cấp tỉnh."""
    if sources:
        chosen = list(sources)
    else:  # the ribbon's folder when it is there; the Chấm điểm sheet is always read
        default = folders.SCORED.beside(workbook)
        chosen = [default] if default.is_dir() else []
    run_on_master("score", workbook, report, strict, sources=chosen)
