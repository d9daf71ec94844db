"""Benchmark: what the macro side of the master costs.

    python bench/addin.py [--repeat R]

Measures in one run, each the best of R repeats:

1. ``new-master`` writing ``ocop_master.xlsm`` (VBA project built in pure Python, ribbon,
   xlwings.conf) against the same master as ``.xlsx`` (the baseline);
2. building the standalone ``vbaProject.bin`` (our modules and xlwings' 46 kB module:
   MS-OVBA compression and the compound file) against ``zlib.compress`` of the same text;
3. an action's round trip (open, rewrite the Kiểm tra table, save atomically) on the
   ``.xlsm`` against the ``.xlsx``: the price of keeping the VBA side on every save;

and prints the times and the ratios.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from ocop_xl.actions.new_master import create_master
from ocop_xl.profiles import load_profile
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.xlsm import vba_project, workbook_modules


def pair(repeat: int, fn: Callable[[], object], baseline: Callable[[], object]):
    """Best times of ``fn`` and ``baseline``, run alternately so both see the same machine."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for i, f in enumerate((fn, baseline)):
            started = time.perf_counter()
            f()
            times[i].append(time.perf_counter() - started)
    return min(times[0]), min(times[1])


def round_trip(path: Path) -> None:
    wb = FileWorkbook.open(path)
    wb.write_table("issues", wb.read_table("issues"))
    wb.save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    profile = load_profile("tu-ky-2023")
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as folder:
        xlsx, xlsm = Path(folder) / "m.xlsx", Path(folder) / "m.xlsm"
        rows = []
        rows.append(
            (
                "new-master .xlsm / .xlsx",
                *pair(
                    args.repeat,
                    lambda: create_master(profile, xlsm, force=True),
                    lambda: create_master(profile, xlsx, force=True),
                ),
            )
        )

        modules = workbook_modules(standalone=True)
        text = "".join(m.code for m in modules).encode("cp1252")
        label = f"vbaProject.bin ({len(text) // 1024} kB source) / zlib"
        build = pair(args.repeat, lambda: vba_project.build(modules), lambda: zlib.compress(text))
        rows.append((label, *build))
        trip = pair(args.repeat, lambda: round_trip(xlsm), lambda: round_trip(xlsx))
        rows.append(("action round trip .xlsm / .xlsx", *trip))

    print(f"{'measure':45} {'time':>9} {'baseline':>9} {'ratio':>7}")
    for label, value, baseline in rows:
        print(f"{label:45} {value * 1000:7.1f}ms {baseline * 1000:7.1f}ms {value / baseline:7.2f}")


if __name__ == "__main__":
    main()
