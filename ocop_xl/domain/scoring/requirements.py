"""Mandatory requirements of a star level, as the council records them.

Each requirement belongs to a star level (from 3★, 4★ or 5★). For each product and
requirement the council records a fact, met or not met (sheet Yêu cầu bắt buộc đánh giá):
nothing here derives it from scores. A product with an unmet requirement earns at most the
star below the lowest level it fails; a requirement that matters for the product's star and
was not recorded leaves its result open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ocop_xl.domain.issues import Issue, Location
from ocop_xl.domain.profile import Requirement
from ocop_xl.domain.scoring.model import Product, Row
from ocop_xl.domain.text import clean, is_blank
from ocop_xl.domain.values import ValueProblem, parse_bool

Pair = tuple[str, str]  # (product ID, requirement code)


@dataclass
class RequirementBook:
    """The recorded facts by (product ID, requirement code), and the problems found."""

    met: dict[Pair, bool] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def check_requirement_rows(
    rows: Sequence[Row], products: Sequence[Product], requirements: Sequence[Requirement]
) -> RequirementBook:
    """Every row checked: a known product, a known requirement, met as Có/Không. A row left
    blank in 'met' is not recorded yet; the same pair recorded twice differently counts
    neither (an error)."""
    book = RequirementBook()
    ids = {p.product_id.casefold(): p.product_id for p in products}
    codes = {r.code.casefold(): r.code for r in requirements}
    seen: dict[Pair, tuple[bool, Location]] = {}
    broken: set[Pair] = set()
    for row in rows:
        if is_blank(row.get("met")):
            continue
        pid = ids.get(clean(row.get("product_id")).casefold())
        code = codes.get(clean(row.get("requirement")).casefold())
        if pid is None:
            book.issues.append(
                Issue.error(
                    "REQUIREMENT_PRODUCT_UNKNOWN",
                    row.at("product_id"),
                    value=clean(row.get("product_id")),
                )
            )
        if code is None:
            book.issues.append(
                Issue.error(
                    "REQUIREMENT_UNKNOWN",
                    row.at("requirement"),
                    value=clean(row.get("requirement")),
                )
            )
        try:
            met = parse_bool(row.get("met"))
        except ValueProblem:
            book.issues.append(
                Issue.error("REQUIREMENT_MET_INVALID", row.at("met"), value=clean(row.get("met")))
            )
            continue
        if pid is None or code is None:
            continue
        pair = (pid, code)
        if pair in seen:
            earlier, where = seen[pair]
            if earlier != met:
                book.issues.append(
                    Issue.error(
                        "REQUIREMENT_CONFLICTING",
                        row.at("met"),
                        product=pid,
                        requirement=code,
                        other_cell=where.cell,
                    )
                )
                broken.add(pair)
                book.met.pop(pair, None)
            continue
        seen[pair] = (met, row.at("met"))
        if pair not in broken:
            book.met[pair] = met
    return book


@dataclass(frozen=True)
class RequirementOutcome:
    star: int  # the star after the cap
    unmet: tuple[Requirement, ...] = ()  # failed, lowest level first
    missing: tuple[Requirement, ...] = ()  # not recorded, and they matter for the star


def apply_requirements(
    product_id: str,
    star: int,
    requirements: Sequence[Requirement],
    met: Mapping[Pair, bool],
) -> RequirementOutcome:
    """Cap ``star`` at the level below the lowest unmet requirement; list the requirements
    up to that star that are not recorded."""
    return apply_ordered(product_id, star, in_order(requirements), met)


def in_order(requirements: Sequence[Requirement]) -> tuple[Requirement, ...]:
    """The requirements lowest star first (then by code), as ``apply_ordered`` takes them."""
    return tuple(sorted(requirements, key=lambda r: (r.from_star, r.code)))


def apply_ordered(
    product_id: str,
    star: int,
    ordered: Sequence[Requirement],
    met: Mapping[Pair, bool],
) -> RequirementOutcome:
    """``apply_requirements`` with the requirements already ``in_order`` (sorted once per
    meeting, not once per product)."""
    unmet = tuple(r for r in ordered if met.get((product_id, r.code)) is False)
    capped = star
    if unmet:
        capped = min(star, unmet[0].from_star - 1)
    missing = tuple(r for r in ordered if r.from_star <= capped and (product_id, r.code) not in met)
    return RequirementOutcome(capped, tuple(r for r in unmet if r.from_star <= star), missing)
