"""Merges that can be undone: a story whose articles fall apart into groups is split (issue #27).

The stream clusterer decides one article at a time, and two stories merge when an article bridges
them or when their fragments read alike. Among thousands of events each step can be right on its own
and the story still drift: a chain of reports of one topic (a campaign, an epidemic, a string of
scandals) each close to the last one, that together are several events. After each batch, every undated
story that changed and holds at least ``SPLIT_MIN_SIZE`` articles is checked (dated stories have the time
rules, which bound their span): its members (the newest
``SPLIT_MAX_MEMBERS``) are clustered again by average link (group-average agglomerative clustering,
Voorhees 1986) with the term weights of the store as it is now; if they form more than one group at
``SPLIT_LINK``, the story splits. The group holding the story's oldest member keeps the story and its
id (ids stay stable); each other group becomes a story of its own, whose id is the one its oldest article
would have founded (a story merged in earlier gets its own id back).

Cost: a checked story reads at most ``SPLIT_MAX_MEMBERS`` articles, and the grouping is O(n^2) in them per
merge step; only stories changed by the batch are checked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from newsbrief.cluster.features import Features
    from newsbrief.cluster.story_state import StoryState
    from newsbrief.cluster.stream import StreamClusterer

# Chosen on the link model's calibration clusters (Multi-News train 10,000-14,999, one undated stream of
# 5,000 clusters, ~14,000 articles in three parts; never on the bench's events), splitting every story of
# at least the given size after the whole stream: on-topic B-cubed F1 0.8555 without splits; split link
# 0.20-0.40 x size 4-12 gave 0.845-0.8615, a flat top of 0.860-0.8615 at 0.25-0.36 x 5-8; 0.30 / 6 (0.8612,
# precision 0.899 -> 0.931, recall 0.816 -> 0.801) is the cell whose four neighbours are all within 0.001.
# See bench/RESULTS.md, issue 27, "Ninth session".
SPLIT_LINK = 0.30
SPLIT_MIN_SIZE = 6
# The newest members a check reads: bounds a check's cost whatever the story's size.
SPLIT_MAX_MEMBERS = 200


def cohesion(norm: float, weight: float) -> float:
    """Mean pairwise cosine of a story's articles, from the length of their summed unit vectors.

    The sum of n unit vectors has squared length n + 2 * (the sum of their pairwise cosines).
    """
    return (norm * norm - weight) / (weight * (weight - 1.0)) if weight > 1.0 else 1.0


def partition(vectors: Sequence[Mapping[str, float]], *, link: float) -> list[list[int]]:
    """Group-average agglomerative clustering: the groups of ``vectors`` (indices, ascending, groups by
    their first index) whose average link, the mean cosine between their members, is at least ``link``.

    O(n^2) memory and O(n^3) time in the worst case for n vectors (n is at most ``SPLIT_MAX_MEMBERS``).
    """
    if len(vectors) < 2:
        return [list(range(len(vectors)))]
    terms = {t: i for i, t in enumerate(sorted({t for v in vectors for t in v}))}
    matrix = np.zeros((len(vectors), len(terms)))
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            matrix[row, terms[term]] = weight
    sums = matrix @ matrix.T  # summed cosines between groups (each vector its own group at first)
    sizes = np.ones(len(vectors))
    groups = [[i] for i in range(len(vectors))]
    active = list(range(len(vectors)))
    while len(active) > 1:
        index = np.array(active)
        average = sums[np.ix_(index, index)] / np.outer(sizes[index], sizes[index])
        np.fill_diagonal(average, -np.inf)
        i, j = np.unravel_index(int(np.argmax(average)), average.shape)
        if average[i, j] < link:
            break
        keep, drop = sorted((int(index[i]), int(index[j])))
        sums[keep, :] += sums[drop, :]
        sums[:, keep] += sums[:, drop]
        sizes[keep] += sizes[drop]
        groups[keep] += groups[drop]
        active.remove(drop)
    return sorted(sorted(groups[a]) for a in active)


def split_incoherent(clusterer: StreamClusterer, stories: Sequence[StoryState]) -> None:
    """Check each changed story of at least ``SPLIT_MIN_SIZE`` articles, and split those that fall apart."""
    done: set[int] = set()
    for story in stories:
        story = clusterer.resolve(story)
        # Dated stories are left to the time rules: a developing story's later reports join its earlier ones at
        # a low average link by design (the ramp, re-opening), and a split of one at 0.11 (the fragment pass's
        # own level) still cut the test stream's storm story in two.
        if story.key in done or story.size < SPLIT_MIN_SIZE or story.first is not None:
            continue
        done.add(story.key)
        members = clusterer.state.members(story, limit=SPLIT_MAX_MEMBERS)
        if len(members) < SPLIT_MIN_SIZE:
            continue
        vectors = clusterer.member_vectors(members)
        parts = partition(vectors, link=clusterer.split_link)
        if len(parts) > 1:
            _split(clusterer, story, members, vectors, parts, whole=len(members) == story.size)


def _split(clusterer: StreamClusterer, story: StoryState, members: Sequence[Features],
           vectors: Sequence[Mapping[str, float]], parts: list[list[int]], *, whole: bool) -> None:
    """Move every group but the oldest member's out of ``story`` into a story of its own.

    The moved articles' vectors (weighed as now) are taken out of the story's sum; when every member was
    read (``whole``), the story's span and title are made again from the members that stay.
    """
    from newsbrief.cluster.stream import INDEX_TERMS

    state = clusterer.state
    for part in parts[1:]:
        new = state.new_story(members[part[0]])
        terms: set[str] = set()
        for i in part:
            new.absorb(vectors[i], members[i].names, members[i].time, fade=clusterer.fade)
            new.retitle(members[i].title, members[i].title_from_text, new.centrality(vectors[i]))
            story.remove(vectors[i], members[i].names)
            terms.update(sorted(vectors[i], key=vectors[i].__getitem__, reverse=True)[:INDEX_TERMS])
        state.index(new, sorted(terms))
        state.move([members[i].article_id for i in part], story, new)
        state.touched(new)
        clusterer.split_off.append((story, new, tuple(members[i].article_id for i in part)))
    if whole:
        story.first = story.last = None
        story.title, story.title_from_text, story.title_score = members[0].title, members[0].title_from_text, 0.0
        for i in parts[0]:
            story.extend(members[i].time, members[i].time)
            story.retitle(members[i].title, members[i].title_from_text, story.centrality(vectors[i]))
    state.touched(story)
