"""progress on a real master: each target's actual value from Kết quả, Kinh phí and Hoạt
động as written by the other areas and the staff; "chưa có dữ liệu" where a sheet is empty."""

from datetime import date

import pandas as pd
from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.actions.plan import compute_progress
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

from .. import plan_samples as samples

ALL = ("results", "budget_lines", "activities")


def _progress_rows(path):
    ws = load_workbook(path)["Tiến độ"]
    header = [c.value for c in ws[1]]
    rows = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[0]:
            rows[row[0]] = dict(zip(header, row, strict=False))
    return rows


def test_every_target_is_counted_from_the_data(master):
    samples.fill(master, *ALL)
    result = run_action("progress", FileWorkbook.open(master))

    targets = {t["code"]: t for t in result.data["targets"]}
    assert {code: (t["actual"], t["status"]) for code, t in targets.items()} == {
        "SP3SAO": (samples.FORWARDED, "Đạt"),  # 11 of 10-12
        "NANGHANG": (samples.UPGRADES_MET, "Vượt"),  # 2 of 1-2
        "CHUANHOA": (1, "Đạt"),
        "HOSOCL": (samples.QUALITY_SUPPORTED, "Chưa đạt"),  # 7 of 10-12
        "BAOBI": (samples.PACKAGING_SUPPORTED, "Chưa đạt"),  # 6 of 10-12
        "LOGO": (1, "Đạt"),
        "DIEMBAN": (samples.DISPLAY_POINTS, "Chưa đạt"),  # 2 of 3
    }
    assert targets["SP3SAO"]["minimum"] == 10 and targets["SP3SAO"]["stretch"] == 12
    assert targets["SP3SAO"]["percent_of_minimum"] == 110.0
    assert targets["DIEMBAN"]["percent_of_minimum"] == 66.7
    assert targets["NANGHANG"]["status_code"] == "exceeded"
    assert result.counts["targets"] == 7 and result.counts["met"] == 4

    rows = _progress_rows(master)
    assert rows["SP3SAO"]["Thực hiện"] == 11 and rows["SP3SAO"]["Tình trạng"] == "Đạt"
    assert rows["DIEMBAN"]["Tỷ lệ so với tối thiểu"] == 2 / 3
    assert "trang Hoạt động" in rows["DIEMBAN"]["Cách tính số thực hiện"]
    ws = load_workbook(master)["Tiến độ"]
    assert ws._charts, "the progress bar chart"


def test_rows_that_cannot_be_counted_are_reported_with_their_cells(master):
    samples.fill(master, *ALL)
    result = run_action("progress", FileWorkbook.open(master))
    found = {(i.code, str(i.severity), i.location.sheet, i.location.cell) for i in result.issues}
    activities = FileWorkbook.open(master, writable=False).read_table("activities")
    letters = activities.attrs["letters"]
    budget = FileWorkbook.open(master, writable=False).read_table("budget_lines")
    bad_amount = budget.index[budget["NSH"] == "mười triệu"][0]
    assert found == {
        # the budget area's sheet: a warning, the line is left out
        (
            "PROGRESS_ROW_SKIPPED",
            "warning",
            "Kinh phí",
            f"{budget.attrs['letters']['NSH']}{bad_amount}",
        ),
        # the office's own sheet: errors and warnings on the exact cells
        ("ACTIVITY_OUTSIDE_YEAR", "warning", "Hoạt động", f"{letters['date']}4"),
        ("ACTIVITY_KIND_UNKNOWN", "warning", "Hoạt động", f"{letters['kind']}6"),
        ("PROGRESS_ROW_SKIPPED", "error", "Hoạt động", f"{letters['quantity']}7"),
    }
    skipped = next(i for i in result.issues if i.location.sheet == "Hoạt động" and i.is_error)
    assert skipped.message_vi == (
        f"Giá trị “hai” ở ô {letters['quantity']}7 trang “Hoạt động” không đọc được: "
        "phải là một số. Dòng 7 không được tính vào tiến độ."
    )
    checks = load_workbook(master)["Kiểm tra"]
    assert sum(1 for r in checks.iter_rows(min_row=2, values_only=True) if r[0]) == 4


