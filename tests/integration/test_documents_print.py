"""Printable documents and the master itself, opened by a real spreadsheet engine."""

from datetime import date

from openpyxl import load_workbook

from ocop_xl.domain.document import DocColumn, Document, Signature
from ocop_xl.domain.vnformat import place_date_line
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.libreoffice import convert

from ..conftest import pdf_info, pdf_pages, pdf_text, require_soffice


def test_master_opens_in_libreoffice_and_converts_to_pdf(master, tmp_path):
    require_soffice()
    pdf = convert(master, "pdf", tmp_path / "pdf")
    text = pdf_text(pdf)
    assert pdf_pages(pdf) >= 8
    assert "Hà Thanh" in text and "Phòng Nông nghiệp và PTNT" in text


def test_a_document_prints_on_a4_with_header_title_and_page_numbers(master, tmp_path):
    require_soffice()
    rows = [(i, f"Sản phẩm số {i}", 1_250_000 * i) for i in range(1, 121)]
    doc = Document(
        title="DANH SÁCH THỬ NGHIỆM IN ẤN",
        issuing_body=("UBND HUYỆN TỨ KỲ", "PHÒNG NÔNG NGHIỆP VÀ PTNT"),
        place_date=place_date_line("Tứ Kỳ", date(2023, 2, 5)),
        columns=(
            DocColumn("TT", 6, "int"),
            DocColumn("Tên", 40),
            DocColumn("Số tiền", 18, "money"),
        ),
        rows=rows,
        total_row=("", "Tổng cộng", sum(r[2] for r in rows)),
        signatures=(Signature(("NGƯỜI LẬP",)), Signature(("TRƯỞNG PHÒNG",), "Nguyễn Văn Mẫu")),
    )
    wb = FileWorkbook.open(master)
    wb.write_document("minutes", doc)
    wb.commit()
    ws = load_workbook(master)["Biên bản"]
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws["A1"].font.name == "Times New Roman"
    assert ws.print_title_rows is not None

    only = tmp_path / "only.xlsx"
    book = load_workbook(master)
    for name in book.sheetnames:
        if name != "Biên bản":
            del book[name]
    book.save(only)
    pdf = convert(only, "pdf", tmp_path / "pdf")
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "DANH SÁCH THỬ NGHIỆM IN ẤN" in text
    assert "Tứ Kỳ, ngày 05 tháng 02 năm 2023" in text
    pages = pdf_pages(pdf)
    assert pages >= 3  # 120 rows do not fit on one A4 page
    assert f"Trang {pages}/{pages}" in text
    assert text.count("Số tiền") == pages  # the header row repeats on every page
    size = pdf_info(pdf)
    assert "pts (A4)" in size
