"""Criteria sets (Bộ tiêu chí OCOP): part maxima, star bands, the product-group tree and the
dates each set is in force; the set that applies on a date."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from numbers import Real

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ocop_xl.domain.issues import OcopError
from ocop_xl.domain.sources import SourceRef

PARTS = ("A", "B", "C")
MAX_TOTAL = 100


class Part(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    name: str
    max_points: int


class StarBand(BaseModel):
    """A product with a mean total of at least ``min_total`` earns ``star`` (1..5)."""

    model_config = ConfigDict(frozen=True)
    star: int = Field(ge=1, le=5)
    min_total: int = Field(ge=0, le=MAX_TOTAL)


class ProductGroup(BaseModel):
    """One node of the product-group tree: 'I', 'I.3', 'I.3.b'."""

    model_config = ConfigDict(frozen=True)
    code: str
    name: str

    @property
    def parent(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None

    @property
    def level(self) -> int:
        return self.code.count(".") + 1


class CriteriaSet(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    name: str
    decision: str
    in_force_from: date
    # The last day it applies to a new evaluation (the day before its successor takes
    # effect); None: still in force.
    in_force_to: date | None = None
    # Its successor's transitional provision: a dossier submitted while this set was in
    # force may still be evaluated under it until this day (QĐ 26/2026/QĐ-TTg, Điều 11.2 and
    # 12.2: QĐ 148 and 1489 end 60 days after 22/05/2026). None: no transition.
    transition_until: date | None = None
    parts: tuple[Part, ...]
    star_bands: tuple[StarBand, ...]
    groups: tuple[ProductGroup, ...]
    sources: tuple[SourceRef, ...] = ()

    @property
    def label(self) -> str:
        """How people name it ("QĐ 148/QĐ-TTg"): the decision, short. Cấu hình shows it."""
        text = re.sub(r"\s*\(.*?\)", "", self.decision)
        text = text.replace("Quyết định số ", "QĐ ")
        text = re.sub(r" ngày \d{2}/\d{2}/\d{4}", "", text)
        return text.replace(" của Thủ tướng Chính phủ", "").replace("sửa đổi bởi", "sửa đổi theo")

    @model_validator(mode="after")
    def _consistent(self) -> CriteriaSet:
        if tuple(p.code for p in self.parts) != PARTS:
            raise ValueError(f"parts must be {PARTS}")
        if sum(p.max_points for p in self.parts) != MAX_TOTAL:
            raise ValueError("part maxima must add up to 100")
        bands = sorted(self.star_bands, key=lambda b: b.star)
        if [b.star for b in bands] != [1, 2, 3, 4, 5] or bands[0].min_total != 0:
            raise ValueError("star bands must cover 1..5 stars, 1 star from 0")
        if any(a.min_total >= b.min_total for a, b in pairwise(bands)):
            raise ValueError("star band thresholds must increase")
        codes = [g.code for g in self.groups]
        if len(set(codes)) != len(codes):
            raise ValueError("product group codes must be unique")
        known = set(codes)
        orphans = [g.code for g in self.groups if g.parent and g.parent not in known]
        if orphans:
            raise ValueError(f"product groups without a parent: {orphans}")
        if self.in_force_to is not None and self.in_force_to < self.in_force_from:
            raise ValueError("in_force_to is before in_force_from")
        if self.transition_until is not None and (
            self.in_force_to is None or self.transition_until <= self.in_force_to
        ):
            raise ValueError("transition_until must come after in_force_to")
        return self

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def part_max(self, part: str) -> int:
        for p in self.parts:
            if p.code == part.strip().upper():
                return p.max_points
        raise KeyError(part)

    def group(self, code: str) -> ProductGroup | None:
        wanted = code.strip()
        return next((g for g in self.groups if g.code == wanted), None)

    def group_path(self, code: str) -> str:
        """A group's full name, from its sector down: 'Đồ uống - Đồ uống có cồn - Rượu trắng'."""
        names = []
        current: str | None = code.strip()
        while current:
            group = self.group(current)
            if group is None:
                break
            names.append(group.name)
            current = group.parent
        return " - ".join(reversed(names))

    def leaf_groups(self) -> tuple[ProductGroup, ...]:
        """Groups a product can belong to: the nodes with no children."""
        parents = {g.parent for g in self.groups if g.parent}
        return tuple(g for g in self.groups if g.code not in parents)


