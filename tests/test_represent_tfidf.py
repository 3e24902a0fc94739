"""TF-IDF sentence vectors and word tokens, checked by hand."""

from __future__ import annotations

import math

import numpy as np

from newsbrief.represent.tfidf import build_tfidf
from newsbrief.represent.tokens import words


def test_tfidf_counts_repeats_and_weighs_by_sentence_frequency() -> None:
    matrix = build_tfidf([["a", "a", "b"], ["b"], []])
    assert matrix.vocabulary == {"a": 0, "b": 1}
    idf_a, idf_b = math.log(4 / 2) + 1, math.log(4 / 3) + 1
    assert np.allclose(matrix.idf, [idf_a, idf_b])
    first = np.array([2 * idf_a, idf_b])
    assert np.allclose(matrix.vectors.toarray(), [first / np.linalg.norm(first), [0, 1], [0, 0]])


def test_tfidf_of_nothing_is_empty() -> None:
    assert build_tfidf([]).vectors.shape == (0, 0)
    assert build_tfidf([[]]).vectors.shape == (1, 0)


def test_words_lowercase_and_cut_at_the_first_apostrophe() -> None:
    assert words("O’Neill's co-op DON'T rock’n’roll, 3.5% ‘quoted’") == \
        ["o", "co", "op", "don", "rock", "3", "5", "quoted"]
