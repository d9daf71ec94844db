"""``dispatch(tag)``: what a ribbon button runs (through xlwings' RunPython).

The tag is an action name. ``run_tag`` does the work against any Workbook port and any
``Ui`` (tests use a FileWorkbook and a fake Ui): it finds the action in the registry at run
time, chooses its paths (folders next to the workbook, see ``ROUTES``), runs it with the
status bar showing progress, and ends with one message box. Expected errors become one
Vietnamese message; anything else is written with its traceback to ``ocop-xl-loi.log``
beside the workbook, and the message says where. The status bar and screen updating are
restored whatever happens.
"""

from __future__ import annotations

import platform
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from ocop_xl import __version__
from ocop_xl.domain.issues import Issue, OcopError
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook import folders
from ocop_xl.workbook.document_export import can_print_pdf
from ocop_xl.workbook.folders import LOG_FILE
from ocop_xl.workbook.port import Workbook

TITLE = "OCOP"
MAX_LISTED_ISSUES = 5


class Ui(Protocol):
    """What dispatch needs from Excel besides the workbook."""

    def begin(self) -> None:
        """Remember the status bar and screen updating, then turn screen updating off."""

    def end(self) -> None:
        """Put the status bar and screen updating back as they were."""

    def status(self, text: str) -> None: ...

    def progress(self, done: int, total: int, text: str = "") -> None: ...

    def alert(self, text: str, title: str, critical: bool = False) -> None: ...

    def pick_folder(self, title: str, start: Path) -> Path | Literal[False] | None:
        """The folder the user chose, ``None`` when cancelled, ``False`` when no picker
        is available here (the default folder is used then)."""


@dataclass(frozen=True)
class Route:
    """How the ribbon feeds an action: output folders (created) and input folders
    (offered in a folder picker, starting at the default) beside the workbook."""

    outputs: dict[str, str] = field(default_factory=dict)  # parameter -> folder
    inputs: dict[str, str] = field(default_factory=dict)  # parameter -> folder (a list)
    pick_title: str = ""
    extra: Callable[[Workbook], dict[str, Any]] | None = None  # more keywords, per workbook


def _report_extra(wb: Workbook) -> dict[str, Any]:
    # A PDF whenever something can print one: Excel itself for the open book, else LibreOffice
    return {"pdf": can_print_pdf(wb)}


# The folders beside the workbook: one set of names for ribbon, CLI, demo and docs.
ROUTES: dict[str, Route] = {
    "template": Route(outputs={"out": folders.TEMPLATES.name}),
    "consolidate": Route(
        inputs={"sources": folders.SUBMISSIONS.name},
        pick_title="Chọn thư mục hồ sơ các xã gửi về",
    ),
    "returns": Route(outputs={"out": folders.RETURNS.name}),
    "score-sheets": Route(outputs={"out": folders.SCORE_SHEETS.name}),
    "score": Route(
        inputs={"sources": folders.SCORED.name}, pick_title="Chọn thư mục phiếu chấm đã chấm"
    ),
    "tasks": Route(outputs={"out": folders.TASKS.name}),
    "report": Route(outputs={"out": folders.DOCUMENTS.name}, extra=_report_extra),
}


@dataclass
class Outcome:
    """What one button press ended with (tests read it; Excel shows ``message``)."""

    tag: str
    result: ActionResult | None = None
    message: str = ""
    critical: bool = False
    cancelled: bool = False
    log: Path | None = None
    params: dict[str, Any] = field(default_factory=dict)


def _actions():
    from ocop_xl.actions import ACTIONS  # at run time: the areas register on first use

    return ACTIONS


def run_tag(tag: str, wb: Workbook, ui: Ui) -> Outcome:
    outcome = Outcome(tag)
    spec = _actions().get(tag)
    label = spec.label_vi if spec else tag
    ui.begin()
    try:
        if spec is None:
            raise OcopError("ACTION_UNKNOWN", action=tag, version=__version__)
        params = route_params(tag, wb, ui)
        if params is None:
            outcome.cancelled = True
            return outcome
        outcome.params = params
        from ocop_xl.actions import run_action

        outcome.result = run_action(tag, wb, **params)
        outcome.message = result_message(outcome.result)
        outcome.critical = bool(outcome.result.errors)
    except OcopError as exc:
        outcome.message, outcome.critical = exc.message_vi, True
    except PermissionError as exc:
        issue = Issue.error("FILE_IN_USE", file=exc.filename or str(exc))
        outcome.message, outcome.critical = issue.message_vi, True
    except Exception as exc:
        outcome.log = write_log(wb, tag, exc)
        issue = Issue.error(
            "UNEXPECTED_ERROR",
            label=label,
            detail=f"{type(exc).__name__}: {exc}"[:200],
            log=str(outcome.log),
        )
        outcome.message, outcome.critical = issue.message_vi, True
    finally:
        ui.end()
    ui.alert(outcome.message, f"{TITLE} – {label}", outcome.critical)
    return outcome


