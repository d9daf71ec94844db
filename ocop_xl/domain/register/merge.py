"""Bringing earlier years into the register: rows read from old masters and the office's
own lists, matched to the register's rows.

- ``map_headers``: which column of a sheet holds which field, by its header text (accents,
  case and punctuation aside), and which headers mean nothing to the register.
- ``parse_incoming``: one row of such a sheet as an ``Entry``, each bad cell reported; a
  row that records no recognition (no decision number or date, no certificate number), or
  whose status says it is a draft or a withdrawn draft, is not a certified product.
- ``merge``: by product ID, then by normalised name + producer (``product_key``); a near
  match (a name or producer that differs by a typo) is reported and never merged; a newer
  decision replaces the row's recognition, the older one going to the history; otherwise
  only blank cells are filled and a different value is reported, never overwritten. A
  re-evaluation result (an earlier master's register records them) later than the row's
  is taken, with an event.

Merging the same rows twice changes nothing: an import is idempotent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.register.entries import STATUS_WITHDRAWN, Entry
from ocop_xl.domain.register.history import (
    EVENT_ADDED,
    EVENT_EARLIER_DECISION,
    EVENT_REEVALUATED,
    Event,
    decision_text,
    new_decision_event,
)
from ocop_xl.domain.registrations import CommuneNames
from ocop_xl.domain.submissions.ids import name_key, producer_key, product_id
from ocop_xl.domain.text import clean, fold, is_blank, slug
from ocop_xl.domain.values import ValueProblem, parse_date, parse_decimal, parse_int

NEAR = 0.85  # similarity of names (or producers) from which two rows may be one product
RECOGNITION = ("star", "points", "body", "decision_no", "decision_date", "certificate_no")
DESCRIPTION = ("product_name", "producer", "commune", "group")
# Statuses of a certificate row that is not (or no longer) a recognition: a draft number,
# a draft withdrawn before signature (Sổ giấy chứng nhận).
NOT_RECOGNISED = ("du thao", "khong con du dieu kien")


@dataclass(frozen=True)
class HeaderMap:
    columns: dict[str, int]  # field -> 0-based column
    unmapped: tuple[str, ...]  # headers that fit no field
    repeated: tuple[str, ...] = ()  # a field found under two headers: the first is used

    @property
    def usable(self) -> bool:
        """Names a product and records a recognition."""
        named = "product_name" in self.columns or "product_id" in self.columns
        recorded = any(
            k in self.columns for k in ("decision_date", "decision_no", "certificate_no")
        )
        return named and recorded


def map_headers(headers: Sequence[Any], fields: Mapping[str, Sequence[str]]) -> HeaderMap:
    """``fields``: each field's header texts (the register's own and their aliases)."""
    wanted: dict[str, str] = {}
    for key, texts in fields.items():
        for text in texts:
            wanted.setdefault(name_key(text), key)
    columns: dict[str, int] = {}
    unmapped: list[str] = []
    repeated: list[str] = []
    for index, header in enumerate(headers):
        text = clean(header)
        if not text:
            continue
        found = wanted.get(name_key(text))
        if found is None:
            unmapped.append(text)
        elif found in columns:
            repeated.append(text)
        else:
            columns[found] = index
    return HeaderMap(columns, tuple(unmapped), tuple(repeated))


@dataclass(frozen=True)
class Incoming:
    """A row of a sheet being imported: raw values by field, and their cells."""

    values: Mapping[str, Any]
    cells: Mapping[str, Location]
    where: Location  # the row (its first cell)
    source: str  # "ten-tep.xlsx › Sổ giấy chứng nhận"


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(value)


def parse_incoming(row: Incoming) -> tuple[Entry | None, list[Issue]]:
    """The row as an entry, or None when it is not a certified product (see module doc)."""
    v = row.values
    issues: list[Issue] = []
    if all(is_blank(v.get(k)) for k in ("product_id", "product_name")):
        return None, []
    if any(fold(v.get("status")).startswith(s) for s in NOT_RECOGNISED):
        return None, []
    if all(is_blank(v.get(k)) for k in ("decision_date", "decision_no", "certificate_no")):
        return None, []

    def parsed(
        key: str,
        parse: Callable[[object], Any],
        check: Callable[[Any], bool] | None = None,
    ) -> Any:
        raw = v.get(key)
        if is_blank(raw):
            return None
        try:
            value = parse(raw)
        except ValueProblem as exc:
            issues.append(_bad(row, key, raw, exc.expected_vi, exc.expected_en))
            return None
        if check is not None and not check(value):
            issues.append(_bad(row, key, raw, "một số từ 1 đến 5", "a number from 1 to 5"))
            return None
        return value

    star = parsed("star", _star, lambda s: 1 <= s <= 5)
    points = parsed("points", parse_decimal)
    day = parsed("decision_date", parse_date)
    reeval_day = parsed("reeval_date", parse_date)
    status = STATUS_WITHDRAWN if fold(v.get("status")) == fold(STATUS_WITHDRAWN) else ""
    entry = Entry(
        product_id=_text(v.get("product_id")),
        product_name=_text(v.get("product_name")),
        producer=_text(v.get("producer")),
        commune=_text(v.get("commune")),
        group=_text(v.get("group")),
        star=star,
        points=points,
        body=_text(v.get("body")),
        decision_no=_text(v.get("decision_no")),
        decision_date=day,
        certificate_no=_text(v.get("certificate_no")),
        status=status,
        reeval_result=_text(v.get("reeval_result")),
        reeval_date=reeval_day,
        reeval_registration=_text(v.get("reeval_registration")),
        source=row.source,
        notes=_text(v.get("notes")),
    )
    return entry, issues


def _star(value: Any) -> int:
    """3, 3.0, "3", "3 sao", "★★★"."""
    if isinstance(value, str):
        text = clean(value)
        if text and set(text) <= {"★", "*"}:
            return len(text)
        folded = fold(text).replace("sao", "").strip()
        return parse_int(folded)
    return parse_int(value)


def _bad(row: Incoming, key: str, raw: Any, vi: str, en: str) -> Issue:
    return Issue.warning(
        "REGISTER_IMPORT_VALUE",
        row.cells.get(key, row.where),
        value=clean(raw),
        expected_vi=vi,
        expected_en=en,
    )


@dataclass
class MergeOutcome:
    entries: list[Entry]
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    issues: list[Issue] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def new_id(entry: Entry, communes: CommuneNames) -> str:
    """An ID for a product that comes without one: the consolidation's own rule
    (``submissions.ids.product_id``), so the same product registered later gets it too."""
    commune = communes.find(entry.commune)
    code = commune.code if commune else slug(entry.commune) or "ocop"
    return product_id(code, entry.product_name, entry.producer)


def _similar(a: str, b: str) -> bool:
    if not (a and b):
        return False
    matcher = SequenceMatcher(None, a, b)  # the two quick ratios are upper bounds of ratio()
    return (
        matcher.real_quick_ratio() >= NEAR
        and matcher.quick_ratio() >= NEAR
        and matcher.ratio() >= NEAR
    )


def near_match(entry: Entry, entries: Sequence[Entry]) -> Entry | None:
    """A row that may be the same product: the same producer and a similar name, or the
    same name and a similar producer (never the same name and producer: that is a match)."""
    return _Index(entries).near(entry)


def find(entry: Entry, entries: Sequence[Entry]) -> int | None:
    """The index of the register row that is this product: by ID, then by name+producer."""
    return _Index(entries).find(entry)


class _Index:
    """The register's rows by ID, by name + producer, by name and by producer, kept up to
    date as rows are added or changed (an import of thousands of rows stays linear)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self.by_id: dict[str, int] = {}
        self.by_key: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.by_producer: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            self.add(i, entry)

    def add(self, i: int, entry: Entry) -> None:
        if entry.product_id:
            self.by_id.setdefault(entry.product_id.casefold(), i)
        name, producer = name_key(entry.product_name), producer_key(entry.producer)
        if name:
            self.by_key.setdefault(f"{name}|{producer}", i)
            self.by_name.setdefault(name, []).append(i)
        self.by_producer.setdefault(producer, []).append(i)

    def find(self, entry: Entry) -> int | None:
        if entry.product_id and entry.product_id.casefold() in self.by_id:
            return self.by_id[entry.product_id.casefold()]
        name = name_key(entry.product_name)
        if name:
            return self.by_key.get(f"{name}|{producer_key(entry.producer)}")
        return None

    def near(self, entry: Entry, before: int | None = None) -> Entry | None:
        """``before``: only rows above that one (a row matched to ``before`` is flagged
        against the rows above it, as it was when it was added: the report of an import
        is the same the second time)."""
        name, producer = name_key(entry.product_name), producer_key(entry.producer)
        for i in self.by_producer.get(producer, ()):
            if before is not None and i >= before:
                continue
            other = name_key(self.entries[i].product_name)
            if other != name and _similar(name, other):
                return self.entries[i]
        for i in self.by_name.get(name, ()) if name else ():
            if before is not None and i >= before:
                continue
            other = producer_key(self.entries[i].producer)
            if other != producer and _similar(producer, other):
                return self.entries[i]
        return None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return fold(a) == fold(b)
    return a == b


