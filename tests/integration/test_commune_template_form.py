"""The commune's registration form as it prints (issue 14, point 15): A4 landscape, borders,
the deadline and the contact person from Cấu hình, the commune's confirmation and signature
block; and a form filled under it still reads as the rows typed, nothing more."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from openpyxl import load_workbook

from ocop_xl.workbook import folders
from ocop_xl.workbook.commune_reader import read_submission
from ocop_xl.workbook.layout.submissions import (
    COMMUNE_TABLE,
    TEMPLATE_BLANK_ROWS,
    TEMPLATE_SHEET,
)
from ocop_xl.workbook.libreoffice import convert

from ..conftest import require_soffice


def _template(demo_folder: Path) -> Path:
    return sorted((demo_folder / folders.TEMPLATES.name).glob("*.xlsx"))[0]


def test_the_form_has_borders_a_deadline_a_contact_and_the_communes_signatures(demo_folder):
    ws = load_workbook(_template(demo_folder))[TEMPLATE_SHEET]
    said = str(ws["A3"].value)
    # Cấu hình of the demo: deadline 31/03/2023, a contact person
    assert "Hạn nộp về Phòng Nông nghiệp và PTNT: 31/03/2023." in said
    assert "Cán bộ đầu mối: Ngô Thị Quỳnh (mẫu)" in said
    header = COMMUNE_TABLE.header_row
    last = COMMUNE_TABLE.first_col + len(COMMUNE_TABLE.columns) - 1
    for row in (header, header + 1, header + TEMPLATE_BLANK_ROWS):
        for col in range(COMMUNE_TABLE.first_col, last + 1):
            border = ws.cell(row, col).border
            assert {border.left.style, border.right.style, border.top.style} == {"thin"}, (
                row,
                col,
            )
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    confirmation = next(t for t in texts if t.startswith("XÁC NHẬN CỦA ỦY BAN NHÂN DÂN"))
    assert confirmation == "XÁC NHẬN CỦA ỦY BAN NHÂN DÂN XÃ " + confirmation.split("XÃ ")[1]
    for line in ("NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, ghi rõ họ tên)"):
        assert line in texts, line
    assert any(t.endswith("ngày …… tháng …… năm ……") for t in texts)
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4


def test_the_form_prints_on_a4_landscape_with_the_signatures(demo_folder, tmp_path):
    require_soffice()
    pdf = convert(_template(demo_folder), "pdf", tmp_path)
    with pdfplumber.open(pdf) as doc:
        first = doc.pages[0]
        assert (round(first.width), round(first.height)) == (842, 595)  # A4 landscape
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        # the template's registration sheet, then its guide: the signatures on the form's page
        form = first.extract_text() or ""
    assert "PHIẾU ĐĂNG KÝ SẢN PHẨM THAM GIA CHƯƠNG TRÌNH OCOP NĂM 2023" in form
    assert "XÁC NHẬN CỦA ỦY BAN NHÂN DÂN" in form and "CHỦ TỊCH" in form
    assert "Hạn nộp" in text and "Cán bộ đầu mối" in text
    # the smallest text of the form stays readable: 4.7 pt before the columns were narrowed
    with pdfplumber.open(pdf) as doc:
        sizes = [c["size"] for c in doc.pages[0].chars if c["text"].strip()]
    assert min(sizes) >= 6.5, min(sizes)  # 6.9 pt with Carlito


def test_the_signature_block_is_not_read_as_rows(demo_folder):
    """Every returned demo file was made from the template, block included: the rows read
    are the products typed, the block never a row."""
    for path in sorted((demo_folder / folders.SUBMISSIONS.name).glob("*.xlsx")):
        ws = load_workbook(path, read_only=True)[TEMPLATE_SHEET]
        typed = sum(
            1
            for row in ws.iter_rows(min_row=COMMUNE_TABLE.header_row + 1, values_only=True)
            if row[COMMUNE_TABLE.keys.index("product_name")]
        )
        outcome = read_submission(path)
        rows = [r for _, r in outcome.sheet.rows if r]
        assert len(rows) == typed, path.name
        assert not any("XÁC NHẬN" in str(v) for r in rows for v in r.values())
