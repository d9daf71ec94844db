"""Saving the master without ever leaving it half written, one writer at a time.

The new content goes to a temporary file beside the master (the real file, when the master
is reached through a symbolic link); only when it is complete and flushed does it replace
the master in one ``os.replace``. The previous file is first copied to a timestamped backup
(copied under a temporary name, renamed when complete; the last few are kept). Excel's and
LibreOffice's lock files, a read-only flag or folder are checked before any work is done.

Two ocop-xl actions never write one master at once: ``MasterLock`` (the ``filelock``
library, a lock file beside the master) is held by a ``FileWorkbook`` opened for writing
until the end of its save; a second action waits a few seconds, then stops with
``MASTER_BUSY``. Just before the master is replaced, the file on disk is checked to be the
one that was read (size, modification time, file id): a change made meanwhile by another
program is never overwritten (``MASTER_CHANGED``).

Every failure here is a ``MasterError`` naming the path, with the reason in the user's
words (``OsReason``); nothing is left half written.
"""

from __future__ import annotations

import errno
import io
import os
import re
import secrets
import shutil
import stat
import sys
import threading
import traceback
import zipfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ocop_xl.domain.catalog import render
from ocop_xl.domain.issues import MasterError
from ocop_xl.workbook.folders import BACKUP_DIR

BACKUPS_KEPT = 5
BACKUP_STAMP = "%Y%m%d-%H%M%S-%f"  # sao-luu/{stem}-{stamp}{suffix}
LOCK_WAIT_SECONDS = 10.0  # how long a second action waits for the first one
LOCK_WAIT_ENV = "OCOP_XL_LOCK_WAIT"  # overrides it (seconds), e.g. on a slow network share
LOCK_POLL_SECONDS = 0.1


# -- words for what the operating system said ---------------------------------------------

_REASONS = {
    errno.ENOSPC: "OS_DISK_FULL",
    errno.EDQUOT: "OS_DISK_FULL",
    errno.EFBIG: "OS_FILE_TOO_LARGE",
    errno.EACCES: "OS_DENIED",
    errno.EPERM: "OS_DENIED",
    errno.EROFS: "OS_READ_ONLY_DISK",
    errno.ENOTDIR: "OS_NOT_A_FOLDER",
    errno.EISDIR: "OS_IS_A_FOLDER",
    errno.EEXIST: "OS_EXISTS",
    errno.ENOENT: "OS_MISSING",
    errno.EBUSY: "OS_IN_USE",
}
_WINDOWS_REASONS = {32: "OS_IN_USE", 33: "OS_IN_USE", 112: "OS_DISK_FULL", 39: "OS_DISK_FULL"}


@dataclass(frozen=True)
class OsReason:
    """Why a file operation failed, in both languages: a message parameter that the
    templates write as ``{reason:vi}`` and ``{reason:en}``."""

    code: str
    detail: str = ""

    @classmethod
    def of(cls, exc: BaseException) -> OsReason:
        if isinstance(exc, OSError):
            code = _WINDOWS_REASONS.get(getattr(exc, "winerror", None) or -1) or _REASONS.get(
                exc.errno or -1
            )
            if code:
                return cls(code)
            return cls("OS_OTHER", exc.strerror or str(exc) or type(exc).__name__)
        return cls("OS_OTHER", f"{type(exc).__name__}: {exc}")

    def text(self, lang: str) -> str:
        return render(self.code, {"detail": self.detail}, lang)

    def __format__(self, spec: str) -> str:
        return self.text("en" if spec == "en" else "vi")

    def __str__(self) -> str:
        return self.text("vi")


def os_failure(code: str, exc: BaseException, **params: Any) -> MasterError:
    return MasterError(code, reason=OsReason.of(exc), **params)


# -- paths ---------------------------------------------------------------------------------


def real_path(path: Path | str) -> Path:
    """The file a path stands for, symbolic links followed: temporary files, the lock and
    the backups go beside it, and it is the file replaced (a link stays a link)."""
    return Path(os.path.realpath(path))


