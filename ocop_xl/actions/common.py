"""Pieces several actions share."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ocop_xl.domain.issues import Issue, MasterError
from ocop_xl.domain.products import Product
from ocop_xl.domain.text import clean, is_blank
from ocop_xl.domain.values import ValueProblem, parse_int
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.port import Workbook, records


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


def read_optional_table(wb: Workbook, name: str) -> pd.DataFrame | None:
    """A table of the master, or None when an older master lacks its sheet or table."""
    if not wb.has_sheet(name):
        return None
    try:
        return wb.read_table(name)
    except MasterError as exc:
        if exc.code in {"TABLE_MISSING", "SHEET_MISSING"}:
            return None
        raise


def read_products(wb: Workbook) -> tuple[list[Product], pd.DataFrame | None]:
    """The rows of Đăng ký that name a product (by ID or name), in sheet order, and the
    frame they came from (for cell locations); nothing when the sheet is missing."""
    frame = read_optional_table(wb, "registrations")
    if frame is None:
        return [], None
    products = []
    for row, rec in records(frame):
        product_id, name = clean(rec.get("product_id")), clean(rec.get("product_name"))
        if not product_id and not name:
            continue
        try:
            stars = None if is_blank(rec.get("current_stars")) else parse_int(rec["current_stars"])
        except ValueProblem:
            stars = None  # the consolidation reports a bad star count; here it counts as none
        products.append(
            Product(
                product_id=product_id,
                name=name,
                commune_code=clean(rec.get("commune_code")),
                commune=clean(rec.get("commune")),
                support=clean(rec.get("support")),
                group_code=clean(rec.get("group_code")),
                producer=clean(rec.get("producer")),
                kind=clean(rec.get("kind")),
                current_stars=stars,
                row=row,
            )
        )
    return products, frame
