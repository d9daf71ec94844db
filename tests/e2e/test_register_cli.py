"""``ocop-xl registry`` and ``ocop-xl registry import`` as a user runs them, and the
register in the post-2025 demo: the province's own recognitions added by ``score``, their
decisions typed later (issue 13)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook

from ocop_xl.actions.new_master import create_master
from ocop_xl.profiles import load_profile
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from tests.staff_support import ocop


def _list(path):
    book = Workbook()
    ws = book.active
    ws.append(["Tên sản phẩm", "Tên chủ thể", "Xã", "Hạng sao", "Ngày quyết định", "Số GCN"])
    ws.append(["Mật ong", "HTX Ong", "Hà Kỳ", 3, datetime(2021, 1, 12), "01"])
    ws.append(["Rượu nếp", "Công ty Rượu", "Tân Kỳ", 4, datetime(2020, 6, 5), "02"])
    ws.append(["Gạo nếp", "HTX Lúa", "Hà Kỳ", 3, datetime(2022, 2, 1), "03"])
    book.save(path)
    return path


def test_import_then_alerts_with_the_json_report_and_exit_codes(tmp_path):
    master = tmp_path / "tong-hop.xlsx"
    create_master(load_profile("tu-ky-2023"), master)
    listing = _list(tmp_path / "ds.xlsx")
    code, out = ocop("registry", "import", "-w", str(master), str(listing))
    assert code == 0 and "Thêm vào sổ │ 3" in out
    code, out = ocop("registry", "import", "-w", str(master), str(listing))
    assert code == 0 and "Thêm vào sổ │ 0" in out and "Đã có, không đổi │ 3" in out

    report = tmp_path / "so.json"
    code, out = ocop(
        "registry", "-w", str(master), "--as-of", "31/12/2023", "--report", str(report)
    )
    assert code == 0 and "Hết hạn, chưa đánh giá lại │ 1" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["action"] == "registry" and data["as_of"] == "2023-12-31"
    assert [p["product_name"] for p in data["expiring"]] == ["Mật ong"]
    assert data["expiring"][0]["urgent"] is True and data["expiring"][0]["days_left"] == 12
    assert [p["valid_until"] for p in data["expired"]] == ["2023-06-05"]
    assert {i["code"] for i in data["issues"]} == {"REGISTER_EXPIRING_URGENT", "REGISTER_EXPIRED"}
    assert all(i["cell"] and i["message_en"] for i in data["issues"])

    code, out = ocop("registry", "-w", str(master), "--as-of", "31/12/2023", "--window", "5")
    assert code == 2 and "Số ngày cảnh báo khẩn (30)" in out
    code, _ = ocop("registry", "-w", str(master), "--as-of", "ngày mai")
    assert code == 2
    code, _ = ocop("registry", "--as-of", "31/12/2023")
    assert code == 2
    code, out = ocop(
        "registry", "import", "-w", str(master), str(tmp_path / "khong-co.xlsx"), "--strict"
    )
    assert code == 1 and "SOURCE_NOT_FOUND" in out


def test_the_province_demo_keeps_its_recognitions_in_the_register(tmp_path):
    out_dir = tmp_path / "demo"
    code, out = ocop("demo", "--qd-1489", "--out", str(out_dir))
    assert code == 0 and "Sản phẩm trong sổ │ 5" in out  # the demo prints the register
    master = out_dir / "ocop_master.xlsm"
    wb = FileWorkbook.open(master, writable=False)
    register = wb.read_table("product_register")
    certificates = wb.read_table("certificates")
    assert sorted(register["certificate_no"]) == sorted(certificates["number"])
    assert set(register["status"]) == {"Chờ quyết định"}
    assert set(register["body"]) == {"UBND thành phố Hải Phòng"}

    # the decision is signed: the office types its number and date on Sổ giấy chứng nhận
    wb = FileWorkbook.open(master)
    certificates = wb.read_table("certificates").astype(object)
    certificates["status"] = "Đã ban hành"
    certificates["decision_no"] = "215/QĐ-UBND"
    certificates["decision_date"] = date(2025, 9, 15)
    wb.write_table("certificates", certificates)
    wb.commit()
    code, _ = ocop("registry", "-w", str(master), "--as-of", "01/10/2025")
    assert code == 0
    register = FileWorkbook.open(master, writable=False).read_table("product_register")
    assert set(register["decision_no"]) == {"215/QĐ-UBND"}
    assert set(register["valid_until"]) == {pd.Timestamp(2028, 9, 15)}
    assert set(register["status"]) == {"Còn hiệu lực"}
    history = FileWorkbook.open(master, writable=False).read_table("register_history")
    assert (history["event"] == "Ghi số, ngày quyết định").sum() == 5
    assert MASTER.table("product_register").sheet == "Sổ theo dõi OCOP"
