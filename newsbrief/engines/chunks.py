"""Items travel to workers in chunks sized by measured work, so that per-task costs stay small.

Sending one item a task costs every item a round trip (pickling, a pipe or a
socket, a scheduler's bookkeeping, a wake-up of the parent's threads); a fixed
large chunk makes slow items wait and the last chunk of a run leave workers
idle. So the first chunks hold a few items, and once they are back each chunk
holds about ``task_seconds`` of the work the workers measured, between 1 and
``max_chunk`` items. Both engines use this: the local pool and Dask.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def run_chunk(fn: Callable[[T], R], chunk: list[T]) -> tuple[list[R], float]:
    """The chunk's results, and the seconds they took on the worker (to size the next chunks)."""
    start = time.perf_counter()
    results = [fn(item) for item in chunk]
    return results, time.perf_counter() - start


class ChunkSizer:
    """Chunks of about ``task_seconds`` of work: few tasks for quick items, small chunks for slow ones."""

    def __init__(self, first: int, *, task_seconds: float, max_chunk: int):
        self.size = max(1, first)
        self.task_seconds = task_seconds
        self.max_chunk = max_chunk
        self._items = 0
        self._seconds = 0.0

    def record(self, items: int, seconds: float) -> None:
        """Take in what a returned chunk took, and size the next chunks by all the work measured so far."""
        self._items += items
        self._seconds += seconds
        if self._seconds > 0:
            self.size = max(1, min(self.max_chunk, round(self.task_seconds * self._items / self._seconds)))

    def chunks(self, items: Iterable[T]) -> Iterator[list[T]]:
        """``items`` in lists of the current ``size``, read only as each list is asked for."""
        iterator = iter(items)
        while chunk := list(islice(iterator, self.size)):
            yield chunk
