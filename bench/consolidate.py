"""Benchmark: consolidating N commune workbooks, as whole processes and in process.

    python bench/consolidate.py N [--mistakes most|few|none] [--repeat R] [--seed S]
                                  [--keep DIR] [--no-plain]

Generates a master whose commune list has N communes and one filled registration
workbook per commune, made from the real template (2 to 10 realistic rows each). With
``--mistakes most`` (as first submissions are) four rows in five carry one to three
mistakes (phone, tax ID, producer type, group code, support code); ``few`` puts a phone or
tax mistake in about 5 % of the rows; ``none`` makes clean files. Then measures, in one
run on the same files, each figure against a baseline measured alternately with it (the
machine is shared: a load weighs on both), best of R:

1. whole processes: ``ocop-xl consolidate --workbook master folder`` (start-up, open the
   master, read and check every file, write Đăng ký, Kiểm tra and Hồ sơ đã nhận, save; the
   master copied fresh before each run, not timed) against the plain loop a user writes,
   also a fresh process: ``pandas.read_excel(engine="openpyxl")`` per file, concat, the
   result written with openpyxl (goal at N=1000: plain / ours >= 12); the peak memory
   (maximum resident set) of each process, from ``os.wait4`` (goal at N=3321: < 1 GiB),
   and of the worker processes consolidate starts (their CPU time is counted in its own:
   the bench adopts and waits for them), with an upper bound: the process's peak plus the
   largest descendant's times their number;
2. in process: the read-and-check part (python-calamine read, guards, every rule) against
   a bare python-calamine read of the registration sheet of every file (goal: <= 3x).

Every figure is printed with its baseline and the ratio.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import python_calamine
from openpyxl import load_workbook

from ocop_xl.actions.new_master import create_master
from ocop_xl.domain.profile import Commune
from ocop_xl.domain.submissions import Rules
from ocop_xl.profiles import criteria_set, load_profile
from ocop_xl.workbook.commune_batch import WORKERS_ENV, worker_count
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


MISTAKES = {
    "phone": "12345",
    "tax_id": "12345",
    "producer_type": "hộ gia đình khác",
    "group_code": "IX.9",
    "support": "TIEN_MAT",
}


def sample_rows(rng: random.Random, commune: str, today: date, mistakes: str) -> list[dict]:
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
        if mistakes == "few" and rng.random() < 0.05:  # a few of the usual mistakes
            row[rng.choice(["phone", "tax_id"])] = "12345"
        elif mistakes == "most" and rng.random() < 0.8:  # a first submission
            for key in rng.sample(sorted(MISTAKES), rng.randint(1, 3)):
                row[key] = MISTAKES[key]
        rows.append(row)
    return rows


def generate(folder: Path, n: int, seed: int, mistakes: str) -> tuple[Path, list[Path]]:
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
        fill_rows(ws, sample_rows(rng, commune.name, today, mistakes))
        path = files_dir / template_file_name(profile, commune)
        book.save(path)
        files.append(path)
        if (i + 1) % 100 == 0:
            print(f"  generated {i + 1}/{n}", file=sys.stderr)
    base.unlink()
    return master, files


PLAIN_LOOP = """
import sys
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

folder, out, sheet, header = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
combined = pd.concat(
    [
        pd.read_excel(f, sheet_name=sheet, header=header, engine="openpyxl")
        .dropna(subset=["Tên sản phẩm"])
        .assign(source_file=f.name)
        for f in sorted(folder.glob("*.xlsx"))
    ],
    ignore_index=True,
)
book = Workbook()
ws = book.active
ws.append(list(combined.columns))
for row in combined.itertuples(index=False):
    ws.append([None if pd.isna(v) else v for v in row])
