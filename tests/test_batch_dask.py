"""``--engine dask`` on a LocalCluster of 2 worker processes: the local engine's bytes, a killed worker, resume."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, data_clusters

from newsbrief.batch import (
    BatchInterrupted,
    BatchOptions,
    BatchResult,
    engines,
    iter_story_tasks,
    warm_up,
    write_batch,
    write_tasks,
)
from newsbrief.cli import main
from newsbrief.datatypes import Article, Budget
from newsbrief.errors import ConfigError, ModelUnavailableError
from newsbrief.render.json import brief_to_dict
from newsbrief.storage.briefs import brief_story
from newsbrief.storage.db import Store

OPTIONS = BatchOptions(budget=Budget("words", 60), sections="none")
CLUSTERS = 50


class Setup:
    """The module's cluster, its client, and one input with the local engine's output for it."""

    def __init__(self, address: str, client: Any, source: Path, expected: tuple[bytes, bytes]):
        self.address, self.client, self.source, self.expected = address, client, source, expected

    def worker_pids(self) -> dict[str, int]:
        return self.client.run(os.getpid)

    def wait_for_replacement(self, killed: str) -> None:
        """Until the nanny's new worker has joined in place of the killed one."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            workers = self.client.nthreads()
            if killed not in workers and len(workers) == 2:
                return
            time.sleep(0.1)
        raise AssertionError(f"no worker replaced {killed} within 60 s")


@pytest.fixture(scope="module")
def dask_setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    """A LocalCluster of 2 worker processes, started once for the module; the local engine's reference run."""
    distributed = pytest.importorskip("distributed")
    folder = tmp_path_factory.mktemp("dask")
    lines = [json.dumps(record) for record in data_clusters("multinews_dev.jsonl", CLUSTERS)]
    lines.insert(4, "{not json")
    lines.insert(9, json.dumps({"id": "empty", "documents": []}))
    source = folder / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    write_batch(source, folder / "local.jsonl", OPTIONS, engine="local", workers=1)
    expected = (folder / "local.jsonl").read_bytes(), (folder / "local.errors.jsonl").read_bytes()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"},
                                  silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster, set_as_default=False) as client:
        yield Setup(cluster.scheduler_address, client, source, expected)


def outputs(out: Path) -> tuple[bytes, bytes]:
    return out.read_bytes(), out.with_name(out.name.replace(".jsonl", ".errors.jsonl")).read_bytes()


def test_dask_engine_writes_the_bytes_of_the_local_engine(dask_setup: Setup, tmp_path: Path) -> None:
    out = tmp_path / "dask.jsonl"
    summary = write_batch(dask_setup.source, out, OPTIONS, engine="dask", workers=2, scheduler=dask_setup.address)
    assert (summary.succeeded, summary.failed) == (CLUSTERS, 2)
    assert outputs(out) == dask_setup.expected


def test_dask_engine_killed_worker_loses_and_doubles_no_line(dask_setup: Setup, tmp_path: Path) -> None:
    import psutil

    client, killed = dask_setup.client, []

    def kill_a_busy_worker(result: BatchResult | None) -> None:
        if killed or result is None or result.line < 10:
            return
        busy = sorted(worker for worker, keys in client.processing().items() if keys)
        pids = dask_setup.worker_pids()
        victim = busy[0] if busy else max(pids)
        psutil.Process(pids[victim]).kill()
        killed.append((victim, pids[victim], bool(busy)))

    out = tmp_path / "dask.jsonl"
    write_batch(dask_setup.source, out, OPTIONS, engine="dask", workers=2, scheduler=dask_setup.address,
                progress=kill_a_busy_worker)
    # Lines 1-16 are the first chunk; the other chunks are still running or queued on the workers.
    assert killed and killed[0][2] and not psutil.pid_exists(killed[0][1])
    assert outputs(out) == dask_setup.expected
    dask_setup.wait_for_replacement(killed[0][0])  # the nanny starts a new worker in its place


def test_dask_engine_resume_after_interrupt_has_no_duplicates(dask_setup: Setup, tmp_path: Path) -> None:
    out, seen = tmp_path / "dask.jsonl", []

    def interrupt(result: BatchResult | None) -> None:
        seen.append(result)
        if len(seen) == 20:
            raise KeyboardInterrupt

    with pytest.raises(BatchInterrupted) as stopped:
        write_batch(dask_setup.source, out, OPTIONS, engine="dask", workers=2, scheduler=dask_setup.address,
                    progress=interrupt)
    assert out.read_bytes().count(b"\n") == stopped.value.summary.succeeded
    summary = write_batch(dask_setup.source, out, OPTIONS, engine="dask", workers=2, scheduler=dask_setup.address,
                          resume=True)
    assert summary.skipped == stopped.value.summary.succeeded and summary.succeeded + summary.skipped == CLUSTERS
    ids = [json.loads(line)["id"] for line in out.read_bytes().splitlines()]
    assert len(ids) == len(set(ids)) == CLUSTERS
    assert outputs(out) == dask_setup.expected


