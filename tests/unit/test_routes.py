"""The same scored products under each built-in evaluation route: outcomes, stars, texts;
mandatory requirements as recorded facts; who may preside; a scoring secretary."""

from decimal import Decimal
from fractions import Fraction

import pytest

from ocop_xl.domain.issues import Location
from ocop_xl.domain.profile import CouncilMember, CouncilRules, Requirement
from ocop_xl.domain.routes import Route
from ocop_xl.domain.scoring import (
    MemberScore,
    Product,
    Row,
    check_requirement_rows,
    outcome_label,
    outcome_text,
    score_products,
)
from ocop_xl.profiles import criteria_set, route, routes

CS = criteria_set("qd-148-1489-2025")
PEOPLE = [
    CouncilMember(name="Chủ Tịch", role="Chủ tịch"),
    CouncilMember(name="Ủy Viên", role="Ủy viên"),
    CouncilMember(name="Thư Ký", role="Thư ký"),
]
REQUIREMENTS = (
    Requirement(code="YC3", text="Yêu cầu của hạng 3 sao", from_star=3),
    Requirement(code="YC4", text="Yêu cầu của hạng 4 sao", from_star=4),
    Requirement(code="YC5", text="Yêu cầu của hạng 5 sao", from_star=5),
)
TOTALS = ("49.99", "50", "69.99", "70", "89.99", "90")


def _scores(pid: str, total: str) -> dict:
    value = Decimal(total)
    parts = {"A": min(value, Decimal(40)), "B": Decimal(0), "C": Decimal(0)}
    parts["B"] = min(value - parts["A"], Decimal(25))
    parts["C"] = value - parts["A"] - parts["B"]
    return {(pid, m.name): MemberScore(pid, m.name, parts) for m in PEOPLE[:2]}


def run(the_route: Route, total: str, failed: str | None = None, rules=None):
    """One product scored ``total`` by both members; every requirement recorded met except
    ``failed``."""
    product = Product("P", name="Sản phẩm", group_code="I.3.b")
    met = {("P", r.code): r.code != failed for r in REQUIREMENTS}
    scoring = score_products(
        [product],
        PEOPLE,
        _scores("P", total),
        CS,
        rules or CouncilRules(),
        the_route,
        REQUIREMENTS,
        met,
    )
    return scoring.results[0]


def test_four_routes_are_built_in():
    assert set(routes()) == {"tu-ky-2023", "qd-148-district", "qd-1489-province", "qd-26-province"}
    for r in routes().values():
        assert r.sources and all(s.certainty for s in r.sources)


# (route, total) -> (star, disposition, label)
EXPECTED = {
    "tu-ky-2023": [
        (2, "not_forwarded", "Không đề nghị"),
        (3, "forwarded", "Đề nghị cấp tỉnh"),
        (3, "forwarded", "Đề nghị cấp tỉnh"),
        (4, "forwarded", "Đề nghị cấp tỉnh"),
        (4, "forwarded", "Đề nghị cấp tỉnh"),
        (5, "forwarded", "Đề nghị cấp tỉnh"),
    ],
    "qd-148-district": [
        (2, "not_forwarded", "Không đề nghị"),
        (3, "recognised", "Công nhận 3 sao"),
        (3, "recognised", "Công nhận 3 sao"),
        (4, "forwarded", "Đề nghị cấp tỉnh"),
        (4, "forwarded", "Đề nghị cấp tỉnh"),
        (5, "forwarded", "Đề nghị cấp tỉnh"),
    ],
    "qd-1489-province": [
        (2, "not_forwarded", "Không đề nghị"),
        (3, "recognised", "Công nhận 3 sao"),
        (3, "recognised", "Công nhận 3 sao"),
        (4, "recognised", "Công nhận 4 sao"),
        (4, "recognised", "Công nhận 4 sao"),
        (5, "forwarded", "Đề nghị Bộ Nông nghiệp và Môi trường"),
    ],
}
# QĐ 26/2026 keeps the two levels of QĐ 1489: the same outcomes at every edge.
EXPECTED["qd-26-province"] = EXPECTED["qd-1489-province"]


