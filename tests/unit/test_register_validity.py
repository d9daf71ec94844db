"""Certificate validity and the register's statuses: month ends, 29/02, the last valid day,
the edges of the alert windows (issue 13)."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop_xl.domain.register.entries import (
    ALERT_EXPIRED,
    ALERT_EXPIRING,
    ALERT_PLAN_YEAR,
    ALERT_URGENT,
    STATUS_NO_DECISION,
    STATUS_PROPOSED_WITHDRAWAL,
    STATUS_REEVALUATED,
    STATUS_WITHDRAWN,
    Entry,
    assess,
    result_kind,
)
from ocop_xl.domain.register.validity import (
    STATUS_EXPIRED,
    STATUS_EXPIRING,
    STATUS_VALID,
    Window,
    add_months,
    date_status,
    days_left,
    valid_until,
)
from ocop_xl.domain.submissions.fields import add_months as submissions_add_months


@pytest.mark.parametrize(
    ("decided", "until"),
    [
        (date(2023, 1, 31), date(2026, 1, 31)),  # the plan's own example
        (date(2024, 2, 29), date(2027, 2, 28)),  # 2027 has no 29/02
        (date(2020, 2, 29), date(2023, 2, 28)),
        (date(2023, 3, 31), date(2026, 3, 31)),
        (date(2022, 12, 31), date(2025, 12, 31)),
        (date(2021, 1, 1), date(2024, 1, 1)),
        (datetime(2023, 5, 17, 9, 30), date(2026, 5, 17)),  # a date cell read as a datetime
    ],
)
def test_valid_until_is_the_same_day_36_months_later_or_the_month_end(decided, until):
    assert valid_until(decided) == until
    assert valid_until(decided, 36) == until


def test_month_ends_and_leap_days_for_other_periods():
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 8, 31), 1) == date(2023, 9, 30)
    assert valid_until(date(2024, 2, 29), 48) == date(2028, 2, 29)  # to a leap year
    assert valid_until(date(2023, 11, 30), 3) == date(2024, 2, 29)
    with pytest.raises(ValueError):
        valid_until(date(2023, 1, 1), 0)


def test_the_commune_check_and_the_register_use_one_rule():
    for day in (date(2023, 1, 31), date(2024, 2, 29), date(2021, 11, 30)):
        assert submissions_add_months(day, 36) == valid_until(day, 36)


def test_the_last_valid_day_is_valid_and_the_next_one_lapsed():
    decided = date(2023, 1, 31)
    last = valid_until(decided)
    assert days_left(last, last) == 0
    assert date_status(decided, last) == STATUS_EXPIRING  # valid, and within the window
    assert date_status(decided, last + timedelta(days=1)) == STATUS_EXPIRED
    assert date_status(date(2024, 2, 29), date(2027, 2, 28)) == STATUS_EXPIRING
    assert date_status(date(2024, 2, 29), date(2027, 3, 1)) == STATUS_EXPIRED


def test_window_edges_90_days_in_91_out():
    decided = date(2023, 1, 31)
    last = valid_until(decided)
    assert date_status(decided, last - timedelta(days=90)) == STATUS_EXPIRING
    assert date_status(decided, last - timedelta(days=91)) == STATUS_VALID
    narrow = Window(days=10, urgent=5)
    assert date_status(decided, last - timedelta(days=10), window=narrow) == STATUS_EXPIRING
    assert date_status(decided, last - timedelta(days=11), window=narrow) == STATUS_VALID


def test_windows_must_nest():
    with pytest.raises(ValueError):
        Window(days=20, urgent=30)
    with pytest.raises(ValueError):
        Window(days=-1, urgent=0)


PLAN_YEAR = 2025


def _assess(entry: Entry, as_of: date):
    return assess(entry, as_of, 36, Window(), PLAN_YEAR)


def test_urgent_edge_30_days_in_31_out():
    entry = Entry("P1", "Mật ong", "HTX A", star=3, decision_date=date(2023, 1, 31))
    last = date(2026, 1, 31)
    at_30 = _assess(entry, last - timedelta(days=30))
    at_31 = _assess(entry, last - timedelta(days=31))
    assert (at_30.status, at_30.alert, at_30.days_left, at_30.urgent) == (
        STATUS_EXPIRING,
        ALERT_URGENT,
        30,
        True,
    )
    assert (at_31.status, at_31.alert, at_31.urgent) == (STATUS_EXPIRING, ALERT_EXPIRING, False)
    lapsed = _assess(entry, last + timedelta(days=1))
    assert (lapsed.status, lapsed.alert, lapsed.days_left) == (STATUS_EXPIRED, ALERT_EXPIRED, -1)


def test_due_in_the_plan_year_when_its_last_day_falls_in_it():
    entry = Entry("P1", star=3, decision_date=date(2022, 9, 1))  # last day 01/09/2025
    early = _assess(entry, date(2025, 1, 2))
    assert (early.status, early.alert, early.due_in_plan_year) == (
        STATUS_VALID,
        ALERT_PLAN_YEAR,
        True,
    )
    later = Entry("P2", star=3, decision_date=date(2023, 9, 1))  # 01/09/2026
    assert _assess(later, date(2025, 1, 2)).due_in_plan_year is False
    assert _assess(later, date(2025, 1, 2)).alert == ""


def test_statuses_that_are_not_the_dates():
    decided = date(2020, 1, 10)  # lapsed by 2025
    withdrawn = Entry("P", star=3, decision_date=decided, status="thu hoi")
    assert _assess(withdrawn, date(2025, 6, 1)).status == STATUS_WITHDRAWN
    not_met = Entry(
        "P",
        star=3,
        decision_date=decided,
        reeval_result="Không đạt (2 sao): đề nghị thu hồi",
        reeval_date=date(2025, 3, 1),
    )
    assert _assess(not_met, date(2025, 6, 1)).status == STATUS_PROPOSED_WITHDRAWAL
    kept = Entry(
        "P",
        star=3,
        decision_date=decided,
        reeval_result="Giữ hạng 3 sao",
        reeval_date=date(2025, 3, 1),
    )
    assert _assess(kept, date(2025, 6, 1)).status == STATUS_REEVALUATED
    # the new decision after the re-evaluation: the dates count again, from it
    renewed = kept.with_(decision_date=date(2025, 4, 1))
    assessed = _assess(renewed, date(2025, 6, 1))
    assert (assessed.status, assessed.valid_until) == (STATUS_VALID, date(2028, 4, 1))
    waiting = Entry("P", star=3, certificate_no="001/GCN-OCOP/2025")
    assert _assess(waiting, date(2025, 6, 1)).status == STATUS_NO_DECISION


def test_result_kind_reads_the_first_words():
    assert result_kind("Giữ hạng 3 sao (62,50 điểm)") == "Giữ hạng"
    assert result_kind("nang hang len 4 sao") == "Nâng hạng"
    assert result_kind("Hạ hạng xuống 3 sao") == "Hạ hạng"
    assert result_kind("Không đạt (2 sao)") == "Không đạt"
    assert result_kind("") is None and result_kind("đang chờ") is None


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_valid_until_is_36_months_later_never_past_the_month(decided):
    until = valid_until(decided)
    assert (until.year - decided.year) * 12 + until.month - decided.month == 36
    assert until.day == decided.day or (until.day < decided.day and (until + timedelta(1)).day == 1)
    assert date_status(decided, until) != STATUS_EXPIRED
    assert date_status(decided, until + timedelta(days=1)) == STATUS_EXPIRED
