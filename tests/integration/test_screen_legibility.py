"""Sheets a clerk can read on screen (issue 14, point 13): Tổng hợp kinh phí's tables stacked
within one screen width instead of spread over 30 columns; headers tall enough not to be
cut, rows tall enough for their wrapped text; a master with the tables side by side (as
made before) keeps working, its tables found by name where they stand."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from ..budget_support import read, run_budget, write_lines, write_registrations

M = 1_000_000
SHEET = "Tổng hợp kinh phí"
TABLES = ("tblKinhPhiTheoNguon", "tblKinhPhiTheoNoiDung", "tblKinhPhiTheoXa")
LINES = [
    {"item": "CBCL", "product_id": "TK-HK-01", "quantity": 1, "unit_cost": 15 * M, "NSH": 15 * M},
    {"item": "BAOBI", "product_id": "TK-DS-02", "amount": 20 * M, "NTM": 20 * M},
    {"item": "TAPHUAN", "quantity": 2, "unit_cost": 25 * M, "KN": 50 * M},
]


def _refs(master) -> dict[str, tuple[int, int, int, int]]:
    ws = load_workbook(master)[SHEET]
    return {name: range_boundaries(ws.tables[name].ref) for name in ws.tables}


def test_the_tallies_are_stacked_within_fifteen_columns(master):
    write_registrations(master)
    write_lines(master, LINES)
    run_budget(master)
    refs = _refs(master)
    assert max(right for _, _, right, _ in refs.values()) <= 15  # was 30 (A to AD)
    source, item, commune = (refs[n] for n in TABLES)
    product = refs["tblKinhPhiTheoSanPham"]
    # by source, then by support item below it, then by commune and by product side by side
    assert source[3] < item[1] and item[3] < commune[1] and commune[1] == product[1]
    assert commune[2] < product[0]
    assert read(master, "budget_by_item").set_index("code").loc["TAPHUAN", "amount"] == 50 * M


def test_headers_and_wrapped_rows_are_tall_enough(master):
    write_registrations(master)
    write_lines(master, LINES)
    run_budget(master)
    ws = load_workbook(master)[SHEET]
    source = ws.tables["tblKinhPhiTheoNguon"]
    _, top, _, bottom = range_boundaries(source.ref)
    # "Đã phân bổ (đồng)" and "Tỷ lệ sử dụng" take two lines in their columns
    assert (ws.row_dimensions[top].height or 15) >= 30
    names = [ws.cell(r, 2).value for r in range(top + 1, bottom + 1)]
    long = [r for r, n in zip(range(top + 1, bottom + 1), names, strict=True) if len(n) > 48]
    assert long  # "Nguồn lồng ghép khác của tỉnh…" wraps in its column, 40 wide
    for r in long:
        assert (ws.row_dimensions[r].height or 15) >= 30, r


def test_a_master_with_the_tables_side_by_side_keeps_working(master):
    """The four tables where masters made before this change have them (A22, I22, Q22,
    X22): budget finds each by name and fills it there."""
    old = {
        "tblKinhPhiTheoNguon": (1, 22),
        "tblKinhPhiTheoNoiDung": (9, 22),
        "tblKinhPhiTheoXa": (17, 22),
        "tblKinhPhiTheoSanPham": (24, 22),
    }
    book = load_workbook(master)
    ws = book[SHEET]
    moved = {}
    for name, (col, row) in old.items():
        table = ws.tables[name]
        left, top, right, bottom = range_boundaries(table.ref)
        cells = {
            (r - top, c - left): ws.cell(r, c).value
            for r in range(top - 1, bottom + 1)
            for c in range(left, right + 1)
        }
        for r in range(top - 1, bottom + 1):
            for c in range(left, right + 1):
                ws.cell(r, c).value = None
        moved[name] = (table, cells, col, row, right - left, bottom - top)
    for table, cells, col, row, width, height in moved.values():
        for (dr, dc), value in cells.items():
            ws.cell(row + dr, col + dc).value = value
        first = ws.cell(row, col).coordinate
        last = ws.cell(row + height, col + width).coordinate
        table.ref = f"{first}:{last}"
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref
    book.save(master)
    write_registrations(master)
    write_lines(master, LINES)
    result = run_budget(master)
    assert not [i for i in result.errors if i.code.startswith("TABLE")]
    refs = _refs(master)
    for name, (col, row) in old.items():
        assert refs[name][:2] == (col, row), name
    by_item = read(master, "budget_by_item")
    assert by_item.attrs["letters"]["code"] == "I"
    assert by_item.set_index("code").loc["TAPHUAN", "amount"] == 50 * M
