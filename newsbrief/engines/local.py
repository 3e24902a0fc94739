"""The ``local`` batch engine: this process, or a pool of processes on this machine."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from newsbrief.engines.chunks import ChunkSizer, run_chunk
from newsbrief.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

# Tasks queued per worker beyond the one it runs: enough to keep workers busy
# while the parent writes results, few enough that memory stays flat.
IN_FLIGHT_PER_WORKER = 4
# Items per pool task: a few at first, then about TASK_SECONDS of measured work, at most MAX_CHUNK.
# One item a task cost this process a wake-up of the pool's threads and a pipe round trip per
# cluster: 5,000 clusters (--sections none, 2 workers) took 5.4 CPU s here, 1.7-1.8 s in chunks.
FIRST_CHUNK = 2
TASK_SECONDS = 0.1
MAX_CHUNK = 64


def _start_worker(setup: Callable[[], object] | None) -> None:
    """A pool worker leaves Ctrl-C to the parent (which stops the pool), then warms up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if setup is not None:
        setup()


def _results(future: Future[tuple[list[R], float]], size: int, sizer: ChunkSizer) -> list[R]:
    results, seconds = future.result()
    sizer.record(size, seconds)
    return results


class LocalEngine:
    """This process (``workers=1``) or a pool of local processes, results in input order."""

    def __init__(self, workers: int = 1, *, setup: Callable[[], object] | None = None):
        if workers < 0:
            raise ConfigError(f"--workers must be 0 (one per CPU) or more, got {workers}")
        self.workers = workers or os.cpu_count() or 1
        self.setup = setup  # run in each pool worker; in this process the first item loads what it needs
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers start from a clean process, not a fork of one that runs
            # threads (progress bars, BLAS); the pipeline is imported once in the server.
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            if "forkserver" in methods:
                context.set_forkserver_preload(["newsbrief.engines.preload"])
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                             initializer=_start_worker, initargs=(self.setup,))
        return self._pool

    def map_ordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self.workers == 1:
            yield from map(fn, items)
            return
        pool = self._executor()
        sizer = ChunkSizer(FIRST_CHUNK, task_seconds=TASK_SECONDS, max_chunk=MAX_CHUNK)
        pending: deque[tuple[Future[tuple[list[R], float]], int]] = deque()
        limit = self.workers * (1 + IN_FLIGHT_PER_WORKER)
        try:
            for chunk in sizer.chunks(items):
                pending.append((pool.submit(run_chunk, fn, chunk), len(chunk)))
                while len(pending) >= limit:
                    yield from _results(*pending.popleft(), sizer)
            while pending:
                yield from _results(*pending.popleft(), sizer)
        finally:
            for future, _ in pending:
                future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
