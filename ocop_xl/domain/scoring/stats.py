"""Mean, lowest, highest and spread of the members' totals, exactly."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Summary:
    count: int
    mean: Fraction
    low: Fraction
    high: Fraction
    spread: Fraction  # high - low


_DECIMALS = {Decimal}


def summarize(totals: Iterable[Decimal | Fraction | int]) -> Summary | None:
    """None when there is no total; otherwise the exact arithmetic mean and the range."""
    values = list(totals)
    if not values:
        return None
    if set(map(type, values)) == _DECIMALS:
        # Sums of decimals are exact as decimals; the mean is one fraction of integers.
        numerator, denominator = sum(values, Decimal(0)).as_integer_ratio()
        low_n, low_d = min(values).as_integer_ratio()
        high_n, high_d = max(values).as_integer_ratio()
        return Summary(
            len(values),
            Fraction(numerator, denominator * len(values)),
            Fraction(low_n, low_d),
            Fraction(high_n, high_d),
            Fraction(high_n * low_d - low_n * high_d, high_d * low_d),
        )
    exact = [Fraction(v) for v in values]
    total = sum(exact, Fraction(0))
    low, high = min(exact), max(exact)
    return Summary(len(exact), total / len(exact), low, high, high - low)


def needs_rescore(summary: Summary | None, limit: int | Fraction) -> bool:
    """Members' totals differ by more than the limit: exactly the limit is still fine."""
    return summary is not None and summary.spread > limit
