"""Scores as people read them: rounded by the council's rule, only when shown.

Every comparison (star bands, forward threshold, spread limit) uses the exact value; these
functions are for Kết quả, the minutes, the list for the province and messages.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from ocop_xl.domain.profile import CouncilRules


def round_score(
    value: Fraction | Decimal | int, decimals: int = 2, rounding: str = "half_up"
) -> Decimal:
    """``value`` rounded to ``decimals`` places: half up (49.995 → 50.00) or half to even
    (49.985 → 49.98). Negative scores do not occur; half up means away from zero."""
    return Decimal(rounded_units(*_ratio(value), decimals, rounding)).scaleb(-decimals)


def rounded_units(numerator: int, denominator: int, decimals: int, rounding: str) -> int:
    """p/q rounded to ``decimals`` places, in units of 10^-decimals (q > 0)."""
    if rounding == "half_even":
        return round(Fraction(numerator, denominator) * 10**decimals)  # half to even
    # floor(|p/q|·10^d + 1/2) in integers: the same value without Fraction arithmetic
    p, q = numerator, denominator
    return (2 * abs(p) * 10**decimals + q) // (2 * q) * (1 if p >= 0 else -1)


def _ratio(value: Fraction | Decimal | int) -> tuple[int, int]:
    """Numerator and positive denominator of an exact score."""
    if type(value) is Fraction:
        return value.numerator, value.denominator
    return Fraction(value).as_integer_ratio()


def shown(value: Fraction | Decimal | int, rules: CouncilRules) -> Decimal:
    return round_score(value, rules.display_decimals, rules.rounding)


def vi_number(value: Decimal) -> str:
    """Decimal comma, as Vietnamese documents write scores: 49.99 → '49,99'."""
    return format(value, "f").replace(".", ",")


def score_text(value: Fraction | Decimal | int | None, rules: CouncilRules) -> str:
    return "" if value is None else vi_number(shown(value, rules))


def exact_text(value: Fraction | Decimal | int) -> str:
    """An exact mean for messages: terminating decimals in full ('49,995'), others with
    six places and '…' ('56,666666…', cut, not rounded)."""
    value = Fraction(value)
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator == 1:
        places = 0
        while (value * 10**places).denominator != 1:
            places += 1
        return vi_number(round_score(value, places))
    return vi_number(Decimal(math.floor(value * 10**6)).scaleb(-6)) + "…"


def star_label(star: int | None) -> str:
    """3 → '3 sao'; no star yet → ''."""
    return "" if star is None else f"{star} sao"
