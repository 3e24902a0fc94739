"""Seeded bootstrap confidence intervals over clusters (Efron & Tibshirani, 1993).

Clusters are resampled with replacement; the interval is the percentile range of
the resampled means, as in rouge-score's ``BootstrapAggregator``, but with an
explicit seed (numpy ``default_rng``), so a run repeats exactly. The paired
bootstrap (Koehn, 2004; Berg-Kirkpatrick et al., 2012) resamples the per-cluster
differences of two systems scored on the same clusters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

RESAMPLES = 1000
CONFIDENCE = 0.95
SEED = 20240601


class Interval(NamedTuple):
    """A mean (``mid``) with the bounds of its confidence interval."""

    low: float
    mid: float
    high: float

    def scaled(self, factor: float) -> Interval:
        return Interval(self.low * factor, self.mid * factor, self.high * factor)

    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def resample_indices(n: int, *, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """A ``(resamples, n)`` matrix of cluster indices drawn with replacement."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, n, size=(resamples, n))


def bootstrap_interval(values: Sequence[float] | np.ndarray, *, resamples: int = RESAMPLES,
                       confidence: float = CONFIDENCE, seed: int = SEED,
                       indices: np.ndarray | None = None) -> Interval:
    """The mean of ``values`` and its percentile bootstrap interval.

    Args:
        values: one score per cluster.
        resamples: how many resampled means to draw.
        confidence: the interval's coverage, e.g. 0.95.
        seed: seeds numpy's ``default_rng``; the same seed gives the same interval.
        indices: resampling indices to reuse (so several systems see the same resamples).

    Returns:
        ``Interval(low, mid, high)`` with ``mid`` the plain mean; all 0 for no values.
    """
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return Interval(0.0, 0.0, 0.0)
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    if indices is None:
        indices = resample_indices(data.size, resamples=resamples, seed=seed)
    means = data[indices].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return Interval(float(low), float(data.mean()), float(high))


def paired_bootstrap(first: Sequence[float] | np.ndarray, second: Sequence[float] | np.ndarray, *,
                     resamples: int = RESAMPLES, confidence: float = CONFIDENCE, seed: int = SEED,
                     indices: np.ndarray | None = None) -> Interval:
    """The mean difference ``first - second`` over the same clusters, with its bootstrap interval.

    An interval that excludes zero means the difference is unlikely to come from
    the choice of clusters alone.
    """
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"paired scores differ in length: {a.size} != {b.size}")
    return bootstrap_interval(a - b, resamples=resamples, confidence=confidence, seed=seed, indices=indices)
