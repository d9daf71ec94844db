"""Saving the master without ever leaving it half written.

The new content goes to a temporary file beside the master; only when it is complete and
flushed does it replace the master in one ``os.replace``. The previous file is copied to a
timestamped backup first (the last few are kept). Excel's lock file and a read-only flag
are checked before any work is done.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ocop_xl.domain.issues import MasterError

BACKUP_DIR = "sao-luu"
BACKUPS_KEPT = 5


def lock_files(path: Path) -> list[Path]:
    """Lock files Excel (``~$name``, shortened for long names) or LibreOffice leave open."""
    name = path.name
    candidates = [f"~${name}", f"~${name[2:]}", f".~lock.{name}#"]
    return [path.with_name(c) for c in candidates if path.with_name(c).exists()]


def check_writable(path: Path) -> None:
    locks = lock_files(path)
    if locks:
        raise MasterError("MASTER_LOCKED", file=path.name, lock=locks[0].name)
    if path.exists():
        mode = path.stat().st_mode
        # os.access says yes to root whatever the flag; the user-write bit is what Excel
        # and Windows' read-only attribute set.
        if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
            raise MasterError("MASTER_READ_ONLY", file=path.name)


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.tmp-{os.getpid()}{path.suffix}")


def _stale_temps(path: Path) -> list[Path]:
    return list(path.parent.glob(f".{path.stem}.tmp-*{path.suffix}"))


def backup(path: Path, keep: int = BACKUPS_KEPT) -> Path:
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}{path.suffix}"
    shutil.copy2(path, target)
    olds = sorted(folder.glob(f"{path.stem}-*{path.suffix}"))
    for old in olds[:-keep]:
        old.unlink(missing_ok=True)
    return target


def atomic_save(path: Path, write: Callable[[Path], None], *, keep: int = BACKUPS_KEPT) -> None:
    """Write through ``write(temp_path)`` and swap the result in; back up the old file."""
    path = Path(path)
    check_writable(path)
    for stale in _stale_temps(path):  # left by a save that was killed
        stale.unlink(missing_ok=True)
    temp = _temp_path(path)
    try:
        write(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
    except MasterError:
        temp.unlink(missing_ok=True)
        raise
    except Exception as exc:
        temp.unlink(missing_ok=True)
        raise MasterError("MASTER_SAVE_FAILED", file=path.name, detail=str(exc)) from exc
    if path.exists():
        backup(path, keep)
    os.replace(temp, path)
