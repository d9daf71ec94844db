"""The registry of actions: one function per ribbon button and CLI command, same name."""

from __future__ import annotations

import getpass
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ocop_xl import __version__
from ocop_xl.domain.issues import MasterError, OcopError
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.port import AuditEntry, Workbook


@dataclass(frozen=True)
class ActionSpec:
    name: str  # CLI command and ribbon tag
    label_vi: str  # what the ribbon button and the Kiểm tra sheet call it
    run: Callable[..., ActionResult]
    writes_master: bool = True


ACTIONS: dict[str, ActionSpec] = {}


def action(
    name: str, label_vi: str, *, writes_master: bool = True
) -> Callable[[Callable[..., ActionResult]], Callable[..., ActionResult]]:
    """Register ``fn(wb: Workbook, **params) -> ActionResult`` under ``name``."""

    def register(fn: Callable[..., ActionResult]) -> Callable[..., ActionResult]:
        if name in ACTIONS:
            raise RuntimeError(f"action registered twice: {name}")
        ACTIONS[name] = ActionSpec(name, label_vi, fn, writes_master)
        return fn

    return register


def notices_label(action_label: str) -> str:
    """The Kiểm tra label of what an action found about the master's own sheets."""
    return f"{action_label} (tệp tổng hợp)"


def _report_sheet_notices(wb: Workbook, spec: ActionSpec, result: ActionResult) -> None:
    """Formulas without a value, the staff's rows below a table, formulas kept, cells
    moved to Lưu trữ: in the action's result and on Kiểm tra (replacing its last ones)."""
    notices = getattr(wb, "notices", None)
    if notices is None:
        return
    from ocop_xl.actions.common import replace_issues

    found = notices()
    known = {(i.code, i.location.sheet, i.location.cell) for i in result.issues}
    fresh = [i for i in found if (i.code, i.location.sheet, i.location.cell) not in known]
    result.issues.extend(fresh)
    replace_issues(wb, notices_label(spec.label_vi), fresh)


def _blame_formula(wb: Workbook, exc: OcopError) -> None:
    """An action stopped at a cell whose formula has no value (read as blank): say so,
    rather than "the cell is blank"."""
    notices = getattr(wb, "notices", None)
    where = exc.issue.location
    if notices is None or not where.cell:
        return
    for notice in notices():
        if notice.code == "MASTER_FORMULA_NO_VALUE" and (
            notice.location.sheet,
            notice.location.cell,
        ) == (where.sheet, where.cell):
            raise MasterError(notice.code, notice.location, **notice.params) from exc


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a service account, a container)
        return "?"


def log_and_commit(
    wb: Workbook, name: str, label: str, result: ActionResult, *, at: datetime, started: float
) -> None:
    """Write the run's row in Nhật ký, then make every write durable: the one way every
    action, new-master and upgrade-macros end. A file is saved once, atomically, to the
    path the workbook points at (upgrade-macros points it at the .xlsm first); in Excel the
    staged writes are applied. ``started`` is the run's ``time.perf_counter()``."""
    wb.log(
        AuditEntry(
            action=name,
            time=at,
            user=current_user(),
            version=__version__,
            duration=time.perf_counter() - started,
            inputs=tuple(result.inputs),
            counts=result.all_counts(),
            label=label,
        )
    )
    wb.commit()


def load_actions(name: str | None = None) -> dict[str, ActionSpec]:
    """Every action, its area's module imported (each registers its own on import); with
    ``name``, that action's area only (an unknown name: every area)."""
    import importlib

    from ocop_xl.actions import AREA_OF, AREAS

    for area in (AREA_OF[name],) if name in AREA_OF else AREAS:
        importlib.import_module(f"ocop_xl.actions.{area}")
    return ACTIONS


def run_action(name: str, wb: Workbook, **params: Any) -> ActionResult:
    """Run an action on a workbook, log it in Nhật ký and make its writes durable."""
    spec = ACTIONS.get(name) or load_actions(name)[name]
    started = time.perf_counter()
    now = datetime.now()
    wb.status(f"{spec.label_vi}: đang thực hiện…")
    if hasattr(wb, "action_label"):
        wb.action_label = spec.label_vi  # what Lưu trữ rows say moved them there
    try:
        try:
            result = spec.run(wb, **params)
        except OcopError as exc:
            _blame_formula(wb, exc)
            raise
        if spec.writes_master:
            _report_sheet_notices(wb, spec, result)
            log_and_commit(wb, name, spec.label_vi, result, at=now, started=started)
    finally:
        wb.status("")
    return result
