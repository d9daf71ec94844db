"""dispatch against the Workbook port (a real master file) with a fake Excel: folders,
the picker, progress, message boxes, the error log, and the UI always put back."""

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from ocop_xl.actions import ACTIONS
from ocop_xl.actions.registry import action
from ocop_xl.domain.catalog import render
from ocop_xl.domain.issues import Issue, OcopError
from ocop_xl.domain.report import ActionResult
from ocop_xl.excel.dispatch import LOG_FILE, ROUTES, Route, run_tag
from ocop_xl.workbook.file_workbook import FileWorkbook

from .addin_helpers import FakeUi, build_master


@pytest.fixture
def xlsm(tmp_path):
    return build_master(tmp_path)


@pytest.fixture
def fake_action(monkeypatch):
    """Register throw-away actions under test tags; removed again afterwards."""
    added = []

    def register(tag, fn, route=None, writes_master=True):
        action(tag, f"Thử {tag}", writes_master=writes_master)(fn)
        added.append(tag)
        if route is not None:
            monkeypatch.setitem(ROUTES, tag, route)

    yield register
    for tag in added:
        ACTIONS.pop(tag, None)


def open_wb(path, ui):
    return FileWorkbook.open(path, on_status=ui.status, on_progress=ui.progress)


def audit_actions(path) -> list[str]:
    frame = FileWorkbook.open(path, writable=False).read_table("audit")
    return list(frame["command"])


def test_a_real_action_runs_logs_and_shows_its_summary(xlsm):
    ui = FakeUi()
    outcome = run_tag("check-config", open_wb(xlsm, ui), ui)
    assert outcome.result is not None and outcome.result.ok
    assert ui.events == ["begin", "end", "alert"]
    text, title, critical = ui.alerts[0]
    assert title == "OCOP – Kiểm tra cấu hình" and not critical
    assert "Hồ sơ kế hoạch: tu-ky-2023 (2023)" in text
    assert "Lỗi / cảnh báo: 0 / 0" in text
    assert "Kiểm tra cấu hình: đang thực hiện…" in ui.statuses
    assert audit_actions(xlsm)[-1] == "check-config"


def test_outputs_go_to_folders_next_to_the_workbook(xlsm, fake_action):
    seen = {}

    def export(wb, out, pdf=False):
        seen.update(out=out, pdf=pdf)
        (out / "a.txt").write_text("x", encoding="utf-8")
        wb.progress(1, 2, "Đang ghi")
        return ActionResult("t-export", outputs=[str(out / "a.txt")], summary=[("Số tệp", "1")])

    fake_action("t-export", export, Route(outputs={"out": "bao-cao-thu"}))
    ui = FakeUi()
    outcome = run_tag("t-export", open_wb(xlsm, ui), ui)
    assert seen["out"] == xlsm.parent / "bao-cao-thu" and seen["out"].is_dir()
    assert "Đã ghi: " + str(xlsm.parent / "bao-cao-thu" / "a.txt") in outcome.message
    assert "Đang ghi 1/2" in ui.statuses
    assert ui.picked_from == []  # outputs are never asked for


def test_inputs_are_offered_in_the_folder_picker(xlsm, tmp_path, fake_action):
    seen = []

    def read(wb, sources):
        seen.append(sources)
        return ActionResult("t-read")

    fake_action("t-read", read, Route(inputs={"sources": "ho-so-thu"}, pick_title="Chọn"))
    chosen = tmp_path / "nơi khác"
    chosen.mkdir()
    ui = FakeUi(pick=chosen)
    run_tag("t-read", open_wb(xlsm, ui), ui)
    assert ui.picked_from == [xlsm.parent / "ho-so-thu"] and ui.picked_from[0].is_dir()
    assert seen == [[chosen]]

    ui = FakeUi(pick=False)  # no picker in this Excel: the default folder
    run_tag("t-read", open_wb(xlsm, ui), ui)
    assert seen[-1] == [xlsm.parent / "ho-so-thu"]

    ui = FakeUi(pick=None)  # cancelled: nothing runs, nothing logged, no message
    before = audit_actions(xlsm)
    outcome = run_tag("t-read", open_wb(xlsm, ui), ui)
    assert outcome.cancelled and len(seen) == 2
    assert audit_actions(xlsm) == before
    assert ui.events == ["begin", "end"]


