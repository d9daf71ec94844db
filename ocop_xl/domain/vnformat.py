"""Vietnamese ways of writing amounts and dates in documents."""

from __future__ import annotations

from datetime import date

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
BLANK = "……"  # a blank to fill in by hand


def money(amount: int) -> str:
    """1250000 -> '1.250.000' (the dot groups thousands in Vietnamese print)."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def date_vi(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def judging_day(plan_year: int, today: date, as_of: date | None = None) -> date:
    """The day the checks judge dates against (a certificate expired, a date in the future,
    an activity still to come): ``as_of`` when the office sets one (Cấu hình or
    ``--as-of``); otherwise today, but never after the last day of the plan's year, so a
    2023 plan is judged as it stood at the end of 2023, whenever it is opened again."""
    if as_of is not None:
        return as_of
    return min(today, date(plan_year, 12, 31))


def place_date_line(place: str, day: date | None) -> str:
    """'Tứ Kỳ, ngày 05 tháng 02 năm 2023'. Days below 10 and months 1 and 2 take a leading
    zero, as administrative documents write them; without a date dotted blanks stay for a
    pen ("Tứ Kỳ, ngày …… tháng …… năm ……")."""
    if day is None:
        return f"{place}, ngày {BLANK} tháng {BLANK} năm {BLANK}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    """Section numbers of documents: 4 -> 'IV'."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out
