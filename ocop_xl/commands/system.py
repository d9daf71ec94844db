"""CLI commands for the installation and the Excel workbook: check-install, help,
build-workbook, upgrade-macros."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ocop_xl.commands.base import (
    EXIT_STRICT,
    ReportOpt,
    StrictOpt,
    _guarded,
    app,
    print_result,
    write_report,
)

DEFAULT_MASTER = Path("workbooks") / "ocop_master.xlsm"

STANDALONE_HELP = (
    "--standalone (mặc định): đưa mã VBA của xlwings (lấy từ gói xlwings đã cài trên máy "
    "này) vào tệp, chạy được không cần add-in; --addin: dùng add-in xlwings "
    "(xlwings addin install)."
)
StandaloneOpt = Annotated[bool, typer.Option("--standalone/--addin", help=STANDALONE_HELP)]
KeepModeOpt = Annotated[
    bool | None,
    typer.Option(
        "--standalone/--addin",
        help="--standalone hoặc --addin; mặc định giữ cách chạy Python của tệp.",
        show_default=False,
    ),
]
InterpreterOpt = Annotated[
    str | None,
    typer.Option(
        "--interpreter",
        help="Đường dẫn python.exe ghi vào trang xlwings.conf (mặc định: python trên PATH).",
        show_default=False,
    ),
]


@app.command("check-install")
def check_install(
    workbook: Annotated[
        Path | None,
        typer.Option(
            "--workbook", "-w", help="Tệp tổng hợp cần kiểm tra macro.", show_default=False
        ),
    ] = None,
    report: ReportOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Kiểm tra cài đặt: Python, xlwings, ocop_xl, macro của tệp, hàm tự định nghĩa."""
    from ocop_xl.actions.system import check_install_result
    from ocop_xl.domain.issues import OcopError

    with _guarded():
        if workbook is not None and not workbook.is_file():
            raise OcopError("MASTER_NOT_FOUND", file=str(workbook))
        result = check_install_result(workbook)
    print_result(result)
    write_report(result, report)
    if strict and result.errors:
        raise typer.Exit(EXIT_STRICT)


@app.command("help")
def help_command() -> None:
    """Trợ giúp: các nút của thẻ OCOP và thư mục mỗi nút dùng."""
    from ocop_xl.actions.system import help_result

    print_result(help_result())


@app.command("build-workbook")
def build_workbook(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Tệp .xlsm được tạo (ghi đè nếu đã có).")
    ] = DEFAULT_MASTER,
    profile: Annotated[
        str, typer.Option("--profile", "-p", help="Mã hồ sơ kế hoạch hoặc tệp .toml.")
    ] = "tu-ky-2023",
    standalone: StandaloneOpt = True,
    interpreter: InterpreterOpt = None,
    report: ReportOpt = None,
) -> None:
    """Tạo tệp tổng hợp .xlsm có thẻ OCOP, macro và trang xlwings.conf."""
    from ocop_xl.actions.new_master import create_master
    from ocop_xl.domain.issues import OcopError
    from ocop_xl.profiles import load_profile

    with _guarded():
        if out.suffix.lower() != ".xlsm":
            raise OcopError("WORKBOOK_NOT_XLSM", file=str(out))
        result = create_master(
            load_profile(profile), out, force=True, standalone=standalone, interpreter=interpreter
        )
    print_result(result)
    write_report(result, report)


@app.command("upgrade-macros")
def upgrade_macros_command(
    workbook: Annotated[
        Path, typer.Option("--workbook", "-w", help="Tệp tổng hợp (.xlsx hoặc .xlsm).")
    ],
    standalone: KeepModeOpt = None,
    interpreter: InterpreterOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp .xlsm cùng tên đã có (có sao lưu).")
    ] = False,
    report: ReportOpt = None,
) -> None:
    """Cập nhật macro, thẻ OCOP và xlwings.conf của tệp tổng hợp, giữ nguyên dữ liệu."""
    from ocop_xl.actions.system import upgrade_macros

    with _guarded():
        result = upgrade_macros(
            workbook, standalone=standalone, interpreter=interpreter, force=force
        )
    print_result(result)
    write_report(result, report)
