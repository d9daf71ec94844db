"""Every failure of the save path, from the command line on a real master: the --report,
the --out folders, sao-luu/, the temporary file, the disk filling up (a real small disk
where it can be mounted, and a full disk injected into a real process in any case). Each
one is exit 3 with one Vietnamese message naming the path, no traceback, no "Exception
ignored" noise, and the master as it was."""

import os
import shutil
import stat

import pytest

from ocop_xl.workbook.atomic import BACKUP_DIR

from ..saving_support import (
    audit_actions,
    fill,
    flat,
    free_bytes,
    leftovers,
    ocop,
    ocop_on_full_disk,
    small_disk,
)

# the master made by the CLI (a module fixture) once, on one xdist worker
pytestmark = pytest.mark.xdist_group("save-failures")


def _clean_failure(done, *phrases):
    assert done.returncode == 3, done.stdout + done.stderr
    text = flat(done.stderr)
    for phrase in phrases:
        assert phrase in text, text
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "Errno" not in done.stderr  # the words of the message, not Python's


@pytest.fixture(scope="module")
def made_by_the_cli(tmp_path_factory):
    master = tmp_path_factory.mktemp("mau") / "tong-hop.xlsx"
    assert ocop("new-master", "--out", master).returncode == 0
    return master


@pytest.fixture
def office(tmp_path, made_by_the_cli):
    """A master made by the CLI (once per module), in its own folder."""
    folder = tmp_path / "van-phong"
    folder.mkdir()
    master = folder / "tong-hop.xlsx"
    shutil.copy2(made_by_the_cli, master)
    return master


def _unchanged(master, before, log):
    assert master.read_bytes() == before
    assert audit_actions(master) == log
    assert leftovers(master.parent) == []


# -- --report ------------------------------------------------------------------------------


def test_a_report_path_that_is_a_folder_stops_before_any_work(office):
    before, log = office.read_bytes(), audit_actions(office)
    folder = office.parent / "bao-cao-json"
    folder.mkdir()
    done = ocop("check-config", "--workbook", office, "--report", folder)
    _clean_failure(done, f"Không ghi được báo cáo JSON vào {folder}", "là một thư mục")
    _unchanged(office, before, log)


def test_a_report_in_a_read_only_folder_stops_before_any_work(office, tmp_path):
    before, log = office.read_bytes(), audit_actions(office)
    locked = tmp_path / "chi-doc"
    locked.mkdir()
    os.chmod(locked, stat.S_IRUSR | stat.S_IXUSR)  # root writes there anyway: the bits count
    try:
        done = ocop("budget", "--workbook", office, "--report", locked / "r.json")
    finally:
        os.chmod(locked, stat.S_IRWXU)
    _clean_failure(done, str(locked / "r.json"), "chỉ cho phép đọc")
    _unchanged(office, before, log)
    assert list(locked.iterdir()) == []


def test_a_report_under_a_file_stops_before_any_work(office, tmp_path):
    before, log = office.read_bytes(), audit_actions(office)
    a_file = tmp_path / "ghi-chu.txt"
    a_file.write_text("x")
    done = ocop("check-config", "--workbook", office, "--report", a_file / "r.json")
    _clean_failure(done, str(a_file / "r.json"))
    _unchanged(office, before, log)


def test_a_report_that_cannot_be_written_means_the_master_is_not_saved(office):
    """The disk fills up while the report is written: it is written before the master is
    replaced, so the master is not saved either."""
    before, log = office.read_bytes(), audit_actions(office)
    report = office.parent / "bao-cao.json"
    done = ocop_on_full_disk(
        r"bao-cao\.", 100, "check-config", "--workbook", office, "--report", report
    )
    _clean_failure(
        done,
        f"Không ghi được báo cáo JSON {report} (ổ đĩa đã đầy)",
        "không được lưu vào tệp tổng hợp",
    )
    _unchanged(office, before, log)
    assert not report.exists()


def test_the_report_is_written_with_the_master(office):
    report = office.parent / "ket-qua" / "kiem-tra.json"
    done = ocop("check-config", "--workbook", office, "--report", report)
    assert done.returncode == 0, done.stderr
    assert '"action": "check-config"' in report.read_text(encoding="utf-8")
    assert audit_actions(office)[-1] == "check-config"
    assert leftovers(report.parent) == [] and leftovers(office.parent) == []


# -- --out ---------------------------------------------------------------------------------

OUT_COMMANDS = ["template", "returns", "score-sheets", "tasks", "report"]


@pytest.mark.parametrize("command", OUT_COMMANDS)
def test_an_out_that_is_a_file(office, command):
    before, log = office.read_bytes(), audit_actions(office)
    a_file = office.parent / "ket-qua.txt"
    a_file.write_text("x")
    done = ocop(command, "--workbook", office, "--out", a_file)
    _clean_failure(done, f"Không ghi được vào thư mục kết quả {a_file}")
    _unchanged(office, before, log)