def merge(
    register: Sequence[Entry],
    incoming: Sequence[tuple[Entry, Incoming]],
    communes: CommuneNames,
    where_of: Mapping[int, Location] | None = None,
) -> MergeOutcome:
    """The register with the incoming rows merged in (see the module doc).
    ``where_of``: the register's rows' locations by index, for messages."""
    entries = list(register)
    out = MergeOutcome(entries)
    where_of = dict(where_of or {})
    index_of = _Index(entries)
    for entry, row in incoming:
        index = index_of.find(entry)
        near = index_of.near(entry, before=index)
        if near is not None:
            out.issues.append(
                Issue.warning(
                    "REGISTER_NEAR_MATCH",
                    row.where,
                    name=entry.product_name,
                    producer=entry.producer,
                    other_name=near.product_name,
                    other_producer=near.producer,
                    other_id=near.product_id,
                )
            )
        if index is None:
            added = entry.with_(product_id=entry.product_id or new_id(entry, communes), row=None)
            entries.append(added)
            index_of.add(len(entries) - 1, added)
            out.added += 1
            out.events.append(
                Event(
                    added.product_id,
                    added.product_name,
                    EVENT_ADDED,
                    star_after=added.star,
                    decision=decision_text(added.decision_no, added.decision_date),
                    source=row.source,
                )
            )
            if added.reeval_result:  # an earlier master's re-evaluation comes with its row
                out.events.append(_reevaluated(added, added, row.source))
            continue
        before = entries[index]
        after, events, conflicts = _merge_one(before, entry, row)
        out.events += events
        for key, theirs in conflicts:
            out.issues.append(
                Issue.warning(
                    "REGISTER_IMPORT_CONFLICT",
                    row.cells.get(key, row.where),
                    product=before.product_id,
                    value=_shown(theirs),
                    kept=_shown(getattr(before, key)),
                    other=where_of.get(index, Location()).cell or before.product_id,
                )
            )
        if after != before:
            entries[index] = after
            index_of.add(index, after)  # a filled name or producer finds the row too
            out.updated += 1
        else:
            out.unchanged += 1
    return out


