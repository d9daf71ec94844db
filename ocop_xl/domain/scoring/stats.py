"""Mean, lowest, highest and spread of the members' totals, exactly."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Summary:
    count: int
    mean: Fraction
    low: Fraction
    high: Fraction

    @property
    def spread(self) -> Fraction:
        return self.high - self.low


def summarize(totals: Iterable[Fraction]) -> Summary | None:
    """None when there is no total; otherwise the exact arithmetic mean and the range."""
    values = [Fraction(v) for v in totals]
    if not values:
        return None
    return Summary(len(values), sum(values, Fraction(0)) / len(values), min(values), max(values))


def needs_rescore(summary: Summary | None, limit: int | Fraction) -> bool:
    """Members' totals differ by more than the limit: exactly the limit is still fine."""
    return summary is not None and summary.spread > limit
