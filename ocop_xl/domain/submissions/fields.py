"""Field rules of a registration row: each takes a raw cell value and returns the clean
value or raises ``ValueProblem`` saying what was expected (in both languages).

These are the only place the formats are defined; the consolidation, the returns and any
UDF call them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ocop_xl.domain.text import clean, fold, is_blank
from ocop_xl.domain.values import ValueProblem

_PHONE_JUNK = re.compile(r"[\s.\-()/]")
# A mobile number: 0 and 9 digits. A landline since the 2017 renumbering (QĐ 2036/QĐ-BTTTT):
# 0, the area code (2 and two digits; 24 Hà Nội and 28 TP HCM), the subscriber: 11 digits.
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")
_TAX_JUNK = re.compile(r"[\s.]")
_DASHES = re.compile(r"\s*[-–—_]\s*")
_STARS = re.compile(r"^([1-5])(?:[.,]0+)?\s*(?:sao|★|\*)?$")
_GROUP_SPLIT = re.compile(r"\s+[-–—:]\s+|\s*[–—]\s*")


def _digits_of_number(value: object) -> str | None:
    """An Excel number as its digits; Excel drops a leading 0 from numbers, so a number
    one digit short gets it back."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return clean(repr(value))
    return str(int(value))


def normalise_phone(value: object) -> str:
    """'0912.345.678', '+84 912 345 678' -> '0912345678'; '0220 3712 345' (a landline with
    its area code) -> '02203712345'."""
    number = _digits_of_number(value)
    if number is not None:  # Excel dropped the leading 0
        text = (
            "0" + number if len(number) == 9 or (len(number) == 10 and number[0] == "2") else number
        )
    else:
        text = _PHONE_JUNK.sub("", clean(value))
        if text.startswith("+84"):
            text = "0" + text[3:]
        elif text.startswith("84") and len(text) in (11, 12):
            text = "0" + text[2:]
    if not (_MOBILE.match(text) or _LANDLINE.match(text)):
        raise ValueProblem(
            "số di động 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678) hoặc số cố định 11 chữ "
            "số gồm mã vùng (ví dụ 0220 3712 345)",
            "a mobile number of 10 digits starting with 0 (e.g. 0912 345 678) or a landline "
            "of 11 digits with its area code (e.g. 0220 3712 345)",
        )
    return text


# -- tax and registration numbers ------------------------------------------------------------
# The forms a producer's number may take (docs/submissions.md gives the sources):
# an organisation's tax code (10 digits), a dependent unit's (10 digits, "-", 3 digits), and
# the 12-digit personal identification number that households, household businesses and
# individuals use as their tax code since 01/07/2025 (Thông tư 86/2024/TT-BTC).
TAX_FORM_ORGANISATION = "organisation"
TAX_FORM_BRANCH = "branch"
TAX_FORM_PERSONAL = "personal"
_TAX_FORM_WORDS = {
    TAX_FORM_ORGANISATION: ("mã số thuế 10 chữ số", "a 10-digit tax code"),
    TAX_FORM_BRANCH: (
        "mã số thuế đơn vị phụ thuộc 10 chữ số-3 chữ số",
        "a dependent unit's tax code of 10 digits-3 digits",
    ),
    TAX_FORM_PERSONAL: (
        "số định danh cá nhân 12 chữ số của người đại diện",
        "the representative's 12-digit personal identification number",
    ),
}
ALL_TAX_FORMS = (TAX_FORM_ORGANISATION, TAX_FORM_BRANCH, TAX_FORM_PERSONAL)


@dataclass(frozen=True)
class TaxIdRule:
    """What number a producer type has: whether one is required, and its accepted forms."""

    required: bool
    forms: tuple[str, ...] = ALL_TAX_FORMS

    @property
    def expected(self) -> tuple[str, str]:
        vi = " hoặc ".join(_TAX_FORM_WORDS[f][0] for f in self.forms)
        en = " or ".join(_TAX_FORM_WORDS[f][1] for f in self.forms)
        return vi, en


def normalise_tax_id(value: object, forms: tuple[str, ...] = ALL_TAX_FORMS) -> str:
    """'0801234567', '08 0123 4567' -> '0801234567'; '0801234567 - 001' and '0801234567001'
    -> '0801234567-001'; '034 085 012 345' -> '034085012345' (a personal ID), when ``forms``
    allows that form. Excel numbers get back the leading 0 they lost."""
    number = _digits_of_number(value)
    if number is not None:
        # A tax code or personal ID starting with 0 (every personal ID does: its first three
        # digits are a province code 001-096) lost that 0 as a number.
        text = "0" + number if len(number) in (9, 11, 12) else number
    else:
        text = _DASHES.sub("-", _TAX_JUNK.sub("", clean(value)))
    if len(text) == 13 and text.isdigit():  # a branch written without its dash
        text = f"{text[:10]}-{text[10:]}"
    form = None
    if len(text) == 10 and text.isdigit():
        form = TAX_FORM_ORGANISATION
    elif len(text) == 14 and text[10] == "-" and (text[:10] + text[11:]).isdigit():
        form = TAX_FORM_BRANCH
    elif len(text) == 12 and text.isdigit():
        form = TAX_FORM_PERSONAL
    if form is None or form not in forms:
        vi, en = TaxIdRule(False, forms).expected
        raise ValueProblem(vi, en)
    return text


