"""From valid scores to each product's result: counted members, mean, star, flags,
outcome and rank within its product group."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ocop_xl.domain.criteria import CriteriaSet, star_for
from ocop_xl.domain.profile import CouncilMember, CouncilRules, Requirement
from ocop_xl.domain.routes import Route, dispose
from ocop_xl.domain.scoring import flags
from ocop_xl.domain.scoring.display import exact_text, score_text, shown
from ocop_xl.domain.scoring.members import CouncilStatus, council_status, recusal
from ocop_xl.domain.scoring.model import (
    Flag,
    MemberScore,
    Product,
    ProductResult,
)
from ocop_xl.domain.scoring.precheck import PrecheckBook
from ocop_xl.domain.scoring.requirements import apply_requirements
from ocop_xl.domain.scoring.stats import Summary, needs_rescore, summarize


@dataclass(frozen=True)
class Scoring:
    council: CouncilStatus
    results: tuple[ProductResult, ...]

    def result(self, product_id: str) -> ProductResult | None:
        return next((r for r in self.results if r.product_id == product_id), None)


def score_products(
    products: Sequence[Product],
    members: Sequence[CouncilMember],
    scores: Mapping[tuple[str, str], MemberScore],
    criteria_set: CriteriaSet,
    rules: CouncilRules,
    route: Route,
    requirements: Sequence[Requirement] = (),
    met: Mapping[tuple[str, str], bool] | None = None,
    precheck: PrecheckBook | None = None,
) -> Scoring:
    """Each product's result. Only members who are present, score and are not recused from
    the product are counted; a recused member's score is left out. ``met`` holds what the
    council recorded for each (product ID, requirement code)."""
    status = council_status(members, rules)
    recorded = met or {}
    results = [
        score_product(
            product, status, scores, criteria_set, rules, route, requirements, recorded, precheck
        )
        for product in products
    ]
    return Scoring(status, tuple(rank_within_groups(results)))


def score_product(
    product: Product,
    status: CouncilStatus,
    scores: Mapping[tuple[str, str], MemberScore],
    criteria_set: CriteriaSet,
    rules: CouncilRules,
    route: Route,
    requirements: Sequence[Requirement] = (),
    met: Mapping[tuple[str, str], bool] | None = None,
    precheck: PrecheckBook | None = None,
) -> ProductResult:
    pid = product.product_id
    recused = tuple(r for m in status.present if (r := recusal(m, product)) is not None)
    out = {r.member for r in recused}
    expected = [m.name for m in status.present if m.name not in out]
    counted = [scores[(pid, name)] for name in expected if (pid, name) in scores]
    missing = tuple(name for name in expected if (pid, name) not in scores)
    summary = summarize(s.total for s in counted)

    found: list[Flag] = list(status.flags)
    if route.pre_check_level is not None and precheck is not None:
        passed = precheck.passed.get(pid)
        if passed is None:
            found.append(Flag(flags.PRECHECK_MISSING))
        elif not passed:
            contents = "; ".join(precheck.failed_contents.get(pid, ()))
            found.append(Flag(flags.PRECHECK_FAILED, {"contents": contents}))
    star = None
    unmet: tuple[Requirement, ...] = ()
    if summary is None:
        found.append(Flag(flags.NO_SCORES))
    else:
        if missing:
            found.append(Flag(flags.SCORES_MISSING, {"members": ", ".join(missing)}))
        if needs_rescore(summary, rules.spread_limit):
            found.append(_spread_flag(summary, rules))
        star = star_for(summary.mean, criteria_set)
        found.extend(_rounding_flags(summary.mean, star, criteria_set, rules, route))
        checked = apply_requirements(pid, star, requirements, met or {})
        unmet = checked.unmet
        if checked.unmet:
            names = "; ".join(f"{r.code} (từ {r.from_star} sao)" for r in checked.unmet)
            found.append(
                Flag(flags.REQUIREMENT_NOT_MET, {"requirements": names, "star": checked.star})
            )
        if checked.missing:
            names = ", ".join(r.code for r in checked.missing)
            found.append(Flag(flags.REQUIREMENTS_NOT_RECORDED, {"requirements": names}))
        star = checked.star
    if product.is_upgrade_request and product.current_stars is None:
        found.append(Flag(flags.UPGRADE_STARS_MISSING))

    blocked = any(f.code in flags.BLOCKING for f in found)
    mean = summary.mean if summary else None
    disposition = dispose(mean, star, blocked, route, criteria_set)
    target = product.upgrade_target
    upgrade_met = None
    if target is not None:
        # reached when the office recognises the target star or proposes it upward
        upgrade_met = (
            (disposition.recognised or disposition.forwarded)
            and star is not None
            and star >= target
        )
    return ProductResult(
        product=product,
        counted=tuple(s.member for s in counted),
        totals=tuple(s.total for s in counted),
        mean=summary.mean if summary else None,
        low=summary.low if summary else None,
        high=summary.high if summary else None,
        spread=summary.spread if summary else None,
        # a result still pending (re-score, missing scores, quorum…) has no star yet: every
        # sheet, document and count reads this one field
        star=None if blocked else star,
        flags=tuple(found),
        disposition=disposition,
        upgrade_met=upgrade_met,
        recused=recused,
        missing=missing,
        unmet=unmet,
    )


def _spread_flag(summary: Summary, rules: CouncilRules) -> Flag:
    return Flag(
        flags.SPREAD_ABOVE_LIMIT,
        {
            "spread": score_text(summary.spread, rules),
            "high": score_text(summary.high, rules),
            "low": score_text(summary.low, rules),
            "limit": rules.spread_limit,
        },
    )


_HUNDRED = Fraction(100)


def _rounding_flags(
    mean: Fraction, star: int, criteria_set: CriteriaSet, rules: CouncilRules, route: Route
) -> list[Flag]:
    """Say so when the rounded mean people read would fall in another band, or on the
    other side of the route's forward threshold, than the exact mean that decides."""
    display = Fraction(*shown(mean, rules).as_integer_ratio())
    other_band = star_for(display if display <= 100 else _HUNDRED, criteria_set) != star
    limit = route.office.forward_from
    other_side = limit is not None and (display >= limit) != (mean >= limit)
    if not (other_band or other_side):
        return []
    return [
        Flag(
            flags.MEAN_ROUNDED_ACROSS_BAND,
            {"shown": score_text(mean, rules), "exact": exact_text(mean), "star": star},
        )
    ]


def rank_within_groups(results: Sequence[ProductResult]) -> list[ProductResult]:
    """Rank by exact mean within each product group, highest first; equal means share a
    rank (1, 1, 3). Products without a mean have no rank."""
    groups: dict[str, list[ProductResult]] = defaultdict(list)
    for r in results:
        if r.mean is not None:
            groups[r.product.group_code].append(r)
    ranks: dict[str, int] = {}
    for members in groups.values():
        ordered = sorted(members, key=lambda r: r.mean or 0, reverse=True)  # each has a mean
        for position, r in enumerate(ordered, start=1):
            ranks[r.product_id] = position
            if position > 1 and r.mean == ordered[position - 2].mean:
                ranks[r.product_id] = ranks[ordered[position - 2].product_id]
    ranked = []
    for r in results:
        rank = ranks.get(r.product_id)
        ranked.append(r if r.rank_in_group == rank else replace(r, rank_in_group=rank))
    return ranked
