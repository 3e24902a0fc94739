"""The ``dask`` batch engine: the same briefs on a Dask distributed cluster, in input order.

Without an address it starts a ``LocalCluster`` of worker processes on this
machine; with ``scheduler="tcp://HOST:PORT"`` it joins a running cluster
(``dask scheduler`` on one machine, ``dask worker tcp://HOST:PORT`` on each of
the others). Items travel in chunks of ``CHUNK_SIZE``, a bounded number of
chunks in flight, so the client streams its input and its output; results
come back in input order. A worker that dies mid-chunk is replaced by Dask
(its nanny restarts it) and the chunk reruns on a live worker; the client
writes each result once, so no line is lost or doubled. A worker plugin runs
the batch's warm-up in every worker, also in one that joins or restarts later.

Only ``newsbrief.engines.dask_engine`` imports this module, when ``--engine
dask`` is asked for: Dask is an optional extra (``newsbrief[dask]``).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import socket
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from typing import Any, TypeVar

import dask
from distributed import Client, Future, LocalCluster, WorkerPlugin, comm
from distributed.protocol import pickle

from newsbrief import __version__
from newsbrief.engines.chunks import ChunkSizer, run_chunk
from newsbrief.engines.local import IN_FLIGHT_PER_WORKER
from newsbrief.errors import ConfigError, NewsbriefError

T = TypeVar("T")
R = TypeVar("R")

# Items (clusters) per Dask task, at first. A task costs a worker ~10 ms of CPU beyond its
# items (measured on this 2-core machine: 1,000 Multi-News clusters took 9.98, 7.98 and 7.50
# worker CPU s in chunks of 4, 16 and 64, against 6.76 s on the local pool), so once the first
# chunks are back, chunks are sized to take about TASK_SECONDS each, between 1 and MAX_CHUNK items.
CHUNK_SIZE = 16
TASK_SECONDS = 0.5
MAX_CHUNK = 128
# Seconds to reach a scheduler before a one-line error (Dask's own default is 30).
CONNECT_TIMEOUT = 5.0
# Seconds to wait for the workers asked for with --workers to join an existing scheduler.
WORKER_TIMEOUT = 30.0
# Chunks submitted between two looks at how many worker threads the cluster has.
RECOUNT_EVERY = 64
# Messages each Dask connection keeps for debugging (Dask's default: 1,000). A message to a
# worker holds its chunk, so the default kept ~1,000 chunks alive per worker in the scheduler
# (the client's process for a LocalCluster): 91 MB of client RSS at 1,000 clusters, 150 MB at
# 5,000. At 16 it stays flat (bench/batch_bench.py).
LOG_LENGTH = 16
# Dask's workers sample their own stacks every 10 ms for the dashboard's profile: 600 dev
# clusters took 10.3-11.5 worker CPU s without it and 12.4 s with it, so a LocalCluster runs
# without (workers of a cluster of your own: DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False).
# The event-loop watchdog (every 20 ms) and the system monitor (every 0.5 s) wake every worker
# and the scheduler, idle or not: 0.04 cores for an idle LocalCluster of 2, 0.01 with these.
# Worker processes start from a forkserver that has imported Dask and its dependencies once,
# not each from a fresh interpreter (spawn, Dask's default), and a restarted worker starts as
# quickly (2,000 clusters on 2 workers: 21.9 worker CPU s against 27.1 s with spawn, one run
# each; the speed-up over one local worker varies 1.4-1.95x between runs either way).
DASK_CONFIG = {"distributed.admin.low-level-log-length": LOG_LENGTH, "distributed.worker.profile.enabled": False,
               "distributed.admin.tick.interval": "200ms", "distributed.admin.system-monitor.interval": "2s"}
if "forkserver" in multiprocessing.get_all_start_methods():
    DASK_CONFIG["distributed.worker.multiprocessing-method"] = "forkserver"
PLUGIN_NAME = "newsbrief-warm-up"


class _WarmUp(WorkerPlugin):
    """Runs the batch's ``setup`` once in each worker as it joins, off the worker's event loop."""

    def __init__(self, setup: Callable[[], object]):
        self.run = setup

    async def setup(self, worker: Any) -> None:
        await asyncio.to_thread(self.run)


def _run_packed_chunk(fn: Callable[[T], R], packed: bytes) -> tuple[list[R], float]:
    """``run_chunk`` on a chunk that travelled pickled, as one bytes object.

    The scheduler unpickles every task's arguments and pickles them again for the
    worker. A chunk of articles sent as itself was rebuilt twice in the scheduler,
    which for a LocalCluster is the client's process; as bytes it is copied.
    """
    return run_chunk(fn, pickle.loads(packed))


def _newsbrief_version() -> str:
    return __version__


async def _identify(address: str) -> str | None:
    """What kind of Dask server answers at ``address`` (``"Scheduler"``, ``"Worker"``), asked over one connection.

    A Client that reached something other than a scheduler hangs for its close
    timeout when it is collected; this one connection is closed whatever answers.
    """
    stream = await comm.connect(address, timeout=CONNECT_TIMEOUT)
    try:
        await stream.write({"op": "identity", "reply": True})
        reply = await stream.read()
    finally:
        stream.abort()
    return reply.get("type") if isinstance(reply, dict) else None


class DaskEngine:
    """A Dask distributed cluster: a local one it starts, or a running one at ``scheduler``.

    Args:
        workers: without ``scheduler``, the worker processes to start (0: one per CPU);
            with it, how many workers must have joined before the run starts.
        scheduler: ``tcp://HOST:PORT`` of a running scheduler.
        setup: run once in every worker before its first task (``newsbrief.batch.warm_up``).
        chunk_size: items per Dask task (the first tasks, with ``adaptive``).
        adaptive: size later chunks to take about ``TASK_SECONDS`` each on a worker.

    Raises:
        ConfigError: the scheduler cannot be reached within ``CONNECT_TIMEOUT`` s, has
            too few workers, or its workers cannot run this version of newsbrief.
    """

    def __init__(self, workers: int = 1, *, scheduler: str | None = None,
                 setup: Callable[[], object] | None = None, chunk_size: int = CHUNK_SIZE, adaptive: bool = True):
        if workers < 0:
            raise ConfigError(f"--workers must be 0 (one per CPU) or more, got {workers}")
        self.chunk_size = max(1, chunk_size)  # the first chunks; later ones follow the measured time an item
        self.adaptive = adaptive
        self._cluster: LocalCluster | None = None
        self._plugin = False
        self.client: Client | None = None
        # For this engine's lifetime; a LocalCluster's nannies pass it on to its workers.
        self._config: Any = dask.config.set(DASK_CONFIG)
        try:
            if scheduler is None:
                self._cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                             processes=True, host="127.0.0.1", dashboard_address=None,
                                             # no dashboard; the scheduler's small HTTP server on any free port
                                             scheduler_kwargs={"dashboard_address": ":0"},
                                             silence_logs=logging.ERROR)
                self.address = self._cluster.scheduler_address
                self.client = Client(self._cluster, set_as_default=False)
            else:
                self.address = scheduler
                self.client = self._connect(scheduler)
                self._check_workers(max(1, workers))
            if setup is not None:
                self.client.register_plugin(_WarmUp(setup), name=PLUGIN_NAME)
                self._plugin = True
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _connect(address: str) -> Client:
        # A plain TCP connect first: a refused or unknown address fails at once, where Dask
        # would retry it until its timeout.
        host, _, port = address.removeprefix("tcp://").rpartition(":")
        hint = (f"start one there with `dask scheduler` and workers with `dask worker {address}`, or leave out "
                "--scheduler to start a local cluster")
        try:
            socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT).close()
        except OSError as exc:
            reason = exc.strerror or f"no answer within {CONNECT_TIMEOUT:g} s"
            raise ConfigError(f"cannot reach the Dask scheduler at {address} ({reason}); {hint}") from None
        try:
            kind = asyncio.run(asyncio.wait_for(_identify(address), CONNECT_TIMEOUT))
        except TimeoutError:
            kind = f"no answer within {CONNECT_TIMEOUT:g} s"
        except Exception:  # something that does not speak Dask's protocol
            kind = None
        if kind != "Scheduler":
            what = f"a Dask {kind.lower()}" if kind in ("Worker", "Nanny") else kind or "not Dask"
            raise ConfigError(f"{address} answers, but not as a Dask scheduler ({what}); give the address "
                              f"that `dask scheduler` prints, or {hint.partition(', or ')[2]}")
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)

    def _check_workers(self, wanted: int) -> None:
        """Wait for ``wanted`` workers, and check they run the same newsbrief as this client."""
        try:
            self.client.wait_for_workers(wanted, timeout=WORKER_TIMEOUT)
        except TimeoutError:
            have = len(self.client.nthreads())
            raise ConfigError(f"the Dask scheduler at {self.address} has {have} worker(s) after "
                              f"{WORKER_TIMEOUT:g} s, {wanted} wanted (--workers); start workers with "
                              f"`dask worker {self.address}`") from None
        answers = self.client.run(_newsbrief_version, on_error="return")
        # A worker that just died cannot answer (OSError); it is the scheduler's to replace.
        broken = [a for a in answers.values() if isinstance(a, BaseException) and not isinstance(a, OSError)]
        if broken:
            raise ConfigError(f"the Dask workers of {self.address} cannot run newsbrief ({type(broken[0]).__name__}: "
                              f"{broken[0]}); install newsbrief {__version__} on every worker machine")
        other = sorted({a for a in answers.values() if isinstance(a, str) and a != __version__})
        if other:
            raise ConfigError(f"Dask workers of {self.address} run newsbrief {', '.join(other)} and this client "
                              f"{__version__}; install one version everywhere, so that every worker writes the "
                              "same briefs")

    def _limit(self) -> int:
        """Chunks in flight: one running and ``IN_FLIGHT_PER_WORKER`` queued per worker thread."""
        threads = sum(self.client.nthreads().values()) or 1
        return threads * (1 + IN_FLIGHT_PER_WORKER)

    def map_ordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        pending: deque[tuple[Future, int]] = deque()
        sizer = ChunkSizer(self.chunk_size, task_seconds=TASK_SECONDS, max_chunk=MAX_CHUNK)
        limit = 1
        try:
            for number, chunk in enumerate(sizer.chunks(items)):
                if number % RECOUNT_EVERY == 0:
                    limit = self._limit()
                packed = pickle.dumps(chunk)
                pending.append((self.client.submit(_run_packed_chunk, fn, packed, pure=False), len(chunk)))
                while len(pending) >= limit:
                    yield from self._result(*pending.popleft(), sizer)
            while pending:
                yield from self._result(*pending.popleft(), sizer)
        finally:
            if pending:
                with suppress(Exception):
                    self.client.cancel([future for future, _ in pending])

    def _result(self, future: Future, size: int, sizer: ChunkSizer) -> list[Any]:
        try:
            results, seconds = future.result()
        except Exception as exc:  # the briefs catch their own errors: this is the cluster failing
            raise NewsbriefError(f"the Dask cluster at {self.address} failed a chunk of {size} clusters "
                                 f"({type(exc).__name__}: {exc}); every line written so far is whole: "
                                 "run the same command with --resume to go on") from None
        if self.adaptive:
            sizer.record(size, seconds)
        return results

    def close(self) -> None:
        """Disconnect; a cluster this engine started is shut down, a running one is left as it was."""
        client, self.client = self.client, None
        if client is not None:
            if self._plugin and self._cluster is None:
                with suppress(Exception):
                    client.unregister_worker_plugin(PLUGIN_NAME)
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._config is not None:
            self._config.__exit__(None, None, None)
            self._config = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
