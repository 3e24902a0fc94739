"""Story clustering through the store: a dated newswire stream, shuffled Multi-News clusters, junk pages.

The default run (issue #18) reports, each with B-cubed precision/recall/F1:

- ``stream``: ../shared/data/duc_stream_dev.jsonl ingested a week at a time in
  time order (ISO weeks of ``published``); articles with ``story: null`` are
  ingested, not scored. Scored on all stories, on the stories of DUC 2003
  clusters (the part the parameters were tuned on) and on the stories only in
  DUC 2004 (held out from tuning).
- ``multinews``: shuffled Multi-News clusters in 5 batches, scored on on-topic
  documents only. Train clusters 19,000-19,499 (never used to tune the
  clusterer or fit the junk model): on-topic = ``relevant: true``. Dev
  clusters (no flags): on-topic = not flagged by the junk detector. Every
  document is ingested either way.
- ``junk``: the junk detector's precision and recall against the ``relevant``
  flags of train clusters 15,000-19,999 (the model was fitted on 0-9,999 and
  its threshold chosen on 10,000-14,999), non-empty documents.
- throughput (articles/s, everything on: junk detection, dates, second pass,
  titles) and ``--memory`` as the store grows.

The older protocols (``--legacy``) follow.

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
``--diagnose`` instead measures what the representation allows, with the
clusterer's own features weighed by the idf of the whole set: how many
documents have no own-story neighbour at cosine 0.1, how many have a closer
document in another story, the best B-cubed F1 of offline average-link
clustering with the threshold chosen on the gold labels, and a perfect-precision
bound (each gold story split where its documents share no link of cosine >= 0.1).

    .venv/bin/python bench/stories_bench.py                      # N = 100 and 500, plus the full-text file
    .venv/bin/python bench/stories_bench.py --n 100 --batches 10
    .venv/bin/python bench/stories_bench.py --memory
    .venv/bin/python bench/stories_bench.py --memory --rounds 4   # the stream 4 times, 30 days apart
    .venv/bin/python bench/stories_bench.py --diagnose
    .venv/bin/python bench/stories_bench.py --plain-undated      # undated articles as in issue #18's first round
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


def ingest_in_batches(articles: list[Article], batches: int
                      ) -> tuple[dict[str, str], int, float, float, list[float]]:
    """A fresh store fed in ``batches`` batches: article -> story, junk pages, wall s, CPU s, RSS after each."""
    size = -(-len(articles) // batches)
    memory = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        wall, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(articles), size):
            store.add_articles(articles[start:start + size])
            memory.append(round(rss_mb(), 1))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        predicted = {a: s.id for s in store.stories() for a in s.article_ids}
        junk = store.counts()["junk"]
    return predicted, junk, wall, cpu, memory


def run(label: str, items: list[tuple[Article, str]], protocol: str, batches: int, seed: int) -> Run:
    if protocol == "news":
        drop = boilerplate(items)
        items = [(a, g) for a, g in items if a.id not in drop]
    items = list(items)
    random.Random(seed).shuffle(items)
    articles = [a for a, _ in items]
    gold = {a.id: g for a, g in items}
    predicted, _, wall, cpu, memory = ingest_in_batches(articles, batches)
    scores = bcubed(predicted, gold)
    return Run(label, protocol, len(articles), len(set(gold.values())), len(set(predicted.values())),
               scores.precision, scores.recall, scores.f1, adjusted_rand_index(predicted, gold),
               len(articles) / wall, len(articles) / cpu, memory)


def memory(batch: int, seed: int, rounds: int = 1) -> None:
    """Peak traced memory of each ingest batch while the store grows to every shared document.

    The cluster files of ../shared/data only: not the 20,000 train clusters, nor the dated stream
    (the DUC documents again). With ``rounds`` > 1 the stream is replayed that many times, each round
    dated 60 days after the last (beyond the 45-day horizon, so no story re-opens across rounds) and its
    texts marked
    with the round (so they are new articles, not duplicates): the store keeps growing in articles,
    stories and terms while the batches stay alike.
    """
    import tracemalloc
    from datetime import UTC, datetime, timedelta

    shared = []
    files = [f for f in sorted(DATA.glob("*.jsonl")) if f.name not in ("multinews_train.jsonl",
                                                                      "duc_stream_dev.jsonl")]
    for file in files:
        shared += [a for a, _ in load(file.name, 10_000)]
    random.Random(seed).shuffle(shared)
    first = datetime(2024, 6, 1, tzinfo=UTC)
    print(f"{len(shared)} documents from {len(files)} files, {rounds} round(s), batches of {batch}")
    print("| round | batch | articles in store | stories | peak traced MB during the batch | store file MB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        tracemalloc.start()
        for r in range(rounds):
            articles = shared if rounds == 1 else [
                Article.make(f"{a.text}\n\n(Round {r + 1}.)", id=f"{a.id}@{r + 1}",
                             published=first + timedelta(days=60 * r)) for a in shared]
            for number, start in enumerate(range(0, len(articles), batch), 1):
                tracemalloc.reset_peak()
                store.add_articles(articles[start:start + batch])
                peak = tracemalloc.get_traced_memory()[1] / 1e6
                counts = store.counts()
                size = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6
                print(f"| {r + 1} | {number} | {counts['articles']} | {counts['stories']} | {peak:.1f} | {size:.1f} |",
                      flush=True)
        tracemalloc.stop()


def diagnose(label: str, items: list[tuple[Article, str]], protocol: str) -> str:
    """One table row: what the clusterer's TF-IDF vectors allow on this set (see the module docstring)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial.distance import squareform

    from newsbrief.cluster.features import article_features, weigh

    if protocol == "news":
        drop = boilerplate(items)
        items = [(a, g) for a, g in items if a.id not in drop]
    terms = [article_features(a).terms for a, _ in items]
    df: dict[str, int] = defaultdict(int)
    for t in terms:
        for term in t:
            df[term] += 1
    vocab = {term: i for i, term in enumerate(df)}
    rows, cols, vals = [], [], []
    for row, t in enumerate(terms):
        for term, w in weigh(t, df, len(terms)).items():
            rows.append(row)
            cols.append(vocab[term])
            vals.append(w)
    x = csr_matrix((vals, (rows, cols)), shape=(len(terms), len(vocab)))
    sim = (x @ x.T).toarray()
    labels = np.array([g for _, g in items])
    same = labels[:, None] == labels[None, :]
    np.fill_diagonal(same, False)
    np.fill_diagonal(sim, -1.0)
    has_own = same.any(axis=1)
    own = np.where(same, sim, -1.0).max(axis=1)[has_own]
    other = np.where(~same, sim, -1.0).max(axis=1)[has_own]
    gold = {a.id: g for a, g in items}
    ids = [a.id for a, _ in items]
    _, parts = connected_components(csr_matrix(same & (sim >= 0.1)), directed=False)
    bound = bcubed(dict(zip(ids, parts.tolist(), strict=True)), gold).f1
    distance = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), "average")
    best = max((bcubed(dict(zip(ids, fcluster(tree, 1.0 - t, "distance").tolist(), strict=True)), gold).f1, t)
               for t in np.arange(0.04, 0.31, 0.02).round(2))
    return (f"| {label} | {protocol} | {len(items)} | {np.mean(own < 0.1):.3f} | {np.mean(other > own):.3f} | "
            f"{best[0]:.3f} at {best[1]:.2f} | {bound:.3f} |")


