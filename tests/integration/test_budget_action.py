"""The budget action on real master workbooks: prefill, source columns, tallies, estimate."""

import json
import zipfile

from openpyxl import load_workbook

from ocop_xl.domain.budget import PREFILL_NOTE
from ocop_xl.domain.number_words import amount_in_words

from ..budget_support import (
    LINE_KEYS,
    SOURCES,
    read,
    run_budget,
    write_lines,
    write_registrations,
)

M = 1_000_000


def _estimate_cells(master):
    ws = load_workbook(master)["Dự toán kinh phí"]
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def test_prefill_drafts_requested_items_and_never_touches_existing_lines(master):
    write_registrations(master)
    # The staff already planned P1's quality dossier their own way, on two sources only,
    # with a note column of their own.
    staff_line = {
        "item": "CBCL",
        "product_id": "TK-HK-01",
        "description": "cán bộ đã sửa",
        "amount": "12.000.000",
        "NSH": 12 * M,
        "Ghi chú": "giữ nguyên",
    }
    write_lines(master, [staff_line], ("NSH", "DU", "Ghi chú"))
    result = run_budget(master, prefill=True)
    assert result.data["prefill"] == {"added": 2, "kept": 1, "plan_wide_skipped": 1}
    assert result.data["source_columns_added"] == ["NTM", "KHCN", "KC", "KN", "LG"]
    [unknown] = [i for i in result.issues if i.code == "BUDGET_PREFILL_ITEM_UNKNOWN"]
    assert unknown.location.sheet == "Đăng ký" and unknown.location.cell == "Q3"

    lines = read(master, "budget_lines")
    assert list(lines.columns)[len(LINE_KEYS) :] == [
        "NSH",
        "DU",
        "Ghi chú",
        "NTM",
        "KHCN",
        "KC",
        "KN",
        "LG",
    ]
    first = lines.loc[2]
    assert (first["item"], first["amount"], first["NSH"], first["Ghi chú"]) == (
        "CBCL",
        12 * M,  # typed as text "12.000.000": now the number it says, with a note
        12 * M,
        "giữ nguyên",
    )
    [note] = [i for i in result.issues if i.code == "MONEY_TEXT_READ"]
    assert note.location.cell == "H2" and note.params["value"] == "12.000.000"
    assert first["product_name"] == "Bánh đa Hà Kỳ"  # the name beside the code
    assert first["description"] == "cán bộ đã sửa"
    drafted = lines.loc[[3, 4], ["item", "product_id", "commune_code", "amount", "description"]]
    assert drafted.values.tolist() == [
        ["BAOBI", "TK-HK-01", "ha-ky", 20 * M, PREFILL_NOTE],
        ["MAVACH", "TK-DS-02", "dai-son", 3 * M, PREFILL_NOTE],
    ]
    # Drafted lines have no source yet: the tally says so.
    assert {i.location.cell for i in result.issues if i.code == "BUDGET_LINE_UNDERFUNDED"} == {
        "H3",
        "H4",
    }

    # The staff fund the drafted lines and change one; prefill again changes nothing.
    book = load_workbook(master)
    ws = book["Kinh phí"]
    ws["G3"], ws["H3"], ws["J3"] = 18 * M, 18 * M, 18 * M
    ws["J4"] = 3 * M
    book.save(master)
    again = run_budget(master, prefill=True)
    assert again.data["prefill"] == {"added": 0, "kept": 3, "plan_wide_skipped": 1}
    assert again.data["source_columns_added"] == []
    assert again.errors == []
    after = read(master, "budget_lines")
    assert len(after) == 3 and after.loc[3, "amount"] == 18 * M


