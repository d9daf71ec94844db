"""Amounts written in Vietnamese words, the way financial documents write them.

``amount_in_words(2021)`` -> "Hai nghìn không trăm hai mươi mốt đồng".

The conventions (see docs/budget.md):
- the number is read in groups of three digits: đơn vị, nghìn, triệu, tỷ; above a tỷ the
  count of tỷ is read again the same way ("một nghìn tỷ", "một triệu tỷ");
- a group that is all zeros is not read ("một triệu không trăm linh năm", never
  "không nghìn"); every group after the first non-zero one is read with its hundreds, even
  a zero hundred ("không trăm");
- a zero in the tens place before a unit reads "linh" (or "lẻ", a profile option):
  105 -> "một trăm linh năm"; "linh" is followed by the plain unit ("linh một", "linh năm");
- 10-19 read "mười ..."; 20-90 read "... mươi"; after "mươi" a one reads "mốt", after
  "mười" or "mươi" a five reads "lăm"; a four always reads "bốn" (the colloquial "tư" is
  not used in written amounts);
- "nghìn", not the southern "ngàn".
"""

from __future__ import annotations

from typing import Literal

ZeroTens = Literal["linh", "lẻ"]

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
GROUP_NAMES = ("", "nghìn", "triệu")  # below a tỷ; tỷ is handled by recursion
BILLION = 1_000_000_000


def _tens_and_units(tens: int, units: int, zero_tens: ZeroTens, after_hundreds: bool) -> list[str]:
    if tens == 0:
        if units == 0:
            return []
        # "linh"/"lẻ" only where a hundreds word precedes ("một trăm linh năm");
        # a bare 5 is just "năm".
        return [zero_tens, DIGITS[units]] if after_hundreds else [DIGITS[units]]
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 0:
        return words
    if units == 5:
        return [*words, "lăm"]
    if units == 1 and tens > 1:
        return [*words, "mốt"]
    return [*words, DIGITS[units]]


def _triple(value: int, zero_tens: ZeroTens, full: bool) -> list[str]:
    """Words for 0 < value < 1000. ``full``: a group after the leading one, read with its
    hundreds even when they are zero ("không trăm linh năm")."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    words += _tens_and_units(tens, units, zero_tens, after_hundreds=bool(words))
    return words


def _below_billion(value: int, zero_tens: ZeroTens, full: bool) -> list[str]:
    """Words for 0 < value < 10**9; ``full`` as in ``_triple`` for the first group."""
    groups = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    words: list[str] = []
    started = full
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words += _triple(group, zero_tens, full=started)
        if GROUP_NAMES[index]:
            words.append(GROUP_NAMES[index])
        started = True
    return words


def _words(value: int, zero_tens: ZeroTens, full: bool = False) -> list[str]:
    if value >= BILLION:
        billions, rest = divmod(value, BILLION)
        words = [*_words(billions, zero_tens, full), "tỷ"]
        if rest:
            words += _below_billion(rest, zero_tens, full=True)
        return words
    return _below_billion(value, zero_tens, full)


def number_in_words(value: int, zero_tens: ZeroTens = "linh") -> str:
    """A whole number in lower-case Vietnamese words: 105 -> "một trăm linh năm"."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("number_in_words takes a whole number (int)")
    if zero_tens not in ("linh", "lẻ"):
        raise ValueError("zero_tens must be 'linh' or 'lẻ'")
    if value == 0:
        return DIGITS[0]
    if value < 0:
        return "âm " + number_in_words(-value, zero_tens)
    return " ".join(_words(value, zero_tens))


def amount_in_words(amount: int, zero_tens: ZeroTens = "linh", unit: str = "đồng") -> str:
    """An amount as documents write it, capital first letter and the currency:
    125000000 -> "Một trăm hai mươi lăm triệu đồng"."""
    text = number_in_words(amount, zero_tens)
    text = text[0].upper() + text[1:]
    return f"{text} {unit}" if unit else text
