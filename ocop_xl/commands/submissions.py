"""CLI commands for commune submissions: template, consolidate, returns."""

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


@app.command("template")
def template(
    workbook: WorkbookOpt,
    out: Annotated[Path | None, out_option(folders.TEMPLATES, "Thư mục ghi các tệp mẫu.")] = None,
    commune: Annotated[
        str | None,
        typer.Option("--commune", "-c", help="Chỉ tạo mẫu cho xã này (mã hoặc tên xã)."),
    ] = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tạo mẫu đăng ký sản phẩm (.xlsx) gửi các xã, mỗi xã một tệp."""
    run_on_master(
        "template",
        workbook,
        report,
        strict,
        out=out or folders.TEMPLATES.beside(workbook),
        commune=commune,
    )


@app.command("consolidate")
def consolidate(
    workbook: WorkbookOpt,
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Tệp hoặc thư mục hồ sơ của các xã (.xlsx, .xlsm, .xls, .ods); bỏ trống: "
            f"thư mục {folders.SUBMISSIONS.name} cạnh tệp tổng hợp.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tổng hợp hồ sơ đăng ký của các xã vào trang Đăng ký; lỗi ghi vào trang Kiểm tra."""
    chosen = list(sources or [folders.SUBMISSIONS.beside(workbook)])
    run_on_master("consolidate", workbook, report, strict, sources=chosen, as_of=as_of_date(as_of))


@app.command("returns")
def returns(
    workbook: WorkbookOpt,
    out: Annotated[Path | None, out_option(folders.RETURNS, "Thư mục ghi các bản trả lỗi.")] = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tạo bản trả lại cho các xã có lỗi: ô lỗi tô màu, có ghi chú và trang liệt kê lỗi."""
    run_on_master("returns", workbook, report, strict, out=out or folders.RETURNS.beside(workbook))
