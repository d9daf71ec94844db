from datetime import date, datetime
from decimal import Decimal

import pytest

from ocop_xl.domain.values import (
    ValueProblem,
    parse_amount,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
    split_codes,
)


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        (1250000, 1250000),
        (1250000.0, 1250000),
        ("1.250.000", 1250000),
        ("1 250 000", 1250000),
        ("1\u00a0250\u00a0000 đ", 1250000),
        ("1,250,000", 1250000),
        ("125.000.000 đồng", 125000000),
        ("0", 0),
        ("  7 ", 7),
    ],
)
def test_amounts_typed_the_vietnamese_way(raw, amount):
    assert parse_amount(raw) == amount


@pytest.mark.parametrize("raw", ["-5", "1,5", 12.5, "abc", "", None, True, "1.2.3.4"])
def test_bad_amounts_say_why(raw):
    with pytest.raises(ValueProblem) as info:
        parse_amount(raw)
    assert info.value.expected_vi and info.value.expected_en


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("50,5", Decimal("50.5")),
        ("50.5", Decimal("50.5")),
        (35.5, Decimal("35.5")),
        ("1.250,75", Decimal("1250.75")),
        (0.1, Decimal("0.1")),
        (7, Decimal(7)),
    ],
)
def test_decimals_with_comma_or_point(raw, value):
    assert parse_decimal(raw) == value


def test_int_refuses_fractions():
    assert parse_int("12") == 12
    assert parse_int(12.0) == 12
    with pytest.raises(ValueProblem):
        parse_int("12,5")


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        (datetime(2023, 3, 5, 10, 0), date(2023, 3, 5)),
        (date(2023, 3, 5), date(2023, 3, 5)),
        ("05/03/2023", date(2023, 3, 5)),
        ("5/3/2023", date(2023, 3, 5)),
        ("2023-03-05", date(2023, 3, 5)),
        (44990, date(2023, 3, 5)),
        (44990.75, date(2023, 3, 5)),
    ],
)
def test_dates_from_excel_serials_text_and_datetimes(raw, day):
    assert parse_date(raw) == day


@pytest.mark.parametrize("raw", ["31/02/2023", "03-2023", "hôm qua", None, -3])
def test_bad_dates(raw):
    with pytest.raises(ValueProblem):
        parse_date(raw)


def test_yes_no_and_code_lists():
    assert parse_bool("Có") is True and parse_bool("co") is True and parse_bool("KHÔNG") is False
    with pytest.raises(ValueProblem):
        parse_bool("có lẽ")
    assert split_codes("NN, TCKH;YT\nVHTT") == ("NN", "TCKH", "YT", "VHTT")
    assert split_codes(None) == ()
