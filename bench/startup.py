"""Benchmark: what a command costs as a whole process, against baselines of the same run.

    python bench/startup.py [--repeat R] [--master DEMO_MASTER]

Each figure is a fresh process started from this Python, run alternately with its baseline
(so a load on the machine weighs on both), best of R:

- ``ocop-xl --version`` and ``ocop-xl --help`` against ``python -c "import typer"``
  (goal: within 1.5x);
- each action on the demo master against a bare ``openpyxl.load_workbook(master,
  keep_vba=True)`` + ``save`` of the same file in a fresh process (goal: within 2x). The
  master is copied before every run (not timed), so each action starts from the demo's file.

Without ``--master`` the demo is built once in a temporary folder (``ocop-xl demo``).

Each figure is printed in wall time and in CPU time (user + system of the child process,
from ``os.wait4``), which a load on the machine disturbs much less; best of R for each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACTIONS: tuple[tuple[str, ...], ...] = (
    ("check-config",),
    ("consolidate",),
    ("budget",),
    ("tasks",),
    ("progress",),
)
BARE_SAVE = (
    "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1], keep_vba=True); "
    "wb.save(sys.argv[1])"
)


def ocop_xl() -> list[str]:
    script = Path(sys.executable).with_name("ocop-xl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ocop_xl"]


def timed(command: list[str], before=None) -> tuple[float, float]:
    """Wall and CPU time of one run of ``command`` as a fresh process."""
    if before is not None:
        before()
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def pair(name: str, command, baseline, repeat: int, before=None) -> tuple[str, ...]:
    ours, base = [], []
    for _ in range(repeat):
        ours.append(timed(command, before))
        base.append(timed(baseline, before))
    return (
        name,
        min(w for w, _ in ours),
        min(w for w, _ in base),
        min(c for _, c in ours),
        min(c for _, c in base),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--master", type=Path, help="the demo's ocop_master.xlsm")
    args = parser.parse_args()
    cli = ocop_xl()
    rows = [
        pair("--version", [*cli, "--version"], [sys.executable, "-c", "import typer"], args.repeat),
        pair("--help", [*cli, "--help"], [sys.executable, "-c", "import typer"], args.repeat),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        if args.master is None:
            subprocess.run(
                [*cli, "demo", "--out", f"{tmp}/demo"], check=True, stdout=subprocess.DEVNULL
            )
            source = Path(tmp, "demo", "ocop_master.xlsm")
        else:
            source = args.master
        folder = Path(tmp, "run")
        shutil.copytree(source.parent, folder, ignore=shutil.ignore_patterns("sao-luu"))
        master = folder / source.name

        def fresh() -> None:
            shutil.copy2(source, master)

        bare = [sys.executable, "-c", BARE_SAVE, str(master)]
        for action in ACTIONS:
            command = [*cli, *action, "--workbook", str(master)]
            rows.append(pair(" ".join(action), command, bare, args.repeat, fresh))
    print(
        f"{'command':<16}{'wall: ocop-xl':>14}{'baseline':>10}{'ratio':>8}"
        f"{'cpu: ocop-xl':>14}{'baseline':>10}{'ratio':>8}"
    )
    for name, ours, base, ours_cpu, base_cpu in rows:
        print(
            f"{name:<16}{ours:>14.3f}{base:>10.3f}{ours / base:>7.2f}x"
            f"{ours_cpu:>14.3f}{base_cpu:>10.3f}{ours_cpu / base_cpu:>7.2f}x"
        )


if __name__ == "__main__":
    main()