def lock_files(path: Path) -> list[Path]:
    """Lock files Excel (``~$name``, shortened for long names) or LibreOffice leave open,
    beside the path given and beside the real file it stands for."""
    found: list[Path] = []
    for where in dict.fromkeys([Path(path), real_path(path)]):
        name = where.name
        for candidate in (f"~${name}", f"~${name[2:]}", f".~lock.{name}#"):
            lock = where.with_name(candidate)
            if lock.exists() and lock not in found:
                found.append(lock)
    return found


def folder_writable(folder: Path) -> bool:
    """Whether files can be created in ``folder``. As root ``os.access`` says yes whatever
    the mode, so the write bits count too (on POSIX; Windows ignores a folder's read-only
    attribute, which Explorer uses for other things)."""
    folder = Path(folder)
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        return False
    if os.name != "nt":
        mode = folder.stat().st_mode
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True


def ensure_folder(folder: Path, code: str, **params: Any) -> None:
    """Create ``folder`` (and its parents) or stop with ``MasterError(code, reason=…,
    **params)``: a file in the way, a read-only folder (the write bits count, as for a
    user who is not root), or what the system said."""
    folder = Path(folder)
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise MasterError(code, reason=OsReason("OS_NOT_A_FOLDER"), **params)
    if existing.is_dir() and not folder_writable(existing):
        raise MasterError(code, reason=OsReason("OS_READ_ONLY"), **params)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise MasterError(code, reason=OsReason("OS_NOT_A_FOLDER"), **params) from None
    except OSError as exc:
        raise os_failure(code, exc, **params) from exc


def check_writable(path: Path) -> None:
    """Refuse before any work: Excel or LibreOffice has the file open, the file is
    read-only, or its folder is."""
    path = Path(path)
    locks = lock_files(path)
    if locks:
        raise MasterError("MASTER_LOCKED", file=path.name, lock=locks[0].name)
    real = real_path(path)
    if real.exists():
        mode = real.stat().st_mode
        # os.access says yes to root whatever the flag; the user-write bit is what Excel
        # and Windows' read-only attribute set.
        if not mode & stat.S_IWUSR or not os.access(real, os.W_OK):
            raise MasterError("MASTER_READ_ONLY", file=path.name)
    if real.parent.is_dir() and not folder_writable(real.parent):
        raise MasterError("MASTER_FOLDER_READ_ONLY", file=path.name, folder=str(real.parent))


# -- the file on disk is still the one that was read -----------------------------------------


@dataclass(frozen=True)
class DiskState:
    """What the master on disk was when read: any save (ours or another program's)
    changes at least one of these."""

    size: int
    mtime_ns: int
    file_id: int

    @classmethod
    def of(cls, path: Path) -> DiskState | None:
        try:
            st = os.stat(real_path(path))
        except FileNotFoundError:
            return None
        return cls(st.st_size, st.st_mtime_ns, st.st_ino)


def check_unchanged(path: Path, expected: DiskState | None, name: str) -> None:
    if DiskState.of(path) != expected:
        raise MasterError("MASTER_CHANGED", file=name)


# -- temporary files, per process ----------------------------------------------------------


def temp_name(target: Path) -> Path:
    """``.{stem}.tmp-{pid}-{random}{suffix}`` beside ``target``: one per save, its owner
    known by the process id."""
    token = secrets.token_hex(4)
    return target.with_name(f".{target.stem}.tmp-{os.getpid()}-{token}{target.suffix}")


