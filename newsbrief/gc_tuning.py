"""Fewer garbage collections while a brief runs.

A brief makes millions of small objects (tokens, spans, names) that live until
it ends, and almost none of them in reference cycles. CPython's collector runs
its youngest generation every 700 new objects and so walks them again and again:
on a pile of 1,000 articles that was 1.7 of 9.3 CPU s with every section (1,339
collections). With the first threshold at 10,000 the same brief takes ~25 % less
CPU and no more memory (bench/RESULTS.md, "Scale"); cycles are still collected,
only less often. The old thresholds come back when the last brief running ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

YOUNG_THRESHOLD = 10_000

_lock = threading.Lock()
_running = 0
_saved: tuple[int, ...] = ()


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold to YOUNG_THRESHOLD (never lower it) for the block."""
    global _running, _saved
    with _lock:
        if _running == 0:
            _saved = gc.get_threshold()
            if _saved[0] and _saved[0] < YOUNG_THRESHOLD:  # 0: collection is off; leave it so
                gc.set_threshold(YOUNG_THRESHOLD, *_saved[1:])
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.set_threshold(*_saved)
