"""The in-memory master of the action tests (tests/workbook_fake.py) reads as a real file
does: the same tables from the same writes, and the same results from the same actions."""

import pandas as pd
import pytest

from ocop_xl.actions import run_action
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

from .. import plan_samples as samples
from ..workbook_fake import MemoryWorkbook

FILLED = ("registrations", "results", "budget_lines", "activities")


def same_table(real: pd.DataFrame, fake: pd.DataFrame, name: str) -> None:
    assert list(fake.columns) == list(real.columns), name
    assert list(fake.index) == list(real.index) and fake.index.name == real.index.name, name
    assert fake.to_numpy().tolist() == real.to_numpy().tolist(), name
    for key in ("sheet", "letters", "header_row"):
        assert fake.attrs[key] == real.attrs[key], (name, key)


@pytest.fixture
def both(master, tu_ky):
    samples.fill(master, *FILLED)
    fake = MemoryWorkbook.new(tu_ky, name=master.name)
    for name in FILLED:
        fake.write_table(name, getattr(samples, name)())
    return master, fake


def test_the_fake_reads_every_table_as_the_file(both):
    master, fake = both
    real = FileWorkbook.open(master, writable=False)
    for spec in MASTER.tables():
        if spec.name != "audit":  # the file's has new-master's row
            same_table(real.read_table(spec.name), fake.read_table(spec.name), spec.name)


@pytest.mark.parametrize("action", ["check-config", "tasks", "progress", "budget"])
def test_an_action_gives_the_same_result_and_tables_on_both(both, action):
    master, fake = both
    params = {"out": None} if action == "tasks" else {}
    on_file = run_action(action, FileWorkbook.open(master), **params)
    in_memory = run_action(action, fake, **params)
    assert in_memory.to_json() == on_file.to_json()
    real = FileWorkbook.open(master, writable=False)
    for spec in MASTER.tables():
        if spec.name != "audit":
            same_table(real.read_table(spec.name), fake.read_table(spec.name), spec.name)
    assert [e.action for e in fake.audit] == [action]
