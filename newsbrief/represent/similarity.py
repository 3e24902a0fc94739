"""Every pair of rows whose cosine reaches a threshold, found through an index, not all pairs.

Exact all-pairs similarity search with L2 prefix filtering (Bayardo, Ma &
Srikant, "Scaling up all pairs similarity search", WWW 2007; Anastasiu &
Karypis, "L2AP", ICDE 2014). Terms are ranked rarest first; each row keeps in
the index only its leading (rarer) terms, leaving out the longest tail of
common terms whose L2 norm stays below the threshold. Two unit rows with cosine
at or above the threshold must then share an indexed term, so only pairs that
do are scored, and each with the same sparse dot product as the full product
would give. On news sentences the common words ("said", "year") drop out of
the index, and the candidate pairs grow about linearly with the sentences
instead of quadratically.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

# Rows are scored in blocks of this many, so the candidate matrix of one block
# stays small (a few MB at news density) however large the pile.
BLOCK_ROWS = 2048
# Slack on the suffix norm bound, so rounding never drops a pair that sits exactly at the threshold.
_SLACK = 1e-9


@dataclass(frozen=True, slots=True)
class Pairs:
    """Row pairs ``rows[k] < cols[k]`` with cosine ``values[k]`` at or above the threshold, row-major order."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray

    def __len__(self) -> int:
        return int(self.rows.size)

    def matrix(self, n: int) -> sparse.csr_matrix:
        """The symmetric n x n sparse matrix of these pairs (zero elsewhere, diagonal included)."""
        rows = np.concatenate([self.rows, self.cols])
        cols = np.concatenate([self.cols, self.rows])
        values = np.concatenate([self.values, self.values])
        out = sparse.csr_matrix((values, (rows, cols)), shape=(n, n))
        out.sort_indices()
        return out


def similar_pairs(vectors: sparse.csr_matrix, threshold: float) -> Pairs:
    """Every pair of distinct rows of L2-normalised, non-negative ``vectors`` with cosine >= ``threshold``.

    O(n log n) in rows for news text: each row is scored only against rows that
    share one of its rarer terms. The values equal those of ``vectors @ vectors.T``.

    Args:
        vectors: rows of unit length (or all zero), non-negative entries.
        threshold: the lowest cosine kept; must be > 0.
    """
    if threshold <= 0:
        raise ValueError("threshold must be positive")
    vectors = sparse.csr_matrix(vectors)
    vectors.sort_indices()
    n = vectors.shape[0]
    empty = Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    if n < 2 or vectors.nnz == 0:
        return empty
    prefix, left_out = _prefix_index(vectors, threshold)
    prefix_t = prefix.T.tocsr()
    found: list[Pairs] = []
    for start in range(0, n, BLOCK_ROWS):
        stop = min(n, start + BLOCK_ROWS)
        candidates = (prefix[start:stop] @ prefix_t).tocoo()
        rows = candidates.row.astype(np.int64) + start
        cols = candidates.col.astype(np.int64)
        # The prefixes' product is the dot product over the terms both index; the
        # rest adds at most the larger left-out norm, so pairs that cannot reach
        # the threshold even with it are not scored.
        bound = candidates.data + np.maximum(left_out[rows], left_out[cols])
        upper = (rows < cols) & (bound >= threshold - _SLACK)
        rows, cols = rows[upper], cols[upper]
        if not rows.size:
            continue
        values = _dot_rows(vectors, rows, cols)
        keep = values >= threshold
        found.append(Pairs(rows[keep], cols[keep], values[keep]))
    if not found:
        return empty
    rows = np.concatenate([p.rows for p in found])
    cols = np.concatenate([p.cols for p in found])
    values = np.concatenate([p.values for p in found])
    order = np.lexsort((cols, rows))
    return Pairs(rows[order], cols[order], values[order])


def brute_force_pairs(vectors: sparse.csr_matrix, threshold: float) -> Pairs:
    """The same pairs from the full product: the reference :func:`similar_pairs` is tested against."""
    full = np.asarray((vectors @ vectors.T).todense())
    rows, cols = np.nonzero(np.triu(full, k=1) >= threshold)
    return Pairs(rows.astype(np.int64), cols.astype(np.int64), full[rows, cols])


def _prefix_index(vectors: sparse.csr_matrix, threshold: float) -> tuple[sparse.csr_matrix, np.ndarray]:
    """The entries each row keeps in the index (see the module docstring), and the norm of those it leaves out."""
    df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    # Rank 0 is the rarest term; ties broken by column so the order is total.
    rank = np.empty(vectors.shape[1], dtype=np.int64)
    rank[np.lexsort((np.arange(vectors.shape[1]), df))] = np.arange(vectors.shape[1])
    indptr, indices, data = vectors.indptr, vectors.indices, vectors.data
    row_of = np.repeat(np.arange(vectors.shape[0]), np.diff(indptr))
    # Entries of each row from its most common term to its rarest; the running sum
    # of squares from the common end is the norm of the suffix that would be left out.
    order = np.lexsort((-rank[indices], row_of))
    squares = data[order] ** 2
    running = np.cumsum(squares)
    before_row = np.where(indptr[:-1] > 0, running[np.maximum(indptr[:-1] - 1, 0)], 0.0)
    row_start = np.repeat(before_row, np.diff(indptr))
    suffix = running - row_start  # norm^2 of this entry and every more common one of its row
    bound = max(threshold - _SLACK, 0.0) ** 2
    keep = suffix >= bound
    kept = order[keep]
    left_out = np.sqrt(np.bincount(row_of[order[~keep]], weights=squares[~keep], minlength=vectors.shape[0]))
    index = sparse.csr_matrix((data[kept], (row_of[kept], indices[kept])), shape=vectors.shape)
    return index, left_out


def _dot_rows(vectors: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray,
              chunk: int = 200_000) -> np.ndarray:
    """``vectors[rows[k]] . vectors[cols[k]]`` for every k, summed in column order as the full product sums."""
    out = np.empty(rows.size)
    for start in range(0, rows.size, chunk):
        a = vectors[rows[start:start + chunk]]
        b = vectors[cols[start:start + chunk]]
        # A product with ones adds each row's terms left to right, as the full matrix product does
        # (``sum(axis=1)`` may add them pairwise and differ in the last bit).
        out[start:start + chunk] = sparse.csr_matrix(a.multiply(b)) @ np.ones(vectors.shape[1])
    return out
