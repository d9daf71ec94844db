"""``ocop-xl``: every ribbon action on the command line (typer + rich).

Exit codes: 0 success; 1 ``--strict`` and errors were found; 2 usage error (bad option,
unknown profile, output exists); 3 the master cannot be read or written, or a file or
folder the command reads or writes (its ``--report``, its ``--out``, a backup, a temporary
file) cannot be; 4 unexpected internal error (the traceback is shown with ``--debug``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ocop_xl import __version__, cli_words
from ocop_xl.actions import run_action
from ocop_xl.actions.new_master import create_master
from ocop_xl.domain.issues import MasterError, OcopError
from ocop_xl.domain.report import ActionResult
from ocop_xl.domain.values import ValueProblem, parse_date
from ocop_xl.profiles import load_profile
from ocop_xl.workbook.atomic import SideFile, check_target, close_leftovers, os_failure, write_file
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.folders import Folder, prepare_output

cli_words.apply()  # click's and typer's own words in Vietnamese

EXIT_OK, EXIT_STRICT, EXIT_USAGE, EXIT_MASTER, EXIT_INTERNAL = 0, 1, 2, 3, 4

console = Console()
err_console = Console(stderr=True)
app = typer.Typer(
    name="ocop-xl",
    help="ocop_xl: chương trình OCOP của huyện trong tệp Excel tổng hợp và trên dòng lệnh.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
_state = {"debug": bool(os.environ.get("OCOP_XL_DEBUG"))}

WorkbookOpt = Annotated[
    Path, typer.Option("--workbook", "-w", help="Tệp Excel tổng hợp (master).", show_default=False)
]
ReportOpt = Annotated[
    Path | None, typer.Option("--report", help="Ghi báo cáo JSON vào tệp này.", show_default=False)
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Thoát với mã 1 khi có lỗi (dùng trong tập lệnh).")
]


def as_of_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueProblem as exc:
        raise typer.BadParameter(f"“{value}” không phải ngày ({exc.expected_vi}).") from exc


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Ngày xét số liệu (dd/mm/yyyy): hạn giấy chứng nhận, ngày hoạt động… "
        "Mặc định: ngày ghi ở trang Cấu hình, nếu trống thì hôm nay nhưng không quá "
        "31/12 năm kế hoạch.",
        show_default=False,
    ),
]


def out_option(folder: Folder, text: str) -> Any:
    """``--out`` of a command whose default is its folder beside the master (as the ribbon
    button does): ``Annotated[Path | None, out_option(folders.X, "…")] = None``."""
    return typer.Option(
        "--out",
        "-o",
        help=f"{text} Mặc định: thư mục {folder.name} cạnh tệp tổng hợp.",
        show_default=False,
    )


def _version(value: bool) -> None:
    if value:
        console.print(f"ocop-xl {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Hiện chi tiết lỗi (traceback).")] = False,
) -> None:
    if debug:
        _state["debug"] = True


@contextmanager
def _guarded() -> Iterator[None]:
    """Expected errors become one Vietnamese message and an exit code, never a traceback."""
    try:
        yield
    except MasterError as exc:
        _fail(exc, EXIT_MASTER)
    except OcopError as exc:
        _fail(exc, EXIT_USAGE)
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except OSError as exc:  # a file or folder of the command (the master's are MasterErrors)
        close_leftovers(exc)  # no "Exception ignored in ZipFile.__del__" after the message
        if _state["debug"]:
            raise
        where = exc.filename if exc.filename is not None else exc.filename2
        _fail(os_failure("FILE_ACCESS_FAILED", exc, path=str(where or "?")), EXIT_MASTER)
    except Exception as exc:
        if _state["debug"]:
            raise
        err_console.print(
            f"[bold red]Lỗi không mong đợi:[/] {type(exc).__name__}: {exc}\n"
            "Chạy lại với [bold]ocop-xl --debug …[/] để xem chi tiết và gửi cho người hỗ trợ."
        )
        raise typer.Exit(EXIT_INTERNAL) from exc


def _fail(exc: OcopError, code: int) -> None:
    if _state["debug"]:
        raise exc
    err_console.print(f"[bold red]Lỗi:[/] {exc.message_vi}")
    raise typer.Exit(code)


def print_result(result: ActionResult) -> None:
    table = Table(title=f"ocop-xl {result.action}", show_header=False, title_justify="left")
    table.add_column("", style="bold")
    table.add_column("")
    for label, value in result.summary:
        table.add_row(label, value)
    table.add_row("Lỗi / cảnh báo", f"{len(result.errors)} / {len(result.warnings)}")
    console.print(table)
    shown = result.issues[:20]
    if shown:
        issues = Table(show_lines=False, title="Vấn đề phát hiện", title_justify="left")
        for header in ("Mức độ", "Mã", "Vị trí", "Nội dung"):
            issues.add_column(header, overflow="fold")
        for issue in shown:
            style = "red" if issue.is_error else "yellow"
            issues.add_row(
                f"[{style}]{issue.severity.label_vi}[/]",
                issue.code,
                issue.location.describe_vi(),
                issue.message_vi,
            )
        console.print(issues)
        if len(result.issues) > len(shown):
            console.print(
                f"… và {len(result.issues) - len(shown)} vấn đề khác (xem trang Kiểm tra)."
            )


def report_bytes(result: ActionResult) -> bytes:
    text = json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str)
    return (text + "\n").encode("utf-8")


def check_report(path: Path | None) -> None:
    """Refuse a ``--report`` that cannot be written before any work is done."""
    if path is not None:
        with _guarded():
            check_target(path, "REPORT_TARGET_INVALID")


def write_report(result: ActionResult, path: Path | None) -> None:
    """The JSON report of a command that saved no master (or saved it already): whole or
    not at all, and a failure is one message (exit 3), not a traceback."""
    if path is None:
        return
    with _guarded():
        write_file(SideFile(path, report_bytes(result), "REPORT_NOT_WRITTEN"))


@contextmanager
def progress_reporter() -> Iterator[tuple[Callable[[str], None], Callable[[int, int, str], None]]]:
    """Status text and a progress bar on stderr (kept off stdout for scripts)."""
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )
    task_id: list[Any] = []

    def on_progress(done: int, total: int, text: str) -> None:
        if not task_id:
            task_id.append(progress.add_task(text or "", total=total))
        progress.update(task_id[0], completed=done, total=total, description=text or "")

    shown: list[str] = []

    def on_status(text: str) -> None:
        if text and task_id:
            progress.update(task_id[0], description=text)
        elif text and text not in shown:  # no bar yet (waiting for the master…): one line
            shown.append(text)
            progress.console.print(text, style="dim", highlight=False)

    with progress:
        yield on_status, on_progress


def run_on_master(
    action: str, workbook: Path, report: Path | None, strict: bool, **params: Any
) -> ActionResult:
    """Open the master, run one action, print and save what it found, set the exit code.

    What cannot be written (the ``--report``, an ``--out`` folder) is refused before any
    work. The JSON report is written beside its target before the master is replaced and
    moved into place after it: if it cannot be written, the master is not saved."""
    with _guarded(), progress_reporter() as (on_status, on_progress):
        wb = FileWorkbook.open(workbook, on_status=on_status, on_progress=on_progress)
        with wb:
            if report is not None:
                check_target(report, "REPORT_TARGET_INVALID")
            if params.get("out") is not None:
                prepare_output(Path(params["out"]))
            with wb.commit_held() as held:
                result = run_action(action, wb, **params)
                if report is not None:
                    held.also_write(report, report_bytes(result))
    print_result(result)
    if strict and result.errors:
        raise typer.Exit(EXIT_STRICT)
    return result


# -- commands ---------------------------------------------------------------------------


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
            outcomes = run_province_demo(out, console=console)
        else:
            outcomes = run_demo(out, console=console)
        drawn = render_pictures(out, pictures) if pictures is not None else []
    table = Table(title=f"Chạy thử: {out}", title_justify="left")
    for header in ("Bước", "Kết quả", "Lỗi", "Cảnh báo"):
        table.add_column(header)
    for step, result in outcomes:
        table.add_row(step, "xong", str(len(result.errors)), str(len(result.warnings)))
    console.print(table)
    if pictures is not None:
        console.print(f"Hình ảnh: {len(drawn)} tệp PNG trong {pictures}")


# The commands of each area register themselves on ``app`` (ocop_xl/commands/).
from ocop_xl import commands  # noqa: E402, F401


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err_console.print("Đã dừng.")
        sys.exit(130)


if __name__ == "__main__":
    main()
