from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from ocop_xl.domain.criteria import (
    band_text,
    check_no_overlap,
    criteria_set_for,
    star_for,
    threshold_for,
)
from ocop_xl.domain.issues import OcopError
from ocop_xl.excel.udfs import OCOP_PART_MAX, OCOP_STAR
from ocop_xl.profiles import criteria_set, criteria_sets

ALL_SETS = ["qd-1048-2019", "qd-148-2023", "qd-148-1489-2025", "qd-26-2026"]


def test_four_criteria_sets_are_packaged():
    assert list(criteria_sets()) == sorted(ALL_SETS)


@pytest.mark.parametrize(
    ("code", "maxima"),
    [
        ("qd-1048-2019", (35, 25, 40)),
        ("qd-148-2023", (40, 25, 35)),
        ("qd-148-1489-2025", (40, 25, 35)),
        ("qd-26-2026", (40, 25, 35)),
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


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2019, 8, 21), "qd-1048-2019"),
        (date(2023, 2, 23), "qd-1048-2019"),
        (date(2023, 2, 24), "qd-148-2023"),
        (date(2025, 7, 5), "qd-148-2023"),
        (date(2025, 7, 6), "qd-148-1489-2025"),
        (date(2026, 5, 21), "qd-148-1489-2025"),
        (date(2026, 5, 22), "qd-26-2026"),
        (date(2030, 1, 1), "qd-26-2026"),
    ],
)
def test_the_set_in_force_on_each_side_of_every_change(day, code):
    assert criteria_set_for(day, criteria_sets().values()).code == code


def test_every_set_has_an_end_but_the_last_and_none_overlap():
    sets = sorted(criteria_sets().values(), key=lambda cs: cs.in_force_from)
    assert all(cs.in_force_to is not None for cs in sets[:-1])
    assert sets[-1].in_force_to is None
    check_no_overlap(sets)  # the packaged sets; the loader runs the same check


def test_a_day_no_set_covers_is_an_error_naming_the_sets():
    with pytest.raises(OcopError) as err:
        criteria_set_for(date(2019, 8, 20), criteria_sets().values())
    assert err.value.code == "CRITERIA_SET_NO_DATE"
    assert "20/08/2019" in err.value.message_vi and "qd-1048-2019" in err.value.message_vi


def test_overlapping_sets_are_refused():
    a = criteria_set("qd-148-2023")
    b = criteria_set("qd-148-1489-2025").model_copy(update={"in_force_from": date(2025, 7, 1)})
    with pytest.raises(ValueError, match="both in force"):
        check_no_overlap([a, b])


def test_bands_are_closed_below_and_open_above():
    cs = criteria_set("qd-1048-2019")
    assert [band_text(s, cs) for s in range(1, 6)] == [
        "dưới 30 điểm",
        "từ 30 đến dưới 50 điểm",
        "từ 50 đến dưới 70 điểm",
        "từ 70 đến dưới 90 điểm",
        "từ 90 đến 100 điểm",
    ]
    # no total falls between two bands: 69.5 and 69.999 are 3 stars under every set
    for code in ALL_SETS:
        assert star_for(Fraction("69.5"), criteria_set(code)) == 3
        assert star_for(Fraction("69.999"), criteria_set(code)) == 3


def test_group_path_gives_the_full_name_from_the_sector_down():
    cs = criteria_set("qd-148-2023")
    assert cs.group_path("II.1.a") == "Đồ uống - Đồ uống có cồn - Rượu trắng"
    assert cs.group_path("VI") == "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"


def test_every_set_records_its_sources():
    for cs in criteria_sets().values():
        assert cs.sources, cs.code
    # QĐ 26/2026 is read from a full-text copy of the decision: nothing left unconfirmed
    qd26 = criteria_set("qd-26-2026")
    assert {s.certainty for s in qd26.sources} == {"text_copy"}
    assert qd26.sources[0].certainty_vi == "toàn văn, bản sao không chính thức"
    ended = criteria_set("qd-148-1489-2025")
    assert "unconfirmed" not in {s.certainty for s in ended.sources}