RECORDS: list[dict[str, object]] = []  # every figure of the issue #18 run, for --json and --plot
TUNED_ON = "duc2003_task2.jsonl"  # the stream's stories from these clusters were used to tune the clusterer


def read_stream() -> tuple[list[Article], dict[str, str]]:
    """The dated stream's articles in time order, and the gold story of each scored one."""
    from newsbrief.ingest.dates import parse_date

    articles, gold = [], {}
    with (DATA / "duc_stream_dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            articles.append(Article.make(r["text"], id=r["id"], title=r["title"] or None, source=r["source"],
                                         published=parse_date(r["published"])))
            if r["story"]:
                gold[r["id"]] = r["story"]
    articles.sort(key=lambda a: (a.published, a.id))
    return articles, gold


def ingest_weekly(articles: list[Article]) -> tuple[dict[str, str], int, int, float, float]:
    """A fresh store fed an ISO week a transaction, in time order: article -> story, junk pages, weeks,
    wall s, CPU s."""
    weeks: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for a in articles:
        weeks[tuple(a.published.isocalendar())[:2]].append(a)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        wall, cpu = time.perf_counter(), time.process_time()
        for week in sorted(weeks):
            store.add_articles(weeks[week])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        predicted = {a: s.id for s in store.stories() for a in s.article_ids}
        junk = store.counts()["junk"]
    return predicted, junk, len(weeks), wall, cpu


