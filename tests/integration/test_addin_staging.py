"""LiveWorkbook stages its writes and applies them in commit(): an action that fails half
way leaves the book open in Excel as it was, like the file master's atomic save. On the
Excel stand-in (excel_standin.py), with real actions and faults injected between writes
and inside commit()."""

from __future__ import annotations

from datetime import date

import pytest

from ocop_xl.actions import run_action
from ocop_xl.excel.live_workbook import LiveWorkbook
from ocop_xl.excel.staging import CellBlock, TableSize
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook.commune_template import template_file_name, write_filled

from . import excel_standin
from .excel_standin import open_in_excel
from .test_addin_live_report import _state
from .test_consolidate_files import row


class Fault(Exception):
    """The failure injected into an action."""


@pytest.fixture
def sources(master, tu_ky):
    folder = master.parent / "ho-so-xa"
    folder.mkdir()
    for code in [c.code for c in tu_ky.communes][:2]:
        commune = tu_ky.commune(code)
        rows = [row(f"Sản phẩm {code} {i}") for i in range(3)]
        write_filled(
            folder / template_file_name(tu_ky, commune),
            tu_ky,
            criteria_set(tu_ky.criteria_set),
            commune,
            rows,
            date.today(),
        )
    return [folder]


def test_consolidate_writes_three_tables_only_when_it_commits(master, sources):
    book = open_in_excel(master)
    live = LiveWorkbook(book)
    before = _state(book)
    written: list[str] = []
    commit = live.commit

    def commit_after_looking() -> None:
        written.extend(op.sheet for op in live.staged if isinstance(op, TableSize))
        assert _state(book) == before  # nothing in Excel yet, three tables staged
        commit()

    live.commit = commit_after_looking  # type: ignore[method-assign]
    result = run_action("consolidate", live, sources=sources)
    assert result.counts.get("products", 0) or len(live.read_table("registrations")) == 6
    assert {"Đăng ký", "Kiểm tra", "Nhật ký"} <= set(written)
    assert _state(book) != before and live.staged == []
    assert len(live.read_table("registrations")) == 6


def test_a_fault_between_two_writes_leaves_the_open_book_unchanged(master, sources):
    book = open_in_excel(master)
    live = LiveWorkbook(book)
    before = _state(book)
    write_table = live.write_table
    calls: list[str] = []

    def failing_second_write(name, frame):
        calls.append(name)
        if len(calls) == 2:
            raise Fault("between two writes")
        write_table(name, frame)

    live.write_table = failing_second_write  # type: ignore[method-assign]
    with pytest.raises(Fault):
        run_action("consolidate", live, sources=sources)
    assert len(calls) == 2  # the first table was written (staged), the second failed
    assert _state(book) == before
    assert not [c for c in book.app.calls if c[0] in ("write", "delete", "copy")]


def test_excel_refusing_a_write_in_commit_puts_back_what_went_in(master, sources, monkeypatch):
    book = open_in_excel(master)
    live = LiveWorkbook(book)
    before = _state(book)
    setter = excel_standin.Range.value.fset
    count = {"writes": 0}

    def refuse_the_third(self, values):
        count["writes"] += 1
        if count["writes"] == 3:
            raise Fault("Excel refused a write")
        setter(self, values)

    monkeypatch.setattr(
        excel_standin.Range, "value", property(excel_standin.Range.value.fget, refuse_the_third)
    )
    with pytest.raises(Fault):
        run_action("consolidate", live, sources=sources)
    assert count["writes"] > 3  # two blocks went in, then were written back as they were
    assert blank_rows_dropped(_state(book)) == blank_rows_dropped(before)


def blank_rows_dropped(state: tuple) -> tuple:
    """The state without blank rows at the end of each sheet: cells written back blank
    are blank to Excel, though the openpyxl stand-in keeps them as cells."""
    sheets = []
    for title, rows, tables in state[2]:
        rows = list(rows)
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        sheets.append((title, rows, tables))
    return (*state[:2], sheets, *state[3:])


def test_a_block_leaves_cells_out_one_by_one():
    block = CellBlock("Đăng ký", 2, 1, (("a", "b", "c"), ("d", "e", "f")))
    assert block.address == "A2:C3"
    parts = block.without({(2, 2), (3, 1)})
    assert [(p.row, p.column, p.values) for p in parts] == [
        (2, 1, (("a",),)),
        (2, 3, (("c",),)),
        (3, 2, (("e", "f"),)),
    ]
    assert {(r, c) for p in parts for r, c, _ in p.cells()} == {(2, 1), (2, 3), (3, 2), (3, 3)}


def test_an_action_in_excel_keeps_the_office_s_formulas(master, sources):
    """Consolidation in the open book: a formula typed in Đăng ký (a staff column) and one
    in Nguồn vốn are read as Excel calculates them and are still formulas after commit."""
    book = open_in_excel(master)
    live = LiveWorkbook(book)
    run_action("consolidate", live, sources=sources)
    sheets = book.sheets
    registrations = sheets["Đăng ký"].ws
    registrations["V1"] = "Độ dài tên"  # a column the office adds, with a formula
    table = registrations.tables["tblDangKy"]
    table.ref = table.ref.replace("U", "V")
    table.autoFilter.ref = table.ref
    table.tableColumns = []
    registrations["V2"] = "=LEN(D2)"
    sheets["Nguồn vốn"].ws["C2"] = "=2*250000000"
    frame = live.read_table("funding_sources")
    assert frame.loc[2, "available"] == 500_000_000  # what Excel calculated
    run_action("consolidate", live, sources=sources)
    assert registrations["V2"].value == "=LEN(D2)"
    assert sheets["Nguồn vốn"].ws["C2"].value == "=2*250000000"
    assert live.read_table("registrations").loc[2, "Độ dài tên"] == len(registrations["D2"].value)
