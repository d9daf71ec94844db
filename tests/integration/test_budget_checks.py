"""Every budget check, each on a real cell of a real master workbook."""

from openpyxl import load_workbook

from ocop_xl.domain.catalog.budget import MESSAGES

from ..budget_support import cells, read, run_budget, write_lines, write_registrations

M = 1_000_000


def _row(item, product, amount=None, commune=None, quantity=None, unit_cost=None, **funding):
    return {
        "item": item,
        "product_id": product,
        "commune_code": commune,
        "quantity": quantity,
        "unit_cost": unit_cost,
        "amount": amount,
        **funding,
    }


# Excel row = position + 2. Columns: A item, B product, C commune, D description,
# E quantity, F unit cost, G amount, H..N the sources NSH NTM KHCN KC KN LG DU, then
# O an unknown source "XYZ" and P a staff column "Ghi chú".
LINES = [
    # 2: a clean line, amounts typed the Vietnamese ways, amount from quantity x unit cost
    _row("CBCL", "TK-HK-01", None, "ha-ky", 1, "10.000.000", NSH="6 000 000", DU=4 * M),
    _row("BAOBI", "TK-HK-01", 25 * M, NSH=25 * M),  # 3: above the 20 M cap
    _row("CBCL", "TK-HK-01", 5 * M, KHCN=5 * M),  # 4: second CBCL for the product
    _row("MAVACH", "TK-DS-02", 3 * M, KC=3 * M),  # 5: KC may not fund MAVACH
    _row("TEMTX", "TK-XX-99", 2 * M, NSH=2 * M),  # 6: no such product
    _row("ZZZ", "hoạt động chung", M, NSH=M),  # 7: no such item
    _row("LOGO", "Hoạt động chung", 30 * M, NSH=20 * M),  # 8: 10 M short
    _row("TAPHUAN", None, 10 * M, NSH=8 * M, KN=5 * M),  # 9: 3 M too much
    _row("TUVAN", "TK-DS-02", "-5.000.000"),  # 10: negative amount
    _row("SHTT", "TK-DS-02", 2 * M, NSH="1,5"),  # 11: a fraction of a đồng
    _row("HOICHO", "TK-DS-02", 4 * M, quantity="2,5", NSH=4 * M),  # 12: fractional quantity
    _row("DIEMBAN", None, 11 * M, quantity=2, unit_cost=5 * M, LG=11 * M),  # 13: 2 x 5 != 11
    _row("THAMQUAN", None),  # 14: no amount at all
    _row(None, "TK-DS-02", M, NSH=M),  # 15: no item
    _row("BAOBI", None, M, NSH=M),  # 16: per-product item without a product
    _row("MAVACH", "hoat dong chung", M, NSH=M),  # 17: per-product item as plan-wide
    _row("TEMTX", "TK-DS-02", M, "khong-co", NSH=M),  # 18: no such commune
    _row("TEMTX", "TK-HK-01", M, "dai-son", NSH=M),  # 19: not the product's commune
    _row("TRUYENTHONG", None, 190 * M, LG=190 * M, NTM="abc"),  # 20: LG over, text amount
]

