"""Vietnamese ways of writing amounts and dates in documents."""

from __future__ import annotations

from datetime import date

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


def money(amount: int) -> str:
    """1250000 -> '1.250.000' (the dot groups thousands in Vietnamese print)."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def date_vi(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def place_date_line(place: str, day: date | None) -> str:
    """'Tứ Kỳ, ngày 05 tháng 02 năm 2023'. Days below 10 and months 1 and 2 take a leading
    zero, as administrative documents write them; without a date the blanks stay for a pen."""
    if day is None:
        return f"{place}, ngày      tháng      năm      "
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