Score = int | float | Decimal | Fraction


def exact(value: Score) -> Fraction:
    """An exact rational for a score; floats keep their exact binary value."""
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise TypeError(f"not a number: {value!r}")
    return Fraction(value)


def star_for(total: Score, criteria_set: CriteriaSet) -> int:
    """The star earned by a total, compared exactly: 49.995 is below 50, so 2 stars."""
    value = total if type(total) is Fraction else exact(total)
    n, d = value.numerator, value.denominator
    if n < 0 or n > MAX_TOTAL * d:
        raise ValueError(f"total {total} is outside 0..{MAX_TOTAL}")
    return star_for_ratio(n, d, criteria_set)


def star_for_ratio(numerator: int, denominator: int, criteria_set: CriteriaSet) -> int:
    """The star of the total n/d (0 <= n/d <= 100, d > 0), compared in integers: n/d >= t
    exactly when n >= t·d."""
    star = 1
    for band_star, min_total in _bands(criteria_set):
        if numerator >= min_total * denominator:
            star = band_star
    return star


_BANDS: dict[int, tuple[CriteriaSet, tuple[tuple[int, int], ...]]] = {}


def _bands(criteria_set: CriteriaSet) -> tuple[tuple[int, int], ...]:
    """(star, lowest total) by star, sorted once per criteria set (kept with the set, so
    a new set at a reused id is sorted again)."""
    known = _BANDS.get(id(criteria_set))
    if known is None or known[0] is not criteria_set:
        bands = sorted(criteria_set.star_bands, key=lambda b: b.star)
        known = (criteria_set, tuple((b.star, b.min_total) for b in bands))
        _BANDS[id(criteria_set)] = known
    return known[1]


def threshold_for(star: int, criteria_set: CriteriaSet) -> int:
    """The lowest total that earns ``star``."""
    for band in criteria_set.star_bands:
        if band.star == star:
            return band.min_total
    raise ValueError(f"no star band {star}; stars are 1..5")


def band_text(star: int, criteria_set: CriteriaSet) -> str:
    """A star's band in words, closed at the bottom and open at the top, as the decisions
    write it: 'từ 50 đến dưới 70 điểm' (69,99 is 3 stars; no total falls between bands)."""
    low = threshold_for(star, criteria_set)
    if star == 5:
        return f"từ {low} đến {MAX_TOTAL} điểm"
    high = threshold_for(star + 1, criteria_set)
    return f"dưới {high} điểm" if low == 0 else f"từ {low} đến dưới {high} điểm"


def check_no_overlap(sets: Iterable[CriteriaSet]) -> None:
    """Two sets in force on the same day would make 'the set of a date' a guess."""
    ordered = sorted(sets, key=lambda cs: cs.in_force_from)
    for earlier, later in pairwise(ordered):
        if earlier.in_force_to is None or earlier.in_force_to >= later.in_force_from:
            raise ValueError(
                f"criteria sets {earlier.code} and {later.code} are both in force on "
                f"{later.in_force_from.isoformat()}"
            )


def criteria_set_for(
    day: date, sets: Iterable[CriteriaSet], submitted: date | None = None
) -> CriteriaSet:
    """The criteria set for an evaluation on ``day``: the set in force that day. A dossier
    ``submitted`` while an earlier set was in force is still evaluated under that set up to
    its ``transition_until`` (the successor's transitional provision); after that, or
    without a transition, under the set in force on ``day``. A day no set covers is an
    error, not a guess."""
    candidates = list(sets)
    if submitted is not None:
        if submitted > day:
            raise ValueError(f"a dossier submitted on {submitted} is not evaluated on {day}")
        for cs in candidates:
            if (
                cs.in_force_on(submitted)
                and cs.transition_until is not None
                and day <= cs.transition_until
            ):
                return cs
    for cs in candidates:
        if cs.in_force_on(day):
            return cs
    known = "; ".join(
        f"{cs.code}: {cs.in_force_from:%d/%m/%Y} – "
        + (f"{cs.in_force_to:%d/%m/%Y}" if cs.in_force_to else "nay")
        for cs in sorted(candidates, key=lambda c: c.in_force_from)
    )
    raise OcopError("CRITERIA_SET_NO_DATE", date=f"{day:%d/%m/%Y}", known=known)
