"""Amounts in Vietnamese words, as financial documents write them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop_xl.domain.number_words import amount_in_words, number_in_words

# The examples of the issue, word for word.
ISSUE_EXAMPLES = {
    125_000_000: "Một trăm hai mươi lăm triệu đồng",
    2_021: "Hai nghìn không trăm hai mươi mốt đồng",
    105: "Một trăm linh năm đồng",
    1_000_005: "Một triệu không trăm linh năm đồng",
    1_001_000: "Một triệu không trăm linh một nghìn đồng",
}


@pytest.mark.parametrize(("amount", "words"), ISSUE_EXAMPLES.items())
def test_examples_of_the_issue(amount, words):
    assert amount_in_words(amount) == words


AWKWARD = {
    0: "không",
    1: "một",
    5: "năm",
    10: "mười",
    11: "mười một",  # "một" after "mười", "mốt" only after "mươi"
    14: "mười bốn",
    15: "mười lăm",  # "lăm" after "mười"
    20: "hai mươi",
    21: "hai mươi mốt",
    24: "hai mươi bốn",  # "bốn", never the colloquial "tư"
    25: "hai mươi lăm",
    41: "bốn mươi mốt",
    44: "bốn mươi bốn",
    55: "năm mươi lăm",
    99: "chín mươi chín",
    100: "một trăm",
    101: "một trăm linh một",  # "một" after "linh"
    104: "một trăm linh bốn",
    105: "một trăm linh năm",  # "năm" after "linh", not "lăm"
    110: "một trăm mười",
    111: "một trăm mười một",
    115: "một trăm mười lăm",
    121: "một trăm hai mươi mốt",
    205: "hai trăm linh năm",
    1_000: "một nghìn",
    1_005: "một nghìn không trăm linh năm",
    1_010: "một nghìn không trăm mười",
    1_015: "một nghìn không trăm mười lăm",
    1_100: "một nghìn một trăm",
    10_000: "mười nghìn",
    15_000: "mười lăm nghìn",
    21_000: "hai mươi mốt nghìn",
    100_000: "một trăm nghìn",
    105_000: "một trăm linh năm nghìn",
    1_000_000: "một triệu",
    1_000_100: "một triệu một trăm",
    1_050_000: "một triệu không trăm năm mươi nghìn",
    1_250_000: "một triệu hai trăm năm mươi nghìn",
    2_000_021: "hai triệu không trăm hai mươi mốt",
    10_000_000: "mười triệu",
    1_000_000_000: "một tỷ",
    1_000_000_005: "một tỷ không trăm linh năm",
    1_005_000_000: "một tỷ không trăm linh năm triệu",
    2_500_000_000: "hai tỷ năm trăm triệu",
    15_000_000_000: "mười lăm tỷ",
    1_000_000_000_000: "một nghìn tỷ",
    1_000_001_000_000: "một nghìn tỷ không trăm linh một triệu",
    2_021_000_000_000: "hai nghìn không trăm hai mươi mốt tỷ",
    1_000_000_000_000_000: "một triệu tỷ",
    1_000_000_000_000_000_000: "một tỷ tỷ",
    -1_500: "âm một nghìn năm trăm",
}


@pytest.mark.parametrize(("number", "words"), AWKWARD.items())
def test_awkward_numbers(number, words):
    assert number_in_words(number) == words


def test_le_instead_of_linh_is_a_choice():
    assert amount_in_words(105, "lẻ") == "Một trăm lẻ năm đồng"
    assert amount_in_words(1_001_000, "lẻ") == "Một triệu không trăm lẻ một nghìn đồng"
    assert number_in_words(2_021, "lẻ") == "hai nghìn không trăm hai mươi mốt"
    with pytest.raises(ValueError):
        number_in_words(105, "le")  # type: ignore[arg-type]


def test_capital_first_letter_and_currency():
    assert amount_in_words(0) == "Không đồng"
    assert amount_in_words(15, unit="") == "Mười lăm"
    assert amount_in_words(1_000_000_000_000) == "Một nghìn tỷ đồng"


def test_only_whole_numbers():
    for bad in (1.5, "105", True):
        with pytest.raises(TypeError):
            number_in_words(bad)  # type: ignore[arg-type]


# An independent reader of the words back into a number: if every amount reads back to
# itself, no group, zero or unit word was lost or doubled.
_UNITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}


def _read(words: str) -> int:
    total = 0  # complete multiples of a tỷ
    below_billion = 0  # complete groups (nghìn, triệu) below the current tỷ
    group = 0  # the number being read (below 1000)
    for word in words.split():
        if word in _UNITS:
            group += _UNITS[word]
        elif word == "mười":
            group += 10
        elif word == "mươi":
            group = group - group % 10 + (group % 10) * 10
        elif word == "trăm":
            group = group - group % 10 + (group % 10) * 100
        elif word in ("linh", "lẻ"):
            pass
        elif word == "nghìn":
            below_billion += group * 1_000
            group = 0
        elif word == "triệu":
            below_billion += group * 1_000_000
            group = 0
        elif word == "tỷ":
            total = (total + below_billion + group) * 1_000_000_000
            below_billion = group = 0
        else:
            raise AssertionError(f"unexpected word {word!r} in {words!r}")
    return total + below_billion + group


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_every_amount_reads_back_to_itself(number):
    words = number_in_words(number)
    assert _read(words) == number
    assert "  " not in words and words == words.strip()


@given(st.integers(min_value=1, max_value=10**12))
def test_groups_after_the_first_always_say_their_hundreds(number):
    words = number_in_words(number).split()
    for i, word in enumerate(words):
        if word in ("linh", "lẻ"):
            assert words[i - 1] == "trăm"  # never "nghìn linh năm"
        if word == "mốt":
            assert words[i - 1] == "mươi"
        if word == "lăm":
            assert words[i - 1] in ("mười", "mươi")
