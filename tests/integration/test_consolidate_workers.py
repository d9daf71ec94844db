"""Consolidation with the files read in worker processes gives what one process gives."""

import random
import shutil
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook import commune_batch
from ocop_xl.workbook.commune_template import template_file_name, write_filled
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

TODAY = date(2023, 11, 30)
PRODUCTS = ["Mật ong hoa nhãn", "Bánh đa vừng", "Cá rô đồng", "Chè xanh", "Giò lụa"]
MISTAKES = {"phone": "12345", "tax_id": "12345", "producer_type": "hộ gia đình khác"}


def rows(rng, commune, count):
    made = []
    for i in range(count):
        values = {
            "product_name": f"{rng.choice(PRODUCTS)} {commune} số {i + 1}",
            "group_code": "I.2.b",
            "producer": f"HTX {rng.choice(['An Bình', 'Phú Lộc'])} {commune}",
            "producer_type": "HTX",
            "tax_id": f"08{rng.randrange(10**8):08d}",
            "representative": "Nguyễn Văn An",
            "phone": f"09{rng.randrange(10**8):08d}",
            "address": "Thôn Nhất",
            "kind": "sản phẩm đã có",
            "support": "CBCL",
        }
        if rng.random() < 0.8:  # most rows of a first submission carry mistakes
            for key in rng.sample(sorted(MISTAKES), rng.randint(1, 2)):
                values[key] = MISTAKES[key]
        made.append(values)
    return made


@pytest.fixture
def communes(master, tu_ky):
    """A file per commune, a second (later) file for a few, a copy of one product in
    another commune, and files that cannot be used: 30 files in all."""
    folder = master.parent / "communes"
    rng = random.Random(17)
    criteria = criteria_set(tu_ky.criteria_set)
    for commune in tu_ky.communes:
        path = folder / template_file_name(tu_ky, commune)
        write_filled(path, tu_ky, criteria, commune, rows(rng, commune.name, 4), TODAY)
    for commune in tu_ky.communes[:4]:
        path = folder / f"{commune.code}-bo-sung.xlsx"
        write_filled(path, tu_ky, criteria, commune, rows(rng, commune.name, 3), TODAY)
    (folder / "ghi-chu.xlsx").write_text("không phải bảng tính", encoding="utf-8")
    (folder / "trong.xlsx").write_bytes(b"")
    (folder / "sai-dinh-dang.ods").write_bytes(b"PK\x03\x04 broken")
    assert len(list(folder.iterdir())) == 30
    return folder


def sheets(path):
    """Every cell of every sheet, but the time and duration of a run (Nhật ký) and the
    time a file was read (Hồ sơ đã nhận)."""
    audit = MASTER.table("audit")
    skipped = {audit.first_col + audit.keys.index(k) for k in ("time", "duration")}
    book = load_workbook(path)
    cells = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if ws.title == audit.sheet and cell.column in skipped:
                    continue
                value = cell.value
                cells[ws.title, cell.coordinate] = (
                    "<time>" if isinstance(value, datetime) else value
                )
    return cells


def consolidate(master, folder, monkeypatch, workers):
    monkeypatch.setenv(commune_batch.WORKERS_ENV, str(workers))
    result = run_action("consolidate", FileWorkbook.open(master), sources=[folder])
    return result.to_json()


def test_worker_processes_give_the_report_and_sheets_of_one_process(master, communes, monkeypatch):
    pooled_master = master.with_name("pooled.xlsx")
    shutil.copy2(master, pooled_master)
    started = []

    class Pool(commune_batch.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(args[0])
            super().__init__(*args, **kwargs)

    alone = [consolidate(master, communes, monkeypatch, 1)]
    alone.append(consolidate(master, communes, monkeypatch, 1))  # into the rows now held
    assert not started
    monkeypatch.setattr(commune_batch, "ProcessPoolExecutor", Pool)
    # Reading in this process would fail: every file is read by the workers, none here
    # after a pool that broke.
    monkeypatch.setattr(commune_batch, "read_and_check", None)
    pooled = [consolidate(pooled_master, communes, monkeypatch, 3)]
    pooled.append(consolidate(pooled_master, communes, monkeypatch, 3))

    assert started == [3, 3]
    assert pooled == alone
    # three files unusable, four replaced by their commune's later file
    assert alone[0]["counts"]["files"] == 30 and alone[0]["counts"]["files_refused"] == 7
    assert alone[0]["counts"]["errors"] > 50  # the files' mistakes, in their order
    assert sheets(pooled_master) == sheets(master)


def test_few_files_are_read_in_this_process(monkeypatch):
    monkeypatch.delenv(commune_batch.WORKERS_ENV, raising=False)
    assert commune_batch.worker_count(commune_batch.MIN_FILES - 1) == 1
    assert commune_batch.worker_count(1000) >= 1
    monkeypatch.setenv(commune_batch.WORKERS_ENV, "8")
    assert commune_batch.worker_count(5) == 5  # never more workers than files
    assert commune_batch.worker_count(1000) == 8


def test_spawned_workers_as_on_windows_read_what_this_process_reads(master, communes, monkeypatch):
    """Windows starts workers with ``spawn`` (a fresh interpreter importing the worker):
    the same results, in the same order."""
    import multiprocessing

    from ocop_xl.domain.submissions import Rules
    from ocop_xl.workbook.commune_reader import expand_sources
    from ocop_xl.workbook.profile_sheets import read_profile

    profile = read_profile(FileWorkbook.open(master, writable=False))
    rules = Rules.for_plan(profile, criteria_set(profile.criteria_set), TODAY)
    paths, _ = expand_sources([communes])
    files = [(path, f"communes/{path.name}") for path in paths]
    seen = []
    here = list(commune_batch.checked_files(files, rules, workers=1, before=seen.append))
    assert seen == list(range(30))

    monkeypatch.setattr(commune_batch, "_context", lambda: multiprocessing.get_context("spawn"))
    monkeypatch.setattr(commune_batch, "read_and_check", None)  # nothing read here
    seen.clear()
    spawned = list(commune_batch.checked_files(files, rules, workers=2, before=seen.append))
    assert seen == list(range(30))
    assert spawned == here
    assert sum(c.outcome is None for c in here) == 3
    assert sum(len(c.outcome.issues) for c in here if c.outcome) > 50
