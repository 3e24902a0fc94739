"""Telling a pile of articles apart into its stories, before it is briefed.

The pile is read by the same incremental clusterer that ``ingest`` uses
(``newsbrief.cluster``), dated articles in time order. That clusterer is tuned
for a stream, where a wrong join costs more than a late one, so on a pile that
a user means as one event it leaves fragments (on the 25 DUC 2004 dev clusters,
each one event, it gave 1 to 9 stories). A second pass then merges fragments by
average link (UPGMA: the mean cosine between their articles) with term weights
from news at large (``represent.background``), since inside a small pile the
event's own words are in every article and its own counts weigh them least.

Cost: the average link of two groups is the dot product of their summed unit
vectors over the product of their sizes, so every link is one sparse product.
Candidate pairs come from one blockwise sparse product of the fragments, kept
only where the link reaches the threshold (a merged group's link to a third is
the size-weighted mean of its parts' links, so a pair below it can only rise
above it through a part that was above it); merges go through a heap. Memory
stays linear in the pile: a block of 512 fragments' links at a time.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from newsbrief.cluster.features import Features, article_features, idf
from newsbrief.cluster.stories import cluster_features
from newsbrief.cluster.stream import (
    HORIZON_SECONDS,
    JOIN_THRESHOLD,
    MERGE_THRESHOLD,
    NAME_WEIGHT,
    WINDOW_SECONDS,
)
from newsbrief.datatypes import Article, Story
from newsbrief.represent.background import background

# Mean cosine between two groups' articles from which they are one story.
# Measured on the dev files (DUC 2003/2004/2006, MultiLing, full-text
# Multi-News, each cluster one event), on 30 seeded mixes of 2, 3 or 5 of
# those clusters, and on one pile of the 537 DUC 2004 and full-text Multi-News
# articles (125 events): 0.05 / 0.08 / 0.10 / 0.12 split 0 / 4 / 5 / 11 of the
# 25 DUC 2004 clusters (all but one split at 0.10 is a single stray article),
# told the mixes apart with B-cubed F1 0.94 / 0.97 / 0.96 / 0.95 and the pile
# with 0.58 / 0.79 / 0.86 / 0.87. 0.10 is near the best on each.
LINK_THRESHOLD = 0.10
# Fragments whose links are computed at once (a dense block of BLOCK x fragments).
BLOCK = 512


def pile_stories(articles: Sequence[Article], *, threshold: float = LINK_THRESHOLD,
                 titled: bool = True) -> list[Story]:
    """The stories a pile of articles forms, largest first.

    Args:
        articles: the pile, in the order its sources are numbered.
        threshold: the mean cosine between two groups' articles from which they merge.
        titled: give each story a title (False: every title None, the same stories; for a caller
            that only counts them, such as the several-stories note).

    Returns:
        Stories, largest first (ties: the one whose first article comes first), each
        listing its article ids in input order; a story's id and title are those of
        its largest fragment. One article, or none, gives as many stories.
    """
    if len(articles) < 2:
        return [Story(id=f"pile-{a.id}", article_ids=(a.id,), title=None) for a in articles]
    times = [a.published.timestamp() if a.published else None for a in articles]
    order = sorted(range(len(articles)), key=lambda i: (times[i] is None, times[i] or 0.0, i))
    # One read of each article serves the stream clusterer and the merge's vectors alike.
    features = [article_features(a, titled=titled) for a in articles]
    fragments = cluster_features([articles[i] for i in order], [features[i] for i in order],
                                 threshold=JOIN_THRESHOLD, merge_threshold=MERGE_THRESHOLD, name_weight=NAME_WEIGHT,
                                 window=WINDOW_SECONDS, horizon=HORIZON_SECONDS)
    position = {a.id: i for i, a in enumerate(articles)}
    members = [sorted(position[a] for a in story.article_ids) for story in fragments]
    spans = [_span([times[i] for i in m]) for m in members]
    # One fragment is one story: the merge (and the vectors it needs) could only return it.
    groups = _merge(_unit_vectors(features), members, threshold, spans=spans) if len(members) > 1 else [[0]]
    stories = []
    for parts in groups:
        ids = sorted(i for part in parts for i in members[part])
        largest = max(parts, key=lambda p: (len(members[p]), -min(members[p])))
        stories.append(Story(id=fragments[largest].id, article_ids=tuple(articles[i].id for i in ids),
                             title=fragments[largest].title if titled else None))
    first = {story.id: position[story.article_ids[0]] for story in stories}
    return sorted(stories, key=lambda s: (-len(s.article_ids), first[s.id]))


def _unit_vectors(features: Sequence[Features]) -> sp.csr_matrix:
    """Each article's unit TF-IDF vector over the words the clusterer reads (its sublinear term
    frequencies), IDF from news at large."""
    counts = [f.terms for f in features]
    pile_df = Counter(term for c in counts for term in c)
    table = background()
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    # IDF over news at large and the pile together, once a term
    weights = {term: idf(table.df.get(term, 0) + n, table.documents + len(counts)) for term, n in pile_df.items()}
    for row, terms in enumerate(counts):
        for term, weight in terms.items():
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(weight * weights[term])
    matrix = sp.csr_matrix((values, (rows, columns)), shape=(len(counts), max(len(vocabulary), 1)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def _span(times: Sequence[float | None]) -> tuple[float, float] | None:
    """The first and last publication time of a group's dated articles (None: none is dated)."""
    dated = [t for t in times if t is not None]
    return (min(dated), max(dated)) if dated else None


