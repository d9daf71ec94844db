"""From valid scores to each product's result: counted members, mean, star, flags,
outcome and rank within its product group."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from operator import itemgetter
from typing import Any

from ocop_xl.domain.criteria import MAX_TOTAL, CriteriaSet, star_for, star_for_ratio
from ocop_xl.domain.profile import CouncilMember, CouncilRules, Requirement
from ocop_xl.domain.routes import Route, disposer
from ocop_xl.domain.scoring import flags
from ocop_xl.domain.scoring.bulk import collector_paused
from ocop_xl.domain.scoring.display import exact_text, rounded_units, score_text
from ocop_xl.domain.scoring.members import CouncilStatus, council_status, recusal
from ocop_xl.domain.scoring.model import (
    Flag,
    MemberScore,
    Product,
    ProductResult,
    Recusal,
)
from ocop_xl.domain.scoring.precheck import PrecheckBook
from ocop_xl.domain.scoring.requirements import apply_ordered, in_order
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
    meeting = _Meeting(status, criteria_set, rules, route, requirements, met or {}, precheck)
    with collector_paused():
        return _score_all(products, status, meeting, scores)


def _score_all(
    products: Sequence[Product],
    status: CouncilStatus,
    meeting: _Meeting,
    scores: Mapping[tuple[str, str], MemberScore],
) -> Scoring:
    counts = [meeting.count(product, scores) for product in products]
    # ranks need every mean: counted first, the results made once with their rank
    ranks = _ranks(
        (p.group_code, p.product_id, c[3].mean if c[3] else None)
        for p, c in zip(products, counts, strict=True)
    )
    return Scoring(
        status,
        tuple(
            meeting.result(p, c, ranks.get(p.product_id))
            for p, c in zip(products, counts, strict=True)
        ),
    )


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
    meeting = _Meeting(status, criteria_set, rules, route, requirements, met or {}, precheck)
    return meeting.result(product, meeting.count(product, scores), None)


# (recused, counted scores, present members without a score, summary of the totals)
_Count = tuple[tuple[Recusal, ...], list[MemberScore], tuple[str, ...], Summary | None]


class _Meeting:
    """What every product of one meeting shares, worked out once: who is present and who
    declared conflicts, the council's own flags, the route's thresholds, the requirements
    in order."""

    def __init__(
        self,
        status: CouncilStatus,
        criteria_set: CriteriaSet,
        rules: CouncilRules,
        route: Route,
        requirements: Sequence[Requirement],
        met: Mapping[tuple[str, str], bool],
        precheck: PrecheckBook | None,
    ) -> None:
        self.status = status
        self.criteria_set = criteria_set
        self.rules = rules
        self.met = met
        self.present = [m.name for m in status.present]
        self.conflicting = [m for m in status.present if m.conflicts]
        self.council_flags = status.flags
        self.precheck = precheck if route.pre_check_level is not None else None
        self.requirements = in_order(requirements)
        self.dispose = disposer(route, criteria_set)
        self.forward_from = route.office.forward_from

    def count(self, product: Product, scores: Mapping[tuple[str, str], MemberScore]) -> _Count:
        pid = product.product_id
        recused: tuple[Recusal, ...] = ()
        expected = self.present
        if self.conflicting:
            recused = tuple(r for m in self.conflicting if (r := recusal(m, product)) is not None)
            if recused:
                out = {r.member for r in recused}
                expected = [name for name in expected if name not in out]
        counted = []
        missing: list[str] = []
        for name in expected:
            score = scores.get((pid, name))
            if score is None:
                missing.append(name)
            else:
                counted.append(score)
        return recused, counted, tuple(missing), summarize([s.total for s in counted])

    def result(self, product: Product, count: _Count, rank: int | None) -> ProductResult:
        recused, counted, missing, summary = count
        pid = product.product_id
        rules = self.rules
        found: list[Flag] = list(self.council_flags)
        precheck = self.precheck
        if precheck is not None:
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
            star = star_for(summary.mean, self.criteria_set)
            if _rounded_across(summary.mean, star, self.criteria_set, rules, self.forward_from):
                found.append(_rounding_flag(summary.mean, star, rules))
            if self.requirements:  # (none: nothing to cap, nothing to record)
                checked = apply_ordered(pid, star, self.requirements, self.met)
                unmet = checked.unmet
                if checked.unmet:
                    names = "; ".join(f"{r.code} (từ {r.from_star} sao)" for r in checked.unmet)
                    found.append(
                        Flag(
                            flags.REQUIREMENT_NOT_MET,
                            {"requirements": names, "star": checked.star},
                        )
                    )
                if checked.missing:
                    names = ", ".join(r.code for r in checked.missing)
                    found.append(Flag(flags.REQUIREMENTS_NOT_RECORDED, {"requirements": names}))
                star = checked.star
        if product.kind and product.is_upgrade_request and product.current_stars is None:
            found.append(Flag(flags.UPGRADE_STARS_MISSING))

        blocked = any(f.code in flags.BLOCKING for f in found)
        mean = summary.mean if summary else None
        disposition = self.dispose(mean, star, blocked)
        target = product.upgrade_target if product.kind else None
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
            counted=tuple([s.member for s in counted]),
            totals=tuple([s.total for s in counted]),
            mean=mean,
            low=summary.low if summary else None,
            high=summary.high if summary else None,
            spread=summary.spread if summary else None,
            # a result still pending (re-score, missing scores, quorum…) has no star yet:
            # every sheet, document and count reads this one field
            star=None if blocked else star,
            flags=tuple(found),
            disposition=disposition,
            upgrade_met=upgrade_met,
            rank_in_group=rank,
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


def _rounded_across(
    mean: Fraction, star: int, criteria_set: CriteriaSet, rules: CouncilRules, limit: int | None
) -> bool:
    """The rounded mean people read would fall in another band, or on the other side of
    the route's forward threshold ``limit``, than the exact mean that decides. Compared in
    integers: the shown mean is ``units`` / 10^decimals."""
    p, q = mean.numerator, mean.denominator
    units = rounded_units(p, q, rules.display_decimals, rules.rounding)
    scale = 10**rules.display_decimals
    if star_for_ratio(min(units, MAX_TOTAL * scale), scale, criteria_set) != star:
        return True
    return limit is not None and (units >= limit * scale) != (p >= limit * q)


def _rounding_flag(mean: Fraction, star: int, rules: CouncilRules) -> Flag:
    return Flag(
        flags.MEAN_ROUNDED_ACROSS_BAND,
        {"shown": score_text(mean, rules), "exact": exact_text(mean), "star": star},
    )


def rank_within_groups(results: Sequence[ProductResult]) -> list[ProductResult]:
    """Rank by exact mean within each product group, highest first; equal means share a
    rank (1, 1, 3). Products without a mean have no rank."""
    ranks = _ranks((r.product.group_code, r.product_id, r.mean) for r in results)
    ranked = []
    for r in results:
        rank = ranks.get(r.product_id)
        ranked.append(r if r.rank_in_group == rank else replace(r, rank_in_group=rank))
    return ranked


def _ranks(entries: Iterable[tuple[str, str, Fraction | None]]) -> dict[str, int]:
    """Rank by product ID from (group, product ID, mean)."""
    groups: dict[str, list[tuple[str, Fraction]]] = defaultdict(list)
    for group, pid, mean in entries:
        if mean is not None:
            groups[group].append((pid, mean))
    means = [m for members in groups.values() for _, m in members]
    key: Callable[[tuple[str, Fraction]], Any] = itemgetter(1)
    if all(type(m) is Fraction for m in means):
        # Sorted as integers: every mean times one common multiple of their denominators
        # (the same order as the fractions', without a Fraction comparison per step).
        common = math.lcm(*{m.denominator for m in means})
        key = lambda e: e[1].numerator * (common // e[1].denominator)  # noqa: E731
    ranks: dict[str, int] = {}
    for members in groups.values():
        ordered = sorted(members, key=key, reverse=True)
        for position, (pid, mean) in enumerate(ordered, start=1):
            ranks[pid] = position
            if position > 1 and mean == ordered[position - 2][1]:
                ranks[pid] = ranks[ordered[position - 2][0]]
    return ranks
