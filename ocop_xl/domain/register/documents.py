"""The register's printable documents and its summary, as plain data.

- ``alert_list``: "Danh sách sản phẩm OCOP sắp hết hạn / cần đánh giá lại": every product
  whose certificate lapses within the alert window, has lapsed without a re-evaluation, is
  due in the plan year, or was proposed for withdrawal; soonest first.
- ``summary_rows`` / ``summary_document``: products by commune and star for the annual
  report, with how many are valid, expiring, lapsed, re-evaluated or withdrawn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ocop_xl.domain.document import DocColumn, Document, Signature
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.register.entries import (
    ALERT_EXPIRED,
    ALERT_URGENT,
    STATUS_NO_DECISION,
    STATUS_PROPOSED_WITHDRAWAL,
    STATUS_REEVALUATED,
    STATUS_WITHDRAWN,
    Assessment,
    Entry,
)
from ocop_xl.domain.register.validity import STATUS_EXPIRED, STATUS_EXPIRING, STATUS_VALID
from ocop_xl.domain.text import fold
from ocop_xl.domain.vnformat import place_date_line

NO_COMMUNE = "(chưa ghi xã)"
STARS = (3, 4, 5)


@dataclass(frozen=True)
class Assessed:
    entry: Entry
    assessment: Assessment

    @property
    def listed(self) -> bool:
        """On the alert list: an alert, or a proposal to withdraw."""
        return bool(self.assessment.alert) or self.assessment.status == STATUS_PROPOSED_WITHDRAWAL


def _office_header(profile: Profile) -> tuple[str, ...]:
    return (profile.unit.issuing_body, profile.unit.standing_office.upper())


def _day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _decision(entry: Entry) -> str:
    parts = [p for p in (entry.decision_no, _day(entry.decision_date)) if p]
    return ", ".join(parts)


def _state(a: Assessed) -> str:
    alert, status = a.assessment.alert, a.assessment.status
    if alert == ALERT_URGENT:
        return f"Khẩn: còn {a.assessment.days_left} ngày"
    if alert and alert != status and status != STATUS_EXPIRED:
        return f"{status}; {alert.lower()}"
    if alert == ALERT_EXPIRED:
        return alert
    return alert or status


def alert_list(
    profile: Profile, assessed: Sequence[Assessed], as_of: date, day: date | None
) -> Document:
    """The printable list of the products that need the office's attention."""
    listed = sorted(
        (a for a in assessed if a.listed),
        key=lambda a: (a.assessment.valid_until or date.max, fold(a.entry.commune)),
    )
    rows: list[tuple[object, ...]] = [
        (
            i,
            a.entry.product_name,
            a.entry.producer,
            a.entry.commune,
            a.entry.star,
            _decision(a.entry),
            _day(a.assessment.valid_until),
            a.assessment.days_left if a.assessment.days_left is not None else "",
            _state(a),
        )
        for i, a in enumerate(listed, start=1)
    ]
    if not rows:
        rows = [("", "Không có sản phẩm nào sắp hết hạn hoặc cần đánh giá lại.", *[""] * 7)]
    return Document(
        title="DANH SÁCH SẢN PHẨM OCOP SẮP HẾT HẠN / CẦN ĐÁNH GIÁ LẠI",
        subtitle=f"(Tính đến ngày {as_of:%d/%m/%Y}; năm kế hoạch {profile.year})",
        issuing_body=_office_header(profile),
        place_date=place_date_line(profile.unit.place, day),
        columns=(
            DocColumn("TT", 5, "int"),
            DocColumn("Tên sản phẩm", 28),
            DocColumn("Tên chủ thể", 26),
            DocColumn("Xã, phường", 14),
            DocColumn("Hạng sao", 8, "center"),
            DocColumn("Quyết định công nhận", 22),
            DocColumn("Hiệu lực đến", 12, "center"),
            DocColumn("Còn lại (ngày)", 10, "int"),
            DocColumn("Tình trạng", 26),
        ),
        rows=rows,
        before=(
            f"Giấy chứng nhận sản phẩm OCOP có giá trị {profile.certificate_validity_months} "
            "tháng kể từ ngày ký quyết định công nhận. Danh sách gồm các sản phẩm hết hạn "
            f"trong {profile.expiry_window_days} ngày tới (khẩn: trong "
            f"{profile.expiry_urgent_days} ngày), đã hết hạn mà chưa đánh giá lại, đến hạn "
            f"trong năm {profile.year}, hoặc được đề nghị thu hồi sau đánh giá lại.",
        ),
        after=(f"Tổng cộng: {len(listed)} sản phẩm.",),
        signatures=(Signature(("NGƯỜI LẬP",)), Signature(("TRƯỞNG PHÒNG",))),
        landscape=True,
    )


