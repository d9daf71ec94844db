"""Where a save writes, on real master files: backups matched to their own master only, a
master reached through a symbolic link written through to the real file, and a disk that
fills up while the backup or the new file is written (injected here; a real full disk in
tests/e2e/test_save_failures_cli.py)."""

import errno
import os
import shutil
import stat
from pathlib import Path

import pandas as pd
import pytest

from ocop_xl.domain.issues import MasterError
from ocop_xl.workbook import atomic
from ocop_xl.workbook.atomic import BACKUP_DIR, BACKUPS_KEPT, backup_pattern, lock_path
from ocop_xl.workbook.file_workbook import FileWorkbook

from ..saving_support import leftovers, product_ids


def _registrations(ids):
    return pd.DataFrame(
        [{"product_id": i, "commune_code": "ha-ky", "product_name": f"Sản phẩm {i}"} for i in ids]
    )


def _save(path, ids):
    wb = FileWorkbook.open(path)
    wb.write_table("registrations", _registrations(ids))
    wb.commit()


def _backups(folder, stem):
    return sorted(p.name for p in (folder / BACKUP_DIR).iterdir() if p.name.startswith(stem))


# -- backups -------------------------------------------------------------------------------


def test_rotation_keeps_other_masters_backups_in_the_same_folder(master):
    folder = master.parent
    masters = {
        name: folder / f"{name}.xlsx" for name in ("tong-hop", "tong-hop-cu", "tong-hop-2024")
    }
    for path in masters.values():
        shutil.copy2(master, path)
    for i in range(3):
        _save(masters["tong-hop-cu"], [f"C{i}"])
        _save(masters["tong-hop-2024"], [f"N{i}"])
    for i in range(BACKUPS_KEPT + 2):
        _save(masters["tong-hop"], [f"P{i}"])
    own = [
        n for n in _backups(folder, "tong-hop") if backup_pattern(masters["tong-hop"]).fullmatch(n)
    ]
    old = [n for n in _backups(folder, "tong-hop-cu-")]
    year = [n for n in _backups(folder, "tong-hop-2024-")]
    assert len(own) == BACKUPS_KEPT
    assert len(old) == 3 and len(year) == 3  # not rotated away by tong-hop's saves
    # Each backup is its own master's: the newest of tong-hop-cu is C1, of tong-hop P5.
    assert product_ids(folder / BACKUP_DIR / old[-1]) == ["C1"]
    assert product_ids(folder / BACKUP_DIR / own[-1]) == [f"P{BACKUPS_KEPT}"]


def test_backup_names_are_matched_exactly(tmp_path):
    pattern = backup_pattern(tmp_path / "tong-hop.xlsm")
    assert pattern.fullmatch("tong-hop-20240131-081500-123456.xlsm")
    for other in (
        "tong-hop-cu-20240131-081500-123456.xlsm",
        "tong-hop-2024-20240131-081500-123456.xlsm",
        "tong-hop-20240131-081500-123456.xlsx",
        ".tong-hop-20240131-081500-123456.tmp-12-abcdef01.xlsm",
        "tong-hop-ghi-chu.xlsm",
    ):
        assert not pattern.fullmatch(other), other


# -- symbolic links ------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_master_reached_through_a_link_is_written_through_to_the_real_file(master, tmp_path):
    shared = tmp_path / "o-chung"
    shared.mkdir()
    real = shared / "tong-hop.xlsx"
    shutil.move(master, real)
    desk = tmp_path / "ban-lam-viec"
    desk.mkdir()
    link = desk / "tong-hop.xlsx"
    try:
        link.symlink_to(real)
    except OSError:
        pytest.skip("cannot create a symbolic link here")
    _save(link, ["P1"])
    _save(link, ["P1", "P2"])
    assert link.is_symlink() and link.resolve() == real.resolve()  # the link stays a link
    assert product_ids(real) == ["P1", "P2"]  # the real master is the one written
    assert len(_backups(shared, "tong-hop-")) == 2  # backups beside the real file
    assert not (desk / BACKUP_DIR).exists()
    assert lock_path(link) == shared / ".tong-hop.xlsx.ocop-lock"
    assert leftovers(desk) == [] and leftovers(shared) == []
    # The link and the real path are one master: one lock for both.
    with FileWorkbook.open(link) as through_link:
        assert through_link.holds_lock
        assert atomic.MasterLock.held_here(real) == 1


# -- a full disk, injected -----------------------------------------------------------------