def test_an_unknown_tag_gets_a_friendly_message(xlsm):
    ui = FakeUi()
    outcome = run_tag("no-such-button", open_wb(xlsm, ui), ui)
    assert outcome.critical and outcome.result is None
    assert outcome.message.startswith("Chức năng “no-such-button” chưa có")
    assert ui.events == ["begin", "end", "alert"]


def test_expected_errors_are_one_vietnamese_message(xlsm, fake_action):
    def broken(wb):
        wb.read_table("registrations")
        raise OcopError("CONFIG_VALUE_REQUIRED", sheet="Cấu hình", cell="B3", label="Năm")

    fake_action("t-broken", broken)
    ui = FakeUi()
    outcome = run_tag("t-broken", open_wb(xlsm, ui), ui)
    assert outcome.message == "Ô B3 trang “Cấu hình” (Năm) không được để trống."
    assert outcome.critical and outcome.log is None
    assert ui.events == ["begin", "end", "alert"] and ui.statuses[-1] == ""


def test_a_missing_sheet_names_the_sheet(xlsm, fake_action):
    def count(wb):
        return ActionResult("t-count", counts={"rows": len(wb.read_table("registrations"))})

    fake_action("t-count", count)
    book = load_workbook(xlsm, keep_vba=True)
    del book["Đăng ký"]
    book.save(xlsm)
    ui = FakeUi()
    outcome = run_tag("t-count", open_wb(xlsm, ui), ui)
    assert outcome.message == "Tệp ocop_master.xlsm thiếu trang tính “Đăng ký”."
    assert outcome.critical and outcome.log is None


def test_a_file_in_use_is_an_expected_error(xlsm, fake_action):
    def locked(wb):
        raise PermissionError(13, "Permission denied", str(xlsm.parent / "xa-a.xlsx"))

    fake_action("t-locked", locked)
    ui = FakeUi()
    outcome = run_tag("t-locked", open_wb(xlsm, ui), ui)
    assert outcome.message == render("FILE_IN_USE", {"file": str(xlsm.parent / "xa-a.xlsx")})
    assert outcome.log is None


def test_unexpected_errors_go_to_the_log_beside_the_workbook(xlsm, fake_action):
    def crash(wb):
        wb.status("Đang tính")
        return {"a": 1}["b"]

    fake_action("t-crash", crash)
    ui = FakeUi()
    wb = open_wb(xlsm, ui)
    original = xlsm.read_bytes()
    outcome = run_tag("t-crash", wb, ui)
    log = xlsm.parent / LOG_FILE
    assert outcome.log == log
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "KeyError: 'b'" in text and "t-crash" in text
    assert str(log) in outcome.message and outcome.message.startswith("Lỗi không mong đợi")
    assert ui.events == ["begin", "end", "alert"] and ui.statuses[-1] == ""
    assert xlsm.read_bytes() == original  # nothing half written
    run_tag("t-crash", open_wb(xlsm, ui), ui)
    assert log.read_text(encoding="utf-8").count("Traceback") == 2  # appended


def test_errors_found_by_an_action_are_listed(xlsm, fake_action):
    def findings(wb):
        issues = [Issue.error("CONFIG_VALUE_REQUIRED", sheet="S", cell=f"A{i}") for i in range(8)]
        return ActionResult("t-findings", issues=issues)

    fake_action("t-findings", findings, writes_master=False)
    ui = FakeUi()
    outcome = run_tag("t-findings", open_wb(xlsm, ui), ui)
    assert outcome.critical
    assert (
        outcome.message.count("• ") == 5 and "… và 3 lỗi khác (trang Kiểm tra)." in outcome.message
    )


