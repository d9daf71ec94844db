"""The Workbook port on real files: whole tables in and out, what the staff added kept."""

import os
import stat
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from ocop_xl.domain.issues import MasterError
from ocop_xl.workbook.atomic import BACKUP_DIR
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.libreoffice import convert

from ..conftest import require_soffice


def _registrations(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"product_id": i, "commune_code": "ha-ky", "product_name": f"Sản phẩm {i}"} for i in ids]
    )


def test_written_table_reads_back_with_cells(master):
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", _registrations(["P1", "P2"]))
    wb.commit()
    frame = FileWorkbook.open(master, writable=False).read_table("registrations")
    assert list(frame["product_id"]) == ["P1", "P2"]
    assert list(frame.index) == [2, 3]
    assert frame.attrs["sheet"] == "Đăng ký" and frame.attrs["letters"]["product_name"] == "D"
    assert load_workbook(master)["Đăng ký"].tables["tblDangKy"].ref == "A1:U3"


def test_round_trip_keeps_what_the_staff_added(master):
    book = load_workbook(master)
    book.create_sheet("Ghi chép riêng")["A1"] = "Sổ tay của phòng"
    ws = book["Đăng ký"]
    ws["W5"] = "ô ngoài bảng"
    ws["W5"].fill = PatternFill("solid", start_color="FFFF00")
    ws["W5"].comment = Comment("Ghi chú của cán bộ", "cb")
    ws["X1"].number_format = "0.000"
    book["Danh mục xã"]["B3"].comment = Comment("Đã kiểm tra", "cb")
    book.save(master)

    wb = FileWorkbook.open(master)
    wb.write_table("registrations", _registrations(["P1", "P2", "P3"]))
    wb.commit()

    book = load_workbook(master)
    assert "Ghi chép riêng" in book.sheetnames
    ws = book["Đăng ký"]
    assert ws["W5"].value == "ô ngoài bảng"
    assert ws["W5"].fill.start_color.rgb.endswith("FFFF00")
    assert ws["W5"].comment.text == "Ghi chú của cán bộ"
    assert ws["X1"].number_format == "0.000"
    assert book["Danh mục xã"]["B3"].comment.text == "Đã kiểm tra"


def test_staff_columns_inside_a_table_follow_the_row_key(master):
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", _registrations(["P1", "P2", "P3"]))
    wb.commit()
    book = load_workbook(master)
    ws = book["Đăng ký"]
    table = ws.tables["tblDangKy"]
    ws["V1"] = "Ý kiến phòng"  # the staff widen the table by one column
    table.ref = "A1:V4"
    table.tableColumns = []  # let openpyxl rebuild the column list from the header row
    table.autoFilter.ref = "A1:V4"
    ws["V2"], ws["V4"] = "tốt", "cần bổ sung"  # P1 and P3
    book.save(master)

    wb = FileWorkbook.open(master)
    wb.write_table("registrations", _registrations(["P3", "P9", "P1"]))  # reordered, one new
    wb.commit()
    frame = FileWorkbook.open(master, writable=False).read_table("registrations")
    assert list(frame["product_id"]) == ["P3", "P9", "P1"]
    assert list(frame["Ý kiến phòng"]) == ["cần bổ sung", None, "tốt"]


def test_text_that_looks_like_a_formula_stays_text(master):
    wb = FileWorkbook.open(master)
    frame = _registrations(["P1", "P2"])
    frame.loc[0, "product_name"] = '=HYPERLINK("http://x","bấm")'
    frame.loc[1, "product_name"] = "@SUM(A1)"
    wb.write_table("registrations", frame)
    wb.commit()
    ws = load_workbook(master)["Đăng ký"]
    assert ws["D2"].data_type == "s" and ws["D2"].value.startswith("=HYPERLINK")
    assert ws["D3"].data_type == "s" and ws["D3"].value == "@SUM(A1)"
    with zipfile.ZipFile(master) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)


