"""The worker pool: a dead worker fails its own job only, a timed-out job is stopped, memory is capped (issue 28)."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server needs the 'serve' extra (fastapi, uvicorn, python-multipart)")

from newsbrief.server.errors import OutOfMemoryError, RequestTimeoutError, WorkerCrashedError
from newsbrief.server.pool import Workers


def _gone(pid: int, wait: float = 30.0) -> bool:
    """Whether the process ends (or is a zombie) within ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.anyio
async def test_pool_a_dead_worker_fails_only_its_own_job() -> None:
    workers = Workers(2)
    await workers.start()
    try:
        slow = asyncio.ensure_future(workers.run(120, time.sleep, 3))
        await asyncio.sleep(0.5)
        with pytest.raises(WorkerCrashedError, match="worker process died"):
            await workers.run(120, os._exit, 3)
        assert await slow is None  # the other worker's job finished as if nothing happened
        assert await workers.run(120, abs, -4) == 4  # and a new worker took the dead one's place
    finally:
        workers.close()


@pytest.mark.anyio
async def test_pool_a_timed_out_job_is_stopped_and_the_pool_recovers() -> None:
    workers = Workers(1)
    await workers.start()
    try:
        pid = await workers.run(120, os.getpid)
        with pytest.raises(RequestTimeoutError, match="its work was stopped"):
            await workers.run(1.0, time.sleep, 60)
        assert _gone(pid)  # the worker running the job was killed, not left to sleep on
        assert workers.busy == 0
        assert await workers.run(120, abs, -4) == 4
    finally:
        workers.close()


@pytest.mark.anyio
async def test_pool_a_job_over_the_memory_limit_is_refused_and_the_worker_lives_on() -> None:
    pytest.importorskip("resource")
    workers = Workers(1, memory_limit=300 * 2 ** 20)
    await workers.start()
    try:
        pid = await workers.run(120, os.getpid)
        with pytest.raises(OutOfMemoryError, match="max_job_memory"):
            await workers.run(120, bytearray, 2 * 2 ** 30)
        assert await workers.run(120, os.getpid) == pid  # the same worker, still serving
    finally:
        workers.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
