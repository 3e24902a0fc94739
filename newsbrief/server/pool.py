"""Running jobs away from the event loop, within the request time limit.

Briefing is CPU-bound Python: in threads it would hold the GIL the event loop
needs, and ``/healthz`` would wait behind it. Worker processes leave the loop
free and use every core. A job that outlives ``request_timeout`` is answered
with 503 and, if it has not started yet, never runs.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from newsbrief.server import work
from newsbrief.server.errors import RequestTimeoutError, WorkerCrashedError

T = TypeVar("T")
log = logging.getLogger("newsbrief.server")
# Worker processes by default: one per core, at most four (each holds its own models).
MAX_DEFAULT_WORKERS = 4
# Threads when the server runs without processes (workers=0): enough to overlap store I/O.
THREADS = 4


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_WORKERS))


class Workers:
    """A pool of worker processes (or threads, with ``processes=0``) for CPU-bound jobs."""

    def __init__(self, processes: int | None = None):
        self.processes = default_workers() if processes is None else max(0, processes)
        self._executor: Executor | None = None

    def _new_executor(self) -> Executor:
        if self.processes == 0:
            return ThreadPoolExecutor(THREADS, thread_name_prefix="newsbrief-worker")
        # One BLAS thread per worker, set before the children start: they import numpy (and
        # its OpenBLAS reads these once) before ``start_worker`` runs. The NER's products run
        # on numpy's BLAS (entities.use_numpy_blas); two threads in each of two workers would fight.
        for name in work._THREAD_VARIABLES:
            os.environ.setdefault(name, "1")
        # spawn, not fork: the server process has threads (uvicorn's, the test's), and a
        # forked child would inherit their locks.
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=work.start_worker)

    async def start(self) -> None:
        """Create the pool, and have every worker load the pipeline and its models in the background.

        The server answers (``/healthz`` included) while the workers warm; a brief that
        arrives meanwhile waits in the queue behind the warming, as it would for the models.
        """
        self._executor = self._new_executor()
        if self.processes:
            for _ in range(self.processes):
                self._executor.submit(functools.partial(work.warm, full=True))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def run(self, timeout: float, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker; RequestTimeoutError after ``timeout`` seconds (none if <= 0)."""
        if self._executor is None:
            self._executor = self._new_executor()
        executor = self._executor
        try:
            future = asyncio.wrap_future(executor.submit(fn, *args))
            if timeout and timeout > 0:
                return await asyncio.wait_for(future, timeout)
            return await future
        except TimeoutError:
            raise RequestTimeoutError(f"the request took longer than {timeout:g} s, the limit "
                                      "(request_timeout); try fewer or shorter articles") from None
        except BrokenProcessPool:
            log.error("a worker process died; starting a new pool")
            if self._executor is executor:
                executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._new_executor()
            raise WorkerCrashedError("a worker process died while handling the request (out of memory?); "
                                     "try again with fewer or shorter articles") from None
