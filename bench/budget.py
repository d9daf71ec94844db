"""Benchmark: the budget tally on a master with N budget lines.

    python bench/budget.py N [--seed S]

Writes a master with 200 registered products and N budget lines (amounts typed as
numbers and as Vietnamese text, a few mistakes), then measures in one run on the same file:

1. ``budget`` as the user runs it (open the master, read Kinh phí, every check, write the
   tallies, the estimate and Kiểm tra, save atomically);
2. the domain part alone (``tally_budget`` on the rows already read);
3. a baseline: openpyxl opens the master, a loop sums the amount and source columns with
   ``int()``, openpyxl saves it: the file work any tool has to do;

and prints the times and the ratios (1)/(3) (the price of the checks and the outputs over
the bare file work) and (2)/(1) (the share of the rules in the whole).
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from ocop_xl.actions import run_action
from ocop_xl.actions.budget import read_products, tally
from ocop_xl.actions.new_master import create_master
from ocop_xl.domain.vnformat import money
from ocop_xl.profiles import load_profile
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.profile_sheets import read_profile

ITEMS = ["CBCL", "MAVACH", "TEMTX", "BAOBI", "SHTT", "TUVAN", "HOICHO"]


def generate(folder: Path, n: int, seed: int) -> Path:
    """Lines as an office would type them: each product asks each item once, from eligible
    sources, within the caps; about one line in a hundred has a mistake."""
    profile = load_profile("tu-ky-2023")
    master = folder / "ocop_master.xlsx"
    create_master(profile, master, force=True)
    rng = random.Random(seed)
    communes = [c.code for c in profile.communes]
    items = {i.code: i for i in profile.support_items}
    count = -(-n // len(ITEMS))
    products = [
        {
            "product_id": f"TK-{i:05d}",
            "commune_code": rng.choice(communes),
            "product_name": f"SP {i}",
        }
        for i in range(count)
    ]
    sources = [s.code for s in profile.funding_sources]
    rows = []
    for i in range(n):
        item = items[ITEMS[i % len(ITEMS)]]
        amount = rng.randrange(1, (item.cap_per_product or 10_000_000) // 100_000 + 1) * 100_000
        first, second = item.eligible_sources[0], item.eligible_sources[-1]
        share = amount // 2
        row = {
            "item": item.code,
            "product_id": products[i // len(ITEMS)]["product_id"],
            "amount": money(amount) if i % 3 == 0 else amount,
            first: share,
            second: amount - share,
        }
        if i % 97 == 0:
            row[second] = "không rõ"  # a mistake now and then
        rows.append(row)
    wb = FileWorkbook.open(master)
    wb.write_table("registrations", pd.DataFrame(products, dtype=object))
    keys = list(MASTER.table("budget_lines").keys)
    frame = pd.DataFrame(rows, columns=keys + sources, dtype=object)
    wb.write_table("budget_lines", frame.where(frame.notna(), None))
    wb.commit()
    return master


def run_ours(master: Path) -> tuple[float, int]:
    started = time.perf_counter()
    result = run_action("budget", FileWorkbook.open(master))
    return time.perf_counter() - started, len(result.issues)


def run_domain(master: Path) -> tuple[float, int]:
    wb = FileWorkbook.open(master, writable=False)
    profile = read_profile(wb)
    products, _ = read_products(wb)
    started = time.perf_counter()
    budget = tally(wb, profile, products)
    return time.perf_counter() - started, len(budget.lines)


def run_baseline(master: Path, out: Path) -> tuple[float, int]:
    started = time.perf_counter()
    book = load_workbook(master)
    ws = book[MASTER.table("budget_lines").sheet]
    headers = [c.value for c in ws[1]]
    amount_col = headers.index(MASTER.table("budget_lines").column("amount").header)
    totals = [0] * len(headers)
    for row in ws.iter_rows(min_row=2, values_only=True):
        for col in range(amount_col, len(headers)):
            value = row[col]
            if isinstance(value, str):
                value = value.replace(".", "")
            with contextlib.suppress(ValueError):
                totals[col] += int(value or 0)
    book.save(out)
    return time.perf_counter() - started, totals[amount_col]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=5000, help="number of budget lines")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as tmp:
        folder = Path(tmp)
        print(f"Generating a master with {args.n} budget lines ...", file=sys.stderr)
        master = generate(folder, args.n, args.seed)
        baseline, _ = run_baseline(master, folder / "baseline.xlsx")
        domain, lines = run_domain(master)
        ours, issues = run_ours(master)
    print(f"lines: {lines}, findings: {issues}")
    print(f"(1) budget action, end to end:   {ours:8.3f} s")
    print(f"(2) domain tally alone:          {domain:8.3f} s")
    print(f"(3) baseline openpyxl read+save: {baseline:8.3f} s")
    print(f"ratio (1)/(3): {ours / baseline:6.2f}")
    print(f"ratio (2)/(1): {domain / ours:6.2f}")


if __name__ == "__main__":
    main()
