"""Cross-source analysis: quote attribution and conflict detection against hand labels, and timing.

    .venv/bin/python bench/analysis_bench.py            # everything
    .venv/bin/python bench/analysis_bench.py --timing   # timing only

Labels live in ``bench/labels/`` as references into ``../shared/data`` (file,
cluster id, document index, character spans), never as copies of the text:

- ``quotes.jsonl``: one quotation per line, ``start``/``end`` of the quoted words,
  ``speaker`` the span of a mention of who said it (null if the article does not
  name one person or organisation), ``kind`` ``speech`` or ``title``, ``split``
  ``dev`` (looked at while writing the rules) or ``test`` (labelled before the
  rules were run on it).
- ``conflicts.jsonl``: one sentence pair per line, ``a``/``b`` the document and
  span of each statement, ``conflict`` true or false, ``kind`` the kind of value.

Attribution precision counts every quote span the analysis shows with a speaker
in a labelled document; it is right if it lies in a labelled quotation (80% of it
overlaps) and names its speaker (same name, or one is the other's first or last
words). Recall is the share of labelled speech quotations with a named speaker
that a shown span covers (80% of the quotation) with the right speaker.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "PYTHONPATH" not in os.environ:  # else the tree PYTHONPATH names (main's, for a baseline)
    sys.path.insert(0, str(ROOT))

from newsbrief.analyse.analysis import analyse  # noqa: E402
from newsbrief.datatypes import SECTIONS, Article  # noqa: E402
from newsbrief.names import ner_cache  # noqa: E402
from newsbrief.names.entities import name_key  # noqa: E402
from newsbrief.segment.sentences import split_sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LABELS = Path(__file__).resolve().parent / "labels"
TIMING_CLUSTER = ("duc2004_dev.jsonl", "duc2004-d30001t")
WARMUP_CLUSTER = ("duc2004_dev.jsonl", "duc2004-d30002t")


def load_cluster(file: str, cluster: str) -> list[str]:
    with open(DATA / file, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] == cluster:
                return row["documents"]
    raise SystemExit(f"{file}: no cluster {cluster!r}")


def prepare(texts: list[str]) -> tuple[list[Article], list[list]]:
    articles = [Article.make(t, id=f"doc{i}") for i, t in enumerate(texts)]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    return articles, sentences


def read_labels(name: str) -> list[dict]:
    with open(LABELS / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def same_person(predicted: str, gold: str) -> bool:
    """Same name, or one is a first/last part of the other ("Borch" / "Rachel Borch")."""
    p, g = name_key(predicted).split(), name_key(gold).split()
    if not p or not g:
        return False
    short, long_ = sorted((p, g), key=len)
    return long_[:len(short)] == short or long_[-len(short):] == short


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Most (80%) of the shorter span lies in the longer one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.8 * min(a[1] - a[0], b[1] - b[0])


def covers(shown: tuple[int, int], gold: tuple[int, int]) -> bool:
    """The shown span holds most (80%) of the labelled quotation."""
    inter = min(shown[1], gold[1]) - max(shown[0], gold[0])
    return inter > 0 and inter >= 0.8 * (gold[1] - gold[0])


def bench_quotes() -> dict[str, dict[str, float]]:
    labels = read_labels("quotes.jsonl")
    by_cluster: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for lab in labels:
        by_cluster[(lab["file"], lab["cluster"])].append(lab)
    tallies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (file, cluster), labs in by_cluster.items():
        texts = load_cluster(file, cluster)
        articles, sentences = prepare(texts)
        result = analyse(articles, sentences, sections=("quotes",))
        docs = {lab["doc"] for lab in labs}
        shown = [(span.source - 1, (span.start, span.end), q.speaker)
                 for q in result.quotes for span in q.spans if span.source - 1 in docs]
        split = labs[0]["split"]
        for lab in labs:
            if lab["kind"] == "speech" and lab["speaker"]:
                tallies[split]["gold_named"] += 1
        for doc, span, speaker in shown:
            if speaker is None:
                continue
            tallies[split]["shown"] += 1
            match = [lab for lab in labs if lab["doc"] == doc and overlaps(span, (lab["start"], lab["end"]))]
            if not match or match[0]["kind"] != "speech" or not match[0]["speaker"]:
                tallies[split]["wrong"] += 1
                print(f"  wrong: {cluster} doc {doc} {span} shown as {speaker!r}, labelled "
                      f"{'nobody' if match else 'not a quote'}")
                continue
            s, e = match[0]["speaker"]
            gold = texts[doc][s:e]
            if same_person(speaker, gold):
                tallies[split]["right"] += 1
            else:
                tallies[split]["wrong"] += 1
                print(f"  wrong: {cluster} doc {doc} {span} shown as {speaker!r}, labelled {gold!r}")
        for lab in labs:
            if lab["kind"] != "speech" or not lab["speaker"]:
                continue
            s, e = lab["speaker"]
            if not any(doc == lab["doc"] and covers(span, (lab["start"], lab["end"])) and speaker
                       and same_person(speaker, texts[doc][s:e]) for doc, span, speaker in shown):
                tallies[split]["missed"] += 1
    out = {}
    for split in [*sorted(tallies), "all"]:
        t = tallies[split] if split != "all" else {
            k: sum(v[k] for v in tallies.values()) for k in ("shown", "right", "wrong", "gold_named", "missed")}
        precision = t["right"] / t["shown"] if t["shown"] else 0.0
        recall = (t["gold_named"] - t["missed"]) / t["gold_named"] if t["gold_named"] else 0.0
        out[split] = {"shown": t["shown"], "right": t["right"], "gold_named": t["gold_named"],
                      "precision": precision, "recall": recall}
    return out


def _family(kind: str) -> str:
    return "number" if kind in ("number", "count", "amount") else kind


def bench_conflicts() -> dict[str, float]:
    """Precision over every conflict shown in the labelled clusters; recall over labelled conflicts.

    A label is one pair of statements; pairs that show the same discrepancy share
    an ``id``, and a discrepancy counts as found if any of its pairs is shown.
    """
    labels = read_labels("conflicts.jsonl")
    by_cluster: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for lab in labels:
        by_cluster[(lab["file"], lab["cluster"])].append(lab)
    right = wrong = unlabelled = 0
    found_ids: set[str] = set()
    for (file, cluster), labs in by_cluster.items():
        articles, sentences = prepare(load_cluster(file, cluster))
        result = analyse(articles, sentences, sections=("conflicts",))
        for c in result.conflicts:
            a = (c.first.source - 1, c.first.start, c.first.end)
            b = (c.second.source - 1, c.second.start, c.second.end)
            hits = [lab for lab in labs if _same_pair(lab, a, b) and _family(lab["kind"]) == _family(c.kind)]
            if any(lab["conflict"] for lab in hits):
                right += 1
                found_ids.update(lab["id"] for lab in hits if lab["conflict"])
            elif hits:
                wrong += 1
                found_ids.update(lab["id"] for lab in hits)
                print(f"  false conflict: {cluster} {hits[0]['id']} {c.kind} {c.first_value!r} vs {c.second_value!r}")
            else:
                unlabelled += 1
                print(f"  unlabelled: {cluster} {a} {b} {c.kind} {c.first_value!r} vs {c.second_value!r}")
    true_ids = {lab["id"] for lab in labels if lab["conflict"]}
    false_ids = {lab["id"] for lab in labels if not lab["conflict"]}
    for missed in sorted(true_ids - found_ids):
        print(f"  missed: {missed}")
    shown = right + wrong + unlabelled
    return {"pairs": len(labels), "conflicts": len(true_ids), "non_conflicts": len(false_ids),
            "shown": shown, "right": right, "wrong": wrong, "unlabelled": unlabelled,
            "found": len(true_ids & found_ids), "false_alarms": len(false_ids & found_ids),
            "precision": right / shown if shown else 0.0,
            "recall": len(true_ids & found_ids) / len(true_ids) if true_ids else 0.0}


def _same_pair(lab: dict, a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    la = (lab["a"]["doc"], lab["a"]["start"], lab["a"]["end"])
    lb = (lab["b"]["doc"], lab["b"]["start"], lab["b"]["end"])

    def same(x: tuple[int, int, int], y: tuple[int, int, int]) -> bool:
        return x[0] == y[0] and overlaps((x[1], x[2]), (y[1], y[2]))

    return (same(a, la) and same(b, lb)) or (same(a, lb) and same(b, la))


def bench_timing(repeats: int = 5) -> dict[str, float]:
    analyse(*prepare(load_cluster(*WARMUP_CLUSTER)), sections=SECTIONS)  # loads spaCy once
    texts = load_cluster(*TIMING_CLUSTER)
    articles, sentences = prepare(texts)
    start = time.perf_counter()
    analyse(articles, sentences, sections=SECTIONS)
    first = time.perf_counter() - start
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        analyse(articles, sentences, sections=SECTIONS)
        runs.append(time.perf_counter() - start)
    start = time.perf_counter()
    analyse(articles, sentences, sections=())
    none = time.perf_counter() - start
    # With the NER results of the same windows kept (a server worker's ner_cache), after one filling pass.
    ner_cache.configure(20_000)
    analyse(articles, sentences, sections=SECTIONS)
    cached = []
    for _ in range(repeats):
        start = time.perf_counter()
        analyse(articles, sentences, sections=SECTIONS)
        cached.append(time.perf_counter() - start)
    ner_cache.configure(0)
    return {"words": sum(len(t.split()) for t in texts), "first": first, "median": statistics.median(runs),
            "min": min(runs), "none": none, "cached": statistics.median(cached)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timing", action="store_true", help="only time the analysis")
    args = parser.parse_args()
    if not args.timing:
        print("quote attribution")
        for split, r in bench_quotes().items():
            print(f"  {split:5} shown with speaker {r['shown']:3}  right {r['right']:3}  named in labels "
                  f"{r['gold_named']:3}  precision {r['precision']:.3f}  recall {r['recall']:.3f}")
        print("conflicts")
        r = bench_conflicts()
        print(f"  {r['pairs']} labelled pairs: {r['conflicts']} conflicts, {r['non_conflicts']} compatible "
              f"statements  shown {r['shown']} (right {r['right']}, wrong {r['wrong']}, unlabelled "
              f"{r['unlabelled']})  conflicts found {r['found']}  compatible flagged {r['false_alarms']}  "
              f"precision {r['precision']:.3f}  recall {r['recall']:.3f}")
    t = bench_timing()
    print(f"timing on {TIMING_CLUSTER[1]} ({t['words']} words, 10 articles, spaCy loaded): first analysis "
          f"{t['first']:.3f} s, repeated median {t['median']:.3f} s (min {t['min']:.3f} s); "
          f"--sections none {t['none'] * 1000:.2f} ms; with the NER cache filled (a server worker re-briefing "
          f"the same articles) median {t['cached']:.3f} s")


if __name__ == "__main__":
    main()
