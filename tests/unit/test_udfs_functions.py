"""The Excel functions, called with the shapes Excel sends: single values, lists of rows,
None for blanks, floats for whole numbers, text typed the Vietnamese way."""

import importlib
import sys
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop_xl.domain.criteria import star_for
from ocop_xl.excel.udfs import (
    OCOP_MEAN,
    OCOP_PART_MAX,
    OCOP_RESCORE,
    OCOP_SPREAD,
    OCOP_STAR,
    OCOP_STAR_LABEL,
    OCOP_THRESHOLD,
)
from ocop_xl.profiles import criteria_set


def test_the_module_imports_on_its_own():
    for name in [n for n in sys.modules if n.startswith("ocop_xl.excel")]:
        del sys.modules[name]
    module = importlib.import_module("ocop_xl.excel.udfs")
    assert callable(module.OCOP_STAR)


def test_star_over_a_column_keeps_its_shape():
    column = [[49.995], [50.0], [None], ["50,5"], [89.99], [90.0], [0.0], [100.0]]
    assert OCOP_STAR(column) == [[2], [3], [None], [3], [4], [5], [1], [5]]


def test_star_of_one_cell_and_of_a_row():
    assert OCOP_STAR(30.0) == 2
    assert OCOP_STAR([[29.99, 30.0, 69.99, 70.0]]) == [[1, 2, 3, 4]]
    assert OCOP_STAR(None) is None
    assert OCOP_STAR("") is None


@pytest.mark.parametrize("bad", ["abc", 100.5, -1.0, True])
def test_bad_totals_give_a_short_text_in_their_cell(bad):
    out = OCOP_STAR([[bad], [75.0]])
    assert out[1] == [4]
    assert isinstance(out[0][0], str) and out[0][0].startswith("#OCOP: ")
    assert len(out[0][0]) < 80


def test_unknown_criteria_set_is_one_short_text():
    out = OCOP_STAR([[50.0]], "qd-999")
    assert out.startswith("#OCOP: ") and "qd-148-2023" in out


def test_star_label_and_threshold_and_part_max_under_both_sets():
    assert OCOP_STAR_LABEL([[49.995, 50.0, None]]) == [["2 sao", "3 sao", None]]
    assert OCOP_THRESHOLD([[1.0], [2.0], [3.0], [4.0], [5.0]]) == [[0], [30], [50], [70], [90]]
    assert OCOP_THRESHOLD(6.0).startswith("#OCOP: ")
    assert OCOP_THRESHOLD(3.5).startswith("#OCOP: ")
    assert OCOP_PART_MAX([["A", "b", "Phần C"]], "qd-148-2023") == [[40, 25, 35]]
    assert OCOP_PART_MAX([["A", "B", "C"]], "qd-1048-2019") == [[35, 25, 40]]
    assert OCOP_PART_MAX("D").startswith("#OCOP: ")


def test_mean_one_product_per_row_blanks_and_recused_left_out():
    scores = [[60.0, 70.0, None], [80.0, 90.0, 55.0], [None, None, None]]
    recused = [[None, None, None], [None, None, "x"], [None, None, None]]
    assert OCOP_MEAN(scores) == [[65.0], [75.0], [None]]
    assert OCOP_MEAN(scores, recused) == [[65.0], [85.0], [None]]
    assert OCOP_MEAN(scores, [["Có"]]).startswith("#OCOP: ")  # wrong size
    assert OCOP_MEAN([[50.0], [49.99]]) == pytest.approx(49.995)  # one column: one product
    assert OCOP_MEAN([[50.0, "49,99"]]) == pytest.approx(49.995)
    assert OCOP_MEAN([[50.0, "abc"], [60.0, 61.0]])[0][0].startswith("#OCOP: ")


def test_spread_and_rescore():
    scores = [[60.0, 70.0], [60.0, 70.5], [55.0, None]]
    assert OCOP_SPREAD(scores) == [[10.0], [10.5], [0.0]]
    assert OCOP_RESCORE(scores) == [["Không"], ["Có"], ["Không"]]
    assert OCOP_RESCORE(scores, 15.0) == [["Không"], ["Không"], ["Không"]]
    assert OCOP_RESCORE(scores, "mười").startswith("#OCOP: ")


@given(st.floats(0, 100, allow_nan=False))
def test_star_agrees_with_the_domain_rule(total):
    # The UDF reads a float as the number Excel shows (its shortest text), like every
    # other cell ocop_xl reads.
    from ocop_xl.domain.values import parse_decimal

    expected = star_for(Fraction(parse_decimal(total)), criteria_set("qd-148-2023"))
    assert OCOP_STAR([[total]], "qd-148-2023") == [[expected]]


@given(st.lists(st.integers(0, 10_000).map(lambda n: n / 100), min_size=1, max_size=9))
def test_mean_and_spread_agree_with_exact_arithmetic(totals):
    exact = [Fraction(str(t)) for t in totals]
    assert OCOP_MEAN([totals]) == float(sum(exact) / len(exact))
    assert OCOP_SPREAD([totals]) == float(max(exact) - min(exact))