def test_rows_typed_below_a_table_still_belong_to_it(master):
    book = load_workbook(master)
    ws = book["Phòng ban"]
    ws["A10"], ws["B10"] = "MOI", "Phòng mới"
    book.save(master)
    frame = FileWorkbook.open(master, writable=False).read_table("departments")
    assert frame.loc[10, "code"] == "MOI"


def test_formula_cells_read_their_cached_value(master, tmp_path):
    book = load_workbook(master)
    book["Nguồn vốn"]["C2"] = "=100*5"
    book.save(master)
    # openpyxl keeps formulas without computing them; LibreOffice stands in for Excel here.
    require_soffice()
    computed = convert(master, "xlsx", tmp_path / "calc")
    frame = FileWorkbook.open(computed, writable=False).read_table("funding_sources")
    assert frame.loc[2, "available"] == 500


def test_save_keeps_timestamped_backups_last_five(master):
    for i in range(7):
        wb = FileWorkbook.open(master)
        wb.write_table("registrations", _registrations([f"P{i}"]))
        wb.commit()
    backups = sorted((master.parent / BACKUP_DIR).glob("ocop_master-*.xlsx"))
    assert len(backups) == 5
    # The newest backup is the file as it was before the last save.
    frame = FileWorkbook.open(backups[-1], writable=False).read_table("registrations")
    assert list(frame["product_id"]) == ["P5"]


def test_refuses_a_file_open_in_excel(master):
    lock = master.with_name("~$" + master.name)
    lock.write_bytes(b"owner")
    with pytest.raises(MasterError) as info:
        FileWorkbook.open(master)
    assert info.value.code == "MASTER_LOCKED"
    assert "đang được mở trong Excel" in info.value.message_vi
    FileWorkbook.open(master, writable=False).read_table("communes")  # reading is fine


def test_refuses_a_lock_that_appears_before_saving(master):
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", _registrations(["P1"]))
    before = master.read_bytes()
    master.with_name(f".~lock.{master.name}#").write_text("lo")
    with pytest.raises(MasterError) as info:
        wb.commit()
    assert info.value.code == "MASTER_LOCKED"
    assert master.read_bytes() == before


def test_refuses_a_read_only_file(master):
    os.chmod(master, stat.S_IRUSR | stat.S_IRGRP)
    try:
        with pytest.raises(MasterError) as info:
            FileWorkbook.open(master)
        assert info.value.code == "MASTER_READ_ONLY"
        assert "chỉ cho phép đọc" in info.value.message_vi
    finally:
        os.chmod(master, stat.S_IRUSR | stat.S_IWUSR)


def test_damaged_or_missing_master(tmp_path):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(MasterError) as info:
        FileWorkbook.open(bad)
    assert info.value.code == "MASTER_UNREADABLE"
    with pytest.raises(MasterError) as missing:
        FileWorkbook.open(tmp_path / "khong-co.xlsx")
    assert missing.value.code == "MASTER_NOT_FOUND"


def test_a_save_killed_half_way_leaves_the_old_master_intact(master):
    before = master.read_bytes()
    script = textwrap.dedent(
        f"""
        import os, signal
        import pandas as pd
        from ocop_xl.workbook.file_workbook import FileWorkbook

        wb = FileWorkbook.open({str(master)!r})
        rows = [{{"product_id": f"P{{i}}", "product_name": "x" * 200}} for i in range(3000)]
        wb.write_table("registrations", pd.DataFrame(rows))
        real_save = wb.book.save

        def save_then_die(target):
            real_save(target)
            with open(target, "r+b") as handle:  # the process dies mid-write
                handle.truncate(os.path.getsize(target) // 2)
            os.kill(os.getpid(), signal.SIGKILL)

        wb.book.save = save_then_die
        wb.commit()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=Path(__file__).parents[2], check=False
    )
    assert done.returncode == -9
    assert master.read_bytes() == before
    assert list(master.parent.glob(".ocop_master.tmp-*"))  # the half-written temp file
    FileWorkbook.open(master, writable=False).read_table("communes")
    wb = FileWorkbook.open(master)  # the next save clears the stale temp file
    wb.write_table("registrations", _registrations(["P1"]))
    wb.commit()
    assert not list(master.parent.glob(".ocop_master.tmp-*"))
