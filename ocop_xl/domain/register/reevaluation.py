"""Re-evaluation in the council's flow, and this year's recognitions, on the register.

- ``link``: a registration of kind "đánh giá lại" (or "nâng hạng sao") on Đăng ký names a
  certified product; it is linked to its register row by certificate number, then product
  ID (or an earlier link), then normalised name + producer. One that finds no row is
  reported (with a near match when there is one), never linked by guess.
- ``outcome``: the council's result on a linked row: kept, upgraded, downgraded, or not met
  (below 3 stars) → proposed for withdrawal. The row's result and date are replaced; the
  history keeps every result (``history.Event``).
- ``from_certificates``: what the office's own recognitions (Sổ giấy chứng nhận) add: a
  product recognised this round gets a row (status *Chờ quyết định* until the decision is
  typed), a decision typed later fills the row, a newer decision replaces an older one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.recognition import STATUS_WITHDRAWN as CERT_WITHDRAWN
from ocop_xl.domain.recognition import CertificateRecord
from ocop_xl.domain.register.entries import (
    RESULT_DOWNGRADED,
    RESULT_KEPT,
    RESULT_NOT_MET,
    RESULT_UPGRADED,
    Entry,
)
from ocop_xl.domain.register.history import (
    EVENT_ADDED,
    EVENT_DECISION_RECORDED,
    EVENT_DRAFT_DROPPED,
    EVENT_LINKED,
    EVENT_REEVALUATED,
    EVENT_UPGRADE_NOT_MET,
    Event,
    decision_text,
    new_decision_event,
)
from ocop_xl.domain.register.merge import near_match
from ocop_xl.domain.submissions.ids import product_key
from ocop_xl.domain.submissions.vocab import KIND_REEVALUATION, KIND_UPGRADE
from ocop_xl.domain.text import fold

LOWEST_CERTIFIED_STAR = 3  # OCOP certificates are given from 3 stars


@dataclass(frozen=True)
class Request:
    """A registration on Đăng ký about a certified product."""

    product_id: str  # its ID on Đăng ký
    product_name: str
    producer: str
    kind: str
    current_stars: int | None
    certificate_no: str
    where: Location  # its row on Đăng ký

    @property
    def is_reevaluation(self) -> bool:
        return fold(self.kind) == fold(KIND_REEVALUATION)

    @property
    def is_upgrade(self) -> bool:
        return fold(self.kind) == fold(KIND_UPGRADE)


@dataclass
class Links:
    rows: dict[str, int] = field(default_factory=dict)  # request product ID -> entry index
    how: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def link(requests: Sequence[Request], entries: Sequence[Entry]) -> Links:
    out = Links()
    for req in requests:
        if not (req.is_reevaluation or req.is_upgrade):
            continue
        index, how = _find(req, entries)
        if index is None:
            probe = Entry(product_name=req.product_name, producer=req.producer)
            near = near_match(probe, entries)
            out.issues.append(
                Issue.warning(
                    "REGISTER_REEVAL_UNLINKED",
                    req.where,
                    product=req.product_id,
                    name=req.product_name,
                    certificate=req.certificate_no or "—",
                    near=f"{near.product_name} ({near.product_id})" if near else "—",
                )
            )
            continue
        out.rows[req.product_id] = index
        out.how[req.product_id] = how
    return out


def _find(req: Request, entries: Sequence[Entry]) -> tuple[int | None, str]:
    if req.certificate_no:
        for i, e in enumerate(entries):
            if e.certificate_no and fold(e.certificate_no) == fold(req.certificate_no):
                return i, "số giấy chứng nhận"
    wanted = req.product_id.casefold()
    for i, e in enumerate(entries):
        if wanted and wanted in (e.product_id.casefold(), e.reeval_registration.casefold()):
            return i, "mã sản phẩm"
    key = product_key(req.product_name, req.producer)
    for i, e in enumerate(entries):
        if e.key == key:
            return i, "tên sản phẩm và chủ thể"
    return None, ""


def linked_event(entry: Entry, req: Request) -> Event:
    return Event(
        entry.product_id,
        entry.product_name,
        EVENT_LINKED,
        star_before=entry.star,
        detail=f"{req.kind}: {req.product_id}",
        source="Đăng ký",
    )


def result_text(old: int | None, new: int, points: str, where: str) -> tuple[str, str]:
    """(kind, text) of a re-evaluation's result: 'Giữ hạng 3 sao (62,50 điểm; đề nghị cấp
    tỉnh công nhận)'."""
    said = "; ".join(p for p in (f"{points} điểm" if points else "", where) if p)
    tail = f" ({said})" if said else ""
    if new < LOWEST_CERTIFIED_STAR:
        return RESULT_NOT_MET, f"{RESULT_NOT_MET} ({new} sao{'; ' + said if said else ''}): " + (
            "đề nghị thu hồi giấy chứng nhận"
        )
    if old is None or new == old:
        return RESULT_KEPT, f"{RESULT_KEPT} {new} sao{tail}"
    if new > old:
        return RESULT_UPGRADED, f"{RESULT_UPGRADED} lên {new} sao{tail}"
    return RESULT_DOWNGRADED, f"{RESULT_DOWNGRADED} xuống {new} sao{tail}"