def _shown(value: Any) -> str:
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    return clean(value)


def _earlier(mine: Entry, decision: Entry, source: str) -> Event:
    """A decision older than the row's: the same event whether it was replaced by a newer
    one or imported after it, so importing again logs nothing new."""
    return Event(
        mine.product_id,
        mine.product_name,
        EVENT_EARLIER_DECISION,
        star_after=decision.star,
        decision=decision_text(decision.decision_no, decision.decision_date),
        source=source,
    )


def _merge_one(
    mine: Entry, theirs: Entry, row: Incoming
) -> tuple[Entry, list[Event], list[tuple[str, Any]]]:
    events: list[Event] = []
    conflicts: list[tuple[str, Any]] = []
    changes: dict[str, Any] = {}
    newer = (
        theirs.decision_date is not None
        and mine.decision_date is not None
        and theirs.decision_date > mine.decision_date
    )
    older = (
        theirs.decision_date is not None
        and mine.decision_date is not None
        and theirs.decision_date < mine.decision_date
    )
    if newer:
        for key in RECOGNITION:
            changes[key] = getattr(theirs, key)
        events.append(
            new_decision_event(
                mine.product_id,
                mine.product_name,
                mine.star,
                theirs.star,
                decision_text(mine.decision_no, mine.decision_date),
                decision_text(theirs.decision_no, theirs.decision_date),
                row.source,
            )
        )
        events.append(_earlier(mine, mine, row.source))
    elif older:
        events.append(_earlier(mine, theirs, row.source))
    else:
        for key in RECOGNITION:
            ours, other = getattr(mine, key), getattr(theirs, key)
            if other is None or other == "":
                continue
            if ours is None or ours == "":
                changes[key] = other
            elif not _same(ours, other):
                conflicts.append((key, other))
    for key in (*DESCRIPTION, "notes"):
        if not getattr(mine, key) and getattr(theirs, key):
            changes[key] = getattr(theirs, key)
    reevaluated = _reevaluation(mine, theirs, row.source)
    if reevaluated is not None:
        changes.update(reevaluated[0])
        events.append(reevaluated[1])
    if theirs.status == STATUS_WITHDRAWN and mine.status != STATUS_WITHDRAWN and not older:
        changes["status"] = STATUS_WITHDRAWN
    return (mine.with_(**changes) if changes else mine), events, conflicts


def _reevaluation(mine: Entry, theirs: Entry, source: str) -> tuple[dict[str, Any], Event] | None:
    """A re-evaluation result the file records (an earlier master's register) and the row
    lacks, or a later one than the row's: taken with its day and registration, and logged.
    A result of the same day or earlier is the row's already, or older: nothing changes."""
    if not theirs.reeval_result:
        return None
    if mine.reeval_result and (
        theirs.reeval_date is None
        or (mine.reeval_date is not None and theirs.reeval_date <= mine.reeval_date)
    ):
        return None
    changes = {
        "reeval_result": theirs.reeval_result,
        "reeval_date": theirs.reeval_date,
        "reeval_registration": theirs.reeval_registration or mine.reeval_registration,
    }
    return changes, _reevaluated(mine, theirs, source)


def _reevaluated(mine: Entry, theirs: Entry, source: str) -> Event:
    """The event the council's flow logged for this result (``reevaluation.outcome``):
    the same key, so an earlier master's history brought along holds it once."""
    star = re.search(r"(\d)\s*sao", fold(theirs.reeval_result))
    return Event(
        mine.product_id,
        mine.product_name,
        EVENT_REEVALUATED,
        star_before=mine.star,
        star_after=int(star.group(1)) if star else None,
        decision=decision_text(mine.decision_no, mine.decision_date),
        detail=theirs.reeval_result,
        source=source,
    )
