from decimal import Decimal
from fractions import Fraction

import pytest

from ocop_xl.domain.criteria import star_for, threshold_for
from ocop_xl.profiles import criteria_set, criteria_sets

ALL_SETS = ["qd-1048-2019", "qd-148-2023", "qd-148-1489-2025"]


def test_three_criteria_sets_are_packaged():
    assert list(criteria_sets()) == sorted(ALL_SETS)


@pytest.mark.parametrize(
    ("code", "maxima"),
    [
        ("qd-1048-2019", (35, 25, 40)),
        ("qd-148-2023", (40, 25, 35)),
        ("qd-148-1489-2025", (40, 25, 35)),
    ],
)
def test_part_maxima(code, maxima):
    cs = criteria_set(code)
    assert tuple(cs.part_max(p) for p in "ABC") == maxima
    assert cs.part_max("a") == maxima[0]


@pytest.mark.parametrize("code", ALL_SETS)
@pytest.mark.parametrize(
    ("total", "star"),
    [
        (0, 1),
        (29.99, 1),
        (30, 2),
        (49.995, 2),
        (Decimal("49.999"), 2),
        (50, 3),
        (69.99, 3),
        (70, 4),
        (89.9999, 4),
        (90, 5),
        (100, 5),
        (Fraction(299, 6), 2),
        (Fraction(300, 6), 3),
    ],
)
def test_star_bands_at_every_edge(code, total, star):
    assert star_for(total, criteria_set(code)) == star


@pytest.mark.parametrize("code", ALL_SETS)
def test_threshold_is_the_lowest_total_of_the_star(code):
    cs = criteria_set(code)
    assert [threshold_for(s, cs) for s in range(1, 6)] == [0, 30, 50, 70, 90]
    for star in range(2, 6):
        low = threshold_for(star, cs)
        assert star_for(low, cs) == star
        assert star_for(low - Fraction(1, 1000), cs) == star - 1


def test_out_of_range_totals_are_refused():
    cs = criteria_set("qd-148-2023")
    with pytest.raises(ValueError):
        star_for(100.01, cs)
    with pytest.raises(ValueError):
        star_for(-1, cs)
    with pytest.raises(TypeError):
        star_for("50", cs)
    with pytest.raises(ValueError):
        threshold_for(6, cs)


def test_product_group_tree_under_148():
    cs = criteria_set("qd-148-2023")
    group = cs.group("I.3.b")
    assert group is not None and group.name == "Chế biến từ gạo, ngũ cốc"
    assert group.parent == "I.3" and cs.group("I.3").parent == "I"
    leaves = {g.code for g in cs.leaf_groups()}
    assert "I.3.b" in leaves and "I.3" not in leaves and "VI" in leaves
    assert {g.code for g in cs.groups if g.level == 1} == {"I", "II", "III", "IV", "V", "VI"}


def test_1048_has_six_sectors():
    cs = criteria_set("qd-1048-2019")
    assert [g.name for g in cs.leaf_groups()][:2] == ["Thực phẩm", "Đồ uống"]
    assert len(cs.leaf_groups()) == 6