def _temp_pattern(target: Path) -> re.Pattern[str]:
    # Also the older name without the random part (``.{stem}.tmp-{pid}{suffix}``).
    return re.compile(
        rf"\.{re.escape(target.stem)}\.tmp-(\d+)(?:-[0-9a-f]+)?{re.escape(target.suffix)}"
    )


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would terminate it there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows only
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:  # access denied (5): it exists; anything else: it does not
            return ctypes.GetLastError() == 5  # type: ignore[attr-defined]  # Windows only
        try:
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(ok) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_temps(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Temporary files in ``folder`` whose owner process is gone (left by a killed save).
    Those of a process still running are left alone."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    stale = []
    for name in names:
        match = pattern.fullmatch(name)
        if match and not pid_alive(int(match.group(1))):
            stale.append(folder / name)
    return stale


def _remove_stale(folder: Path, pattern: re.Pattern[str]) -> None:
    for stale in stale_temps(folder, pattern):
        with suppress(OSError):
            stale.unlink()


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no such call)."""
    if os.name == "nt":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def close_leftovers(exc: BaseException) -> None:
    """Close the zip archives and files a failed write left open in the frames of
    ``exc``, and let go of those frames. Left to the garbage collector, an archive whose
    disk is full tries to write its directory again and Python prints "Exception ignored
    in ZipFile.__del__" with a traceback, after the message the user should read."""
    seen: set[int] = set()

    def close(value: Any) -> None:
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, zipfile.ZipFile):
            if value.fp is not None:
                with suppress(Exception):
                    value.close()  # fails again on a full disk, but lets go of its file
                fp, value.fp = value.fp, None
                # _filePassed (private, not in typeshed): the file is the caller's, not ours
                if fp is not None and not value._filePassed:  # type: ignore[attr-defined]
                    with suppress(Exception):
                        fp.close()
        elif (
            isinstance(value, io.IOBase)
            and isinstance(getattr(value, "name", None), str)
            and not any(value is s for s in _standard_streams())
        ):
            with suppress(Exception):
                value.close()

    chain: BaseException | None = exc
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        tb = chain.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                close(value)
                try:  # an archive held by an object of the frame (openpyxl's writer)
                    held = list(vars(value).values())
                except Exception:
                    held = []
                for attr in held:
                    if isinstance(attr, zipfile.ZipFile | io.IOBase):
                        close(attr)
            tb = tb.tb_next
        if chain.__traceback__ is not None:
            traceback.clear_frames(chain.__traceback__)
        chain = chain.__cause__ or chain.__context__


def _standard_streams() -> tuple[Any, ...]:
    return (sys.stdin, sys.stdout, sys.stderr, sys.__stdin__, sys.__stdout__, sys.__stderr__)


# -- side files: written beside their target before the master is replaced -----------------