def test_dask_engine_warms_every_worker_once_also_a_restarted_one(dask_setup: Setup) -> None:
    import psutil

    from newsbrief.engines.dask import DaskEngine

    def warmed() -> dict[str, bool]:
        return dask_setup.client.run(lambda: os.environ.get("NEWSBRIEF_TEST_WARMED") == "1")

    def mark() -> None:  # pickled by value: runs in the worker, sets the worker's environment
        os.environ["NEWSBRIEF_TEST_WARMED"] = "1"

    with DaskEngine(2, scheduler=dask_setup.address, setup=mark):
        assert list(warmed().values()) == [True, True]
        victim, pid = min(dask_setup.worker_pids().items())
        psutil.Process(pid).kill()
        dask_setup.wait_for_replacement(victim)
        assert list(warmed().values()) == [True, True]
    warm_up(OPTIONS)  # the real warm-up briefs the bundled demo without raising
    dask_setup.client.run(lambda: os.environ.pop("NEWSBRIEF_TEST_WARMED", None))


def test_dask_engine_briefs_stored_stories_through_one_writer(dask_setup: Setup, tmp_path: Path) -> None:
    articles = [Article.make(text, id=f"{record['id']}#{i}", source=f"outlet{i}.example")
                for record in data_clusters("multinews_dev.jsonl", 6) for i, text in enumerate(record["documents"])]
    with Store(tmp_path / "news.db") as store:
        store.add_articles(articles)
        ids = [info.id for info in store.stories()]
        expected = [{"id": sid, **brief_to_dict(brief_story(store, sid, budget=Budget("words", 60),
                                                            sections="none"))} for sid in ids]
        summary = write_tasks(iter_story_tasks(store), tmp_path / "stories.jsonl", OPTIONS, engine="dask",
                              workers=2, scheduler=dask_setup.address)
    assert summary.succeeded == len(ids) >= 3
    assert [json.loads(line) for line in (tmp_path / "stories.jsonl").read_text("utf-8").splitlines()] == expected


