"""Every action appends one row to Nhật ký."""

import getpass
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from ocop_xl import __version__
from ocop_xl.actions import run_action
from ocop_xl.actions.registry import ACTIONS, action
from ocop_xl.actions.system import upgrade_macros
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.file_workbook import FileWorkbook


def _rows(master):
    ws = load_workbook(master)["Nhật ký"]
    return list(ws.iter_rows(min_row=2, values_only=True)), ws.tables["tblNhatKy"].ref


@pytest.fixture
def probe_actions():
    """Two throw-away actions, removed from the registry afterwards."""

    @action("test-audit-probe", "Thử nhật ký")
    def probe(wb):  # an action that read two files
        return ActionResult(
            "test-audit-probe",
            counts={"rows": 7},
            inputs=[("xa-a.xlsx", "ab" * 32), ("xa-b.xlsx", "cd" * 32)],
        )

    @action("test-audit-failing", "Thử lỗi")
    def failing(wb):
        wb.write_table("registrations", pd.DataFrame([{"product_id": "X"}]))
        raise RuntimeError("boom")

    yield
    ACTIONS.pop("test-audit-probe")
    ACTIONS.pop("test-audit-failing")


def test_each_action_appends_time_user_inputs_counts_duration_version(master, probe_actions):
    name = "test-audit-probe"
    before = datetime.now() - timedelta(seconds=1)
    for _ in range(2):
        run_action(name, FileWorkbook.open(master))
    rows, ref = _rows(master)
    # the action by its Vietnamese name, the command's stable name in the last column
    assert [r[1] for r in rows] == ["Tạo tệp tổng hợp", "Thử nhật ký", "Thử nhật ký"]
    assert [r[-1] for r in rows] == ["new-master", name, name]
    assert ref == "A1:H4"
    time, _action, user, inputs, counts, duration, version, _command = rows[-1]
    assert before <= time <= datetime.now() + timedelta(seconds=1)
    assert user == getpass.getuser()
    assert inputs == f"xa-a.xlsx ({'ab' * 32})\nxa-b.xlsx ({'cd' * 32})"
    assert counts == "Số dòng: 7, Lỗi: 0, Cảnh báo: 0"
    assert 0 <= duration < 60
    assert version == __version__


def test_new_master_an_action_and_upgrade_macros_each_write_their_row(master, probe_actions):
    """The three ways a master is written end the same way (``registry.log_and_commit``):
    one row in Nhật ký, then one save."""
    run_action("test-audit-probe", FileWorkbook.open(master))
    before = master.read_bytes()
    upgraded = Path(upgrade_macros(master).data["workbook"])
    assert upgraded == master.with_suffix(".xlsm")
    assert master.read_bytes() == before  # the .xlsx stays as it was
    upgrade_macros(upgraded)  # in place, once more
    rows, ref = _rows(upgraded)
    assert [(r[1], r[-1]) for r in rows] == [
        ("Tạo tệp tổng hợp", "new-master"),
        ("Thử nhật ký", "test-audit-probe"),
        ("Cập nhật macro", "upgrade-macros"),
        ("Cập nhật macro", "upgrade-macros"),
    ]
    assert ref == "A1:H5"
    assert [r[2] for r in rows] == [getpass.getuser()] * 4
    assert {r[6] for r in rows} == {__version__}


def test_a_failing_action_writes_nothing(master, probe_actions):
    before = master.read_bytes()
    with pytest.raises(RuntimeError):
        run_action("test-audit-failing", FileWorkbook.open(master))
    assert master.read_bytes() == before


def test_a_long_file_list_fits_in_its_cell(master):
    from ocop_xl.workbook.port import AuditEntry

    inputs = tuple((f"ho-so-xa/xa-{i:04d}.xlsx", f"{i:064x}") for i in range(1000))
    wb = FileWorkbook.open(master)
    wb.log(AuditEntry("consolidate", datetime.now(), "cb", __version__, 1.0, inputs=inputs))
    wb.commit()
    rows, _ = _rows(master)
    text = rows[-1][3]
    lines = text.splitlines()
    assert len(text) <= 32_767
    assert lines[0] == f"ho-so-xa/xa-0000.xlsx ({0:064x})"
    shown = len(lines) - 1
    assert lines[-1] == f"… và {1000 - shown} tệp khác"
    assert 300 < shown < 1000