def test_missing_source_columns_are_added_without_touching_values(master):
    write_lines(master, [{"item": "LOGO", "amount": "30 000 000", "NSH": "30.000.000"}], ("NSH",))
    result = run_budget(master)
    assert result.data["source_columns_added"] == ["NTM", "KHCN", "KC", "KN", "LG", "DU"]
    # the amounts typed as text are now numbers, each with a note naming its cell
    assert sorted(i.location.cell for i in result.issues) == ["H2", "J2"]
    assert {i.code for i in result.issues} == {"MONEY_TEXT_READ"}
    lines = read(master, "budget_lines")
    assert list(lines.columns)[len(LINE_KEYS) :] == list(SOURCES)
    assert (lines.loc[2, "amount"], lines.loc[2, "NSH"]) == (30 * M, 30 * M)
    sheet = load_workbook(master)["Kinh phí"]
    assert sheet["J2"].number_format == "[$-42A]#,##0"  # a source column: money too
    # With every column present the sheet is not rewritten: a format the staff set stays.
    book = load_workbook(master)
    book["Kinh phí"]["H2"].number_format = "0.00"
    book.save(master)
    assert run_budget(master).data["source_columns_added"] == []
    assert load_workbook(master)["Kinh phí"]["H2"].number_format == "0.00"


def test_summary_tables_chart_and_estimate_on_a_clean_budget(master):
    write_registrations(master)
    write_lines(
        master,
        [
            {
                "item": "CBCL",
                "product_id": "TK-HK-01",
                "amount": 15 * M,
                "NSH": 10 * M,
                "DU": 5 * M,
            },
            {"item": "BAOBI", "product_id": "TK-DS-02", "amount": 20 * M, "NTM": 20 * M},
            {"item": "TAPHUAN", "quantity": 2, "unit_cost": 25 * M, "NSH": 20 * M, "KN": 30 * M},
            {"item": "DIEMBAN", "commune_code": "ha-ky", "amount": 60 * M, "LG": 60 * M},
        ],
    )
    result = run_budget(master)
    assert result.issues == []
    assert result.to_json()["totals"] == {
        "available": 1_750_000_000,
        "allocated": 145_000_000,
        "remaining": 1_605_000_000,
        "amount": 145_000_000,
        "unfunded": 0,
    }
    by_source = read(master, "budget_by_source")
    assert by_source.attrs["letters"]["code"] == "A" and by_source.index[0] == 4
    assert by_source.set_index("code").loc["NSH", ["allocated", "remaining"]].tolist() == [
        30 * M,
        470 * M,
    ]
    by_item = read(master, "budget_by_item").set_index("code")
    assert by_item.loc["TAPHUAN", ["lines", "quantity", "amount"]].tolist() == [1, 2, 50 * M]
    assert by_item.loc["LOGO", "amount"] == 0
    by_commune = read(master, "budget_by_commune")
    assert by_commune[["code", "amount"]].values.tolist() == [
        ["dai-son", 20 * M],
        ["ha-ky", 75 * M],
        [None, 50 * M],  # the district's own: the code cell is blank
    ]
    assert by_commune["name"].tolist()[-1] == "Cấp huyện (hoạt động chung)"
    by_product = read(master, "budget_by_product")
    assert by_product[["product_id", "product_name", "amount"]].values.tolist() == [
        ["TK-HK-01", "Bánh đa Hà Kỳ", 15 * M],
        ["TK-DS-02", "Vải thiều Đại Sơn", 20 * M],
        ["hoạt động chung", "Các hoạt động chung của kế hoạch", 110 * M],
    ]
    # The chart of allocated versus available per source, drawn from the by-source table.
    with zipfile.ZipFile(master) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = "".join(z.read(n).decode("utf-8") for n in charts)
    assert "'Tổng hợp kinh phí'!$C$4:$C$10" in xml  # available, the 7 sources
    assert "'Tổng hợp kinh phí'!$D$4:$D$10" in xml  # allocated
    assert "'Tổng hợp kinh phí'!$A$4:$A$10" in xml  # their codes
    assert "Kinh phí đã phân bổ so với số bố trí theo nguồn vốn" in xml

    ws, values = _estimate_cells(master)
    assert ws.page_setup.orientation == "landscape"
    flat = [v for row in values for v in row if v is not None]
    assert "DỰ TOÁN KINH PHÍ HỖ TRỢ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM 2023" in flat
    total = next(row for row in values if "TỔNG CỘNG" in row)
    # in thousands of đồng (every amount is whole thousands), the sources that give money
    assert "Đơn vị tính: nghìn đồng." in flat
    assert total[5:11] == [145_000, 30_000, 20_000, 30_000, 60_000, 5_000]
    assert "Tổng số tiền bằng chữ: Một trăm bốn mươi lăm triệu đồng." in flat
    assert not any(str(v).startswith("DỰ THẢO") for v in flat)
    assert ws.cell(row=values.index(total) + 1, column=6).number_format == "[$-42A]#,##0"


