"""Each action reads the configuration sections it uses (issue 17, point 2): a mistake in a
sheet an action does not use no longer stops it; check-config still reports it, and an
action that uses that sheet still stops at the same cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.domain.issues import ConfigError
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.profile_sheets import SheetProfile, read_profile


def _break(master: Path, table: str, key: str, value: object, **others: object) -> tuple[str, str]:
    """Type a wrong value (``key``) in the first row of a configuration table, with the
    ``others`` of that row; the wrong value's sheet and cell."""
    spec = MASTER.table(table)
    book = load_workbook(master)
    ws = book[spec.sheet]
    cells = {}
    for name, typed in {**others, key: value}.items():
        cell = ws.cell(spec.header_row + 1, spec.first_col + list(spec.keys).index(name))
        cell.value = typed
        cells[name] = cell.coordinate
    book.save(master)
    return spec.sheet, cells[key]


def _config_errors(master: Path) -> set[tuple[str, str, str]]:
    result = run_action("check-config", FileWorkbook.open(master))
    return {(i.code, i.location.sheet, i.location.cell) for i in result.errors}


def _stopped_at(master: Path, name: str, **params) -> tuple[str, str, str]:
    with pytest.raises(ConfigError) as info:
        run_action(name, FileWorkbook.open(master), **params)
    where = info.value.issue.location
    return info.value.code, where.sheet, where.cell


def test_a_council_mistake_stops_the_score_sheets_not_the_budget(master, tmp_path):
    sheet, cell = _break(master, "council", "role", "Trưởng ban", name="Lê Văn Mẫu")
    assert sheet == "Hội đồng"
    wrong = ("CONFIG_VALUE_INVALID", sheet, cell)
    assert _config_errors(master) == {wrong}

    result = run_action("budget", FileWorkbook.open(master))
    assert not result.errors
    book = load_workbook(master)
    assert book["Nhật ký"].max_row > 1 and "budget" in [
        c.value for row in book["Nhật ký"].iter_rows() for c in row
    ]

    assert _stopped_at(master, "score-sheets", out=tmp_path / "phieu") == wrong
    assert not (tmp_path / "phieu").exists() or not any((tmp_path / "phieu").iterdir())


def test_a_funding_mistake_stops_the_budget_not_the_task_matrix(master):
    sheet, cell = _break(master, "funding_sources", "available", "khoảng 2 tỷ")
    wrong = ("CONFIG_VALUE_INVALID", sheet, cell)
    assert _config_errors(master) == {wrong}

    result = run_action("tasks", FileWorkbook.open(master))
    assert not result.errors and result.counts["tasks"] > 0
    assert "TASKS_NOT_WRITTEN" not in {i.code for i in result.issues}

    assert _stopped_at(master, "budget") == wrong
    # a support item names its funding sources: reading them reads Nguồn vốn too
    assert _stopped_at(master, "template", out=master.parent / "mau") == wrong


def test_a_section_not_named_is_read_and_checked_when_first_used(master, tu_ky):
    sheet, cell = _break(master, "funding_sources", "available", "khoảng 2 tỷ")
    profile = read_profile(FileWorkbook.open(master, writable=False), ("communes",))
    assert isinstance(profile, SheetProfile)
    assert profile.year == tu_ky.year and profile.communes == tu_ky.communes
    assert profile.departments == tu_ky.departments  # read now, from its sheet
    for section in ("funding_sources", "support_items"):
        with pytest.raises(ConfigError) as info:
            getattr(profile, section)
        where = info.value.issue.location
        assert (info.value.code, where.sheet, where.cell) == ("CONFIG_VALUE_INVALID", sheet, cell)


def test_a_whole_read_still_stops_at_the_first_broken_cell(master):
    sheet, cell = _break(master, "council", "role", "Trưởng ban", name="Lê Văn Mẫu")
    with pytest.raises(ConfigError) as info:
        read_profile(FileWorkbook.open(master, writable=False))
    assert (info.value.issue.location.sheet, info.value.issue.location.cell) == (sheet, cell)


def test_a_profile_read_in_parts_is_the_profile(master, tu_ky):
    profile = read_profile(FileWorkbook.open(master, writable=False), ())
    assert profile.model_dump() == tu_ky.model_dump()


def test_every_action_of_the_demo_names_the_sections_it_reads(demo_late_reads):
    # a section read after an action started could stop it half way through its writes
    assert demo_late_reads == []