def test_dask_engine_writes_the_update_briefs_of_the_local_engine(dask_setup: Setup, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    since = datetime(2019, 1, 21, tzinfo=UTC)
    articles = [Article.make(text, id=f"{record['id']}#{i}", source=f"outlet{i}.example",
                             published=datetime(2019, 1, 22 if i == 1 else 20, tzinfo=UTC))
                for record in data_clusters("multinews_dev.jsonl", 6) for i, text in enumerate(record["documents"])]
    with Store(tmp_path / "news.db") as store:
        store.add_articles(articles)
        for engine, options in (("local", {}), ("dask", {"workers": 2, "scheduler": dask_setup.address})):
            write_tasks(iter_story_tasks(store, since=since), tmp_path / f"{engine}.jsonl", OPTIONS, engine=engine,
                        **options)
    local, dask = ((tmp_path / f"{e}.jsonl").read_text("utf-8") for e in ("local", "dask"))
    assert local == dask and local.count("\n") >= 3 and "update since 2019-01-21" in local


def test_dask_engine_unreachable_scheduler_is_one_line_within_seconds(dask_setup: Setup, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    try:
        main(["batch", str(dask_setup.source), "--out", str(tmp_path / "o.jsonl"), "--engine", "dask",
              "--scheduler", f"tcp://127.0.0.1:{port}"])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    elapsed = time.monotonic() - started
    _, err = capsys.readouterr()
    assert code == 1 and elapsed < 10
    assert err == (f"newsbrief: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port} (Connection "
                   f"refused); start one there with `dask scheduler` and workers with `dask worker "
                   f"tcp://127.0.0.1:{port}`, or leave out --scheduler to start a local cluster\n")
    assert not (tmp_path / "o.jsonl").exists()


def test_dask_engine_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.delitem(sys.modules, "newsbrief.engines.dask", raising=False)
    with pytest.raises(ModelUnavailableError) as error:
        engines.create("dask", workers=2)
    assert str(error.value) == ("--engine dask needs Dask distributed, which cannot be imported (distributed): "
                                "pip install 'newsbrief[dask]', or run with --engine local")


def test_local_engine_never_imports_dask(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in data_clusters("multinews_dev.jsonl", 3)) + "\n", "utf-8")
    script = ("import sys; from newsbrief.cli import main; "
              f"main(['batch', {str(source)!r}, '--out', {str(tmp_path / 'o.jsonl')!r}, '--sections', 'none', "
              "'--workers', '2']); print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]" and (tmp_path / "o.jsonl").read_text("utf-8").count("\n") == 3


def test_dask_engine_checks_the_cluster_before_the_run(dask_setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsbrief
    from newsbrief.engines import dask as dask_module

    worker = sorted(dask_setup.client.nthreads())[0]
    with pytest.raises(ConfigError, match=f"{worker} answers, but not as a Dask scheduler \\(a Dask worker\\)"):
        dask_module.DaskEngine(2, scheduler=worker)
    monkeypatch.setattr(dask_module, "WORKER_TIMEOUT", 0.5)
    with pytest.raises(ConfigError, match=r"has 2 worker\(s\) after 0.5 s, 3 wanted \(--workers\); start workers "
                                          f"with `dask worker {dask_setup.address}`"):
        dask_module.DaskEngine(3, scheduler=dask_setup.address)
    monkeypatch.setattr(dask_module, "__version__", "9.9.9")
    with pytest.raises(ConfigError, match=f"run newsbrief {newsbrief.__version__} and this client 9.9.9; install "
                                          "one version everywhere"):
        dask_module.DaskEngine(2, scheduler=dask_setup.address)


def test_dask_chunks_grow_for_quick_items_and_shrink_for_slow_ones() -> None:
    from newsbrief.engines.chunks import ChunkSizer
    from newsbrief.engines.dask import MAX_CHUNK, TASK_SECONDS

    sizer = ChunkSizer(16, task_seconds=TASK_SECONDS, max_chunk=MAX_CHUNK)
    assert [len(c) for c in sizer.chunks(range(40))] == [16, 16, 8]
    sizer.record(16, 16 * 0.01)  # 10 ms an item: about TASK_SECONDS a chunk
    assert sizer.size == round(TASK_SECONDS / 0.01)
    sizer.record(16, 0.0)  # instant items: as large as allowed, never more
    sizer.record(10_000, 0.001)
    assert sizer.size == MAX_CHUNK
    slow = ChunkSizer(16, task_seconds=TASK_SECONDS, max_chunk=MAX_CHUNK)
    slow.record(4, 4 * 3.0)  # 3 s an item: one item a task
    assert slow.size == 1
    assert [len(c) for c in slow.chunks(range(3))] == [1, 1, 1]


def test_dask_engine_own_local_cluster_writes_the_bytes_of_the_local_engine(dask_setup: Setup, tmp_path: Path) -> None:
    # A fresh process, so that its LocalCluster's workers come from the forkserver started before Dask's import.
    out = tmp_path / "own.jsonl"
    done = subprocess.run([sys.executable, "-m", "newsbrief.cli", "batch", str(dask_setup.source), "--out", str(out),
                           "--words", "60", "--sections", "none", "--engine", "dask", "--workers", "2"],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert outputs(out) == dask_setup.expected


def test_prestart_forkserver_workers_have_newsbrief_one_blas_thread_and_dasks_hash_seed() -> None:
    # A worker forks with the pipeline loaded (newsbrief.engines.preload briefed the demo story), from a
    # forkserver that still runs one thread only: forking a process with more threads is not safe.
    probe = ("[all(m in __import__('sys').modules for m in ('newsbrief.batch', 'newsbrief.pipeline', "
             "'newsbrief.select.concepts', 'newsbrief.render.json')), "
             "__import__('os').environ.get('OPENBLAS_NUM_THREADS'), hash('newsbrief')]")
    script = ("import json, multiprocessing, psutil\n"
              "from newsbrief.engines.prestart import start_forkserver\n"
              "assert start_forkserver()\n"
              "with multiprocessing.get_context('forkserver').Pool(1) as pool:\n"
              f"    found = pool.apply(eval, ({probe!r},))\n"
              "    [server] = [p for p in psutil.Process().children() if 'forkserver' in ' '.join(p.cmdline())]\n"
              "    print(json.dumps([*found, server.num_threads()]))\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHASHSEED", "OPENBLAS_NUM_THREADS")}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    seeded = subprocess.run([sys.executable, "-c", "print(hash('newsbrief'))"], capture_output=True, text=True,
                            env={**env, "PYTHONHASHSEED": "6640"}, check=True)
    assert json.loads(done.stdout) == [True, "1", int(seeded.stdout), 1]


def test_dask_engine_missing_dask_starts_no_forkserver() -> None:
    script = ("import sys, psutil\n"
              "sys.modules['distributed'] = None\n"
              "from newsbrief.engines import engines\n"
              "from newsbrief.errors import ModelUnavailableError\n"
              "try:\n"
              "    engines.create('dask', workers=2)\n"
              "except ModelUnavailableError:\n"
              "    print(len(psutil.Process().children()))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"
