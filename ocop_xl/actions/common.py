"""Pieces several actions share."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ocop_xl.domain.issues import Issue
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.port import Workbook


def issue_rows(action_label: str, issues: Iterable[Issue]) -> list[dict]:
    return [
        {
            "action": action_label,
            "severity": i.severity.label_vi,
            "code": i.code,
            "file": i.location.file,
            "sheet": i.location.sheet,
            "cell": i.location.cell,
            "row": i.location.row,
            "column": i.location.column,
            "field": i.location.field,
            "message": i.message_vi,
            "message_en": i.message_en,
        }
        for i in issues
    ]


def replace_issues(wb: Workbook, action_label: str, issues: Iterable[Issue]) -> None:
    """Put an action's findings on the Kiểm tra sheet, replacing its earlier ones and
    keeping the other actions' rows."""
    keys = list(MASTER.table("issues").keys)
    kept = pd.DataFrame(columns=keys)
    if wb.has_sheet("issues"):
        try:
            existing = wb.read_table("issues")
        except Exception:  # a damaged Kiểm tra sheet is rebuilt, it holds only outputs
            existing = pd.DataFrame(columns=keys)
        if len(existing):
            kept = existing[existing["action"] != action_label]
    new = pd.DataFrame(issue_rows(action_label, issues), columns=keys)
    frames = [f for f in (kept, new) if len(f)]
    combined = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=keys)
    wb.write_table("issues", combined)
