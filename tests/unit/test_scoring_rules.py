"""Every scoring rule on the pure domain: validation, counting, mean, star, flags, outcome."""

from decimal import Decimal
from fractions import Fraction

import pytest

from ocop_xl.domain.issues import Location
from ocop_xl.domain.profile import CouncilMember, CouncilRules
from ocop_xl.domain.scoring import (
    Product,
    Row,
    check_part_rows,
    outcome_text,
    round_score,
    score_products,
    score_text,
)
from ocop_xl.profiles import criteria_set, route

ROUTE = route("tu-ky-2023")

SETS = ("qd-148-2023", "qd-1048-2019")
RULES = CouncilRules()


def council(n: int = 4, *, absent: int = 0, chair_present: bool = True, **conflicts):
    """A chair plus n-1 members (the last ``absent`` absent) and a secretary."""
    people = [CouncilMember(name="Chủ Tịch", role="Chủ tịch", present=chair_present)]
    for i in range(1, n):
        name = f"Thành Viên {i}"
        people.append(
            CouncilMember(
                name=name,
                role="Ủy viên",
                present=i < n - absent,
                conflicts=tuple(conflicts.get(f"m{i}", ())),
                conflict_reason=conflicts.get(f"r{i}", ""),
            )
        )
    people.append(CouncilMember(name="Thư Ký", role="Thư ký"))
    return people


def split(total, cs_code: str = "qd-148-2023") -> tuple[Fraction, Fraction, Fraction]:
    """Parts A, B, C adding up to ``total`` within the criteria set's maxima."""
    cs = criteria_set(cs_code)
    total = Fraction(str(total))
    a = min(total, Fraction(cs.part_max("A")))
    b = min(total - a, Fraction(cs.part_max("B")))
    return a, b, total - a - b


def row(pid: str, member: str, a, b, c, line: int = 2) -> Row:
    values = {"product_id": pid, "member": member, "part_a": a, "part_b": b, "part_c": c}
    letters = dict(zip(values, "ABCDE", strict=True))
    cells = {
        k: Location(file="m.xlsx", sheet="Chấm điểm", cell=f"{letters[k]}{line}", row=line)
        for k in values
    }
    return Row(values, cells)


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def totals_rows(pid: str, people, totals, cs_code: str = "qd-148-2023"):
    scorers = [m for m in people if m.scores]
    return [
        row(pid, m.name, *[_decimal(x) for x in split(t, cs_code)], line=i + 2)
        for i, (m, t) in enumerate(zip(scorers, totals, strict=False))
    ]


def compute(products, people, rows, cs_code="qd-148-2023", rules=RULES, the_route=ROUTE):
    cs = criteria_set(cs_code)
    book = check_part_rows(rows, products, people, cs, rules)
    return score_products(products, people, book.scores, cs, rules, the_route), book.issues


def said(result, cs_code="qd-148-2023"):
    return outcome_text(result, ROUTE, criteria_set(cs_code))


P1 = Product("P1", name="Bánh", group_code="I.3.b", producer="HTX Bánh Hà Kỳ")
P2 = Product("P2", name="Rượu", group_code="II.1.a", producer="HTX Rượu")


# -- star bands on the exact mean -------------------------------------------------------------


@pytest.mark.parametrize("cs_code", SETS)
@pytest.mark.parametrize(
    ("totals", "star"),
    [
        ((30, 30, 29.99, 30), 1),  # 29.9975
        ((30, 30, 30, 30), 2),
        ((49.99, 50, 50, 49.99), 2),  # 49.995: rounds to 50.00 for display, still 2 stars
        ((50, 50, 50, 50), 3),
        ((69.99, 70, 70, 70), 3),
        ((70, 70, 70, 70), 4),
        ((89.99, 90, 90, 89.99), 4),
        ((90, 90, 90, 90), 5),
        ((100, 100, 100, 100), 5),
    ],
)
def test_star_from_exact_mean_at_every_band_edge(cs_code, totals, star):
    people = council(4)
    scoring, issues = compute([P1], people, totals_rows("P1", people, totals, cs_code), cs_code)
    assert issues == []
    result = scoring.results[0]
    assert result.mean == sum(Fraction(str(t)) for t in totals) / 4
    assert result.star == star


