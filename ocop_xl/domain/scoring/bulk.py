"""Steps that make one small object per typed row (a score per row, a result per product)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while a step makes many small objects that
    live on: they hold no reference cycles, so each of the collector's passes over the
    growing heap (a full one whenever it has grown by a quarter) would find nothing to
    free, and those passes cost as much as making the objects. Reference counting frees
    as usual; the collector runs again afterwards, as it was."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