NOTE = "MONEY_TEXT_READ"
EXPECTED = {
    "BUDGET_CAP_EXCEEDED": ["H3"],
    "BUDGET_DOUBLE_FUNDING": ["A4"],
    "BUDGET_SOURCE_NOT_ELIGIBLE": ["M5"],
    "BUDGET_PRODUCT_UNKNOWN": ["B6"],
    "BUDGET_ITEM_UNKNOWN": ["A7"],
    "BUDGET_LINE_UNDERFUNDED": ["H8"],
    "BUDGET_LINE_OVERFUNDED": ["H9"],
    "BUDGET_AMOUNT_INVALID": ["H10", "J11", "K20"],
    "BUDGET_QUANTITY_INVALID": ["F12"],
    "BUDGET_AMOUNT_MISMATCH": ["H13"],
    "BUDGET_AMOUNT_MISSING": ["H14"],
    "BUDGET_ITEM_MISSING": ["A15"],
    "BUDGET_PRODUCT_MISSING": ["B16"],
    "BUDGET_PRODUCT_PLAN_WIDE": ["B17"],
    "BUDGET_COMMUNE_UNKNOWN": ["D18"],
    "BUDGET_COMMUNE_MISMATCH": ["D19"],
    "BUDGET_SOURCE_OVER": ["C7"],  # LG's "available" cell on Nguồn vốn
    "BUDGET_SOURCE_WARNING": ["C5"],  # KC's
    "BUDGET_SOURCE_UNKNOWN": ["Q1"],  # the header of column XYZ
}
WARNINGS = {
    "MONEY_TEXT_READ",
    "BUDGET_PRODUCT_PLAN_WIDE",
    "BUDGET_COMMUNE_MISMATCH",
    "BUDGET_SOURCE_WARNING",
}


def _prepare(master):
    write_registrations(master)
    rows = [dict(r) for r in LINES]
    rows[0]["XYZ"] = 7 * M
    rows[0]["Ghi chú"] = "đã duyệt"
    write_lines(master, rows, ("NSH", "NTM", "KHCN", "KC", "KN", "LG", "DU", "XYZ", "Ghi chú"))
    book = load_workbook(master)
    ws = book["Nguồn vốn"]
    assert ws["A5"].value == "KC" and ws["A7"].value == "LG"
    ws["C5"] = "3.200.000"  # KC: 3 M of 3.2 M used, above its 90 % threshold
    book.save(master)


def test_every_check_names_its_cell(master):
    _prepare(master)
    result = run_budget(master)
    found = {code: cells(result, code) for code in EXPECTED}
    assert found == EXPECTED
    # Nothing else was reported, and every code of the area was exercised.
    # (amounts typed as text are read as numbers, with a note each: MONEY_TEXT_READ)
    assert {i.code for i in result.issues if i.code != NOTE} == set(EXPECTED)
    # (a renamed source column stops the action: tests/integration/test_staff_tables.py)
    assert set(EXPECTED) | {"BUDGET_PREFILL_ITEM_UNKNOWN", "BUDGET_SOURCE_COLUMN_RENAMED"} == set(
        MESSAGES
    )
    for issue in result.issues:
        assert issue.is_error == (issue.code not in WARNINGS), issue.code
        sheet = (
            "Nguồn vốn"
            if issue.code in {"BUDGET_SOURCE_OVER", "BUDGET_SOURCE_WARNING"}
            else "Kinh phí"
        )
        assert issue.location.sheet == sheet and issue.location.file == master.name


