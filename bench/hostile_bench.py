"""Hostile input (issue 28): one-vocabulary piles through the CLI and a 10 MB request through the API.

    .venv/bin/python bench/hostile_bench.py                 # every case; prints a markdown table
    .venv/bin/python bench/hostile_bench.py --case cli      # the CLI piles only

Piles are the issue's repro: articles of 600 sentences of twelve words drawn from a
sixteen-word vocabulary (seed 5), so every sentence is similar to nearly every
other. ``cli`` briefs 20 articles (1 MB) and 80 articles (4 MB) with every
section, each in a fresh process, and reports wall time, CPU time and peak RSS
(target: <= 2 GiB each). ``api`` starts the real ``newsbrief serve`` on a free
loopback port, sends one request of as many such articles as fit under
``max_request_bytes`` (10 MB, 199 articles), and meanwhile asks ``/healthz``
every 50 ms on its own connection (target: every answer <= 100 ms, the big
request answered with a brief or a clear 4xx/503, the server alive after, and a
small brief served right after). Peak RSS of the server and its workers is read
from /proc (VmHWM). Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsbrief.server.testing import ServeProcess  # noqa: E402

WORDS = ["the", "mayor", "said", "council", "bridge", "vote", "budget", "police", "officials", "monday", "tuesday",
         "city", "state", "president", "minister", "report"]


def pile(articles: int, sentences: int = 600, seed: int = 5) -> list[dict[str, str]]:
    """The issue's repro: ``articles`` articles of one-vocabulary sentences."""
    rng = random.Random(seed)
    return [{"id": f"p{i}", "text": " ".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
                                             for _ in range(sentences))} for i in range(articles)]


def run_cli(articles: int, workdir: Path) -> dict[str, object]:
    """One ``newsbrief brief`` of a pile, every section, in a fresh process."""
    path = workdir / f"pile{articles}.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in pile(articles)), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "newsbrief.cli", "brief", str(path), "--format", "json"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = json.loads(done.stdout) if done.returncode == 0 else {}
    return {"case": f"cli {articles} articles ({path.stat().st_size / 1e6:.1f} MB)", "exit": done.returncode,
            "wall_s": round(wall, 1), "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime
                                                     - before.ru_stime, 1),
            "peak_rss_mib": round(after.ru_maxrss / 1024), "traceback": "Traceback" in done.stderr,
            "agreement_items": len(out.get("agreement", [])), "error": done.stderr.strip()[-300:]
            if done.returncode else ""}


def _vmhwm(pid: int) -> int:
    """The largest peak RSS (KiB) among a process and its children (the workers), from /proc."""
    total = 0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    for p in [str(pid), *children]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total = max(total, int(line.split()[1]))
        except OSError:
            pass
    return total


def run_api(timeout: float) -> dict[str, object]:
    """A 10 MB request of pile articles to a real server, with /healthz polled throughout."""
    articles = [{"text": a["text"]} for a in pile(200)]
    body = {"articles": articles}
    while len(json.dumps(body).encode()) > 10_000_000:
        articles.pop()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSBRIEF_REQUEST_TIMEOUT": str(timeout),
           "PYTHONUNBUFFERED": "1"}
    health: list[float] = []
    when: list[float] = []
    health_errors = 0
    peak = 0
    stop = threading.Event()
    with tempfile.TemporaryDirectory() as home, ServeProcess(env={**env, "NEWSBRIEF_HOME": home}, cwd=str(ROOT),
                                                             timeout=180) as server:
        assert server.process is not None
        pid = server.process.pid

        def poll() -> None:
            nonlocal health_errors, peak
            with httpx.Client(timeout=5) as client:
                while not stop.is_set():
                    start = time.perf_counter()
                    try:
                        ok = client.get(server.url + "/healthz").status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    health.append(time.perf_counter() - start)
                    when.append(time.monotonic())
                    health_errors += not ok
                    peak = max(peak, _vmhwm(pid))
                    time.sleep(0.05)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        start = sent = time.monotonic()
        try:
            response: httpx.Response | None = httpx.post(server.url + "/v1/brief", json=body, timeout=timeout + 120)
        except httpx.TimeoutException:
            response = None  # no answer within request_timeout + 120 s: recorded as such
        big_wall = time.monotonic() - start
        small = httpx.post(server.url + "/v1/brief", timeout=120, json={"articles": [
            {"text": "The council approved the new bridge on Monday. Work starts in May."},
            {"text": "On Monday the council approved a bridge. Construction begins in May."}]})
        alive = httpx.get(server.url + "/healthz", timeout=5).status_code == 200
        stop.set()
        poller.join(10)
    status = response.status_code if response is not None else None
    error = response.json().get("error", {}) if response is not None and status != 200 else {}
    ordered = sorted(health)
    return {"case": f"api {len(articles)} articles ({len(json.dumps(body).encode()) / 1e6:.1f} MB), "
                    f"request_timeout {timeout:g} s",
            "status": status, "code": error.get("code", ""), "message": error.get("message", ""),
            "wall_s": round(big_wall, 1), "small_after": small.status_code, "alive": alive,
            "healthz_checks": len(health), "healthz_errors": health_errors,
            "healthz_max_ms": round(1000 * ordered[-1], 1) if ordered else None,
            "healthz_p99_ms": round(1000 * ordered[int(0.99 * (len(ordered) - 1))], 1) if ordered else None,
            "healthz_over_100ms_at_s": [round(t - sent, 1) for t, h in zip(when, health, strict=True) if h > 0.1],
            "largest_process_peak_rss_mib": round(peak / 1024), "traceback": "Traceback" in server.stderr}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", choices=["cli", "api", "all"], default="all")
    parser.add_argument("--timeout", type=float, default=60.0, help="the server's request_timeout (s)")
    args = parser.parse_args()
    rows: list[dict[str, object]] = []
    if args.case in ("cli", "all"):
        with tempfile.TemporaryDirectory() as work:
            for n in (20, 80):
                rows.append(run_cli(n, Path(work)))
                print(json.dumps(rows[-1]), flush=True)
    if args.case in ("api", "all"):
        rows.append(run_api(args.timeout))
        print(json.dumps(rows[-1]), flush=True)
    out = ROOT / "bench" / "out" / "hostile.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"load": os.getloadavg(), "rows": rows}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