book.save(out)
"""


def ocop_xl() -> list[str]:
    script = Path(sys.executable).with_name("ocop-xl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ocop_xl"]


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and all its descendants
    peak: int  # maximum resident set of the process itself, bytes
    # The largest peak of its descendants (forkserver, workers) as wait4 gives it, bytes.
    # A process started by fork + exec (vfork) keeps, there, the high-water mark of its
    # parent's memory at exec: an overestimate.
    child_peak: int = 0
    # The same from each descendant's resident set (/proc VmRSS) read every 20 ms while it
    # runs (its VmHWM is no better: a fork copies the parent's high-water mark).
    child_hwm: int = 0
    # CPU time of the process itself, without its descendants: on idle cores, the time a
    # user waits is bounded below by it (the workers' share runs beside it).
    own_cpu: float = 0.0


class Descendants(threading.Thread):
    """Reads the resident set (VmRSS) of every descendant of ``pid`` while it runs."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peaks, self.stop = pid, {}, threading.Event()

    def _children(self, pid: int) -> list[int]:
        try:
            text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def run(self) -> None:
        try:
            own = Path(f"/proc/{self.pid}/cmdline").read_bytes()
        except OSError:
            return
        while not self.stop.wait(0.02):
            pending = self._children(self.pid)
            while pending:
                pid = pending.pop()
                pending += self._children(pid)
                try:
                    if Path(f"/proc/{pid}/cmdline").read_bytes() == own:
                        continue  # started but not yet exec'd: still the parent's memory
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmRSS:"):
                        size = int(line.split()[1]) * 1024
                        self.peaks[pid] = max(self.peaks.get(pid, 0), size)


def adopt_orphans() -> None:
    """Become the parent of the processes our children leave behind (Linux): a forkserver
    and its workers outlive the consolidation by a moment and would be reaped by init,
    their CPU time and memory unseen; adopted, they are waited for and counted."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        print("(descendants left behind are not counted on this system)", file=sys.stderr)


def process(command: list[str], allowed: tuple[int, ...] = (0,), **more_env: str) -> Run:
    """Wall and CPU time and peak resident memory of a fresh process running ``command``,
    its descendants' CPU time included (and their largest peak apart)."""
    # As installed for a user, modules are compiled once (a .pyc), not at every start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(more_env)
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    watch = Descendants(child.pid)
    watch.start()
    errors = child.stderr.read()
    # wait4 counts the child and the descendants it waited for (workers it started itself);
    # the peak it gives is the largest of them: the child's own, as workers are smaller.
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    watch.stop.set()
    watch.join()
    cpu = usage.ru_utime + usage.ru_stime
    child_peak = 0
    while True:  # the descendants it left behind (adopt_orphans), each with its own
        try:
            _, _, left = os.wait4(-1, 0)
        except ChildProcessError:
            break
        cpu += left.ru_utime + left.ru_stime
        child_peak = max(child_peak, left.ru_maxrss * 1024)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in allowed:
        sys.stderr.buffer.write(errors[-4000:])
        raise SystemExit(f"{command[:3]} failed with exit code {child.returncode}")
    # ru_maxrss is in KiB on Linux
    hwm = max(watch.peaks.values(), default=0)
    own = usage.ru_utime + usage.ru_stime
    return Run(elapsed, cpu, usage.ru_maxrss * 1024, child_peak, hwm, own)


