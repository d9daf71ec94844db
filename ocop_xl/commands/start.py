"""The first commands of the year: a new master, its configuration checked, the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ocop_xl.commands.base import (
    ReportOpt,
    StrictOpt,
    WorkbookOpt,
    _guarded,
    app,
    check_report,
    console,
    print_result,
    run_on_master,
    write_report,
)


@app.command("new-master")
def new_master(
    out: Annotated[Path, typer.Option("--out", "-o", help="Đường dẫn tệp tổng hợp mới (.xlsx).")],
    profile: Annotated[
        str, typer.Option("--profile", "-p", help="Mã hồ sơ kế hoạch hoặc tệp .toml.")
    ] = "tu-ky-2023",
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có (có sao lưu).")] = False,
    standalone: Annotated[
        bool,
        typer.Option(
            "--standalone/--addin",
            help="Tệp .xlsm: --standalone (mặc định) mang mã VBA của xlwings đã cài, "
            "--addin dùng add-in xlwings.",
        ),
    ] = True,
    report: ReportOpt = None,
) -> None:
    """Tạo tệp Excel tổng hợp mới từ hồ sơ kế hoạch (.xlsx, hoặc .xlsm có thẻ OCOP)."""
    from ocop_xl.actions.new_master import create_master
    from ocop_xl.profiles import load_profile

    check_report(report)
    with _guarded():
        result = create_master(load_profile(profile), out, force=force, standalone=standalone)
    print_result(result)
    write_report(result, report)


@app.command("check-config")
def check_config(
    workbook: WorkbookOpt, report: ReportOpt = None, strict: StrictOpt = False
) -> None:
    """Kiểm tra các trang cấu hình của tệp tổng hợp; lỗi ghi vào trang Kiểm tra."""
    run_on_master("check-config", workbook, report, strict)


@app.command("demo")
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="Thư mục ghi dữ liệu mẫu.")] = Path(
        "demo"
    ),
    qd_1489: Annotated[
        bool,
        typer.Option(
            "--qd-1489",
            help="Chạy thử quy trình sau 2025 (QĐ 1489): xã kiểm tra hồ sơ, tỉnh chấm điểm, "
            "quyết định công nhận 3-4 sao, danh sách đề xuất Bộ (hồ sơ hai-phong-2025).",
        ),
    ] = False,
    pictures: Annotated[
        Path | None,
        typer.Option(
            "--pictures",
            help="Thư mục ghi hình ảnh (PNG) của mọi trang tính và văn bản, in bằng LibreOffice.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Chạy thử toàn bộ với dữ liệu mẫu: tạo tệp tổng hợp, hồ sơ các xã và mọi chức năng."""
    from ocop_xl.demo import run_demo
    from ocop_xl.demo.pictures import render_pictures
    from ocop_xl.demo.province import run_province_demo

    with _guarded():
        if qd_1489:
            outcomes = run_province_demo(out, console=console.real())
        else:
            outcomes = run_demo(out, console=console.real())
        drawn = render_pictures(out, pictures) if pictures is not None else []
    from rich.table import Table

    table = Table(title=f"Chạy thử: {out}", title_justify="left")
    for header in ("Bước", "Kết quả", "Lỗi", "Cảnh báo"):
        table.add_column(header)
    for step, result in outcomes:
        table.add_row(step, "xong", str(len(result.errors)), str(len(result.warnings)))
    console.print(table)
    from ocop_xl.demo.register import SHOWN

    for step, result in outcomes:  # the register's alerts, as the office would read them
        if step in SHOWN:
            print_result(result)
    if pictures is not None:
        console.print(f"Hình ảnh: {len(drawn)} tệp PNG trong {pictures}")


# The commands of each area register themselves on ``app`` (ocop_xl/commands/).
