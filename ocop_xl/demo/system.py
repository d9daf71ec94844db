"""Demo steps for the installation and the Excel workbook: the demo's master is the
``.xlsm`` with the OCOP ribbon (see ``DemoContext.master``); check-install reads it back."""

from __future__ import annotations

from collections.abc import Callable

from ocop_xl.demo.context import DemoContext
from ocop_xl.domain.report import ActionResult


def _check_install(ctx: DemoContext) -> ActionResult:
    return ctx.run("check-install")


STEPS: list[tuple[str, Callable[[DemoContext], ActionResult]]] = [
    ("check-install", _check_install),
]
