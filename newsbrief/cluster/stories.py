"""Grouping a pile of articles into stories in one go (the in-memory use of the stream clusterer)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from newsbrief.cluster.features import MAX_WORDS, Features, article_features
from newsbrief.cluster.memory import MemoryState
from newsbrief.cluster.stream import (
    HORIZON_SECONDS,
    JOIN_THRESHOLD,
    MERGE_THRESHOLD,
    NAME_WEIGHT,
    WINDOW_SECONDS,
    StreamClusterer,
)
from newsbrief.datatypes import Article, Story
from newsbrief.errors import ConfigError


def cluster(articles: Sequence[Article], *, threshold: float = JOIN_THRESHOLD,
            merge_threshold: float = MERGE_THRESHOLD, name_weight: float = NAME_WEIGHT,
            window: timedelta | float | None = WINDOW_SECONDS,
            horizon: timedelta | float | None = HORIZON_SECONDS, max_words: int = MAX_WORDS,
            **options: Any) -> list[Story]:
    """Group articles about the same event into stories.

    The articles are read in the given order by the same incremental clusterer
    that the store uses, as one batch, so term weights come from the whole pile.

    Args:
        articles: the articles, in the order they should be read.
        threshold: the mean cosine (TF-IDF) from which an article joins a story.
        merge_threshold: the average link from which a bridging article merges two stories.
        name_weight: the weight of shared capitalised names in the similarity.
        window: a story's quiet period (a timedelta or seconds; None: no limit): a dated
            article within it of a story joins more easily the closer in time it is; past it
            the story is closed and re-opens only for a strong match. Undated articles ignore it.
        horizon: articles further apart in time than this never share a story (None: no limit
            beyond the window).
        max_words: the words of each text read.

    Returns:
        Stories in the order they were opened; each lists its article ids in input order.

    Raises:
        ConfigError: an unknown option or a threshold outside [0, 1].
    """
    if options:
        raise ConfigError(f"unknown clustering option {sorted(options)[0]!r}; valid: threshold, merge_threshold, "
                          "name_weight, window, horizon, max_words")
    for name, value in (("threshold", threshold), ("merge_threshold", merge_threshold)):
        if not 0.0 <= value <= 1.0:
            raise ConfigError(f"{name} must be between 0 and 1, got {value}")
    seconds = window.total_seconds() if isinstance(window, timedelta) else window
    return cluster_features(articles, [article_features(a, max_words=max_words) for a in articles],
                            threshold=threshold, merge_threshold=merge_threshold, name_weight=name_weight,
                            window=seconds,
                            horizon=horizon.total_seconds() if isinstance(horizon, timedelta) else horizon)


def cluster_features(articles: Sequence[Article], features: Sequence[Features], *, threshold: float,
                     merge_threshold: float, name_weight: float, window: float | None,
                     horizon: float | None) -> list[Story]:
    """:func:`cluster` of articles whose features are already made (``features[i]`` of ``articles[i]``),
    for a caller that reads them too (``pile.pile_stories``); times in seconds."""
    clusterer = StreamClusterer(MemoryState(), threshold=threshold, merge_threshold=merge_threshold,
                                name_weight=name_weight, window=window, horizon=horizon)
    placed = clusterer.add(features)
    members: dict[int, list[str]] = {}
    stories = {}
    for article, story in zip(articles, placed, strict=True):
        members.setdefault(story.key, []).append(article.id)
        stories[story.key] = story
    return [Story(id=stories[key].id, article_ids=tuple(ids), title=stories[key].title)
            for key, ids in sorted(members.items())]