def test_mean_shown_with_two_decimals_but_star_on_the_exact_value():
    people = council(4)
    scoring, _ = compute([P1], people, totals_rows("P1", people, (49.99, 50, 50, 49.99)))
    result = scoring.results[0]
    assert result.mean == Fraction("49.995")
    assert score_text(result.mean, RULES) == "50,00"
    assert result.star == 2 and not result.forwarded
    assert "MEAN_ROUNDED_ACROSS_BAND" in result.flag_codes
    flag = next(f for f in result.flags if f.code == "MEAN_ROUNDED_ACROSS_BAND")
    assert "49,995" in flag.text_vi and "50,00" in flag.text_vi


def test_display_rounding_follows_the_council_rule():
    assert round_score(Fraction("49.985"), 2, "half_up") == Decimal("49.99")
    assert round_score(Fraction("49.985"), 2, "half_even") == Decimal("49.98")
    assert round_score(Fraction("49.975"), 2, "half_even") == Decimal("49.98")
    assert round_score(Fraction(200, 3), 1, "half_up") == Decimal("66.7")
    assert score_text(Fraction(1, 3), CouncilRules(display_decimals=3)) == "0,333"


# -- validation of typed scores ---------------------------------------------------------------


def test_vietnamese_decimal_comma_and_floats_for_integers_are_accepted():
    people = council(2)
    rows = [row("P1", "Chủ Tịch", "32,5", 20.0, "17"), row("P1", "Thành Viên 1", 30, "20,25", 17)]
    scoring, issues = compute([P1], people, rows)
    assert issues == []
    assert scoring.results[0].totals == (Fraction("69.5"), Fraction("67.25"))


@pytest.mark.parametrize(
    ("cs_code", "part_a", "ok"),
    [
        ("qd-148-2023", 40, True),
        ("qd-148-2023", 40.5, False),
        ("qd-1048-2019", 35, True),
        ("qd-1048-2019", 36, False),
    ],
)
def test_part_maxima_come_from_the_criteria_set(cs_code, part_a, ok):
    people = council(1)
    _, issues = compute([P1], people, [row("P1", "Chủ Tịch", part_a, 10, 10)], cs_code)
    if ok:
        assert issues == []
    else:
        assert [i.code for i in issues] == ["SCORE_OUT_OF_RANGE"]
        assert issues[0].location.cell == "C2"
        assert "Phần A" in issues[0].message_vi and "phải từ 0 đến" in issues[0].message_vi


def test_every_problem_of_a_row_is_reported_with_its_cell():
    people = council(2)
    rows = [
        row("P9", "Người Lạ", "abc", -1, None, line=5),
        row(None, None, 10, 10, 10, line=6),
    ]
    _, issues = compute([P1], people, rows)
    found = {(i.code, i.location.cell) for i in issues}
    assert found == {
        ("SCORE_PRODUCT_UNKNOWN", "A5"),
        ("SCORE_MEMBER_UNKNOWN", "B5"),
        ("SCORE_NOT_NUMBER", "C5"),
        ("SCORE_OUT_OF_RANGE", "D5"),
        ("SCORE_PART_BLANK", "E5"),
        ("SCORE_PRODUCT_BLANK", "A6"),
        ("SCORE_MEMBER_BLANK", "B6"),
    }
    assert all(i.is_error for i in issues)
    assert "m.xlsx" in issues[0].message_vi


def test_a_row_with_no_score_yet_is_not_an_error_and_names_match_without_accents():
    people = council(2)
    rows = [row("p1", "chu tich", 30, 20, 20), row("P1", "Thành Viên 1", None, None, None)]
    scoring, issues = compute([P1], people, rows)
    assert issues == []
    result = scoring.results[0]
    assert result.counted == ("Chủ Tịch",)
    assert result.missing == ("Thành Viên 1",)
    assert "SCORES_MISSING" in result.flag_codes and not result.forwarded


