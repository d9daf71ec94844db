"""Large tables are saved without openpyxl cells (workbook/fast_sheet.py). The same frame
written that way and through openpyxl cells must give the same workbook; what the fast
path cannot carry goes through openpyxl."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import python_calamine
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from ocop_xl.workbook import fast_sheet
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.libreoffice import convert
from ocop_xl.workbook.openpyxl_compat import FAST_ENV
from ocop_xl.workbook.port import AuditEntry

from ..conftest import require_soffice, require_tool
from .addin_helpers import build_master
from .test_xlsm_roundtrip import assert_kept, snapshot

SHEET = "Đăng ký"
TABLE = "tblDangKy"

TEXTS = [
    "Mật ong hoa nhãn Hà Kỳ",
    "  khoảng trắng ở đầu",
    "ở cuối  ",
    "   ",
    "A & B <c> d>e",
    "dòng 1\ndòng 2",
    '=HYPERLINK("http://x","bấm")',
    "=SUM(A1:A3)",
    "+84 912 345 678",
    "-5",
    "@SUM(A1)",
    "#N/A",
    "",
    "\tthụt đầu dòng",
    "ký tự \x01lạ\x07",
    "Đường lên xứ Lạng " * 3,
]
NUMBERS = [
    Decimal("1.25"),
    Fraction(1, 3),
    np.int64(5),
    np.float64(2.5),
    True,
    False,
    float("nan"),
    10**17 + 3,
    -0.000123,
    0,
]
WHEN = [
    date(2024, 1, 2),
    datetime(2024, 1, 2, 10, 30, 5),
    pd.Timestamp("2023-05-06 07:08:09"),
    None,
    pd.NaT,
    date(1900, 2, 1),
]


@pytest.fixture(autouse=True)
def fast_paths_on():
    """These tests are about the fast paths: on, even in the plain run (OCOP_XL_FAST=0).
    (A monkeypatch of its own: the tests' monkeypatch.undo() leaves it.)"""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(FAST_ENV, "1")
        yield


def variety(n: int) -> pd.DataFrame:
    rows = []
    for i in range(n):
        rows.append(
            {
                "product_id": f"SP{i:05d}",
                "commune_code": None if i % 7 == 3 else "ha-ky",
                "product_name": TEXTS[i % len(TEXTS)],
                "group_code": NUMBERS[i % len(NUMBERS)],
                "producer": f"HTX {TEXTS[(i * 5) % len(TEXTS)]}",
                "current_stars": [3, None, "ba", 4.0][i % 4],
                "certificate_date": WHEN[i % len(WHEN)],
                "notes": [datetime(2024, 3, 4, 5, 6), 1.5, "ghi chú", None][i % 4],
                "source_row": i + 5,
            }
        )
    rows[1]["support"] = "x" * 40_000  # beyond Excel's 32,767 characters
    return pd.DataFrame(rows)


def staff_touches(path: Path) -> None:
    """What the office may have done to the sheet before the write."""
    book = load_workbook(path)
    ws = book[SHEET]
    ws["B5"].fill = PatternFill("solid", start_color="FFFF00")  # a column without a look
    ws["D6"].fill = PatternFill("solid", start_color="00FF00")  # a wrapped column
    ws.row_dimensions[4].height = 33
    ws.row_dimensions[7].hidden = True
    ws["W5"] = "ghi chú ngoài bảng"
    ws["W5"].comment = Comment("Của phòng", "cb")
    ws["Y40"] = 12
    book.save(path)


def write(path: Path, frame: pd.DataFrame, *, fast: bool, monkeypatch) -> pd.DataFrame:
    monkeypatch.setattr(fast_sheet, "FAST_MIN_CELLS", 2000 if fast else 10**9)
    wb = FileWorkbook.open(path)
    wb.write_table("registrations", frame)
    assert (TABLE in wb.held_tables) is fast
    same_session = wb.read_table("registrations")
    wb.commit()
    return same_session


def cell_view(path: Path) -> dict:
    ws = load_workbook(path)[SHEET]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            cells[c.coordinate] = (
                c.value,
                c.data_type if c.value is not None else None,  # (an empty cell has no type)
                c.number_format,
                c.alignment.wrap_text,
                c.alignment.vertical,
                c.fill.fgColor.rgb if c.fill.fill_type else None,
                c.font.b,
                c.comment.text if c.comment else None,
            )
    return cells


def sheet_view(path: Path) -> dict:
    book = load_workbook(path)
    ws = book[SHEET]
    table = ws.tables[TABLE]
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(sheet_part(book)).decode()
    dimension = re.search(r'<dimension ref="([^"]+)"', xml).group(1)
    return {
        "ref": table.ref,
        "filter": table.autoFilter.ref,
        "columns": [c.name for c in table.tableColumns],
        "validations": sorted(
            (str(dv.sqref), dv.type, dv.formula1, dv.prompt)
            for dv in ws.data_validations.dataValidation
        ),
        "formats": sorted(str(cf.sqref) for cf in ws.conditional_formatting),
        "names": sorted((n, str(d.attr_text)) for n, d in book.defined_names.items()),
        "widths": {k: (d.width, d.hidden) for k, d in ws.column_dimensions.items()},
        "heights": {k: (d.height, d.hidden) for k, d in ws.row_dimensions.items()},
        "freeze": ws.freeze_panes,
        "dimension": dimension,
    }


def sheet_part(book) -> str:
    """The Đăng ký sheet's part in a file openpyxl saved (parts numbered in tab order)."""
    return f"xl/worksheets/sheet{book.sheetnames.index(SHEET) + 1}.xml"


def calamine_rows(path: Path) -> list:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(SHEET).to_python()


@pytest.fixture
def pair(tmp_path, master):
    staff_touches(master)
    slow, fast = tmp_path / "slow" / "ocop_master.xlsx", tmp_path / "fast" / "ocop_master.xlsx"
    for path in (slow, fast):
        path.parent.mkdir()
        shutil.copy(master, path)
    return slow, fast


def test_the_fast_path_writes_what_openpyxl_cells_would(pair, monkeypatch):
    slow, fast = pair
    frame = variety(150)  # 150 rows x 21 columns: above the threshold
    read_slow = write(slow, frame, fast=False, monkeypatch=monkeypatch)
    read_fast = write(fast, frame, fast=True, monkeypatch=monkeypatch)

    pd.testing.assert_frame_equal(read_fast, read_slow)  # read back in the same session
    assert read_fast.loc[2, "product_id"] == "SP00000" and len(read_fast) == 150
    assert cell_view(fast) == cell_view(slow)
    assert sheet_view(fast) == sheet_view(slow)
    assert calamine_rows(fast) == calamine_rows(slow)
    reread = [FileWorkbook.open(p, writable=False).read_table("registrations") for p in pair]
    pd.testing.assert_frame_equal(reread[1], reread[0])

    ws = load_workbook(fast)[SHEET]
    assert ws["B5"].fill.fgColor.rgb.endswith("FFFF00")  # kept by position
    assert ws.row_dimensions[4].height == 33 and ws.row_dimensions[7].hidden
    assert ws["W5"].value == "ghi chú ngoài bảng" and ws["W5"].comment.text == "Của phòng"
    assert ws["Y40"].value == 12
    assert len(ws["Q3"].value) == 32_767  # 40,000 characters cut where Excel cuts them


def test_text_that_looks_like_a_formula_stays_text(pair, monkeypatch):
    _, fast = pair
    write(fast, variety(120), fast=True, monkeypatch=monkeypatch)
    ws = load_workbook(fast)[SHEET]
    texts = {ws.cell(r, 4).value: ws.cell(r, 4).data_type for r in range(2, 122)}
    for text in ('=HYPERLINK("http://x","bấm")', "=SUM(A1:A3)", "+84 912 345 678", "-5"):
        assert texts[text] == "s", text
    assert texts["@SUM(A1)"] == "s" and texts["#N/A"] == "s"
    with zipfile.ZipFile(fast) as archive:
        xml = archive.read(sheet_part(load_workbook(fast)))
    assert b"<f>" not in xml and b't="e"' not in xml


def test_rewriting_a_large_table_keeps_staff_columns_by_key(master, monkeypatch):
    ids = [f"P{i:04d}" for i in range(300)]
    frame = pd.DataFrame({"product_id": ids, "product_name": [f"Sản phẩm {i}" for i in ids]})
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", frame)
    assert TABLE in wb.held_tables
    wb.commit()
    book = load_workbook(master)
    ws = book[SHEET]
    ws["V1"] = "Ý kiến phòng"  # the staff widen the table by one column
    ws.tables[TABLE].ref = ws.tables[TABLE].autoFilter.ref = "A1:V301"
    ws.tables[TABLE].tableColumns = []
    ws["V2"], ws["V301"] = "tốt", "cần bổ sung"  # P0000 and P0299
    book.save(master)

    wb = FileWorkbook.open(master)  # the rows are openpyxl cells now: rewritten fast
    wb.write_table("registrations", frame.iloc[::-1].reset_index(drop=True))
    assert TABLE in wb.held_tables
    again = wb.read_table("registrations")
    assert again.loc[2, "Ý kiến phòng"] == "cần bổ sung" and again.loc[301, "Ý kiến phòng"] == "tốt"
    wb.write_table("registrations", again)  # from held rows to held rows
    wb.commit()
    frame = FileWorkbook.open(master, writable=False).read_table("registrations")
    assert list(frame["product_id"])[:2] == ["P0299", "P0298"]
    assert frame.loc[2, "Ý kiến phòng"] == "cần bổ sung" and frame.loc[301, "Ý kiến phòng"] == "tốt"
    assert frame["Ý kiến phòng"].notna().sum() == 2
    assert load_workbook(master)[SHEET].tables[TABLE].ref == "A1:V301"


@pytest.mark.parametrize("what", ["comment", "hyperlink", "formula"])
def test_what_the_fast_path_cannot_carry_goes_through_openpyxl(master, what):
    ids = [f"P{i:04d}" for i in range(200)]
    frame = pd.DataFrame({"product_id": ids, "product_name": ids})
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", frame)
    wb.commit()
    book = load_workbook(master)
    ws = book[SHEET]
    if what == "comment":
        ws["D10"].comment = Comment("Hỏi lại xã", "cb")
    elif what == "hyperlink":
        ws["D10"].hyperlink = Hyperlink(ref="D10", target="https://ocop.gov.vn")
    else:
        ws["R10"] = "=LEN(D10)"
    book.save(master)

    wb = FileWorkbook.open(master)
    wb.write_table("registrations", frame)
    assert TABLE not in wb.held_tables
    wb.commit()
    ws = load_workbook(master)[SHEET]
    assert [ws.cell(r, 1).value for r in (2, 201)] == ["P0000", "P0199"]
    if what == "comment":
        assert ws["D10"].comment.text == "Hỏi lại xã"
    elif what == "hyperlink":
        assert ws["D10"].hyperlink.target == "https://ocop.gov.vn"


def test_values_the_fast_path_does_not_write_go_through_openpyxl(master):
    frame = pd.DataFrame({"product_id": [f"P{i}" for i in range(200)], "notes": time(8, 30)})
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", frame)
    assert TABLE not in wb.held_tables
    wb.commit()
    assert load_workbook(master)[SHEET]["R2"].value == time(8, 30)


def test_writes_after_a_large_table_land_where_they_should(master):
    """The audit row is appended cell by cell, a second save still carries the rows, and a
    cell written by other code over held rows wins over them."""
    wb = FileWorkbook.open(master)
    audit = pd.DataFrame({"action": [f"hành động {i}" for i in range(400)]})
    wb.write_table("audit", audit)
    assert "tblNhatKy" in wb.held_tables
    wb.log(AuditEntry("consolidate", datetime(2024, 5, 6), "cb", "1", 0.5))
    wb.write_table("registrations", variety(150))
    wb.commit()
    wb.book[SHEET]["C3"] = "sửa tay"
    wb.save()
    book = load_workbook(master)
    log = book["Nhật ký"]
    assert log["B401"].value == "hành động 399" and log["B402"].value == "consolidate"
    assert book[SHEET]["C3"].value == "sửa tay" and book[SHEET]["A151"].value == "SP00149"
    frame = FileWorkbook.open(master, writable=False).read_table("registrations")
    assert len(frame) == 150


def test_an_xlsm_master_keeps_its_macro_side(tmp_path):
    master = build_master(tmp_path)
    before = snapshot(master)
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", variety(200))
    wb.write_table("issues", pd.DataFrame({"code": [f"MA_{i}" for i in range(300)]}))
    assert {TABLE, "tblKiemTra"} <= wb.held_tables
    wb.commit()
    assert_kept(snapshot(master), before)
    with zipfile.ZipFile(master) as archive:
        assert archive.testzip() is None
    frame = FileWorkbook.open(master, writable=False).read_table("issues")
    assert len(frame) == 300


def test_a_save_killed_while_repacking_leaves_the_old_master_intact(master):
    before = master.read_bytes()
    script = textwrap.dedent(
        f"""
        import os, signal
        import pandas as pd
        from ocop_xl.workbook import fast_sheet
        from ocop_xl.workbook.file_workbook import FileWorkbook

        wb = FileWorkbook.open({str(master)!r})
        rows = [{{"product_id": f"P{{i}}", "product_name": "x" * 200}} for i in range(3000)]
        wb.write_table("registrations", pd.DataFrame(rows))
        assert wb.held_tables

        def die(*args, **kwargs):  # the sheet part is being written
            os.kill(os.getpid(), signal.SIGKILL)

        fast_sheet.splice_rows = die
        wb.commit()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=Path(__file__).parents[2], check=False
    )
    assert done.returncode == -9
    assert master.read_bytes() == before
    FileWorkbook.open(master, writable=False).read_table("communes")


def test_libreoffice_reads_the_fast_path_file(tmp_path, master):
    require_soffice()
    frame = pd.DataFrame(
        {
            "product_id": [f"SP{i:04d}" for i in range(150)],
            "product_name": [f"Mật ong & bánh <{i}>" for i in range(150)],
            "current_stars": [i % 5 + 1 for i in range(150)],
            "certificate_date": [date(2024, 1, 1 + i % 28) for i in range(150)],
        }
    )
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", frame)
    assert TABLE in wb.held_tables
    wb.commit()

    converted = convert(master, "xlsx", tmp_path / "lo")
    rows = calamine_rows(converted)
    assert rows[0][:4] == ["Mã sản phẩm", "Mã xã", "Xã, thị trấn", "Tên sản phẩm"]
    assert [r[0] for r in rows[1:151]] == list(frame["product_id"])
    assert [r[3] for r in rows[1:151]] == list(frame["product_name"])
    assert [int(r[13]) for r in rows[1:151]] == list(frame["current_stars"])
    ws = load_workbook(converted)[SHEET]
    assert ws["P2"].value.date() == date(2024, 1, 1) and ws["P2"].is_date

    require_tool("pdftotext")
    pdf = convert(master, "pdf", tmp_path / "pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "SP0000" in text and "SP0149" in text