@pytest.mark.parametrize("command", OUT_COMMANDS)
def test_a_read_only_out(office, tmp_path, command):
    before, log = office.read_bytes(), audit_actions(office)
    locked = tmp_path / "chi-doc"
    locked.mkdir()
    os.chmod(locked, stat.S_IRUSR | stat.S_IXUSR)
    try:
        done = ocop(command, "--workbook", office, "--out", locked)
        inside = ocop(command, "--workbook", office, "--out", locked / "moi")
    finally:
        os.chmod(locked, stat.S_IRWXU)
    _clean_failure(done, f"Không ghi được vào thư mục kết quả {locked}", "chỉ cho phép đọc")
    _clean_failure(inside, f"Không ghi được vào thư mục kết quả {locked / 'moi'}")
    _unchanged(office, before, log)
    assert list(locked.iterdir()) == []


# -- sao-luu/ and the temporary file ---------------------------------------------------------


def test_an_unwritable_backup_folder(office):
    before, log = office.read_bytes(), audit_actions(office)
    backups = office.parent / BACKUP_DIR
    backups.mkdir(exist_ok=True)
    kept = sorted(backups.iterdir())
    os.chmod(backups, stat.S_IRUSR | stat.S_IXUSR)
    try:
        done = ocop("check-config", "--workbook", office)
    finally:
        os.chmod(backups, stat.S_IRWXU)
    _clean_failure(done, f"Không sao lưu được tệp tong-hop.xlsx vào {backups}")
    _unchanged(office, before, log)
    assert sorted(backups.iterdir()) == kept


def test_a_disk_full_while_the_backup_is_copied_injected(office):
    before, log = office.read_bytes(), audit_actions(office)
    backups = office.parent / BACKUP_DIR
    kept = sorted(backups.iterdir()) if backups.exists() else []
    done = ocop_on_full_disk(
        r"sao-luu/\.tong-hop-.*\.tmp-", len(before) // 2, "check-config", "--workbook", office
    )
    _clean_failure(done, "Không sao lưu được tệp tong-hop.xlsx vào", "(ổ đĩa đã đầy)")
    assert str(backups) in flat(done.stderr)
    _unchanged(office, before, log)
    assert sorted(backups.iterdir()) == kept  # no truncated backup among the kept ones


def test_a_disk_full_while_the_new_master_is_written_injected(office):
    before, log = office.read_bytes(), audit_actions(office)
    done = ocop_on_full_disk(
        r"\.tong-hop\.tmp-", len(before) // 3, "check-config", "--workbook", office
    )
    _clean_failure(done, "Không ghi được tệp tạm", "(ổ đĩa đã đầy)", "chưa bị thay đổi")
    assert str(office.parent / ".tong-hop.tmp-") in flat(done.stderr)
    _unchanged(office, before, log)


def test_debug_still_shows_the_traceback(office):
    folder = office.parent / "la-thu-muc.json"
    folder.mkdir()
    done = ocop("--debug", "check-config", "--workbook", office, "--report", folder)
    assert done.returncode != 0 and "Traceback" in done.stderr


# -- a real small disk (tmpfs) -------------------------------------------------------------------


def test_a_real_full_disk_while_the_backup_is_copied(tmp_path, office):
    size = office.stat().st_size
    with small_disk(tmp_path / "o-nho", 8 * size + (1 << 20)) as disk:
        master = disk / "tong-hop.xlsx"
        master.write_bytes(office.read_bytes())
        before, log = master.read_bytes(), audit_actions(master)
        (disk / BACKUP_DIR).mkdir()
        fill(disk, size + size // 2)  # room for the new file, not for the backup too
        done = ocop("check-config", "--workbook", master)
        _clean_failure(done, "Không sao lưu được tệp tong-hop.xlsx vào", "(ổ đĩa đã đầy)")
        assert str(disk / BACKUP_DIR) in flat(done.stderr)
        _unchanged(master, before, log)
        assert list((disk / BACKUP_DIR).iterdir()) == []  # no truncated backup


def test_a_real_full_disk_while_the_new_master_is_written(tmp_path, office):
    size = office.stat().st_size
    with small_disk(tmp_path / "o-nho", 8 * size + (1 << 20)) as disk:
        master = disk / "tong-hop.xlsx"
        master.write_bytes(office.read_bytes())
        before, log = master.read_bytes(), audit_actions(master)
        fill(disk, size // 3)
        done = ocop("check-config", "--workbook", master)
        _clean_failure(done, "Không ghi được tệp tạm", "(ổ đĩa đã đầy)")
        _unchanged(master, before, log)
        assert free_bytes(disk) >= size // 3 - 8192  # the half-written file is gone


def test_a_real_full_disk_for_the_report(tmp_path, office):
    before, log = office.read_bytes(), audit_actions(office)
    with small_disk(tmp_path / "o-nho", 1 << 20) as disk:
        fill(disk, 0)
        report = disk / "bao-cao.json"
        done = ocop("check-config", "--workbook", office, "--report", report)
        _clean_failure(done, f"Không ghi được báo cáo JSON {report} (ổ đĩa đã đầy)")
        assert leftovers(disk) == [] and not report.exists()
    _unchanged(office, before, log)
