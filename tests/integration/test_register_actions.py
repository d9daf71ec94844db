"""The product register on real master files: alerts as of a day with cells and colours,
imports of a previous-layout master and of a hand-made list (idempotent), the printable
list and the summary (issue 13)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from ocop_xl.actions import run_action
from ocop_xl.actions.new_master import create_master
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.register import REGISTER_SHEETS, REGISTER_TABLE
from ocop_xl.workbook.libreoffice import convert

from ..conftest import require_soffice

AS_OF = date(2023, 12, 31)
SHEET = REGISTER_TABLE.sheet


def run(master: Path, name: str, **params):
    return run_action(name, FileWorkbook.open(master), **params)


def register(master: Path) -> pd.DataFrame:
    return FileWorkbook.open(master, writable=False).read_table(REGISTER_TABLE.name)


def history(master: Path) -> pd.DataFrame:
    return FileWorkbook.open(master, writable=False).read_table("register_history")


def by_name(frame: pd.DataFrame) -> dict[str, dict]:
    return {rec["product_name"]: rec for rec in frame.to_dict("records")}


def type_rows(master: Path, rows: list[dict]) -> None:
    """The office types rows directly under the register's header, as in Excel."""
    book = load_workbook(master)
    ws = book[SHEET]
    keys = list(REGISTER_TABLE.keys)
    for offset, row in enumerate(rows, start=2):
        for key, value in row.items():
            ws.cell(offset, keys.index(key) + 1, value)
    book.save(master)


TYPED = [
    {
        "product_name": "Mật ong (gõ tay)",
        "producer": "HTX Ong Hà Kỳ",
        "commune": "Hà Kỳ",
        "star": 3,
        "decision_date": datetime(2021, 1, 12),
        "certificate_no": "01/GCN",
        "notes": "Văn phòng: đã gọi điện",
    },
    {
        "product_id": "P-EXPIRED",
        "product_name": "Rượu nếp",
        "producer": "Công ty Rượu",
        "commune": "Tân Kỳ",
        "star": 4,
        "decision_date": "05/06/2020",
        "certificate_no": "02/GCN",
    },
    {
        "product_id": "P-BAD",
        "product_name": "Bánh gai",
        "producer": "CS Bánh",
        "commune": "Tân Kỳ",
        "star": 3,
        "decision_date": "31/02/2021",
    },
    {
        "product_id": "P-GONE",
        "product_name": "Chè",
        "producer": "HTX Chè",
        "commune": "Hà Kỳ",
        "star": 3,
        "decision_date": datetime(2019, 5, 1),
        "status": "Thu hồi",
    },
    {
        "product_id": "P-SOON",
        "product_name": "Gạo nếp",
        "producer": "HTX Lúa",
        "commune": "Hà Kỳ",
        "star": 3,
        "decision_date": datetime(2021, 3, 20),
    },
    {
        "product_id": "P-OK",
        "product_name": "Cam đường",
        "producer": "Trang trại Cam",
        "commune": "Hà Kỳ",
        "star": 5,
        "decision_date": datetime(2022, 8, 1),
    },
]


