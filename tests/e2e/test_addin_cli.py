"""The Excel side from the command line, as a user (or the build) runs it."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.xlsm import custom_ui, read_macros, vba_project, workbook_modules

from ..cli_support import ocop_in_process

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "workbooks" / "ocop_master.xlsm"


def ocop(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return ocop_in_process(*args, cwd=cwd, env={**os.environ, "COLUMNS": "200"})


def test_build_workbook_makes_the_xlsm_with_ribbon_and_vba(tmp_path):
    out = tmp_path / "so-lieu" / "ocop_master.xlsm"
    done = ocop("build-workbook", "--out", str(out), "--report", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr
    info = read_macros(out)
    ours = [m.name for m in info.modules if m.kind != "document"]
    assert ours == ["OcopRibbon", "xlwings_udfs", "xlwings", "Dictionary"]  # standalone
    assert info.modules[0].name == "ThisWorkbook"
    assert info.custom_ui == custom_ui() and info.mode == "standalone"
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["ok"] and report["macros"] == "standalone"
    again = ocop("build-workbook", "--out", str(out), "--addin")  # overwrites
    assert again.returncode == 0, again.stderr
    info = read_macros(out)
    assert info.mode == "addin" and info.module("xlwings") is None
    assert info.module("xlwings_udfs") is not None


def test_build_workbook_refuses_a_name_that_cannot_hold_macros(tmp_path):
    done = ocop("build-workbook", "--out", str(tmp_path / "m.xlsx"))
    assert done.returncode == 2
    assert "phải có đuôi .xlsm" in done.stderr


def test_new_master_writes_macros_when_asked_for_an_xlsm(tmp_path):
    done = ocop("new-master", "--out", str(tmp_path / "m.xlsm"))
    assert done.returncode == 0, done.stderr
    assert read_macros(tmp_path / "m.xlsm").custom_ui == custom_ui()


def test_check_install_reports_as_json(tmp_path):
    ocop("build-workbook", "--out", str(tmp_path / "m.xlsm"))
    done = ocop(
        "check-install", "-w", str(tmp_path / "m.xlsm"), "--report", str(tmp_path / "r.json")
    )
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["action"] == "check-install" and report["vba"]["mode"] == "standalone"
    assert set(report) >= {"python", "xlwings", "ocop_xl", "udf_modules", "counts", "issues"}
    bare = ocop("check-install")  # this computer only, no workbook
    assert bare.returncode == 0 and "xlwings" in bare.stdout
    missing = ocop("check-install", "-w", str(tmp_path / "khong-co.xlsm"))
    assert missing.returncode == 2 and "Không tìm thấy" in missing.stderr


def test_help_lists_the_buttons():
    done = ocop("help")
    assert done.returncode == 0, done.stderr
    for label in ("Tạo mẫu cho xã", "Tổng hợp kinh phí", "Trợ giúp"):
        assert label in done.stdout


def test_upgrade_macros_turns_an_xlsx_into_an_xlsm(tmp_path):
    ocop("new-master", "--out", str(tmp_path / "m.xlsx"))
    done = ocop("upgrade-macros", "-w", str(tmp_path / "m.xlsx"))
    assert done.returncode == 0, done.stderr
    assert read_macros(tmp_path / "m.xlsm").mode == "standalone"  # no mode yet: the default
    again = ocop("upgrade-macros", "-w", str(tmp_path / "m.xlsx"))
    assert again.returncode == 2 and "--force" in again.stderr


def test_the_committed_master_is_up_to_date(tmp_path):
    """workbooks/ocop_master.xlsm is what `make workbook` builds today: the same VBA modules
    (sheets' document modules included), ribbon and layout as a fresh build."""
    stale = "workbooks/ocop_master.xlsm is out of date: run `make workbook` and commit it"
    fresh = tmp_path / "ocop_master.xlsm"
    done = ocop("build-workbook", "--addin", "--out", str(fresh))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(COMMITTED) as archive:
        modules = vba_project.read(archive.read("xl/vbaProject.bin"))
        assert archive.read("customUI/customUI.xml") == custom_ui(), stale
    expected = read_macros(fresh).modules
    assert [(m.name, m.code) for m in modules] == [(m.name, m.code) for m in expected], stale
    assert {m.name for m in workbook_modules()} <= {m.name for m in modules}, stale
    book = load_workbook(COMMITTED, read_only=True)
    assert book.sheetnames[: len(MASTER.sheet_order)] == MASTER.sheet_order, stale
    for spec in MASTER.tables():
        row = next(
            book[spec.sheet].iter_rows(
                min_row=spec.header_row, max_row=spec.header_row, values_only=True
            )
        )
        headers = [h for h in row[spec.first_col - 1 :] if h is not None][: len(spec.columns)]
        assert headers == [c.header for c in spec.columns], (stale, spec.name)
    book.close()
    info = read_macros(COMMITTED)
    assert info.mode == "addin" and info.module("xlwings") is None  # no third-party VBA
