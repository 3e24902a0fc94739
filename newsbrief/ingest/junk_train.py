"""Train the junk-page model on clusters whose documents carry ``relevant`` flags.

    python -m newsbrief.ingest.junk_train ../shared/data/multinews_train.jsonl \
        --fit 0:10000 --calibrate 10000:15000 --out newsbrief/resources/junk.json

L2-regularised logistic regression (L-BFGS, scipy) on ``junk.page_features``;
a document flagged ``relevant: false`` is the positive class. The decision
threshold is the lowest score at which precision on the calibration clusters
(never fitted on) reaches ``--precision``; clusters outside both ranges stay
free for an honest test (``bench/stories_bench.py --junk``). Deterministic:
no sampling, features sorted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from itertools import islice
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from newsbrief.ingest.junk import FORMAT, JunkDetector, page_features
from newsbrief.learn.logistic import fit_logistic
from newsbrief.model_files import cluster_span

# A feature must occur in this many fitting documents to get a weight.
MIN_DF = 8
# L2 strength. Fitted on 3,000 clusters, scored on 1,500 others: L2 2 ranked pages of other
# stories by their topic words (top-50 precision 0.66); 10 / 30 / 100 gave recall 0.26 / 0.26 / 0.26
# at precision 0.93 with 12,440 / 4,064 / 858 weights; 30 keeps the file small without losing recall.
L2 = 30.0
# Weights smaller than this are dropped from the file (they move a score by under 1%).
MIN_WEIGHT = 0.03


def read_flagged(path: Path, start: int, stop: int) -> list[tuple[str, bool]]:
    """(text, is_junk) for every document of clusters ``start``..``stop - 1`` (0-based line numbers)."""
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in islice(handle, start, stop):
            record = json.loads(line)
            # Empty documents are skipped: some carry ``relevant: true``, and the detector flags them by rule.
            out += [(doc, not flag) for doc, flag in zip(record["documents"], record["relevant"], strict=True)
                    if doc.strip()]
    return out


def fit(docs: list[tuple[str, bool]]) -> tuple[dict[str, float], float]:
    """Weights and bias of the logistic regression."""
    feats = [page_features(text) for text, _ in docs]
    df = Counter(f for fs in feats for f in fs)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= MIN_DF))}
    rows = [i for i, fs in enumerate(feats) for f in fs if f in vocab]
    cols = [vocab[f] for fs in feats for f in fs if f in vocab]
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(vocab)))
    y = np.array([junk for _, junk in docs], dtype=float)
    w, bias = fit_logistic(x, y, l2=L2, maxiter=500)
    weights = {f: round(float(w[i]), 4) for f, i in vocab.items() if abs(w[i]) >= MIN_WEIGHT}
    return weights, bias


def calibrate(detector: JunkDetector, docs: list[tuple[str, bool]], precision: float) -> float:
    """The lowest threshold whose precision on ``docs`` is at least ``precision`` (at least 10 flagged)."""
    scored = sorted(((detector.score(text), junk) for text, junk in docs), reverse=True)
    best = 1.0
    hits = 0
    for rank, (score, junk) in enumerate(scored, 1):
        hits += junk
        if rank >= 10 and hits / rank >= precision:
            best = score
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Train the junk-page model on relevant flags.")
    parser.add_argument("data", type=Path)
    parser.add_argument("--fit", default="0:10000", help="cluster lines to fit on (start:stop)")
    parser.add_argument("--calibrate", default="10000:15000", help="cluster lines to choose the threshold on")
    parser.add_argument("--precision", type=float, default=0.92, help="calibration precision to reach")
    parser.add_argument("--out", type=Path, default=Path("newsbrief/resources/junk.json"))
    args = parser.parse_args(argv)
    fit_docs = read_flagged(args.data, *cluster_span(args.fit))
    weights, bias = fit(fit_docs)
    detector = JunkDetector(weights=weights, bias=bias, threshold=0.5)
    cal_docs = read_flagged(args.data, *cluster_span(args.calibrate))
    threshold = calibrate(detector, cal_docs, args.precision)
    digest = hashlib.sha256(args.data.read_bytes()).hexdigest()
    document = {"format": FORMAT, "data": args.data.name, "data_sha256": digest, "fit": args.fit,
                "calibrate": args.calibrate, "precision_target": args.precision,
                "command": f"python -m newsbrief.ingest.junk_train {args.data.name} --fit {args.fit} "
                           f"--calibrate {args.calibrate} --precision {args.precision}",
                "threshold": round(threshold, 4), "bias": round(bias, 4),
                "weights": dict(sorted(weights.items()))}
    args.out.write_text(json.dumps(document, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    flagged = [junk for text, junk in cal_docs if detector.score(text) >= threshold]
    print(f"{len(fit_docs)} documents fitted, {len(weights)} weights; threshold {threshold:.3f}: "
          f"calibration precision {sum(flagged) / max(1, len(flagged)):.3f}, "
          f"recall {sum(flagged) / max(1, sum(j for _, j in cal_docs)):.3f}")


if __name__ == "__main__":
    main()