def test_alerts_as_of_a_day_with_cells_colours_and_the_report(master):
    type_rows(master, TYPED)
    result = run(master, "registry", as_of=AS_OF)
    rows = by_name(register(master))
    honey = rows["Mật ong (gõ tay)"]
    assert honey["product_id"].startswith("ha-ky-")  # typed without an ID: one is given
    assert honey["valid_until"].date() == date(2024, 1, 12)
    assert (honey["status"], honey["alert"], honey["days_left"]) == ("Sắp hết hạn", "Khẩn", 12)
    assert honey["notes"] == "Văn phòng: đã gọi điện"  # the office's column stays
    assert (rows["Rượu nếp"]["status"], rows["Rượu nếp"]["alert"]) == (
        "Hết hạn",
        "Hết hạn, chưa đánh giá lại",
    )
    assert rows["Gạo nếp"]["alert"] == "Sắp hết hạn" and rows["Gạo nếp"]["days_left"] == 80
    assert rows["Chè"]["status"] == "Thu hồi"  # a withdrawal typed by the office is kept
    assert rows["Cam đường"]["status"] == "Còn hiệu lực" and rows["Cam đường"]["alert"] is None
    assert rows["Bánh gai"]["decision_date"] == "31/02/2021"  # an unreadable cell stays as typed

    codes = {(i.code, i.location.cell) for i in result.issues}
    letters = {c.key: REGISTER_TABLE.letter(c.key) for c in REGISTER_TABLE.columns}
    assert ("REGISTER_EXPIRING_URGENT", f"{letters['alert']}2") in codes
    assert ("REGISTER_EXPIRED", f"{letters['alert']}3") in codes
    assert ("REGISTER_VALUE_INVALID", f"{letters['decision_date']}4") in codes
    assert ("REGISTER_ID_FILLED", f"{letters['product_id']}2") in codes
    assert result.counts["expiring"] == 2 and result.counts["urgent"] == 1
    assert result.counts["expired"] == 1 and result.counts["withdrawn"] == 1
    assert [d["product_name"] for d in result.data["expiring"]] == ["Mật ong (gõ tay)", "Gạo nếp"]
    assert result.data["expiring"][0]["urgent"] is True
    assert [d["product_id"] for d in result.data["expired"]] == ["P-EXPIRED"]
    assert result.data["due_in_plan_year"][0]["product_id"] == "P-EXPIRED"

    book = load_workbook(master)
    checks = book[MASTER.table("issues").sheet]
    rows = list(checks.iter_rows(values_only=True))
    action = rows[0].index("Chức năng")  # Kiểm tra's columns, found by header
    on_sheet = [r for r in rows[1:] if r[action] == "Sổ theo dõi OCOP"]
    assert len(on_sheet) == len(result.issues)
    ws = book[SHEET]
    ranges = " ".join(str(r.sqref) for r in ws.conditional_formatting)
    assert f"{letters['status']}2" in ranges and f"{letters['alert']}2" in ranges
    # red for urgent and lapsed, yellow for expiring, green for valid: by the cell's value
    colours = {
        (str(cf.sqref).split(":")[0], rule.formula[0].strip('"')): rule.dxf.fill.bgColor.rgb[-6:]
        for cf in ws.conditional_formatting
        for rule in cf.rules
    }
    alert, status = f"{letters['alert']}2", f"{letters['status']}2"
    assert colours[(alert, "Khẩn")] == "FF7C80"
    assert colours[(alert, "Hết hạn, chưa đánh giá lại")] == "FFC7CE"
    assert colours[(alert, "Sắp hết hạn")] == colours[(status, "Sắp hết hạn")] == "FFEB9C"
    assert colours[(status, "Còn hiệu lực")] == "C6EFCE"
    assert colours[(status, "Đề nghị thu hồi")] == "F8CBAD"
    listing = book["DS OCOP sắp hết hạn"]
    assert int(listing.page_setup.paperSize) == 9 and listing.page_setup.orientation == "landscape"
    texts = [c.value for row in listing.iter_rows() for c in row if isinstance(c.value, str)]
    assert "DANH SÁCH SẢN PHẨM OCOP SẮP HẾT HẠN / CẦN ĐÁNH GIÁ LẠI" in texts
    assert "Khẩn: còn 12 ngày" in texts and "Cam đường" not in texts
    fonts = {c.font.name for row in listing.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}
    summary = FileWorkbook.open(master, writable=False).read_table("register_summary")
    ha_ky = summary[summary["commune"] == "Hà Kỳ"].iloc[0]
    assert (ha_ky["star3"], ha_ky["star5"], ha_ky["withdrawn"], ha_ky["expiring"]) == (2, 1, 1, 2)

    before = register(master)
    again = run(master, "registry", as_of=AS_OF)
    assert again.counts["events"] == 0
    pd.testing.assert_frame_equal(register(master), before)