def stream_run() -> list[str]:
    """Rows for the dated stream, a week per transaction."""
    articles, gold = read_stream()
    with (DATA / TUNED_ON).open(encoding="utf-8") as handle:
        tuned = {json.loads(line)["id"].split("-", 1)[1] for line in handle}
    predicted, junk, n_weeks, wall, cpu = ingest_weekly(articles)
    rows = []
    for part, keep in (("all stories", lambda g: True), ("DUC 2003 stories (tuned on)", lambda g: g in tuned),
                       ("DUC 2004-only stories (held out)", lambda g: g not in tuned)):
        sub = {a: g for a, g in gold.items() if keep(g)}
        b = bcubed(predicted, sub)
        RECORDS.append({"set": f"stream: {part}", "precision": b.precision, "recall": b.recall, "f1": b.f1,
                        "wall_rate": len(articles) / wall, "cpu_rate": len(articles) / cpu})
        rows.append(f"| duc_stream_dev, {n_weeks} weekly batches | {part} | {len(sub)} | "
                    f"{len(set(sub.values()))} | {len({predicted.get(a, a) for a in sub})} | "
                    f"{b.precision:.3f} | {b.recall:.3f} | **{b.f1:.3f}** | "
                    f"{len(articles) / wall:.0f} | {len(articles) / cpu:.0f} | {junk} |")
    return rows


def flagged_clusters(name: str, start: int, stop: int) -> list[tuple[Article, str, bool]]:
    """(article, gold cluster, on-topic flag or None) of clusters ``start``..``stop - 1`` of a file."""
    out = []
    with (DATA / name).open(encoding="utf-8") as handle:
        for r in (json.loads(line) for line in islice(handle, start, stop)):
            flags = r.get("relevant") or [None] * len(r["documents"])
            out += [(Article.make(doc, id=f"{r['id']}#{i}"), r["id"], flag)
                    for i, (doc, flag) in enumerate(zip(r["documents"], flags, strict=True))]
    return out


def multinews_run(label: str, items: list[tuple[Article, str, bool | None]], seed: int, batches: int = 5) -> str:
    """One row: every document ingested (shuffled, in batches), B-cubed on the on-topic ones."""
    from newsbrief.ingest.junk import default_detector

    detector = default_detector()
    items = list(items)
    random.Random(seed).shuffle(items)
    articles = [a for a, _, _ in items if a.text.strip()]
    judged = "relevant flags" if items[0][2] is not None else "junk detector"
    on_topic = {a.id: g for a, g, flag in items if a.text.strip() and
                (flag if flag is not None else not detector.is_junk(a.text))}
    predicted, junk, wall, cpu, memory = ingest_in_batches(articles, batches)
    b = bcubed(predicted, on_topic)
    RECORDS.append({"set": label, "precision": b.precision, "recall": b.recall, "f1": b.f1,
                    "wall_rate": len(articles) / wall, "cpu_rate": len(articles) / cpu, "rss_mb": memory})
    return (f"| {label} | {judged} | {len(articles)} | {len(on_topic)} | {len(set(on_topic.values()))} | "
            f"{b.precision:.3f} | {b.recall:.3f} | **{b.f1:.3f}** | {junk} | {len(articles) / wall:.0f} | "
            f"{len(articles) / cpu:.0f} | {memory[0]} → {memory[-1]} |")


def junk_run(start: int = 15_000, stop: int = 20_000) -> str:
    """The junk detector against the relevant flags of clusters it was neither fitted nor calibrated on."""
    from newsbrief.ingest.junk import default_detector

    detector = default_detector()
    docs = [(a.text, not flag) for a, _, flag in flagged_clusters("multinews_train.jsonl", start, stop)
            if a.text.strip()]
    t = time.process_time()
    flagged = [junk for text, junk in docs if detector.is_junk(text)]
    rate = len(docs) / (time.process_time() - t)
    positives = sum(junk for _, junk in docs)
    precision = sum(flagged) / max(1, len(flagged))
    recall = sum(flagged) / max(1, positives)
    RECORDS.append({"set": "junk detection", "precision": precision, "recall": recall, "f1": float("nan")})
    return (f"| multinews_train clusters {start:,}-{stop - 1:,} | {len(docs)} | {positives} | {len(flagged)} | "
            f"**{precision:.3f}** | {recall:.3f} | {rate:.0f} |")


