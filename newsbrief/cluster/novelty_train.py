"""Train the new-story model on the stream clusterer's decisions over Multi-News train clusters.

    python -m newsbrief.cluster.novelty_train ../shared/data/multinews_train.jsonl \
        --fit 0:10000 --calibrate 10000:15000 --out newsbrief/resources/novelty.json

The clusters of ``--fit`` are clustered as undated streams the way the store clusters them (the shipped
link model ranking and deciding, splits on): the first half as streams of ``link_train.CHUNK`` clusters
(each event among ~14,000 articles of others, as in an archive), the second half as streams of
``link_train.SMALL_CHUNK`` (a store of about 1,400 articles); the calibration clusters both ways. Each
on-topic article (``relevant: true``) with a candidate gives one example: the features of its most
probable candidate, positive when that story already holds an on-topic article of the same cluster.
L2-regularised logistic regression on standardised ``novelty.FEATURES``; the decision threshold is the
one of ``THRESHOLDS`` with the best sum of mean on-topic B-cubed F1 over the two kinds of calibration
stream (never fitted on). Clusters 15,000-19,999 stay free for the bench. Deterministic: seeded shuffles, no sampling.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

from newsbrief.cluster.coherence import SPLIT_LINK
from newsbrief.cluster.features import Features
from newsbrief.cluster.link import default_link_model
from newsbrief.cluster.link_train import CHUNK, SMALL_CHUNK, Item, cluster, f1, fit, read_chunks
from newsbrief.cluster.novelty import NoveltyModel
from newsbrief.model_files import cluster_span

THRESHOLDS = (0.10, 0.15, 0.20, 0.25, 0.30, 0.40, 0.50)


def streams(data: Path, span: str, *, halves: bool) -> tuple[list[list[Item]], list[list[Item]]]:
    """Archive-sized and small streams of the span: of its two halves (fitting: every cluster once), or each
    of the whole span (calibration: every event seen in both kinds of store)."""
    start, stop = cluster_span(span)
    middle = start + (stop - start) // 2 if halves else stop
    return (list(read_chunks(data, start, middle, min(CHUNK, middle - start))),
            list(read_chunks(data, middle if halves else start, stop, SMALL_CHUNK)))


def score(chunks: tuple[list[list[Item]], list[list[Item]]], caches: dict[int, dict[str, Features]],
          novelty: NoveltyModel | None) -> float:
    """Mean on-topic B-cubed F1 over the archive-sized streams plus that over the small ones, clustered as the
    store would (``caches`` keeps each stream's features across calls)."""
    link = default_link_model()
    total = 0.0
    for kind in chunks:
        total += float(np.mean([f1(items, cluster(items, link, cache=caches.setdefault(id(items), {}),
                                                  novelty=novelty, split_link=SPLIT_LINK)) for items in kind]))
    return total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Train the new-story model on Multi-News train clusters.")
    parser.add_argument("data", type=Path)
    parser.add_argument("--fit", default="0:10000", help="cluster lines to fit on (start:stop)")
    parser.add_argument("--calibrate", default="10000:15000", help="cluster lines to choose the threshold on")
    parser.add_argument("--out", type=Path, default=Path("newsbrief/resources/novelty.json"))
    args = parser.parse_args(argv)
    link = default_link_model()
    rows: list[tuple[list[float], bool]] = []
    large, small = streams(args.data, args.fit, halves=True)
    for items in large + small:
        cluster(items, link, novelty_rows=rows, split_link=SPLIT_LINK)
    model = fit(rows, NoveltyModel)
    chunks = streams(args.data, args.calibrate, halves=False)
    caches: dict[int, dict[str, Features]] = {}
    before = score(chunks, caches, None)
    print(f"without the model (the link threshold decides): calibration F1 sum {before:.4f}", flush=True)
    table = {}
    for threshold in THRESHOLDS:
        table[threshold] = score(chunks, caches, NoveltyModel(model.mean, model.scale, model.weights, model.bias,
                                                              threshold))
        print(f"threshold {threshold:.2f}: calibration F1 sum {table[threshold]:.4f}", flush=True)
    best = max(THRESHOLDS, key=lambda t: (table[t], -t))
    model = NoveltyModel(model.mean, model.scale, model.weights, model.bias, best)
    digest = hashlib.sha256(args.data.read_bytes()).hexdigest()
    document = {**model.to_json(), "data": args.data.name, "data_sha256": digest, "fit": args.fit,
                "calibrate": args.calibrate, "examples": len(rows), "positives": sum(y for _, y in rows),
                "calibration_f1_sum": {f"{t:.2f}": round(v, 4) for t, v in table.items()},
                "calibration_f1_sum_link_threshold": round(before, 4),
                "command": f"python -m newsbrief.cluster.novelty_train {args.data.name} --fit {args.fit} "
                           f"--calibrate {args.calibrate}"}
    args.out.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} examples ({document['positives']} positive); threshold {best:.2f}: calibration F1 sum "
          f"{table[best]:.4f} against {before:.4f} with the link threshold alone; wrote {args.out}")


if __name__ == "__main__":
    main()
