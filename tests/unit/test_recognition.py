"""Certificate numbers: from the profile's pattern, kept per product, never given twice."""

from datetime import date
from fractions import Fraction

import pytest

from ocop_xl.domain.recognition import (
    STATUS_ISSUED,
    STATUS_WITHDRAWN,
    Recognised,
    assign_certificates,
    check_pattern,
    recognitions,
)

PATTERN = "{seq:03d}/GCN-OCOP-{province}.{unit}/{year}"


def number(recognised, register=(), year=2025):
    return assign_certificates(
        recognised, list(register), pattern=PATTERN, year=year, province="HP", unit="TP"
    )


def r(pid, star=3, points=60):
    return Recognised(pid, star, Fraction(points), f"Sản phẩm {pid}")


def test_numbers_follow_the_pattern_in_order():
    register = number([r("A"), r("B", 4, 75)])
    assert [c.number for c in register] == ["001/GCN-OCOP-HP.TP/2025", "002/GCN-OCOP-HP.TP/2025"]
    assert [c.seq for c in register] == [1, 2]


def test_a_number_is_never_given_to_another_product():
    first = number([r("A"), r("B")])
    # A falls out (re-scored), C comes in: C gets 003, A's 001 stays A's, withdrawn
    second = number([r("B"), r("C")], first)
    by_product = {c.product_id: c for c in second}
    assert by_product["A"].number.startswith("001") and by_product["A"].status == STATUS_WITHDRAWN
    assert by_product["C"].number.startswith("003")
    # A back again: its own number, not a new one
    third = number([r("A"), r("B"), r("C")], second)
    assert {c.product_id: c.number[:3] for c in third} == {"A": "001", "B": "002", "C": "003"}
    numbers = [c.number for c in third]
    assert len(numbers) == len(set(numbers))


def test_a_typed_number_is_skipped_and_issued_rows_are_never_changed():
    issued = number([r("A")])[0]
    issued = issued.__class__(
        **{
            **issued.__dict__,
            "status": STATUS_ISSUED,
            "decision_no": "125/QĐ-UBND",
            "decision_date": date(2025, 10, 1),
        }
    )
    typed = issued.__class__(
        **{
            **issued.__dict__,
            "number": "002/GCN-OCOP-HP.TP/2025",
            "seq": 0,
            "product_id": "X",
            "status": STATUS_ISSUED,
        }
    )
    after = number([r("A", 4, 80), r("B")], [issued, typed])
    assert after[0] == issued  # the issued row keeps its star and points
    assert after[-1].product_id == "B" and after[-1].number.startswith("003")


def test_sequences_restart_each_year_with_the_year_in_the_number():
    y2025 = number([r("A")])
    y2026 = number([r("B")], y2025, year=2026)
    assert y2026[-1].number == "001/GCN-OCOP-HP.TP/2026"
    assert y2026[0].status != STATUS_WITHDRAWN  # last year's draft is not this year's business


@pytest.mark.parametrize(
    ("pattern", "ok"),
    [(PATTERN, True), ("{seq}/GCN", True), ("GCN-OCOP/{year}", False), ("{seq}/{district}", False)],
)
def test_a_pattern_must_number_each_product_and_use_known_fields(pattern, ok):
    assert (check_pattern(pattern) is None) is ok


def test_recognitions_give_each_product_its_certificate_and_decision():
    register = number([r("A"), r("B", 4, 72)])
    signed = [
        c.__class__(
            **{**c.__dict__, "decision_no": "7/QĐ-UBND", "decision_date": date(2025, 11, 3)}
        )
        for c in register
    ]
    found = recognitions(signed)
    assert found["B"].star == 4 and found["B"].certificate_no.startswith("002")
    assert found["A"].decision_no == "7/QĐ-UBND" and found["A"].decision_date == date(2025, 11, 3)