def test_the_same_score_twice_counts_once_different_scores_count_neither():
    people = council(2)
    same = [row("P1", "Chủ Tịch", 30, 20, 20, 2), row("P1", "Chủ Tịch", "30", "20", "20", 3)]
    scoring, issues = compute([P1], people, same + totals_rows("P1", people[1:2], [60]))
    assert [i.code for i in issues] == ["SCORE_REPEATED"] and not issues[0].is_error
    assert "Chấm điểm!A2" in issues[0].message_vi
    assert len(scoring.results[0].counted) == 2
    clash = [row("P1", "Chủ Tịch", 30, 20, 20, 2), row("P1", "Chủ Tịch", 31, 20, 20, 3)]
    scoring, issues = compute([P1], people, clash)
    assert [i.code for i in issues] == ["SCORE_CONFLICTING"]
    assert scoring.results[0].counted == () and "NO_SCORES" in scoring.results[0].flag_codes


def test_secretary_and_absent_members_scores_are_not_counted():
    people = council(4, absent=1)  # Thành Viên 3 absent
    rows = [
        *totals_rows("P1", people, (60, 60, 60)),
        row("P1", "Thư Ký", 35, 20, 30),
        row("P1", "Thành Viên 3", 35, 20, 30),
    ]
    scoring, issues = compute([P1], people, rows)
    assert [i.code for i in issues] == ["SCORE_BY_SECRETARY", "SCORE_BY_ABSENT_MEMBER"]
    assert not any(i.is_error for i in issues)
    assert scoring.results[0].mean == 60 and len(scoring.results[0].counted) == 3


# -- recusal ----------------------------------------------------------------------------------


def test_recused_member_is_left_out_and_listed_with_the_reason():
    people = council(4, m2=("P1",), r2="Người thân của chủ thể")
    rows = totals_rows("P1", people, (60, 62, 99, 64)) + totals_rows("P2", people, (60, 62, 99, 64))
    scoring, issues = compute([P1, P2], people, rows)
    p1, p2 = scoring.results
    assert p1.counted == ("Chủ Tịch", "Thành Viên 1", "Thành Viên 3")
    assert p1.mean == 62 and p1.recused[0].member == "Thành Viên 2"
    assert p1.recused[0].reason == "Người thân của chủ thể"
    assert "SCORES_MISSING" not in p1.flag_codes
    warning = next(i for i in issues if i.code == "SCORE_RECUSED_IGNORED")
    assert "Người thân" in warning.message_vi
    assert len(p2.counted) == 4 and p2.recused == ()  # other products unchanged


def test_conflict_with_a_producer_name_matches_without_accents_or_case():
    people = council(3, m1=("htx banh ha ky",))
    scoring, _ = compute([P1, P2], people, [])
    assert [r.member for r in scoring.results[0].recused] == ["Thành Viên 1"]
    assert scoring.results[1].recused == ()


# -- quorum and chair -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "absent", "reached"),
    [(8, 2, True), (8, 3, False), (4, 1, True), (5, 2, False), (7, 1, True), (7, 2, False)],
)
def test_quorum_is_three_quarters_of_the_scoring_members(n, absent, reached):
    people = council(n, absent=absent)
    scoring, _ = compute([P1], people, totals_rows("P1", people, [60] * (n - absent)))
    assert scoring.council.quorum_reached is reached
    result = scoring.results[0]
    assert ("QUORUM_NOT_REACHED" in result.flag_codes) is not reached
    assert result.forwarded is reached


