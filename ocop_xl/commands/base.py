"""What every command shares: the typer app, the common options, the guard that turns
errors into one Vietnamese message and an exit code, the printed result and the JSON
report, and ``run_on_master``.

Exit codes: 0 success; 1 ``--strict`` and errors were found; 2 usage error (bad option,
unknown profile, output exists); 3 the master cannot be read or written, or a file or
folder the command reads or writes (its ``--report``, its ``--out``, a backup, a temporary
file) cannot be; 4 unexpected internal error (the traceback is shown with ``--debug``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ocop_xl.workbook.folders import Folder, prepare_output

if TYPE_CHECKING:
    from ocop_xl.domain.issues import OcopError
    from ocop_xl.domain.report import ActionResult

# Start-up loads only what defines the commands: the actions (pandas, openpyxl) and the
# profiles (pydantic) are imported inside the commands that run them.

EXIT_OK, EXIT_STRICT, EXIT_USAGE, EXIT_MASTER, EXIT_INTERNAL = 0, 1, 2, 3, 4


class _Console:
    """rich's Console, made on first use: ``--version`` and ``--help`` never load it."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Any = None

    def real(self) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)


console: Any = _Console()
err_console: Any = _Console(stderr=True)
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
    from ocop_xl.domain.values import ValueProblem, parse_date

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
        from ocop_xl import __version__

        typer.echo(f"ocop-xl {__version__}")  # plain text: no rich to load for one line
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
    from ocop_xl.domain.issues import MasterError, OcopError
    from ocop_xl.workbook.atomic import close_leftovers, os_failure

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
    from rich.table import Table

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
    import json

    text = json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str)
    return (text + "\n").encode("utf-8")


def check_report(path: Path | None) -> None:
    """Refuse a ``--report`` that cannot be written before any work is done."""
    if path is not None:
        from ocop_xl.workbook.atomic import check_target

        with _guarded():
            check_target(path, "REPORT_TARGET_INVALID")


def write_report(result: ActionResult, path: Path | None) -> None:
    """The JSON report of a command that saved no master (or saved it already): whole or
    not at all, and a failure is one message (exit 3), not a traceback."""
    if path is None:
        return
    from ocop_xl.workbook.atomic import SideFile, write_file

    with _guarded():
        write_file(SideFile(path, report_bytes(result), "REPORT_NOT_WRITTEN"))


@contextmanager
def progress_reporter() -> Iterator[tuple[Callable[[str], None], Callable[[int, int, str], None]]]:
    """Status text and a progress bar on stderr (kept off stdout for scripts)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console.real(),
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
    from ocop_xl.actions import run_action
    from ocop_xl.workbook.atomic import check_target
    from ocop_xl.workbook.file_workbook import FileWorkbook

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
