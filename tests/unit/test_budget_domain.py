"""The budget rules on plain data: no workbook, exact integers."""

from fractions import Fraction

import pytest

from ocop_xl.domain.budget import (
    PREFILL_NOTE,
    BudgetInputs,
    Product,
    SheetNames,
    SourceTally,
    classify_columns,
    estimate_document,
    is_plan_wide,
    percent_number,
    percent_text,
    prefill_lines,
    roman,
    tally_budget,
)
from ocop_xl.domain.issues import Location

SHEETS = SheetNames("Kinh phí", "Nguồn vốn", "Danh mục hỗ trợ", "Đăng ký", "Danh mục xã")
KEYS = ("item", "product_id", "commune_code", "description", "quantity", "unit_cost", "amount")


def _locate(row, key):
    letter = {k: chr(ord("A") + i) for i, k in enumerate(KEYS)}.get(key, key)
    return Location(sheet="Kinh phí", cell=f"{letter}{row or 1}", row=row, field=key)


def _inputs(profile, rows, extra=None, products=()):
    extra = list(extra if extra is not None else [s.code for s in profile.funding_sources])
    return BudgetInputs(
        rows=[(i + 2, r) for i, r in enumerate(rows)],
        extra_headers=extra,
        locate=_locate,
        labels={k: k for k in KEYS},
        sources=profile.funding_sources,
        source_cells={},
        items=profile.support_items,
        products=products,
        communes=profile.communes,
        sheets=SHEETS,
    )


def test_plan_wide_marker():
    for value in (None, "", "  ", "hoạt động chung", "Hoạt Động Chung", "hoat dong chung"):
        assert is_plan_wide(value)
    assert not is_plan_wide("TK-01")


def test_source_columns_are_found_by_code_and_staff_columns_left_alone(tu_ky):
    found, unknown = classify_columns(
        ["nsh", "DU", "Ghi chú", "Note", "ABC", "_P", "KHCN "], tu_ky.funding_sources
    )
    assert found == {"nsh": "NSH", "DU": "DU", "KHCN ": "KHCN"}
    assert unknown == ["ABC"]


@pytest.mark.parametrize(
    ("allocated", "status"),
    [
        (0, "ok"),
        (900, "ok"),  # exactly at the 90 % threshold: not above it
        (901, "warning"),
        (1000, "warning"),  # everything used, nothing over
        (1001, "over"),
    ],
)
def test_source_status_is_decided_exactly(allocated, status):
    tally = SourceTally("S", "Nguồn", 1000, allocated, 90)
    assert tally.status == status
    assert tally.remaining == 1000 - allocated


def test_nothing_available():
    assert SourceTally("S", "", 0, 0, 90).status == "ok"
    assert SourceTally("S", "", 0, 1, 90).status == "over"
    assert SourceTally("S", "", 0, 1, 90).share_used is None
    assert percent_text(None) == "" and percent_number(None) is None


def test_percentages_round_half_up_from_exact_fractions():
    assert percent_text(Fraction(209, 200)) == "104,5%"
    assert percent_text(Fraction(1, 3)) == "33,3%"
    assert percent_text(Fraction(2, 3)) == "66,7%"
    assert percent_text(Fraction(15, 16)) == "93,8%"  # 93.75 rounds up
    assert percent_number(Fraction(1, 3)) == 33.33
    assert percent_number(Fraction(15, 16)) == 93.75


def test_exact_totals_beyond_float_precision(tu_ky):
    big = 2**53 + 1  # 9.007.199.254.740.993: the first whole number a float cannot hold
    assert float(big) != big
    rows = [
        {"item": "LOGO", "amount": "9.007.199.254.740.993", "NSH": big},
        {"item": "LOGO", "amount": big, "NSH": "9 007 199 254 740 993"},
        {"item": "TAPHUAN", "amount": big + 2, "NSH": big, "KN": 2},
    ]
    budget = tally_budget(_inputs(tu_ky, rows))
    assert budget.amount == 27_021_597_764_222_981
    assert budget.source("NSH").allocated == 27_021_597_764_222_979
    assert budget.allocated == budget.amount
    assert budget.source("NSH").remaining == 500_000_000 - 27_021_597_764_222_979
    assert [i.code for i in budget.issues] == ["BUDGET_SOURCE_OVER"]  # NSH has 500 million


def test_amount_from_quantity_and_unit_cost(tu_ky):
    rows = [{"item": "TAPHUAN", "quantity": 3, "unit_cost": "12.500.000", "NSH": 37_500_000}]
    budget = tally_budget(_inputs(tu_ky, rows))
    assert budget.lines[0].amount == 37_500_000
    assert budget.issues == []


def test_empty_eligible_list_means_any_source(tu_ky):
    items = [i.model_copy(update={"eligible_sources": ()}) for i in tu_ky.support_items]
    profile = tu_ky.model_copy(update={"support_items": tuple(items)})
    budget = tally_budget(_inputs(profile, [{"item": "LOGO", "amount": 5, "KC": 5}]))
    assert budget.issues == []


