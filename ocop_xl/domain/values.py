"""Cell values as people type them in Vietnam, read into exact Python values.

Each parser takes what a spreadsheet cell holds (number, text, date, None) and returns a
clean value or raises ``ValueProblem`` saying, in both languages, what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from ocop_xl.domain.text import clean, fold, is_blank

EXCEL_EPOCH = date(1899, 12, 30)
_DOT_GROUPS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_COMMA_GROUPS = re.compile(r"^\d{1,3}(,\d{3}){2,}$")
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
_CURRENCY = re.compile(r"(đồng|đ|vnđ|vnd)$", re.IGNORECASE)


class ValueProblem(ValueError):
    def __init__(self, expected_vi: str, expected_en: str) -> None:
        super().__init__(expected_en)
        self.expected_vi = expected_vi
        self.expected_en = expected_en


def _number_text(text: str) -> str:
    """'1.250.000' -> '1250000', '50,5' -> '50.5', '1.250,5' -> '1250.5', '1 250 000' ->
    '1250000'. A dot followed by groups of three digits groups thousands, as in Vietnamese."""
    text = clean(text).replace("\u00a0", "").replace(" ", "")
    text = _CURRENCY.sub("", text).strip()
    sign = ""
    if text[:1] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    if "." in text and "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _DOT_GROUPS.match(text):
        text = text.replace(".", "")
    elif _COMMA_GROUPS.match(text):
        text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    return sign + text


def parse_decimal(value: object) -> Decimal:
    """A number, exactly: floats by their shortest text ('35.5'), strings the Vietnamese way."""
    if isinstance(value, bool) or is_blank(value):
        raise ValueProblem("phải là một số", "must be a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    try:
        result = Decimal(_number_text(str(value)))
    except InvalidOperation as exc:
        raise ValueProblem("phải là một số", "must be a number") from exc
    if not result.is_finite():
        raise ValueProblem("phải là một số", "must be a number")
    return result


def parse_int(value: object) -> int:
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise ValueProblem("phải là số nguyên", "must be a whole number")
    return int(number)


def parse_amount(value: object) -> int:
    """Whole đồng, not negative: 1250000, '1.250.000', '1 250 000 đ'."""
    try:
        number = parse_decimal(value)
    except ValueProblem as exc:
        raise ValueProblem("phải là số tiền (đồng)", "must be an amount in đồng") from exc
    if number < 0:
        raise ValueProblem("số tiền không được âm", "an amount must not be negative")
    if number != number.to_integral_value():
        raise ValueProblem("số tiền phải là số đồng nguyên", "an amount must be whole đồng")
    return int(number)


def parse_date(value: object) -> date:
    """A date from a datetime, an Excel serial number or 'dd/mm/yyyy' text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and 1 <= value < 2958466  # Excel's valid serial range
    ):
        return EXCEL_EPOCH + timedelta(days=int(value))
    if isinstance(value, str):
        text = clean(value)
        match = _DATE_TEXT.match(text)
        try:
            if match:
                day, month, year = (int(g) for g in match.groups())
                return date(year, month, day)
            match = _ISO_DATE.match(text)
            if match:
                year, month, day = (int(g) for g in match.groups())
                return date(year, month, day)
        except ValueError:
            pass
    raise ValueProblem("phải là ngày dạng dd/mm/yyyy", "must be a date as dd/mm/yyyy")


_YES = {"co", "x", "yes", "true", "1", "dung"}
_NO = {"khong", "no", "false", "0", "sai", ""}


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    key = fold(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueProblem("phải là Có hoặc Không", "must be Có (yes) or Không (no)")


def yes_no(flag: bool) -> str:
    return "Có" if flag else "Không"


def split_codes(value: object) -> tuple[str, ...]:
    """'NN, TCKH; YT' -> ('NN', 'TCKH', 'YT')."""
    if is_blank(value):
        return ()
    parts = re.split(r"[,;\n]+", unicodedata.normalize("NFC", str(value)))
    return tuple(p.strip() for p in parts if p.strip())