def _full_copy(monkeypatch, written):
    """shutil.copyfile that writes half the file, then the disk is full."""

    def copy(src, dst, *, follow_symlinks=True):
        data = Path(src).read_bytes()
        with open(dst, "wb") as handle:
            handle.write(data[: len(data) // 2])
        written.append(dst)
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(atomic.shutil, "copyfile", copy)


def test_a_disk_full_during_the_backup_leaves_no_partial_backup_and_the_master_as_it_was(
    master, monkeypatch
):
    for i in range(BACKUPS_KEPT):
        _save(master, [f"P{i}"])
    backups = _backups(master.parent, "ocop_master-")
    before = master.read_bytes()
    written = []
    _full_copy(monkeypatch, written)
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", _registrations(["MOI"]))
    with pytest.raises(MasterError) as info:
        wb.commit()
    assert info.value.code == "BACKUP_FAILED"
    message = info.value.message_vi
    assert "ổ đĩa đã đầy" in message and str(master.parent / BACKUP_DIR) in message
    assert "Tệp tổng hợp chưa bị thay đổi" in message
    assert written and not os.path.exists(written[0])  # the partial copy is removed
    assert _backups(master.parent, "ocop_master-") == backups  # and never counted
    assert master.read_bytes() == before
    assert leftovers(master.parent) == [] and leftovers(master.parent / BACKUP_DIR) == []
    assert not wb.holds_lock
    monkeypatch.undo()
    wb.commit()  # once there is room, the same workbook saves
    assert product_ids(master) == ["MOI"]


def test_a_disk_full_while_the_new_file_is_written_leaves_the_master_and_no_temp(
    master, monkeypatch
):
    before = master.read_bytes()
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", _registrations(["MOI"]))
    real_save = wb.book.save

    def save_on_a_full_disk(target):
        real_save(target)
        with open(target, "r+b") as handle:  # the disk filled up half way
            handle.truncate(os.path.getsize(target) // 2)
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(wb.book, "save", save_on_a_full_disk)
    with pytest.raises(MasterError) as info:
        wb.commit()
    assert info.value.code == "MASTER_TEMP_FAILED"
    assert "ổ đĩa đã đầy" in info.value.message_vi
    assert ".ocop_master.tmp-" in info.value.message_vi  # the path it could not write
    assert master.read_bytes() == before
    assert leftovers(master.parent) == []
    assert not (master.parent / BACKUP_DIR).exists() or not any(
        (master.parent / BACKUP_DIR).iterdir()
    )


def test_an_unwritable_backup_folder_stops_the_save_before_the_master_is_touched(master):
    before = master.read_bytes()
    backups = master.parent / BACKUP_DIR
    backups.mkdir()
    os.chmod(backups, stat.S_IRUSR | stat.S_IXUSR)
    try:
        wb = FileWorkbook.open(master)
        wb.write_table("registrations", _registrations(["MOI"]))
        with pytest.raises(MasterError) as info:
            wb.commit()
    finally:
        os.chmod(backups, stat.S_IRWXU)
    assert info.value.code == "BACKUP_FAILED"
    assert str(backups) in info.value.message_vi and "chỉ cho phép đọc" in info.value.message_vi
    assert master.read_bytes() == before
    assert leftovers(master.parent) == [] and list(backups.iterdir()) == []


def test_a_file_where_the_backup_folder_should_be(master):
    before = master.read_bytes()
    (master.parent / BACKUP_DIR).write_text("không phải thư mục")
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", _registrations(["MOI"]))
    with pytest.raises(MasterError) as info:
        wb.commit()
    assert info.value.code == "BACKUP_FAILED"
    assert str(master.parent / BACKUP_DIR) in info.value.message_vi
    assert master.read_bytes() == before and leftovers(master.parent) == []


def test_a_read_only_folder_refuses_the_master_before_any_work(master):
    before = master.read_bytes()
    os.chmod(master.parent, stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(MasterError) as info:
            FileWorkbook.open(master)
    finally:
        os.chmod(master.parent, stat.S_IRWXU)
    assert info.value.code == "MASTER_FOLDER_READ_ONLY"
    assert str(master.parent) in info.value.message_vi
    assert master.read_bytes() == before


# -- the ribbon's output folders -------------------------------------------------------------


def test_a_ribbon_output_folder_that_cannot_be_made_is_one_message(master):
    from ocop_xl.excel.dispatch import run_tag

    from .addin_helpers import FakeUi

    (master.parent / "phan-cong").write_text("một tệp, không phải thư mục")
    before = master.read_bytes()
    ui = FakeUi()
    outcome = run_tag("tasks", FileWorkbook.open(master, on_status=ui.status), ui)
    assert outcome.critical and outcome.log is None  # an expected error, not a crash
    assert f"Không ghi được vào thư mục kết quả {master.parent / 'phan-cong'}" in outcome.message
    assert master.read_bytes() == before
