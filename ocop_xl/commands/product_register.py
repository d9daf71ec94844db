"""CLI commands of the product register: ``ocop-xl registry`` (alerts) and
``ocop-xl registry import`` (earlier years' masters and lists)."""

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
    run_on_master,
)

registry_app = typer.Typer(
    help="Sổ theo dõi sản phẩm OCOP: hạn giấy chứng nhận, cảnh báo, đánh giá lại; "
    "nhập sổ của các năm trước (registry import).",
    rich_markup_mode="rich",
)
app.add_typer(registry_app, name="registry")

DaysOpt = Annotated[
    int | None,
    typer.Option(
        "--window",
        min=0,
        help="Báo giấy chứng nhận hết hạn trong số ngày này. Mặc định: trang Cấu hình (90).",
        show_default=False,
    ),
]
UrgentOpt = Annotated[
    int | None,
    typer.Option(
        "--urgent",
        min=0,
        help="Đánh dấu Khẩn khi còn không quá số ngày này. Mặc định: trang Cấu hình (30).",
        show_default=False,
    ),
]


@registry_app.callback(invoke_without_command=True)
def registry(
    ctx: typer.Context,
    workbook: Annotated[
        Path | None,
        typer.Option("--workbook", "-w", help="Tệp Excel tổng hợp (master).", show_default=False),
    ] = None,
    as_of: AsOfOpt = None,
    window: DaysOpt = None,
    urgent: UrgentOpt = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Sổ theo dõi OCOP: tình trạng giấy chứng nhận tính đến một ngày, sản phẩm sắp hết hạn,
    hết hạn chưa đánh giá lại, đến hạn đánh giá lại trong năm kế hoạch; tô màu, ghi trang
    Kiểm tra, lập danh sách in."""
    if ctx.invoked_subcommand is not None:
        return
    if workbook is None:
        raise typer.BadParameter("cần --workbook (tệp tổng hợp).", param_hint="--workbook")
    run_on_master(
        "registry",
        workbook,
        report,
        strict,
        as_of=as_of_date(as_of),
        window_days=window,
        urgent_days=urgent,
    )


@registry_app.command("import")
def registry_import(
    workbook: WorkbookOpt,
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="Tệp tổng hợp của các năm trước (mọi phiên bản) và danh sách sản phẩm OCOP "
            "của văn phòng (.xlsx, .xlsm, .xls, .ods), hoặc thư mục chứa chúng.",
            show_default=False,
        ),
    ],
    as_of: AsOfOpt = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Nhập sản phẩm OCOP của các năm trước vào sổ theo dõi: gộp theo mã sản phẩm, rồi theo
    tên sản phẩm và chủ thể; sản phẩm gần giống được báo, không gộp. Chạy lại không nhân đôi."""
    run_on_master(
        "registry-import", workbook, report, strict, sources=list(sources), as_of=as_of_date(as_of)
    )
