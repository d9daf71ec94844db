"""The plan's demo steps on a fresh master: sample activities, the department files, the
progress and every document with its PDF."""

from pathlib import Path

from openpyxl import load_workbook

from ocop_xl.actions.new_master import create_master
from ocop_xl.demo import plan
from ocop_xl.demo.context import DemoContext
from ocop_xl.profiles import load_profile

from ..conftest import require_soffice


def test_plan_demo_steps_write_the_files_and_documents(tmp_path):
    require_soffice()
    ctx = DemoContext(tmp_path)
    create_master(load_profile("tu-ky-2023"), ctx.master)
    outcomes = {name: step(ctx) for name, step in plan.STEPS}
    assert list(outcomes) == ["sample-activities", "tasks", "progress", "report"]
    assert all(result.ok for result in outcomes.values())

    activities = load_workbook(ctx.master)["Hoạt động"]
    rows = [r for r in activities.iter_rows(min_row=2, values_only=True) if r[0]]
    assert [r[0] for r in rows] == ["TAPHUAN", "LOGO", "DIEMBAN", "DIEMBAN"]
    assert all(r[-1] == "Số liệu mẫu" for r in rows)

    assert len(list((tmp_path / "phan-cong").glob("phan-cong-*.xlsx"))) == 8
    targets = {t["code"]: t for t in outcomes["progress"].data["targets"]}
    assert (targets["LOGO"]["actual"], targets["LOGO"]["status"]) == (1, "Đạt")
    assert (targets["DIEMBAN"]["actual"], targets["DIEMBAN"]["status"]) == (2, "Chưa đạt")
    exported = [d for d in outcomes["report"].data["documents"] if d["status"] == "exported"]
    assert {d["name"] for d in exported} >= {"task_matrix", "progress_report"}
    for doc in exported:
        assert doc["pdf"] and (tmp_path / "bao-cao" / Path(doc["pdf"]).name).exists()