@pytest.mark.parametrize("code", sorted(EXPECTED))
@pytest.mark.parametrize("index", range(len(TOTALS)))
def test_band_edges_under_each_route(code, index):
    result = run(route(code), TOTALS[index])
    star, kind, label = EXPECTED[code][index]
    assert result.mean == Fraction(TOTALS[index])
    assert (result.star, result.disposition.kind, outcome_label(result)) == (star, kind, label)
    assert result.forwarded is (kind == "forwarded")
    assert result.recognised is (kind == "recognised")


def test_texts_say_what_each_route_does():
    assert outcome_text(run(route("tu-ky-2023"), "49.99"), route("tu-ky-2023"), CS) == (
        "Không đề nghị: dưới 50 điểm"
    )
    assert outcome_text(run(route("tu-ky-2023"), "90"), route("tu-ky-2023"), CS) == (
        "Đề nghị cấp tỉnh"
    )
    district = route("qd-148-district")
    assert outcome_text(run(district, "50"), district, CS) == "Đạt 3 sao: đề nghị công nhận"
    assert outcome_text(run(district, "90"), district, CS) == "Đề nghị cấp tỉnh (dự kiến 5 sao)"
    assert outcome_text(run(district, "49.99"), district, CS) == "Không công nhận: dưới 50 điểm"
    province = route("qd-1489-province")
    assert outcome_text(run(province, "90"), province, CS) == (
        "Đề nghị Bộ Nông nghiệp và Môi trường (dự kiến 5 sao)"
    )


# a failed 4★ requirement at 89.99 points, a failed 3★ one at 69.99 points
FAILED = {
    "tu-ky-2023": {"YC4": (3, "forwarded"), "YC3": (2, "not_forwarded")},
    "qd-148-district": {"YC4": (3, "recognised"), "YC3": (2, "not_forwarded")},
    "qd-1489-province": {"YC4": (3, "recognised"), "YC3": (2, "not_forwarded")},
    "qd-26-province": {"YC4": (3, "recognised"), "YC3": (2, "not_forwarded")},
}


@pytest.mark.parametrize("code", sorted(FAILED))
@pytest.mark.parametrize(("failed", "total"), [("YC4", "89.99"), ("YC3", "69.99")])
def test_a_failed_requirement_caps_the_star_below_its_level(code, failed, total):
    result = run(route(code), total, failed)
    star, kind = FAILED[code][failed]
    assert (result.star, result.disposition.kind) == (star, kind)
    assert [r.code for r in result.unmet] == [failed]
    flag = next(f for f in result.flags if f.code == "REQUIREMENT_NOT_MET")
    assert failed in flag.text_vi and f"tối đa là {star} sao" in flag.text_vi
    assert not result.blocked  # a capped result is final


def test_a_failed_5_star_requirement_keeps_a_90_point_product_at_the_province():
    result = run(route("qd-1489-province"), "95", "YC5")
    assert (result.star, result.disposition.kind) == (4, "recognised")
    text = outcome_text(result, route("qd-1489-province"), CS)
    assert text == "Đạt 4 sao: đề nghị công nhận; giới hạn 4 sao do chưa đạt yêu cầu YC5"


def test_an_unrecorded_requirement_that_matters_leaves_the_result_open():
    product = Product("P", group_code="I.3.b")
    tu_ky = route("tu-ky-2023")
    # 60 points: YC3 matters and is not recorded; YC4 and YC5 do not matter for 3 stars
    scoring = score_products(
        [product], PEOPLE, _scores("P", "60"), CS, CouncilRules(), tu_ky, REQUIREMENTS, {}
    )
    result = scoring.results[0]
    assert "REQUIREMENTS_NOT_RECORDED" in result.flag_codes and result.blocked
    assert result.disposition.kind == "pending" and not result.forwarded
    only_yc3 = {("P", "YC3"): True}
    scoring = score_products(
        [product], PEOPLE, _scores("P", "60"), CS, CouncilRules(), tu_ky, REQUIREMENTS, only_yc3
    )
    assert scoring.results[0].forwarded and scoring.results[0].flag_codes == ()


def test_points_never_decide_a_requirement_only_the_record_does():
    # full points and a recorded "not met" for 3 stars: 2 stars, whatever the points
    result = run(route("qd-1489-province"), "100", "YC3")
    assert result.star == 2 and not result.recognised and not result.forwarded


