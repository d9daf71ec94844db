"""Product names beside product codes, columns wide enough to read (issue 14, point 10), and
money typed by the staff kept as money (point 11), on real masters."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.workbook.file_workbook import FileWorkbook

from ..staff_support import copy_demo

MONEY = "[$-42A]#,##0"


def _headers(ws) -> list[str]:
    return [c.value for c in ws[1]]


def _names(master: Path) -> dict[str, str]:
    ws = load_workbook(master, read_only=True)["Đăng ký"]
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    i, n = head.index("Mã sản phẩm"), head.index("Tên sản phẩm")
    return {r[i]: r[n] for r in rows[1:] if r[i]}


def test_scores_and_budget_lines_show_each_products_name_beside_its_code(demo_folder):
    master = demo_folder / "ocop_master.xlsm"
    names = _names(master)
    book = load_workbook(master)
    for sheet, filled in (("Chấm điểm", 30), ("Kinh phí", 30)):
        ws = book[sheet]
        head = _headers(ws)
        code = head.index("Mã sản phẩm")
        assert head[code + 1] == "Tên sản phẩm", sheet
        letter = ws.cell(1, code + 1).column_letter
        assert ws.column_dimensions[letter].width >= 20  # "quang-phuc-C033C066" fits
        rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[code] in names]
        assert len(rows) >= filled, sheet
        for row in rows:
            assert row[code + 1] == names[row[code]], (sheet, row[code])
    # Kinh phí: the product code is chosen from a drop-down of the registered products
    ws = book["Kinh phí"]
    letter = ws.cell(1, _headers(ws).index("Mã sản phẩm") + 1).column_letter
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if letter in str(dv.sqref)]
    assert any("product_id" in (f or "") and "tblDangKy" in (f or "") for f in lists), lists


def test_the_minutes_name_the_products_to_rescore_and_to_upgrade(demo_folder):
    ws = load_workbook(demo_folder / "ocop_master.xlsm", read_only=True)["Biên bản"]
    text = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v]
    rescore = next(t for t in text if t.startswith("Sản phẩm cần thảo luận và chấm lại"))
    assert "Trà túi lọc lá sen (mẫu) (tt-tu-ky-7759FB3A)" in rescore
    upgrade = next(t for t in text if t.startswith("Sản phẩm đề nghị nâng hạng sao"))
    assert "Dưa hấu (mẫu) (dai-son-2D92183B): chưa đạt" in upgrade


def test_an_older_master_without_the_name_column_keeps_working(demo_folder, tmp_path):
    """Chấm điểm as a master made before had it (no "Tên sản phẩm"), with a column of the
    staff's own: score runs, and the names go in a column added at the table's right."""
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master, keep_vba=True)
    ws = book["Chấm điểm"]
    table = ws.tables["tblChamDiem"]
    assert _headers(ws)[1] == "Tên sản phẩm"
    ws.delete_cols(2)
    last = ws.max_column + 1
    ws.cell(1, last, "Ghi chú riêng")  # the staff's column, where the table now ends
    first, end = table.ref.split(":")
    rows = int("".join(ch for ch in end if ch.isdigit()))
    table.ref = f"{first}:{ws.cell(rows, last).column_letter}{rows}"
    table.tableColumns = []
    table.autoFilter = None
    book.save(master)
    result = run_action("score", FileWorkbook.open(master))
    assert not [i for i in result.errors if i.code.startswith(("COLUMN", "TABLE"))]
    ws = load_workbook(master)["Chấm điểm"]
    head = _headers(ws)
    assert "Ghi chú riêng" in head and head[-1] == "Tên sản phẩm"
    names = _names(master)
    assert ws.cell(2, len(head)).value == names[ws.cell(2, 1).value]


def test_money_typed_as_text_becomes_a_number_with_a_note(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master, keep_vba=True)
    ws = book["Kinh phí"]
    head = _headers(ws)
    amount = head.index("Thành tiền (đồng)") + 1
    nsh = head.index("NSH") + 1
    ws.cell(2, amount).value = "250.000.000"
    ws.cell(2, nsh).value = "250 000 000 đ"
    book.save(master)
    result = run_action("budget", FileWorkbook.open(master))
    notes = sorted(i.location.cell for i in result.issues if i.code == "MONEY_TEXT_READ")
    cells = sorted(f"{ws.cell(2, c).column_letter}2" for c in (amount, nsh))
    assert notes == cells
    ws = load_workbook(master)["Kinh phí"]
    for col in (amount, nsh):
        cell = ws.cell(2, col)
        assert cell.value == 250_000_000 and cell.data_type == "n"
        assert cell.number_format == MONEY
    # every funding-source column is formatted as money, as the amount columns are
    for code in ("NSH", "NTM", "DU"):
        col = head.index(code) + 1
        for row in range(2, 8):
            assert ws.cell(row, col).number_format == MONEY, (code, row)
    checks = load_workbook(master, read_only=True)["Kiểm tra"]
    rows = [r for r in checks.iter_rows(values_only=True) if r[0]]
    said = [r for r in rows if "được gõ dạng chữ" in str(r[3])]
    assert len(said) == 2 and all(r[1] == "Số tiền ghi dạng chữ" for r in said)