def test_exact_totals_on_large_amounts(master):
    # 400 lines of 1.234.567.891 đồng: numbers as Excel stores them, summed exactly.
    write_lines(
        master,
        [{"item": "TRUYENTHONG", "amount": 1_234_567_891, "LG": 1_234_567_891}] * 400,
    )
    book = load_workbook(master)
    book["Nguồn vốn"]["C7"] = 600_000_000_000  # LG
    book.save(master)
    result = run_budget(master)
    assert result.issues == []
    assert result.data["totals"]["allocated"] == 493_827_156_400
    by_source = read(master, "budget_by_source").set_index("code")
    assert by_source.loc["LG", ["allocated", "remaining"]].tolist() == [
        493_827_156_400,
        106_172_843_600,
    ]
    _, values = _estimate_cells(master)
    total = next(row for row in values if "TỔNG CỘNG" in row)
    assert total[5] == 493_827_156_400  # not whole thousands: in đồng
    assert (
        "Tổng số tiền bằng chữ: Bốn trăm chín mươi ba tỷ tám trăm hai mươi bảy triệu "
        "một trăm năm mươi sáu nghìn bốn trăm đồng." in [v for row in values for v in row]
    )


def test_amounts_typed_as_text_stay_exact_beyond_what_a_number_cell_holds(master):
    # An Excel number cell holds 15 significant digits; amounts typed as text do not lose
    # any, and the tally, the JSON report and the words keep every đồng.
    big = "9.007.199.254.740.993"  # 2**53 + 1
    book = load_workbook(master)
    book["Nguồn vốn"]["C2"] = "40.000.000.000.000.000"  # NSH
    book.save(master)
    write_lines(
        master,
        [
            {"item": "LOGO", "amount": big, "NSH": "9 007 199 254 740 993"},
            {"item": "LOGO", "amount": big, "NSH": big},
            {"item": "TAPHUAN", "amount": "9.007.199.254.740.995", "NSH": big, "KN": "2"},
        ],
    )
    result = run_budget(master)
    # only the short "2" becomes a number; the 16-digit amounts stay exact text
    assert [(i.code, i.params["value"]) for i in result.issues] == [("MONEY_TEXT_READ", "2")]
    report = json.loads(json.dumps(result.to_json()))
    assert report["totals"]["allocated"] == report["totals"]["amount"] == 27_021_597_764_222_981
    nsh = report["sources"][0]
    assert nsh["allocated"] == 27_021_597_764_222_979
    assert nsh["remaining"] == 40_000_000_000_000_000 - 27_021_597_764_222_979
    _, values = _estimate_cells(master)
    words = amount_in_words(27_021_597_764_222_981)
    assert words == (
        "Hai mươi bảy triệu không trăm hai mươi mốt nghìn năm trăm chín mươi bảy tỷ bảy trăm "
        "sáu mươi bốn triệu hai trăm hai mươi hai nghìn chín trăm tám mươi mốt đồng"
    )
    assert f"Tổng số tiền bằng chữ: {words}." in [v for row in values for v in row]


def test_estimate_is_marked_draft_while_errors_remain(master):
    write_lines(master, [{"item": "LOGO", "amount": 30 * M, "NSH": 10 * M}])
    result = run_budget(master)
    assert [i.code for i in result.errors] == ["BUDGET_LINE_UNDERFUNDED"]
    _, values = _estimate_cells(master)
    flat = [v for row in values for v in row if v is not None]
    assert "DỰ THẢO: số liệu còn 1 lỗi (xem trang Kiểm tra), cần sửa trước khi trình ký." in flat


def test_audit_log_records_the_run(master):
    write_lines(master, [{"item": "LOGO", "amount": 30 * M, "NSH": 30 * M}])
    run_budget(master)
    log = read(master, "audit")
    last = log.iloc[-1]
    assert last["command"] == "budget" and last["action"] == "Tổng hợp kinh phí"
    assert "Số dòng kinh phí: 1" in last["counts"] and "Lỗi: 0" in last["counts"]