def test_a_later_day_and_other_windows(master):
    type_rows(master, TYPED)
    result = run(master, "registry", as_of=date(2024, 1, 13), window_days=10, urgent_days=5)
    rows = by_name(register(master))
    assert rows["Mật ong (gõ tay)"]["status"] == "Hết hạn"  # the day after its last day
    assert rows["Gạo nếp"]["status"] == "Còn hiệu lực"  # 67 days: outside a 10-day window
    assert result.data["window_days"] == 10 and result.data["urgent_days"] == 5


def test_the_period_and_the_windows_come_from_cau_hinh(tmp_path, tu_ky):
    """A province whose certificates last 24 months and which warns 60 days ahead (10
    urgent): the master's Cấu hình says so, the register follows it."""
    profile = tu_ky.model_copy(
        update={
            "certificate_validity_months": 24,
            "expiry_window_days": 60,
            "expiry_urgent_days": 10,
        }
    )
    target = tmp_path / "tong-hop.xlsx"
    create_master(profile, target)
    type_rows(target, TYPED)
    result = run(target, "registry", as_of=AS_OF)
    rows = by_name(register(target))
    soon = rows["Cam đường"]  # 01/08/2022 + 24 months
    assert soon["valid_until"].date() == date(2024, 8, 1) and soon["status"] == "Còn hiệu lực"
    honey = rows["Mật ong (gõ tay)"]  # 12/01/2021 + 24 months: lapsed on 13/01/2023
    assert (honey["valid_until"].date(), honey["status"]) == (date(2023, 1, 12), "Hết hạn")
    assert (result.data["validity_months"], result.data["window_days"]) == (24, 60)
    assert result.data["urgent_days"] == 10


def _previous_layout(path: Path, tu_ky) -> Path:
    """A master as main made it before the register existed: no register sheets; its
    Sổ giấy chứng nhận with a header renamed and a column removed."""
    create_master(tu_ky, path)
    wb = FileWorkbook.open(path)
    certs = pd.DataFrame(
        [
            {
                "number": "001/GCN-OCOP/2022",
                "seq": 1,
                "year": 2022,
                "product_id": "ha-ky-AAA",
                "product_name": "Mật ong hoa nhãn",
                "producer": "HTX Ong mật Hà Kỳ",
                "commune": "Hà Kỳ",
                "star": 3,
                "points": 61.5,
                "status": "Đã ban hành",
                "decision_no": "12/QĐ-UBND",
                "decision_date": date(2022, 2, 10),
            },
            {
                "number": "002/GCN-OCOP/2022",
                "seq": 2,
                "year": 2022,
                "product_id": "ha-ky-BBB",
                "product_name": "Bánh đa",
                "producer": "Hộ Lê Văn C",
                "commune": "Hà Kỳ",
                "star": 3,
                "status": "Dự thảo",
            },
            {
                "number": "003/GCN-OCOP/2022",
                "seq": 3,
                "year": 2022,
                "product_id": "ha-ky-CCC",
                "product_name": "Cá rô",
                "producer": "THT Cá",
                "commune": "Hà Kỳ",
                "star": 3,
                "status": "Không còn đủ điều kiện",
            },
        ],
        columns=list(MASTER.table("certificates").keys),
    )
    wb.write_table("certificates", certs)
    registrations = pd.DataFrame(
        [
            {
                "product_id": "tan-ky-DDD",
                "commune_code": "tan-ky",
                "commune": "Tân Kỳ",
                "product_name": "Chè xanh",
                "producer": "HTX Chè Tân Kỳ",
                "kind": "nâng hạng sao",
                "current_stars": 3,
                "certificate_no": "15/GCN-T",
                "certificate_date": date(2021, 9, 1),
                "phone": "0912000000",
            },
            {
                "product_id": "tan-ky-EEE",
                "commune_code": "tan-ky",
                "commune": "Tân Kỳ",
                "product_name": "Vải sấy",
                "producer": "HTX Vải",
                "kind": "ý tưởng mới",
            },
        ],
        columns=list(MASTER.table("registrations").keys),
    )
    wb.write_table("registrations", registrations)
    wb.commit()
    book = load_workbook(path)
    for spec in REGISTER_SHEETS:
        del book[spec.sheet]
    ws = book["Sổ giấy chứng nhận"]
    ws["A1"] = "Số GCN"
    ws.delete_cols(9)  # Điểm trung bình
    book.save(path)
    return path


