"""CLI commands for commune submissions: template, consolidate, returns."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ocop_xl.cli import AsOfOpt, ReportOpt, StrictOpt, WorkbookOpt, app, as_of_date, run_on_master

OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Thư mục ghi các tệp.")]


@app.command("template")
def template(
    workbook: WorkbookOpt,
    out: OutOpt,
    commune: Annotated[
        str | None,
        typer.Option("--commune", "-c", help="Chỉ tạo mẫu cho xã này (mã hoặc tên xã)."),
    ] = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tạo mẫu đăng ký sản phẩm (.xlsx) gửi các xã, mỗi xã một tệp."""
    run_on_master("template", workbook, report, strict, out=out, commune=commune)


@app.command("consolidate")
def consolidate(
    workbook: WorkbookOpt,
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="Tệp hoặc thư mục hồ sơ của các xã (.xlsx, .xlsm, .xls, .ods).",
            show_default=False,
        ),
    ],
    as_of: AsOfOpt = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tổng hợp hồ sơ đăng ký của các xã vào trang Đăng ký; lỗi ghi vào trang Kiểm tra."""
    run_on_master(
        "consolidate", workbook, report, strict, sources=list(sources), as_of=as_of_date(as_of)
    )


@app.command("returns")
def returns(
    workbook: WorkbookOpt,
    out: OutOpt,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Tạo bản trả lại cho các xã có lỗi: ô lỗi tô màu, có ghi chú và trang liệt kê lỗi."""
    run_on_master("returns", workbook, report, strict, out=out)
