"""Benchmark of council scoring (issue 4).

    .venv/bin/python bench/scoring.py [--products 20000] [--members 9] [--totals 100000]
                                      [--no-action]

Measures, in one run, each against a baseline measured in the same run:

1. Scoring N products by M members (N×M typed rows of parts A, B, C): ocop_xl's domain path
   (every score checked, exact Fractions, quorum, recusals, spread, stars, ranks) against
   the quick spreadsheet way: a pandas groupby on floats with no checks at all.
2. The same scoring as the ``score`` action on a real master file (read Chấm điểm with
   openpyxl, write Kết quả, statistics, minutes, list for the province, atomic save).
3. OCOP_STAR over a column of T totals in one call against T single-cell calls (what a
   formula filled down a column costs; in Excel each call also pays a round trip).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ocop_xl.actions import run_action
from ocop_xl.actions.new_master import create_master
from ocop_xl.domain.issues import Location
from ocop_xl.domain.profile import CouncilMember
from ocop_xl.domain.scoring import Product, Row, check_part_rows, score_products
from ocop_xl.excel.udfs import OCOP_STAR
from ocop_xl.profiles import criteria_set, load_profile, route
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER

ROLES = ("Chủ tịch", "Phó Chủ tịch")


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def sample(n_products: int, n_members: int, seed: int = 4):
    rng = random.Random(seed)
    members = [
        CouncilMember(name=f"Thành viên {i:02d}", role=ROLES[i] if i < 2 else "Ủy viên")
        for i in range(n_members)
    ]
    products = [
        Product(f"SP-{i:05d}", group_code=("I.3.b", "II.1.a", "I.2.b")[i % 3])
        for i in range(n_products)
    ]
    rows = []
    for p in products:
        base = rng.uniform(20, 90)
        for m in members:
            total = min(max(base + rng.uniform(-6, 6), 0), 100)
            a = Decimal(round(total * 0.4 * 4) / 4).quantize(Decimal("0.01"))
            b = Decimal(round(total * 0.25 * 4) / 4).quantize(Decimal("0.01"))
            c = max(Decimal(round(total * 4) / 4) - a - b, Decimal(0))
            rows.append(
                {
                    "product_id": p.product_id,
                    "member": m.name,
                    "part_a": float(a),
                    "part_b": float(b),
                    "part_c": float(min(c, Decimal(35))),
                }
            )
    return members, products, rows


def domain_scoring(members, products, rows, cs, rules):
    typed = [
        Row(r, {"product_id": Location(sheet="Chấm điểm", row=i)}) for i, r in enumerate(rows, 2)
    ]
    book = check_part_rows(typed, products, members, cs)
    return score_products(products, members, book.scores, cs, rules, route("tu-ky-2023"))


def pandas_floats(rows):
    frame = pd.DataFrame(rows)
    frame["total"] = frame["part_a"] + frame["part_b"] + frame["part_c"]
    out = frame.groupby("product_id")["total"].agg(["mean", "min", "max", "count"])
    out["spread"] = out["max"] - out["min"]
    out["star"] = pd.cut(
        out["mean"], [-1, 30, 50, 70, 90, 101], right=False, labels=[1, 2, 3, 4, 5]
    )
    return out


def action_scoring(members, products, rows, folder: Path) -> tuple[float, float]:
    master = folder / "bench-master.xlsx"
    create_master(load_profile("tu-ky-2023"), master)
    wb = FileWorkbook.open(master)
    wb.write_table(
        "registrations",
        pd.DataFrame(
            [
                {"product_id": p.product_id, "group_code": p.group_code, "commune": "Hà Kỳ"}
                for p in products
            ]
        ),
    )
    wb.write_table(
        "council",
        pd.DataFrame([{"name": m.name, "role": m.role, "present": "Có"} for m in members]),
    )
    wb.write_table("scores", pd.DataFrame(rows, columns=list(MASTER.table("scores").keys)))
    wb.commit()
    start = time.perf_counter()
    book = FileWorkbook.open(master)
    opened = time.perf_counter() - start
    result = run_action("score", book)
    total = time.perf_counter() - start
    assert result.counts["products"] == len(products)
    return total, opened


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=9)
    parser.add_argument("--totals", type=int, default=100_000)
    parser.add_argument("--no-action", action="store_true", help="skip the master-file run")
    args = parser.parse_args()

    profile = load_profile("tu-ky-2023")
    cs = criteria_set(profile.criteria_set)
    members, products, rows = sample(args.products, args.members)
    print(f"Scoring {args.products:,} products by {args.members} members ({len(rows):,} rows)")
    ours, scoring = timed(lambda: domain_scoring(members, products, rows, cs, profile.council))
    base, frame = timed(lambda: pandas_floats(rows), repeat=3)
    # every product scored (those whose members differ by more than the council's spread
    # are sent back for re-scoring: no star yet, as in the minutes)
    assert len(scoring.results) == len(frame) == args.products
    print(f"  ocop_xl domain (checked, exact)     {ours:8.2f} s")
    print(f"  baseline: pandas groupby on floats  {base:8.2f} s   (no checks, not exact)")
    print(f"  ratio ocop_xl / baseline            {ours / base:8.1f} x")
    if not args.no_action:
        with tempfile.TemporaryDirectory() as folder:
            total, opened = action_scoring(members, products, rows, Path(folder))
        print(
            f"  `score` action on a master file     {total:8.2f} s   (opening it: {opened:.2f} s)"
        )

    rng = random.Random(7)
    column = [[round(rng.uniform(0, 100), 2)] for _ in range(args.totals)]
    print(f"OCOP_STAR over {args.totals:,} totals")
    vector, out = timed(lambda: OCOP_STAR(column, "qd-148-2023"), repeat=3)
    naive, _ = timed(lambda: [OCOP_STAR(cell[0], "qd-148-2023") for cell in column])
    assert len(out) == args.totals
    print(f"  one call over the column            {vector:8.3f} s")
    print(f"  baseline: one call per cell         {naive:8.3f} s")
    print(f"  ratio baseline / one call           {naive / vector:8.1f} x")


if __name__ == "__main__":
    main()