def test_a_workbook_without_a_folder_is_asked_to_be_saved(fake_action):
    class Unsaved:
        name, folder = "Book1", None

        def status(self, text):
            pass

    fake_action("t-out", lambda wb, out: ActionResult("t-out"), Route(outputs={"out": "x"}))
    ui = FakeUi()
    outcome = run_tag("t-out", Unsaved(), ui)
    assert outcome.message.startswith("Hãy lưu tệp Book1")


def test_help_lists_every_button(xlsm):
    ui = FakeUi()
    outcome = run_tag("help", open_wb(xlsm, ui), ui)
    for label in ("Tạo mẫu cho xã", "Tính điểm", "In báo cáo", "Kiểm tra cài đặt"):
        assert label in outcome.message
    assert "ocop-xl-loi.log" in outcome.message


def test_the_excel_ui_is_restored_even_when_the_action_fails(xlsm, fake_action):
    from ocop_xl.excel.dispatch import ExcelUi

    class App:
        def __init__(self):
            self.status_bar, self.screen_updating, self.alerts = "Sẵn sàng", True, []

        def alert(self, text, title, mode):
            self.alerts.append((text, title, mode, self.screen_updating))

    class Book:
        app = App()

    def crash(wb):
        assert Book.app.screen_updating is False  # off while the action runs
        raise RuntimeError("boom")

    fake_action("t-ui", crash)
    ui = ExcelUi(Book())
    run_tag("t-ui", open_wb(xlsm, ui), ui)
    assert Book.app.status_bar is False and Book.app.screen_updating is True
    (text, _, mode, updating) = Book.app.alerts[0]
    assert mode == "critical" and updating is True and "RuntimeError: boom" in text
    assert ui.pick_folder("x", Path(".")) is False  # no COM here: the default folder


def test_progress_in_the_status_bar():
    from ocop_xl.excel.dispatch import ExcelUi

    class App:
        status_bar = None

    class Book:
        app = App()

    ui = ExcelUi(Book())
    ui.progress(3, 12, "Đọc hồ sơ")
    assert Book.app.status_bar == "OCOP: Đọc hồ sơ 3/12 (25 %)"
    ui.status("")
    assert Book.app.status_bar is False


def test_progress_over_thousands_of_files_writes_the_status_bar_as_it_moves():
    from ocop_xl.excel.dispatch import ExcelUi

    writes: list[object] = []

    class App:
        @property
        def status_bar(self):
            return writes[-1] if writes else None

        @status_bar.setter
        def status_bar(self, value):
            writes.append(value)

    class Book:
        app = App()

    ui = ExcelUi(Book())
    for done in range(3321):
        ui.progress(done, 3321, "Đọc hồ sơ")
    ui.progress(3321, 3321, "Kiểm tra trùng lặp")
    # every percent is shown (and the first and last call), not every file
    assert writes[0] == "OCOP: Đọc hồ sơ 0/3321 (0 %)"
    assert {f"({p} %)" for p in range(101)} <= {w.rsplit(" ", 2)[-2] + " %)" for w in writes}
    assert writes[-1] == "OCOP: Kiểm tra trùng lặp 3321/3321 (100 %)"
    assert len(writes) < 3321 // 10


def test_tables_written_through_dispatch_reach_the_file(xlsm, fake_action):
    def write(wb):
        frame = pd.DataFrame([{"product_id": "SP1", "commune_code": "ha-ky"}])
        wb.write_table("registrations", frame)
        return ActionResult("t-write", counts={"products": 1})

    fake_action("t-write", write)
    ui = FakeUi()
    run_tag("t-write", open_wb(xlsm, ui), ui)
    frame = FileWorkbook.open(xlsm, writable=False).read_table("registrations")
    assert list(frame["product_id"]) == ["SP1"]
    assert audit_actions(xlsm)[-1] == "t-write"
