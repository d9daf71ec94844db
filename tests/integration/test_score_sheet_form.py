"""A council member's score sheet in the form the council uses (issue 14, point 14): "PHIẾU
ĐÁNH GIÁ", the council's header beside the national one, the parts A, B, C by their names;
read back as before."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from ocop_xl.workbook import folders
from ocop_xl.workbook.layout.council import MEMBER_PARTS_SHEET
from ocop_xl.workbook.score_sheets import read_member_workbook


def _sheet(demo_folder: Path) -> Path:
    return sorted((demo_folder / folders.SCORE_SHEETS.name).glob("*.xlsx"))[0]


def test_the_score_sheet_is_headed_as_the_councils_form(demo_folder):
    ws = load_workbook(_sheet(demo_folder))[MEMBER_PARTS_SHEET]
    top = [str(c.value) for row in ws.iter_rows(max_row=5) for c in row if c.value]
    assert top[:3] == [
        "HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP HUYỆN TỨ KỲ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert "PHIẾU ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP NĂM 2023" in top
    said = next(t for t in top if t.startswith("Thành viên hội đồng:"))
    for part in (
        "Phần A - Sản phẩm và sức mạnh cộng đồng (tối đa 40 điểm)",
        "Phần B - Khả năng tiếp thị (tối đa 25 điểm)",
        "Phần C - Chất lượng sản phẩm (tối đa 35 điểm)",
    ):
        assert part in said
    headers = [c.value for c in ws[6]]
    assert headers[4].startswith("Phần A - Sản phẩm và sức mạnh cộng đồng")
    # headers on several lines, in a row tall enough to show them whole
    assert ws.row_dimensions[6].height >= 60
    assert all(ws.cell(6, i).alignment.wrap_text for i in range(1, len(headers) + 1))


def test_the_new_headers_are_read_back(demo_folder):
    member, issues = read_member_workbook(_sheet(demo_folder))
    assert member is not None and not [i for i in issues if i.severity.value == "error"]
    assert member.rows
