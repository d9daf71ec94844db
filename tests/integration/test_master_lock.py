"""One writer at a time on a master, across real processes, and never a lost update: the
lock beside the master, the wait, MASTER_BUSY, the on-disk check (MASTER_CHANGED), the
lock let go at the end of a save, per-process temporary files."""

import os
import re
import subprocess
import sys
import textwrap
import threading
import time

import pandas as pd
import pytest
from openpyxl import load_workbook

from ocop_xl.domain.issues import MasterError
from ocop_xl.workbook.atomic import BACKUP_DIR, MasterLock, lock_path
from ocop_xl.workbook.file_workbook import FileWorkbook

from ..saving_support import (
    ROOT,
    Holder,
    audit_actions,
    cli_env,
    flat,
    leftovers,
    ocop,
    ocop_started,
    product_ids,
)


def _registrations(ids):
    return pd.DataFrame(
        [{"product_id": i, "commune_code": "ha-ky", "product_name": f"Sản phẩm {i}"} for i in ids]
    )


def test_a_second_action_waits_for_the_first_then_both_updates_are_kept(master, tmp_path):
    holder = Holder(master, tmp_path / "holder")
    try:
        assert lock_path(master).exists()  # beside the master: .ocop_master.xlsx.ocop-lock
        assert lock_path(master).name == ".ocop_master.xlsx.ocop-lock"
        second = ocop_started(
            "check-config", "--workbook", master, env=cli_env(OCOP_XL_LOCK_WAIT="120")
        )
        # stderr read as it comes: the holder lets go only once the second says it waits
        # (on a loaded machine its start-up alone may take seconds)
        err_lines: list[str] = []
        reader = threading.Thread(target=lambda: err_lines.extend(second.stderr), daemon=True)
        reader.start()
        deadline = time.monotonic() + 120
        while not any("Đang chờ" in line for line in err_lines):
            assert second.poll() is None, "".join(err_lines)  # it waits: the holder's master
            assert time.monotonic() < deadline, "".join(err_lines)
            time.sleep(0.05)
        assert second.poll() is None
        holder.finish()
    except BaseException:
        holder.kill()
        raise
    second.wait(timeout=120)
    reader.join(timeout=10)
    err = "".join(err_lines)
    assert second.returncode == 0, err
    assert "Đang chờ một thao tác khác trên tệp ocop_master.xlsx xong" in flat(err)
    # Both updates are in the master: the holder's rows and log, then check-config's log.
    assert product_ids(master) == ["GIU-1", "GIU-2", "GIU-3"]
    assert audit_actions(master)[-2:] == ["holder", "check-config"]


def test_a_second_action_that_waits_too_long_stops_and_the_first_result_is_whole(master, tmp_path):
    before = master.read_bytes()
    holder = Holder(master, tmp_path / "holder")
    try:
        busy = ocop("check-config", "--workbook", master, env=cli_env(OCOP_XL_LOCK_WAIT="1"))
        assert master.read_bytes() == before  # nothing written while the holder has it
        holder.finish()
    except BaseException:
        holder.kill()
        raise
    assert busy.returncode == 3
    text = flat(busy.stderr)
    assert "Tệp ocop_master.xlsx đang được một thao tác ocop-xl khác ghi (đã chờ 1 giây)" in text
    assert "Traceback" not in busy.stderr
    assert product_ids(master) == ["GIU-1", "GIU-2", "GIU-3"]
    assert audit_actions(master)[-1] == "holder"
    assert "check-config" not in audit_actions(master)[1:]
    assert leftovers(master.parent) == []


def test_two_real_actions_started_together_both_land(master, tmp_path):
    """Two ocop-xl processes on one master at once: whichever goes first, the second
    runs after it (the wait is long enough here) and both log rows are there."""
    env = cli_env(OCOP_XL_LOCK_WAIT="120")
    first = ocop_started("budget", "--workbook", master, env=env)
    time.sleep(0.3)
    second = ocop_started("check-config", "--workbook", master, env=env)
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    logged = audit_actions(master)
    assert sorted(logged[-2:]) == ["budget", "check-config"]
    assert leftovers(master.parent) == []


def test_opening_the_same_master_again_in_one_process_does_not_wait(master):
    first = FileWorkbook.open(master)
    started = time.monotonic()
    second = FileWorkbook.open(master)  # the process's own lock: shared, no waiting
    assert time.monotonic() - started < 5
    assert MasterLock.held_here(master) == 2
    first.write_table("registrations", _registrations(["P1"]))
    first.commit()
    assert not first.holds_lock and MasterLock.held_here(master) == 1
    # The second one read the master before the first saved it: saving it now would lose
    # P1, so it is refused and the file stays as the first one saved it.
    second.write_table("registrations", _registrations(["P2"]))
    with pytest.raises(MasterError) as info:
        second.commit()
    assert info.value.code == "MASTER_CHANGED"
    assert "đã bị chương trình khác thay đổi" in info.value.message_vi
    assert MasterLock.held_here(master) == 0
    assert product_ids(master) == ["P1"]
    assert leftovers(master.parent) == []


