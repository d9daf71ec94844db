"""Field rules of a registration row: formats accepted, normalised, refused."""

from datetime import date

import pytest

from ocop_xl.domain.submissions import (
    Choices,
    Groups,
    SupportItems,
    normalise_phone,
    normalise_tax_id,
    parse_stars,
)
from ocop_xl.domain.submissions.fields import add_months
from ocop_xl.domain.submissions.vocab import (
    PRODUCER_TYPE_ALIASES,
    PRODUCER_TYPES,
    TAX_ID_FORMS,
    TAX_ID_REQUIRED_TYPES,
)
from ocop_xl.domain.values import ValueProblem


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        (912345678, "0912345678"),  # Excel dropped the leading 0 of a number
        (912345678.0, "0912345678"),
        # landlines since the 2017 renumbering: 0, the area code, the subscriber number
        ("0220 3712 345", "02203712345"),
        ("(0220) 3.712.345", "02203712345"),
        ("024 3825 1234", "02438251234"),
        ("+84 220 3712 345", "02203712345"),
        (2203712345, "02203712345"),
    ],
)
def test_phone_numbers_are_normalised(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["091234567", "1912345678", "0912-345-67x", "", "09123456789", "0220 371 234", "0123456789"],
)
def test_bad_phone_numbers_are_refused_with_a_vietnamese_reason(raw):
    with pytest.raises(ValueProblem) as info:
        normalise_phone(raw)
    assert "10 chữ số" in info.value.expected_vi


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0801234567", "0801234567"),
        ("08 0123 4567", "0801234567"),
        ("0801234567-001", "0801234567-001"),
        ("0801234567 – 001", "0801234567-001"),
        ("0801234567001", "0801234567-001"),
        (801234567, "0801234567"),
        ("034 085 012 345", "034085012345"),  # a personal ID (household businesses, 2025)
        (34085012345, "034085012345"),  # the same as an Excel number, its 0 lost
        (801234567001, "0801234567-001"),
    ],
)
def test_tax_numbers_are_normalised(raw, expected):
    assert normalise_tax_id(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "0801234567-01", "080123456A", "0801234567-0001"])
def test_bad_tax_numbers_are_refused(raw):
    with pytest.raises(ValueProblem):
        normalise_tax_id(raw)


def test_each_producer_type_has_its_forms():
    organisation = TAX_ID_FORMS["HTX"]
    with pytest.raises(ValueProblem) as info:
        normalise_tax_id("034085012345", organisation)  # a cooperative has a tax code
    assert info.value.expected_vi.startswith("mã số thuế 10 chữ số")
    assert normalise_tax_id("034085012345", TAX_ID_FORMS["hộ sản xuất có ĐKKD"])
    assert normalise_tax_id("0801234567", TAX_ID_FORMS["tổ hợp tác"]) == "0801234567"
    assert set(TAX_ID_FORMS) == set(PRODUCER_TYPES)
    assert set(PRODUCER_TYPES) > TAX_ID_REQUIRED_TYPES
    assert "tổ hợp tác" not in TAX_ID_REQUIRED_TYPES and "trang trại" not in TAX_ID_REQUIRED_TYPES


@pytest.mark.parametrize(("raw", "stars"), [(3, 3), (4.0, 4), ("5", 5), ("3 sao", 3), ("4★", 4)])
def test_stars(raw, stars):
    assert parse_stars(raw) == stars


@pytest.mark.parametrize("raw", ["ba", 3.5, 6, "0"])
def test_bad_stars(raw):
    with pytest.raises(ValueProblem):
        parse_stars(raw)


def test_choices_match_accent_and_case_insensitively_and_by_alias():
    types = Choices(PRODUCER_TYPES, PRODUCER_TYPE_ALIASES)
    assert types.match("htx") == "HTX"
    assert types.match("Hợp tác xã") == "HTX"
    assert types.match("TO HOP TAC") == "tổ hợp tác"
    assert types.match("Hộ sản xuất có ĐKKD") == "hộ sản xuất có ĐKKD"
    assert types.match("ho san xuat co dkkd") == "hộ sản xuất có ĐKKD"
    assert types.match("hợp tác") is None


def test_groups_by_code_label_or_name(tu_ky):
    from ocop_xl.profiles import criteria_set

    cs = criteria_set(tu_ky.criteria_set)
    groups = Groups(((g.code, g.name) for g in cs.groups), (g.code for g in cs.leaf_groups()))
    assert groups.match("I.3.b").code == "I.3.b"
    assert groups.match("i.3.b").code == "I.3.b"
    assert groups.match("I.3.b - Chế biến từ gạo, ngũ cốc").code == "I.3.b"
    assert groups.match("che bien tu gao, ngu coc").code == "I.3.b"
    assert groups.match("VI").leaf
    assert not groups.match("I.3").leaf
    assert groups.match("IX.9") is None


def test_support_items_keep_names_with_commas_whole():
    items = SupportItems(
        [("CBCL", "Hồ sơ công bố chất lượng"), ("MAVACH", "Mã số, mã vạch"), ("BAOBI", "Bao bì")]
    )
    assert items.match("CBCL, BAOBI").codes == ("CBCL", "BAOBI")
    assert items.match("MAVACH - Mã số, mã vạch").codes == ("MAVACH",)
    assert items.match("mã số, mã vạch; cbcl").codes == ("MAVACH", "CBCL")
    found = items.match("CBCL, logo huyện")
    assert found.codes == ("CBCL",) and found.unknown == ("logo huyen",)
    assert items.match(None).codes == ()


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(date(2020, 6, 15), 36) == date(2023, 6, 15)
    assert add_months(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert add_months(date(2021, 11, 30), 3) == date(2022, 2, 28)
