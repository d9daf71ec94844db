"""Evaluation routes (quy trình đánh giá, phân hạng) as data.

A route lists the levels a product passes (commune, district, province, ministry), what
each level does (pre-check part of the dossier, score, recognise stars, forward to the next
level) and the thresholds between them; it names the level the master's office works at.
The outcome of a scored product at the office follows from the route alone: recognised
here, forwarded upward, or neither. No threshold lives in code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ocop_xl.domain.criteria import CriteriaSet, star_for, threshold_for
from ocop_xl.domain.sources import SourceRef

Level = Literal["commune", "district", "province", "ministry"]
LEVELS: tuple[Level, ...] = ("commune", "district", "province", "ministry")
LEVEL_VI: dict[str, str] = {
    "commune": "Cấp xã",
    "district": "Cấp huyện",
    "province": "Cấp tỉnh",
    "ministry": "Cấp trung ương",
}


class RouteLevel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    level: Level
    name: str  # how texts name the level: "cấp tỉnh", "Bộ Nông nghiệp và Môi trường"
    body: str = ""  # who acts there: "UBND cấp xã", "Hội đồng OCOP cấp huyện, UBND huyện"
    pre_check: bool = False  # checks part of the dossier before it goes on
    scores: bool = False  # a council scores the products
    recognise_from: int | None = Field(default=None, ge=1, le=5)  # stars recognised here
    recognise_to: int | None = Field(default=None, ge=1, le=5)
    forward_from: int | None = Field(default=None, ge=0, le=100)  # points to go on upward

    @model_validator(mode="after")
    def _range(self) -> RouteLevel:
        if (self.recognise_from is None) != (self.recognise_to is None):
            raise ValueError(f"{self.level}: give both recognise_from and recognise_to")
        if (
            self.recognise_from is not None
            and self.recognise_to is not None
            and self.recognise_from > self.recognise_to
        ):
            raise ValueError(f"{self.level}: recognise_from above recognise_to")
        return self

    def recognises(self, star: int | None) -> bool:
        return (
            star is not None
            and self.recognise_from is not None
            and self.recognise_to is not None
            and self.recognise_from <= star <= self.recognise_to
        )

    @property
    def recognises_any(self) -> bool:
        return self.recognise_from is not None

    @property
    def recognised_stars(self) -> tuple[int, ...]:
        if self.recognise_from is None or self.recognise_to is None:
            return ()
        return tuple(range(self.recognise_from, self.recognise_to + 1))


class Route(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str
    name: str
    decision: str = ""  # the rule it follows: "Kế hoạch OCOP huyện Tứ Kỳ 2023, mục II.5"
    office_level: Level  # where the master's office (and its council) works
    levels: tuple[RouteLevel, ...]
    sources: tuple[SourceRef, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Route:
        order = [LEVELS.index(lv.level) for lv in self.levels]
        if order != sorted(set(order)):
            raise ValueError("route levels must be distinct and in order commune → ministry")
        office = next((lv for lv in self.levels if lv.level == self.office_level), None)
        if office is None:
            raise ValueError(f"the office level {self.office_level} is not a level of the route")
        if not office.scores:
            raise ValueError("the office level must score the products")
        if self.levels[-1].forward_from is not None:
            raise ValueError("the last level forwards to nothing")
        nxt = self.next_level
        if nxt is not None and office.forward_from is None:
            raise ValueError("the office level needs forward_from (points) for the next level")
        seen: set[int] = set()
        for lv in self.levels:
            if seen & set(lv.recognised_stars):
                raise ValueError("two levels recognise the same star")
            seen |= set(lv.recognised_stars)
        return self

    @property
    def office(self) -> RouteLevel:
        return next(lv for lv in self.levels if lv.level == self.office_level)

    @property
    def next_level(self) -> RouteLevel | None:
        index = [lv.level for lv in self.levels].index(self.office_level)
        return self.levels[index + 1] if index + 1 < len(self.levels) else None

    @property
    def before_office(self) -> tuple[RouteLevel, ...]:
        index = [lv.level for lv in self.levels].index(self.office_level)
        return self.levels[:index]

    @property
    def pre_check_level(self) -> RouteLevel | None:
        """The level below the office that checks part of the dossier (QĐ 1489: the commune)."""
        return next((lv for lv in self.before_office if lv.pre_check), None)

    def recognising_level(self, star: int) -> RouteLevel | None:
        return next((lv for lv in self.levels if lv.recognises(star)), None)

    def lowest_outcome(self, cs: CriteriaSet) -> int:
        """The lowest mean that leads anywhere at the office: recognition or forwarding."""
        office = self.office
        candidates = []
        if office.recognise_from is not None:
            candidates.append(threshold_for(office.recognise_from, cs))
        if office.forward_from is not None and self.next_level is not None:
            candidates.append(office.forward_from)
        return min(candidates) if candidates else 100


Kind = Literal["recognised", "forwarded", "not_forwarded", "pending"]


@dataclass(frozen=True)
class Disposition:
    """What the office does with one scored product under its route."""

    kind: Kind
    star: int | None = None  # the star recognised, or proposed upward
    to: RouteLevel | None = None  # the level it is forwarded to

    @property
    def recognised(self) -> bool:
        return self.kind == "recognised"

    @property
    def forwarded(self) -> bool:
        return self.kind == "forwarded"


def dispose(
    mean: Fraction | None,
    star: int | None,
    blocked: bool,
    route: Route,
    cs: CriteriaSet,
) -> Disposition:
    """Recognised at the office when it recognises the (capped) star; else forwarded when
    the mean reaches the office's forward threshold and the capped star reaches that
    threshold's band (an unmet requirement below it stops the product); else neither. A
    blocked result (re-score, missing scores, quorum) is pending."""
    return disposer(route, cs)(mean, star, blocked)


def disposer(
    route: Route, cs: CriteriaSet
) -> Callable[[Fraction | None, int | None, bool], Disposition]:
    """``dispose`` for one route and criteria set, its levels and thresholds looked up once
    (a council disposes of every product of a meeting under the same route)."""
    office, nxt = route.office, route.next_level
    forward_from = office.forward_from if nxt is not None else None
    forward_star = star_for(forward_from, cs) if forward_from is not None else None

    def dispose_one(mean: Fraction | None, star: int | None, blocked: bool) -> Disposition:
        if blocked or mean is None or star is None:
            return Disposition("pending")
        if office.recognises(star):
            return Disposition("recognised", star)
        if (
            forward_from is not None
            and forward_star is not None
            and mean >= forward_from
            and star >= forward_star
        ):
            return Disposition("forwarded", star, nxt)
        return Disposition("not_forwarded", star)

    return dispose_one
