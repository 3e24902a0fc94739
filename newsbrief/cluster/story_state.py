"""A story as the clusterer works on it: its summed term vector, names, time span and title.

Kept apart from the clusterer (``stream``) because the stores (``memory``, ``storage.state``) load and
save it too; it knows nothing of thresholds, only of its own sums.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from operator import mul

# A story's stored term vector keeps its heaviest terms only, so its size stays bounded.
MAX_STORY_TERMS = 1000
MAX_STORY_NAMES = 300


def story_id_for(founder_id: str) -> str:
    """A story's id: from the id of the article that opened it, so re-running an ingest gives the same ids."""
    return "s" + hashlib.sha1(founder_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]


@dataclass(eq=False)
class StoryState:
    """A story as the clusterer works on it (mutable; saved by its ClusterState)."""

    key: int
    id: str
    title: str
    title_from_text: bool
    vector: dict[str, float] = field(default_factory=dict)  # sum of the articles' unit TF-IDF vectors
    size: int = 0
    names: Counter[str] = field(default_factory=Counter)
    first: float | None = None
    last: float | None = None
    mass: float = 0.0  # summed article weights in ``vector`` (0: unfaded, use ``size``)
    title_score: float = 0.0  # how central the title's article was in the story when it gave the title
    _norm: float | None = field(default=None, init=False, repr=False)  # length of ``vector``, until it changes
    # The last article vector scored against this story and the dot product, until the story changes: scoring a
    # candidate and then taking the link model's features of it asked for the same product twice.
    _last_dot: tuple[Mapping[str, float], float] | None = field(default=None, init=False, repr=False)

    def dot(self, vector: Mapping[str, float]) -> float:
        """An article's dot product with the summed article vectors."""
        last = self._last_dot
        if last is not None and last[0] is vector:
            return last[1]
        # map() over dict.get keeps the loop in C: 5x faster than a generator on the dev box.
        dot = sum(map(mul, vector.values(), map(self.vector.get, vector.keys(), repeat(0.0))))
        self._last_dot = (vector, dot)
        return dot

    def forget_norm(self) -> None:
        """``vector`` was replaced or changed: its length and dot products are measured again when next asked."""
        self._norm = None
        self._last_dot = None

    @property
    def norm(self) -> float:
        """The length of the summed article vectors (cached: the link model asks for it per candidate)."""
        if self._norm is None:
            self._norm = math.sqrt(sum(map(mul, self.vector.values(), self.vector.values())))
        return self._norm

    def similarity(self, vector: Mapping[str, float], names: frozenset[str], *, name_weight: float) -> float:
        """Mean cosine of an article to this story's articles, plus the name bonus."""
        if not self.size:
            return 0.0
        score = self.dot(vector) / self.weight
        if names and name_weight:
            score += name_weight * sum(1 for n in names if n in self.names) / len(names)
        return score

    def link(self, other: StoryState) -> float:
        """Average link: the mean cosine between this story's articles and the other's."""
        small, large = sorted((self.vector, other.vector), key=len)
        dot = sum(map(mul, small.values(), map(large.get, small.keys(), repeat(0.0))))
        return dot / (self.weight * other.weight or 1)

    @property
    def weight(self) -> float:
        """The articles' summed weights in ``vector`` (their count when nothing fades)."""
        return self.mass or float(self.size)

    def in_window(self, time: float | None, window: float | None) -> bool:
        return self.gap(time) <= (float("inf") if window is None else window)

    def gap(self, time: float | None) -> float:
        """Seconds between ``time`` and the nearest end of this story's span (0 inside it or undated)."""
        if time is None or self.first is None or self.last is None:
            return 0.0
        return max(0.0, time - self.last, self.first - time)

    def absorb(self, vector: Mapping[str, float], names: Iterable[str], time: float | None, *,
               fade: float = 0.0) -> None:
        """Add an article; with ``fade`` (seconds), older articles weigh ``exp(-age / fade)``."""
        weight = self._faded(time, fade)
        self.mass = self.weight + weight
        self.forget_norm()
        for t, w in vector.items():
            self.vector[t] = self.vector.get(t, 0.0) + w * weight
        self.size += 1
        self.names.update(names)
        self.extend(time, time)

    def absorb_story(self, other: StoryState, *, fade: float = 0.0) -> None:
        weight = self._faded(other.last, fade)
        self.mass = self.weight + other.weight * weight
        self.forget_norm()
        for t, w in other.vector.items():
            self.vector[t] = self.vector.get(t, 0.0) + w * weight
        self.size += other.size
        self.names.update(other.names)
        self.extend(other.first, other.last)

    def remove(self, vector: Mapping[str, float], names: Iterable[str]) -> None:
        """Take an article out again (a split): its vector as weighed now, so small remainders are dropped."""
        for t, w in vector.items():
            left = self.vector.get(t, 0.0) - w
            if left > 1e-6:
                self.vector[t] = left
            else:
                self.vector.pop(t, None)
        self.size -= 1
        self.mass = max(self.mass - 1.0, 0.0) if self.mass else 0.0
        self.forget_norm()
        self.names.subtract(names)
        self.names = +self.names

    def _faded(self, time: float | None, fade: float) -> float:
        """The weight of what arrives at ``time``; when it is newer than the story, the story fades instead."""
        if not fade or time is None or self.last is None:
            return 1.0
        if time > self.last:
            self._scale(math.exp(-(time - self.last) / fade))
            return 1.0
        return math.exp(-(self.last - time) / fade)

    def _scale(self, factor: float) -> None:
        self.mass = self.weight * factor
        self.forget_norm()
        for t in self.vector:
            self.vector[t] *= factor

    def extend(self, first: float | None, last: float | None) -> None:
        if first is not None:
            self.first = first if self.first is None else min(self.first, first)
        if last is not None:
            self.last = last if self.last is None else max(self.last, last)

    def retitle(self, title: str, from_text: bool, score: float) -> None:
        """Prefer a real headline over a lead sentence, and of two of a kind the more central one."""
        if (self.title_from_text and not from_text) or (from_text == self.title_from_text
                                                         and score > self.title_score):
            self.title, self.title_from_text, self.title_score = title, from_text, score

    def centrality(self, vector: Mapping[str, float]) -> float:
        """Mean cosine of a member article (already absorbed) to the story's other articles."""
        if self.size < 2 or self.weight <= 1.0:
            return 0.0
        dot = sum(map(mul, vector.values(), map(self.vector.get, vector.keys(), repeat(0.0))))
        return (dot - 1.0) / (self.weight - 1.0)

    def pruned_vector(self) -> dict[str, float]:
        if len(self.vector) <= MAX_STORY_TERMS:
            return self.vector
        return dict(heapq.nlargest(MAX_STORY_TERMS, self.vector.items(), key=lambda item: item[1]))

    def pruned_names(self) -> dict[str, int]:
        return dict(self.names.most_common(MAX_STORY_NAMES))