def test_import_a_previous_layout_master_into_a_master_without_the_register(tmp_path, tu_ky):
    old = _previous_layout(tmp_path / "tong-hop-2022.xlsx", tu_ky)
    target = tmp_path / "tong-hop-2023.xlsx"
    create_master(tu_ky, target)
    book = load_workbook(target)
    for spec in REGISTER_SHEETS:  # the office's master is of the previous layout too
        del book[spec.sheet]
    book.save(target)

    result = run(target, "registry-import", sources=[old], as_of=AS_OF)
    rows = by_name(register(target))
    assert set(rows) == {"Mật ong hoa nhãn", "Chè xanh"}  # issued + a certified registration
    honey = rows["Mật ong hoa nhãn"]
    assert (honey["product_id"], honey["certificate_no"], honey["decision_no"]) == (
        "ha-ky-AAA",
        "001/GCN-OCOP/2022",
        "12/QĐ-UBND",
    )
    assert honey["valid_until"].date() == date(2025, 2, 10) and honey["points"] is None
    tea = rows["Chè xanh"]
    assert (tea["star"], tea["certificate_no"], tea["status"]) == (3, "15/GCN-T", "Còn hiệu lực")
    (file,) = result.data["files"]
    assert file["sheets"] == ["Sổ giấy chứng nhận", "Đăng ký"] and file["added"] == 2
    unmapped = [i for i in result.issues if i.code == "REGISTER_IMPORT_UNMAPPED"]
    assert any("Điện thoại" in i.params["headers"] for i in unmapped)
    assert all(i.location.file == old.name for i in unmapped)
    assert result.inputs and result.inputs[0][0] == str(old)
    events = history(target)
    assert list(events["event"]) == ["Ghi vào sổ", "Ghi vào sổ"]

    again = run(target, "registry-import", sources=[old], as_of=AS_OF)
    assert (again.counts["added"], again.counts["updated"], again.counts["unchanged"]) == (0, 0, 2)
    assert again.counts["events"] == 0 and len(history(target)) == 2


def _hand_made_list(path: Path) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "DS OCOP huyện"
    ws.append(["DANH SÁCH SẢN PHẨM OCOP CỦA HUYỆN (văn phòng tự lập)"])
    ws.append(["Cập nhật đến tháng 12/2022"])
    ws.append([])
    ws.append(
        [
            "TT",
            "Ngày công nhận",
            "Số sao",
            "Tên SP",
            "Xã",
            "Số QĐ",
            "Cơ sở sản xuất",
            "Người liên hệ",
            "Số GCN",
            "Ghi chú khác",
        ]
    )
    ws.append(
        [
            1,
            datetime(2021, 1, 12),
            "3 sao",
            "Mật ong hoa nhãn",
            "Hà Kỳ",
            "5/QĐ-UBND",
            "HTX Ong mật Hà Kỳ",
            "Anh A",
            "01/GCN",
            "",
        ]
    )
    ws.append(
        [
            2,
            "10/03/2021",
            4,
            "Rượu nếp cái hoa vàng",
            "Hà Thanh",
            "45/QĐ-UBND",
            "Công ty TNHH Rượu",
            "Chị B",
            "02/GCN",
            "sản phẩm chủ lực",
        ]
    )
    ws.append([3, "hôm qua", 3, "Bánh gai", "Tân Kỳ", "", "Cơ sở Bánh gai", "", "03/GCN", ""])
    ws.append([])
    ws.append(
        [
            4,
            datetime(2022, 5, 2),
            3,
            "Mật ong hoa nhãn rừng",
            "Hà Kỳ",
            "70/QĐ-UBND",
            "HTX Ong mật Hà Kỳ",
            "",
            "04/GCN",
            "",
        ]
    )
    book.save(path)
    return path


