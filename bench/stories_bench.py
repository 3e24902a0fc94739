"""Story clustering through the store: Multi-News clusters shuffled into one stream, ingested in batches.

Each Multi-News cluster is one gold story. Its articles are shuffled with all
the others (seeded), ingested into a fresh SQLite store in equal batches (one
transaction each, clustering included), and the store's stories are scored
with B-cubed precision/recall/F1 and the adjusted Rand index.

Two protocols are reported:

- ``all``: every document of every cluster.
- ``news``: without crawl boilerplate, i.e. documents whose normalised text
  occurs in two or more *different* gold clusters ("Tweet with a location…",
  Wayback Machine crawl notices). The same text carries several gold labels,
  so no clustering can place them; they are left out of the stream.

Throughput is articles per second of ``Store.add_articles`` (wall clock and
process CPU time, so a busy shared machine shows in the gap); memory is the
process RSS after each batch. ``--memory`` instead streams every document of
every file in ../shared/data into one store, batch by batch, and prints the
peak Python memory (tracemalloc) of each batch as the store grows.

    .venv/bin/python bench/stories_bench.py                      # N = 100 and 500, plus the full-text file
    .venv/bin/python bench/stories_bench.py --n 100 --batches 10
    .venv/bin/python bench/stories_bench.py --memory
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsbrief.cluster.metrics import adjusted_rand_index, bcubed  # noqa: E402
from newsbrief.datatypes import Article  # noqa: E402
from newsbrief.storage.db import Store  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


@dataclass
class Run:
    label: str
    protocol: str
    articles: int
    gold_stories: int
    stories: int
    precision: float
    recall: float
    f1: float
    ari: float
    wall_rate: float
    cpu_rate: float
    rss_mb: list[float]


def load(name: str, n: int) -> list[tuple[Article, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in islice(handle, n)]
    return [(Article.make(doc, id=f"{r['id']}#{i}"), r["id"]) for r in records for i, doc in enumerate(r["documents"])]


def boilerplate(items: list[tuple[Article, str]]) -> set[str]:
    """Ids of documents whose normalised text occurs in more than one gold cluster."""
    labels: dict[str, set[str]] = defaultdict(set)
    key = {a.id: " ".join(re.findall(r"\w+", a.text.lower())) for a, _ in items}
    for article, gold in items:
        labels[key[article.id]].add(gold)
    return {a.id for a, _ in items if len(labels[key[a.id]]) > 1}


def rss_mb() -> float:
    try:
        import psutil
    except ImportError:
        return float("nan")
    return psutil.Process().memory_info().rss / 1e6


def run(label: str, items: list[tuple[Article, str]], protocol: str, batches: int, seed: int) -> Run:
    if protocol == "news":
        drop = boilerplate(items)
        items = [(a, g) for a, g in items if a.id not in drop]
    items = list(items)
    random.Random(seed).shuffle(items)
    articles = [a for a, _ in items]
    gold = {a.id: g for a, g in items}
    size = -(-len(articles) // batches)
    memory = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        wall, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(articles), size):
            store.add_articles(articles[start:start + size])
            memory.append(round(rss_mb(), 1))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        predicted = {a: s.id for s in store.stories() for a in s.article_ids}
    scores = bcubed(predicted, gold)
    return Run(label, protocol, len(articles), len(set(gold.values())), len(set(predicted.values())),
               scores.precision, scores.recall, scores.f1, adjusted_rand_index(predicted, gold),
               len(articles) / wall, len(articles) / cpu, memory)


def memory(batch: int, seed: int) -> None:
    """Peak traced memory of each ingest batch while the store grows to every shared document."""
    import tracemalloc

    articles = []
    for file in sorted(DATA.glob("*.jsonl")):
        articles += [a for a, _ in load(file.name, 10_000)]
    random.Random(seed).shuffle(articles)
    print(f"{len(articles)} documents from {len(list(DATA.glob('*.jsonl')))} files, batches of {batch}")
    print("| batch | articles in store | stories | peak traced MB during the batch | store file MB |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        tracemalloc.start()
        for number, start in enumerate(range(0, len(articles), batch), 1):
            tracemalloc.reset_peak()
            store.add_articles(articles[start:start + batch])
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            counts = store.counts()
            size = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6
            print(f"| {number} | {counts['articles']} | {counts['stories']} | {peak:.1f} | {size:.1f} |", flush=True)
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 500], help="Multi-News dev clusters to use")
    parser.add_argument("--batches", type=int, default=5, help="ingest batches (transactions)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--no-fulltext", action="store_true", help="skip the 100 full-text clusters")
    parser.add_argument("--memory", action="store_true", help="memory per batch as the store grows, and exit")
    args = parser.parse_args()
    if args.memory:
        memory(250, args.seed)
        return
    runs = []
    jobs = [(f"multinews_dev N={n}", "multinews_dev.jsonl", n) for n in args.n]
    if not args.no_fulltext:
        jobs.append(("multinews_dev_fulltext N=100", "multinews_dev_fulltext.jsonl", 100))
    for label, name, n in jobs:
        items = load(name, n)
        for protocol in ("all", "news"):
            runs.append(run(label, items, protocol, args.batches, args.seed))
            r = runs[-1]
            print(f"{r.label:30} {r.protocol:4} articles={r.articles} gold={r.gold_stories} stories={r.stories} "
                  f"P={r.precision:.3f} R={r.recall:.3f} F1={r.f1:.3f} ARI={r.ari:.3f} "
                  f"{r.wall_rate:.0f} art/s wall, {r.cpu_rate:.0f} art/s CPU, RSS MB per batch {r.rss_mb}",
                  flush=True)
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nload average during the run: {load_avg:.1f} on {os.cpu_count()} cores; "
          f"{args.batches} batches, seed {args.seed}\n")
    print("| data | protocol | articles | gold stories | stories | B³ P | B³ R | B³ F1 | ARI | art/s wall | "
          "art/s CPU | RSS after batch 1 → last (MB) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in runs:
        print(f"| {r.label} | {r.protocol} | {r.articles} | {r.gold_stories} | {r.stories} | {r.precision:.3f} | "
              f"{r.recall:.3f} | **{r.f1:.3f}** | {r.ari:.3f} | {r.wall_rate:.0f} | {r.cpu_rate:.0f} | "
              f"{r.rss_mb[0]} → {r.rss_mb[-1]} |")


if __name__ == "__main__":
    main()