def test_tallies_by_item_commune_and_product(tu_ky):
    products = [
        Product("P1", "Bánh đa", "ha-ky", "Hà Kỳ"),
        Product("P2", "Vải thiều", "dai-son", "Đại Sơn"),
    ]
    rows = [
        {"item": "CBCL", "product_id": "p1", "amount": 10, "NSH": 10},
        {"item": "BAOBI", "product_id": "P1", "amount": 20, "NTM": 15, "DU": 5},
        {"item": "BAOBI", "product_id": "P2", "amount": 7, "DU": 7},
        {"item": "DIEMBAN", "commune_code": "ha-ky", "amount": 100, "LG": 100},
        {"item": "LOGO", "amount": 30, "NSH": 30},
    ]
    budget = tally_budget(_inputs(tu_ky, rows, products=products))
    assert budget.issues == []
    assert budget.lines[0].product_id == "P1"  # typed "p1": the registered spelling is kept
    baobi = next(g for g in budget.items if g.key == "BAOBI")
    assert (baobi.lines, baobi.amount, baobi.by_source) == (2, 27, {"NTM": 15, "DU": 12})
    assert [g.key for g in budget.items][:2] == ["CBCL", "MAVACH"]  # catalog order, zeros too
    assert [(g.key, g.amount, len(g.products)) for g in budget.communes] == [
        ("dai-son", 7, 1),
        ("ha-ky", 130, 1),
        ("", 30, 0),  # the district's own activities
    ]
    assert [(g.key, g.amount, g.items) for g in budget.products] == [
        ("P1", 30, ["CBCL", "BAOBI"]),
        ("P2", 7, ["BAOBI"]),
        ("hoạt động chung", 130, ["DIEMBAN", "LOGO"]),
    ]
    assert budget.products[0].commune == "Hà Kỳ"


def test_prefill_adds_only_pairs_without_a_line(tu_ky):
    products = [
        Product("P1", "Bánh đa", "ha-ky", "Hà Kỳ", "CBCL, baobi, TAPHUAN", row=2),
        Product("P2", "Vải", "dai-son", "Đại Sơn", "Tem truy xuất nguồn gốc; NOPE", row=3),
        Product("", "Không mã", "ha-ky", "", "CBCL", row=4),
    ]
    result = prefill_lines(
        [("p1", "cbcl")],  # the staff's line for P1 / CBCL, typed in another case
        products,
        tu_ky.support_items,
        lambda p: Location(sheet="Đăng ký", cell=f"Q{p.row}", row=p.row),
        SHEETS,
    )
    assert [(r["product_id"], r["item"]) for r in result.lines] == [
        ("P1", "BAOBI"),
        ("P2", "TEMTX"),  # found by its name
    ]
    assert result.kept == 1 and result.plan_wide == 1  # TAPHUAN is planned once, not per product
    assert result.lines[0] == {
        "item": "BAOBI",
        "product_id": "P1",
        "commune_code": "ha-ky",
        "description": PREFILL_NOTE,
        "quantity": 1,
        "unit_cost": 20_000_000,
        "amount": 20_000_000,
    }
    [warning] = result.issues
    assert warning.code == "BUDGET_PREFILL_ITEM_UNKNOWN" and warning.location.cell == "Q3"
    assert "“NOPE”" in warning.message_vi


def test_roman_section_numbers():
    assert [roman(n) for n in (1, 2, 4, 9, 12, 14, 40)] == [
        "I",
        "II",
        "IV",
        "IX",
        "XII",
        "XIV",
        "XL",
    ]


def test_estimate_groups_lines_by_item_with_one_column_per_source(tiny):
    rows = [
        {"item": "I1", "product_id": "A", "quantity": 1, "unit_cost": 105, "S1": 105},
        {"item": "I1", "product_id": "B", "amount": 400, "S1": 400},
    ]
    products = [Product("A", "Sản phẩm A", "mot", "Một"), Product("B", "Sản phẩm B", "hai")]
    budget = tally_budget(_inputs(tiny, rows, products=products))
    doc = estimate_document(budget, tiny, products)
    assert doc.landscape
    assert [c.header for c in doc.columns][-2:] == ["Thành tiền", "S1"]
    # the product by its name and commune, never by its internal ID
    assert doc.rows[0] == ("I", "Hỗ trợ một", "lần", 1, None, 505, 505)
    assert doc.rows[1] == (1, "Sản phẩm A (Một)", "lần", 1, 105, 105, 105)
    assert doc.rows[2][1] == "Sản phẩm B (Phường Hai)"
    assert "Mã sản phẩm" not in [c.header for c in doc.columns]
    assert doc.group_rows == frozenset({0})
    assert doc.total_row == ("", "TỔNG CỘNG", None, None, None, 505, 505)
    assert "Đơn vị tính: đồng." in doc.before
    # The tiny profile writes "lẻ" for a zero in the tens.
    assert doc.after == ("Tổng số tiền bằng chữ: Năm trăm lẻ năm đồng.",)
    assert doc.issuing_body == ("ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM", "PHÒNG KINH TẾ")
    assert doc.title.endswith("NĂM 2030") and doc.draft_errors == 0
    draft = estimate_document(budget, tiny, products, errors=2)
    assert draft.draft_errors == 2


def test_estimate_in_thousands_with_only_the_sources_that_give_money(tiny):
    """Every amount whole thousands: the table counts in thousands (it then fits a
    landscape page at a readable size); a source that gives nothing is named, not a
    column."""
    rows = [
        {"item": "I1", "product_id": "A", "quantity": 2, "unit_cost": 15_000_000, "S1": 30_000_000}
    ]
    products = [Product("A", "Sản phẩm A", "mot", "Một")]
    budget = tally_budget(_inputs(tiny, rows, products=products))
    doc = estimate_document(budget, tiny, products)
    assert doc.rows[1] == (1, "Sản phẩm A (Một)", "lần", 2, 15_000, 30_000, 30_000)
    assert "Đơn vị tính: nghìn đồng." in doc.before
    assert doc.after == ("Tổng số tiền bằng chữ: Ba mươi triệu đồng.",)
    funded = [c.header for c in doc.columns][6:]
    assert funded == ["S1"]
    unfunded = [s.code for s in tiny.funding_sources if s.code != "S1"]
    if unfunded:
        assert any(", ".join(unfunded) in line for line in doc.before)
