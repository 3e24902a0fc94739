"""The batch benchmark's CPU account: which thread is the briefs', and what a run's CPU leaves room for."""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "batch_bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("batch_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["batch_bench"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("batch_bench", None)


def _run(bench, engine: str, workers: int, rate: float, client_cpu: float, worker_cpu: float = 0.0,
         briefs: float = 0.0):
    return bench.Run(engine, workers, 1000, 3000, 1000 / rate, 1.0, rate, rate, 60, 60, client_cpu, worker_cpu, 1.0,
                     briefs, client_cpu + worker_cpu - briefs)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_thread_cpu_finds_the_busy_thread(bench):
    done = threading.Event()
    tid: list[int] = []

    def spin() -> None:
        tid.append(threading.get_native_id())
        while time.thread_time() < 0.3:
            pass
        done.wait()

    worker = threading.Thread(target=spin)
    worker.start()
    seconds: dict[int, float] = {}
    while not tid or seconds.get(tid[0], 0.0) < 0.25:  # the thread spins to 0.3 CPU s, then waits
        assert worker.is_alive()
        time.sleep(0.05)
        seconds = bench.thread_cpu(os.getpid())
    done.set()
    worker.join()
    assert os.getpid() in seconds  # the main thread is listed too
    assert bench.brief_cpu({os.getpid(): seconds}, {os.getpid()}) == max(seconds.values()) >= 0.25
    assert bench.brief_cpu({os.getpid(): seconds}, set()) == 0.0  # a process that does not brief


def test_thread_cpu_of_a_missing_process_is_empty(bench):
    assert bench.thread_cpu(2**22 + 12345) == {}


def test_cpu_bound_is_cores_times_the_baseline_cpu_over_the_run_cpu(bench):
    base = _run(bench, "local", 1, 100.0, client_cpu=50.0, briefs=50.0)
    cores = min(2, os.cpu_count() or 1)
    lean = _run(bench, "local", 2, 190.0, client_cpu=2.0, worker_cpu=48.0, briefs=47.0)
    heavy = _run(bench, "dask", 2, 170.0, client_cpu=5.0, worker_cpu=52.0, briefs=49.0)
    assert bench.cpu_bound(lean, base) == pytest.approx(cores * 50.0 / 50.0)
    assert bench.cpu_bound(heavy, base) == pytest.approx(cores * 50.0 / 57.0)
    assert bench.cpu_bound(heavy, base) < bench.cpu_bound(lean, base)


def test_each_run_is_compared_with_the_one_worker_runs_around_it(bench):
    runs = [_run(bench, "local", 1, 100.0, 50.0, briefs=50.0), _run(bench, "dask", 2, 150.0, 5.0, 50.0, 48.0),
            _run(bench, "local", 1, 200.0, 25.0, briefs=25.0), _run(bench, "local", 2, 300.0, 1.0, 24.0, 23.0)]
    base = bench.baselines(runs)
    assert base[0] is runs[0] and base[2] is runs[2]
    assert base[1].clusters_per_s == pytest.approx(150.0)  # the mean of 100 and 200
    assert base[1].client_cpu_s == pytest.approx(37.5)
    assert base[3].clusters_per_s == pytest.approx(200.0)  # only the run before it
    points = bench.speedup_points(runs)
    assert points == {"dask ×2\n1,000 clusters": [pytest.approx(1.0)], "local ×2\n1,000 clusters": [pytest.approx(1.5)]}
    summary = bench.speedups(runs)
    assert summary["dask:2:1000"]["median"] == 1.0
    assert summary["local:2:1000"]["engine_cpu_median"] == pytest.approx(round(2.0 / 25.0, 3))


def test_old_json_without_the_cpu_account_still_loads(bench):
    fields = _run(bench, "local", 1, 100.0, 50.0).__dict__.copy()
    del fields["brief_cpu_s"], fields["engine_cpu_s"]
    run = bench.Run(**fields)
    assert (run.brief_cpu_s, run.engine_cpu_s) == (0.0, 0.0)
    assert replace(run, brief_cpu_s=1.0).brief_cpu_s == 1.0
