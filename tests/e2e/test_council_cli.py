"""``ocop-xl score-sheets`` and ``ocop-xl score`` as an office user runs them."""

import json
import os

from openpyxl import load_workbook

from ..cli_support import ocop_in_process
from ..council_support import product, score_row, set_council, set_products, set_scores

MEMBERS = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung")


def ocop_xl(*args, cwd=None):
    env = {**os.environ, "COLUMNS": "160"}
    return ocop_in_process(*args, cwd=cwd, env=env)


def _prepare(master, extra=()):
    set_products(master, [product("TK-001"), product("TK-002")])
    set_council(master)
    rows = [score_row("TK-001", m, 30, 20, 25) for m in MEMBERS]
    rows += [score_row("TK-002", m, 15, 10, 12) for m in MEMBERS]
    set_scores(master, [*rows, *extra])


def test_score_sheets_then_score_with_a_returned_workbook(master, tmp_path):
    _prepare(master)
    out = tmp_path / "phieu"
    done = ocop_xl("score-sheets", "--workbook", master, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "Số phiếu chấm đã tạo" in done.stdout
    assert len(list(out.glob("*.xlsx"))) == 4
    path = out / "phieu-cham-diem-2023-nguyen-van-an.xlsx"
    book = load_workbook(path)
    ws = book["Phiếu chấm điểm"]
    ws["E7"], ws["F7"], ws["G7"] = 33, 20, 27
    book.save(path)
    report = tmp_path / "ket-qua.json"
    done = ocop_xl("score", "--workbook", master, "--report", report, path)
    assert done.returncode == 0, done.stderr
    assert "Đề nghị cấp tỉnh" in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["action"] == "score" and data["ok"] is True
    first = data["results"][0]
    assert first["product_id"] == "TK-001"
    assert first["mean"] == 76.25 and first["star"] == 4 and first["forwarded"] is True
    second = data["results"][1]
    assert second["product_id"] == "TK-002" and second["members_counted"] == 3
    assert "SCORES_MISSING" in second["flags"]  # An's workbook left TK-002 blank
    assert data["files"][0]["file"] == path.name


def test_strict_exits_1_when_a_score_is_wrong(master, tmp_path):
    _prepare(master, [score_row("TK-001", "Ai Đó", 30, 20, 25)])
    report = tmp_path / "r.json"
    plain = ocop_xl("score", "--workbook", master)
    assert plain.returncode == 0
    strict = ocop_xl("score", "--workbook", master, "--strict", "--report", report)
    assert strict.returncode == 1
    assert "SCORE_MEMBER_UNKNOWN" in strict.stdout
    issue = json.loads(report.read_text(encoding="utf-8"))["issues"][0]
    assert issue["code"] == "SCORE_MEMBER_UNKNOWN" and issue["cell"] == "C10"
    assert issue["sheet"] == "Chấm điểm" and "Ai Đó" in issue["message_vi"]


def test_a_missing_master_is_exit_3_with_a_vietnamese_message(tmp_path):
    done = ocop_xl("score", "--workbook", tmp_path / "khong-co.xlsx")
    assert done.returncode == 3
    assert "Không tìm thấy tệp tổng hợp" in done.stderr
    assert "Traceback" not in done.stderr
