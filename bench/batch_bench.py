"""Batch engines: clusters per second, speed-up, peak memory and Dask's overhead per task.

The input repeats the dev cluster files (Multi-News validation, then DUC 2004
Task 2) with fresh ids until it holds N clusters, and is briefed with
``--sections none`` (the evaluation path; ``--sections all`` for the batch
command's default work) by the real command,
``newsbrief batch IN --out OUT --sections S --engine E --workers W``, one
run per engine and size. While a run goes, its process tree is sampled every
0.2 s: the client is the ``newsbrief`` process (for Dask it also hosts the
scheduler of the LocalCluster), the workers are its child processes. Rates are
given over the whole run (start-up included) and from the first line written
on (steady state). Each thread's CPU is read from /proc as well, to tell the
briefs (the busiest thread of each process that briefs) from the engine's own
work (everything else), and to give the speed-up the run's CPU time leaves
room for on this machine's cores (``cpu_bound``).

Dask's own cost is measured on the same engine with a function that does
nothing: the wall time per task with one item a task (every item a Dask
task) and with the engine's chunks. The warm-up is measured in fresh
processes: the first brief of a cold process against one after ``warm_up``.

    .venv/bin/python bench/batch_bench.py                        # 1,000 and 5,000 clusters (~15 min on 2 cores)
    .venv/bin/python bench/batch_bench.py --sizes 200 --runs local:1,dask:2
    .venv/bin/python bench/batch_bench.py --sections all         # every analysis section, as `batch` does by default
    .venv/bin/python bench/batch_bench.py --sizes 5000 --runs local:1,dask:2,local:2 --rounds 4  # interleaved

This machine's speed drifts by a quarter within minutes, so each 2-worker run
is compared with the 1-worker runs just before and after it (``--rounds``
closes the last round with one more), and the JSON's ``speedups`` give the
median and range over the rounds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import asdict, dataclass, replace
from itertools import cycle, islice
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
FILES = ("multinews_dev.jsonl", "duc2004_dev.jsonl")
NEWSBRIEF = Path(sys.executable).with_name("newsbrief")
MB = 1 << 20
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class Run:
    engine: str
    workers: int
    clusters: int
    articles: int
    seconds: float
    first_line: float
    clusters_per_s: float
    steady_per_s: float
    client_rss_mb: float
    worker_rss_mb: float
    client_cpu_s: float
    worker_cpu_s: float
    load: float
    # Per thread (Linux /proc): the briefs are the busiest thread of each process that briefs (the
    # client's main thread in-process, which also reads and writes; a pool worker's main thread; a Dask
    # worker's executor thread).
    # Everything else is the engine's own: the client's (reading, writing, pickling, for Dask also
    # the scheduler and the nannies), the workers' other threads (a Dask worker's event loop) and
    # the forkserver. Where /proc cannot be read the briefs are 0 and the engine is all; both 0 in JSON
    # written before these fields.
    brief_cpu_s: float = 0.0
    engine_cpu_s: float = 0.0

    @property
    def cores(self) -> float:
        """CPU cores this run got on average (client and workers): below the workers, the machine was shared."""
        return (self.client_cpu_s + self.worker_cpu_s) / self.seconds

    @property
    def per_cpu_second(self) -> float:
        """Clusters per CPU second of the workers (this process's for one in-process worker)."""
        return self.clusters / (self.worker_cpu_s or self.client_cpu_s)


def make_input(path: Path, n: int) -> int:
    """``n`` clusters cycling through the dev files, each with a fresh id; returns the number of articles."""
    records = [json.loads(line) for name in FILES for line in (DATA / name).read_text("utf-8").splitlines()]
    articles = 0
    with path.open("w", encoding="utf-8") as out:
        for number, record in enumerate(islice(cycle(records), n)):
            record = {**record, "id": f"{record['id']}~{number // len(records)}"}
            articles += len(record["documents"])
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return articles


def thread_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user and system) of each thread of process ``pid``, from /proc; empty where there is none."""
    seconds = {}
    with suppress(OSError):
        for tid in os.listdir(f"/proc/{pid}/task"):
            with suppress(OSError, ValueError, IndexError):
                stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
                fields = stat[stat.rindex(")") + 2:].split()  # after the thread's name, which may hold spaces
                seconds[int(tid)] = (int(fields[11]) + int(fields[12])) / TICKS
    return seconds


def brief_cpu(threads: dict[int, dict[int, float]], briefers: set[int]) -> float:
    """CPU s of the busiest thread of each process in ``briefers``: the thread that runs the briefs."""
    return sum(max(threads[pid].values(), default=0.0) for pid in briefers if pid in threads)


def measure(engine: str, workers: int, source: Path, n: int, articles: int, folder: Path, sections: str) -> Run:
    out = folder / f"{engine}{workers}-{n}.jsonl"
    out.unlink(missing_ok=True)  # a repeated run of the same engine must not find the last run's lines
    command = [str(NEWSBRIEF), "batch", str(source), "--out", str(out), "--sections", sections,
               "--engine", engine, "--workers", str(workers)]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    process = psutil.Popen(command, stderr=subprocess.PIPE, text=True)
    client_peak, client_cpu, worker_peak, worker_cpu, first = 0, 0.0, {}, {}, None
    threads: dict[int, dict[int, float]] = {}  # pid -> tid -> CPU s, the last sample of each
    briefers = {process.pid} if workers == 1 else set()
    while process.poll() is None:
        try:
            with process.oneshot():
                client_peak = max(client_peak, process.memory_info().rss)
                client_cpu = sum(process.cpu_times()[:2])
            threads.setdefault(process.pid, {}).update(thread_cpu(process.pid))
            for child in process.children(recursive=True):
                with child.oneshot():
                    worker_peak[child.pid] = max(worker_peak.get(child.pid, 0), child.memory_info().rss)
                    worker_cpu[child.pid] = sum(child.cpu_times()[:2])
                    if workers > 1 and child.ppid() != process.pid:  # forked by the forkserver: a worker
                        briefers.add(child.pid)
                threads.setdefault(child.pid, {}).update(thread_cpu(child.pid))  # an ended thread keeps its last figure
        except psutil.NoSuchProcess:
            pass
        if first is None and out.exists() and out.stat().st_size:
            first = time.perf_counter() - started
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    err = process.stderr.read() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {err}")
    lines = out.read_bytes().count(b"\n")
    first = first or seconds
    steady = (n - 1) / (seconds - first) if seconds > first else float("nan")
    briefs = brief_cpu(threads, briefers)
    own = client_cpu + sum(worker_cpu.values()) - briefs  # process totals keep the CPU of threads that ended
    return Run(engine, workers, lines, articles, round(seconds, 1), round(first, 1), round(lines / seconds, 2),
               round(steady, 2), round(client_peak / MB), round(max(worker_peak.values(), default=0) / MB),
               round(client_cpu, 1), round(sum(worker_cpu.values()), 1),
               round((load_before + os.getloadavg()[0]) / 2, 1), round(briefs, 1), round(own, 1))


def _noop(item: int) -> int:
    return item


def scheduler_overhead(tasks: int = 1000) -> dict[str, float]:
    """Wall ms per task of a do-nothing function on a 2-worker LocalCluster, one item a task and chunked."""
    from newsbrief.engines.dask import CHUNK_SIZE, DaskEngine

    result = {}
    for chunk in (1, CHUNK_SIZE):
        with DaskEngine(2, chunk_size=chunk, adaptive=False) as engine:
            list(engine.map_ordered(_noop, range(4 * chunk)))  # connections and workers up
            started = time.perf_counter()
            assert list(engine.map_ordered(_noop, range(tasks * chunk))) == list(range(tasks * chunk))
            elapsed = time.perf_counter() - started
        result[f"ms_per_task_chunk{chunk}"] = round(1000 * elapsed / tasks, 2)
        result[f"ms_per_item_chunk{chunk}"] = round(1000 * elapsed / (tasks * chunk), 3)
    return result


def first_task(warm: bool) -> dict[str, float]:
    """In this (fresh) process: the first and the median brief of 30 dev clusters, after ``warm_up`` or not."""
    from newsbrief.batch import BatchOptions, brief_task, iter_tasks, warm_up

    options = BatchOptions(sections="none")
    tasks = list(islice(iter_tasks(DATA / FILES[0]), 30))
    started = time.perf_counter()
    if warm:
        warm_up(options)
    warmed = time.perf_counter() - started
    times = []
    for task in tasks:
        started = time.perf_counter()
        brief_task(task, options)
        times.append(time.perf_counter() - started)
    return {"warm_up_s": round(warmed, 2), "first_ms": round(1000 * times[0]), "median_ms":
            round(1000 * statistics.median(times[1:]))}


def probe_first_task(warm: bool) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--probe", "warm" if warm else "cold"], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def baselines(runs: list[Run]) -> list[Run | None]:
    """For each run, the 1-worker local rate of its size it is compared with.

    This machine's speed drifts by a quarter within minutes, so a run is compared
    with the 1-worker runs on both sides of it (their mean rates), or with the one
    nearest side that has one. A 1-worker run is its own baseline.
    """
    out: list[Run | None] = []
    for i, run in enumerate(runs):
        same = [(j, r) for j, r in enumerate(runs) if (r.engine, r.workers, r.clusters) == ("local", 1, run.clusters)]
        if any(j == i for j, _ in same):
            out.append(run)
            continue
        sides = [r for j, r in same if j < i][-1:] + [r for j, r in same if j > i][:1]
        if not sides:
            out.append(None)
            continue
        mean = replace(sides[0], clusters_per_s=statistics.mean(r.clusters_per_s for r in sides),
                       steady_per_s=statistics.mean(r.steady_per_s for r in sides),
                       client_cpu_s=statistics.mean(r.client_cpu_s for r in sides),
                       brief_cpu_s=statistics.mean(r.brief_cpu_s for r in sides))
        out.append(mean)
    return out


def compared(runs: list[Run]) -> Iterator[tuple[Run, Run]]:
    """Each multi-worker run with the 1-worker baseline it is compared with (runs without one are left out)."""
    for run, base in zip(runs, baselines(runs), strict=True):
        if base is not None and run.workers > 1:
            yield run, base


def cpu_bound(run: Run, base: Run) -> float:
    """The speed-up ``run`` could reach if its CPU time were all the machine's cores: cores × base CPU / run CPU.

    On a machine the workers fill, every CPU second the engine spends beside the
    briefs, and every second the briefs lose to sharing the cores, comes off the
    speed-up; this is the ceiling those seconds leave (the in-process baseline
    has neither).
    """
    total = run.client_cpu_s + run.worker_cpu_s
    return min(run.workers, os.cpu_count() or 1) * base.client_cpu_s / total if total else float("nan")


def speedups(runs: list[Run]) -> dict[str, dict[str, float]]:
    """Per engine and worker count beyond 1: the median, lowest and highest speed-ups, steady and CPU-bound too.

    ``brief_cpu`` is the briefs' CPU over the in-process baseline's (above 1: slower
    on shared cores), ``engine_cpu`` the engine's own CPU over the baseline's.
    """
    groups: dict[str, list[tuple[float, ...]]] = {}
    for run, base in compared(runs):
        base_cpu = base.brief_cpu_s or base.client_cpu_s
        groups.setdefault(f"{run.engine}:{run.workers}:{run.clusters}", []).append(
            (run.clusters_per_s / base.clusters_per_s, run.steady_per_s / base.steady_per_s, cpu_bound(run, base),
             run.brief_cpu_s / base_cpu, run.engine_cpu_s / base_cpu))
    summary = {}
    for key, values in groups.items():
        whole = [v[0] for v in values]
        summary[key] = {"runs": len(values), "median": round(statistics.median(whole), 2),
                        "low": round(min(whole), 2), "high": round(max(whole), 2),
                        "steady_median": round(statistics.median(v[1] for v in values), 2),
                        "cpu_bound_median": round(statistics.median(v[2] for v in values), 2),
                        "brief_cpu_median": round(statistics.median(v[3] for v in values), 3),
                        "engine_cpu_median": round(statistics.median(v[4] for v in values), 3)}
    return summary


def table(runs: list[Run]) -> str:
    rows = ["| engine | workers | clusters | wall s | clusters/s | speed-up | steady clusters/s | steady speed-up "
            "| client peak RSS MB | worker peak RSS MB | client CPU s | workers CPU s | clusters per worker CPU s "
            "| cores used | load avg | briefs CPU s | engine CPU s | CPU-bound speed-up |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r, base in zip(runs, baselines(runs), strict=True):
        speedup = r.clusters_per_s / base.clusters_per_s if base else float("nan")
        steady = r.steady_per_s / base.steady_per_s if base else float("nan")
        rows.append(f"| {r.engine} | {r.workers} | {r.clusters:,} | {r.seconds} | {r.clusters_per_s} | "
                    f"{speedup:.2f}× | {r.steady_per_s} | {steady:.2f}× | {r.client_rss_mb} | {r.worker_rss_mb} "
                    f"| {r.client_cpu_s} | {r.worker_cpu_s} | {r.per_cpu_second:.1f} | {r.cores:.2f} | {r.load} "
                    f"| {r.brief_cpu_s} | {r.engine_cpu_s} | {cpu_bound(r, base) if base else float('nan'):.2f}× |")
    return "\n".join(rows)


def speedup_points(runs: list[Run]) -> dict[str, list[float]]:
    """Each multi-worker run's speed-up over the 1-worker runs around it, by engine, workers and size."""
    points: dict[str, list[float]] = {}
    for run, base in compared(runs):
        points.setdefault(f"{run.engine} ×{run.workers}\n{run.clusters:,} clusters", []).append(
            run.clusters_per_s / base.clusters_per_s)
    return points