def test_messages_say_by_how_much_in_vietnamese(master):
    _prepare(master)
    result = run_budget(master)
    by_code = {i.code: i for i in result.issues}
    assert by_code["BUDGET_LINE_UNDERFUNDED"].message_vi == (
        "Dòng 8 trang “Kinh phí”: các nguồn mới bố trí 20.000.000 đồng, còn thiếu "
        "10.000.000 đồng so với thành tiền 30.000.000 đồng (ô H8)."
    )
    assert "vượt thành tiền 10.000.000 đồng (ô H9) là 3.000.000 đồng" in (
        by_code["BUDGET_LINE_OVERFUNDED"].message_vi
    )
    assert by_code["BUDGET_SOURCE_OVER"].message_vi == (
        "Nguồn “LG” (Nguồn lồng ghép khác của tỉnh và ngân sách địa phương) đã phân bổ "
        "201.000.000 đồng, vượt số bố trí 200.000.000 đồng (ô C7 trang “Nguồn vốn”) là "
        "1.000.000 đồng."
    )
    assert "93,8%" in by_code["BUDGET_SOURCE_WARNING"].message_vi
    assert "vượt mức tối đa 20.000.000 đồng/sản phẩm" in by_code["BUDGET_CAP_EXCEEDED"].message_vi
    assert "ở dòng 2" in by_code["BUDGET_DOUBLE_FUNDING"].message_vi
    assert "nguồn được dùng: NSH, NTM, KHCN, DU" in by_code["BUDGET_SOURCE_NOT_ELIGIBLE"].message_vi
    invalid = {i.location.cell: i.message_vi for i in result.issues if i.code.endswith("INVALID")}
    assert invalid["H10"] == (
        "Ô H10 trang “Kinh phí” (Thành tiền (đồng)) ghi “-5.000.000” không hợp lệ: "
        "số tiền không được âm."
    )
    assert invalid["J11"].endswith("(NSH) ghi “1,5” không hợp lệ: số tiền phải là số đồng nguyên.")
    assert invalid["K20"].endswith("(NTM) ghi “abc” không hợp lệ: phải là số tiền (đồng).")
    assert invalid["F12"].endswith("(số lượng) ghi “2,5” không hợp lệ: phải là số nguyên.")
    assert (
        "khác số lượng × đơn giá = 10.000.000 đồng" in by_code["BUDGET_AMOUNT_MISMATCH"].message_vi
    )
    for issue in result.issues:
        assert "{" not in issue.message_vi and "{" not in issue.message_en, issue.code


def test_findings_land_on_kiem_tra_and_earlier_ones_are_replaced(master):
    _prepare(master)
    run_budget(master)
    checks = read(master, "issues")
    mine = checks[(checks["action"] == "Tổng hợp kinh phí") & (checks["code"] != NOTE)]
    assert sorted(zip(mine["code"], mine["cell"], strict=True)) == sorted(
        (code, cell) for code, found in EXPECTED.items() for cell in found
    )
    assert set(mine["severity"]) == {"Lỗi", "Cảnh báo"}
    # The staff fix everything (and rename column XYZ to a note of their own): a second run
    # leaves no budget rows on Kiểm tra.
    write_lines(master, [LINES[0]])
    book = load_workbook(master)
    ws = book["Kinh phí"]
    assert ws["Q1"].value == "XYZ"
    ws["Q1"] = "Ghi chú khác"
    ws.tables["tblKinhPhi"].tableColumns = []
    book.save(master)
    result = run_budget(master)
    assert [i for i in result.issues if i.code != NOTE] == []
    checks = read(master, "issues")
    assert ((checks["action"] == "Tổng hợp kinh phí") & (checks["code"] != NOTE)).sum() == 0


def test_tallies_count_what_can_be_read(master):
    _prepare(master)
    result = run_budget(master)
    report = result.to_json()
    lg = next(s for s in report["sources"] if s["code"] == "LG")
    assert lg == {
        "code": "LG",
        "name": "Nguồn lồng ghép khác của tỉnh và ngân sách địa phương",
        "available": 200_000_000,
        "allocated": 201_000_000,
        "remaining": -1_000_000,
        "percent_used": 100.5,
        "warning_percent": 90,
        "status": "over",
        "status_vi": "Vượt số bố trí",
    }
    nsh = next(s for s in report["sources"] if s["code"] == "NSH")
    # 6+25+2+1+20+8+4+1+1+1+1+1 M: the unreadable "1,5" of row 11 and XYZ's 7 M are left out.
    assert nsh["allocated"] == 71 * M
    assert report["totals"]["allocated"] == sum(s["allocated"] for s in report["sources"])
    by_source = read(master, "budget_by_source").set_index("code")
    assert by_source.loc["LG", "allocated"] == 201_000_000
    assert by_source.loc["LG", "status"] == "Vượt số bố trí"
    assert by_source.loc["KC", "status"] == "Gần hết"
    assert abs(by_source.loc["KC", "percent_used"] - 0.9375) < 1e-12
