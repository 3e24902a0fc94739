"""The index-based similar-pair search finds exactly the pairs the full product finds."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from newsbrief.represent.similarity import brute_force_pairs, similar_pairs
from newsbrief.represent.tfidf import build_tfidf


def _random_vectors(seed: int, rows: int, terms: int, per_row: int) -> sparse.csr_matrix:
    """TF-IDF rows of random "sentences" over a Zipf-like vocabulary (a few common words, many rare)."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, terms + 1)
    weights /= weights.sum()
    lists = [[f"t{k}" for k in rng.choice(terms, size=int(rng.integers(0, per_row + 1)), p=weights)]
             for _ in range(rows)]
    return build_tfidf(lists).vectors


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), rows=st.integers(0, 80), terms=st.integers(1, 60),
       per_row=st.integers(1, 12), threshold=st.sampled_from([0.05, 0.2, 0.35, 0.5, 0.65, 0.99]))
def test_similarity_index_finds_the_same_pairs_as_brute_force(seed, rows, terms, per_row, threshold) -> None:
    vectors = _random_vectors(seed, rows, terms, per_row)
    found = similar_pairs(vectors, threshold)
    expected = brute_force_pairs(vectors, threshold)
    assert found.rows.tolist() == expected.rows.tolist()
    assert found.cols.tolist() == expected.cols.tolist()
    # The same sums in the same order as the full product: equal, not merely close.
    assert found.values.tolist() == expected.values.tolist()


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), groups=st.integers(2, 12), threshold=st.sampled_from([0.2, 0.35]))
def test_similarity_groups_within_the_neighbour_limit_change_nothing_but_same_group_pairs(seed, groups,
                                                                                           threshold) -> None:
    vectors = _random_vectors(seed, 60, 40, 8)
    group_of = np.random.default_rng(seed).integers(0, groups, size=60)
    found = similar_pairs(vectors, threshold, groups=group_of, neighbours=groups)  # every group is close
    expected = brute_force_pairs(vectors, threshold)
    assert list(zip(found.rows.tolist(), found.cols.tolist(), strict=True)) == list(
        zip(expected.rows.tolist(), expected.cols.tolist(), strict=True))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), neighbours=st.integers(1, 4))
def test_similarity_with_few_neighbour_groups_finds_a_subset_across_groups_only(seed, neighbours) -> None:
    vectors = _random_vectors(seed, 90, 50, 8)
    group_of = np.random.default_rng(seed + 1).integers(0, 15, size=90)
    found = similar_pairs(vectors, 0.2, groups=group_of, neighbours=neighbours)
    expected = brute_force_pairs(vectors, 0.2)
    truth = {(a, b): v for a, b, v in zip(expected.rows.tolist(), expected.cols.tolist(), expected.values.tolist(),
                                          strict=True)}
    for a, b, v in zip(found.rows.tolist(), found.cols.tolist(), found.values.tolist(), strict=True):
        assert a < b and group_of[a] != group_of[b]
        assert truth[(a, b)] == v


def test_similarity_by_hand() -> None:
    # Rows: (1, 0), (0.6, 0.8), (0, 1): cosines 0.6 (rows 0-1), 0.8 (rows 1-2), 0 (rows 0-2).
    vectors = sparse.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]]))
    pairs = similar_pairs(vectors, 0.5)
    assert list(zip(pairs.rows.tolist(), pairs.cols.tolist(), strict=True)) == [(0, 1), (1, 2)]
    assert pairs.values.tolist() == pytest.approx([0.6, 0.8])
    assert len(similar_pairs(vectors, 0.7)) == 1
    matrix = pairs.matrix(3)
    assert matrix[1, 0] == matrix[0, 1] == pytest.approx(0.6) and matrix[0, 2] == 0


def test_similarity_threshold_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        similar_pairs(sparse.csr_matrix(np.eye(2)), 0.0)


def _one_vocabulary(rows: int, seed: int = 5) -> sparse.csr_matrix:
    """Rows of twelve words drawn from sixteen: every row is similar to nearly every other (issue 28)."""
    rng = np.random.default_rng(seed)
    return build_tfidf([[f"w{k}" for k in rng.integers(0, 16, size=12)] for _ in range(rows)]).vectors


def test_similarity_per_row_keeps_each_rows_closest_partners_only() -> None:
    vectors = _one_vocabulary(300)
    full = similar_pairs(vectors, 0.2)
    capped = similar_pairs(vectors, 0.2, per_row=5)
    assert len(full) > 5 * 300  # dense enough for the cap to apply
    assert len(capped) <= 2 * 5 * 300
    truth = {(a, b): v for a, b, v in zip(full.rows.tolist(), full.cols.tolist(), full.values.tolist(), strict=True)}
    best = {}
    for (a, b), v in truth.items():
        best.setdefault(a, []).append(v)
        best.setdefault(b, []).append(v)
    for a, b, v in zip(capped.rows.tolist(), capped.cols.tolist(), capped.values.tolist(), strict=True):
        assert truth[(a, b)] == v  # exact values of true pairs
        # among the five closest of a or of b
        assert any(sorted(best[r], reverse=True)[4] <= v for r in (a, b))


def test_similarity_per_row_changes_nothing_on_sparse_rows() -> None:
    vectors = _random_vectors(3, 80, 60, 8)
    found = similar_pairs(vectors, 0.35, per_row=16)
    expected = brute_force_pairs(vectors, 0.35)
    assert found.rows.tolist() == expected.rows.tolist() and found.values.tolist() == expected.values.tolist()


def test_similarity_work_bound_splits_crowded_terms_and_stays_exact_on_what_it_finds(monkeypatch) -> None:
    from newsbrief.represent import similarity

    vectors = _one_vocabulary(400)
    monkeypatch.setattr(similarity, "_MIN_WORK", 30_000)  # a small budget and trigger, so the split applies
    monkeypatch.setattr(similarity, "_CROWDED_PER_ROW", 0)
    bounded = similar_pairs(vectors, 0.2, work_per_row=10)
    full = similar_pairs(vectors, 0.2)
    truth = {(a, b): v for a, b, v in zip(full.rows.tolist(), full.cols.tolist(), full.values.tolist(), strict=True)}
    assert 0 < len(bounded) < len(full)
    for a, b, v in zip(bounded.rows.tolist(), bounded.cols.tolist(), bounded.values.tolist(), strict=True):
        assert truth[(a, b)] == v