def in_process(run, *args) -> Run:
    """Wall and CPU time of ``run(*args)`` in this process (its own garbage collected first)."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    run(*args)
    return Run(time.perf_counter() - wall, time.process_time() - cpu, 0)


def read_and_check(master: Path, folder: Path):
    """What consolidate does with every file: python-calamine read, guards, every rule."""
    from ocop_xl.workbook.profile_sheets import read_profile

    profile = read_profile(FileWorkbook.open(master, writable=False))
    rules = Rules.for_plan(profile, criteria_set(profile.criteria_set), date.today())

    def run() -> int:
        paths, _ = expand_sources([folder])
        rows = 0
        for path in paths:
            read = read_submission(path, path.name)
            if read.sheet is not None:
                rows += len(check_submission(read, rules).products)
        return rows

    return run


def bare_read(files: list[Path]) -> int:
    rows = 0
    for f in files:
        book = python_calamine.CalamineWorkbook.from_path(str(f))
        rows += len(book.get_sheet_by_name(TEMPLATE_SHEET).to_python())
    return rows


def mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def line(label: str, runs: list[Run], peak: bool = False) -> None:
    wall, cpu = min(r.wall for r in runs), min(r.cpu for r in runs)
    memory = mib(max(r.peak for r in runs)) if peak else ""
    print(f"{label:<52}{wall:>8.2f}s{cpu:>8.2f}s{memory:>10}")


def ratio(label: str, num: list[Run], den: list[Run], goal: str) -> None:
    wall = min(r.wall for r in num) / min(r.wall for r in den)
    cpu = min(r.cpu for r in num) / min(r.cpu for r in den)
    print(f"{label:<52}{wall:>8.2f}x{cpu:>8.2f}x  {goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of commune workbooks")
    parser.add_argument("--mistakes", choices=["most", "few", "none"], default="most")
    parser.add_argument("--repeat", type=int, default=2, help="alternations of each pair")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain loop")
    parser.add_argument("--no-check", action="store_true", help="skip the in-process pair")
    args = parser.parse_args()
    adopt_orphans()
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        communes = folder / "communes"
        pristine = folder / "pristine.xlsx"
        master = folder / "ocop_master.xlsx"
        if communes.is_dir() and pristine.exists():
            print(f"Reusing the files in {folder}", file=sys.stderr)
            files = sorted(communes.glob("*.xlsx"))
        else:
            print(f"Generating {args.n} commune workbooks in {folder} ...", file=sys.stderr)
            master, files = generate(folder, args.n, args.seed, args.mistakes)
            shutil.copy2(master, pristine)
        gc.collect()  # the generation's garbage is not the measured code's
        print("Measuring ...", file=sys.stderr)
        # exit code 1: the files have errors (listed on Kiểm tra), not a failure
        cli = [*ocop_xl(), "consolidate", "--workbook", str(master), str(communes)]
        header = str(COMMUNE_TABLE.header_row - 1)
        plain = [sys.executable, "-c", PLAIN_LOOP, str(communes), str(folder / "plain.xlsx")]
        plain += [TEMPLATE_SHEET, header]
        ours, again, loop, check, bare, alone = [], [], [], [], [], []
        for _ in range(args.repeat):
            if worker_count(len(files)) > 1:  # the same, every file read in one process
                shutil.copy2(pristine, master)
                alone.append(process(cli, (0, 1), **{WORKERS_ENV: "1"}))
            shutil.copy2(pristine, master)
            ours.append(process(cli, (0, 1)))
            if not args.no_plain:
                loop.append(process(plain))
            again.append(process(cli, (0, 1)))  # into the master now holding the rows
        if not args.no_check:
            run = read_and_check(master, communes)
            for _ in range(3):
                bare.append(in_process(bare_read, files))
                check.append(in_process(run))
    print(f"files: {len(files)}, mistakes: {args.mistakes}; best of {args.repeat} (processes)")
    print(f"{'measure':<52}{'wall':>9}{'cpu':>9}{'peak':>10}")
    line("ocop-xl consolidate (whole process)", ours, peak=True)
    if alone:
        line(f"ocop-xl consolidate, {WORKERS_ENV}=1 (one process)", alone, peak=True)
    line("ocop-xl consolidate again (master holding the rows)", again, peak=True)
    if loop:
        line("baseline: plain loop (read_excel, concat, write)", loop, peak=True)
    if check:
        line("read and check every file (in process, best of 3)", check)
        line("baseline: bare python-calamine read (best of 3)", bare)
    print(f"{'ratio':<52}{'wall':>9}{'cpu':>9}")
    if loop:
        ratio("plain loop / consolidate", loop, ours, "(goal >= 12)")
        ratio("plain loop / consolidate again", loop, again, "")
    if alone:
        ratio("one process / worker processes", alone, ours, "")
        own = min(r.own_cpu for r in ours)
        print(
            f"CPU of consolidate's own process, without its workers: {own:.2f}s"
            f" (one process: {min(r.cpu for r in alone):.2f}s)"
        )
    if check:
        ratio("read and check / bare read", check, bare, "(goal <= 3)")
    peak = max(r.peak for r in ours + again)
    child = max(r.child_peak for r in ours + again)
    hwm = max(r.child_hwm for r in ours + again)
    workers = worker_count(len(files))
    print(f"worker processes: {workers} ({WORKERS_ENV} to choose)")
    print(f"peak memory of consolidate (its own process): {mib(peak)}")
    print(f"largest descendant (forkserver or worker), VmRSS sampled: {mib(hwm)}")
    print(f"largest descendant as wait4 counts it (exec keeps the parent's mark): {mib(child)}")
    # the workers, the forkserver they are forked from and multiprocessing's resource tracker
    others = workers + 2 if workers > 1 else 0
    print(
        f"upper bound, process + {others} x largest descendant: "
        f"{mib(peak + hwm * others)} (wait4: {mib(peak + child * others)})"
        " (goal at 3321 files: under 1 GiB)"
    )


if __name__ == "__main__":
    main()