def test_qd_26_has_six_sectors_seventeen_groups_and_26_product_sets():
    cs = criteria_set("qd-26-2026")
    assert cs.decision.startswith("Quyết định số 26/2026/QĐ-TTg ngày 22/05/2026")
    assert [p.name for p in cs.parts] == [
        "Sản phẩm và sức mạnh cộng đồng",
        "Khả năng tiếp thị",
        "Chất lượng sản phẩm",
    ]
    assert [g.name for g in cs.groups if g.level == 1] == [
        "Thực phẩm",
        "Đồ uống",
        "Dược liệu và sản phẩm từ dược liệu",
        "Hàng thủ công mỹ nghệ",
        "Sinh vật cảnh",
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
    ]
    assert sum(1 for g in cs.groups if g.level == 2) == 17
    leaves = cs.leaf_groups()
    assert len(leaves) == 26
    per_sector = {
        s: sum(1 for g in leaves if g.code.split(".")[0] == s)
        for s in ("I", "II", "III", "IV", "V", "VI")
    }
    assert per_sector == {"I": 13, "II": 4, "III": 3, "IV": 2, "V": 3, "VI": 1}
    assert cs.group_path("I.4.a") == "Thực phẩm - Gia vị - Tương, nước mắm, gia vị dạng lỏng khác"
    assert cs.group("I.2.a").name == "Gạo, ngũ cốc, hạt sơ chế khác"  # 148: "Gạo, ngũ cốc, hạt"


@pytest.mark.parametrize(
    ("submitted", "day", "code"),
    [
        # a dossier of 148/1489 submitted before 22/05/2026 keeps that set for 60 days
        (date(2026, 5, 21), date(2026, 5, 22), "qd-148-1489-2025"),
        (date(2026, 4, 30), date(2026, 6, 30), "qd-148-1489-2025"),
        (date(2026, 5, 10), date(2026, 7, 21), "qd-148-1489-2025"),
        # after its last day the set in force that day applies
        (date(2026, 5, 10), date(2026, 7, 22), "qd-26-2026"),
        # a dossier submitted from 22/05/2026 is QĐ 26's
        (date(2026, 5, 22), date(2026, 5, 22), "qd-26-2026"),
        (date(2026, 6, 1), date(2026, 6, 30), "qd-26-2026"),
        # no transition between 1048 and 148: the evaluation day decides
        (date(2023, 2, 20), date(2023, 3, 1), "qd-148-2023"),
        (date(2025, 7, 1), date(2025, 7, 10), "qd-148-1489-2025"),
        # same set on both days
        (date(2024, 1, 5), date(2024, 3, 1), "qd-148-2023"),
    ],
)
def test_the_set_of_a_dossier_follows_the_transitional_provision(submitted, day, code):
    assert criteria_set_for(day, criteria_sets().values(), submitted=submitted).code == code


def test_without_a_submission_date_the_evaluation_day_decides():
    # 22/05/2026 - 21/07/2026: both decisions are in force; a new evaluation is QĐ 26's
    assert criteria_set_for(date(2026, 6, 15), criteria_sets().values()).code == "qd-26-2026"
    ended = criteria_set("qd-148-1489-2025")
    assert ended.in_force_to == date(2026, 5, 21) and ended.transition_until == date(2026, 7, 21)


def test_a_dossier_evaluated_before_it_was_submitted_is_refused():
    with pytest.raises(ValueError, match="not evaluated"):
        criteria_set_for(date(2026, 5, 1), criteria_sets().values(), submitted=date(2026, 5, 2))


def test_a_day_before_every_set_is_an_error_even_with_a_submission_date():
    with pytest.raises(OcopError) as err:
        criteria_set_for(date(2019, 1, 2), criteria_sets().values(), submitted=date(2019, 1, 1))
    assert err.value.code == "CRITERIA_SET_NO_DATE"


def test_a_transition_must_end_after_the_set():
    cs = criteria_set("qd-148-2023")
    with pytest.raises(ValueError, match="transition_until"):
        type(cs).model_validate({**cs.model_dump(), "transition_until": cs.in_force_to})
    last = criteria_set("qd-26-2026")
    with pytest.raises(ValueError, match="transition_until"):
        type(last).model_validate({**last.model_dump(), "transition_until": date(2030, 1, 1)})


def test_ocop_star_takes_a_date_for_the_set_in_force_that_day():
    assert OCOP_PART_MAX([["A", "C"]], datetime(2020, 5, 1)) == [[35, 40]]
    assert OCOP_PART_MAX([["A", "C"]], "01/05/2024") == [[40, 35]]
    assert OCOP_STAR([[69.99, 70.0]], datetime(2025, 8, 1)) == [[3, 4]]
    out = OCOP_STAR([[50.0]], datetime(2010, 1, 1))
    assert out.startswith("#OCOP: ") and "01/01/2010" in out
