"""Scoring per criterion from the office's catalog: parts derived per product group."""

from fractions import Fraction

from ocop_xl.domain.issues import Location
from ocop_xl.domain.profile import CouncilMember, CouncilRules
from ocop_xl.domain.scoring import (
    Product,
    Row,
    check_criterion_rows,
    parse_catalog,
    score_products,
)
from ocop_xl.profiles import criteria_set, route

ROUTE = route("tu-ky-2023")

CS = criteria_set("qd-148-2023")


def catalog_row(line, code, part, max_points, mandatory="", groups="", text=""):
    values = {
        "code": code,
        "part": part,
        "group": "",
        "text": text or f"Tiêu chí {code}",
        "max_points": max_points,
        "mandatory": mandatory,
        "product_groups": groups,
    }
    cells = {
        k: Location(file="m.xlsx", sheet="Bộ tiêu chí", cell=f"{letter}{line}", row=line)
        for k, letter in zip(values, "ABCDEFG", strict=True)
    }
    return Row(values, cells)


def full_catalog():
    """Three criteria per part adding up to 40/25/35; A1 mandatory; a food-only criterion."""
    return [
        catalog_row(2, "A1", "A", 10, "Có", text="Có phương án sản xuất"),
        catalog_row(3, "A2", "A", 15),
        catalog_row(4, "A3", "A", 15),
        catalog_row(5, "B1", "B", 10),
        catalog_row(6, "B2", "B", 15),
        catalog_row(7, "C1", "C", 20),
        catalog_row(8, "C2", "C", 10, groups="I"),
        catalog_row(9, "C3", "C", 10, groups="II"),
        catalog_row(10, "C4", "C", 5),
    ]


def test_a_consistent_catalog_parses_without_findings():
    criteria, issues = parse_catalog(full_catalog(), CS)
    assert issues == []
    assert [c.code for c in criteria] == ["A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "C4"]
    assert criteria[6].applies_to("I.3.b") and not criteria[6].applies_to("II.1.a")
    assert not criteria[6].applies_to("IV")  # 'I' is not a prefix of 'IV' in the tree


def test_catalog_problems_name_their_cells():
    rows = [
        catalog_row(2, "A1", "A", 10),
        catalog_row(3, "A1", "D", "mười"),
        catalog_row(4, "B1", "B", 30),
        catalog_row(5, "", "C", None, groups="IX"),
    ]
    criteria, issues = parse_catalog(rows, CS)
    found = {(i.code, i.location.cell) for i in issues}
    assert {
        ("CONFIG_DUPLICATE_CODE", "A3"),
        ("CONFIG_VALUE_INVALID", "B3"),
        ("CONFIG_VALUE_INVALID", "E3"),
        ("CONFIG_VALUE_INVALID", "E4"),  # 30 above part B's 25
        ("CONFIG_VALUE_REQUIRED", "A5"),
        ("CONFIG_VALUE_REQUIRED", "E5"),
        ("CATALOG_GROUP_UNKNOWN", "G5"),
    } <= found
    assert [c.code for c in criteria] == ["A1"]
    sums = [i for i in issues if i.code == "CATALOG_PART_SUM"]
    assert sums and all(not i.is_error for i in sums)


def score_rows(member, product_id, points, first_line=2):
    rows = []
    for offset, (code, value) in enumerate(points.items()):
        line = first_line + offset
        values = {"product_id": product_id, "member": member, "criterion": code, "points": value}
        cells = {
            k: Location(sheet="Chấm theo tiêu chí", cell=f"{letter}{line}", row=line)
            for k, letter in zip(values, "ABCD", strict=True)
        }
        rows.append(Row(values, cells))
    return rows


PEOPLE = [
    CouncilMember(name="Chủ Tịch", role="Chủ tịch"),
    CouncilMember(name="Ủy Viên", role="Ủy viên"),
]
FOOD = Product("F1", group_code="I.3.b")
DRINK = Product("D1", group_code="II.1.a")
FULL = {"A1": 8, "A2": 12, "A3": "12,5", "B1": 8, "B2": 12, "C1": 16, "C2": 8, "C4": 4}


def run(rows, products=(FOOD,)):
    catalog, _ = parse_catalog(full_catalog(), CS)
    book = check_criterion_rows(rows, list(products), PEOPLE, CS, catalog)
    return score_products(list(products), PEOPLE, book.scores, CS, CouncilRules(), ROUTE), book


def test_parts_are_the_sums_of_their_criteria():
    rows = score_rows("Chủ Tịch", "F1", FULL) + score_rows("Ủy Viên", "F1", FULL, 20)
    scoring, book = run(rows)
    assert book.issues == []
    score = book.scores[("F1", "Chủ Tịch")]
    assert score.parts == {"A": Fraction("32.5"), "B": 20, "C": 28}
    result = scoring.results[0]
    assert result.mean == Fraction("80.5") and result.star == 4 and result.forwarded


def test_an_incomplete_member_is_not_counted_and_is_named():
    partial = {k: v for k, v in FULL.items() if k != "C4"}
    rows = score_rows("Chủ Tịch", "F1", FULL) + score_rows("Ủy Viên", "F1", partial, 20)
    scoring, book = run(rows)
    assert [i.code for i in book.issues] == ["SCORE_CRITERIA_INCOMPLETE"]
    assert "C4" in book.issues[0].message_vi
    assert scoring.results[0].missing == ("Ủy Viên",)


def test_criteria_of_another_product_group_and_out_of_range_points():
    rows = score_rows("Chủ Tịch", "F1", {**FULL, "C3": 5, "C4": 6})
    _, book = run(rows)
    codes = [(i.code, i.is_error) for i in book.issues]
    assert ("SCORE_CRITERION_NOT_APPLICABLE", False) in codes
    assert ("SCORE_OUT_OF_RANGE", True) in codes
    out = next(i for i in book.issues if i.code == "SCORE_OUT_OF_RANGE")
    assert "tiêu chí C4" in out.message_vi and "từ 0 đến 5" in out.message_vi


def test_a_criterion_scored_zero_caps_nothing_requirements_are_recorded_facts():
    """Nothing derives a mandatory requirement from points: a criterion scored 0 by every
    member leaves the star to the points."""
    failing = {**FULL, "A1": 0}
    rows = score_rows("Chủ Tịch", "F1", failing) + score_rows("Ủy Viên", "F1", failing, 20)
    scoring, book = run(rows)
    assert book.issues == []
    result = scoring.results[0]
    assert result.mean == Fraction("72.5") and result.star == 4 and result.forwarded


def test_each_product_group_is_scored_on_its_own_criteria():
    drink = {k: v for k, v in FULL.items() if k != "C2"} | {"C3": 9}
    rows = score_rows("Chủ Tịch", "D1", drink) + score_rows("Ủy Viên", "D1", drink, 20)
    scoring, book = run(rows, (DRINK,))
    assert book.issues == []
    assert scoring.results[0].mean == Fraction("81.5")