def test_chair_absent_blocks_unless_the_profile_says_otherwise(tiny):
    people = council(4, chair_present=False)
    rows = totals_rows("P1", people[1:], (60, 60, 60))
    scoring, _ = compute([P1], people, rows)
    assert "CHAIR_ABSENT" in scoring.results[0].flag_codes and not scoring.results[0].forwarded
    assert said(scoring.results[0]).startswith("Chưa có giá trị")
    # quorum 2/3, chair not required; its route forwards from 60 (its secretary scores: not here)
    relaxed = tiny.council.model_copy(update={"secretary_scores": False})
    rows = totals_rows("P1", people[1:], (60, 60, 60), "qd-1048-2019")
    scoring, _ = compute([P1], people, rows, "qd-1048-2019", relaxed, tiny.route)
    assert scoring.results[0].flag_codes == () and scoring.results[0].forwarded


# -- spread, threshold, upgrade, rank ---------------------------------------------------------


@pytest.mark.parametrize(("high", "flagged"), [(70, False), (70.01, True), (75, True)])
def test_spread_above_the_limit_means_rescore(high, flagged):
    people = council(3)
    scoring, _ = compute([P1], people, totals_rows("P1", people, (60, 65, high)))
    result = scoring.results[0]
    assert result.spread == Fraction(str(high)) - 60
    assert ("SPREAD_ABOVE_LIMIT" in result.flag_codes) is flagged
    assert result.forwarded is not flagged
    if flagged:
        assert said(result).endswith("thảo luận, chấm lại")
        text = next(f.text_vi for f in result.flags if f.code == "SPREAD_ABOVE_LIMIT")
        assert "vượt mức 10" in text


def test_forward_threshold_is_exact_and_from_the_route(tiny):
    people = council(2)
    at = compute([P1], people, totals_rows("P1", people, (50, 50)))[0].results[0]
    below = compute([P1], people, totals_rows("P1", people, (50, 49.99)))[0].results[0]
    assert at.forwarded and not below.forwarded
    sixty = tiny.route  # forwards from 60
    result = compute([P1], people, totals_rows("P1", people, (59, 60)), the_route=sixty)[0]
    assert not result.results[0].forwarded


@pytest.mark.parametrize(("totals", "met"), [((70, 72), True), ((65, 69.5), False)])
def test_upgrade_from_three_to_four_stars(totals, met):
    upgrade = Product("U1", group_code="I.3.b", kind="Nâng hạng sao", current_stars=3)
    people = council(2)
    result = compute([upgrade], people, totals_rows("U1", people, totals))[0].results[0]
    assert result.upgrade_met is met
    # the district only proposes: the province awards 4 stars
    assert ("; đề nghị cấp tỉnh nâng hạng lên 4 sao" in said(result)) is met
    assert ("chưa đạt nâng hạng" in said(result)) is not met


def test_upgrade_not_met_while_blocked_and_null_for_other_products():
    upgrade = Product("U1", group_code="I.3.b", kind="nang hang sao", current_stars=3)
    blank = Product("U2", kind="Nâng hạng sao")
    people = council(2)
    rows = totals_rows("U1", people, (70, 90.5)) + totals_rows("U2", people, (70, 70))
    scoring, _ = compute([upgrade, blank, P1], people, rows)
    u1, u2, p1 = scoring.results
    assert u1.star is None and u1.upgrade_met is False  # spread 20.5: pending, no star yet
    assert u2.upgrade_met is None and "UPGRADE_STARS_MISSING" in u2.flag_codes
    assert p1.upgrade_met is None


def test_rank_within_each_product_group_ties_share_a_rank():
    products = [
        Product("A1", group_code="I.3.b"),
        Product("A2", group_code="I.3.b"),
        Product("A3", group_code="I.3.b"),
        Product("B1", group_code="II.1.a"),
        Product("A4", group_code="I.3.b"),
    ]
    people = council(1)
    rows = [
        row(pid, "Chủ Tịch", *map(_decimal, split(t)))
        for pid, t in (("A1", 60), ("A2", 75), ("A3", 60), ("B1", 40))
    ]
    scoring, _ = compute(products, people, rows)
    ranks = {r.product_id: r.rank_in_group for r in scoring.results}
    assert ranks == {"A1": 2, "A2": 1, "A3": 2, "B1": 1, "A4": None}
