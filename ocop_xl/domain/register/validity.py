"""How long an OCOP certificate is valid, and what it is on a given day.

A recognition decision keeps its star for ``months`` months (36 under every criteria set so
far; the profile's *Thời hạn giấy chứng nhận OCOP (tháng)*). Periods in months follow the
Civil Code: they run from the day after the decision and end on the same day of the last
month, or on that month's last day when it has none: 31/01/2023 → 31/01/2026, 29/02/2024 →
28/02/2027. The last day is still valid; the certificate has lapsed from the next day.

``date_status`` is the one rule for "còn hiệu lực / sắp hết hạn / hết hạn": the register's
alerts (``ocop-xl registry``), the worksheet function ``OCOP_CERT_STATUS`` and the commune
checks of a declared certificate all call it (or ``valid_until``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

DEFAULT_MONTHS = 36
DEFAULT_WINDOW_DAYS = 90
DEFAULT_URGENT_DAYS = 30

STATUS_VALID = "Còn hiệu lực"
STATUS_EXPIRING = "Sắp hết hạn"
STATUS_EXPIRED = "Hết hạn"


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month when it has no such day."""
    day = _day(day)
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(decision_date: date, months: int = DEFAULT_MONTHS) -> date:
    """The last day a certificate recognised on ``decision_date`` is valid."""
    if months < 1:
        raise ValueError("months must be at least 1")
    return add_months(decision_date, months)


def days_left(until: date, as_of: date) -> int:
    """Days from ``as_of`` to the last valid day: 0 on that day, negative once lapsed."""
    return (_day(until) - _day(as_of)).days


@dataclass(frozen=True)
class Window:
    """Which certificates are flagged: expiring within ``days`` (default 90), urgent
    within ``urgent`` (default 30). Both edges are inside: 90 days left is expiring, 30
    urgent."""

    days: int = DEFAULT_WINDOW_DAYS
    urgent: int = DEFAULT_URGENT_DAYS

    def __post_init__(self) -> None:
        if self.days < 0 or self.urgent < 0:
            raise ValueError("windows are numbers of days, 0 or more")
        if self.urgent > self.days:
            raise ValueError("the urgent window lies inside the alert window")


def date_status(
    decision_date: date,
    as_of: date,
    months: int = DEFAULT_MONTHS,
    window: Window = Window(),
) -> str:
    """Còn hiệu lực, Sắp hết hạn (at most ``window.days`` days left, the last day included)
    or Hết hạn (from the day after the last valid day)."""
    left = days_left(valid_until(decision_date, months), as_of)
    if left < 0:
        return STATUS_EXPIRED
    if left <= window.days:
        return STATUS_EXPIRING
    return STATUS_VALID


def is_urgent(decision_date: date, as_of: date, months: int, window: Window) -> bool:
    left = days_left(valid_until(decision_date, months), as_of)
    return 0 <= left <= window.urgent
