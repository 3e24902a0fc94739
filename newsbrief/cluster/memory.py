"""The stream clusterer's state held in memory, for clustering a pile of articles once (and for training)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice

from newsbrief.cluster.features import Features
from newsbrief.cluster.story_state import StoryState, story_id_for
from newsbrief.cluster.stream import MAX_POSTINGS


class MemoryState:
    """A ClusterState held in memory, for clustering a pile of articles once."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.stories: dict[int, StoryState] = {}
        self.postings: dict[str, dict[int, None]] = {}  # term -> story keys, the latest indexed last
        self.terms_of: dict[int, set[str]] = {}
        self.members_of: dict[int, list[tuple[int, Features]]] = {}  # story key -> (arrival, features)
        self._next_key = 0
        self._arrivals = 0
        self.postings_read = 0

    def count_documents(self, term_sets: Sequence[Iterable[str]]) -> None:
        for terms in term_sets:
            self.df.update(set(terms))
        self.n_docs += len(term_sets)

    def document_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        return {t: self.df[t] for t in terms}, self.n_docs

    def candidates(self, terms: Sequence[str], *, time: float | None, window: float | None,
                   limit: int) -> list[StoryState]:
        hits: Counter[int] = Counter()
        for term in terms:
            keys = self.postings.get(term, {})
            newest = list(keys) if len(keys) <= MAX_POSTINGS else list(islice(reversed(keys), MAX_POSTINGS))
            self.postings_read += len(newest)
            hits.update(newest)
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        live = (self.stories[key] for key, _ in ranked)
        return list(islice((story for story in live if story.in_window(time, window)), limit))

    def new_story(self, features: Features) -> StoryState:
        key = self._next_key = self._next_key + 1
        story = StoryState(key=key, id=story_id_for(features.article_id), title=features.title,
                           title_from_text=features.title_from_text)
        self.stories[key] = story
        self.terms_of[key] = set()
        return story

    def index(self, story: StoryState, terms: Iterable[str]) -> None:
        for term in terms:
            self.postings.setdefault(term, {})[story.key] = None
            self.terms_of[story.key].add(term)

    def merge(self, keep: StoryState, drop: StoryState) -> None:
        for term in self.terms_of[drop.key]:
            keys = self.postings[term]
            keys.pop(drop.key, None)
            keys[keep.key] = None
        self.terms_of[keep.key] |= self.terms_of.pop(drop.key)
        self.members_of[keep.key] = sorted(self.members_of.get(keep.key, []) + self.members_of.pop(drop.key, []),
                                           key=lambda item: item[0])
        del self.stories[drop.key]

    def joined(self, story: StoryState, features: Features) -> None:
        self._arrivals += 1
        self.members_of.setdefault(story.key, []).append((self._arrivals, features))

    def members(self, story: StoryState, *, limit: int) -> list[Features]:
        return [f for _, f in self.members_of.get(story.key, [])[-limit:]]

    def move(self, article_ids: Sequence[str], source: StoryState, target: StoryState) -> None:
        moving = frozenset(article_ids)
        kept = self.members_of.get(source.key, [])
        self.members_of[source.key] = [item for item in kept if item[1].article_id not in moving]
        self.members_of.setdefault(target.key, []).extend(item for item in kept if item[1].article_id in moving)
        self.members_of[target.key].sort(key=lambda item: item[0])

    def touched(self, story: StoryState) -> None:
        pass

    def flush(self) -> None:
        pass
