"""Shared pieces of the save-path tests: the CLI in a real process, a process that holds a
master open for writing, a real small disk (tmpfs), and a real process whose writes to
chosen files hit a full disk (ENOSPC injected into Python's file layer)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("OCOP_XL_DEBUG", None)
    env["COLUMNS"] = "200"  # rich wraps the message at the terminal width otherwise
    env.update(extra)
    return env


def ocop(*args: object, env: dict[str, str] | None = None, timeout: float = 300):
    """``ocop-xl ARGS`` in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "ocop_xl", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env or cli_env(),
        check=False,
        timeout=timeout,
    )


def ocop_started(*args: object, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ocop_xl", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env or cli_env(),
    )


def flat(text: str) -> str:
    """Console text on one line (rich may still break a long message)."""
    return re.sub(r"\s+", " ", text)


def audit_actions(master: Path) -> list[str]:
    book = load_workbook(master, read_only=True)
    try:
        rows = book["Nhật ký"].iter_rows(values_only=True)
        command = list(next(rows)).index("Lệnh")  # Chức năng is the Vietnamese name
        return [r[command] for r in rows if r[command]]
    finally:
        book.close()


def product_ids(master: Path) -> list[str]:
    book = load_workbook(master, read_only=True)
    try:
        rows = book["Đăng ký"].iter_rows(min_row=2, values_only=True)
        return [r[0] for r in rows if r and r[0]]
    finally:
        book.close()


def leftovers(folder: Path) -> list[str]:
    """Temporary files of saves (``.name.tmp-…``) left in a folder."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name)


# -- a process that holds a master open for writing ------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from pathlib import Path
    import pandas as pd
    from ocop_xl.workbook.file_workbook import FileWorkbook
    from ocop_xl.workbook.port import AuditEntry

    master, ready, go = map(Path, sys.argv[1:4])
    wb = FileWorkbook.open(master)
    ready.write_text("open")
    while not go.exists():
        time.sleep(0.05)
    rows = [
        {"product_id": f"GIU-{i}", "commune_code": "ha-ky", "product_name": f"Sản phẩm {i}"}
        for i in range(1, 4)
    ]
    wb.write_table("registrations", pd.DataFrame(rows))
    wb.log(AuditEntry("holder", datetime.now(), "test", "0", 0.0))
    wb.commit()
    """
)


class Holder:
    """A real process that opens the master for writing, holds it until ``finish()``,
    then writes three registrations (GIU-1…3) and a Nhật ký row "holder" and saves."""

    def __init__(self, master: Path, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.ready = folder / "holder-ready"
        self.go = folder / "holder-go"
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(master), str(self.ready), str(self.go)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while not self.ready.exists():
            if self.process.poll() is not None:
                raise AssertionError(self.process.communicate()[1])
            if time.monotonic() > deadline:
                raise AssertionError("the holder never opened the master")
            time.sleep(0.05)

    def finish(self) -> None:
        self.go.write_text("go")
        _, err = self.process.communicate(timeout=120)
        assert self.process.returncode == 0, err

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


# -- a real small disk -----------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(where: Path, size: int) -> Iterator[Path]:
    """A tmpfs of ``size`` bytes mounted at ``where`` (root on Linux). Skips the test only
    when mounting is impossible here; the same behaviour is also tested by injection."""
    where.mkdir(parents=True, exist_ok=True)
    mount = shutil.which("mount")
    if sys.platform != "linux" or mount is None:
        pytest.skip("no tmpfs mount on this system (tested by injection too)")
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); tested by injection too")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path, leave: int) -> None:
    """Fill the disk of ``folder`` until about ``leave`` bytes are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    ballast = max(0, free - leave)
    with open(folder / "ballast.bin", "wb") as handle:
        chunk = b"\0" * (1 << 20)
        while ballast > 0:
            handle.write(chunk[: min(len(chunk), ballast)])
            ballast -= min(len(chunk), ballast)


def free_bytes(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


# -- a full disk injected into a real process --------------------------------------------------

FULL_DISK = textwrap.dedent(
    """
    import builtins, errno, io, re, sys

    # Files whose name matches FULL_PATTERN take LIMIT bytes, then the disk is "full":
    # every write fails with ENOSPC, as on a real full disk (the zip archive's own clean-up
    # included).
    FULL_PATTERN = re.compile(sys.argv[1])
    LIMIT = int(sys.argv[2])
    real_open = io.open

    class FullDisk(io.FileIO):
        def write(self, data):
            if self.tell() + len(memoryview(data)) > LIMIT:
                raise OSError(errno.ENOSPC, "No space left on device", self.name)
            return super().write(data)

    def full_open(file, mode="r", buffering=-1, *args, **kwargs):
        name = str(file) if isinstance(file, str | bytes) or hasattr(file, "__fspath__") else ""
        if name and FULL_PATTERN.search(name) and any(c in mode for c in "wax+"):
            raw_mode = mode.replace("b", "").replace("t", "")
            raw = FullDisk(file, raw_mode)
            if "+" in mode:
                return io.BufferedRandom(raw)
            return io.BufferedWriter(raw)
        return real_open(file, mode, buffering, *args, **kwargs)

    io.open = builtins.open = full_open

    import shutil
    real_copyfile = shutil.copyfile

    def full_copyfile(src, dst, *, follow_symlinks=True):
        if FULL_PATTERN.search(str(dst)):
            with open(src, "rb") as source, open(dst, "wb") as target:
                while chunk := source.read(1 << 16):
                    target.write(chunk)
            return dst
        return real_copyfile(src, dst, follow_symlinks=follow_symlinks)

    shutil.copyfile = full_copyfile  # no sendfile fast path around the file layer

    sys.argv = ["ocop-xl", *sys.argv[3:]]
    from ocop_xl.cli import main
    main()
    """
)


def ocop_on_full_disk(pattern: str, limit: int, *args: object):
    """``ocop-xl ARGS`` in a real process where files whose path matches ``pattern`` can
    take only ``limit`` bytes before the disk is full."""
    return subprocess.run(
        [sys.executable, "-c", FULL_DISK, pattern, str(limit), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=cli_env(),
        check=False,
        timeout=300,
    )