def test_empty_or_missing_sheets_say_no_data_not_zero(master):
    book = load_workbook(master)
    del book["Kết quả"]  # a master from before the council area
    book.save(master)
    result = run_action("progress", FileWorkbook.open(master))
    assert {t["code"]: t["actual"] for t in result.data["targets"]} == dict.fromkeys(
        ("SP3SAO", "NANGHANG", "CHUANHOA", "HOSOCL", "BAOBI", "LOGO", "DIEMBAN")
    )
    assert {t["status"] for t in result.data["targets"]} == {"Chưa có dữ liệu"}
    assert result.issues == []
    rows = _progress_rows(master)
    assert rows["LOGO"]["Thực hiện"] == "chưa có dữ liệu"
    assert rows["LOGO"]["Tình trạng"] == "Chưa có dữ liệu"
    assert rows["SP3SAO"]["Cách tính số thực hiện"].endswith("trang Kết quả chưa có dữ liệu")

    # only the activities are recorded: the other targets still have no data
    samples.fill(master, "activities")
    result = run_action("progress", FileWorkbook.open(master))
    actual = {t["code"]: t["actual"] for t in result.data["targets"]}
    assert actual["LOGO"] == 1 and actual["DIEMBAN"] == 2
    assert actual["SP3SAO"] is None and actual["BAOBI"] is None


def test_a_recorded_sheet_without_the_wanted_rows_is_a_real_zero(master):
    wb = FileWorkbook.open(master)
    keys = list(MASTER.table("activities").keys)
    wb.write_table(
        "activities",
        pd.DataFrame(
            [{"kind": "TAPHUAN", "title": "Lớp tập huấn", "date": "12/04/2023"}], columns=keys
        ),
    )
    wb.commit()
    result = run_action("progress", FileWorkbook.open(master))
    targets = {t["code"]: t for t in result.data["targets"]}
    assert (targets["LOGO"]["actual"], targets["LOGO"]["status"]) == (0, "Chưa đạt")


def test_wrong_rules_are_errors_on_the_chi_tieu_cells_and_leave_the_target_uncounted(master):
    samples.fill(master, "results")
    wb = FileWorkbook.open(master)
    targets = wb.read_table("targets")
    extra = pd.DataFrame(
        [
            {
                "code": "SAO4",
                "title": "Sản phẩm đạt 4 sao",
                "minimum": 2,
                "stretch": 3,
                "unit": "sản phẩm",
                "rule": "products_with_star",
                "params": "4",
            },
            {
                "code": "DEMTAY",
                "title": "Đếm tay",
                "minimum": 1,
                "stretch": 1,
                "unit": "sản phẩm",
                "rule": "dem_tay",
                "params": None,
            },
            {
                "code": "HOTRO",
                "title": "Hỗ trợ lạ",
                "minimum": 1,
                "stretch": 1,
                "unit": "sản phẩm",
                "rule": "products_with_any_item",
                "params": "CBCL, KHONGCO",
            },
        ]
    )
    wb.write_table("targets", pd.concat([targets, extra], ignore_index=True))
    wb.commit()

    result = run_action("progress", FileWorkbook.open(master))
    letters = FileWorkbook.open(master, writable=False).read_table("targets").attrs["letters"]
    assert {(i.code, i.location.sheet, i.location.cell) for i in result.issues} == {
        ("TARGET_RULE_UNKNOWN", "Chỉ tiêu", f"{letters['rule']}10"),
        ("CONFIG_UNKNOWN_REFERENCE", "Chỉ tiêu", f"{letters['params']}11"),
    }
    targets = {t["code"]: t for t in result.data["targets"]}
    assert targets["SAO4"]["actual"] == 2  # two products at 4 stars
    assert targets["DEMTAY"]["actual"] is None and targets["HOTRO"]["actual"] is None
    rows = _progress_rows(master)
    assert rows["DEMTAY"]["Thực hiện"] == "chưa tính được"


def test_activity_dates_missing_or_still_to_come(master, tu_ky):
    wb = FileWorkbook.open(master)
    keys = list(MASTER.table("activities").keys)
    rows = [
        {"kind": "DIEMBAN", "title": "Điểm bán chưa ghi ngày", "quantity": 1},
        {"kind": "LOGO", "title": "Logo sẽ phát hành", "date": date(2023, 6, 15)},
    ]
    wb.write_table("activities", pd.DataFrame(rows, columns=keys))
    wb.commit()
    wb = FileWorkbook.open(master)
    outcome = compute_progress(wb, tu_ky, today=date(2023, 5, 31))
    found = {(i.code, i.location.cell) for i in outcome.issues}
    date_col = wb.read_table("activities").attrs["letters"]["date"]
    assert found == {
        ("ACTIVITY_DATE_MISSING", f"{date_col}2"),
        ("ACTIVITY_IN_FUTURE", f"{date_col}3"),
    }
    actual = {p.target.code: p.actual for p in outcome.progress}
    assert actual["DIEMBAN"] == 1  # counted, with the warning
    assert actual["LOGO"] == 0  # not done yet on 31/05/2023
    assert [a.title for a in outcome.activities] == ["Điểm bán chưa ghi ngày"]
