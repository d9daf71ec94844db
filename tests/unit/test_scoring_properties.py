"""Properties of scoring that must hold for every input (hypothesis)."""

from dataclasses import replace
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ocop_xl.domain.criteria import star_for
from ocop_xl.domain.issues import Location
from ocop_xl.domain.profile import CouncilMember, CouncilRules
from ocop_xl.domain.scoring import (
    Product,
    Row,
    check_part_rows,
    round_score,
    score_products,
    summarize,
)
from ocop_xl.profiles import criteria_set, route

CS_CODES = ("qd-148-2023", "qd-1048-2019")
NAMES = ("Chủ Tịch", "Phó Chủ Tịch", "Ủy Viên Một", "Ủy Viên Hai", "Ủy Viên Ba", "Ủy Viên Bốn")
ROLES = ("Chủ tịch", "Phó Chủ tịch", "Ủy viên", "Ủy viên", "Ủy viên", "Ủy viên")
GROUPS = ("I.3.b", "II.1.a")


def hundredths(maximum: int):
    return st.integers(0, maximum * 100).map(lambda n: Fraction(n, 100))


@st.composite
def sessions(draw, products_min=1, products_max=4):
    """A criteria set, a council, products and every present member's parts for each."""
    cs = criteria_set(draw(st.sampled_from(CS_CODES)))
    n_members = draw(st.integers(1, len(NAMES)))
    members = [
        CouncilMember(name=NAMES[i], role=ROLES[i], present=draw(st.booleans()) or i == 0)
        for i in range(n_members)
    ]
    n_products = draw(st.integers(products_min, products_max))
    products = [
        Product(f"P{i}", group_code=draw(st.sampled_from(GROUPS)), producer=f"HTX {i}")
        for i in range(n_products)
    ]
    scores = {
        (p.product_id, m.name): tuple(draw(hundredths(cs.part_max(part))) for part in "ABC")
        for p in products
        for m in members
    }
    return cs, members, products, scores


def rows_of(scores):
    rows = []
    for line, ((pid, member), parts) in enumerate(sorted(scores.items()), start=2):
        values = {"product_id": pid, "member": member}
        for key, value in zip(("part_a", "part_b", "part_c"), parts, strict=True):
            values[key] = Decimal(value.numerator) / Decimal(value.denominator)
        rows.append(Row(values, {"product_id": Location(sheet="Chấm điểm", row=line)}))
    return rows


RULES = CouncilRules()


def run(cs, members, products, scores, rules=RULES):
    book = check_part_rows(rows_of(scores), products, members, cs, rules)
    assert not [i for i in book.issues if i.is_error]
    return score_products(products, members, book.scores, cs, rules, route("tu-ky-2023"))


@settings(max_examples=150, deadline=None)
@given(sessions(products_max=1), st.data())
def test_the_star_never_decreases_when_a_score_rises(session, data):
    cs, members, products, scores = session
    key = data.draw(st.sampled_from(sorted(scores)))
    part = data.draw(st.integers(0, 2))
    before = run(cs, members, products, scores).results[0]
    parts = list(scores[key])
    room = cs.part_max("ABC"[part]) - parts[part]
    parts[part] += data.draw(st.fractions(0, room, max_denominator=100))
    after = run(cs, members, products, {**scores, key: tuple(parts)}).results[0]
    if before.star is not None:
        assert after.mean >= before.mean
        if after.blocked:  # a raised score can open a spread above the limit: no star yet
            assert after.star is None
        else:
            assert after.star >= before.star
            assert after.star == star_for(after.mean, cs)


@settings(max_examples=150, deadline=None)
@given(sessions())
def test_the_mean_lies_between_the_lowest_and_the_highest_total(session):
    for result in run(*session).results:
        if result.mean is not None:
            assert result.low <= result.mean <= result.high
            assert result.spread == result.high - result.low
            assert result.mean == Fraction(sum(result.totals)) / len(result.totals)


@settings(max_examples=150, deadline=None)
@given(sessions(products_min=2), st.data())
def test_recusing_a_member_on_one_product_changes_no_other_product(session, data):
    cs, members, products, scores = session
    member = data.draw(st.sampled_from(members))
    target = data.draw(st.sampled_from(products))
    before = run(cs, members, products, scores)
    recused = member.model_copy(
        update={"conflicts": (target.product_id,), "conflict_reason": "thử"}
    )
    changed = [recused if m is member else m for m in members]
    after = run(cs, changed, products, scores)
    for old, new in zip(before.results, after.results, strict=True):
        if old.product_id == target.product_id:
            assert member.name not in new.counted
            continue
        # A rank compares products with each other, so only it may move.
        assert replace(new, rank_in_group=None) == replace(old, rank_in_group=None)


@given(st.lists(st.fractions(0, 100, max_denominator=400), min_size=1, max_size=12))
def test_summary_of_any_totals(totals):
    summary = summarize(totals)
    assert summary.low <= summary.mean <= summary.high
    assert summary.count == len(totals)


@given(
    st.decimals(0, 100, places=4, allow_nan=False, allow_infinity=False),
    st.integers(0, 3),
)
def test_display_rounding_matches_decimal_rounding(value, places):
    quantum = Decimal(1).scaleb(-places)
    exact = Fraction(value)
    assert round_score(exact, places, "half_up") == value.quantize(quantum, ROUND_HALF_UP)
    assert round_score(exact, places, "half_even") == value.quantize(quantum, ROUND_HALF_EVEN)