@dataclass(frozen=True)
class SideFile:
    """A file that goes with a save (the JSON report of the action): written to a
    temporary name beside its target before the master is replaced, moved into place after
    it. If it cannot be written, the master is not saved. ``code`` names the failure."""

    path: Path
    data: bytes
    code: str = "REPORT_WRITE_FAILED"

    def stage(self) -> Path:
        target = Path(self.path)
        _remove_stale(target.parent, _temp_pattern(target))
        temp = temp_name(target)
        try:
            if target.is_dir():
                raise IsADirectoryError(errno.EISDIR, "is a directory", str(target))
            with open(temp, "wb") as handle:
                handle.write(self.data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            close_leftovers(exc)
            with suppress(OSError):
                temp.unlink(missing_ok=True)
            raise os_failure(self.code, exc, path=str(target)) from exc
        return temp

    def place(self, temp: Path) -> None:
        try:
            os.replace(temp, self.path)
        except OSError as exc:
            raise os_failure("REPORT_NOT_MOVED", exc, path=str(self.path), temp=str(temp)) from exc
        _fsync_folder(Path(self.path).parent)


def check_target(path: Path, code: str) -> None:
    """Refuse, before any work, a file that could not be written: a folder of that name,
    a parent that is a file or cannot be made, a read-only folder or file."""
    path = Path(path)
    if path.is_dir():
        raise MasterError(code, path=str(path), reason=OsReason("OS_IS_A_FOLDER"))
    ensure_folder(path.parent, code, path=str(path))
    if path.exists() and not path.stat().st_mode & stat.S_IWUSR:
        raise MasterError(code, path=str(path), reason=OsReason("OS_READ_ONLY"))


def write_file(side: SideFile) -> None:
    """Write one file whole or not at all (temporary name, then rename)."""
    side.place(side.stage())


# -- backups ---------------------------------------------------------------------------------


def backup_pattern(master: Path) -> re.Pattern[str]:
    """The names of this master's backups, and no other master's: ``tong-hop.xlsm`` does
    not claim those of ``tong-hop-cu.xlsm`` or ``tong-hop-2024.xlsm``."""
    stem, suffix = re.escape(master.stem), re.escape(master.suffix)
    return re.compile(rf"{stem}-\d{{8}}-\d{{6}}-\d{{6}}{suffix}")


def _partial_backup_pattern(master: Path) -> re.Pattern[str]:
    stem, suffix = re.escape(master.stem), re.escape(master.suffix)
    return re.compile(rf"\.{stem}-\d{{8}}-\d{{6}}-\d{{6}}\.tmp-(\d+)-[0-9a-f]+{suffix}")


def backups_of(master: Path) -> list[Path]:
    """This master's backups in ``sao-luu/``, oldest first."""
    real = real_path(master)
    folder = real.parent / BACKUP_DIR
    pattern = backup_pattern(real)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(folder / name for name in names if pattern.fullmatch(name))


def backup(path: Path, keep: int = BACKUPS_KEPT) -> Path:
    """Copy the master to ``sao-luu/{stem}-{stamp}{suffix}``: under a temporary name first,
    renamed when complete, so a failed copy never counts among the kept backups."""
    real = real_path(path)
    folder = real.parent / BACKUP_DIR
    ensure_folder(folder, "BACKUP_FAILED", file=real.name, path=str(folder))
    _remove_stale(folder, _partial_backup_pattern(real))
    stamp = datetime.now().strftime(BACKUP_STAMP)
    target = folder / f"{real.stem}-{stamp}{real.suffix}"
    partial = folder / f".{target.stem}.tmp-{os.getpid()}-{secrets.token_hex(4)}{real.suffix}"
    try:
        shutil.copyfile(real, partial)
        shutil.copystat(real, partial)
        _fsync(partial)
        os.replace(partial, target)
    except OSError as exc:
        close_leftovers(exc)
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise os_failure("BACKUP_FAILED", exc, file=real.name, path=str(target)) from exc
    for old in backups_of(real)[:-keep]:
        with suppress(OSError):  # an old backup that will not go is no reason to stop
            old.unlink()
    return target


# -- the save --------------------------------------------------------------------------------


def atomic_save(
    path: Path,
    write: Callable[[Path], None],
    *,
    keep: int = BACKUPS_KEPT,
    expected: DiskState | None = None,
    side_files: Iterable[SideFile] = (),
) -> DiskState | None:
    """Write through ``write(temp_path)`` and swap the result in; back up the old file.

    With ``expected`` (the master as it was read), refuse if the file on disk is another
    one now. ``side_files`` are staged before the master is replaced and moved into place
    after it. Returns the state of the new file on disk."""
    given = Path(path)
    real = real_path(given)
    check_writable(given)
    if expected is not None:
        check_unchanged(real, expected, given.name)
    _remove_stale(real.parent, _temp_pattern(real))  # left by saves that were killed
    staged: list[tuple[Path, SideFile]] = []
    temp = temp_name(real)
    try:
        for side in side_files:
            staged.append((side.stage(), side))
        _write_temp(temp, write, given.name)
        if real.exists():
            if expected is not None:
                check_unchanged(real, expected, given.name)
            backup(real, keep)
        if expected is not None:  # just before the swap: another program may have saved
            check_unchanged(real, expected, given.name)
        try:
            os.replace(temp, real)
        except OSError as exc:
            raise os_failure("MASTER_REPLACE_FAILED", exc, file=given.name, path=str(real)) from exc
    except BaseException:
        for stale, _ in staged:
            with suppress(OSError):
                stale.unlink(missing_ok=True)
        with suppress(OSError):
            temp.unlink(missing_ok=True)
        raise
    _fsync_folder(real.parent)
    state = DiskState.of(real)
    for staged_temp, side in staged:
        side.place(staged_temp)
    return state


def _write_temp(temp: Path, write: Callable[[Path], None], name: str) -> None:
    try:
        write(temp)
        _fsync(temp)
    except MasterError:
        with suppress(OSError):
            temp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        close_leftovers(exc)
        with suppress(OSError):
            temp.unlink(missing_ok=True)
        raise os_failure("MASTER_TEMP_FAILED", exc, file=name, path=str(temp)) from exc
    except Exception as exc:
        close_leftovers(exc)
        with suppress(OSError):
            temp.unlink(missing_ok=True)
        raise MasterError("MASTER_SAVE_FAILED", file=name, detail=str(exc)) from exc


# -- one writer at a time ------------------------------------------------------------------


def lock_path(master: Path) -> Path:
    """The lock file beside the real master: ``.{name}.ocop-lock``."""
    real = real_path(master)
    return real.with_name(f".{real.name}.ocop-lock")


def lock_wait() -> float:
    """Seconds a second action waits for the first (``OCOP_XL_LOCK_WAIT`` overrides)."""
    value = os.environ.get(LOCK_WAIT_ENV, "")
    try:
        return max(0.0, float(value)) if value.strip() else LOCK_WAIT_SECONDS
    except ValueError:
        return LOCK_WAIT_SECONDS


_HELD: dict[Path, list[Any]] = {}  # lock file -> [FileLock, holds of this process]
_GUARD = threading.RLock()


class MasterLock:
    """This process's hold on a master: at most one process writes a master at a time.

    Across processes it is a ``filelock.FileLock`` on ``.{name}.ocop-lock`` beside the real
    master. Within a process, holds on one master share that lock (counted): opening the
    same master again never waits for itself. ``release`` is idempotent; the lock is let
    go when the last hold of the process is released."""

    def __init__(self, key: Path) -> None:
        self.key = key
        self._released = False

    @property
    def released(self) -> bool:
        return self._released

    @classmethod
    def acquire(
        cls,
        master: Path,
        *,
        on_status: Callable[[str], None] | None = None,
        wait: float | None = None,
    ) -> MasterLock:
        from filelock import FileLock, Timeout  # here: the CLI's start-up never locks

        master = Path(master)
        key = lock_path(master)
        seconds = lock_wait() if wait is None else wait
        with _GUARD:
            entry = _HELD.get(key)
            if entry is not None:
                entry[1] += 1
                return cls(key)
            lock = FileLock(str(key), thread_local=False)
            try:
                try:
                    lock.acquire(timeout=0)
                except Timeout:
                    if on_status is not None:
                        shown = _seconds(seconds)
                        on_status(render("MASTER_WAITING", {"file": master.name, "seconds": shown}))
                    lock.acquire(timeout=seconds, poll_interval=LOCK_POLL_SECONDS)
            except Timeout:
                raise MasterError(
                    "MASTER_BUSY", file=master.name, seconds=_seconds(seconds)
                ) from None
            except OSError as exc:
                raise os_failure(
                    "MASTER_LOCK_FAILED", exc, file=master.name, path=str(key)
                ) from exc
            _HELD[key] = [lock, 1]
            return cls(key)

    def release(self) -> None:
        with _GUARD:
            if self._released:
                return
            self._released = True
            entry = _HELD.get(self.key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] <= 0:
                del _HELD[self.key]
                with suppress(Exception):
                    entry[0].release()

    @classmethod
    def held_here(cls, master: Path) -> int:
        """How many holds this process has on the master (diagnostics and tests)."""
        entry = _HELD.get(lock_path(master))
        return entry[1] if entry else 0


def _seconds(value: float) -> str:
    return f"{value:g}"


def _forget_after_fork() -> None:
    # A forked child does not hold its parent's locks: it takes its own (filelock leaves the
    # inherited descriptors alone in the child).
    global _GUARD
    _HELD.clear()
    _GUARD = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)
