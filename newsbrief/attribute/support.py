"""Citations: for each brief sentence, the sentence in every source that states the same fact.

A source supports a brief sentence when one of its sentences, or two adjacent
ones (a quote split in two), is close to it in TF-IDF space and shares at least
two content bigrams with it, so that a shared topic alone ("North Korea",
"summit") is not mistaken for a shared fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsbrief.datatypes import Citation, Sentence
from newsbrief.represent.prepared import PreparedCluster
from newsbrief.represent.tokens import bigrams

# Cosine above which a source sentence supports a brief sentence. Set on the seed
# story's hand-checked pairs: restatements of one fact score 0.54-0.81, sentences
# that only share the topic score at most 0.28; 0.35 sits in the gap.
SUPPORT_COSINE = 0.35
# Content bigrams a supporting sentence must share (topic words alone share fewer).
MIN_SHARED_BIGRAMS = 2
# A pair of adjacent sentences must beat the best single one by this much to be cited.
PAIR_MARGIN = 0.1


@dataclass(frozen=True, slots=True)
class _Match:
    first: int  # index into cluster.sentences
    last: int
    support: float


def cite(cluster: PreparedCluster, chosen: Sequence[int], *,
         threshold: float = SUPPORT_COSINE) -> list[tuple[Citation, ...]]:
    """The citations of each chosen sentence: its own source first, then every other source that states it.

    Returns:
        One tuple per chosen sentence, never empty, source numbers 1-based.
    """
    vectors = cluster.tfidf.vectors
    doc_rows = _rows_by_doc(cluster)
    grams = [set(bigrams(terms)) for terms in cluster.terms]
    out: list[tuple[Citation, ...]] = []
    for index in chosen:
        origin = cluster.sentences[index]
        citations = [_citation(cluster, _Match(index, index, 1.0))]
        for doc, rows in enumerate(doc_rows):
            if doc == origin.doc_index or not rows.size:
                continue
            match = _best_match(vectors, grams, index, rows, threshold)
            if match is not None:
                citations.append(_citation(cluster, match))
        out.append(tuple(citations))
    return out


def _rows_by_doc(cluster: PreparedCluster) -> list[np.ndarray]:
    return [np.flatnonzero(cluster.doc_index == doc) for doc in range(cluster.n_docs)]


def _best_match(vectors: sparse.csr_matrix, grams: list[set[str]], index: int, rows: np.ndarray,
                threshold: float) -> _Match | None:
    """The best supporting sentence (or adjacent pair) among ``rows``, if it clears the bar."""
    query = vectors[index].T
    singles = (vectors[rows] @ query).toarray().ravel()
    best = int(np.argmax(singles))
    candidate = _Match(int(rows[best]), int(rows[best]), float(singles[best]))
    if rows.size > 1:
        pairs = vectors[rows[:-1]] + vectors[rows[1:]]
        norms = np.sqrt(np.asarray(pairs.multiply(pairs).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        pair_scores = (pairs @ query).toarray().ravel() / norms
        best_pair = int(np.argmax(pair_scores))
        if pair_scores[best_pair] > candidate.support + PAIR_MARGIN:
            candidate = _Match(int(rows[best_pair]), int(rows[best_pair + 1]), float(pair_scores[best_pair]))
    if candidate.support < threshold:
        return None
    shared = grams[index] & set().union(*(grams[i] for i in range(candidate.first, candidate.last + 1)))
    if len(shared) < min(MIN_SHARED_BIGRAMS, len(grams[index])):
        return None
    return candidate


def _citation(cluster: PreparedCluster, match: _Match) -> Citation:
    first: Sentence = cluster.sentences[match.first]
    last: Sentence = cluster.sentences[match.last]
    return Citation(article_id=first.article_id, sentence_index=first.index, start=first.start, end=last.end,
                    support=round(min(match.support, 1.0), 4), source=first.doc_index + 1)
