"""Benchmark: importing an office's list of N certified products into the register.

    python bench/register.py N [--seed S] [--keep DIR]

Writes a plain list of N products (the office's headers, a title above them, every tenth
product with a near-identical name, the rest distinct) and a fresh Tứ Kỳ 2023 master, then
measures, as the user runs them (open the master, read, merge, write every register sheet
and Kiểm tra, save atomically):

1. ``registry-import`` of the list into the empty register;
2. the same import again (every row matched: nothing changes);
3. ``registry`` (the alerts as of 31/12/2023) on the full register;
4. a baseline: pandas.read_excel(engine="openpyxl") of the list, its rows written into the
   register's sheet with openpyxl (no matching, no checks), the master saved;

and prints the ratio (1)/(4): what reading every header, matching every row and keeping
the history costs over a bare copy.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook

from ocop_xl.actions import run_action
from ocop_xl.actions.new_master import create_master
from ocop_xl.profiles import load_profile
from ocop_xl.workbook.file_workbook import FileWorkbook

HEADERS = ("STT", "Tên SP", "Cơ sở sản xuất", "Xã", "Số sao", "Số QĐ", "Ngày QĐ", "Số GCN")
GOODS = ("Mật ong", "Bánh đa", "Rượu nếp", "Chè xanh", "Nước mắm", "Gạo nếp", "Vải sấy")
AS_OF = date(2023, 12, 31)


def write_list(path: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    book = Workbook()
    ws = book.active
    ws.append(["DANH SÁCH SẢN PHẨM OCOP (số liệu thử)"])
    ws.append(list(HEADERS))
    for i in range(1, n + 1):
        name = f"{rng.choice(GOODS)} loại {i}"
        if i % 10 == 0:  # a near match of the row above: reported, never merged
            name = ws.cell(ws.max_row, 2).value + "a"
            producer = ws.cell(ws.max_row, 3).value
        else:
            producer = f"HTX sản xuất số {i}"
        decided = date(2020, 1, 1) + timedelta(days=rng.randrange(4 * 365))
        ws.append(
            [
                i,
                name,
                producer,
                rng.choice(("Hà Kỳ", "Tân Kỳ", "Hà Thanh")),
                rng.choice((3, 3, 3, 4, 5)),
                f"{i}/QĐ-UBND",
                decided,
                f"{i:04d}/GCN",
            ]
        )
    book.save(path)
    return path


def timed(label: str, fn) -> float:
    start = time.perf_counter()
    result = fn()
    took = time.perf_counter() - start
    counts = dict(result.counts) if hasattr(result, "counts") else ""
    print(f"{label:<34} {took:7.2f} s   {counts}")
    return took


def baseline(master: Path, listing: Path, out: Path) -> None:
    rows = pd.read_excel(listing, engine="openpyxl", header=1)
    book = load_workbook(master)
    ws = book["Sổ theo dõi OCOP"]
    for r, record in enumerate(rows.itertuples(index=False), start=2):
        for c, value in enumerate(record[1:], start=2):
            ws.cell(r, c, value)
    book.save(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        master = folder / "ocop_master.xlsx"
        create_master(load_profile("tu-ky-2023"), master, force=True)
        listing = write_list(folder / "danh-sach-ocop.xlsx", args.n, args.seed)
        plain = timed(
            "baseline (pandas + openpyxl copy)",
            lambda: baseline(master, listing, folder / "baseline.xlsx"),
        )

        def importing():
            return run_action(
                "registry-import", FileWorkbook.open(master), sources=[listing], as_of=AS_OF
            )

        first = timed(f"registry-import ({args.n} rows)", importing)
        timed("registry-import again", importing)
        timed(
            "registry (alerts)",
            lambda: run_action("registry", FileWorkbook.open(master), as_of=AS_OF),
        )
        print(f"import / baseline: {first / plain:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
