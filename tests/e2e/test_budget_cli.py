"""``ocop-xl budget`` as a user runs it (in-process): real files, exit codes."""

import json
import os
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from ..budget_support import write_lines, write_registrations
from ..cli_support import ocop_in_process

ROOT = Path(__file__).parents[2]
M = 1_000_000


def ocop(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    return ocop_in_process(*args, cwd=ROOT, env=env)


def _master(tmp_path: Path) -> Path:
    master = tmp_path / "ocop_master.xlsx"
    done = ocop("new-master", "--out", str(master))
    assert done.returncode == 0, done.stderr
    return master


def test_help_lists_the_command_and_its_options():
    done = ocop("budget", "--help")
    assert done.returncode == 0
    for option in ("--workbook", "--report", "--strict", "--prefill"):
        assert option in done.stdout
    assert "dự toán kinh phí" in done.stdout


def test_report_strict_and_over_allocation(tmp_path):
    master = _master(tmp_path)
    write_lines(
        master,
        [
            {"item": "LOGO", "amount": "30.000.000", "NSH": 30 * M},
            {"item": "DIEMBAN", "quantity": 3, "unit_cost": 80 * M, "LG": 240 * M},
        ],
    )
    report = tmp_path / "budget.json"
    done = ocop("budget", "--workbook", str(master), "--report", str(report))
    assert done.returncode == 0, done.stderr  # findings are not a failure without --strict
    assert "Nguồn vượt số bố trí" in done.stdout and "LG" in done.stdout
    assert "BUDGET_SOURCE_OVER" in done.stdout

    data = json.loads(report.read_text(encoding="utf-8"))
    assert list(data)[:4] == ["action", "ok", "counts", "issues"]
    assert data["action"] == "budget" and data["ok"] is False
    assert data["counts"]["errors"] == 1 and data["counts"]["lines"] == 2
    # the amount typed as text "30.000.000" is read as a number, with a note
    assert [i["code"] for i in data["issues"]] == ["MONEY_TEXT_READ", "BUDGET_SOURCE_OVER"]
    assert data["issues"][1]["sheet"] == "Nguồn vốn" and data["issues"][1]["cell"] == "C7"
    lg = next(s for s in data["sources"] if s["code"] == "LG")
    assert {k: lg[k] for k in ("available", "allocated", "remaining", "percent_used")} == {
        "available": 200 * M,
        "allocated": 240 * M,
        "remaining": -40 * M,
        "percent_used": 120.0,
    }
    assert lg["status"] == "over"
    assert set(data["sources"][0]) >= {
        "code",
        "available",
        "allocated",
        "remaining",
        "percent_used",
        "status",
    }
    assert data["totals"]["allocated"] == 270 * M
    assert data["totals"]["available"] == 1_750 * M
    assert all(isinstance(v, int) for v in data["totals"].values())

    strict = ocop("budget", "--workbook", str(master), "--strict")
    assert strict.returncode == 1


def test_prefill_from_the_command_line(tmp_path):
    master = _master(tmp_path)
    write_registrations(master)
    report = tmp_path / "r.json"
    done = ocop("budget", "--workbook", str(master), "--prefill", "--report", str(report))
    assert done.returncode == 0, done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["prefill"]["added"] == 3
    assert "Dòng thêm từ phiếu đăng ký" in done.stdout
    ws = load_workbook(master)["Kinh phí"]
    drafted = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(2, 5)]
    assert drafted == [("CBCL", "TK-HK-01"), ("BAOBI", "TK-HK-01"), ("MAVACH", "TK-DS-02")]
    assert ws.cell(1, 3).value == "Tên sản phẩm" and ws.cell(2, 3).value == "Bánh đa Hà Kỳ"
    assert [ws.cell(1, c).value for c in range(10, 17)] == [
        "NSH",
        "NTM",
        "KHCN",
        "KC",
        "KN",
        "LG",
        "DU",
    ]


def test_a_missing_master_is_exit_code_3(tmp_path):
    done = ocop("budget", "--workbook", str(tmp_path / "none.xlsx"))
    assert done.returncode == 3
    assert "Không tìm thấy tệp tổng hợp" in done.stderr
