"""What the plan's actions read from the master, turned into domain records with their cells.

Kết quả and Kinh phí belong to other areas: only their stable columns are read (results:
product_id, star, forwarded, upgrade_met; budget lines: item, product_id, amount). A sheet
that is missing or empty gives ``None`` ("chưa có dữ liệu"), never an empty count.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from ocop_xl.actions.common import read_products
from ocop_xl.domain.budget import classify_columns, is_plan_wide, line_done
from ocop_xl.domain.issues import Issue, MasterError
from ocop_xl.domain.plan_documents import ActivityLine
from ocop_xl.domain.products import Product
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.targets import ActivityRecord, ResultRecord, SupportRecord
from ocop_xl.domain.tasks import Assignment, DepartmentEntry
from ocop_xl.domain.text import clean, fold, is_blank
from ocop_xl.domain.values import ValueProblem, parse_amount, parse_bool, parse_date, parse_int
from ocop_xl.domain.vnformat import date_vi
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.port import Workbook, location, records
from ocop_xl.workbook.profile_sheets import task_assignment

ABSENT = {"SHEET_MISSING", "TABLE_MISSING"}


def read_optional(wb: Workbook, name: str) -> tuple[pd.DataFrame | None, list[Issue]]:
    """A table, or ``None`` when its sheet is missing or has no rows. A sheet that is there
    but broken (a required column renamed) is reported and read as missing."""
    if not wb.has_sheet(name):
        return None, []
    try:
        frame = wb.read_table(name)
    except MasterError as exc:
        if exc.code in ABSENT:
            return None, []
        return None, [exc.issue]
    return (frame if len(frame) else None), []


@dataclass
class _Rows:
    """Parses cells of one frame, collecting a finding for each row it has to leave out."""

    frame: pd.DataFrame
    severity: str  # "error" on the office's own input sheet, "warning" on other areas' sheets
    issues: list[Issue] = field(default_factory=list)

    def parse(self, row: int, key: str, raw: Any, parse: Callable[[Any], Any]) -> Any:
        """The parsed value; raises ``_Skip`` after recording why the row is left out."""
        try:
            return parse(raw)
        except ValueProblem as exc:
            self.skip(row, key, raw, exc.expected_vi, exc.expected_en)

    def skip(self, row: int, key: str, raw: Any, expected_vi: str, expected_en: str) -> None:
        make = Issue.error if self.severity == "error" else Issue.warning
        self.issues.append(
            make(
                "PROGRESS_ROW_SKIPPED",
                location(self.frame, row, key),
                value=clean(raw),
                expected_vi=expected_vi,
                expected_en=expected_en,
            )
        )
        raise _Skip


class _Skip(Exception):
    pass


def _optional_bool(raw: Any) -> bool:
    return False if is_blank(raw) else parse_bool(raw)


def _optional_int(raw: Any) -> int | None:
    return None if is_blank(raw) else parse_int(raw)


def read_results(wb: Workbook) -> tuple[tuple[ResultRecord, ...] | None, list[Issue]]:
    frame, issues = read_optional(wb, "results")
    if frame is None:
        return None, issues
    rows = _Rows(frame, "warning")
    out = []
    for row, rec in records(frame):
        product = clean(rec.get("product_id"))
        if not product:
            continue
        try:
            out.append(
                ResultRecord(
                    product,
                    star=rows.parse(row, "star", rec.get("star"), _optional_int),
                    forwarded=rows.parse(row, "forwarded", rec.get("forwarded"), _optional_bool),
                    upgrade_met=rows.parse(
                        row, "upgrade_met", rec.get("upgrade_met"), _optional_bool
                    ),
                )
            )
        except _Skip:
            continue
    return tuple(out), issues + rows.issues


def read_support(
    wb: Workbook, profile: Profile, registered: Collection[str] | None = None
) -> tuple[tuple[SupportRecord, ...] | None, list[Issue]]:
    """Budget lines that gave a product support: a product ID (not "hoạt động chung") that
    Đăng ký lists (when ``registered`` is given), an item, the line marked done or paid,
    and money from at least one funding source. A line only planned, or with 0 đồng from
    every source, supports nothing yet."""
    frame, issues = read_optional(wb, "budget_lines")
    if frame is None:
        return None, issues
    known = {fold(p) for p in registered} if registered is not None else None
    sources, _ = classify_columns(
        [c for c in frame.columns if c not in MASTER.table("budget_lines").keys],
        profile.funding_sources,
    )
    rows = _Rows(frame, "warning")
    out = []
    for row, rec in records(frame):
        product, item = clean(rec.get("product_id")), clean(rec.get("item"))
        if is_plan_wide(product) or not item:  # the budget area's rule for plan-wide lines
            continue
        if not line_done(rec.get("status")):
            continue
        if known is not None and fold(product) not in known:
            continue  # the budget area reports the unknown product
        try:
            given = sum(
                rows.parse(row, header, rec.get(header), parse_amount)
                for header in sources
                if not is_blank(rec.get(header))
            )
        except _Skip:
            continue
        if given > 0:
            out.append(SupportRecord(product, item))
    return tuple(out), issues + rows.issues


@dataclass
class Activities:
    records: tuple[ActivityRecord, ...] | None
    lines: list[ActivityLine]
    issues: list[Issue]


def read_activities(wb: Workbook, profile: Profile, today: date) -> Activities:
    """Activities done in the plan's year, up to today. Rows dated in another year or in the
    future are reported and left out; a row without a date counts, with a warning."""
    frame, issues = read_optional(wb, "activities")
    if frame is None:
        return Activities(None, [], issues)
    kinds = {fold(i.code): i.code for i in profile.support_items}
    items_sheet = MASTER.table("support_items").sheet
    rows = _Rows(frame, "error")
    counted: list[ActivityRecord] = []
    lines: list[ActivityLine] = []
    for row, rec in records(frame):
        raw_kind = rec.get("kind")
        try:
            if is_blank(raw_kind):
                rows.skip(
                    row, "kind", raw_kind, "cần ghi mã loại hoạt động", "an activity kind is needed"
                )
            quantity = rows.parse(row, "quantity", rec.get("quantity"), _optional_int)
            if quantity is not None and quantity <= 0:
                rows.skip(
                    row,
                    "quantity",
                    rec.get("quantity"),
                    "số lượng phải lớn hơn 0",
                    "the quantity must be above 0",
                )
            raw_day = rec.get("date")
            day = None if is_blank(raw_day) else rows.parse(row, "date", raw_day, parse_date)
        except _Skip:
            continue
        kind = kinds.get(fold(raw_kind))
        if kind is None:
            rows.issues.append(
                Issue.warning(
                    "ACTIVITY_KIND_UNKNOWN",
                    location(frame, row, "kind"),
                    value=clean(raw_kind),
                    target_sheet=items_sheet,
                )
            )
            continue
        where = location(frame, row, "date")
        if day is None:
            rows.issues.append(Issue.warning("ACTIVITY_DATE_MISSING", where))
        elif day.year != profile.year:
            rows.issues.append(
                Issue.warning("ACTIVITY_OUTSIDE_YEAR", where, value=date_vi(day), year=profile.year)
            )
            continue
        elif day > today:
            rows.issues.append(Issue.warning("ACTIVITY_IN_FUTURE", where, value=date_vi(day)))
            continue
        counted.append(ActivityRecord(kind, quantity or 1))
        lines.append(
            ActivityLine(
                day=day,
                kind=kind,
                title=clean(rec.get("title")),
                quantity=quantity or 1,
                evidence=clean(rec.get("evidence")),
                note=clean(rec.get("note")),
            )
        )
    lines.sort(key=lambda a: (a.day is None, a.day or date.min))
    return Activities(tuple(counted), lines, issues + rows.issues)


def read_registrations(wb: Workbook) -> tuple[list[Product], list[Issue]]:
    try:
        products, _ = read_products(wb)
    except MasterError as exc:  # a broken Đăng ký is reported, the rest still prints
        return [], [exc.issue]
    return products, []


def read_assignments(wb: Workbook) -> tuple[list[Assignment], list[DepartmentEntry]]:
    """Nhiệm vụ and Phòng ban as typed, with cells, for the matrix checks."""
    tasks = wb.read_table("tasks")
    departments = wb.read_table("departments")
    assignments = [task_assignment(tasks, row, rec) for row, rec in records(tasks)]
    entries = [
        DepartmentEntry(clean(rec.get("code")), location(departments, row, "code"))
        for row, rec in records(departments)
        if clean(rec.get("code"))
    ]
    return assignments, entries
