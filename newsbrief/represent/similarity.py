"""Every pair of rows whose cosine reaches a threshold, found through an index, not all pairs.

Exact all-pairs similarity search with L2 prefix filtering (Bayardo, Ma &
Srikant, "Scaling up all pairs similarity search", WWW 2007; Anastasiu &
Karypis, "L2AP", ICDE 2014). Terms are ranked rarest first; each row keeps in
the index only its leading (rarer) terms, leaving out the longest tail of
common terms whose L2 norm stays below the threshold. Two unit rows with cosine
at or above the threshold must then share an indexed term, so only pairs that
do are scored, and each with the same sparse dot product as the full product
would give. On news sentences the common words ("said", "year") drop out of
the index. Within one story that is enough; across a pile of many stories
mid-frequency words still pair everything with everything, so there rows are
compared only within the closest groups (articles) of their own (see
:func:`similar_pairs`).

Hostile input (issue 28): piles of sentences drawn from one small vocabulary
make every row similar to every other, so the exact search is quadratic in
memory and time. With ``work_per_row`` given, a term shared by too many rows
is split into windows of rows (ordered by a seeded random projection, so that
near-duplicates sit together): two rows meet through it only inside one
window. With ``per_row`` given, a pair is kept only if it is among the
``per_row`` closest of one of its rows. Both bounds leave ordinary news
clusters untouched (the same pairs on the dev clusters) and make the rest
linear in the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

# Rows are scored in blocks of this many, so the candidate matrix of one block
# stays small (a few MB at news density) however large the pile.
BLOCK_ROWS = 2048
# Candidate pairs scored together (about 40 MB of row copies at news density).
_SCORE_BATCH = 200_000
# Slack on the suffix norm bound, so rounding never drops a pair that sits exactly at the threshold.
_SLACK = 1e-9
# The same for the tighter bound, whose norms come from differences of running sums (rounding of
# ~1e-11 under a square root); a pair it lets through is scored exactly all the same.
_BOUND_SLACK = 1e-5
# The bounds callers on hostile input use (issue 28). Rows keep their 16 closest partners only when
# the rows average more than 16 (news clusters and piles average under 5: the same pairs on the dev
# clusters); a crowded index (see _CROWDED_PER_ROW) is split down to 2,000 candidates a row, which
# keeps a pile of 20 x 600 one-vocabulary sentences near 0.3 GB.
PAIRS_PER_ROW = 16
WORK_PER_ROW = 2_000
# Candidate entries (row pairs sharing an indexed term) computed in one sparse product, at most:
# ~100 MB of coordinates, whatever the pile.
_BLOCK_CANDIDATES = 4_000_000
# Below this many candidate entries in all, no term is split (any news cluster: the largest dev
# cluster makes ~0.3 M).
_MIN_WORK = 20_000_000
# Terms are split only past this many candidate entries a row: piles of news make ~1,700 a row at
# 1,000 dev articles and ~2,500 at 1,500 (they grow with the pile), one-vocabulary piles 50,000+.
_CROWDED_PER_ROW = 20_000


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


def similar_pairs(vectors: sparse.csr_matrix, threshold: float, *, groups: np.ndarray | None = None,
                  neighbours: int | None = None, per_row: int | None = None,
                  work_per_row: int | None = None) -> Pairs:
    """Pairs of distinct rows of L2-normalised, non-negative ``vectors`` with cosine >= ``threshold``.

    With ``groups`` (a group id per row, e.g. its article) and ``neighbours``
    given, and more than ``neighbours + 1`` groups, rows are compared only with
    the rows of the ``neighbours`` groups closest to their own (cosine of the
    groups' summed rows), never within their group: a pile of a thousand
    articles about a hundred events compares each sentence with those of its
    own story's articles, not with all. Otherwise every pair is searched, and
    the result is exact.

    Cost: each row is scored only against rows that share one of its rarer
    terms, so O(n log n) in rows with groups; without them the candidates grow
    with the square of how many rows share mid-frequency terms (fine for one
    story, quadratic for a pile). The values equal those of ``vectors @ vectors.T``.

    Args:
        vectors: rows of unit length (or all zero), non-negative entries.
        threshold: the lowest cosine kept; must be > 0.
        groups: optional group id (0..G-1) of each row.
        neighbours: with ``groups``, how many closest groups each group is compared with.
        per_row: when there are more than ``per_row`` pairs a row, keep a pair only if it is among the
            ``per_row`` most similar of either of its rows.
        work_per_row: bound the candidate pairs scored to about this many per row (and at least
            ``_MIN_WORK`` in all) by splitting crowded terms (see the module docstring).
    """
    if threshold <= 0:
        raise ValueError("threshold must be positive")
    vectors = sparse.csr_matrix(vectors)
    vectors.sort_indices()
    n = vectors.shape[0]
    empty = Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    if n < 2 or vectors.nnz == 0:
        return empty
    rank = _term_ranks(vectors)
    prefix, left_out, boundary = _prefix_index(vectors, threshold, rank)
    if work_per_row is not None:
        prefix = _split_crowded_terms(prefix, vectors, max(_MIN_WORK, work_per_row * n),
                                      trigger=max(_MIN_WORK, _CROWDED_PER_ROW * n))
    reach = _reach(prefix)
    suffix_norm = _SuffixNorms(vectors, rank)
    grouped = groups is not None and neighbours is not None and int(np.max(groups)) + 1 > neighbours + 1
    if grouped:  # each pair of rows comes once, in either order
        blocks = _group_blocks(vectors, np.asarray(groups, dtype=np.int64), neighbours)
    else:  # each pair comes twice, (i, j) and (j, i): keep i < j
        every = np.arange(n)
        blocks = ((every[start:start + BLOCK_ROWS], every) for start in range(0, n, BLOCK_ROWS))
    found: list[Pairs] = []
    pending: list[tuple[np.ndarray, np.ndarray]] = []
    waiting, capped = 0, False
    for mine, theirs in ((piece, others) for block, others in blocks for piece in _pieces(block, reach)):
        if not mine.size or not theirs.size:
            continue
        candidates = (prefix[mine] @ prefix[theirs].T).tocoo()
        rows, cols = mine[candidates.row], theirs[candidates.col]
        if grouped:
            rows, cols = np.minimum(rows, cols), np.maximum(rows, cols)
        # The prefixes' product is the dot product over the terms both index; the
        # rest comes from the left-out terms of the row whose left-out part starts
        # at the rarer term, and adds at most their norm. Pairs that cannot reach
        # the threshold even with it are not scored.
        rest = np.where(boundary[rows] <= boundary[cols], left_out[rows], left_out[cols])
        keep = (rows < cols) & (candidates.data + rest >= threshold - _SLACK)
        rows, cols, partial = rows[keep], cols[keep], candidates.data[keep]
        # A tighter bound on what the terms outside both prefixes add: they all rank at or past the
        # rarer of the two boundaries, so by Cauchy-Schwarz they add at most the product of the two
        # rows' norms over those ranks. On a pile of 1,000 articles it leaves 6 % of the candidates.
        first = boundary[rows] <= boundary[cols]
        at = np.minimum(boundary[rows], boundary[cols])
        rest = np.where(first, left_out[rows], left_out[cols]) * suffix_norm(np.where(first, cols, rows), at)
        keep = partial + rest >= threshold - _BOUND_SLACK
        pending.append((rows[keep], cols[keep]))
        waiting += int(keep.sum())
        if waiting >= _SCORE_BATCH:  # score many small blocks at once: one sparse product, not hundreds
            found.append(_score(vectors, pending, threshold))
            pending, waiting = [], 0
            if per_row is not None and sum(len(p) for p in found) > 4 * per_row * n:
                found, capped = [_closest(_join(found), per_row)], True
    if waiting:
        found.append(_score(vectors, pending, threshold))
    if not found:
        return empty
    pairs = _join(found)
    if per_row is not None and (capped or len(pairs) > per_row * n):
        pairs = _closest(pairs, per_row)
    order = np.lexsort((pairs.cols, pairs.rows))
    return Pairs(pairs.rows[order], pairs.cols[order], pairs.values[order])


def _join(found: list[Pairs]) -> Pairs:
    return Pairs(np.concatenate([p.rows for p in found]), np.concatenate([p.cols for p in found]),
                 np.concatenate([p.values for p in found]))


def _closest(pairs: Pairs, per_row: int) -> Pairs:
    """The pairs among the ``per_row`` most similar of either of their rows (ties: the lower partner).

    Pruning early is safe: a pair outside a row's closest among some of its pairs
    stays outside among all of them.
    """
    mine = np.concatenate([pairs.rows, pairs.cols])  # each pair once under each of its rows
    theirs = np.concatenate([pairs.cols, pairs.rows])
    order = np.lexsort((theirs, -np.concatenate([pairs.values, pairs.values]), mine))
    ranked = mine[order]
    close = order[np.arange(ranked.size) - np.searchsorted(ranked, ranked, side="left") < per_row]
    keep = np.zeros(len(pairs), dtype=bool)
    keep[close % len(pairs)] = True
    return Pairs(pairs.rows[keep], pairs.cols[keep], pairs.values[keep])


def _reach(prefix: sparse.csr_matrix) -> np.ndarray:
    """Per row, how many candidate entries its prefix can make at most (the rows sharing each indexed term)."""
    df = np.bincount(prefix.indices, minlength=prefix.shape[1])
    row_of = np.repeat(np.arange(prefix.shape[0]), np.diff(prefix.indptr))
    return np.bincount(row_of, weights=df[prefix.indices], minlength=prefix.shape[0])


def _pieces(rows: np.ndarray, reach: np.ndarray) -> list[np.ndarray]:
    """``rows`` cut into consecutive runs whose candidate entries stay under ``_BLOCK_CANDIDATES``."""
    if rows.size <= 1:
        return [rows]
    total = np.cumsum(reach[rows])
    if total[-1] <= _BLOCK_CANDIDATES:
        return [rows]
    cuts = np.searchsorted(total, np.arange(_BLOCK_CANDIDATES, int(total[-1]), _BLOCK_CANDIDATES), side="right")
    cuts = np.unique(np.clip(cuts, 1, rows.size - 1))
    return np.split(rows, cuts)


def _split_crowded_terms(prefix: sparse.csr_matrix, vectors: sparse.csr_matrix, budget: int, *,
                         trigger: int) -> sparse.csr_matrix:
    """The prefix index with each term shared by more than ``window`` rows split into windows of rows,
    ``window`` the largest that keeps the candidate entries (sum of the terms' rows squared) within
    ``budget``. Rows are ordered along a seeded random projection, so near-duplicates share windows.
    Unchanged unless the candidate entries pass ``trigger``."""
    df = np.bincount(prefix.indices, minlength=prefix.shape[1]).astype(np.int64)
    if int((df * df).sum()) <= max(budget, trigger):
        return prefix

    def work(window: int) -> int:
        full, rest = np.divmod(df, window)
        return int((full * window * window + rest * rest).sum())

    low, high = 1, int(df.max())  # work(1) is the entries themselves; work(high) is over budget
    while low < high - 1:
        mid = (low + high) // 2
        low, high = (mid, high) if work(mid) <= budget else (low, mid)
    window = low
    projection = np.random.default_rng(0).standard_normal(vectors.shape[1])
    position = np.empty(prefix.shape[0], dtype=np.int64)
    position[np.argsort(vectors @ projection, kind="stable")] = np.arange(prefix.shape[0])
    coo = prefix.tocoo()
    order = np.lexsort((position[coo.row], coo.col))  # each term's rows along the projection
    rows, cols, data = coo.row[order], coo.col[order], coo.data[order]
    rank_in_term = np.arange(cols.size) - np.searchsorted(cols, cols, side="left")
    windows = (df + window - 1) // window
    first = np.concatenate([[0], np.cumsum(windows)[:-1]])
    split = sparse.csr_matrix((data, (rows, first[cols] + rank_in_term // window)),
                              shape=(prefix.shape[0], int(windows.sum())))
    split.sort_indices()
    return split


def _score(vectors: sparse.csr_matrix, pending: list[tuple[np.ndarray, np.ndarray]], threshold: float) -> Pairs:
    rows = np.concatenate([r for r, _ in pending])
    cols = np.concatenate([c for _, c in pending])
    values = _dot_rows(vectors, rows, cols)
    keep = values >= threshold
    return Pairs(rows[keep], cols[keep], values[keep])


def _group_blocks(vectors: sparse.csr_matrix, groups: np.ndarray,
                  neighbours: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(rows of group g, rows of its closer neighbour groups h > g) for every group g.

    A pair of groups is compared when either is among the other's ``neighbours``
    closest; each pair once. The groups' cosines are computed in blocks, so
    memory stays linear in the groups.
    """
    n_groups = int(groups.max()) + 1
    member = sparse.csr_matrix((np.ones(groups.size), (groups, np.arange(groups.size))),
                               shape=(n_groups, groups.size))
    summed = sparse.csr_matrix(member @ vectors)
    norms = np.sqrt(np.asarray(summed.multiply(summed).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    summed = sparse.csr_matrix(sparse.diags(1.0 / norms) @ summed)
    close: set[tuple[int, int]] = set()
    for start in range(0, n_groups, 256):
        block = np.asarray((summed[start:start + 256] @ summed.T).todense())
        for offset, row in enumerate(block):
            g = start + offset
            row[g] = -1.0
            for h in np.argpartition(-row, neighbours)[:neighbours].tolist():
                close.add((min(g, h), max(g, h)))
    order = np.argsort(groups, kind="stable")
    bounds = np.searchsorted(groups[order], np.arange(n_groups + 1))
    rows_of = [order[bounds[g]:bounds[g + 1]] for g in range(n_groups)]
    partners: list[list[int]] = [[] for _ in range(n_groups)]
    for g, h in sorted(close):
        partners[g].append(h)
    return [(rows_of[g], np.concatenate([rows_of[h] for h in partners[g]]))
            for g in range(n_groups) if partners[g]]


def brute_force_pairs(vectors: sparse.csr_matrix, threshold: float) -> Pairs:
    """The same pairs from the full product: the reference :func:`similar_pairs` is tested against."""
    full = np.asarray((vectors @ vectors.T).todense())
    rows, cols = np.nonzero(np.triu(full, k=1) >= threshold)
    return Pairs(rows.astype(np.int64), cols.astype(np.int64), full[rows, cols])


def _term_ranks(vectors: sparse.csr_matrix) -> np.ndarray:
    """Each column's rank by how many rows use it: rank 0 is the rarest; ties broken by column."""
    df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    rank = np.empty(vectors.shape[1], dtype=np.int64)
    rank[np.lexsort((np.arange(vectors.shape[1]), df))] = np.arange(vectors.shape[1])
    return rank


class _SuffixNorms:
    """The norm of a row over the terms at or past a rank, for many (row, rank) queries at once."""

    def __init__(self, vectors: sparse.csr_matrix, rank: np.ndarray) -> None:
        self._stride = vectors.shape[1] + 1
        row_of = np.repeat(np.arange(vectors.shape[0]), np.diff(vectors.indptr))
        keys = row_of * self._stride + rank[vectors.indices]
        order = np.argsort(keys, kind="stable")  # row by row, rarest term first
        self._keys = keys[order]
        self._running = np.concatenate([[0.0], np.cumsum(vectors.data[order] ** 2)])
        self._row_end = vectors.indptr[1:]

    def __call__(self, rows: np.ndarray, ranks: np.ndarray) -> np.ndarray:
        first = np.searchsorted(self._keys, rows * self._stride + ranks, side="left")
        return np.sqrt(np.maximum(self._running[self._row_end[rows]] - self._running[first], 0.0))


def _prefix_index(vectors: sparse.csr_matrix, threshold: float,
                  rank: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """The entries each row keeps in the index (see the module docstring), the norm of those it
    leaves out, and the rank (``_term_ranks``) of the rarest term it leaves out (past every rank if none)."""
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
    boundary = np.full(vectors.shape[0], vectors.shape[1], dtype=np.int64)
    dropped = order[~keep]
    np.minimum.at(boundary, row_of[dropped], rank[indices[dropped]])
    return index, left_out, boundary


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
