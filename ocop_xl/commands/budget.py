"""CLI commands for the support budget (tally, estimate)."""

from __future__ import annotations

from typing import Annotated

import typer

from ocop_xl.commands.base import ReportOpt, StrictOpt, WorkbookOpt, app, run_on_master


@app.command("budget")
def budget(
    workbook: WorkbookOpt,
    report: ReportOpt = None,
    strict: StrictOpt = False,
    prefill: Annotated[
        bool,
        typer.Option(
            "--prefill",
            help="Trước khi tổng hợp, thêm vào trang Kinh phí các dòng theo nội dung đề nghị "
            "hỗ trợ trong phiếu đăng ký (không sửa dòng đã có).",
        ),
    ] = False,
) -> None:
    """Tổng hợp kinh phí theo nguồn vốn, kiểm tra vượt nguồn và lập dự toán kinh phí."""
    run_on_master("budget", workbook, report, strict, prefill=prefill)
