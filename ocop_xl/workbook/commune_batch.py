"""Reading and checking many commune files, in worker processes when it pays.

Each file is read and checked on its own (``read_submission`` then ``check_submission``);
only the cross-file checks need them all. So the files are shared among a pool of
processes (``concurrent.futures.ProcessPoolExecutor``), and their results come back in the
order of the files, exactly what the same loop in one process gives. Below ``MIN_FILES``
files, with one worker, or when a pool cannot start or breaks (a locked-down Windows, an
embedded interpreter), the files are read in this process, from the first one not yet
received.

The worker is a module-level function given picklable arguments, so the pool works with
every start method (Windows only has ``spawn``); on other systems ``forkserver`` is used:
its workers are forked from a small fresh process, not from the caller's (which may hold
threads, such as the progress bar's, and the master's memory).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from pickle import PicklingError

from ocop_xl.domain.issues import Issue
from ocop_xl.domain.submissions.rules import Rules
from ocop_xl.domain.submissions.validate import FileOutcome
from ocop_xl.workbook.commune_reader import check_submission, read_submission

WORKERS_ENV = "OCOP_XL_WORKERS"  # 1: read in this process; N: at most N worker processes
MIN_FILES = 40  # fewer files read faster than worker processes start
MAX_WORKERS = 4  # each worker holds its own modules (about 60 MiB): memory stays bounded
CHUNK = 8  # files per task: fewer round trips, progress still moves often


@dataclass
class Checked:
    """One file read and checked: ``outcome`` None when it could not be used at all."""

    file: str  # as shown in messages
    sha256: str
    read_issues: list[Issue]
    outcome: FileOutcome | None


def read_and_check(path: Path, shown: str, rules: Rules) -> Checked:
    read = read_submission(path, shown)
    if read.sheet is None:
        return Checked(shown, read.sha256, read.issues, None)
    return Checked(shown, read.sha256, read.issues, check_submission(read, rules))


_rules: Rules | None = None  # a worker's copy, sent once when it starts


def _start_worker(rules: Rules) -> None:
    global _rules
    _rules = rules


def _work(path: Path, shown: str) -> Checked:
    assert _rules is not None
    return read_and_check(path, shown, _rules)


def worker_count(files: int) -> int:
    """How many processes read ``files`` files: ``OCOP_XL_WORKERS`` if set, else one per
    core up to ``MAX_WORKERS``; 1 (this process) below ``MIN_FILES`` files."""
    wanted = os.environ.get(WORKERS_ENV, "").strip()
    if wanted.isdigit():
        return max(1, min(int(wanted), files))
    if files < MIN_FILES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def _context() -> multiprocessing.context.BaseContext:
    if sys.platform == "win32":
        return multiprocessing.get_context("spawn")
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])  # imported once, in the server
        return ctx
    return multiprocessing.get_context("spawn")


def warm_up(files: int) -> None:
    """Start what the workers are forked from (a fresh process importing this module)
    while the caller does other work, when ``files`` files will be read in a pool."""
    if worker_count(files) <= 1:
        return
    try:
        if _context().get_start_method() == "forkserver":
            from multiprocessing import forkserver

            forkserver.ensure_running()
    except (OSError, RuntimeError, ValueError):
        pass  # the pool will try again, or the files are read here


def checked_files(
    files: Sequence[tuple[Path, str]],
    rules: Rules,
    workers: int | None = None,
    before: Callable[[int], None] | None = None,
) -> Iterator[Checked]:
    """Every (path, shown name) read and checked, in the order given. The workers start
    on the call, so the caller may do other work before taking the results. ``before(i)``
    is called before the result of file ``i`` is waited for (the progress bar, in this
    process whatever reads the files)."""
    count = worker_count(len(files)) if workers is None else workers
    pool, results = None, None
    if count > 1:
        try:
            pool = ProcessPoolExecutor(
                count, mp_context=_context(), initializer=_start_worker, initargs=(rules,)
            )
            paths = [path for path, _ in files]
            shown = [name for _, name in files]
            results = pool.map(_work, paths, shown, chunksize=CHUNK)
        except (*_POOL_FAILURES, TypeError):  # TypeError: something that does not pickle
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            pool = None
    return _take(files, rules, pool, results, before)


# What a pool that cannot start or breaks raises; a mistake in the checks raises as it
# would in this process.
_POOL_FAILURES = (BrokenProcessPool, OSError, PicklingError, RuntimeError, ImportError)


def _take(
    files: Sequence[tuple[Path, str]],
    rules: Rules,
    pool: ProcessPoolExecutor | None,
    results: Iterator[Checked] | None,
    before: Callable[[int], None] | None,
) -> Iterator[Checked]:
    done = 0
    if pool is not None and results is not None:
        try:
            while done < len(files):
                if before is not None:
                    before(done)
                checked = next(results)
                done += 1
                yield checked
        except _POOL_FAILURES:
            pass  # the rest is read here, from the first file not received
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    for i in range(done, len(files)):
        if before is not None:
            before(i)
        path, name = files[i]
        yield read_and_check(path, name, rules)
