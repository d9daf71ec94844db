"""The rules of a few actions on a master held in memory (tests/workbook_fake.py): what they
find, where they point, what they write and log, without a file. The same actions on real
files: tests/integration/test_tasks_matrix.py, test_progress_counts_done.py and
tests/e2e/test_cli_foundation.py."""

import pytest

from ocop_xl.actions import run_action
from ocop_xl.domain.issues import MasterError

from .. import plan_samples as samples
from ..workbook_fake import MemoryWorkbook


def found(issues) -> set[tuple[str, str, str]]:
    return {(i.code, i.location.sheet, i.location.cell) for i in issues}


def test_a_new_master_checks_clean_and_the_check_is_logged_once(tu_ky):
    wb = MemoryWorkbook.new(tu_ky)
    result = run_action("check-config", wb)
    assert result.errors == []
    assert result.counts["communes"] == len(tu_ky.communes) > 0
    assert result.counts["tasks"] == len(tu_ky.tasks) > 0
    assert result.data["profile"] == {
        "id": tu_ky.id,
        "year": tu_ky.year,
        "criteria_set": tu_ky.criteria_set,
    }
    assert [e.action for e in wb.audit] == ["check-config"] and wb.commits == 1
    assert wb.read_table("issues").empty
    assert wb.statuses[0].endswith("đang thực hiện…") and wb.statuses[-1] == ""


def test_check_config_names_the_cells_and_writes_them_to_kiem_tra(tu_ky):
    wb = MemoryWorkbook.new(tu_ky)
    wb.type_in("tasks", "D3", "KHONG_CO")
    wb.type_in("funding_sources", "C2", "năm trăm triệu")
    result = run_action("check-config", wb)
    assert found(result.issues) == {
        ("CONFIG_UNKNOWN_REFERENCE", "Nhiệm vụ", "D3"),
        ("CONFIG_VALUE_INVALID", "Nguồn vốn", "C2"),
    }
    assert all(i.is_error for i in result.issues)
    checks = wb.read_table("issues")
    assert sorted(zip(checks["sheet"], checks["cell"], strict=True)) == [
        ("Nguồn vốn", "C2"),
        ("Nhiệm vụ", "D3"),
    ]
    assert set(checks["severity"]) == {"Lỗi"}


def test_broken_assignments_are_refused_and_phan_cong_is_not_written(tu_ky):
    wb = MemoryWorkbook.new(tu_ky)
    wb.type_in("tasks", "D2", None)  # II.1: no lead
    wb.type_in("tasks", "D3", "NN, YT")  # II.2: two leads
    wb.type_in("tasks", "E4", "UBNDX, PHONG_LA")  # a coordinator that does not exist
    result = run_action("tasks", wb, out=None)
    assert found(result.issues) == {
        ("TASK_LEAD_MISSING", "Nhiệm vụ", "D2"),
        ("TASK_LEAD_SEVERAL", "Nhiệm vụ", "D3"),
        ("CONFIG_UNKNOWN_REFERENCE", "Nhiệm vụ", "E4"),
        ("TASKS_NOT_WRITTEN", "", ""),
    }
    assert "assignments" not in wb.documents and "tasks_matrix" not in wb.documents
    # the same tasks, mended: the matrix is written
    wb.type_in("tasks", "D2", tu_ky.tasks[0].lead)
    wb.type_in("tasks", "D3", tu_ky.tasks[1].lead)
    wb.type_in("tasks", "E4", None)
    again = run_action("tasks", wb, out=None)
    assert again.errors == [] and wb.documents


def test_progress_counts_only_the_support_given(tu_ky):
    wb = MemoryWorkbook.new(tu_ky)
    for name in ("registrations", "results", "budget_lines"):
        wb.write_table(name, getattr(samples, name)())
    result = run_action("progress", wb)
    actual = {t["code"]: (t["actual"], t["status"]) for t in result.data["targets"]}
    assert actual["BAOBI"] == (samples.PACKAGING_SUPPORTED, "Chưa đạt")
    assert actual["HOSOCL"] == (samples.QUALITY_SUPPORTED, "Chưa đạt")
    table = wb.read_table("progress").set_index("code")
    assert table.at["BAOBI", "actual"] == samples.PACKAGING_SUPPORTED
    # a line for a product not in Đăng ký is not support given
    regs = samples.registrations()
    wb.write_table("registrations", regs[regs["product_id"] != "HATHANH-01"])
    fewer = run_action("progress", wb)
    assert {t["code"]: t["actual"] for t in fewer.data["targets"]}["BAOBI"] == (
        samples.PACKAGING_SUPPORTED - 1
    )


def test_a_deleted_sheet_is_a_master_error_naming_it(tu_ky):
    wb = MemoryWorkbook.new(tu_ky)
    wb.drop_sheet("tasks")
    with pytest.raises(MasterError) as raised:
        run_action("tasks", wb, out=None)
    assert raised.value.code == "SHEET_MISSING" and "Nhiệm vụ" in raised.value.message_vi
