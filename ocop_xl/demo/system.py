"""Demo steps for the installation and the Excel workbook (check-install, build-workbook)."""

from __future__ import annotations

from collections.abc import Callable

from ocop_xl.demo.context import DemoContext
from ocop_xl.domain.report import ActionResult

STEPS: list[tuple[str, Callable[[DemoContext], ActionResult]]] = []
