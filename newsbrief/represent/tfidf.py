"""TF-IDF sentence vectors over one cluster: cheap, exact, and fast on a CPU.

The inverse document frequency is computed over the cluster's sentences, as in
LexRank (Erkan & Radev, 2004), so words common to the whole story weigh little
when comparing two of its sentences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True, slots=True)
class TermMatrix:
    """Rows are sentences, columns are terms; rows are L2-normalised TF-IDF."""

    vectors: sparse.csr_matrix
    vocabulary: dict[str, int]
    idf: np.ndarray

    def similarity(self) -> np.ndarray:
        """Dense cosine similarity between every pair of rows."""
        return np.asarray((self.vectors @ self.vectors.T).todense())

    def centroid_similarity(self) -> np.ndarray:
        """Each row's cosine to the centroid of all rows: how typical of the cluster it is (Radev et al., 2004)."""
        centroid = np.asarray(self.vectors.sum(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        if norm == 0:
            return np.zeros(self.vectors.shape[0])
        return np.asarray(self.vectors @ (centroid / norm)).ravel()


def build_tfidf(term_lists: Sequence[Sequence[str]]) -> TermMatrix:
    """TF-IDF vectors for token lists (one list per sentence).

    Args:
        term_lists: the content terms of each sentence.

    Returns:
        A TermMatrix whose rows are unit length (all-zero for sentences without terms).
    """
    vocabulary: dict[str, int] = {}
    cols = np.fromiter((vocabulary.setdefault(t, len(vocabulary)) for terms in term_lists for t in terms),
                       dtype=np.int64)
    rows = np.repeat(np.arange(len(term_lists)), [len(terms) for terms in term_lists])
    n_rows = len(term_lists)
    # One entry per token; building the matrix sums repeats into term counts.
    matrix = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(n_rows, len(vocabulary)))
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    idf = np.array([math.log((1 + n_rows) / (1 + n)) + 1.0 for n in df.tolist()])
    if matrix.nnz:
        matrix = matrix.multiply(idf[np.newaxis, :]).tocsr()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        matrix = sparse.diags(1.0 / norms) @ matrix
    return TermMatrix(vectors=sparse.csr_matrix(matrix), vocabulary=vocabulary, idf=idf)
