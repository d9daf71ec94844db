"""Every document whose data has open errors on Kiểm tra prints as a draft, with the count,
on every page; a document whose data is clean prints clean."""

from datetime import date

import pandas as pd

from ocop_xl.actions import run_action
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook.commune_template import template_file_name, write_filled
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

from .. import plan_samples as samples
from ..conftest import pdf_pages, pdf_text, require_soffice


def _bad_row(name):
    return {
        "product_name": name,
        "group_code": "I.3.b - Chế biến từ gạo, ngũ cốc",
        "producer": f"HTX {name}",
        "producer_type": "HTX",
        "tax_id": "12345",  # an error
        "representative": "Nguyễn Văn Mẫu",
        "phone": "0912.34.567",  # an error
        "address": "Thôn Mẫu",
        "kind": "sản phẩm đã có",
    }


def _errors(master, *labels) -> int:
    frame = FileWorkbook.open(master, writable=False).read_table("issues")
    return int(((frame["action"].isin(labels)) & (frame["severity"] == "Lỗi")).sum())


def _flat(pdf) -> str:
    return " ".join(pdf_text(pdf).split())


def test_documents_with_open_errors_are_drafts_with_the_count(master, tu_ky, tmp_path):
    require_soffice()
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", samples.registrations(count=60))
    wb.commit()
    commune = tu_ky.commune("ha-ky")
    source = write_filled(
        tmp_path / template_file_name(tu_ky, commune),
        tu_ky,
        criteria_set(tu_ky.criteria_set),
        commune,
        [_bad_row("Bánh gai lỗi"), _bad_row("Bánh đa lỗi")],
        date(2023, 5, 2),
    )
    run_action("consolidate", FileWorkbook.open(master), sources=[source])
    wb = FileWorkbook.open(master)
    keys = list(MASTER.table("budget_lines").keys)
    wb.write_table(
        "budget_lines",
        pd.DataFrame(
            [{"item": "KHONGCO", "product_id": "hoạt động chung", "amount": 1_000_000}],
            columns=keys,
        ),
    )
    wb.commit()
    run_action("budget", FileWorkbook.open(master))

    out = tmp_path / "bao-cao"
    result = run_action("report", FileWorkbook.open(master), out=out, pdf=True)
    docs = {d["name"]: d for d in result.data["documents"]}

    registrations = _errors(master, "Tổng hợp hồ sơ xã", "Đăng ký (dòng nhập tay)")
    budget = _errors(master, "Tổng hợp kinh phí")
    assert registrations == 4 and budget >= 1
    listing = docs["registration_list"]["pdf"]
    text = pdf_text(listing)
    assert pdf_pages(listing) >= 2
    # the mark and the count on every page (the page header), and above the title
    for page in text.split("\f"):
        if page.strip():
            assert "DỰ THẢO" in page and f"còn {registrations} lỗi" in " ".join(page.split())
    assert f"DỰ THẢO: số liệu còn {budget} lỗi" in _flat(docs["estimate"]["pdf"])
    assert f"DỰ THẢO: số liệu còn {budget} lỗi" in _flat(docs["progress_report"]["pdf"])
    assert "DỰ THẢO" not in _flat(docs["task_matrix"]["pdf"])  # its data has no error

    # the master's own sheets say the same
    book = FileWorkbook.open(master, writable=False).book
    ws = book["Danh sách đăng ký"]
    assert any(
        isinstance(c.value, str) and c.value.startswith("DỰ THẢO")
        for r in ws.iter_rows(max_row=8)
        for c in r
    )
