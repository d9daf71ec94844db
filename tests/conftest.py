"""Shared fixtures: real master workbooks written to a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ocop_xl.actions.new_master import create_master
from ocop_xl.profiles import load_profile
from ocop_xl.workbook.libreoffice import find_soffice

DATA = Path(__file__).parent / "data"
TINY_PROFILE = DATA / "tiny-2030.toml"


@pytest.fixture
def tu_ky():
    return load_profile("tu-ky-2023")


@pytest.fixture
def tiny():
    return load_profile(TINY_PROFILE)


@pytest.fixture
def master(tmp_path, tu_ky) -> Path:
    """A fresh master workbook of the Tứ Kỳ 2023 profile."""
    path = tmp_path / "ocop_master.xlsx"
    create_master(tu_ky, path)
    return path


def missing(what: str) -> None:
    """A system tool a test needs is absent. ``make test`` installs them all and sets
    OCOP_REQUIRE_LIBREOFFICE=1, so there (and in CI) this fails the test; only a developer
    machine without the tools skips it."""
    if os.environ.get("OCOP_REQUIRE_LIBREOFFICE"):
        pytest.fail(f"{what} is required (make test installs it) but is missing")
    pytest.skip(f"{what} is not installed on this machine")


def require_soffice() -> str:
    """LibreOffice, for tests that need a real spreadsheet engine."""
    soffice = find_soffice()
    if soffice is None:
        missing("LibreOffice (soffice)")
    return soffice


def require_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        missing(name)
    return found


def pdf_text(pdf: Path) -> str:
    """The text of a PDF, laid out as printed (poppler's pdftotext)."""
    return subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pdf_info(pdf: Path) -> str:
    return subprocess.run(
        [require_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(pdf: Path) -> int:
    info = pdf_info(pdf)
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory) -> Path:
    """The demo run once for the session (every action on the sample data); tests copy it
    (``staff_support.copy_demo``) and never change it."""
    from ocop_xl.demo import run_demo
    from ocop_xl.workbook import profile_sheets

    folder = tmp_path_factory.mktemp("demo")
    load = profile_sheets._load

    def recording(sections, name):  # a configuration section read after an action started
        _DEMO_LATE_READS.append(name)
        return load(sections, name)

    profile_sheets._load = recording
    try:
        run_demo(folder)
    finally:
        profile_sheets._load = load
    return folder


_DEMO_LATE_READS: list[str] = []


@pytest.fixture(scope="session")
def demo_late_reads(demo_folder) -> list[str]:
    """The configuration sections the demo's actions read after they started (none when
    each action names the sections it uses)."""
    return list(_DEMO_LATE_READS)
