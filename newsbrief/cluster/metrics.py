"""Scores of a clustering against gold groups: B-cubed precision/recall/F1 and the adjusted Rand index.

B-cubed (Bagga & Baldwin, 1998; Amigó et al., 2009) averages, over items, the
share of an item's predicted cluster that shares its gold group (precision)
and the share of its gold group found in its predicted cluster (recall). The
adjusted Rand index (Hubert & Arabie, 1985) counts agreeing pairs, corrected
for chance (1 is perfect, about 0 is random).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from math import comb
from typing import NamedTuple


class BCubed(NamedTuple):
    precision: float
    recall: float
    f1: float


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> BCubed:
    """B-cubed scores over the items of ``gold`` (an item missing from ``predicted`` is its own cluster).

    Args:
        predicted: item -> predicted cluster label.
        gold: item -> gold group label.
    """
    if not gold:
        return BCubed(0.0, 0.0, 0.0)
    pred = {item: predicted.get(item, ("missing", item)) for item in gold}
    pair_counts = Counter((pred[item], gold[item]) for item in gold)
    pred_sizes = Counter(pred.values())
    gold_sizes = Counter(gold.values())
    precision = sum(pair_counts[(pred[i], gold[i])] / pred_sizes[pred[i]] for i in gold) / len(gold)
    recall = sum(pair_counts[(pred[i], gold[i])] / gold_sizes[gold[i]] for i in gold) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1)


def adjusted_rand_index(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> float:
    """The adjusted Rand index over the items of ``gold`` (1.0 when both put every item alone or together)."""
    pred = {item: predicted.get(item, ("missing", item)) for item in gold}
    n = len(gold)
    if n < 2:
        return 1.0
    together = sum(comb(c, 2) for c in Counter((pred[i], gold[i]) for i in gold).values())
    pred_pairs = sum(comb(c, 2) for c in Counter(pred.values()).values())
    gold_pairs = sum(comb(c, 2) for c in Counter(gold.values()).values())
    expected = pred_pairs * gold_pairs / comb(n, 2)
    best = (pred_pairs + gold_pairs) / 2
    if best == expected:
        return 1.0
    return (together - expected) / (best - expected)
