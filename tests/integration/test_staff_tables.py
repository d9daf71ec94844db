"""Tables live where the staff put them; their rows, columns and settings are the staff's
too (issue 10, cases 3, 5, 8, 9, 10, 11, 12). Every test starts from the demo's master
(every action run on the sample data) and makes one everyday edit."""

from __future__ import annotations

import hashlib
import json

from openpyxl import load_workbook
from openpyxl.worksheet.filters import CustomFilter, CustomFilters, FilterColumn

from ocop_xl.workbook.file_workbook import FileWorkbook

from ..staff_support import copy_demo, in_calc, ocop

LINES = "Kinh phí"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def issues_of(report) -> list[dict]:
    return json.loads(report.read_text())["issues"]


# -- case 3: tables are read and written where they are ------------------------------------


def test_a_line_typed_after_a_blank_row_blocks_growth_and_is_never_written(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    ws = book[LINES]
    last = ws.tables["tblKinhPhi"].ref.split(":")[1]
    bottom = int("".join(ch for ch in last if ch.isdigit()))
    ws.cell(bottom + 2, 1, "CBCL")  # a line typed after one blank row
    ws.cell(bottom + 2, 4, "Dòng nhập thêm")
    ws.cell(bottom + 2, 7, 1_000_000)
    ws.cell(bottom + 4, 1, "Ghi chú: số liệu tạm tính")  # a note below it
    book.save(master)
    report = tmp_path / "budget.json"
    code, output = ocop("budget", "-w", str(master), "--report", str(report))
    assert code == 0, output
    outside = [i for i in issues_of(report) if i["code"] == "TABLE_ROWS_OUTSIDE"]
    assert [i["cell"] for i in outside] == [f"A{bottom + 2}", f"A{bottom + 4}"]
    before = digest(master)
    code, output = ocop("budget", "-w", str(master), "--prefill")
    assert code == 3  # the table must grow into the typed line: nothing is written
    assert f"A{bottom + 2}" in output and "Chưa có gì được ghi" in output
    assert digest(master) == before
    ws = load_workbook(master)[LINES]
    assert ws.cell(bottom + 2, 4).value == "Dòng nhập thêm"
    assert ws.cell(bottom + 4, 1).value == "Ghi chú: số liệu tạm tính"


def test_a_note_further_down_stays_while_the_table_grows(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    book[LINES]["B80"] = "Người lập: Nguyễn Văn A"
    book.save(master)
    code, output = ocop("budget", "-w", str(master), "--prefill")
    assert code == 0, output
    ws = load_workbook(master)[LINES]
    assert ws["B80"].value == "Người lập: Nguyễn Văn A"
    assert ws.tables["tblKinhPhi"].ref == "A1:P51"  # 42 lines + the 8 prefilled


def test_a_column_inserted_left_and_a_title_row_above_move_the_table(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    in_calc(
        master,
        [
            {"op": "insert_cols", "sheet": LINES, "index": 0},
            {"op": "insert_rows", "sheet": LINES, "index": 0},
            {"op": "text", "sheet": LINES, "cell": "A1", "text": "KINH PHÍ HỖ TRỢ OCOP 2023"},
            {"op": "text", "sheet": LINES, "cell": "A3", "text": "đợt 1"},
        ],
    )
    book = load_workbook(master)
    table = next(iter(book[LINES].tables.values()))
    assert table.ref.startswith("B2:")  # LibreOffice moved the table
    first_line = book[LINES]["B3"].value
    code, output = ocop("budget", "-w", str(master), "--prefill")
    assert code == 0, output
    ws = load_workbook(master)[LINES]
    assert ws["A1"].value == "KINH PHÍ HỖ TRỢ OCOP 2023" and ws["A3"].value == "đợt 1"
    assert ws["B2"].value == "Mã nội dung hỗ trợ" and ws["B3"].value == first_line
    assert [ws.cell(r, 1).value for r in range(4, 60)] == [None] * 56  # column A: the staff's
    tables = list(ws.tables.values())
    assert len(tables) == 1 and tables[0].ref == "B2:Q52"


# -- case 5: the staff's columns follow their rows ------------------------------------------


def add_column(master, sheet: str, header: str, values: dict[int, str]) -> str:
    """A column the staff add at the right of a sheet's table; returns its letter."""
    book = load_workbook(master)
    ws = book[sheet]
    table = next(iter(ws.tables.values()))
    first, last = table.ref.split(":")
    col = ws.max_column + 1 if ws.max_column < 30 else None
    from openpyxl.utils import column_index_from_string, get_column_letter

    end_letter = "".join(ch for ch in last if ch.isalpha())
    bottom = "".join(ch for ch in last if ch.isdigit())
    col = column_index_from_string(end_letter) + 1
    letter = get_column_letter(col)
    ws.cell(1, col, header)
    for row, value in values.items():
        ws.cell(row, col, value)
    table.ref = f"{first}:{letter}{bottom}"
    table.autoFilter.ref = table.ref
    table.tableColumns = []  # openpyxl names them again from the header row
    book.save(master)
    return letter


def test_notes_in_a_staff_column_of_kiem_tra_stay_with_their_problems(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    ws = load_workbook(master)["Kiểm tra"]
    head = [c.value for c in ws[1]]
    code_col, cell_col = head.index("Mã lỗi") + 1, head.index("Ô") + 1
    problems = {
        r: (ws.cell(r, code_col).value, ws.cell(r, cell_col).value)
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, cell_col).value
    }
    noted = dict(list(problems.items())[1:4])
    add_column(master, "Kiểm tra", "Đã xử lý", {r: f"đã báo xã ({r})" for r in noted})
    code, output = ocop("consolidate", "-w", str(master))  # the same files, read again
    assert code == 0, output
    frame = FileWorkbook.open(master, writable=False).read_table("issues")
    for r, (code_, cell) in noted.items():
        row = frame[(frame["code"] == code_) & (frame["cell"] == cell)].iloc[0]
        assert row["Đã xử lý"] == f"đã báo xã ({r})"
    assert frame["Đã xử lý"].notna().sum() == len(noted)


def test_notes_on_problems_that_are_gone_are_kept_on_luu_tru(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    ws = load_workbook(master)["Kiểm tra"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 6).value)
    add_column(master, "Kiểm tra", "Đã xử lý", {row: "xã đã sửa"})
    others = [p for p in (master.parent / "ho-so-xa").iterdir() if "dai-son" not in p.name]
    code, output = ocop("consolidate", "-w", str(master), str(others[0]))
    assert code == 0, output
    assert "ROWS_ARCHIVED" in output
    archive = FileWorkbook.open(master, writable=False).read_table("archive")
    kept = archive[archive["content"] == "xã đã sửa"]
    assert len(kept) == 1 and kept.iloc[0]["header"] == "Đã xử lý"
    assert kept.iloc[0]["sheet"] == "Kiểm tra"


def test_a_staff_column_on_cham_diem_keeps_its_values_when_scores_are_imported(
    demo_folder, tmp_path
):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    ws = book["Chấm điểm"]
    # The clerk sorted the scores by member (Excel's sort: whole rows change places).
    bottom = ws.max_row
    rows = sorted(
        ([c.value for c in ws[r]] for r in range(2, bottom + 1)), key=lambda v: (v[2], v[0])
    )
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            ws.cell(r, c).value = value
    book.save(master)
    keys = {r: (ws.cell(r, 1).value, ws.cell(r, 3).value) for r in range(2, bottom + 1, 9)}
    add_column(master, "Chấm điểm", "Đã đối chiếu", {r: f"đúng phiếu {r}" for r in keys})
    code, output = ocop("score", "-w", str(master))  # imports phieu-da-cham/ again
    assert code == 0, output
    frame = FileWorkbook.open(master, writable=False).read_table("scores")
    for r, (product, member) in keys.items():
        row = frame[(frame["product_id"] == product) & (frame["member"] == member)].iloc[0]
        assert row["Đã đối chiếu"] == f"đúng phiếu {r}"
    assert frame["Đã đối chiếu"].notna().sum() == len(keys)


# -- case 8: a renamed table is adopted, never doubled ---------------------------------------


def test_a_table_renamed_in_excel_is_adopted(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    table = book[LINES].tables["tblKinhPhi"]
    table.displayName = table.name = "Bảng1"
    book.save(master)
    assert list(load_workbook(master)[LINES].tables) == ["Bảng1"]
    code, output = ocop("budget", "-w", str(master), "--prefill")
    assert code == 0, output
    tables = load_workbook(master)[LINES].tables
    assert list(tables) == ["Bảng1"] and tables["Bảng1"].ref == "A1:P51"
    assert FileWorkbook.open(master, writable=False).read_table("budget_lines").shape[0] == 50


# -- case 9: a total typed under a table is not data ----------------------------------------


def test_a_total_typed_under_dang_ky_is_not_a_product(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    ws = book["Đăng ký"]
    products = ws.max_row - 1
    ws.cell(ws.max_row + 1, 1, "Tổng cộng")
    ws.cell(ws.max_row, 4, f"{products} sản phẩm")
    total_row = ws.max_row
    book.save(master)
    report = tmp_path / "report.json"
    code, output = ocop("report", "-w", str(master), "--report", str(report))
    assert code == 0, output
    totals = [i for i in issues_of(report) if i["code"] == "TABLE_TOTAL_ROW"]
    assert [i["cell"] for i in totals] == [f"A{total_row}"]
    frame = FileWorkbook.open(master, writable=False).read_table("registrations")
    assert len(frame) == products and "Tổng cộng" not in set(frame["product_id"])
    listing = load_workbook(master)["Danh sách đăng ký"]
    text = [str(c.value) for row in listing.iter_rows() for c in row if c.value is not None]
    assert not any(t == "Tổng cộng" for t in text)
    assert load_workbook(master)["Đăng ký"].cell(total_row, 1).value == "Tổng cộng"


# -- case 10: a renamed column is an error naming its cell ----------------------------------


def test_a_renamed_amount_column_stops_the_budget_naming_the_header(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    book[LINES]["H1"] = "Tổng tiền"
    book.save(master)
    before = digest(master)
    code, output = ocop("budget", "-w", str(master))
    assert code == 3
    assert "Thành tiền (đồng)" in output and "H1" in output and "Tổng tiền" in output
    assert digest(master) == before


def test_a_renamed_source_column_stops_the_budget_naming_the_header(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    book[LINES]["J1"] = "NS huyện"
    book.save(master)
    code, output = ocop("budget", "-w", str(master))
    assert code == 3
    assert "NSH" in output and "J1" in output and "NS huyện" in output
    assert load_workbook(master)[LINES].max_column == 16  # no new NSH column added


# -- case 11: the staff's settings stay ------------------------------------------------------


def test_an_edited_list_a_hidden_column_and_a_filter_stay(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    lines = book[LINES]
    status = next(dv for dv in lines.data_validations.dataValidation if "H2" in dv.sqref)
    status.formula1 = '"Dự kiến,Đã thực hiện,Đã thanh toán,Tạm dừng"'
    checks = book["Kiểm tra"]
    checks.column_dimensions["D"].hidden = True
    checks.column_dimensions["J"].width = 120
    table = checks.tables["tblKiemTra"]
    table.autoFilter.filterColumn = [
        FilterColumn(
            colId=1,
            customFilters=CustomFilters(customFilter=[CustomFilter(operator="equal", val="Lỗi")]),
        )
    ]
    book.save(master)
    for args in (("budget", "--prefill"), ("consolidate",)):
        code, output = ocop(args[0], "-w", str(master), *args[1:])
        assert code == 0, output
    book = load_workbook(master)
    lists = [dv for dv in book[LINES].data_validations.dataValidation if "H2" in dv.sqref]
    assert [dv.formula1 for dv in lists] == ['"Dự kiến,Đã thực hiện,Đã thanh toán,Tạm dừng"']
    checks = book["Kiểm tra"]
    assert checks.column_dimensions["D"].hidden and checks.column_dimensions["J"].width == 120
    column = checks.tables["tblKiemTra"].autoFilter.filterColumn
    assert [(c.colId, c.customFilters.customFilter[0].val) for c in column] == [(1, "Lỗi")]


# -- case 12: merged cells inside a table ---------------------------------------------------


def test_merged_cells_inside_a_table_are_an_error_naming_the_range(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    book[LINES].merge_cells("D2:D3")
    book.save(master)
    before = digest(master)
    code, output = ocop("budget", "-w", str(master))
    assert code == 3 and "D2:D3" in output and "Traceback" not in output
    assert digest(master) == before
    book = load_workbook(master)
    book[LINES].unmerge_cells("D2:D3")
    book["Đăng ký"].merge_cells("R2:R3")
    book.save(master)
    before = digest(master)
    code, output = ocop("consolidate", "-w", str(master))
    assert code == 3 and "R2:R3" in output and "Traceback" not in output
    assert digest(master) == before
