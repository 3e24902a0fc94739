"""Speed and memory of a brief, beside sumy's LexRank in the same run (``make bench-speed``).

Measures, and writes to the "## Brief speed" section of bench/RESULTS.md:

- warm library calls on the DUC 2004 dev clusters (10 articles, ~6,000 words each):
  seconds per cluster with ``--sections none`` and with all sections, and clusters/s
  against sumy LexRank (via the evaluation peer) on the same clusters;
- the same for the learned method (``learned.v1``, issue 17) beside the default;
- cold ``newsbrief brief`` on the seed pair: wall time of a fresh process (median of 5), default and learned;
- peak memory (max RSS) of briefing one input of 1,000 articles, in a fresh process.

    .venv/bin/python bench/brief_speed.py [--clusters 25] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_md import markers, write_section  # noqa: E402

import newsbrief  # noqa: E402
from newsbrief.datatypes import Article, Budget  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
START, END = markers("speed")
DEMO = [str(ROOT / "newsbrief" / "resources" / "demo" / f"source-{i}.txt") for i in (1, 2)]


def _clusters(name: str, limit: int) -> list[list[Article]]:
    out = []
    with (DATA / name).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= limit:
                break
            record = json.loads(line)
            out.append([Article.make(d, id=f"{record['id']}#{i}") for i, d in enumerate(record["documents"])])
    return out


LEARNED = "learned.v1"


def warm_seconds(clusters: list[list[Article]], sections: str, method: str = "default") -> list[float]:
    newsbrief.brief(clusters[0], budget="100w", sections=sections, method=method)  # load models, warm caches
    times = []
    for articles in clusters:
        start = time.perf_counter()
        newsbrief.brief(articles, budget="100w", sections=sections, method=method)
        times.append(time.perf_counter() - start)
    return times


def lexrank_seconds(clusters: list[list[Article]]) -> list[float]:
    from newsbrief.evaluate.peers import create_system

    lexrank = create_system("lexrank")
    times = []
    for articles in clusters:
        start = time.perf_counter()
        lexrank.summarize([a.text for a in articles], Budget("words", 100))
        times.append(time.perf_counter() - start)
    return times


def cold_cli_seconds(runs: int = 5, method: str = "default") -> list[float]:
    script = ROOT / ".venv" / "bin" / "newsbrief"
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "newsbrief.cli"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*cli, "brief", *DEMO, "--words", "100", "--method", method], check=True,
                       capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def peak_rss_mib(n_articles: int = 1000) -> float:
    """Max RSS of a fresh process that briefs ``n_articles`` Multi-News dev articles as one input."""
    code = f"""
import json, resource, sys
sys.path.insert(0, {str(ROOT)!r})
import newsbrief
from newsbrief.datatypes import Article
docs = []
for line in open({str(DATA / 'multinews_dev.jsonl')!r}, encoding='utf-8'):
    docs += json.loads(line)['documents']
    if len(docs) >= {n_articles}:
        break
articles = [Article.make(d, id=str(i)) for i, d in enumerate(docs[:{n_articles}])]
newsbrief.brief(articles, budget='200w', sections='none')
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clusters", type=int, default=25)
    parser.add_argument("--no-write", action="store_true", help="Print only; leave RESULTS.md alone.")
    args = parser.parse_args()
    clusters = _clusters("duc2004_dev.jsonl", args.clusters)
    words = statistics.mean(sum(len(a.text.split()) for a in c) for c in clusters)
    none = warm_seconds(clusters, "none")
    full = warm_seconds(clusters, "all")
    learned = warm_seconds(clusters, "none", LEARNED)
    lex = lexrank_seconds(clusters)
    cold = cold_cli_seconds()
    cold_learned = cold_cli_seconds(method=LEARNED)
    rss = peak_rss_mib()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    rows = [
        ("warm brief, `--sections none` (s/cluster, median)", f"{statistics.median(none):.3f}"),
        ("warm brief, `--sections none` (s/cluster, max)", f"{max(none):.3f}"),
        ("warm brief, all sections (s/cluster, median)", f"{statistics.median(full):.3f}"),
        ("analysis sections add (s/cluster, median)", f"{statistics.median(full) - statistics.median(none):.3f}"),
        ("newsbrief `--sections none` clusters/s", f"{len(none) / sum(none):.2f}"),
        ("sumy LexRank clusters/s (same clusters, same run)", f"{len(lex) / sum(lex):.2f}"),
        ("speed ratio newsbrief / LexRank", f"{sum(lex) / sum(none):.1f}×"),
        (f"`{LEARNED}` `--sections none` clusters/s", f"{len(learned) / sum(learned):.2f}"),
        (f"speed ratio `{LEARNED}` / LexRank", f"{sum(lex) / sum(learned):.1f}×"),
        ("cold `newsbrief brief` on the seed pair, all sections (s wall, median of 5)",
         f"{statistics.median(cold):.2f}"),
        (f"cold `newsbrief brief --method {LEARNED}` on the seed pair, all sections (s wall, median of 5)",
         f"{statistics.median(cold_learned):.2f}"),
        ("peak RSS briefing 1,000 articles as one input (MiB)", f"{rss:.0f}"),
    ]
    table = ["| measure | value |", "| --- | ---: |", *[f"| {k} | {v} |" for k, v in rows]]
    print("\n".join(table))
    if args.no_write:
        return
    block = [START, "## Brief speed", "",
             f"Regenerated by `bench/brief_speed.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; "
             f"{len(clusters)} DUC 2004 dev clusters of 10 articles ({words:,.0f} words on average), budget "
             f"100 words; Python {platform.python_version()}, {platform.machine()}, load average at the end "
             f"{load} (other jobs shared the 2 cores, so absolute times are pessimistic; the ratio to LexRank "
             "is measured in the same run).", "", *table, "", END]
    write_section("speed", "\n".join(block))


if __name__ == "__main__":
    main()
