"""Benchmark: what a click on the OCOP ribbon costs with and without xlwings' UDF server.

    python bench/clicks.py [--repeat R] [--action check-config]

Without the UDF server, xlwings' RunPython starts a new Python for every click: the
interpreter, then ``import ocop_xl.excel`` and the action's imports (pandas, openpyxl…),
then the action. With ``Use UDF Server`` Python stays loaded between clicks (it is the same
process the worksheet functions use), so from the second click on only the action runs.

Both are measured here on the Excel stand-in of the tests (tests/integration/excel_standin.py,
the book held in openpyxl), running the button as ``dispatch`` does (``run_tag`` on a
``LiveWorkbook``):

- cold click: a new ``python`` process per click, timed from its start to the end of the
  action (what every click costs without the server, and the first click with it);
- warm click: the same action again in a process that already ran it (every later click
  with the server).

Excel's own COM round trips are not in either figure (the stand-in answers in-process); they
are the same with and without the server. Prints the best of R for each and the ratio.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CLICK = """
import sys, time
started = time.perf_counter()
sys.path.insert(0, {root!r})
from tests.integration.excel_standin import open_in_excel
from tests.integration.addin_helpers import FakeUi
import ocop_xl.excel as x
from ocop_xl.excel.live_workbook import LiveWorkbook
imported = time.perf_counter() - started
not_a_click = 0.0  # opening the stand-in's book: Excel has it open already
def click():
    global not_a_click
    t = time.perf_counter()
    book = open_in_excel({master!r})
    t2 = time.perf_counter()
    not_a_click += t2 - t
    outcome = x.run_tag({action!r}, LiveWorkbook(book), FakeUi())
    assert outcome.log is None, outcome.message
    return time.perf_counter() - t2
first = click()
warm = [click() for _ in range({repeat})]
print(imported, first, min(warm), sum(warm) + not_a_click)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--action", default="check-config")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from ocop_xl.actions.new_master import create_master
    from ocop_xl.profiles import load_profile

    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as folder:
        master = Path(folder) / "ocop_master.xlsm"
        create_master(load_profile("tu-ky-2023"), master, standalone=False)
        script = CLICK.format(
            root=str(ROOT), master=str(master), action=args.action, repeat=args.repeat
        )
        colds, inner_firsts, warms = [], [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            )
            total = time.perf_counter() - started
            imported, first, warm, not_cold = (float(v) for v in done.stdout.split())
            colds.append(total - not_cold)  # start, imports, the first click
            inner_firsts.append((imported, first))
            warms.append(warm)
    cold, warm = min(colds), min(warms)
    print(f"action: {args.action} on the Excel stand-in (tu-ky-2023 master)")
    print(f"{'measure':52} {'time':>9}")
    print(f"{'cold click: new python, imports, action':52} {cold * 1000:7.0f}ms")
    imported, first = min(inner_firsts, key=sum)
    print(f"{'  of which importing ocop_xl.excel':52} {imported * 1000:7.0f}ms")
    print(f"{'  of which the first run (its own imports, action)':52} {first * 1000:7.0f}ms")
    print(f"{'warm click: Python kept loaded (UDF server)':52} {warm * 1000:7.0f}ms")
    print(f"{'ratio warm / cold':52} {warm / cold:9.2f}")


if __name__ == "__main__":
    main()
