"""Tạo tệp tổng hợp: a new master workbook laid out from a plan profile."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pandas as pd

from ocop_xl.actions.registry import log_and_commit
from ocop_xl.domain.issues import OcopError
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.profile_sheets import profile_frames
from ocop_xl.workbook.xlsm import attach_macros

NEW_MASTER_LABEL = "Tạo tệp tổng hợp"


def create_master(
    profile: Profile,
    path: Path,
    *,
    force: bool = False,
    standalone: bool = True,
    interpreter: str | None = None,
) -> ActionResult:
    """Write every sheet of the layout, the configuration sheets filled from ``profile``.
    An existing file is replaced only with ``force`` (and is backed up first). A ``.xlsm``
    path also gets the VBA project, the OCOP ribbon and the xlwings.conf sheet (with the
    xlwings VBA module inside when ``standalone``, the default: docs/excel-addin.md)."""
    started, now = time.perf_counter(), datetime.now()
    path = Path(path)
    if path.exists() and not force:
        raise OcopError("OUTPUT_EXISTS", file=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = FileWorkbook.new(path)
    frames = profile_frames(profile)
    for spec in MASTER.tables():
        frame = frames.get(spec.name, pd.DataFrame(columns=list(spec.keys)))
        wb.write_table(spec.name, frame)
    wb.book.active = 0
    macros = path.suffix.lower() == ".xlsm"
    if macros:
        attach_macros(wb.book, standalone=standalone, interpreter=interpreter)
    result = ActionResult(
        "new-master",
        counts={name: len(frame) for name, frame in frames.items() if name != "settings"},
        summary=[
            ("Tệp tổng hợp", str(path)),
            ("Hồ sơ kế hoạch", profile.id),
            ("Số trang tính", str(len(MASTER.sheet_order))),
        ],
        data={
            "workbook": str(path),
            "profile": profile.id,
            "macros": ("standalone" if standalone else "addin") if macros else None,
        },
    )
    log_and_commit(wb, "new-master", NEW_MASTER_LABEL, result, at=now, started=started)
    return result
