"""Random everyday edits by the staff and random actions, in random order, on a demo
master: after every step, every cell the staff typed still holds what they typed (at its
place, or with its row, or moved to Lưu trữ), and an action that stops leaves the file as
it was (issue 10).

`make test` runs a few examples; `make soak` runs many (OCOP_STAFF_EXAMPLES, _STEPS)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from openpyxl import load_workbook
from openpyxl.formula.translate import Translator
from openpyxl.utils import get_column_letter, range_boundaries

from ..staff_support import copy_demo, ocop

EXAMPLES = int(os.environ.get("OCOP_STAFF_EXAMPLES", "5"))
STEPS = int(os.environ.get("OCOP_STAFF_STEPS", "8"))

# The tables the staff touch here, with the columns that tell their rows apart (a test's
# own key, by header text, independent of the program's).
TABLES = {
    "Đăng ký": ("Mã sản phẩm",),
    "Kiểm tra": ("Chức năng", "Mã lỗi", "Tệp", "Trang tính", "Ô"),
    "Chấm điểm": ("Mã sản phẩm", "Thành viên hội đồng"),
    "Kinh phí": ("Mã nội dung hỗ trợ", "Mã sản phẩm", "Diễn giải"),
}
ACTIONS = [
    ("budget",),
    ("budget", "--prefill"),
    ("consolidate",),
    ("score",),
    ("registry",),
    ("progress",),
    ("report",),
    ("check-config",),
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Sheet:
    """The one table of a sheet, as the file has it now (the test's own reading)."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.table = next(iter(ws.tables.values()))
        self.min_col, self.top, self.max_col, self.bottom = range_boundaries(self.table.ref)
        self.headers = {
            ws.cell(self.top, c).value: c for c in range(self.min_col, self.max_col + 1)
        }

    def key(self, row: int) -> tuple | None:
        values = tuple(self.ws.cell(row, self.headers[h]).value for h in TABLES[self.ws.title])
        return None if all(v is None for v in values) else values

    def rows(self) -> dict[tuple, int]:
        found: dict[tuple, int] = {}
        for row in range(self.top + 1, self.bottom + 1):
            key = self.key(row)
            if key is not None:
                found.setdefault(key, row)
        return found


class StaffAndActions(RuleBasedStateMachine):
    demo: Path

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="ocop-staff-"))
        self.master = copy_demo(self.demo, self.folder / "demo")
        self.notes: dict[tuple[str, str], str] = {}  # (sheet, cell) -> text beside a table
        self.column_values: dict[tuple[str, str, tuple], str] = {}  # (sheet, header, key)
        self.formulas: dict[tuple[str, str, tuple], tuple[str, str]] = {}  # -> (text, origin)
        self.count = 0

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- staff edits -----------------------------------------------------------------------
    def _book(self):
        return load_workbook(self.master)

    @rule(sheet=st.sampled_from(sorted(TABLES)), offset=st.integers(2, 4), row=st.integers(1, 9))
    def note_beside_a_table(self, sheet: str, offset: int, row: int) -> None:
        book = self._book()
        ws = book[sheet]
        col = Sheet(ws).max_col + offset
        ref = f"{get_column_letter(col)}{row}"
        if ws[ref].value is not None:
            return
        self.count += 1
        text = f"ghi chú {self.count}"
        ws[ref] = text
        book.save(self.master)
        self.notes[(sheet, ref)] = text

    @rule(sheet=st.sampled_from(sorted(TABLES)), pick=st.integers(0, 1000))
    def staff_column(self, sheet: str, pick: int) -> None:
        book = self._book()
        ws = book[sheet]
        table = Sheet(ws)
        rows = table.rows()
        if not rows:
            return
        self.count += 1
        header = f"Văn phòng {self.count}"
        col = table.max_col + 1
        if any(ws.cell(r, col).value is not None for r in range(1, ws.max_row + 2)):
            return  # a note stands there: the staff would insert a column first
        ws.cell(table.top, col, header)
        keys = list(rows)
        for key in keys[pick % len(keys) :: 3][:5]:
            value = f"đã xem {self.count}/{rows[key]}"
            ws.cell(rows[key], col, value)
            self.column_values[(sheet, header, key)] = value
        first = f"{get_column_letter(table.min_col)}{table.top}"
        table.table.ref = f"{first}:{get_column_letter(col)}{table.bottom}"
        if table.table.autoFilter is not None:
            table.table.autoFilter.ref = table.table.ref
        table.table.tableColumns = []  # named again from the header row when saved
        book.save(self.master)

    @rule(sheet=st.sampled_from(sorted(TABLES)), pick=st.integers(0, 1000))
    def formula_in_a_row(self, sheet: str, pick: int) -> None:
        book = self._book()
        ws = book[sheet]
        table = Sheet(ws)
        rows = table.rows()
        if not rows:
            return
        key = list(rows)[pick % len(rows)]
        row = rows[key]
        # a staff column if there is one, else the row's last column (a declared one)
        header = max(table.headers, key=lambda h: table.headers[h])
        col = table.headers[header]
        text = f'=LEN(${get_column_letter(table.min_col)}{row})&" ký tự"'
        ws.cell(row, col).value = text
        book.save(self.master)
        self.formulas[(sheet, header, key)] = (text, f"{get_column_letter(col)}{row}")
        self.column_values.pop((sheet, header, key), None)

    @rule(sheet=st.sampled_from(["Kinh phí", "Chấm điểm"]))
    def sort_the_rows(self, sheet: str) -> None:
        """Excel's sort: rows swap places; a formula in a moved row is adjusted to it."""
        book = self._book()
        ws = book[sheet]
        table = Sheet(ws)
        rows = list(range(table.top + 1, table.bottom + 1))
        if len(rows) < 2:
            return
        cols = range(table.min_col, table.max_col + 1)
        grid = {(r, c): ws.cell(r, c).value for r in rows for c in cols}
        for new, old in zip(rows, reversed(rows), strict=True):
            for c in cols:
                value = grid[(old, c)]
                if isinstance(value, str) and value.startswith("="):
                    value = Translator(
                        value, origin=f"{get_column_letter(c)}{old}"
                    ).translate_formula(f"{get_column_letter(c)}{new}")
                ws.cell(new, c).value = value
        book.save(self.master)

    @rule(sheet=st.sampled_from(sorted(TABLES)))
    def rename_the_table(self, sheet: str) -> None:
        book = self._book()
        table = Sheet(book[sheet]).table
        self.count += 1
        table.displayName = table.name = f"Bang{self.count}"
        book.save(self.master)

    @rule(sheet=st.sampled_from(["Kinh phí", "Kiểm tra", "Chấm điểm"]))
    def insert_a_title_row(self, sheet: str) -> None:
        """A row inserted above the table, with a title, as Excel moves everything down."""
        book = self._book()
        ws = book[sheet]
        ws.move_range(f"A1:{get_column_letter(ws.max_column)}{ws.max_row}", rows=1, translate=True)
        for table in ws.tables.values():
            table.ref = _shift(table.ref)
            if table.autoFilter is not None:
                table.autoFilter.ref = _shift(table.autoFilter.ref)
        for dv in ws.data_validations.dataValidation:
            dv.sqref = type(dv.sqref)(" ".join(_shift(p) for p in str(dv.sqref).split()))
        from openpyxl.formatting.formatting import ConditionalFormattingList

        shifted = ConditionalFormattingList()
        for cf in ws.conditional_formatting:
            for rule_ in cf.rules:
                shifted.add(" ".join(_shift(p) for p in str(cf.sqref).split()), rule_)
        ws.conditional_formatting = shifted
        for name in book.defined_names.values():
            text = str(name.attr_text)
            if text.startswith(f"'{sheet}'!"):
                ref = text.split("!", 1)[1].replace("$", "")
                shifted_ref = _shift(ref)
                first, last = shifted_ref.split(":")
                name.attr_text = f"'{sheet}'!${_abs(first)}:${_abs(last)}"
        ws["A1"] = f"TIÊU ĐỀ {sheet.upper()}"
        self.notes = {
            (s, ref if s != sheet else _shift(ref)): t for (s, ref), t in self.notes.items()
        }
        self.notes[(sheet, "A1")] = ws["A1"].value
        moved = {}
        for k, (text, origin) in self.formulas.items():
            if k[0] == sheet:
                row = int("".join(ch for ch in origin if ch.isdigit()))
                letter = "".join(ch for ch in origin if ch.isalpha())
                text = Translator(text, origin=origin).translate_formula(f"{letter}{row + 1}")
                origin = f"{letter}{row + 1}"
            moved[k] = (text, origin)
        self.formulas = moved
        book.save(self.master)

    # -- actions ---------------------------------------------------------------------------
    @rule(args=st.sampled_from(ACTIONS))
    def run_an_action(self, args: tuple[str, ...]) -> None:
        before = digest(self.master)
        code, output = ocop(args[0], "-w", str(self.master), *args[1:])
        assert code in (0, 3), output
        if code == 3:
            assert digest(self.master) == before, "an action that stopped changed the master"
            assert "Traceback" not in output

    # -- the promise -----------------------------------------------------------------------
    @invariant()
    def every_typed_cell_is_kept(self) -> None:
        book = load_workbook(self.master)
        for (sheet, ref), text in self.notes.items():
            assert book[sheet][ref].value == text, (sheet, ref)
        archived = _archived(book)
        tables = {sheet: Sheet(book[sheet]) for sheet in TABLES}
        for (sheet, header, key), value in self.column_values.items():
            table = tables[sheet]
            row = table.rows().get(key)
            if row is not None and header in table.headers:
                assert table.ws.cell(row, table.headers[header]).value == value, (sheet, key)
            else:
                assert (sheet, header, value) in archived, (sheet, header, key, value)
        for (sheet, header, key), (text, origin) in self.formulas.items():
            table = tables[sheet]
            row = table.rows().get(key)
            if row is None:
                assert any(a[0] == sheet and a[2] == text for a in archived), (sheet, key)
                continue
            cell = table.ws.cell(row, table.headers[header])
            letter = "".join(ch for ch in origin if ch.isalpha())
            expected = Translator(text, origin=origin).translate_formula(f"{letter}{row}")
            assert cell.value == expected, (sheet, key, cell.coordinate)


def _archived(book: Any) -> set[tuple]:
    if "Lưu trữ" not in book.sheetnames:
        return set()
    ws = book["Lưu trữ"]
    header = [c.value for c in ws[1]]
    rows = set()
    for values in ws.iter_rows(min_row=2, values_only=True):
        record = dict(zip(header, values, strict=False))
        rows.add((record.get("Trang tính"), record.get("Cột"), record.get("Nội dung")))
    return rows


def _shift(ref: str) -> str:
    def one(cell: str) -> str:
        letters = "".join(ch for ch in cell if ch.isalpha())
        digits = "".join(ch for ch in cell if ch.isdigit())
        return f"{letters}{int(digits) + 1}" if digits else cell

    return ":".join(one(part) for part in ref.split(":"))


def _abs(cell: str) -> str:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    return f"{letters}${digits}"


def test_staff_edits_survive_any_action_in_any_order(demo_folder):
    StaffAndActions.demo = demo_folder
    run_state_machine_as_test(
        StaffAndActions,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=os.environ.get("OCOP_STAFF_RANDOM") is None,
        ),
    )