def issue18(seed: int) -> None:
    print("| data | scored | articles scored | gold stories | stories | B³ P | B³ R | B³ F1 | art/s wall | "
          "art/s CPU | junk flagged |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in stream_run():
        print(row, flush=True)
    print()
    print("| data | on-topic judged by | articles ingested | on-topic scored | gold stories | B³ P | B³ R | B³ F1 | "
          "junk flagged | art/s wall | art/s CPU | RSS after batch 1 → last (MB) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for n in (100, 500):
        print(multinews_run(f"multinews_train held-out N={n}", flagged_clusters("multinews_train.jsonl", 19_000,
                                                                              19_000 + n), seed), flush=True)
    for n in (100, 500):
        print(multinews_run(f"multinews_dev N={n}", flagged_clusters("multinews_dev.jsonl", 0, n), seed), flush=True)
    print()
    print("| junk detection | documents | flagged false (junk) | detector flags | precision | recall | docs/s CPU |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(junk_run(), flush=True)
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nload average at the end: {load_avg:.1f} on {os.cpu_count()} cores (a shared machine)")


# --- issue #27: the archive case -------------------------------------------------------------------

# Multi-News train clusters 15,000-19,999 are the bench's (never fitted or calibrated on): the first
# SCORED_EVENTS of them are the scored events, every other one (with the dev and full-text files) a distractor.
SCORED_START = 15_000
SCORED_EVENTS = 150
ARCHIVE_PARTS = 3


@dataclass
class Archive:
    """One archive run: the scored events' figures and the ingest's cost per part."""

    label: str
    articles: int
    scored: int
    events: int
    precision: float
    recall: float
    f1: float
    largest: int
    largest_scored: int
    junk_scored: int
    rates: list[float]  # articles/s (wall) per part
    cpu_rates: list[float]
    rss_mb: list[float]  # RSS after each part
    peak_rss_mb: float
    comparisons: list[float]  # candidate stories scored per article, per part
    postings: list[float]  # index entries read per article, per part


def archive_items(distractors: int, seed: int) -> tuple[list[tuple[Article, str, bool]], set[str]]:
    """(article, gold cluster, on-topic) of the scored events and of ``distractors`` articles of other events.

    The scored events' on-topic articles are those flagged ``relevant``; distractors come from train clusters
    after the scored ones, then the dev and full-text files (other events, never trained on), shuffled.
    """
    scored = flagged_clusters("multinews_train.jsonl", SCORED_START, SCORED_START + SCORED_EVENTS)
    pool = flagged_clusters("multinews_train.jsonl", SCORED_START + SCORED_EVENTS, 20_000)
    for name in ("multinews_dev.jsonl", "multinews_dev_fulltext.jsonl"):
        pool += [(a, g, True) for a, g in load(name, 10_000)]
    pool = [item for item in pool if item[0].text.strip()]
    random.Random(seed).shuffle(pool)
    events = {g for _, g, _ in scored}
    return [item for item in scored if item[0].text.strip()] + pool[:distractors], events


def bcubed_among(predicted: dict[str, str], labels: dict[str, str], scored: dict[str, str]) -> tuple[float, float,
                                                                                                    float]:
    """B-cubed over the ``scored`` articles, each story's other members counted by their own ``labels``.

    A distractor in a scored article's story lowers its precision (``metrics.bcubed`` only sees the
    scored articles, so it would not); an article missing from ``predicted`` (a junk page) is alone.
    Articles without a label (the scored events' own pages flagged not relevant, a label too noisy to
    count for or against: many are other reports of the same event) are left out of both.
    """
    members: dict[str, list[str]] = defaultdict(list)
    for article, story in predicted.items():
        if article in labels:
            members[story].append(article)
    sizes: dict[str, int] = defaultdict(int)
    for gold in scored.values():
        sizes[gold] += 1
    precision = recall = 0.0
    for article, gold in scored.items():
        story = members.get(predicted.get(article, ""), [article])
        same = sum(1 for other in story if labels.get(other) == gold)
        precision += same / len(story)
        recall += sum(1 for other in story if scored.get(other) == gold) / sizes[gold]
    precision, recall = precision / len(scored), recall / len(scored)
    return precision, recall, 2 * precision * recall / (precision + recall or 1.0)


@dataclass
class _NoCounts:
    """Stands in for ``stream.COMPARISONS`` when the bench runs an older clusterer (nothing counted)."""

    candidates: float = float("nan")
    postings: float = float("nan")


def ingest_parts(articles: list[Article], parts: int) -> tuple[dict[str, str], list[float], list[float],
                                                                list[float], list[float], list[float]]:
    """A fresh store fed in ``parts`` transactions: article -> story, and per part articles/s wall and CPU,
    RSS after it (MB), candidate stories scored and index entries read per article (``stream.COMPARISONS``)."""
    from newsbrief.cluster import stream

    counts = getattr(stream, "COMPARISONS", stream.__dict__.setdefault("COMPARISONS", _NoCounts()))
    size = -(-len(articles) // parts)
    rates, cpu_rates, memory, comparisons, postings = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        for start in range(0, len(articles), size):
            part = articles[start:start + size]
            before, read = counts.candidates, counts.postings
            wall, cpu = time.perf_counter(), time.process_time()
            store.add_articles(part)
            rates.append(len(part) / (time.perf_counter() - wall))
            cpu_rates.append(len(part) / (time.process_time() - cpu))
            comparisons.append((counts.candidates - before) / len(part))
            postings.append((counts.postings - read) / len(part))
            memory.append(round(rss_mb(), 1))
        predicted = {a: s.id for s in store.stories() for a in s.article_ids}
    return predicted, rates, cpu_rates, memory, comparisons, postings


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def archive_run(label: str, items: list[tuple[Article, str, bool]], events: set[str], seed: int,
                parts: int = ARCHIVE_PARTS) -> Archive:
    """Every article ingested (shuffled, in ``parts`` transactions); B-cubed on the on-topic articles of
    ``events``, each story's distractors counted against its precision."""
    items = list(items)
    random.Random(seed).shuffle(items)
    articles = [a for a, _, _ in items]
    labels = {a.id: g for a, g, on in items if on or g not in events}
    scored = {a.id: g for a, g, on in items if on and g in events}
    predicted, rates, cpu_rates, memory, comparisons, postings = ingest_parts(articles, parts)
    precision, recall, f1 = bcubed_among(predicted, labels, scored)
    sizes: dict[str, int] = defaultdict(int)
    for story in predicted.values():
        sizes[story] += 1
    largest_scored = max((sizes[predicted[a]] for a in scored if a in predicted), default=1)
    junk_scored = sum(1 for a in scored if a not in predicted)
    return Archive(label, len(articles), len(scored), len(events), precision, recall, f1, max(sizes.values()),
                   largest_scored, junk_scored, rates, cpu_rates, memory, peak_rss_mb(), comparisons, postings)


def dated_mix(seed: int) -> tuple[list[tuple[Article, str, bool]], set[str]]:
    """The dated DUC stream with the scored Multi-News events dated into the same weeks.

    Each event gets a day drawn uniformly from the stream's span and its articles fall within two
    days of it (noon), so events of the same weeks compete for the same open stories.
    """
    from datetime import timedelta

    articles, gold = read_stream()
    first, last = articles[0].published, articles[-1].published
    span = (last - first).days
    rng = random.Random(seed)
    items: list[tuple[Article, str, bool]] = [(a, gold.get(a.id, f"unscored {a.id}"), a.id in gold)
                                              for a in articles]
    events = set(gold.values())
    day: dict[str, object] = {}
    for article, event, on in flagged_clusters("multinews_train.jsonl", SCORED_START, SCORED_START + SCORED_EVENTS):
        if not article.text.strip():
            continue
        start = day.setdefault(event, first + timedelta(days=rng.randrange(span + 1)))
        when = start + timedelta(days=rng.randrange(3))  # type: ignore[operator]
        items.append((Article.make(article.text, id=article.id, published=when), event, on))
        events.add(event)
    return items, events


def dated_run(seed: int) -> list[str]:
    """Rows for the dated mix, a week per transaction in time order, scored on all, DUC and Multi-News events."""
    items, events = dated_mix(seed)
    items.sort(key=lambda item: (item[0].published, item[0].id))
    predicted, _, n_weeks, wall, cpu = ingest_weekly([a for a, _, _ in items])
    labels = {a.id: g for a, g, on in items if on or g not in events}
    rows = []
    parts = (("all scored", lambda g: True), ("DUC stories", lambda g: not g.startswith("multinews")),
             ("Multi-News events", lambda g: g.startswith("multinews")))
    for part, keep in parts:
        scored = {a.id: g for a, g, on in items if on and g in events and keep(g)}
        p, r, f = bcubed_among(predicted, labels, scored)
        largest = max(sum(1 for s in predicted.values() if s == predicted[a]) for a in scored if a in predicted)
        RECORDS.append({"set": f"dated mix: {part}", "precision": p, "recall": r, "f1": f})
        rows.append(f"| DUC stream + {SCORED_EVENTS} Multi-News events, {n_weeks} weekly batches | {part} | "
                    f"{len(scored)} | {len(set(scored.values()))} | {p:.3f} | {r:.3f} | **{f:.3f}** | {largest} | "
                    f"{len(items) / wall:.0f} | {len(items) / cpu:.0f} |")
    return rows


def archive(distractors: list[int], seed: int, dated: bool = True) -> None:
    """The issue #27 tables: the scored events alone and among distractors, and the dated mix."""
    print("| scored events among | articles | scored | P | R | F1 | largest story (holding a scored one) | "
          "scored kept out as junk | art/s wall per part | art/s CPU per part | candidates scored; index entries read, "
          "per article per part | "
          "RSS MB per part | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- | --- | --- | ---: |")
    for n in distractors:
        items, events = archive_items(n, seed)
        others = sum(1 for _, g, _ in items if g not in events)
        r = archive_run(f"{others:,} distractors" if others else "nothing (events alone)", items, events, seed)
        RECORDS.append({"set": f"archive: {r.label}", "precision": r.precision, "recall": r.recall, "f1": r.f1,
                        "wall_rate": r.rates, "cpu_rate": r.cpu_rates, "rss_mb": r.rss_mb,
                        "largest": r.largest, "comparisons": r.comparisons, "postings": r.postings})

        def fmt(values: list[float], digits: int = 0) -> str:
            return " / ".join(f"{v:.{digits}f}" for v in values)

        print(f"| {r.label} | {r.articles} | {r.scored} | {r.precision:.3f} | {r.recall:.3f} | **{r.f1:.3f}** | "
              f"{r.largest} ({r.largest_scored}) | {r.junk_scored} | {fmt(r.rates)} | {fmt(r.cpu_rates)} | "
              f"{fmt(r.comparisons, 1)}; {fmt(r.postings)} | {fmt(r.rss_mb)} | {r.peak_rss_mb:.0f} |", flush=True)
    if dated:
        print()
        print("| data | scored | articles | events | P | R | F1 | largest story | art/s wall | art/s CPU |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in dated_run(seed):
            print(row, flush=True)
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nload average at the end: {load_avg:.1f} on {os.cpu_count()} cores (a shared machine)")


def plot(after: Path, before: Path | None, path: Path) -> None:
    """Grouped bars: B-cubed precision, recall and F1 of each set, before and after, with the targets."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = [("before", json.loads(before.read_text("utf-8")))] if before else []
    runs.append(("after", json.loads(after.read_text("utf-8"))))
    sets = [r["set"] for r in runs[-1][1] if r["set"] != "junk detection"]
    figure, axis = plt.subplots(figsize=(11, 4.8))
    width = 0.8 / len(runs)
    for i, (name, records) in enumerate(runs):
        by_set = {r["set"]: r for r in records}
        values = [by_set.get(s, {}).get("f1", float("nan")) for s in sets]
        bars = axis.bar([x + i * width for x in range(len(sets))], values, width, label=f"B³ F1, {name}")
        axis.bar_label(bars, fmt="%.3f", fontsize=7)
    axis.axhline(0.93, color="grey", linestyle="--", linewidth=0.8, label="target, dated stream (0.93)")
    axis.axhline(0.95, color="black", linestyle=":", linewidth=0.8, label="target, Multi-News (0.95)")
    axis.set_xticks([x + width * (len(runs) - 1) / 2 for x in range(len(sets))])
    axis.set_xticklabels([s.replace("stream: ", "DUC stream:\n").replace(" (", "\n(").replace(" held-out", "\nheld-out")
                          .replace(" N=", "\nN=") for s in sets], fontsize=7)
    axis.set_ylim(0.6, 1.0)
    axis.set_ylabel("B-cubed F1")
    axis.set_title("Story grouping (bench/stories_bench.py): dated stream and Multi-News on-topic documents")
    axis.legend(fontsize=7, loc="upper center", ncol=4)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    print(f"wrote {path}")


def use_previous_clusterer() -> None:
    """The store clusters as before issue #18: a 7-day window, one threshold, no re-opening, no second
    pass, no junk detection, undated articles by the join threshold over the store's own term counts (the
    same code with those parameters, so the comparison is like for like)."""
    import functools

    import newsbrief.storage.db as db
    from newsbrief.cluster.stream import JOIN_THRESHOLD, StreamClusterer

    global Store
    week = 7 * 86_400.0
    db.StreamClusterer = functools.partial(StreamClusterer, window=week, horizon=week, near_threshold=JOIN_THRESHOLD,
                                           reopen_threshold=1.0, fragment_threshold=0.0)  # type: ignore[misc]
    Store = functools.partial(Store, detect_junk=False, learned_link=False, background=False)  # type: ignore[misc]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 500], help="Multi-News dev clusters to use")
    parser.add_argument("--batches", type=int, default=5, help="ingest batches (transactions)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--no-fulltext", action="store_true", help="skip the 100 full-text clusters")
    parser.add_argument("--memory", action="store_true", help="memory per batch as the store grows, and exit")
    parser.add_argument("--rounds", type=int, default=1, help="with --memory: replay the stream this many times")
    parser.add_argument("--diagnose", action="store_true", help="what the representation allows, and exit")
    parser.add_argument("--legacy", action="store_true", help="the issue #7 protocols (all / news) on dev")
    parser.add_argument("--stream", action="store_true", help="only the dated stream")
    parser.add_argument("--archive", type=int, nargs="*", metavar="DISTRACTORS",
                        help="issue #27: the scored events among this many distractor articles each (default "
                             "0 and every one, ~14,900), then the dated mix")
    parser.add_argument("--no-dated", action="store_true", help="with --archive: skip the dated mix")
    parser.add_argument("--json", type=Path, help="write the issue #18 figures to this JSON file")
    parser.add_argument("--plot", type=Path, help="draw B-cubed F1 of --json runs (--before, after) to this PNG")
    parser.add_argument("--before", type=Path, help="with --plot: a JSON run of the previous clusterer")
    parser.add_argument("--after", type=Path, help="with --plot: the JSON run to draw (default: --json)")
    parser.add_argument("--previous", action="store_true",
                        help="run with the clusterer's parameters before issue #18 and no junk detection")
    parser.add_argument("--plain-undated", action="store_true",
                        help="undated articles as in issue #18's first round: the join threshold over the store's "
                             "own term counts (no learned link model, no news-at-large counts)")
    args = parser.parse_args()
    if args.plot and (args.after or args.json) and (args.after or args.json).exists() and not args.stream:
        plot(args.after or args.json, args.before, args.plot)
        return
    if args.previous:
        use_previous_clusterer()
    elif args.plain_undated:
        import functools

        global Store
        Store = functools.partial(Store, learned_link=False, background=False)  # type: ignore[misc]
    if args.archive is not None:
        archive(args.archive or [0, 1_000_000], args.seed, dated=not args.no_dated)
        if args.json:
            args.json.write_text(json.dumps(RECORDS, indent=1) + "\n", encoding="utf-8")
        return
    if args.stream:
        for row in stream_run():
            print(row)
        return
    if not (args.legacy or args.diagnose or args.memory):
        issue18(args.seed)
        if args.json:
            args.json.write_text(json.dumps(RECORDS, indent=1) + "\n", encoding="utf-8")
        return
    if args.memory:
        memory(250, args.seed, args.rounds)
        return
    jobs = [(f"multinews_dev N={n}", "multinews_dev.jsonl", n) for n in args.n]
    if not args.no_fulltext:
        jobs.append(("multinews_dev_fulltext N=100", "multinews_dev_fulltext.jsonl", 100))
    if args.diagnose:
        print("| data | protocol | articles | no own neighbour at cos 0.1 | closer doc in another story | "
              "offline average link, best threshold (oracle) | perfect-precision bound, links >= 0.1 |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for label, name, n in jobs:
            items = load(name, n)
            for protocol in ("all", "news"):
                print(diagnose(label, items, protocol), flush=True)
        return
    runs = []
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