def _apart(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """Whether two groups' dates are further apart than the stream's quiet period (after which a story closes).

    On the dated DUC stream taken as one pile (533 articles, 46 stories), merging across gaps up to
    the 45-day horizon gave B-cubed F1 0.836 (the stream clusterer alone 0.880); up to the 14-day
    quiet period 0.881 (3 and 7 days: 0.875, 0.878).
    """
    return a is not None and b is not None and max(a[0], b[0]) - min(a[1], b[1]) > WINDOW_SECONDS


def _merge(vectors: sp.csr_matrix, members: list[list[int]], threshold: float, *,
           spans: list[tuple[float, float] | None] | None = None) -> list[list[int]]:
    """Fragments merged by average link while the best link reaches the threshold; each group as fragment indices.

    Two groups whose dates lie more than the stream's quiet period apart do not merge (``spans``: each
    fragment's first and last date, or None when undated); they stay neighbours, since a merge
    with a third group may bring their dates closer.
    """
    n = len(members)
    spans = list(spans) if spans is not None else [None] * n
    assign = sp.csr_matrix((np.ones(sum(map(len, members))),
                            ([g for g, m in enumerate(members) for _ in m], [i for m in members for i in m])),
                           shape=(n, vectors.shape[0]))
    sums = [row for row in sp.csr_matrix(assign @ vectors)]
    sizes = [len(m) for m in members]
    stacked = sp.vstack(sums).tocsr()
    neighbours: list[set[int]] = [set() for _ in range(n)]
    heap: list[tuple[float, int, int]] = []
    size_array = np.asarray(sizes, dtype=float)
    for start in range(0, n, BLOCK):
        block = (stacked[start:start + BLOCK] @ stacked.T).toarray()
        block /= size_array[start:start + BLOCK, None] * size_array[None, :]
        for offset, j in zip(*np.nonzero(block >= threshold), strict=True):
            i = start + int(offset)
            if i < j:
                neighbours[i].add(int(j))
                neighbours[int(j)].add(i)
                heapq.heappush(heap, (-float(block[offset, j]), i, int(j)))
    parts = [[g] for g in range(n)]
    alive = [True] * n
    current = {(i, j): -negative for negative, i, j in heap}
    while heap:
        negative, i, j = heapq.heappop(heap)
        if current.get((i, j)) != -negative:
            continue  # stale: a side has merged since this entry was pushed
        if _apart(spans[i], spans[j]):
            continue  # still neighbours: a later merge may bring their dates closer, and the pair back
        alive[j] = False
        sums[i] = sums[i] + sums[j]
        sizes[i] += sizes[j]
        parts[i] += parts[j]
        spans[i] = _span([*(spans[i] or ()), *(spans[j] or ())])
        around = sorted((neighbours[i] | neighbours[j]) - {i, j})
        for k in neighbours[j]:
            neighbours[k].discard(j)
            current.pop((min(j, k), max(j, k)), None)
        neighbours[j] = set()
        current.pop((i, j), None)
        links = _links(sums[i], sizes[i], [sums[k] for k in around], [sizes[k] for k in around])
        for k, link in zip(around, links, strict=True):
            pair = (min(i, k), max(i, k))
            if link >= threshold:
                neighbours[i].add(k)
                neighbours[k].add(i)
                current[pair] = link
                heapq.heappush(heap, (-link, *pair))
            else:
                neighbours[i].discard(k)
                neighbours[k].discard(i)
                current.pop(pair, None)
    return [parts[g] for g in range(n) if alive[g]]


def _links(group: sp.csr_matrix, size: int, others: list[sp.csr_matrix], sizes: list[int]) -> list[float]:
    """The mean cosine between one group's articles and each other group's, from their summed unit vectors."""
    if not others:
        return []
    products = np.asarray((sp.vstack(others) @ group.T).todense()).ravel()
    return (products / (size * np.asarray(sizes, dtype=float))).tolist()
