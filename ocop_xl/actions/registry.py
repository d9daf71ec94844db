"""The registry of actions: one function per ribbon button and CLI command, same name."""

from __future__ import annotations

import getpass
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ocop_xl import __version__
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.port import AuditEntry, Workbook


@dataclass(frozen=True)
class ActionSpec:
    name: str  # CLI command and ribbon tag
    label_vi: str  # what the ribbon button and the Kiểm tra sheet call it
    run: Callable[..., ActionResult]
    writes_master: bool = True


ACTIONS: dict[str, ActionSpec] = {}


def action(name: str, label_vi: str, *, writes_master: bool = True):
    """Register ``fn(wb: Workbook, **params) -> ActionResult`` under ``name``."""

    def register(fn: Callable[..., ActionResult]) -> Callable[..., ActionResult]:
        if name in ACTIONS:
            raise RuntimeError(f"action registered twice: {name}")
        ACTIONS[name] = ActionSpec(name, label_vi, fn, writes_master)
        return fn

    return register


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a service account, a container)
        return "?"


def run_action(name: str, wb: Workbook, **params: Any) -> ActionResult:
    """Run an action on a workbook, log it in Nhật ký and make its writes durable."""
    spec = ACTIONS[name]
    started = time.perf_counter()
    now = datetime.now()
    wb.status(f"{spec.label_vi}: đang thực hiện…")
    try:
        result = spec.run(wb, **params)
        if spec.writes_master:
            wb.log(
                AuditEntry(
                    action=name,
                    time=now,
                    user=current_user(),
                    version=__version__,
                    duration=time.perf_counter() - started,
                    inputs=tuple(result.inputs),
                    counts=result.all_counts(),
                )
            )
            wb.commit()
    finally:
        wb.status("")
    return result
