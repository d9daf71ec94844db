"""Each target rule counts its actual value from the evidence; no evidence is not zero."""

from fractions import Fraction

import pytest

from ocop_xl.domain.issues import Location
from ocop_xl.domain.profile import Target
from ocop_xl.domain.targets import (
    RULES,
    ActivityRecord,
    Evidence,
    ResultRecord,
    Status,
    SupportRecord,
    actual_value,
    evaluate,
    percent_vi,
    rule_issues,
    status_of,
)

RESULTS = (
    ResultRecord("P1", star=4, forwarded=True, upgrade_met=True),
    ResultRecord("P2", star=3, forwarded=True),
    ResultRecord("P2", star=3, forwarded=True),  # a repeated row counts once
    ResultRecord("P3", star=2, forwarded=False),
    ResultRecord("P4", star=None, forwarded=False, upgrade_met=False),
)
SUPPORT = (
    SupportRecord("P1", "CBCL"),
    SupportRecord("P1", "mavach"),  # codes compare without case
    SupportRecord("P1", "BAOBI"),
    SupportRecord("P2", "CBCL"),
    SupportRecord("P2", "CBCL"),
    SupportRecord("P3", "BAOBI"),
)
ACTIVITIES = (
    ActivityRecord("LOGO", 1),
    ActivityRecord("DIEMBAN", 2),
    ActivityRecord("DIEMBAN", 1),
    ActivityRecord("TAPHUAN", 4),
)
FULL = Evidence(results=RESULTS, support=SUPPORT, activities=ACTIVITIES)


def test_support_counts_for_products_on_their_way_to_ocop_only():
    support = (
        SupportRecord("P3", "BAOBI"),  # rated 2 stars by the council: not counted
        SupportRecord("P4", "BAOBI"),  # no star yet (awaiting its result): counted
        SupportRecord("P9", "BAOBI"),  # not evaluated at all: counted
    )
    packaging = _target("products_with_any_item", "BAOBI")
    assert actual_value(packaging, Evidence(results=RESULTS, support=support)) == 2
    # no council results on the master yet: every support given counts
    assert actual_value(packaging, Evidence(results=None, support=support)) == 3


def _target(rule: str, *params: str, minimum: int = 1, stretch: int = 2) -> Target:
    return Target(
        code="X", title="Chỉ tiêu", minimum=minimum, stretch=stretch, rule=rule, params=params
    )


@pytest.mark.parametrize(
    ("rule", "params", "expected"),
    [
        ("products_forwarded", (), 2),
        ("products_with_star", ("3",), 2),
        ("products_with_star", ("4",), 1),
        ("upgrades_met", (), 1),
        ("products_with_all_items", ("CBCL", "MAVACH", "BAOBI"), 1),
        ("products_with_all_items", ("CBCL",), 2),
        ("products_with_any_item", ("CBCL", "MAVACH"), 2),
        ("products_with_any_item", ("BAOBI",), 1),  # P3's packaging: rated 2 stars
        ("activities", ("DIEMBAN",), 3),
        ("activities", ("LOGO", "TAPHUAN"), 5),
    ],
)
def test_each_rule_counts_its_evidence(rule, params, expected):
    assert actual_value(_target(rule, *params), FULL) == expected


def test_every_rule_has_a_computation():
    for code, rule in RULES.items():
        params = {"none": (), "star": ("3",), "items": ("CBCL",)}[rule.params]
        assert isinstance(actual_value(_target(code, *params), FULL), int), code


@pytest.mark.parametrize(
    ("rule", "params", "missing"),
    [
        ("products_forwarded", (), "results"),
        ("upgrades_met", (), "results"),
        ("products_with_any_item", ("BAOBI",), "support"),
        ("products_with_all_items", ("BAOBI",), "support"),
        ("activities", ("LOGO",), "activities"),
    ],
)
def test_missing_evidence_gives_no_value_not_zero(rule, params, missing):
    evidence = Evidence(**{**FULL.__dict__, missing: None})
    assert actual_value(_target(rule, *params), evidence) is None
    # an empty but present sheet of that kind is a real zero
    empty = Evidence(**{**FULL.__dict__, missing: ()})
    assert actual_value(_target(rule, *params), empty) == 0


@pytest.mark.parametrize(
    ("minimum", "stretch", "actual", "status"),
    [
        (10, 12, None, Status.NO_DATA),
        (10, 12, 0, Status.BELOW),
        (10, 12, 9, Status.BELOW),
        (10, 12, 10, Status.MET),
        (10, 12, 11, Status.MET),
        (10, 12, 12, Status.EXCEEDED),
        (10, 12, 15, Status.EXCEEDED),
        (1, 1, 1, Status.MET),
        (1, 1, 2, Status.EXCEEDED),
        (3, 3, 2, Status.BELOW),
        (0, 0, 0, Status.MET),
    ],
)
def test_status_against_minimum_and_stretch(minimum, stretch, actual, status):
    assert status_of(minimum, stretch, actual) is status


def test_status_labels_are_the_sheet_words():
    assert [s.label_vi for s in Status] == ["Chưa có dữ liệu", "Chưa đạt", "Đạt", "Vượt"]


def test_evaluate_leaves_broken_targets_without_a_value():
    good = _target("products_forwarded", minimum=2, stretch=3)
    bad = Target(code="Y", title="Sai", minimum=1, stretch=1, rule="dem_tay")
    first, second = evaluate([good, bad], FULL)
    assert (first.actual, first.status, first.share_of_minimum) == (2, Status.MET, Fraction(1))
    assert (second.actual, second.status, second.computable) == (None, Status.NO_DATA, False)


def test_rule_problems_are_placed_on_the_rule_and_params_cells():
    rule_cell = Location(sheet="Chỉ tiêu", cell="F3")
    params_cell = Location(sheet="Chỉ tiêu", cell="G3")
    items = ["CBCL", "MAVACH", "BAOBI"]

    def codes(target):
        found = rule_issues(
            target, items, rule_at=rule_cell, params_at=params_cell, items_sheet="Danh mục hỗ trợ"
        )
        return [(i.code, i.location.cell) for i in found]

    assert codes(_target("dem_tay")) == [("TARGET_RULE_UNKNOWN", "F3")]
    assert codes(_target("products_with_any_item")) == [("TARGET_PARAMS_INVALID", "G3")]
    assert codes(_target("products_with_any_item", "CBCL", "KHONGCO")) == [
        ("CONFIG_UNKNOWN_REFERENCE", "G3")
    ]
    assert codes(_target("products_with_star", "6")) == [("TARGET_PARAMS_INVALID", "G3")]
    assert codes(_target("products_with_star", "3")) == []
    assert codes(_target("products_with_all_items", "cbcl", "BAOBI")) == []
    [unknown] = rule_issues(_target("dem_tay"), items, rule_at=rule_cell)
    # the rules by their Vietnamese names (issue 14, point 9)
    said = unknown.message_vi
    assert "Số sản phẩm đề nghị cấp trên" in said and "Tổng số lượng hoạt động" in said


def test_percent_the_vietnamese_way():
    assert percent_vi(Fraction(11, 10)) == "110%"
    assert percent_vi(Fraction(2, 3)) == "66,7%"
    assert percent_vi(Fraction(1, 8)) == "12,5%"
    assert percent_vi(None) == ""
