"""Load benchmark of ``newsbrief serve``: concurrent clients posting 10-article clusters, on loopback only.

    .venv/bin/python bench/load_bench.py                      # 50 clients, 60 s; writes bench/RESULTS.md
    .venv/bin/python bench/load_bench.py --duration 10 --no-write   # a quick look

It starts the real command (``python -m newsbrief.cli serve``) on 127.0.0.1 at
a free port, waits for ``/healthz`` and one untimed brief (the workers load their
models at start-up), then runs ``--clients`` clients that each
post one cluster after another to ``POST /v1/brief`` (budget 100 words, every
analysis section) for ``--duration`` seconds. A separate thread asks
``/healthz`` every ``--health-every`` seconds over its own connection. It then
stops the server and reports requests/s, p50/p95/p99 latency, errors, and the
health-check latency, against the targets: 0 errors, p95 <= 2 s, /healthz <= 100 ms.

Clusters are the 10-document clusters of ../shared/data (DUC 2003/2004, first
10 documents each), cycled in order. The ``## Server load`` section of
bench/RESULTS.md (between the ``server-load`` markers) is replaced; the rest of
the file is left alone. Raw figures go to bench/out/server_load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from results_md import RESULTS_MD, markers, write_section

from newsbrief.server.testing import free_port, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT.parent / "shared" / "data"
DATA_FILES = ("duc2004_dev.jsonl", "duc2003_task2.jsonl")
OUT_DIR = ROOT / "bench" / "out"
PLOT = ROOT / "bench" / "results" / "server_load.png"
START, END = markers("server-load")
HOST = "127.0.0.1"  # the benchmark never sends a request anywhere else
ARTICLES_PER_REQUEST = 10
TARGET_P95 = 2.0
TARGET_HEALTH = 0.100


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    health: list[float] = field(default_factory=list)
    health_errors: Counter[str] = field(default_factory=Counter)


def load_clusters(sections: str | None) -> tuple[list[bytes], str]:
    """Request bodies of 10 articles each, pre-encoded; and where they came from."""
    extra = {"sections": [s.strip() for s in sections.split(",")]} if sections else {}
    bodies = []
    for name in DATA_FILES:
        path = DATA_DIR / name
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            docs = json.loads(line)["documents"]
            texts = [d if isinstance(d, str) else d.get("text", "") for d in docs][:ARTICLES_PER_REQUEST]
            if len(texts) == ARTICLES_PER_REQUEST:
                bodies.append(json.dumps({"articles": [{"text": t} for t in texts],
                                          "budget": {"words": 100}, **extra}).encode("utf-8"))
    if bodies:
        return bodies, " + ".join(DATA_FILES)
    # Without the shared data: the bundled seed story, its two articles repeated five times.
    demo = [p.read_text("utf-8") for p in sorted((ROOT / "newsbrief" / "resources" / "demo").glob("*.txt"))]
    texts = [f"{demo[i % 2]}\n(copy {i})" for i in range(ARTICLES_PER_REQUEST)]
    return [json.dumps({"articles": [{"text": t} for t in texts], "budget": {"words": 100}, **extra}).encode()], \
        "demo x5"



def start_server(port: int, home: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEWSBRIEF_HOME": home}
    command = [sys.executable, "-m", "newsbrief.cli", "serve", "--host", HOST, "--port", str(port)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


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


async def client(http: httpx.AsyncClient, bodies: list[bytes], start: int, stop_at: float, tally: Tally) -> None:
    i = start
    while time.monotonic() < stop_at:
        body = bodies[i % len(bodies)]
        i += 1
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


async def run_load(url: str, bodies: list[bytes], clients: int, duration: float, tally: Tally) -> float:
    limits = httpx.Limits(max_connections=clients + 5, max_keepalive_connections=clients + 5)
    async with httpx.AsyncClient(base_url=url, timeout=httpx.Timeout(120), limits=limits) as http:
        began = time.monotonic()
        stop_at = began + duration
        await asyncio.gather(*(client(http, bodies, n, stop_at, tally) for n in range(clients)))
        return time.monotonic() - began


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def summarise(tally: Tally, elapsed: float, clients: int, sections: str | None, source: str) -> dict:
    done = len(tally.latencies)
    health = tally.health
    return {
        "clients": clients, "elapsed_s": round(elapsed, 1), "articles_per_request": ARTICLES_PER_REQUEST,
        "sections": sections or "all (default)", "clusters": source,
        "requests_ok": done, "errors": sum(tally.errors.values()), "error_kinds": dict(tally.errors),
        "requests_per_s": round(done / elapsed, 2) if elapsed else 0.0,
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


def markdown(results: list[dict], command: str, duration: float) -> str:
    first = results[0]
    lines = [
        START,
        "## Server load",
        "",
        f"`{command}` — {first['clients']} concurrent clients posting {first['articles_per_request']}-article "
        f"clusters ({first['clusters']}, budget 100 words) to `POST /v1/brief` for {duration:g} s (then the "
        f"requests in flight finish), against `newsbrief serve` on 127.0.0.1 with its default worker processes. "
        f"One row per `sections` setting, each on a fresh server. Machine: {os.cpu_count()} cores shared with "
        f"the load generator (and with whatever else runs), Python {platform.python_version()}.",
        "",
        "| sections | requests | requests/s | p50 | p95 | p99 | max | errors | /healthz p50 | p99 | max "
        "| > 100 ms | targets |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        lat, health = r["latency_s"], r["healthz_ms"]
        errors = f"{r['errors']}" + (f" ({', '.join(f'{k}: {v}' for k, v in r['error_kinds'].items())})"
                                     if r["errors"] else "")
        lines.append(f"| {r['sections']} | {r['requests_ok']} | {r['requests_per_s']} | {lat['p50']} s "
                     f"| {lat['p95']} s | {lat['p99']} s | {lat['max']} s | {errors} | {health['p50']} ms "
                     f"| {health['p99']} ms | {health['max']} ms | {health['over_100ms']} of {health['checks']} "
                     f"| {_verdict(r)} |")
    lines += ["", "Targets: 0 errors, p95 <= 2 s, /healthz <= 100 ms throughout. Each brief is CPU-bound work "
                  "for one worker process (one per core), so latency under load is queueing: a request waits "
                  "for about clients / (requests/s) seconds of work ahead of it. `/healthz` is answered "
                  "by the server process itself, which never runs a brief.", "",
              "Plot (latency distributions against the targets): "
              "[`bench/results/server_load.png`](results/server_load.png)", END]
    return "\n".join(lines) + "\n"


def run_one(bodies: list[bytes], clients: int, duration: float, health_every: float) -> tuple[Tally, float]:
    """A fresh server, ``clients`` clients for ``duration`` seconds, the server stopped again."""
    port = free_port(HOST)
    url = f"http://{HOST}:{port}"
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as home:
        process = start_server(port, home)
        try:
            wait_ready(url, process)
            # Not timed: one brief, which waits for the workers to load their models (they warm at start-up).
            httpx.post(url + "/v1/brief", content=bodies[0], headers={"content-type": "application/json"},
                       timeout=300).raise_for_status()
            stop = threading.Event()
            prober = threading.Thread(target=probe_health, args=(url, health_every, stop, tally), daemon=True)
            prober.start()
            print(f"load_bench: {clients} clients for {duration:g} s against {url} ...", file=sys.stderr)
            try:
                elapsed = asyncio.run(run_load(url, bodies, clients, duration, tally))
            finally:
                stop.set()
                prober.join()
        finally:
            stop_server(process)
    return tally, elapsed


def plot(results: list[dict], tallies: list[Tally], path: Path) -> None:
    """Request latency (sorted, one line per ``sections`` run) against the 2 s target, and /healthz latency."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (requests, health) = plt.subplots(1, 2, figsize=(11, 4))
    for result, tally in zip(results, tallies, strict=True):
        latencies = sorted(tally.latencies)
        if latencies:
            share = [100 * (i + 1) / len(latencies) for i in range(len(latencies))]
            requests.plot(latencies, share, label=f"sections {result['sections']} ({result['requests_per_s']} req/s)")
        checks = sorted(1000 * h for h in tally.health)
        if checks:
            health.plot(checks, [100 * (i + 1) / len(checks) for i in range(len(checks))],
                        label=f"during sections {result['sections']}")
    for axis, target, unit in ((requests, TARGET_P95, "s"), (health, 1000 * TARGET_HEALTH, "ms")):
        axis.axvline(target, color="grey", linestyle="--", linewidth=1, label=f"target {target:g} {unit}")
        axis.axhline(95 if axis is requests else 100, color="grey", linestyle=":", linewidth=1)
        axis.set_ylabel("% of requests at or under")
        axis.legend(fontsize=8, loc="lower right")
        axis.grid(alpha=0.3)
    requests.set_xlabel("POST /v1/brief latency (s)")
    requests.set_title(f"{results[0]['clients']} clients, {results[0]['articles_per_request']}-article clusters")
    health.set_xlabel("GET /healthz latency (ms)")
    health.set_title("/healthz under that load")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def write_results(block: str) -> None:
    """Replace the server-load block of RESULTS.md, or append it; nothing else in the file changes."""
    write_section("server-load", block)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="Seconds of load per run (default 60).")
    parser.add_argument("--health-every", type=float, default=0.25, help="Seconds between /healthz checks.")
    parser.add_argument("--sections", action="append",
                        help="Sections to ask for, e.g. none; repeat for one run each (default: one run, all).")
    parser.add_argument("--no-write", action="store_true", help="Print only; leave bench/RESULTS.md alone.")
    args = parser.parse_args()
    if args.clients < 1 or not 0 < args.duration <= 600:
        parser.error("--clients must be >= 1 and --duration in (0, 600] seconds")

    results, tallies = [], []
    for sections in args.sections or [None]:
        bodies, source = load_clusters(sections)
        tally, elapsed = run_one(bodies, args.clients, args.duration, args.health_every)
        results.append(summarise(tally, elapsed, args.clients, sections, source))
        tallies.append(tally)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "server_load.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    if not args.no_write:
        plot(results, tallies, PLOT)
    command = "python bench/load_bench.py" + ("" if args.clients == 50 else f" --clients {args.clients}") + \
              ("" if args.duration == 60 else f" --duration {args.duration:g}") + \
              "".join(f" --sections {s}" for s in args.sections or [])
    block = markdown(results, command, args.duration)
    print(json.dumps(results, indent=2))
    print(block)
    if not args.no_write:
        write_results(block)
        print(f"load_bench: wrote the server-load section of {RESULTS_MD.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
