"""The register's history (Lịch sử OCOP): one row per event, appended, never rewritten.

A row of the register shows a product's recognition in force and its last re-evaluation;
everything that replaced something (a newer decision, a re-evaluation, an import that
brought an earlier decision) is kept here. Each event has a key made of what happened, so
running an action again on the same data adds nothing (idempotent re-imports and scores).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

EVENT_ADDED = "Ghi vào sổ"
EVENT_NEW_DECISION = "Quyết định công nhận mới"
EVENT_DECISION_RECORDED = "Ghi số, ngày quyết định"
EVENT_EARLIER_DECISION = "Quyết định trước đây"
EVENT_LINKED = "Đăng ký đánh giá lại"
EVENT_REEVALUATED = "Kết quả đánh giá lại"
EVENT_UPGRADE_NOT_MET = "Chưa đạt nâng hạng"
EVENT_DRAFT_DROPPED = "Bỏ dòng chờ quyết định"


def decision_text(number: str, day: date | None) -> str:
    """'125/QĐ-UBND ngày 05/02/2023', or what of it is known."""
    parts = [number] if number else []
    if day is not None:
        parts.append(f"ngày {day:%d/%m/%Y}")
    return " ".join(parts)


@dataclass(frozen=True)
class Event:
    product_id: str
    product_name: str
    kind: str
    star_before: int | None = None
    star_after: int | None = None
    decision: str = ""  # the decision concerned, as text
    detail: str = ""
    source: str = ""  # the file, sheet or action it came from

    @property
    def key(self) -> str:
        """What identifies the event (not when it was logged): 16 hex digits."""
        text = "|".join(
            str(v)
            for v in (
                self.product_id,
                self.kind,
                self.star_before,
                self.star_after,
                self.decision,
                self.detail,
            )
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16].upper()


def new_decision_event(
    product_id: str,
    product_name: str,
    star_before: int | None,
    star_after: int | None,
    replaced: str,
    decision: str,
    source: str,
) -> Event:
    """A later recognition decision replacing the row's one (``replaced``, as text): the same
    event whether an import or the council brings it, so it is logged once."""
    return Event(
        product_id,
        product_name,
        EVENT_NEW_DECISION,
        star_before=star_before,
        star_after=star_after,
        decision=decision,
        detail="thay " + (replaced or "quyết định trước"),
        source=source,
    )


def new_events(events: list[Event], logged: set[str]) -> list[Event]:
    """The events not logged yet, each once, in order."""
    out: list[Event] = []
    seen = set(logged)
    for event in events:
        if event.key not in seen:
            seen.add(event.key)
            out.append(event)
    return out
