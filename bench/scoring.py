"""Benchmark of council scoring (issue 4).

    .venv/bin/python bench/scoring.py [--products 20000] [--members 9] [--totals 100000]
                                      [--repeat 2] [--no-action]

Measures, in one run, each against a baseline measured alternately with it in the same run
(the machine is shared: a load weighs on both), wall and CPU time, best of R:

1. Scoring N products by M members (N×M typed rows of parts A, B, C): ocop_xl's domain path
   (the typed rows with their cells, every score checked, exact decimals and fractions,
   quorum, recusals, spread, stars, ranks) against the quick spreadsheet way: a pandas
   groupby on floats with no checks at all, with the same output columns (mean, lowest,
   highest, count, spread, star). Goal: within 20x.
2. The same scoring as ``ocop-xl score`` on a real master file, a whole process (read Chấm
   điểm, write Kết quả, statistics, minutes, list for the province, atomic save), against
   a bare ``openpyxl.load_workbook`` + ``save`` of the same master in a fresh process; the
   master copied fresh before each run. Goal: within 3x.
3. OCOP_STAR over a column of T totals in one call against T single-cell calls (what a
   formula filled down a column costs; in Excel each call also pays a round trip).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ocop_xl.actions.new_master import create_master
from ocop_xl.domain.issues import Location
from ocop_xl.domain.profile import CouncilMember
from ocop_xl.domain.scoring import Product, check_part_rows, score_products, typed_rows
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
    # the typed rows made as the score action makes them (typed_rows)
    typed = typed_rows(
        (r, {"product_id": Location(sheet="Chấm điểm", row=i)}, "") for i, r in enumerate(rows, 2)
    )
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


BARE_SAVE = "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[1])"


def make_master(members, products, rows, folder: Path) -> Path:
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
    return master


def cpu_timed(fn) -> tuple[float, float, object]:
    """Wall and CPU time of one call (after a garbage collection)."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def process(command: list[str], before) -> tuple[float, float]:
    """Wall and CPU time (user + system) of a fresh process."""
    before()
    # As installed for a user, modules are compiled once (a .pyc), not at every start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.stderr.buffer.write(errors[-4000:])
        raise SystemExit(f"{command[:3]} failed")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def ocop_xl() -> list[str]:
    script = Path(sys.executable).with_name("ocop-xl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ocop_xl"]


def show(label: str, ours: list[tuple[float, float]], base: list[tuple[float, float]]) -> None:
    (ow, oc), (bw, bc) = [(min(t[0] for t in x), min(t[1] for t in x)) for x in (ours, base)]
    print(f"  {label}")
    print(f"    ocop_xl     wall {ow:8.2f} s   cpu {oc:8.2f} s")
    print(f"    baseline    wall {bw:8.2f} s   cpu {bc:8.2f} s")
    print(f"    ratio       wall {ow / bw:8.1f} x   cpu {oc / bc:8.1f} x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=9)
    parser.add_argument("--totals", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-action", action="store_true", help="skip the master-file run")
    args = parser.parse_args()

    profile = load_profile("tu-ky-2023")
    cs = criteria_set(profile.criteria_set)
    members, products, rows = sample(args.products, args.members)
    print(f"Scoring {args.products:,} products by {args.members} members ({len(rows):,} rows)")
    pandas_floats(rows[:100])  # pandas' first-call set-up is not the groupby's cost
    ours, base = [], []
    for _ in range(args.repeat):
        wall, cpu, scoring = cpu_timed(
            lambda: domain_scoring(members, products, rows, cs, profile.council)
        )
        ours.append((wall, cpu))
        wall, cpu, frame = cpu_timed(lambda: pandas_floats(rows))
        base.append((wall, cpu))
    # every product scored (those whose members differ by more than the council's spread
    # are sent back for re-scoring: no star yet, as in the minutes)
    assert len(scoring.results) == len(frame) == args.products
    show("domain (checked, exact) / pandas groupby on floats (goal <= 20x)", ours, base)
    if not args.no_action:
        with tempfile.TemporaryDirectory() as folder:
            pristine = make_master(members, products, rows, Path(folder))
            master = Path(folder, "run.xlsx")

            def fresh() -> None:
                shutil.copy2(pristine, master)

            score = [*ocop_xl(), "score", "--workbook", str(master)]
            bare = [sys.executable, "-c", BARE_SAVE, str(master)]
            ours, base = [], []
            for _ in range(args.repeat):
                ours.append(process(score, fresh))
                base.append(process(bare, fresh))
        show("ocop-xl score / bare openpyxl open + save (processes, goal <= 3x)", ours, base)

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