def outcome(
    entry: Entry, req: Request, star: int, points: str, where: str, day: date
) -> tuple[Entry, Event]:
    """The row after the council's result for ``req`` (a result, not a pending one).

    A re-evaluation records its result whatever it is; an upgrade request records it only
    when the star rose (otherwise the certificate stands as it was: the event says so)."""
    if req.is_upgrade and not req.is_reevaluation and (entry.star is None or star <= entry.star):
        event = Event(
            entry.product_id,
            entry.product_name,
            EVENT_UPGRADE_NOT_MET,
            star_before=entry.star,
            star_after=star,
            detail=f"{points} điểm" if points else "",
            source=req.product_id,
        )
        return entry.with_(reeval_registration=req.product_id), event
    _, text = result_text(entry.star, star, points, where)
    updated = entry.with_(reeval_result=text, reeval_date=day, reeval_registration=req.product_id)
    event = Event(
        entry.product_id,
        entry.product_name,
        EVENT_REEVALUATED,
        star_before=entry.star,
        star_after=star,
        decision=decision_text(entry.decision_no, entry.decision_date),
        detail=text,
        source=req.product_id,
    )
    return updated, event


@dataclass
class Synced:
    entries: list[Entry]
    added: int = 0
    updated: int = 0
    dropped: int = 0
    events: list[Event] = field(default_factory=list)


def from_certificates(
    entries: Sequence[Entry],
    certificates: Sequence[CertificateRecord],
    *,
    body: str,
    groups: dict[str, str] | None = None,
    source: str = "Sổ giấy chứng nhận",
) -> Synced:
    """The register with the office's own recognitions in it (see the module doc)."""
    groups = groups or {}
    out = Synced(list(entries))
    rows = out.entries
    withdrawn = {fold(c.number) for c in certificates if c.status == CERT_WITHDRAWN}
    kept: list[Entry] = []
    for e in rows:
        if e.certificate_no and fold(e.certificate_no) in withdrawn and e.decision_date is None:
            out.dropped += 1
            out.events.append(
                Event(e.product_id, e.product_name, EVENT_DRAFT_DROPPED, decision=e.certificate_no)
            )
            continue
        kept.append(e)
    rows[:] = kept
    for cert in certificates:
        if cert.status == CERT_WITHDRAWN:
            continue
        fresh = Entry(
            product_id=cert.product_id,
            product_name=cert.product_name,
            producer=cert.producer,
            commune=cert.commune,
            group=groups.get(cert.product_id, ""),
            star=cert.star,
            points=None if cert.points is None else _decimal(cert.points),
            body=body,
            decision_no=cert.decision_no,
            decision_date=cert.decision_date,
            certificate_no=cert.number,
            source=source,
        )
        index = next(
            (
                i
                for i, e in enumerate(rows)
                if e.certificate_no and fold(e.certificate_no) == fold(cert.number)
            ),
            None,
        )
        if index is not None:
            e = rows[index]
            if cert.decision_date and (
                e.decision_date != cert.decision_date or e.decision_no != cert.decision_no
            ):
                rows[index] = e.with_(
                    decision_no=cert.decision_no,
                    decision_date=cert.decision_date,
                    star=cert.star,
                    body=e.body or body,
                )
                out.updated += 1
                out.events.append(
                    Event(
                        e.product_id,
                        e.product_name,
                        EVENT_DECISION_RECORDED,
                        star_after=cert.star,
                        decision=decision_text(cert.decision_no, cert.decision_date),
                        detail=cert.number,
                        source=source,
                    )
                )
            continue
        wanted = cert.product_id.casefold()
        index = next(
            (
                i
                for i, e in enumerate(rows)
                if wanted in (e.product_id.casefold(), e.reeval_registration.casefold())
            ),
            None,
        )
        if index is not None:
            e = rows[index]
            if cert.decision_date and (
                e.decision_date is None or cert.decision_date > e.decision_date
            ):
                rows[index] = e.with_(
                    star=fresh.star,
                    points=fresh.points,
                    body=body,
                    decision_no=cert.decision_no,
                    decision_date=cert.decision_date,
                    certificate_no=cert.number,
                )
                out.updated += 1
                out.events.append(
                    new_decision_event(
                        e.product_id,
                        e.product_name,
                        e.star,
                        cert.star,
                        decision_text(e.decision_no, e.decision_date),
                        decision_text(cert.decision_no, cert.decision_date),
                        source,
                    )
                )
            continue  # a draft for a product already in the register waits for its decision
        rows.append(fresh)
        out.added += 1
        out.events.append(
            Event(
                fresh.product_id,
                fresh.product_name,
                EVENT_ADDED,
                star_after=fresh.star,
                decision=decision_text(fresh.decision_no, fresh.decision_date) or cert.number,
                source=source,
            )
        )
    return out


def _decimal(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