def test_import_a_hand_made_list_with_moved_and_renamed_headers_idempotent(tmp_path, master):
    listing = _hand_made_list(tmp_path / "danh-sach-ocop.xlsx")
    result = run(master, "registry-import", sources=[listing], as_of=AS_OF)
    rows = by_name(register(master))
    assert set(rows) == {
        "Mật ong hoa nhãn",
        "Rượu nếp cái hoa vàng",
        "Bánh gai",
        "Mật ong hoa nhãn rừng",
    }
    wine = rows["Rượu nếp cái hoa vàng"]
    assert (wine["star"], wine["decision_no"], wine["certificate_no"], wine["notes"]) == (
        4,
        "45/QĐ-UBND",
        "02/GCN",
        "sản phẩm chủ lực",
    )
    assert wine["decision_date"].date() == date(2021, 3, 10) and wine["commune"] == "Hà Thanh"
    assert rows["Bánh gai"]["decision_date"] is None  # "hôm qua" is no date: reported
    assert rows["Bánh gai"]["status"] == "Chờ quyết định"
    bad = next(i for i in result.issues if i.code == "REGISTER_IMPORT_VALUE")
    assert (bad.location.sheet, bad.location.cell) == ("DS OCOP huyện", "B7")
    near = next(i for i in result.issues if i.code == "REGISTER_NEAR_MATCH")
    assert near.location.cell == "B9" and near.params["other_name"] == "Mật ong hoa nhãn"
    unmapped = next(i for i in result.issues if i.code == "REGISTER_IMPORT_UNMAPPED")
    assert unmapped.params["headers"] == "Người liên hệ"
    assert result.counts["added"] == 4 and result.counts["near_matches"] == 1

    before, logged = register(master), len(history(master))
    again = run(master, "registry-import", sources=[listing], as_of=AS_OF)
    assert (again.counts["added"], again.counts["updated"], again.counts["unchanged"]) == (0, 0, 4)
    pd.testing.assert_frame_equal(register(master), before)
    assert len(history(master)) == logged
    # the same report: the near match is still on Kiểm tra, which the import rewrites
    assert again.counts["near_matches"] == 1
    assert [(i.code, i.location.cell) for i in again.issues] == [
        (i.code, i.location.cell) for i in result.issues
    ]


def test_files_that_cannot_be_imported_are_reported(tmp_path, master):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a workbook")
    empty = tmp_path / "trong.xlsx"
    book = Workbook()
    book.active.append(["Tên sản phẩm", "Hạng sao"])  # no decision nor certificate column
    book.active.append(["Mật ong", 3])
    book.save(empty)
    result = run(master, "registry-import", sources=[broken, empty, master], as_of=AS_OF)
    codes = [i.code for i in result.issues]
    assert "REGISTER_IMPORT_UNREADABLE" in codes
    assert "REGISTER_IMPORT_SHEET_UNUSABLE" in codes and "REGISTER_IMPORT_NOTHING" in codes
    assert "REGISTER_IMPORT_SELF" in codes
    assert result.counts["added"] == 0


@pytest.fixture
def demo_copy(demo_folder, tmp_path):
    from tests.staff_support import copy_demo

    return copy_demo(demo_folder, tmp_path / "demo")


