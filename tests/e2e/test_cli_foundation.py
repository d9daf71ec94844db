"""The command line as a user runs it (in-process, tests/cli_support.py): real files, exit
codes."""

import json
import os
import stat
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from ocop_xl import __version__

from ..cli_support import ocop_in_process
from ..conftest import TINY_PROFILE

ROOT = Path(__file__).parents[2]


def ocop(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    return ocop_in_process(*args, cwd=cwd or ROOT, env=env)


def test_help_and_version():
    done = ocop("--help")
    assert done.returncode == 0
    for command in ("new-master", "check-config", "demo"):
        assert command in done.stdout
    assert "Tạo tệp Excel tổng hợp mới" in done.stdout
    version = ocop("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"ocop-xl {__version__}"


def test_new_master_then_check_config_with_a_json_report(tmp_path):
    master = tmp_path / "m.xlsx"
    done = ocop("new-master", "--out", str(master), "--profile", str(TINY_PROFILE))
    assert done.returncode == 0, done.stderr
    assert master.exists()
    report = tmp_path / "r.json"
    done = ocop("check-config", "--workbook", str(master), "--report", str(report))
    assert done.returncode == 0, done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["action"] == "check-config" and data["ok"] is True
    assert data["counts"]["communes"] == 2 and data["counts"]["errors"] == 0
    assert data["issues"] == []


def test_strict_exit_code_and_findings_in_kiem_tra(tmp_path):
    master = tmp_path / "m.xlsx"
    assert ocop("new-master", "--out", str(master)).returncode == 0
    book = load_workbook(master)
    book["Nhiệm vụ"]["D3"] = "KHONG_CO"
    book["Nguồn vốn"]["C2"] = "năm trăm triệu"
    book.save(master)
    report = tmp_path / "r.json"
    done = ocop("check-config", "-w", str(master), "--report", str(report), "--strict")
    assert done.returncode == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["ok"] is False
    cells = {(i["sheet"], i["cell"], i["code"]) for i in data["issues"]}
    assert cells == {
        ("Nhiệm vụ", "D3", "CONFIG_UNKNOWN_REFERENCE"),
        ("Nguồn vốn", "C2", "CONFIG_VALUE_INVALID"),
    }
    rows = list(load_workbook(master)["Kiểm tra"].iter_rows(values_only=True))
    col = {h: i for i, h in enumerate(rows.pop(0))}
    sheet, cell, severity, action = (col[h] for h in ("Trang tính", "Ô", "Mức độ", "Chức năng"))
    assert {(r[sheet], r[cell]) for r in rows} == {("Nhiệm vụ", "D3"), ("Nguồn vốn", "C2")}
    assert all(r[severity] == "Lỗi" and r[action] == "Kiểm tra cấu hình" for r in rows)
    # Without --strict the same findings exit 0: they are reported, not fatal.
    assert ocop("check-config", "-w", str(master)).returncode == 0


def test_usage_errors_exit_2(tmp_path):
    assert ocop("check-config").returncode == 2  # --workbook missing
    assert ocop("no-such-command").returncode == 2
    done = ocop("new-master", "--out", str(tmp_path / "x.xlsx"), "--profile", "khong-co")
    assert done.returncode == 2
    assert "Không có hồ sơ kế hoạch “khong-co”" in done.stderr
    master = tmp_path / "m.xlsx"
    assert ocop("new-master", "--out", str(master)).returncode == 0
    again = ocop("new-master", "--out", str(master))
    assert again.returncode == 2 and "--force" in again.stderr


def test_master_problems_exit_3_with_a_vietnamese_message_and_no_traceback(tmp_path):
    missing = ocop("check-config", "--workbook", str(tmp_path / "khong-co.xlsx"))
    assert missing.returncode == 3
    assert "Không tìm thấy tệp tổng hợp" in missing.stderr and "Traceback" not in missing.stderr

    master = tmp_path / "m.xlsx"
    assert ocop("new-master", "--out", str(master)).returncode == 0
    lock = tmp_path / ("~$" + master.name)
    lock.write_text("x")
    locked = ocop("check-config", "--workbook", str(master))
    assert locked.returncode == 3 and "đang được mở trong Excel" in locked.stderr
    lock.unlink()

    os.chmod(master, stat.S_IRUSR)
    try:
        read_only = ocop("check-config", "--workbook", str(master))
        assert read_only.returncode == 3 and "chỉ cho phép đọc" in read_only.stderr
    finally:
        os.chmod(master, stat.S_IRUSR | stat.S_IWUSR)

    broken = tmp_path / "hong.xlsx"
    broken.write_text("không phải excel")
    done = ocop("check-config", "--workbook", str(broken))
    assert done.returncode == 3 and "Traceback" not in done.stderr
    debug = ocop("--debug", "check-config", "--workbook", str(broken))
    assert "Traceback" in debug.stderr


def test_demo_writes_the_master_and_runs_every_step(tmp_path):
    done = ocop("demo", "--out", str(tmp_path / "demo"))
    assert done.returncode == 0, done.stderr
    master = next((tmp_path / "demo").glob("ocop_master.xls*"))
    book = load_workbook(master)
    log = [r[1] for r in book["Nhật ký"].iter_rows(min_row=2, values_only=True)]
    assert log[:2] == ["Tạo tệp tổng hợp", "Kiểm tra cấu hình"]  # by their Vietnamese names
    assert "check-config" in done.stdout
    # under its table the demo prints the register's alerts, as the office reads them
    shown = " ".join(done.stdout.split())
    assert "Sắp hết hạn (trong 90 ngày) │ 2 (khẩn, trong 30 ngày: 1)" in shown
    assert "Hết hạn, chưa đánh giá lại │ 1" in shown and "Đề nghị thu hồi │ 1" in shown
    assert "REGISTER_EXPIRED" in shown and "Tương bần (mẫu)" in shown
