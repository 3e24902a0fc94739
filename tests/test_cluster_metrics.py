"""B-cubed and ARI on clusterings small enough to check on paper."""

from __future__ import annotations

import pytest

from newsbrief.cluster.metrics import adjusted_rand_index, bcubed


def test_metrics_bcubed_perfect() -> None:
    gold = {"a": 1, "b": 1, "c": 2}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold) == (1.0, 1.0, 1.0)


def test_metrics_bcubed_all_in_one() -> None:
    # gold {a,b} {c}: one predicted cluster of 3 -> precision (2/3 + 2/3 + 1/3)/3 = 5/9, recall 1.
    p, r, f = bcubed({"a": 0, "b": 0, "c": 0}, {"a": 1, "b": 1, "c": 2})
    assert p == pytest.approx(5 / 9) and r == 1.0
    assert f == pytest.approx(2 * (5 / 9) / (5 / 9 + 1))


def test_metrics_bcubed_all_apart_and_missing_items() -> None:
    # gold {a,b} {c}: each alone -> precision 1, recall (1/2 + 1/2 + 1)/3 = 2/3; "b" missing counts as alone.
    p, r, _ = bcubed({"a": 0, "c": 2}, {"a": 1, "b": 1, "c": 2})
    assert (p, r) == (1.0, pytest.approx(2 / 3))


def test_metrics_ari_known_values() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert adjusted_rand_index({"a": 0, "b": 0, "c": 1, "d": 1}, gold) == 1.0
    # pairs: together=0, pred pairs=2, gold pairs=2, expected=2*2/6=2/3, best=2 -> (0-2/3)/(2-2/3) = -1/2
    assert adjusted_rand_index({"a": 0, "b": 1, "c": 0, "d": 1}, gold) == pytest.approx(-0.5)
