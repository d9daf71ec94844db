"""Benchmark: consolidating N commune workbooks.

    python bench/consolidate.py N [--seed S] [--keep DIR]

Generates a master whose commune list has N communes and one filled registration
workbook per commune, made from the real template (2 to 10 realistic rows each, a few
with mistakes). Then measures, in one run on the same files:

1. ocop_xl's consolidation as the user runs it (open the master, read and check every
   file, write Đăng ký and Kiểm tra, save the master atomically); then the same again
   into the master that now holds the rows, as every later consolidation runs;
2. its read-and-check part alone (python-calamine read, guards, every rule);
3. a plain loop: pandas.read_excel(engine="openpyxl") per file, concat, and the result
   written with openpyxl;
4. a bare python-calamine read of the registration sheet of every file;

and prints the times and the ratios the goals are stated in: (3)/(1) (goal at N=1000:
at least 10) and (2)/(4) (goal: at most 3).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import python_calamine
from openpyxl import Workbook, load_workbook

from ocop_xl.actions import run_action
from ocop_xl.actions.new_master import create_master
from ocop_xl.domain.profile import Commune
from ocop_xl.domain.submissions import Rules
from ocop_xl.profiles import criteria_set, load_profile
from ocop_xl.workbook.commune_reader import check_submission, expand_sources, read_submission
from ocop_xl.workbook.commune_template import build_template, fill_rows, template_file_name
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout.submissions import COMMUNE_TABLE, META_SHEET, TEMPLATE_SHEET

PRODUCTS = [
    ("Mật ong hoa nhãn", "I.2.b"),
    ("Bánh đa vừng", "I.3.b"),
    ("Cá rô đồng", "I.1.b"),
    ("Rượu nếp cái", "II.1.a"),
    ("Chè xanh", "I.5.a"),
    ("Giò lụa", "I.3.d"),
    ("Nước mắm", "I.4.a"),
    ("Vải thiều sấy", "I.3.c"),
    ("Gạo nếp", "I.2.a"),
    ("Chổi chít", "IV.1"),
    ("Dưa lưới", "I.1.a"),
    ("Trà lá sen", "I.5.b"),
]
PRODUCER_KINDS = [
    ("HTX", "HTX {w} {c}"),
    ("tổ hợp tác", "Tổ hợp tác {w} {c}"),
    ("doanh nghiệp", "Công ty TNHH {w} {c}"),
    ("trang trại", "Trang trại {w} {c}"),
    ("hộ sản xuất có ĐKKD", "Hộ sản xuất {w} {c}"),
]
WORDS = ["Thành Công", "Phú Lộc", "An Bình", "Hưng Thịnh", "Tân Tiến", "Đồng Tâm", "Hòa Phát"]
SUPPORT = ["CBCL", "BAOBI", "MAVACH, TEMTX", "CBCL, BAOBI", "SHTT", "", "TUVAN"]


def bench_communes(n: int) -> tuple[Commune, ...]:
    return tuple(Commune(code=f"xa-{i:04d}", name=f"Thử Nghiệm {i:04d}") for i in range(1, n + 1))


def sample_rows(rng: random.Random, commune: str, today: date) -> list[dict]:
    rows = []
    for i in range(rng.randint(2, 10)):
        name, group = rng.choice(PRODUCTS)
        ptype, pattern = rng.choice(PRODUCER_KINDS)
        kind = rng.choice(["ý tưởng mới", "sản phẩm đã có", "sản phẩm đã có", "nâng hạng sao"])
        row = {
            "product_name": f"{name} {commune} số {i + 1}",
            "group_code": group,
            "producer": pattern.format(w=rng.choice(WORDS), c=commune),
            "producer_type": ptype if rng.random() > 0.1 else ptype.upper(),
            "tax_id": f"08{rng.randrange(10**8):08d}",
            "representative": f"Nguyễn Văn {rng.choice(WORDS)}",
            "phone": f"09{rng.randrange(10**8):08d}",
            "address": f"Thôn {rng.randint(1, 12)}",
            "kind": kind,
            "support": rng.choice(SUPPORT),
        }
        if kind == "nâng hạng sao":
            row.update(
                current_stars=3,
                certificate_no=f"{rng.randint(1, 300)}/QĐ-UBND",
                certificate_date=today - timedelta(days=rng.randint(30, 1000)),
            )
        if rng.random() < 0.05:  # a few of the usual mistakes
            row[rng.choice(["phone", "tax_id"])] = "12345"
        rows.append(row)
    return rows


def generate(folder: Path, n: int, seed: int) -> tuple[Path, list[Path]]:
    profile = load_profile("tu-ky-2023").model_copy(update={"communes": bench_communes(n)})
    master = folder / "ocop_master.xlsx"
    create_master(profile, master, force=True)
    criteria = criteria_set(profile.criteria_set)
    rng = random.Random(seed)
    today = date.today()
    files_dir = folder / "communes"
    files_dir.mkdir()
    # One template is built and saved; each commune's file starts from that file.
    base = files_dir.parent / "template.xlsx"
    build_template(profile, criteria, profile.communes[0], today).save(base)
    files = []
    commune_col = COMMUNE_TABLE.first_col + COMMUNE_TABLE.keys.index("commune")
    for i, commune in enumerate(profile.communes):
        book = load_workbook(base)
        meta = book[META_SHEET]
        for row in meta.iter_rows(min_row=2):
            if row[0].value == "commune_code":
                row[1].value = commune.code
            elif row[0].value == "commune_name":
                row[1].value = commune.full_name
        ws = book[TEMPLATE_SHEET]
        for r in range(COMMUNE_TABLE.header_row + 1, ws.max_row + 1):
            if ws.cell(r, commune_col).value:
                ws.cell(r, commune_col).value = commune.name
        fill_rows(ws, sample_rows(rng, commune.name, today))
        path = files_dir / template_file_name(profile, commune)
        book.save(path)
        files.append(path)
        if (i + 1) % 100 == 0:
            print(f"  generated {i + 1}/{n}", file=sys.stderr)
    base.unlink()
    return master, files


def best_of(repeat: int, run, *args):
    """The fastest of ``repeat`` runs: the machine is shared, the minimum is the cost."""
    results = [run(*args) for _ in range(repeat)]
    return min(r[0] for r in results), results[0][1]


def run_ours(master: Path, folder: Path) -> tuple[float, int, float]:
    """The action as the CLI runs it; also returns the time spent opening the master."""
    started = time.perf_counter()
    wb = FileWorkbook.open(master)
    opened = time.perf_counter() - started
    result = run_action("consolidate", wb, sources=[folder])
    return time.perf_counter() - started, result.counts["products"], opened


def run_read_and_check(master: Path, folder: Path) -> tuple[float, int]:
    from ocop_xl.workbook.profile_sheets import read_profile

    profile = read_profile(FileWorkbook.open(master, writable=False))
    rules = Rules.for_plan(profile, criteria_set(profile.criteria_set), date.today())
    started = time.perf_counter()
    paths, _ = expand_sources([folder])
    rows = 0
    for path in paths:
        read = read_submission(path, path.name)
        if read.sheet is not None:
            rows += len(check_submission(read, rules).products)
    return time.perf_counter() - started, rows


def read_plain(files: list[Path]) -> pd.DataFrame:
    header = COMMUNE_TABLE.header_row - 1
    return pd.concat(
        [
            pd.read_excel(f, sheet_name=TEMPLATE_SHEET, header=header, engine="openpyxl")
            .dropna(subset=["Tên sản phẩm"])
            .assign(source_file=f.name)
            for f in files
        ],
        ignore_index=True,
    )


def run_plain(files: list[Path], out: Path) -> tuple[float, int, float]:
    """The plain loop; also returns the time its reading part took."""
    started = time.perf_counter()
    combined = read_plain(files)
    reading = time.perf_counter() - started
    book = Workbook()
    ws = book.active
    ws.append(list(combined.columns))
    for row in combined.itertuples(index=False):
        ws.append([None if pd.isna(v) else v for v in row])
    book.save(out)
    return time.perf_counter() - started, len(combined), reading


def run_bare(files: list[Path]) -> tuple[float, int]:
    started = time.perf_counter()
    rows = 0
    for f in files:
        book = python_calamine.CalamineWorkbook.from_path(str(f))
        rows += len(book.get_sheet_by_name(TEMPLATE_SHEET).to_python())
    return time.perf_counter() - started, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of commune workbooks")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"Generating {args.n} commune workbooks in {folder} ...", file=sys.stderr)
        master, files = generate(folder, args.n, args.seed)
        communes = folder / "communes"
        gc.collect()  # the generation's garbage is not the measured code's
        print("Measuring ...", file=sys.stderr)
        bare, _ = best_of(3, run_bare, files)
        check, _ = best_of(3, run_read_and_check, master, communes)
        gc.collect()
        plain, plain_rows, plain_read = run_plain(files, folder / "plain.xlsx")
        gc.collect()  # each measure starts without the previous one's garbage
        ours, products, opened = run_ours(master, communes)
        gc.collect()
        # Again, now that the master holds the rows: what every later consolidation costs.
        again, _, reopened = run_ours(master, communes)
    master_io = ours - check
    print(f"files: {args.n}, products consolidated: {products} (plain loop rows: {plain_rows})")
    print(f"ocop_xl consolidate, as the CLI runs it:        {ours:8.2f} s")
    print(f"  read and check every file (best of 3):        {check:8.2f} s")
    print(f"  the master (open {opened:.2f} s, write, save):    {master_io:8.2f} s")
    print(f"consolidate again, into the master holding them: {again:8.2f} s")
    print(f"  of which opening the master:                  {reopened:8.2f} s")
    print(f"plain loop (read_excel openpyxl, concat, write): {plain:8.2f} s")
    print(f"  of which reading the files:                   {plain_read:8.2f} s")
    print(f"bare python-calamine read (best of 3):          {bare:8.2f} s")
    print(f"ratio plain loop / consolidate:        {plain / ours:6.1f}x  (goal >= 10)")
    print(f"ratio plain reading / read and check:  {plain_read / check:6.1f}x")
    print(f"ratio read and check / bare read:      {check / bare:6.2f}x  (goal <= 3)")


if __name__ == "__main__":
    main()
