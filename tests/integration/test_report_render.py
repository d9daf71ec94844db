"""What the plan added to the shared document renderer: cell fills by text, row heights
that follow wrapped text."""

from openpyxl import Workbook

from ocop_xl.domain.document import DocColumn, Document
from ocop_xl.workbook.document_sheet import render_document


def _render(rows):
    book = Workbook()
    ws = book.active
    doc = Document(
        title="PHỤ LỤC THỬ",
        issuing_body=("ỦY BAN NHÂN DÂN HUYỆN THỬ",),
        place_date="Thử, ngày 01 tháng 02 năm 2030",
        columns=(DocColumn("TT", 5, "center"), DocColumn("Nội dung", 20), DocColumn("NN", 6)),
        rows=rows,
        fills=(("CT", "F8CBAD"), ("PH", "DDEBF7")),
    )
    render_document(ws, doc)
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "TT")
    return ws, header


def test_marks_are_coloured_and_other_cells_are_not():
    ws, header = _render([(1, "Việc ngắn", "CT"), (2, "Việc khác", "PH"), (3, "CT nữa", "")])
    cells = {ws.cell(header + i, 3).value: ws.cell(header + i, 3) for i in (1, 2)}
    assert cells["CT"].fill.start_color.rgb.endswith("F8CBAD")
    assert cells["PH"].fill.start_color.rgb.endswith("DDEBF7")
    # only exact text: "CT nữa" in another column keeps no fill
    assert ws.cell(header + 3, 2).fill.fill_type is None


def test_rows_grow_with_wrapped_text_and_short_rows_keep_one_line():
    long = "Tổ chức đăng ký, sàng lọc, lựa chọn sản phẩm của các chủ thể trên địa bàn huyện"
    ws, header = _render([(1, "Ngắn", "CT"), (2, long, "PH")])
    short = ws.row_dimensions[header + 1].height
    assert 13 * 1.1 <= short <= 13 * 1.5  # one line of 13 pt
    tall = ws.row_dimensions[header + 2].height
    assert tall >= short + 13  # the long text wraps over several lines
    assert ws.row_dimensions[header].height >= short