def plot(points: dict[str, list[float]], path: Path, sections: str) -> None:
    """One dot per run and a bar at the median, for each engine, against the 1.7x target and the 2 cores' 2x."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(max(5, 1.6 * len(points) + 2), 4))
    colours = {"local": "tab:blue", "dask": "tab:orange"}
    for x, (label, values) in enumerate(points.items()):
        colour = colours.get(label.split()[0], "grey")
        offsets = [(i - (len(values) - 1) / 2) * min(0.05, 0.6 / len(values)) for i in range(len(values))]
        axis.scatter([x + o for o in offsets], sorted(values), color=colour, alpha=0.7, zorder=3)
        median = statistics.median(values)
        axis.hlines(median, x - 0.3, x + 0.3, color=colour, linewidth=2.5, zorder=2)
        axis.annotate(f"median {median:.2f}× ({len(values)} runs)", (x, median), xytext=(0, 8),
                      textcoords="offset points", ha="center", fontsize=8)
    axis.axhline(1.7, color="grey", linestyle="--", linewidth=1, label="target 1.7x")
    axis.axhline(2.0, color="grey", linestyle=":", linewidth=1, label="2 cores: 2x")
    axis.set_xticks(range(len(points)), list(points))
    axis.set_xlim(-0.6, len(points) - 0.4)
    axis.set_ylabel("clusters/s over the 1-worker runs around it")
    axis.set_title(f"newsbrief batch --sections {sections}, speed-up at 2 workers on {os.cpu_count()} cores")
    axis.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="Comma list of input sizes (clusters).")
    parser.add_argument("--runs", default="local:1,local:2,dask:2", help="Comma list of ENGINE:WORKERS.")
    parser.add_argument("--rounds", type=int, default=1,
                        help="Repeat --runs this many times (a 1-worker run closes the last round when --runs starts "
                             "with local:1), each run compared with the 1-worker runs around it.")
    parser.add_argument("--sections", default="none",
                        help="The briefs' --sections: none (sentences and citations; the default) or all.")
    parser.add_argument("--json", type=Path, help="Also write every figure to this JSON file.")
    parser.add_argument("--plot", type=Path, help="Also draw the speed-ups (PNG).")
    parser.add_argument("--replot", type=Path, nargs="+", metavar="JSON",
                        help="Only draw --plot from the figures one or more runs wrote with --json (their runs "
                             "pooled, each compared with the 1-worker runs around it in its own file).")
    parser.add_argument("--probe", choices=["cold", "warm"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.replot:
        points: dict[str, list[float]] = {}
        for path in args.replot:
            saved = json.loads(path.read_text("utf-8"))
            for label, values in speedup_points([Run(**r) for r in saved["runs"]]).items():
                points.setdefault(label, []).extend(values)
        plot(points, args.plot or args.replot[-1].with_suffix(".png"), saved["sections"])
        return
    if args.probe:
        print(json.dumps(first_task(args.probe == "warm")))
        return
    figures: dict[str, object] = {"sections": args.sections, "cold": probe_first_task(False),
                                  "warm": probe_first_task(True)}
    print(f"first brief in a fresh process: cold {figures['cold']}, after warm-up {figures['warm']}", flush=True)
    figures["overhead"] = scheduler_overhead()
    print(f"Dask overhead: {figures['overhead']}", flush=True)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="newsbrief-batch-bench-") as tmp:
        folder = Path(tmp)
        for n in (int(s) for s in args.sizes.split(",")):
            source = folder / f"in-{n}.jsonl"
            articles = make_input(source, n)
            outputs = []
            specs = args.runs.split(",") * max(1, args.rounds)
            if args.rounds > 1 and specs[0] == "local:1":
                specs.append(specs[0])
            for spec in specs:
                engine, _, workers = spec.partition(":")
                run = measure(engine, int(workers or 1), source, n, articles, folder, args.sections)
                runs.append(run)
                print(run, flush=True)
                outputs.append(hashlib.sha256((folder / f"{engine}{run.workers}-{n}.jsonl").read_bytes()).hexdigest())
            figures[f"identical_{n}"] = all(o == outputs[0] for o in outputs)
    figures["runs"] = [asdict(r) for r in runs]
    print()
    print(table(runs))
    print()
    figures["speedups"] = speedups(runs)
    print(json.dumps({k: v for k, v in figures.items() if k != "runs"}))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    if args.plot:
        plot(speedup_points(runs), args.plot, args.sections)


if __name__ == "__main__":
    main()
