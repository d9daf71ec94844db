"""Mean, lowest, highest and spread of the members' totals, exactly."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property


@dataclass(frozen=True)
class Summary:
    count: int
    mean: Fraction
    low: Fraction
    high: Fraction

    @cached_property
    def spread(self) -> Fraction:
        return self.high - self.low


_DECIMALS = {Decimal}


def summarize(totals: Iterable[Decimal | Fraction | int]) -> Summary | None:
    """None when there is no total; otherwise the exact arithmetic mean and the range."""
    values = list(totals)
    if not values:
        return None
    if set(map(type, values)) == _DECIMALS:
        # Sums of decimals are exact as decimals; the mean is one fraction of integers.
        numerator, denominator = sum(values, Decimal(0)).as_integer_ratio()
        low, high = min(values).as_integer_ratio(), max(values).as_integer_ratio()
        return Summary(
            len(values),
            Fraction(numerator, denominator * len(values)),
            Fraction(*low),
            Fraction(*high),
        )
    values = [Fraction(v) for v in values]
    total = sum(values, Fraction(0))
    return Summary(len(values), total / len(values), Fraction(min(values)), Fraction(max(values)))


def needs_rescore(summary: Summary | None, limit: int | Fraction) -> bool:
    """Members' totals differ by more than the limit: exactly the limit is still fine."""
    return summary is not None and summary.spread > limit
