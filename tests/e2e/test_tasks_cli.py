"""ocop-xl tasks as a user runs it: exit codes, the JSON report, the department files."""

import json
import subprocess

from openpyxl import load_workbook

from ..cli_support import ocop_in_process


def ocop(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return ocop_in_process(*args, env=env)


def test_tasks_writes_the_matrix_the_files_and_the_json_report(master, tmp_path):
    out, report = tmp_path / "phan-cong", tmp_path / "tasks.json"
    done = ocop("tasks", "--workbook", str(master), "--out", str(out), "--report", str(report))
    assert done.returncode == 0, done.stderr
    assert "Phòng Nông nghiệp và PTNT" in done.stdout and "chủ trì 12" in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert list(data)[:4] == ["action", "ok", "counts", "issues"]
    assert data["action"] == "tasks" and data["ok"] is True
    assert data["counts"] == {
        "tasks": 23,
        "departments": 8,
        "files": 8,
        "errors": 0,
        "warnings": 0,
    }
    first = data["tasks"][0]
    assert (first["code"], first["lead"], first["coordinators"]) == ("II.1", "DPT", ["NN", "UBNDX"])
    culture = next(d for d in data["departments"] if d["code"] == "VHTT")
    assert culture == {
        "code": "VHTT",
        "name": "Phòng Văn hóa và Thông tin",
        "leads": 2,
        "coordinations": 3,
    }
    assert len(list(out.glob("phan-cong-*.xlsx"))) == 8
    audit = load_workbook(master)["Nhật ký"]
    assert [r[1] for r in audit.iter_rows(min_row=2, values_only=True)][-1] == (
        "Phân công nhiệm vụ"
    )


def test_strict_fails_on_a_broken_assignment_and_names_the_cell(master, tmp_path):
    book = load_workbook(master)
    book["Nhiệm vụ"]["D5"] = "NN, TCKH"
    book.save(master)
    report = tmp_path / "tasks.json"
    done = ocop("tasks", "--workbook", str(master), "--strict", "--report", str(report))
    assert done.returncode == 1
    assert "TASK_LEAD_SEVERAL" in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["ok"] is False
    assert {(i["code"], i["cell"]) for i in data["issues"]} == {
        ("TASK_LEAD_SEVERAL", "D5"),
        ("TASKS_NOT_WRITTEN", ""),
    }
