"""ocop-xl progress as a user runs it: the targets in the JSON report, exit codes."""

import json

from .. import plan_samples as samples
from .test_tasks_cli import ocop


def test_progress_report_holds_every_target(master, tmp_path):
    samples.fill(master, "results", "activities")
    report = tmp_path / "progress.json"
    done = ocop("progress", "--workbook", str(master), "--report", str(report))
    assert done.returncode == 0, done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["action"] == "progress"
    targets = {t["code"]: t for t in data["targets"]}
    assert set(targets) == {"SP3SAO", "NANGHANG", "CHUANHOA", "HOSOCL", "BAOBI", "LOGO", "DIEMBAN"}
    for target in targets.values():
        assert {"code", "minimum", "stretch", "actual", "status"} <= set(target)
    assert (targets["SP3SAO"]["actual"], targets["SP3SAO"]["status"]) == (11, "Đạt")
    # no budget lines yet: no value, not zero
    assert (targets["BAOBI"]["actual"], targets["BAOBI"]["status"]) == (None, "Chưa có dữ liệu")
    assert data["counts"]["no_data"] == 3
    # the activity rows that cannot be counted are errors: --strict says so
    strict = ocop("progress", "--workbook", str(master), "--strict")
    assert strict.returncode == 1


def test_a_missing_master_is_a_clear_message_and_exit_3(tmp_path):
    done = ocop("progress", "--workbook", str(tmp_path / "khong-co.xlsx"))
    assert done.returncode == 3
    assert "Không tìm thấy tệp tổng hợp" in done.stderr
