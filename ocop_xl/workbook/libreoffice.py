"""LibreOffice headless, for converting workbooks to PDF (and other formats) on any OS."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ocop_xl.domain.issues import OcopError

CANDIDATES = (
    "soffice",
    "libreoffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


def find_soffice() -> str | None:
    override = os.environ.get("OCOP_XL_SOFFICE")
    if override:
        return override
    for name in CANDIDATES:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    return None


def convert(source: Path, fmt: str, out_dir: Path, *, timeout: float = 180) -> Path:
    """Convert ``source`` with LibreOffice headless; returns the written file.

    Each call uses its own throw-away user profile, so conversions can run side by side
    and never touch the user's LibreOffice settings."""
    soffice = find_soffice()
    if soffice is None:
        raise OcopError("LIBREOFFICE_MISSING")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ocop-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(out_dir),
            str(source),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    target = out_dir / (source.stem + "." + fmt.split(":")[0])
    if done.returncode != 0 or not target.exists():
        raise OcopError(
            "LIBREOFFICE_FAILED",
            file=source.name,
            detail=(done.stderr or done.stdout).strip()[-300:],
        )
    return target


def convert_all(
    sources: list[Path], fmt: str, out_dir: Path, *, timeout: float = 900
) -> list[Path]:
    """Convert many files in one LibreOffice start (one start costs 1-2 s); returns the
    written files in the order of ``sources``."""
    soffice = find_soffice()
    if soffice is None:
        raise OcopError("LIBREOFFICE_MISSING")
    if not sources:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ocop-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(out_dir),
            *(str(s) for s in sources),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    targets = [out_dir / (s.stem + "." + fmt.split(":")[0]) for s in sources]
    missing = [t.name for t in targets if not t.exists()]
    if done.returncode != 0 or missing:
        raise OcopError(
            "LIBREOFFICE_FAILED",
            file=", ".join(missing) or sources[0].name,
            detail=(done.stderr or done.stdout).strip()[-300:],
        )
    return targets
