"""One row of the product register (Sổ theo dõi OCOP) and what it is on a given day.

The register holds one row per certified product across the years: the recognition in force
(star, points, body, decision number and date, certificate number), the last re-evaluation
and where the row came from. ``assess`` gives its status, last valid day, days left and
alert as of a day; the action writes them in the row and colours the sheet by them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from ocop_xl.domain.register.validity import (
    STATUS_EXPIRED,
    STATUS_EXPIRING,
    STATUS_VALID,
    Window,
    date_status,
    days_left,
    valid_until,
)
from ocop_xl.domain.submissions.ids import product_key
from ocop_xl.domain.text import fold

# Statuses besides the three of the dates (validity.py).
STATUS_REEVALUATED = "Đã đánh giá lại"  # re-evaluated; the new decision is not recorded yet
STATUS_PROPOSED_WITHDRAWAL = "Đề nghị thu hồi"  # re-evaluated and not met
STATUS_WITHDRAWN = "Thu hồi"  # typed by the office once a withdrawal is decided: kept
STATUS_NO_DECISION = "Chờ quyết định"  # recognised this round, decision not signed yet
STATUSES = (
    STATUS_VALID,
    STATUS_EXPIRING,
    STATUS_EXPIRED,
    STATUS_REEVALUATED,
    STATUS_PROPOSED_WITHDRAWAL,
    STATUS_WITHDRAWN,
    STATUS_NO_DECISION,
)

ALERT_URGENT = "Khẩn"
ALERT_EXPIRING = "Sắp hết hạn"
ALERT_EXPIRED = "Hết hạn, chưa đánh giá lại"
ALERT_PLAN_YEAR = "Đến hạn trong năm kế hoạch"
ALERTS = (ALERT_URGENT, ALERT_EXPIRING, ALERT_EXPIRED, ALERT_PLAN_YEAR)

# The re-evaluation results, as the first words of the text written in the row.
RESULT_KEPT = "Giữ hạng"
RESULT_UPGRADED = "Nâng hạng"
RESULT_DOWNGRADED = "Hạ hạng"
RESULT_NOT_MET = "Không đạt"
RESULTS = (RESULT_KEPT, RESULT_UPGRADED, RESULT_DOWNGRADED, RESULT_NOT_MET)


def result_kind(text: str) -> str | None:
    """Which result a row's text records (by its first words, accents and case aside)."""
    folded = fold(text)
    return next((r for r in RESULTS if folded.startswith(fold(r))), None)


@dataclass(frozen=True)
class Entry:
    """One certified product. ``row`` is its Excel row on the register (None: new)."""

    product_id: str = ""
    product_name: str = ""
    producer: str = ""
    commune: str = ""
    group: str = ""
    star: int | None = None
    points: Decimal | None = None
    body: str = ""  # the recognising body: "UBND tỉnh Hải Dương"
    decision_no: str = ""
    decision_date: date | None = None
    certificate_no: str = ""
    status: str = ""  # as last written; "Thu hồi" typed by the office stays
    reeval_result: str = ""
    reeval_date: date | None = None
    reeval_registration: str = ""  # the Đăng ký ID of the re-evaluation registration
    source: str = ""
    notes: str = ""  # the office's
    row: int | None = None

    @property
    def key(self) -> str:
        """Normalised name + producer (``submissions.ids.product_key``)."""
        return product_key(self.product_name, self.producer)

    def with_(self, **changes: Any) -> Entry:
        return replace(self, **changes)


@dataclass(frozen=True)
class Assessment:
    status: str
    valid_until: date | None
    days_left: int | None
    alert: str  # one of ALERTS, or ""
    due_in_plan_year: bool  # its last valid day falls in the plan year, not re-evaluated

    @property
    def urgent(self) -> bool:
        return self.alert == ALERT_URGENT


def assess(entry: Entry, as_of: date, months: int, window: Window, plan_year: int) -> Assessment:
    """The row's status on ``as_of``:

    - *Thu hồi* when the office wrote it (a withdrawal is a decision, never derived);
    - after a re-evaluation not met: *Đề nghị thu hồi*;
    - after another re-evaluation, until a decision later than it is recorded: *Đã đánh
      giá lại*;
    - without a decision date: *Chờ quyết định*;
    - otherwise by the dates (``validity.date_status``), with the alert: *Khẩn* (within
      the urgent window), *Sắp hết hạn*, *Hết hạn, chưa đánh giá lại*, or *Đến hạn trong
      năm kế hoạch* (its last day falls in the plan year)."""
    until = valid_until(entry.decision_date, months) if entry.decision_date else None
    left = days_left(until, as_of) if until else None
    kind = result_kind(entry.reeval_result)
    if fold(entry.status) == fold(STATUS_WITHDRAWN):
        return Assessment(STATUS_WITHDRAWN, until, left, "", False)
    newer = (
        entry.decision_date is not None
        and entry.reeval_date is not None
        and entry.decision_date > entry.reeval_date
    )
    if kind is not None and not newer:
        status = STATUS_PROPOSED_WITHDRAWAL if kind == RESULT_NOT_MET else STATUS_REEVALUATED
        return Assessment(status, until, left, "", False)
    if until is None or entry.decision_date is None:
        return Assessment(STATUS_NO_DECISION, None, None, "", False)
    status = date_status(entry.decision_date, as_of, months, window)
    in_plan_year = until.year == plan_year
    if status == STATUS_EXPIRED:
        alert = ALERT_EXPIRED
    elif status == STATUS_EXPIRING:
        alert = ALERT_URGENT if left is not None and left <= window.urgent else ALERT_EXPIRING
    elif in_plan_year:
        alert = ALERT_PLAN_YEAR
    else:
        alert = ""
    return Assessment(status, until, left, alert, in_plan_year)