def route_params(tag: str, wb: Workbook, ui: Ui) -> dict[str, Any] | None:
    """The keyword arguments of an action run from the ribbon (``None``: cancelled)."""
    route = ROUTES.get(tag)
    if route is None:
        return {}
    folder = wb.folder
    if folder is None and (route.outputs or route.inputs):
        raise OcopError("WORKBOOK_NOT_SAVED", file=wb.name)
    params: dict[str, Any] = {}
    for key, name in route.outputs.items():
        target = Path(folder) / name  # type: ignore[arg-type]  # None refused above
        params[key] = folders.prepare_output(target)  # refused with its path if unwritable
    for key, name in route.inputs.items():
        start = Path(folder) / name  # type: ignore[arg-type]  # None refused above
        start.mkdir(parents=True, exist_ok=True)
        chosen = ui.pick_folder(route.pick_title, start)
        if chosen is None:
            return None
        params[key] = [start if chosen is False else Path(chosen)]
    if route.extra is not None:
        params.update(route.extra(wb))
    return params


def result_message(result: ActionResult) -> str:
    """The message box of a finished action: its summary, then what went wrong."""
    lines = [f"{label}: {value}" for label, value in result.summary]
    lines.append(f"Lỗi / cảnh báo: {len(result.errors)} / {len(result.warnings)}")
    for issue in result.errors[:MAX_LISTED_ISSUES]:
        where = issue.location.describe_vi()
        lines.append(f"• {issue.message_vi}" + (f" ({where})" if where else ""))
    if len(result.errors) > MAX_LISTED_ISSUES:
        lines.append(f"… và {len(result.errors) - MAX_LISTED_ISSUES} lỗi khác (trang Kiểm tra).")
    for output in result.outputs[:MAX_LISTED_ISSUES]:
        lines.append(f"Đã ghi: {output}")
    return "\n".join(lines)


def write_log(wb: Workbook, tag: str, exc: BaseException) -> Path:
    """Append the traceback to the log beside the workbook (or in the temp folder)."""
    text = (
        f"=== {datetime.now():%Y-%m-%d %H:%M:%S} {tag} trên {wb.name}\n"
        f"ocop_xl {__version__}, Python {platform.python_version()}, {platform.platform()}\n"
        + "".join(traceback.format_exception(exc))
        + "\n"
    )
    places = [Path(wb.folder)] if wb.folder is not None else []
    places.append(Path(tempfile.gettempdir()))
    for place in places:
        path = place / LOG_FILE
        try:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(text)
            return path
        except OSError:
            continue
    return places[-1] / LOG_FILE


# -- Excel -------------------------------------------------------------------------------


PROGRESS_INTERVAL = 0.25  # seconds between two status bar writes of the same percent


class ExcelUi:
    """The Ui of the running Excel, through xlwings."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.app = book.app
        self._screen_updating = True
        self._shown_percent: int | None = None
        self._shown_at = float("-inf")

    # Some engines (xlwings' remote one) lack the status bar or screen updating: never
    # let that stop an action, hence the suppressed errors.
    def begin(self) -> None:
        with suppress(Exception):
            self._screen_updating = bool(self.app.screen_updating)
            self.app.screen_updating = False

    def end(self) -> None:
        with suppress(Exception):
            self.app.status_bar = False  # False gives the status bar back to Excel
        with suppress(Exception):
            self.app.screen_updating = self._screen_updating

    def status(self, text: str) -> None:
        with suppress(Exception):
            self.app.status_bar = f"{TITLE}: {text}" if text else False

    def progress(self, done: int, total: int, text: str = "") -> None:
        # Each status bar write is a round trip to Excel: over thousands of files the bar
        # moves when its percent changes or a quarter second has passed, and at the end.
        percent = done * 100 // total if total else None
        now = time.monotonic()
        if (
            done < total
            and percent == self._shown_percent
            and now - self._shown_at < PROGRESS_INTERVAL
        ):
            return
        self._shown_percent, self._shown_at = percent, now
        shown = f" ({percent} %)" if percent is not None else ""
        self.status(f"{text} {done}/{total}{shown}".strip())

    def alert(self, text: str, title: str, critical: bool = False) -> None:
        if not text:
            return
        self.app.alert(text, title=title, mode="critical" if critical else "info")

    def pick_folder(self, title: str, start: Path) -> Path | Literal[False] | None:
        try:
            dialog = self.app.api.FileDialog(4)  # msoFileDialogFolderPicker
        except Exception:
            return False
        dialog.Title = title
        dialog.InitialFileName = str(start) + "\\"
        if dialog.Show() != -1:
            return None
        return Path(dialog.SelectedItems(1))


def dispatch(tag: str) -> Outcome:
    """Entry point of the ribbon: ``RunPython "import ocop_xl.excel as x; x.dispatch('tag')"``."""
    import xlwings as xw

    from ocop_xl.excel.live_workbook import LiveWorkbook

    book = xw.Book.caller()
    ui = ExcelUi(book)
    wb = LiveWorkbook(book, on_status=ui.status, on_progress=ui.progress)
    return run_tag(tag, wb, ui)