def parse_stars(value: object) -> int:
    """3, 3.0, '3', '3 sao', '3★' -> 3."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 5:
            return int(value)
    else:
        match = _STARS.match(fold(value))
        if match:
            return int(match.group(1))
    raise ValueProblem("số sao từ 1 đến 5", "a number of stars from 1 to 5")


class Choices:
    """A fixed list matched accent- and case-insensitively: 'htx' -> 'HTX'."""

    def __init__(self, values: Iterable[str], aliases: dict[str, str] | None = None) -> None:
        self.values = tuple(values)
        self._by_key = {fold(v): v for v in self.values}
        for alias, value in (aliases or {}).items():
            self._by_key.setdefault(fold(alias), value)
        self._memo: dict[object, str | None] = {}

    def match(self, value: object) -> str | None:
        try:
            return self._memo[value]
        except (KeyError, TypeError):
            pass
        found = self._by_key.get(fold(value))
        if found is None and isinstance(value, str):
            # "HTX (hợp tác xã)" or "1. doanh nghiệp": the first matching word run wins.
            stripped = re.sub(r"^\s*\d+[.)]\s*|\s*\(.*\)\s*$", "", value)
            found = self._by_key.get(fold(stripped))
        if isinstance(value, str | int | float):
            self._memo[value] = found
        return found


@dataclass(frozen=True)
class GroupChoice:
    code: str
    name: str
    leaf: bool


class Groups:
    """Product groups of the criteria set: 'I.3.b', 'i.3.b', 'I.3.b - Chế biến từ gạo...'
    or the group's name alone."""

    def __init__(self, groups: Iterable[tuple[str, str]], leaf_codes: Iterable[str]) -> None:
        leaves = set(leaf_codes)
        self.all = tuple(GroupChoice(c, n, c in leaves) for c, n in groups)
        self._by_code = {g.code.casefold(): g for g in self.all}
        self._by_name: dict[str, GroupChoice] = {}
        for g in self.all:  # leaves win when a parent shares the name
            if g.leaf or fold(g.name) not in self._by_name:
                self._by_name[fold(g.name)] = g
        self._memo: dict[object, GroupChoice | None] = {}

    @staticmethod
    def label(code: str, name: str) -> str:
        """The dropdown text of a group."""
        return f"{code} - {name}"

    def match(self, value: object) -> GroupChoice | None:
        if value in self._memo:
            return self._memo[value]
        text = clean(value)
        found = self._by_code.get(text.casefold().rstrip("."))
        if found is None:
            head = _GROUP_SPLIT.split(text, maxsplit=1)[0].strip()
            found = self._by_code.get(head.casefold().rstrip("."))
        if found is None:
            found = self._by_name.get(fold(text))
        self._memo[value] = found
        return found


@dataclass(frozen=True)
class SupportMatch:
    codes: tuple[str, ...]
    unknown: tuple[str, ...]


class SupportItems:
    """Requested support items: codes or names from the support catalog, separated by
    commas, semicolons or line breaks; 'CODE - name' as the dropdown shows it works too.
    Names may contain commas ('Mã số, mã vạch'), so whole labels are found first."""

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        self.items = tuple(items)
        self._code_by_key = {fold(code): code for code, _ in self.items}
        labels: dict[str, str] = {}
        for code, name in self.items:
            labels[fold(self.label(code, name))] = code
            labels[fold(name)] = code
        keys = sorted(labels, key=len, reverse=True)
        self._labels = labels
        self._memo: dict[str, SupportMatch] = {}
        self._pattern = (
            re.compile("|".join(re.escape(k) for k in keys if k)) if keys else re.compile("$^")
        )

    @staticmethod
    def label(code: str, name: str) -> str:
        return f"{code} - {name}"

    def match(self, value: object) -> SupportMatch:
        if is_blank(value):
            return SupportMatch((), ())
        if isinstance(value, str) and value in self._memo:
            return self._memo[value]
        found = self._match(value)
        if isinstance(value, str):
            self._memo[value] = found
        return found

    def _match(self, value: object) -> SupportMatch:
        text = fold(value)
        codes: list[str] = []
        for found in self._pattern.finditer(text):
            code = self._labels[found.group(0)]
            if code not in codes:
                codes.append(code)
        rest = self._pattern.sub(",", text)
        unknown: list[str] = []
        for token in re.split(r"[,;\n+]+", rest):
            token = token.strip(" .-")
            if not token:
                continue
            coded = self._code_by_key.get(token)
            if coded is None:
                unknown.append(token)
            elif coded not in codes:
                codes.append(coded)
        return SupportMatch(tuple(codes), tuple(unknown))


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month when it has no such day):
    the product register's rule (``domain.register.validity``), kept here by name."""
    from ocop_xl.domain.register.validity import add_months as months_later

    return months_later(day, months)
