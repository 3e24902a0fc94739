"""Load benchmark of ``newsbrief serve``: concurrent clients posting 10-article requests, on loopback only.

    .venv/bin/python bench/load_bench.py                      # 50 clients, 60 s a case; writes bench/RESULTS.md
    .venv/bin/python bench/load_bench.py --duration 10 --no-write   # a quick look
    .venv/bin/python bench/load_bench.py --case cold            # one case only

It starts the real command (``python -m newsbrief.cli serve``) on 127.0.0.1 at
a free port, waits for ``/healthz`` and one untimed brief (the workers load their
models at start-up), then runs ``--clients`` clients that each
post one request after another to ``POST /v1/brief`` (budget 100 words, every
analysis section unless ``--sections``) for ``--duration`` seconds. A separate thread asks
``/healthz`` every ``--health-every`` seconds over its own connection. It then
stops the server and reports requests/s, p50/p95/p99 latency, errors, and the
health-check latency, against the targets: 0 errors, p95 <= 2 s, /healthz <= 100 ms.

Requests are sets of 10 articles drawn (seed ``--seed``) from the ~1,560 cased
full-length dev articles of ../shared/data (DUC 2003/2004/2006, MultiLing,
full-text Multi-News), one case per fresh server:

- ``cold``: every request a different set, and the workers' NER cache off
  (``NEWSBRIEF_NER_CACHE=0``), so nothing computed for one request helps another;
- ``distinct``: different sets with the server's default cache (sets differ,
  but an article recurs in other sets, so some NER windows are hits);
- ``warm``: the same 10 sets over and over with the cache on (the web page
  re-briefing the same articles).

After the load, the CPU time of a request is split by stage in this process
(``stage_cpu.py``) over requests of the same kind (the first ``--split`` cold
sets with no cache; the warm sets after one pass that fills the cache). The load
average (``os.getloadavg``) before and after each case is recorded, since the
machine may be shared. The ``## Server load`` section of bench/RESULTS.md
(between the ``server-load`` markers) is replaced; the rest of the file is left
alone. Raw figures go to bench/out/server_load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from results_md import RESULTS_MD, markers, write_section
from stage_cpu import split_requests

from newsbrief.server.testing import free_port, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT.parent / "shared" / "data"
# The cased, full-length dev articles (the lower-cased, truncated Multi-News files have few names).
DATA_FILES = ("duc2003_task2.jsonl", "duc2004_dev.jsonl", "duc2006_dev.jsonl", "multiling2011_en.jsonl",
              "multinews_dev_fulltext.jsonl")
OUT_DIR = ROOT / "bench" / "out"
PLOT = ROOT / "bench" / "results" / "server_load.png"
START, END = markers("server-load")
HOST = "127.0.0.1"  # the benchmark never sends a request anywhere else
ARTICLES_PER_REQUEST = 10
TARGET_P95 = 2.0
TARGET_HEALTH = 0.100
CASES = ("cold", "distinct", "warm")
WARM_SETS = 10
SEED = 20261204


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    health: list[float] = field(default_factory=list)
    health_errors: Counter[str] = field(default_factory=Counter)
    server_cpu_s: float = 0.0  # CPU seconds of the server and its workers during the load


def load_articles() -> tuple[list[bytes], str]:
    """Each distinct dev article as a JSON ``{"text": ...}`` fragment, pre-encoded; and where they came from."""
    seen: set[str] = set()
    fragments: list[bytes] = []
    used = []
    for name in DATA_FILES:
        path = DATA_DIR / name
        if not path.exists():
            continue
        used.append(name)
        for line in path.read_text("utf-8").splitlines():
            for doc in json.loads(line)["documents"]:
                text = doc if isinstance(doc, str) else doc.get("text", "")
                if text.strip() and text not in seen:
                    seen.add(text)
                    fragments.append(json.dumps({"text": text}).encode("utf-8"))
    if len(fragments) >= ARTICLES_PER_REQUEST:
        return fragments, f"{len(fragments)} articles of " + ", ".join(used)
    # Without the shared data: the bundled seed story's two articles, each copy made distinct.
    demo = [p.read_text("utf-8") for p in sorted((ROOT / "newsbrief" / "resources" / "demo").glob("*.txt"))]
    return [json.dumps({"text": f"{demo[i % 2]}\n(copy {i})"}).encode() for i in range(200)], "demo copies"


def article_sets(n_articles: int, seed: int) -> Iterator[tuple[int, ...]]:
    """Sets of ARTICLES_PER_REQUEST article indices, drawn without replacement, no set twice."""
    rng = random.Random(seed)
    seen: set[frozenset[int]] = set()
    while True:
        chosen = tuple(rng.sample(range(n_articles), ARTICLES_PER_REQUEST))
        if frozenset(chosen) not in seen:
            seen.add(frozenset(chosen))
            yield chosen


def encode(fragments: list[bytes], chosen: tuple[int, ...], sections: str | None) -> bytes:
    extra = b""
    if sections:
        extra = b',"sections":' + json.dumps([x.strip() for x in sections.split(",")]).encode()
    return b'{"articles":[' + b",".join(fragments[i] for i in chosen) + b'],"budget":{"words":100}' + extra + b"}"


class Bodies:
    """The request bodies of one case, handed out one at a time to every client."""

    def __init__(self, fragments: list[bytes], case: str, sections: str | None, seed: int):
        self.fragments, self.sections = fragments, sections
        self._sets = article_sets(len(fragments), seed)
        self.warm = [next(self._sets) for _ in range(WARM_SETS)] if case == "warm" else None
        self.sent = 0

    def next(self) -> bytes:
        chosen = self.warm[self.sent % len(self.warm)] if self.warm else next(self._sets)
        self.sent += 1
        return encode(self.fragments, chosen, self.sections)


def start_server(port: int, home: str, *, ner_cache: bool = True, tree: Path = ROOT) -> subprocess.Popen[bytes]:
    """``newsbrief serve`` from ``tree`` (this checkout, or another one for a before/after under the same load)."""
    env = {**os.environ, "NEWSBRIEF_HOME": home, "PYTHONPATH": str(tree)}
    if not ner_cache and "ner_cache" in (tree / "newsbrief" / "settings.py").read_text("utf-8"):
        env["NEWSBRIEF_NER_CACHE"] = "0"  # (a checkout from before the cache has none to turn off)
    command = [sys.executable, "-m", "newsbrief.cli", "serve", "--host", HOST, "--port", str(port)]
    return subprocess.Popen(command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def server_cpu(process: subprocess.Popen[bytes]) -> float:
    """CPU seconds used so far by the server and its worker processes (user + system)."""
    import psutil

    total = 0.0
    try:
        root = psutil.Process(process.pid)
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                total += times.user + times.system
    except psutil.Error:
        pass
    return total


def wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    try:
        wait_healthy(url, process, timeout=timeout)
    except RuntimeError as exc:
        raise SystemExit(f"load_bench: {exc}") from None


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def client(http: httpx.AsyncClient, bodies: Bodies, stop_at: float, tally: Tally) -> None:
    while time.monotonic() < stop_at:
        body = bodies.next()
        began = time.perf_counter()
        try:
            response = await http.post("/v1/brief", content=body, headers={"content-type": "application/json"})
            status = response.status_code
        except httpx.HTTPError as exc:
            tally.errors[type(exc).__name__] += 1
            continue
        elapsed = time.perf_counter() - began
        if status == 200:
            tally.latencies.append(elapsed)
        else:
            tally.errors[f"HTTP {status}"] += 1


def probe_health(url: str, every: float, stop: threading.Event, tally: Tally) -> None:
    with httpx.Client(timeout=10) as http:
        while not stop.is_set():
            began = time.perf_counter()
            try:
                ok = http.get(url + "/healthz").status_code == 200
                tally.health.append(time.perf_counter() - began)
                if not ok:
                    tally.health_errors["not 200"] += 1
            except httpx.HTTPError as exc:
                tally.health_errors[type(exc).__name__] += 1
            stop.wait(every)


async def run_load(url: str, bodies: Bodies, clients: int, duration: float, tally: Tally) -> float:
    limits = httpx.Limits(max_connections=clients + 5, max_keepalive_connections=clients + 5)
    async with httpx.AsyncClient(base_url=url, timeout=httpx.Timeout(120), limits=limits) as http:
        began = time.monotonic()
        stop_at = began + duration
        await asyncio.gather(*(client(http, bodies, stop_at, tally) for _ in range(clients)))
        return time.monotonic() - began


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def summarise(tally: Tally, elapsed: float, clients: int, sections: str | None, source: str, case: str,
              load: tuple[tuple[float, ...], tuple[float, ...]]) -> dict:
    done = len(tally.latencies)
    health = tally.health
    return {
        "case": case, "clients": clients, "elapsed_s": round(elapsed, 1),
        "articles_per_request": ARTICLES_PER_REQUEST,
        "sections": sections or "all (default)", "articles": source,
        "load_average_before": [round(x, 2) for x in load[0]], "load_average_after": [round(x, 2) for x in load[1]],
        "requests_ok": done, "errors": sum(tally.errors.values()), "error_kinds": dict(tally.errors),
        "requests_per_s": round(done / elapsed, 2) if elapsed else 0.0,
        "server_cpu_s": round(tally.server_cpu_s, 1),
        "server_cpu_ms_per_request": round(1000 * tally.server_cpu_s / done, 1) if done else None,
        "latency_s": {"p50": round(percentile(tally.latencies, 50), 3),
                      "p95": round(percentile(tally.latencies, 95), 3),
                      "p99": round(percentile(tally.latencies, 99), 3),
                      "max": round(max(tally.latencies), 3) if tally.latencies else None,
                      "mean": round(statistics.fmean(tally.latencies), 3) if tally.latencies else None},
        "healthz_ms": {"checks": len(health), "p50": round(percentile(health, 50) * 1000, 1),
                       "p99": round(percentile(health, 99) * 1000, 1),
                       "max": round(max(health) * 1000, 1) if health else None,
                       "over_100ms": sum(h > TARGET_HEALTH for h in health), "errors": dict(tally.health_errors)},
    }


def _verdict(result: dict) -> str:
    lat, health = result["latency_s"], result["healthz_ms"]
    meets = {
        "0 errors": result["errors"] == 0 and not health["errors"],
        "p95 <= 2 s": lat["p95"] <= TARGET_P95,
        "/healthz <= 100 ms": health["over_100ms"] == 0 and not health["errors"],
    }
    return ", ".join(f"{name} {'met' if ok else 'NOT met'}" for name, ok in meets.items())


_CASE_TEXT = {"cold": "cold: a new set every request, NER cache off",
              "distinct": "distinct: a new set every request, NER cache on",
              "warm": f"warm: {WARM_SETS} sets repeated, NER cache on"}


def markdown(results: list[dict], splits: dict[str, dict], command: str, duration: float) -> str:
    first = results[0]
    lines = [
        START,
        "## Server load",
        "",
        f"`{command}` — {first['clients']} concurrent clients posting sets of {first['articles_per_request']} "
        f"articles (drawn with a fixed seed from the {first['articles']}; budget 100 words) to `POST /v1/brief` "
        f"for {duration:g} s (then the requests in flight finish), against `newsbrief serve` on 127.0.0.1 with "
        f"its default worker processes. One row per case, each on a fresh server. Machine: {os.cpu_count()} "
        f"cores shared with the load generator and with whatever else runs (load averages, 1/5/15 min, before "
        f"and after each case in the table), Python {platform.python_version()}.",
        "",
        "| case | sections | requests | requests/s | server CPU / request | p50 | p95 | p99 | max | errors "
        "| /healthz p50 | p99 | max | > 100 ms | load avg before → after | targets |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in results:
        lat, health = r["latency_s"], r["healthz_ms"]
        errors = f"{r['errors']}" + (f" ({', '.join(f'{k}: {v}' for k, v in r['error_kinds'].items())})"
                                     if r["errors"] else "")
        before = "/".join(f"{x:.1f}" for x in r["load_average_before"])
        after = "/".join(f"{x:.1f}" for x in r["load_average_after"])
        lines.append(f"| {_CASE_TEXT.get(r['case'], r['case'])} | {r['sections']} | {r['requests_ok']} "
                     f"| {r['requests_per_s']} | {r['server_cpu_ms_per_request']} ms | {lat['p50']} s "
                     f"| {lat['p95']} s | {lat['p99']} s | {lat['max']} s | {errors} | {health['p50']} ms "
                     f"| {health['p99']} ms | {health['max']} ms | {health['over_100ms']} of {health['checks']} "
                     f"| {before} → {after} | {_verdict(r)} |")
    lines += ["", "Targets: 0 errors, p95 <= 2 s, /healthz <= 100 ms throughout. Each brief is CPU-bound work "
                  "for one worker process (one per core), so latency under load is queueing: a request waits "
                  "for about clients / (requests/s) seconds of work ahead of it. `/healthz` is answered "
                  "by the server process itself, which never runs a brief. Server CPU / request is the CPU time "
                  "of the server and its workers during the load over the requests answered: unlike the "
                  "latencies, it hardly depends on what else the machine runs."]
    if splits:
        names = list(splits)
        stages: list[str] = []
        for split in splits.values():
            stages += [s for s in split["stages_ms"] if s not in stages]
        lines += ["", "CPU ms of one request by stage (`bench/stage_cpu.py`, measured in this process after the "
                      "load, one BLAS thread as in a worker): "
                  + "; ".join(f"{n}: {splits[n]['requests']} requests" for n in names) + ".", "",
                  "| stage | " + " | ".join(names) + " |", "| --- |" + " ---: |" * len(names)]
        for stage in stages:
            lines.append(f"| {stage} | " + " | ".join(f"{splits[n]['stages_ms'].get(stage, 0.0):.1f}"
                                                    for n in names) + " |")
        lines.append("| **total** | " + " | ".join(f"**{splits[n]['cpu_ms_per_request']:.1f}**" for n in names)
                     + " |")
    lines += ["", "Plot (latency distributions against the targets): "
                  "[`bench/results/server_load.png`](results/server_load.png)", END]
    return "\n".join(lines) + "\n"


def run_one(bodies: Bodies, clients: int, duration: float, health_every: float, *,
            ner_cache: bool, tree: Path = ROOT) -> tuple[Tally, float]:
    """A fresh server, ``clients`` clients for ``duration`` seconds, the server stopped again."""
    port = free_port(HOST)
    url = f"http://{HOST}:{port}"
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as home:
        process = start_server(port, home, ner_cache=ner_cache, tree=tree)
        try:
            wait_ready(url, process)
            # Not timed: one brief (of the seed pair, shared by no case), which waits for the workers
            # to load their models (they warm at start-up).
            warmup = json.dumps({"articles": [{"text": p.read_text("utf-8")} for p in sorted(
                (ROOT / "newsbrief" / "resources" / "demo").glob("*.txt"))], "budget": {"words": 100}})
            httpx.post(url + "/v1/brief", content=warmup.encode(), headers={"content-type": "application/json"},
                       timeout=300).raise_for_status()
            stop = threading.Event()
            prober = threading.Thread(target=probe_health, args=(url, health_every, stop, tally), daemon=True)
            prober.start()
            print(f"load_bench: {clients} clients for {duration:g} s against {url} ...", file=sys.stderr)
            cpu_before = server_cpu(process)
            try:
                elapsed = asyncio.run(run_load(url, bodies, clients, duration, tally))
            finally:
                stop.set()
                prober.join()
            tally.server_cpu_s = server_cpu(process) - cpu_before
        finally:
            stop_server(process)
    return tally, elapsed


def plot(results: list[dict], tallies: list[Tally], path: Path) -> None:
    """Request latency (sorted, one line per case) against the 2 s target, and /healthz latency."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (requests, health) = plt.subplots(1, 2, figsize=(11, 4))
    for result, tally in zip(results, tallies, strict=True):
        name = f"{result['case']}, sections {result['sections']}"
        latencies = sorted(tally.latencies)
        if latencies:
            share = [100 * (i + 1) / len(latencies) for i in range(len(latencies))]
            requests.plot(latencies, share, label=f"{name} ({result['requests_per_s']} req/s)")
        checks = sorted(1000 * h for h in tally.health)
        if checks:
            health.plot(checks, [100 * (i + 1) / len(checks) for i in range(len(checks))], label=f"during {name}")
    for axis, target, unit in ((requests, TARGET_P95, "s"), (health, 1000 * TARGET_HEALTH, "ms")):
        axis.axvline(target, color="grey", linestyle="--", linewidth=1, label=f"target {target:g} {unit}")
        axis.axhline(95 if axis is requests else 100, color="grey", linestyle=":", linewidth=1)
        axis.set_ylabel("% of requests at or under")
        axis.legend(fontsize=8, loc="lower right")
        axis.grid(alpha=0.3)
    requests.set_xlabel("POST /v1/brief latency (s)")
    requests.set_title(f"{results[0]['clients']} clients, {results[0]['articles_per_request']}-article sets "
                       "(shared machine)")
    health.set_xlabel("GET /healthz latency (ms)")
    health.set_title("/healthz under that load")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def write_results(block: str) -> None:
    """Replace the server-load block of RESULTS.md, or append it; nothing else in the file changes."""
    write_section("server-load", block)


