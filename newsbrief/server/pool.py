"""Running jobs away from the event loop, within the request time limit and a memory limit.

Briefing is CPU-bound Python: in threads it would hold the GIL the event loop
needs, and ``/healthz`` would wait behind it. Worker processes leave the loop
free and use every core.

Each worker is a pool of one process (a *lane*) that takes one job at a time,
so whatever happens to a worker happens to its own job only (issue 28): a
worker that dies (killed, out of memory) fails its request with 503
``worker_crashed`` and is replaced, while the other requests go on; a job that
outlives ``request_timeout`` is answered with 503 and, if it had started, its
worker is killed and replaced, so no abandoned job keeps a core busy. Each
worker refuses to grow past ``max_job_memory`` bytes of address space over
what it holds when warm (a MemoryError, answered 503 ``out_of_memory``), long
before the machine runs out.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from newsbrief.server import work
from newsbrief.server.errors import OutOfMemoryError, RequestTimeoutError, WorkerCrashedError

T = TypeVar("T")
log = logging.getLogger("newsbrief.server")
# Worker processes by default: one per core, at most four (each holds its own models).
MAX_DEFAULT_WORKERS = 4
# Threads when the server runs without processes (workers=0): enough to overlap store I/O.
THREADS = 4


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_WORKERS))


class _Lane:
    """One worker process of its own, warmed as it starts; killing it ends only its job."""

    def __init__(self, memory_limit: int) -> None:
        # One BLAS thread per worker, set before the child starts: it imports numpy (and its
        # OpenBLAS reads these once) before ``start_worker`` runs.
        for name in work._THREAD_VARIABLES:
            os.environ.setdefault(name, "1")
        # spawn, not fork: the server process has threads (uvicorn's, the test's), and a
        # forked child would inherit their locks.
        self.executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=work.start_worker)
        self.executor.submit(functools.partial(work.warm, full=True, memory_limit=memory_limit))

    def kill(self) -> None:
        """Stop the process at once, whatever it is doing."""
        for process in list(getattr(self.executor, "_processes", {}).values()):
            if process.is_alive():
                process.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)


def _replace_lane(lane: _Lane, memory_limit: int) -> _Lane:
    lane.kill()
    return _Lane(memory_limit)


class Workers:
    """Worker processes (or threads, with ``processes=0``) for CPU-bound jobs, one job per worker at a time."""

    def __init__(self, processes: int | None = None, *, memory_limit: int = 0):
        self.processes = default_workers() if processes is None else max(0, processes)
        self.memory_limit = memory_limit
        self._threads: ThreadPoolExecutor | None = None
        self._lanes: list[_Lane] = []
        self._idle: asyncio.Queue[_Lane] | None = None
        self.waiting = 0  # requests waiting for a free worker
        self._background: set[asyncio.Task[None]] = set()

    @property
    def busy(self) -> int:
        """Workers running a job now."""
        return len(self._lanes) - (self._idle.qsize() if self._idle is not None else 0)

    async def start(self) -> None:
        """Start every worker; each loads the pipeline and its models in the background.

        The server answers (``/healthz`` included) while the workers warm; a brief that
        arrives meanwhile waits behind the warming, as it would for the models.
        """
        if self.processes == 0:
            self._threads = self._threads or ThreadPoolExecutor(THREADS, thread_name_prefix="newsbrief-worker")
            return
        if self._idle is None:
            self._idle = asyncio.Queue()
            for _ in range(self.processes):
                self._add_lane()

    def _add_lane(self) -> None:
        assert self._idle is not None
        lane = _Lane(self.memory_limit)
        self._lanes.append(lane)
        self._idle.put_nowait(lane)

    async def _replace(self, lane: _Lane) -> None:
        """Kill ``lane`` and start another in its place; the process work runs off the event loop."""
        if lane not in self._lanes:
            return
        self._lanes.remove(lane)
        fresh = await asyncio.to_thread(_replace_lane, lane, self.memory_limit)
        if self._idle is not None:
            self._lanes.append(fresh)
            self._idle.put_nowait(fresh)
        else:  # closed meanwhile
            fresh.executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self._threads is not None:
            self._threads.shutdown(wait=True, cancel_futures=True)
            self._threads = None
        for lane in self._lanes:
            lane.executor.shutdown(wait=True, cancel_futures=True)
        self._lanes, self._idle = [], None

    async def run(self, timeout: float, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker; RequestTimeoutError after ``timeout`` seconds (none if <= 0)."""
        await self.start()
        limit = timeout if timeout and timeout > 0 else None
        loop = asyncio.get_running_loop()
        deadline = None if limit is None else loop.time() + limit
        if self._threads is not None:
            try:
                return await asyncio.wait_for(asyncio.wrap_future(self._threads.submit(fn, *args)), limit)
            except TimeoutError:
                raise self._timed_out(timeout, started=False) from None
        assert self._idle is not None
        self.waiting += 1
        try:
            lane = await asyncio.wait_for(self._idle.get(), limit)
        except TimeoutError:
            raise self._timed_out(timeout, started=False) from None
        finally:
            self.waiting -= 1
        release = True
        try:
            left = None if deadline is None else max(deadline - loop.time(), 0.001)
            return await asyncio.wait_for(asyncio.wrap_future(lane.executor.submit(fn, *args)), left)
        except TimeoutError:
            release = False
            await self._replace(lane)
            raise self._timed_out(timeout, started=True) from None
        except BrokenProcessPool:
            release = False
            log.error("a worker process died; starting a new one")
            await self._replace(lane)
            raise WorkerCrashedError("a worker process died while handling the request (out of memory?); "
                                     "try again with fewer or shorter articles") from None
        except MemoryError:
            raise OutOfMemoryError(f"the request needed more than the {self.memory_limit / 2 ** 30:.1f} GiB a "
                                   "request may use (max_job_memory); send fewer or shorter articles") from None
        except asyncio.CancelledError:  # the client went away: stop its job too
            release = False
            task = asyncio.get_running_loop().create_task(self._replace(lane))
            self._background.add(task)
            task.add_done_callback(self._background.discard)
            raise
        finally:
            if release:
                self._idle.put_nowait(lane)

    @staticmethod
    def _timed_out(timeout: float, *, started: bool) -> RequestTimeoutError:
        what = "; its work was stopped" if started else ""
        return RequestTimeoutError(f"the request took longer than {timeout:g} s, the limit (request_timeout){what}; "
                                   "try fewer or shorter articles")
