"""Where clerks read, Vietnamese first (issue 14, point 9): Kiểm tra's short titles and field
names before the stable code, Nhật ký's action names and counts, Chỉ tiêu's "Cách tính",
Cấu hình's criteria set and dates, and the command line's own words."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.domain.catalog import MESSAGES, title
from ocop_xl.domain.targets import RULES, rule_code
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.profile_sheets import read_profile

from ..cli_support import ocop_in_process

ROOT = Path(__file__).parents[2]
CODE = re.compile(r"\b[A-Z]+_[A-Z_]+\b")  # a message code, as BLANK_ROWS
KEY = re.compile(r"\b[a-z]+_[a-z_]+\b")  # an English key, as tax_id or rows_read


def _sheet(master: Path, name: str) -> list[tuple]:
    book = load_workbook(master, read_only=True)
    return [r for r in book[name].iter_rows(values_only=True) if any(v is not None for v in r)]


def test_every_problem_has_a_vietnamese_short_title():
    missing = [c for c in MESSAGES if not c.startswith("OS_") and title(c) == "Vấn đề khác"]
    assert missing == []
    assert title("TAX_ID_FORMAT") == "Mã số thuế sai dạng"


def test_kiem_tra_shows_title_field_and_message_first_and_the_code_narrow_at_the_right(
    demo_folder,
):
    master = demo_folder / "ocop_master.xlsm"
    ws = load_workbook(master)["Kiểm tra"]
    headers = [c.value for c in ws[1] if c.value]
    assert headers[:4] == ["Mức độ", "Vấn đề", "Trường", "Nội dung"]
    visible = [
        c.value for c in ws[1] if c.value and not ws.column_dimensions[c.column_letter].hidden
    ]
    assert visible[-1] == "Mã lỗi"
    code_col = headers.index("Mã lỗi") + 1
    assert ws.column_dimensions[ws.cell(1, code_col).column_letter].width <= 12
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    assert rows
    by = {h: i for i, h in enumerate(headers)}
    for row in rows:
        assert not CODE.search(row[by["Vấn đề"]]), row
        field = row[by["Trường"]] or ""
        assert not KEY.search(field), row  # "Mã số thuế / ĐKKD", never "tax_id"
    fields = {r[by["Trường"]] for r in rows}
    assert "Mã số thuế / ĐKKD" in fields and "Điện thoại" in fields
    assert any(r[by["Vấn đề"]] == "Mã số thuế sai dạng" for r in rows)


def test_nhat_ky_names_the_actions_and_counts_in_vietnamese(demo_folder):
    rows = _sheet(demo_folder / "ocop_master.xlsm", "Nhật ký")
    header, body = rows[0], rows[1:]
    assert header[1] == "Chức năng" and header[-1] == "Lệnh"
    actions = [r[1] for r in body]
    assert "Tổng hợp hồ sơ xã" in actions and "Tính điểm hội đồng" in actions
    assert "consolidate" not in actions
    for row in body:
        assert not KEY.search(row[4] or ""), row[4]  # "Số tệp: 5", never "rows_read: 19"
    consolidate = next(r for r in body if r[-1] == "consolidate")
    assert "Số tệp: 5" in consolidate[4] and "Lỗi:" in consolidate[4]


def test_chi_tieu_cach_tinh_in_vietnamese_and_old_codes_still_read(demo_folder, tmp_path):
    master = demo_folder / "ocop_master.xlsm"
    rows = _sheet(master, "Chỉ tiêu")
    rules = [r[5] for r in rows[1:]]
    labels = {r.label_vi for r in RULES.values()}
    assert rules and set(rules) <= labels
    assert "Số sản phẩm đạt từ số sao" in rules
    # a master made before keeps "products_with_star" in the cell: it still reads
    assert rule_code("products_with_star") == "products_with_star"
    assert rule_code("so san pham dat tu so sao") == "products_with_star"
    copy = tmp_path / "cu.xlsm"
    copy.write_bytes(master.read_bytes())
    book = load_workbook(copy, keep_vba=True)
    ws = book["Chỉ tiêu"]
    ws["F2"] = "products_with_star"
    book.save(copy)
    profile = read_profile(FileWorkbook.open(copy, writable=False))
    assert profile.targets[0].rule == "products_with_star"
    # the drop-down offers the Vietnamese names
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if "F" in str(dv.sqref)]
    assert any("Số sản phẩm đạt từ số sao" in (f or "") for f in lists)


def test_cau_hinh_names_the_criteria_set_and_writes_dates_dd_mm_yyyy(demo_folder, tmp_path):
    master = demo_folder / "ocop_master.xlsm"
    ws = load_workbook(master)["Cấu hình"]
    values = {r[3].value: r[1] for r in ws.iter_rows(min_row=2) if r[3].value}
    assert values["criteria_set"].value == "QĐ 148/QĐ-TTg"
    for key in ("communes_as_of", "submission_deadline"):
        cell = values[key]
        assert isinstance(cell.value, date)
        assert cell.number_format == "dd/mm/yyyy", (key, cell.number_format)
    assert read_profile(FileWorkbook.open(master, writable=False)).criteria_set == "qd-148-2023"
    # the code a master made before holds still reads
    copy = tmp_path / "cu.xlsm"
    copy.write_bytes(master.read_bytes())
    book = load_workbook(copy, keep_vba=True)
    book["Cấu hình"][values["criteria_set"].coordinate] = "qd-148-2023"
    book.save(copy)
    assert read_profile(FileWorkbook.open(copy, writable=False)).criteria_set == "qd-148-2023"
    run_action("check-config", FileWorkbook.open(copy))


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    return ocop_in_process(*args, cwd=ROOT, env=env)


def test_the_command_line_speaks_vietnamese_its_own_words_too():
    shown = _cli("--help").stdout
    assert "[TÙY CHỌN] LỆNH [THAM SỐ]..." in shown and "Cách dùng:" in shown
    assert "Tùy chọn" in shown and "Lệnh" in shown and "Hiện hướng dẫn này rồi thoát." in shown
    for english in ("Usage", "Options", "Commands", "Show this message"):
        assert english not in shown, english
    sub = _cli("consolidate", "--help").stdout
    assert "Tham số" in sub and "[bắt buộc]" in sub and "required" not in sub
    wrong = _cli("consolidate", "--bogus")
    assert wrong.returncode == 2
    assert "Không có tùy chọn: --bogus" in wrong.stderr and "Lỗi" in wrong.stderr
    assert "No such option" not in wrong.stderr and "Error" not in wrong.stderr
    missing = _cli("consolidate")
    assert "Thiếu tùy chọn '--workbook'" in missing.stderr
    assert "Xem hướng dẫn:" in missing.stderr and "consolidate --help" in missing.stderr
    extra = _cli("template", "-w", "x.xlsx", "a", "b")
    assert "Thừa tham số (a b)" in extra.stderr
    unknown = _cli("nosuch")
    assert "Không có lệnh 'nosuch'." in unknown.stderr