def test_a_committed_or_dropped_workbook_does_not_block_another_process(master):
    kept = FileWorkbook.open(master)  # committed, never closed
    kept.write_table("registrations", _registrations(["P1"]))
    kept.commit()
    FileWorkbook.open(master).read_table("communes")  # dropped without close or commit
    assert MasterLock.held_here(master) == 0
    done = ocop("check-config", "--workbook", master, env=cli_env(OCOP_XL_LOCK_WAIT="0"))
    assert done.returncode == 0, done.stderr
    assert audit_actions(master)[-1] == "check-config"
    # ... and a workbook still open for writing does block it.
    with FileWorkbook.open(master) as open_one:
        assert open_one.holds_lock
        busy = ocop("check-config", "--workbook", master, env=cli_env(OCOP_XL_LOCK_WAIT="0"))
        assert busy.returncode == 3 and "khác ghi" in flat(busy.stderr)
    assert not open_one.holds_lock and MasterLock.held_here(master) == 0
    assert ocop("check-config", "--workbook", master).returncode == 0


def test_written_again_after_a_save_it_takes_the_lock_again_and_checks_the_disk(master):
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", _registrations(["P1"]))
    wb.commit()
    assert not wb.holds_lock
    wb.write_table("registrations", _registrations(["P1", "P2"]))
    wb.commit()  # the file on disk is the one it saved: fine
    assert product_ids(master) == ["P1", "P2"]
    # Another program saves the master meanwhile: the next save of wb is refused.
    book = load_workbook(master)
    book["Danh mục xã"]["H2"] = "sửa tay"
    book.save(master)
    after_other = master.read_bytes()
    backups = sorted((master.parent / BACKUP_DIR).iterdir())
    wb.write_table("registrations", _registrations(["P3"]))
    with pytest.raises(MasterError) as info:
        wb.commit()
    assert info.value.code == "MASTER_CHANGED"
    assert master.read_bytes() == after_other
    assert sorted((master.parent / BACKUP_DIR).iterdir()) == backups  # no backup made
    assert leftovers(master.parent) == [] and MasterLock.held_here(master) == 0


def test_a_change_by_another_program_while_open_is_never_overwritten(master):
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", _registrations(["P1"]))
    script = textwrap.dedent(
        f"""
        from openpyxl import load_workbook
        book = load_workbook({str(master)!r})
        book["Danh mục xã"]["H2"] = "của chương trình khác"
        book.save({str(master)!r})
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
    changed = master.read_bytes()
    with pytest.raises(MasterError) as info:
        wb.commit()
    assert info.value.code == "MASTER_CHANGED"
    assert master.read_bytes() == changed
    assert leftovers(master.parent) == []


def test_temporary_files_are_per_process_and_only_dead_owners_are_cleaned(master):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        )
        dead_pid = int(dead.stdout)
        live = master.with_name(f".ocop_master.tmp-{sleeper.pid}-0badcafe.xlsx")
        stale = master.with_name(f".ocop_master.tmp-{dead_pid}-deadbeef.xlsx")
        old_style = master.with_name(f".ocop_master.tmp-{dead_pid}.xlsx")
        for path in (live, stale, old_style):
            path.write_bytes(b"half a workbook")
        wb = FileWorkbook.open(master)
        wb.write_table("registrations", _registrations(["P1"]))
        wb.commit()
        # A save in progress in another live process keeps its file; those of processes
        # that are gone are cleaned.
        assert live.exists()
        assert not stale.exists() and not old_style.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_the_temporary_file_is_named_with_the_pid_and_a_random_part(master):
    script = textwrap.dedent(
        f"""
        import os, signal
        import pandas as pd
        from ocop_xl.workbook.file_workbook import FileWorkbook

        wb = FileWorkbook.open({str(master)!r})
        wb.write_table("registrations", pd.DataFrame([{{"product_id": "P1"}}]))
        real_save = wb.book.save

        def save_then_die(target):
            real_save(target)
            print(os.getpid(), flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

        wb.book.save = save_then_die
        wb.commit()
        """
    )
    before = master.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == -9
    pid = int(done.stdout.split()[0])
    (temp,) = leftovers(master.parent)
    assert re.fullmatch(rf"\.ocop_master\.tmp-{pid}-[0-9a-f]{{8}}\.xlsx", temp)
    assert master.read_bytes() == before
    # The killed process's lock went with it: the next writer does not wait.
    assert (
        ocop("check-config", "--workbook", master, env=cli_env(OCOP_XL_LOCK_WAIT="0")).returncode
        == 0
    )
    assert leftovers(master.parent) == []  # and its save cleaned the dead one's temp


def test_the_lock_is_let_go_when_opening_fails(tmp_path, master):
    lock = master.with_name("~$" + master.name)
    lock.write_bytes(b"owner")
    with pytest.raises(MasterError):
        FileWorkbook.open(master)
    lock.unlink()
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(MasterError) as info:
        FileWorkbook.open(bad)
    assert info.value.code == "MASTER_UNREADABLE"
    assert MasterLock.held_here(bad) == 0 and MasterLock.held_here(master) == 0
    done = ocop("check-config", "--workbook", master, env=cli_env(OCOP_XL_LOCK_WAIT="0"))
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(os.name == "nt", reason="POSIX process model")
def test_a_forked_child_does_not_share_its_parents_hold(master):
    wb = FileWorkbook.open(master)
    assert wb.holds_lock
    pid = os.fork()
    if pid == 0:  # the child: the parent's hold is not its own
        code = 0
        try:
            os.environ["OCOP_XL_LOCK_WAIT"] = "0"
            FileWorkbook.open(master)
            code = 1  # it should have been refused
        except MasterError as exc:
            code = 0 if exc.code == "MASTER_BUSY" else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert wb.holds_lock
    wb.close()
    assert MasterLock.held_here(master) == 0