def _row(line, pid, code, met):
    values = {"product_id": pid, "requirement": code, "met": met}
    cells = {
        k: Location(file="m.xlsx", sheet="Đánh giá yêu cầu", cell=f"{c}{line}", row=line)
        for k, c in zip(values, "ABC", strict=True)
    }
    return Row(values, cells)


def test_recorded_requirements_are_checked_cell_by_cell():
    products = [Product("P1"), Product("P2")]
    rows = [
        _row(2, "p1", "yc3", "Có"),  # IDs and codes match case-insensitively
        _row(3, "P1", "YC4", "Không"),
        _row(4, "P9", "YC3", "Có"),
        _row(5, "P2", "YC9", "Có"),
        _row(6, "P2", "YC3", "có lẽ"),
        _row(7, "P2", "YC4", "Có"),
        _row(8, "P2", "YC4", "Không"),
        _row(9, "P2", "YC5", None),  # not recorded yet
    ]
    book = check_requirement_rows(rows, products, REQUIREMENTS)
    assert book.met == {("P1", "YC3"): True, ("P1", "YC4"): False}
    found = {(i.code, i.location.cell) for i in book.issues}
    assert found == {
        ("REQUIREMENT_PRODUCT_UNKNOWN", "A4"),
        ("REQUIREMENT_UNKNOWN", "B5"),
        ("REQUIREMENT_MET_INVALID", "C6"),
        ("REQUIREMENT_CONFLICTING", "C8"),
    }
    assert all("Đánh giá yêu cầu" in i.message_vi for i in book.issues)


def test_a_vice_chair_may_preside_where_the_rules_say_so():
    people = [
        CouncilMember(name="Chủ Tịch", role="Chủ tịch", present=False),
        CouncilMember(name="Phó Chủ Tịch", role="Phó Chủ tịch"),
        CouncilMember(name="Ủy Viên", role="Ủy viên"),
        CouncilMember(name="Ủy Viên Hai", role="Ủy viên"),
    ]
    scores = {
        ("P", m.name): MemberScore(
            "P", m.name, {"A": Decimal(30), "B": Decimal(20), "C": Decimal(10)}
        )
        for m in people[1:]
    }
    product = Product("P")
    tu_ky = route("tu-ky-2023")
    chair_only = score_products([product], people, scores, CS, CouncilRules(), tu_ky)
    assert "CHAIR_ABSENT" in chair_only.results[0].flag_codes
    flag = next(f for f in chair_only.results[0].flags if f.code == "CHAIR_ABSENT")
    assert "Chủ tịch" in flag.text_vi
    vice = CouncilRules(presiders=("Chủ tịch", "Phó Chủ tịch"))
    scoring = score_products([product], people, scores, CS, vice, tu_ky)
    assert scoring.council.presider.name == "Phó Chủ Tịch"
    assert scoring.results[0].flag_codes == () and scoring.results[0].forwarded


def test_a_scoring_secretary_counts_for_quorum_and_mean_where_the_rules_say_so():
    people = PEOPLE
    totals = {"Chủ Tịch": 60, "Ủy Viên": 60, "Thư Ký": 30}
    scores = {
        ("P", name): MemberScore(
            "P", name, {"A": Decimal(min(t, 40)), "B": Decimal(t - min(t, 40)), "C": Decimal(0)}
        )
        for name, t in totals.items()
    }
    tu_ky = route("tu-ky-2023")
    plain = score_products([Product("P")], people, scores, CS, CouncilRules(), tu_ky)
    assert plain.results[0].mean == 60 and len(plain.council.scoring) == 2
    scoring_secretary = CouncilRules(secretary_scores=True)
    counted = score_products([Product("P")], people, scores, CS, scoring_secretary, tu_ky)
    assert counted.results[0].mean == 50 and len(counted.council.scoring) == 3


def test_the_qd_26_route_is_read_from_the_decisions_text():
    r = route("qd-26-province")
    assert r.pre_check_level is not None and r.pre_check_level.level == "commune"
    assert r.office.recognised_stars == (3, 4) and r.office.forward_from == 90
    assert r.next_level is not None and r.next_level.recognised_stars == (5,)
    assert {s.certainty for s in r.sources} == {"text_copy"}
    assert any("Mẫu số 03" in s.fact for s in r.sources)
