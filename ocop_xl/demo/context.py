"""What every demo step gets: the output folder and a way to run an action on the master."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from ocop_xl.actions import run_action
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.file_workbook import FileWorkbook

DEMO_PROFILE = "tu-ky-2023"
MASTER_FILE = "ocop_master.xlsm"  # the demo's master has the OCOP ribbon and its macros


@dataclass
class DemoContext:
    out: Path
    console: Console | None = None
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def master(self) -> Path:
        """``ocop_master.xlsm``; a folder holding only an ``ocop_master.xlsx`` (a master
        made without macros, as some tests do) keeps using that one."""
        xlsm = self.out / MASTER_FILE
        xlsx = xlsm.with_suffix(".xlsx")
        return xlsx if xlsx.exists() and not xlsm.exists() else xlsm

    def run(self, action: str, **params: object) -> ActionResult:
        wb = FileWorkbook.open(self.master)
        return run_action(action, wb, **params)