def test_the_demo_register_shows_its_alerts_and_the_councils_reevaluation(demo_copy):
    rows = by_name(register(demo_copy))
    assert all("(mẫu)" in name for name in rows)  # sample data, marked
    assert rows["Tương bần (mẫu)"]["alert"] == "Hết hạn, chưa đánh giá lại"
    assert rows["Bánh đậu xanh (mẫu)"]["alert"] == "Khẩn"
    assert rows["Chả cá thu (mẫu)"]["alert"] == "Sắp hết hạn"
    wine = rows["Rượu nếp cái hoa vàng (mẫu)"]
    assert wine["reeval_result"].startswith("Không đạt") and wine["status"] == "Đề nghị thu hồi"
    assert wine["reeval_registration"].startswith("ha-ky-")
    events = history(demo_copy)
    assert (events["event"] == "Kết quả đánh giá lại").sum() == 1

    # scoring again on the same scores adds nothing; better scores give a new result, kept
    # beside the first one in the history
    assert run(demo_copy, "score").counts["register_events"] == 0
    wb = FileWorkbook.open(demo_copy)
    scores = wb.read_table("scores").astype(object)
    mine = scores["product_id"] == wine["reeval_registration"]
    scores.loc[mine, ["part_a", "part_b", "part_c"]] = [25.0, 15.0, 20.0]
    wb.write_table("scores", scores)
    wb.commit()
    result = run(demo_copy, "score")
    assert result.counts["register_reevaluated"] == 1
    wine = by_name(register(demo_copy))["Rượu nếp cái hoa vàng (mẫu)"]
    assert wine["reeval_result"].startswith("Giữ hạng 3 sao (60,00 điểm")
    assert wine["status"] == "Đã đánh giá lại"
    results = history(demo_copy)
    assert (results["event"] == "Kết quả đánh giá lại").sum() == 2


def test_last_years_master_brings_its_reevaluations_and_its_history(demo_copy, tmp_path, tu_ky):
    """The demo's master is last year's: its register holds a re-evaluation not met, its
    Lịch sử OCOP the council's events. A new year's master imports it: the product stays
    proposed for withdrawal, every event comes along once, importing again adds nothing."""
    target = tmp_path / "tong-hop-nam-moi.xlsx"
    create_master(tu_ky, target)
    earlier = history(demo_copy)
    result = run(target, "registry-import", sources=[demo_copy], as_of=AS_OF)
    wine = by_name(register(target))["Rượu nếp cái hoa vàng (mẫu)"]
    assert wine["status"] == "Đề nghị thu hồi" and wine["reeval_result"].startswith("Không đạt")
    assert wine["reeval_date"].date() == AS_OF
    events = history(target)
    assert set(earlier["event_key"]) <= set(events["event_key"])
    assert events["event_key"].is_unique
    assert (events["event"] == "Kết quả đánh giá lại").sum() == 1
    carried = events[events["event_key"].isin(earlier["event_key"])]
    assert list(carried["time"]) == list(earlier["time"])  # as they were logged
    assert result.counts["events"] == len(events)

    again = run(target, "registry-import", sources=[demo_copy], as_of=AS_OF)
    assert again.counts["events"] == 0 and len(history(target)) == len(events)


def test_a_list_saved_as_ods_or_xls_is_read_the_same(tmp_path, master):
    """The office's list, saved by LibreOffice as .ods and as Excel 97 .xls: the same
    products, the same bad cell, and the second file matches every row of the first."""
    require_soffice()
    listing = _hand_made_list(tmp_path / "danh-sach-ocop.xlsx")
    ods = convert(listing, "ods", tmp_path / "ods")
    xls = convert(listing, "xls:MS Excel 97", tmp_path / "xls")
    first = run(master, "registry-import", sources=[ods], as_of=AS_OF)
    assert first.counts["added"] == 4 and first.counts["near_matches"] == 1
    bad = next(i for i in first.issues if i.code == "REGISTER_IMPORT_VALUE")
    assert (bad.location.file, bad.location.sheet, bad.location.cell) == (
        "danh-sach-ocop.ods",
        "DS OCOP huyện",
        "B7",
    )
    wine = by_name(register(master))["Rượu nếp cái hoa vàng"]
    assert (wine["star"], wine["decision_date"].date()) == (4, date(2021, 3, 10))
    second = run(master, "registry-import", sources=[xls], as_of=AS_OF)
    assert (second.counts["added"], second.counts["unchanged"]) == (0, 4)