def stage_splits(fragments: list[bytes], cases: list[str], sections: str | None, seed: int,
                 n: int) -> dict[str, dict]:
    """Per-request CPU by stage, in this process: ``n`` cold sets without a cache; the warm sets with one."""
    out = {}
    if "cold" in cases or "distinct" in cases:
        bodies = Bodies(fragments, "cold", sections, seed)
        out["cold"] = split_requests([json.loads(bodies.next()) for _ in range(n)], ner_cache=0)
    if "warm" in cases:
        bodies = Bodies(fragments, "warm", sections, seed)
        sets = [json.loads(bodies.next()) for _ in range(WARM_SETS)]
        out["warm"] = split_requests(sets * 2, ner_cache=20_000, prime=sets)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="Seconds of load per run (default 60).")
    parser.add_argument("--health-every", type=float, default=0.25, help="Seconds between /healthz checks.")
    parser.add_argument("--case", action="append", choices=CASES,
                        help="cold, distinct or warm; repeat for several (default: all three).")
    parser.add_argument("--sections", action="append",
                        help="Sections to ask for, e.g. none; repeat for one run each (default: one run, all).")
    parser.add_argument("--seed", type=int, default=SEED, help="Seed of the article sets.")
    parser.add_argument("--split", type=int, default=60, help="Cold requests to split by stage (0: no split).")
    parser.add_argument("--server-tree", type=Path, default=ROOT,
                        help="Serve from this checkout instead (a before/after under the same load; use --split 0).")
    parser.add_argument("--no-write", action="store_true", help="Print only; leave bench/RESULTS.md alone.")
    args = parser.parse_args()
    if args.clients < 1 or not 0 < args.duration <= 600:
        parser.error("--clients must be >= 1 and --duration in (0, 600] seconds")

    fragments, source = load_articles()
    cases = args.case or list(CASES)
    results, tallies = [], []
    for sections in args.sections or [None]:
        for case in cases:
            bodies = Bodies(fragments, case, sections, args.seed)
            before = os.getloadavg()
            tally, elapsed = run_one(bodies, args.clients, args.duration, args.health_every,
                                     ner_cache=case != "cold", tree=args.server_tree.resolve())
            results.append(summarise(tally, elapsed, args.clients, sections, source, case,
                                     (before, os.getloadavg())))
            tallies.append(tally)
            print(json.dumps(results[-1]), file=sys.stderr)
    splits = stage_splits(fragments, cases, (args.sections or [None])[0], args.seed, args.split) \
        if args.split else {}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "server_load.json").write_text(json.dumps({"runs": results, "stage_cpu": splits}, indent=2) + "\n",
                                              "utf-8")
    if not args.no_write:
        plot(results, tallies, PLOT)
    command = "python bench/load_bench.py" + ("" if args.clients == 50 else f" --clients {args.clients}") + \
              ("" if args.duration == 60 else f" --duration {args.duration:g}") + \
              "".join(f" --case {c}" for c in args.case or []) + \
              "".join(f" --sections {s}" for s in args.sections or []) + \
              ("" if args.server_tree.resolve() == ROOT else f" --server-tree {args.server_tree}")
    block = markdown(results, splits, command, args.duration)
    print(json.dumps({"runs": results, "stage_cpu": splits}, indent=2))
    print(block)
    if not args.no_write:
        write_results(block)
        print(f"load_bench: wrote the server-load section of {RESULTS_MD.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
