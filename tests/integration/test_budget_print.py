"""The printable budget estimate, opened and printed to PDF by LibreOffice."""

import re
import subprocess

from openpyxl import load_workbook

from ocop_xl.workbook.libreoffice import convert

from ..budget_support import run_budget, write_lines, write_registrations
from ..conftest import require_soffice, require_tool

M = 1_000_000


def _run(tool: str, *args: str) -> str:
    return subprocess.run(
        [require_tool(tool), *args], capture_output=True, text=True, check=True
    ).stdout


def test_estimate_prints_on_a4_landscape_with_vietnamese_amounts_and_words(master, tmp_path):
    require_soffice()
    write_registrations(master)
    write_lines(
        master,
        [
            {
                "item": "CBCL",
                "product_id": "TK-HK-01",
                "quantity": 1,
                "unit_cost": 12_500_000,
                "NSH": 7_500_000,
                "DU": 5_000_000,
            },
            {"item": "BAOBI", "product_id": "TK-DS-02", "amount": "18.000.000", "NTM": 18 * M},
            {
                "item": "TAPHUAN",
                "description": "Lớp tập huấn kỹ năng bán hàng",
                "quantity": 2,
                "unit_cost": "47.250.000",
                "NSH": 44_500_000,
                "KN": 50 * M,
            },
            {"item": "LOGO", "amount": 2_021, "NSH": 2_021},
        ],
    )
    result = run_budget(master)
    # the two amounts typed as text are read as numbers, a note each; nothing else
    assert {i.code for i in result.issues} == {"MONEY_TEXT_READ"} and len(result.issues) == 2
    # Print the estimate sheet alone, as the office would.
    book = load_workbook(master)
    for name in book.sheetnames:
        if name != "Dự toán kinh phí":
            del book[name]
    only = tmp_path / "du-toan.xlsx"
    book.save(only)
    pdf = convert(only, "pdf", tmp_path / "pdf")

    info = _run("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1))
    assert pages <= 2  # four lines at full size (never shrunk to fit)
    assert "841.89 x 595.304 pts (A4)" in info  # landscape: wider than tall
    sheet = load_workbook(only)["Dự toán kinh phí"]
    assert {c.font.name for row in sheet.iter_rows() for c in row if c.value} == {"Times New Roman"}
    # Times New Roman itself, or its metric twin Liberation Serif where it is not installed.
    fonts = _run("pdffonts", str(pdf))
    assert "TimesNewRoman" in fonts or "LiberationSerif" in fonts

    text = _run("pdftotext", "-layout", str(pdf), "-")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ" in text and "PHÒNG NÔNG NGHIỆP VÀ PTNT" in text
    assert "DỰ TOÁN KINH PHÍ HỖ TRỢ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM 2023" in text
    assert "Tứ Kỳ, ngày" in text
    # Amounts with "." between thousands, as Vietnamese print has them.
    for amount in ("12.500.000", "7.500.000", "18.000.000", "47.250.000", "94.500.000", "2.021"):
        assert amount in text, amount
    total = 12_500_000 + 18_000_000 + 94_500_000 + 2_021
    assert "125.002.021" in text and total == 125_002_021
    flat = "".join(text.split())
    # a product by its name and commune (the cell wraps: its first words are on one line)
    assert "BánhđaHà" in flat and "Lớptậphuấn" in flat and "TK-HK-01" not in flat
    # pdftotext splits words where the PDF switches to a fallback font for a letter
    # ("m ươi"), so the words are compared without spaces.
    words = "Tổng số tiền bằng chữ: Một trăm hai mươi lăm triệu không trăm linh hai nghìn "
    words += "không trăm hai mươi mốt đồng."
    assert words.replace(" ", "") in "".join(text.split())
    for header in ("NSH", "NTM", "KN", "DU", "TỔNG CỘNG", "NGƯỜI LẬP BIỂU"):
        assert header in text, header
    # the sources that give nothing are named above the table, not columns of it
    assert "Nguồn chưa bố trí kinh phí trong dự toán: KHCN, KC, LG." in " ".join(text.split())
    assert f"Trang {pages}/{pages}" in text
    assert "DỰ THẢO" not in text
