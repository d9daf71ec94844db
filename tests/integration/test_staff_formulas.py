"""Formulas the staff type into the master are theirs: read by their value, run after run,
never emptied, never overwritten (issue 10, case 1). LibreOffice stands in for Excel: it
calculates the formulas and saves the file, as the office's Excel does."""

from __future__ import annotations

import json

import python_calamine
from openpyxl import load_workbook

from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

from ..staff_support import copy_demo, in_calc, ocop

LINES = "Kinh phí"
SOURCES = "Nguồn vốn"


def allocated(master, code: str) -> int:
    frame = FileWorkbook.open(master, writable=False).read_table("budget_by_source")
    row = frame[frame["code"] == code].iloc[0]
    return int(row["allocated"])


def available(master, code: str) -> int:
    frame = FileWorkbook.open(master, writable=False).read_table("budget_by_source")
    return int(frame[frame["code"] == code].iloc[0]["available"])


def calamine_value(master, sheet: str, ref: str):
    rows = python_calamine.CalamineWorkbook.from_path(str(master)).get_sheet_by_name(sheet)
    data = rows.to_python()
    col = ord(ref[0]) - ord("A")
    return data[int(ref[1:]) - 1][col]


def test_budget_formulas_are_read_by_their_value_run_after_run(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    nsh_before = allocated(master, "NSH")
    # Line 2: 1 x 10,000,000 paid 6,000,000 NSH + 4,000,000 DU; now 80 % of it, half NSH.
    in_calc(
        master,
        [
            {"op": "formula", "sheet": LINES, "cell": "H2", "text": "=F2*G2*0.8"},
            {"op": "formula", "sheet": LINES, "cell": "J2", "text": "=H2/2"},
            {"op": "formula", "sheet": LINES, "cell": "P2", "text": "=H2-J2"},
        ],
    )
    expected = nsh_before - 6_000_000 + 4_000_000
    for _ in range(2):  # the second run reads the file the first one saved
        code, output = ocop("budget", "-w", str(master))
        assert code == 0, output
        assert allocated(master, "NSH") == expected
        assert "BUDGET_LINE_UNBALANCED" not in output
    code, output = ocop("budget", "-w", str(master), "--prefill")
    assert code == 0, output
    assert allocated(master, "NSH") == expected
    ws = load_workbook(master)[LINES]
    assert [ws["H2"].value, ws["J2"].value, ws["P2"].value] == ["=F2*G2*0.8", "=H2/2", "=H2-J2"]
    # and their values are in the file for any other reader (Excel's own stored values)
    assert calamine_value(master, LINES, "H2") == 8_000_000
    assert calamine_value(master, LINES, "P2") == 4_000_000


def test_a_formula_in_a_funding_source_is_its_value(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    in_calc(master, [{"op": "formula", "sheet": SOURCES, "cell": "C2", "text": "=100*6000000"}])
    code, output = ocop("check-config", "-w", str(master))
    assert code == 0 and "không được để trống" not in output, output
    for _ in range(2):
        code, output = ocop("budget", "-w", str(master))
        assert code == 0, output
        assert available(master, "NSH") == 600_000_000
    assert load_workbook(master)[SOURCES]["C2"].value == "=100*6000000"


def test_a_formula_without_a_saved_value_is_computed(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)  # openpyxl saves formulas without any value
    book[SOURCES]["C2"] = "=250000000*2+SUM(D2:D3)"  # D2:D3: the warning thresholds, 90 + 90
    book[LINES]["H2"] = "=F2*G2"
    book.save(master)
    code, output = ocop("budget", "-w", str(master))
    assert code == 0, output
    assert available(master, "NSH") == 500_000_180
    assert "MASTER_FORMULA_NO_VALUE" not in output


def test_a_formula_nobody_can_compute_is_reported_with_its_cell(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    book[LINES]["E3"] = '=INFO("osversion")'  # a function the engine does not have
    book.save(master)
    report = tmp_path / "budget.json"
    code, output = ocop("budget", "-w", str(master), "--report", str(report))
    assert code == 0, output
    found = [i for i in json.loads(report.read_text())["issues"] if i["cell"] == "E3"]
    assert [i["code"] for i in found] == ["MASTER_FORMULA_NO_VALUE"]
    assert "Ô E3 trang “Kinh phí” chứa công thức chưa có giá trị" in found[0]["message_vi"]
    frame = FileWorkbook.open(master, writable=False).read_table("issues")
    assert "MASTER_FORMULA_NO_VALUE" in set(frame["code"])
    assert load_workbook(master)[LINES]["E3"].value == '=INFO("osversion")'


def test_a_required_cell_whose_formula_has_no_value_says_so(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    book = load_workbook(master)
    book[SOURCES]["C2"] = '=INFO("osversion")'
    book.save(master)
    code, output = ocop("budget", "-w", str(master))
    assert code == 3
    assert "C2" in output and "công thức chưa có giá trị" in output
    assert "không được để trống" not in output


def test_a_formula_is_never_overwritten_by_a_value_the_action_computes(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    # A formula typed into a column the consolidation fills (Ghi chú of Đăng ký): it stays
    # with its product, and the run says it did not write there.
    book = load_workbook(master)
    ws = book["Đăng ký"]
    product = ws["A2"].value
    ws["R2"] = '="ghi chú: "&D2'
    book.save(master)
    report = tmp_path / "consolidate.json"
    code, output = ocop("consolidate", "-w", str(master), "--report", str(report))
    assert code == 0, output
    ws = load_workbook(master)["Đăng ký"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == product)
    assert ws.cell(row, 18).value == f'="ghi chú: "&D{row}'
    codes = {i["code"] for i in json.loads(report.read_text())["issues"] if i["sheet"] == ws.title}
    assert "MASTER_FORMULA_KEPT" in codes


def snapshot(master) -> dict:
    """Every table's rows as the program reads them (the logs aside: they grow each run)."""
    wb = FileWorkbook.open(master, writable=False)
    found = {}
    for spec in MASTER.tables():
        if spec.role == "audit" or not wb.has_sheet(spec.name):
            continue
        frame = wb.read_table(spec.name)
        stamps = [c.key for c in spec.columns if c.kind == "datetime"]  # when it was read
        frame = frame.drop(columns=stamps)
        found[spec.name] = frame.astype(str).to_dict("split")
    return found


def test_every_action_twice_on_a_master_with_formulas_gives_the_same_tables(demo_folder, tmp_path):
    master = copy_demo(demo_folder, tmp_path / "demo")
    in_calc(
        master,
        [
            {"op": "formula", "sheet": LINES, "cell": "H2", "text": "=F2*G2*0.8"},
            {"op": "formula", "sheet": LINES, "cell": "J2", "text": "=H2/2"},
            {"op": "formula", "sheet": LINES, "cell": "P2", "text": "=H2-J2"},
            {"op": "formula", "sheet": SOURCES, "cell": "C3", "text": "=2*200000000"},
        ],
    )
    for action in ("check-config", "consolidate", "score", "budget", "progress", "report"):
        code, output = ocop(action, "-w", str(master))
        assert code == 0, output
        first = snapshot(master)
        code, output = ocop(action, "-w", str(master))
        assert code == 0, output
        assert snapshot(master) == first, action
