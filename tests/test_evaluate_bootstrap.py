"""Bootstrap intervals: seeded, repeatable, and sensible on values you can check by hand."""

from __future__ import annotations

import numpy as np
import pytest

from newsbrief.evaluate.bootstrap import Interval, bootstrap_interval, paired_bootstrap, resample_indices


def test_bootstrap_same_seed_gives_same_interval() -> None:
    values = np.random.default_rng(1).random(40)
    assert bootstrap_interval(values, seed=7) == bootstrap_interval(values, seed=7)
    assert bootstrap_interval(values, seed=7) != bootstrap_interval(values, seed=8)
    assert np.array_equal(resample_indices(5, resamples=3, seed=1), resample_indices(5, resamples=3, seed=1))


def test_bootstrap_interval_brackets_the_mean() -> None:
    values = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    interval = bootstrap_interval(values, seed=3)
    assert interval.mid == pytest.approx(0.45)
    assert interval.low < interval.mid < interval.high
    # The standard error is about 0.245 / sqrt(8) = 0.087, so a 95% interval is about +-0.17.
    assert 0.25 < interval.high - interval.low < 0.45


def test_bootstrap_constant_values_give_a_point() -> None:
    assert bootstrap_interval([0.3] * 10) == pytest.approx(Interval(0.3, 0.3, 0.3))
    assert bootstrap_interval([]) == Interval(0.0, 0.0, 0.0)


def test_bootstrap_resample_shape_and_range() -> None:
    indices = resample_indices(7, resamples=1000, seed=0)
    assert indices.shape == (1000, 7)
    assert indices.min() == 0 and indices.max() == 6


def test_bootstrap_paired_difference() -> None:
    a = np.linspace(0.2, 0.6, 30)
    assert paired_bootstrap(a, a) == pytest.approx(Interval(0.0, 0.0, 0.0))
    # b is a minus a constant 0.05: the paired difference is exactly 0.05, whatever the resample.
    assert paired_bootstrap(a, a - 0.05) == pytest.approx(Interval(0.05, 0.05, 0.05))
    better = paired_bootstrap(a + np.random.default_rng(0).normal(0.05, 0.01, 30), a)
    assert better.excludes_zero() and better.low > 0
    with pytest.raises(ValueError, match="differ in length"):
        paired_bootstrap([1.0, 2.0], [1.0])


def test_bootstrap_rejects_bad_confidence() -> None:
    with pytest.raises(ValueError, match="confidence"):
        bootstrap_interval([0.1, 0.2], confidence=95)