SUMMARY_KEYS = (
    "commune",
    "star3",
    "star4",
    "star5",
    "total",
    "valid",
    "expiring",
    "expired",
    "reevaluated",
    "withdrawn",
)


def summary_rows(assessed: Sequence[Assessed]) -> list[dict[str, str | int]]:
    """One row per commune (in the order first met, the communes sorted by name): products
    by star (those withdrawn left out) and by status."""
    names: dict[str, str] = {}
    by: dict[str, Counter[str]] = {}
    for a in assessed:
        name = a.entry.commune or NO_COMMUNE
        names.setdefault(fold(name), name)
        row = by.setdefault(fold(name), Counter())
        status = a.assessment.status
        if status == STATUS_WITHDRAWN:
            row["withdrawn"] += 1
            continue
        if a.entry.star in STARS:
            row[f"star{a.entry.star}"] += 1
        row["total"] += 1
        if status in (STATUS_VALID, STATUS_NO_DECISION):
            row["valid"] += 1
        elif status == STATUS_EXPIRING:
            row["expiring"] += 1
        elif status == STATUS_EXPIRED:
            row["expired"] += 1
        elif status in (STATUS_REEVALUATED, STATUS_PROPOSED_WITHDRAWAL):
            row["reevaluated"] += 1
    return [{"commune": names[k]} | {c: by[k][c] for c in SUMMARY_KEYS[1:]} for k in sorted(by)]


def summary_document(
    profile: Profile, rows: Sequence[dict[str, str | int]], as_of: date, day: date | None
) -> Document:
    body = [(i, *(r[k] for k in SUMMARY_KEYS)) for i, r in enumerate(rows, start=1)] or [
        ("", "Sổ theo dõi chưa có sản phẩm nào.", *[""] * 9)
    ]
    totals = tuple(sum(int(r[k]) for r in rows) for k in SUMMARY_KEYS[1:])
    return Document(
        title="TỔNG HỢP SẢN PHẨM OCOP THEO XÃ VÀ HẠNG SAO",
        subtitle=f"(Theo sổ theo dõi sản phẩm OCOP, tính đến ngày {as_of:%d/%m/%Y})",
        issuing_body=_office_header(profile),
        place_date=place_date_line(profile.unit.place, day),
        columns=(
            DocColumn("TT", 5, "int"),
            DocColumn("Xã, phường", 20),
            DocColumn("3 sao", 8, "int"),
            DocColumn("4 sao", 8, "int"),
            DocColumn("5 sao", 8, "int"),
            DocColumn("Tổng số", 9, "int"),
            DocColumn("Còn hiệu lực", 10, "int"),
            DocColumn("Sắp hết hạn", 10, "int"),
            DocColumn("Hết hạn", 9, "int"),
            DocColumn("Đã đánh giá lại", 11, "int"),
            DocColumn("Thu hồi", 9, "int"),
        ),
        rows=body,
        total_row=("", "Tổng cộng", *totals),
        after=(
            "Hạng sao: sản phẩm chưa bị thu hồi. Còn hiệu lực gồm cả sản phẩm vừa được công "
            "nhận, chờ số và ngày quyết định; đã đánh giá lại gồm cả sản phẩm được đề nghị "
            "thu hồi.",
        ),
        signatures=(Signature(("NGƯỜI LẬP",)), Signature(("TRƯỞNG PHÒNG",))),
        landscape=True,
    )
