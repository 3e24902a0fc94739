"""Briefs of stored stories, and update briefs: only what is new since a given time.

An update brief reads the story's articles from ``since`` on (by published
date, or ingest time for undated articles) and leaves out every sentence of
theirs that an older article of the story already states. A new sentence
counts as already stated when at least ``KNOWN_COVERAGE`` of its content
words (stemmed, stop words dropped) occur in one single older sentence; this
is sentence-level containment, so a new sentence that adds a name, a number
or a place to an old fact stays in. Left-out sentences are blanked in place
(replaced by spaces of the same length), so the brief is made by the usual
pipeline and every citation still points at the original article text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from newsbrief.datatypes import Article, Brief
from newsbrief.errors import EmptyInputError
from newsbrief.represent.tokens import content_terms
from newsbrief.segment.sentences import split_sentences

# Share of a new sentence's content words that one older sentence must hold for
# the new one to count as already stated. Set on the seed story (source 1 as
# "old", source 2 as "new"): at 0.7 four sentences are left out (the weekend
# delivery of the letter, the Moon quote, Trump's two "doing very well" quotes)
# and Bolton's accusation is kept; 0.5 left out 7 (new detail too), 0.85 only 2.
KNOWN_COVERAGE = 0.7
# Sentences with fewer content words are too short to judge and are kept.
MIN_TERMS = 3


class StoryReader(Protocol):
    """What ``brief_story`` needs of a store (``newsbrief.Store`` has it)."""

    def story(self, story_id: str) -> Any: ...

    def story_articles(self, story_id: str, *, since: datetime | None = None) -> list[Article]: ...


def brief_story(store: StoryReader, story_id: str, *, since: datetime | None = None, **brief_options: Any) -> Brief:
    """The brief of a stored story, or with ``since`` an update brief of what is new.

    Args:
        store: an open ``Store``.
        story_id: the story (the id of a story merged into another gives that other story).
        since: only articles from this time on, and only what older articles did not already say.
        **brief_options: passed to ``newsbrief.brief`` (budget, method, sections, truncate, repeated).

    Returns:
        A Brief whose ``story_id`` is the story's id and whose sources are the
        articles briefed (with ``since``: the new articles only).

    Raises:
        NotFoundError: no story has this id.
        EmptyInputError: nothing in the story since ``since``, or nothing new in what was.
    """
    from newsbrief.pipeline import brief

    if since is None:
        info = store.story(story_id)
        return brief(store.story_articles(info.id), story_id=info.id, **brief_options)
    resolved, new, old = split_since(store, story_id, since)
    return update_brief(new, old, story_id=resolved, since=since, **brief_options)


def split_since(store: StoryReader, story_id: str, since: datetime) -> tuple[str, list[Article], list[Article]]:
    """A story's id, its articles from ``since`` on, and its older ones.

    Raises:
        NotFoundError: no story has this id.
        EmptyInputError: the story has no article since ``since``.
    """
    info = store.story(story_id)
    new = store.story_articles(info.id, since=since)
    if not new:
        raise EmptyInputError(f"story {info.id} has no article since {since.isoformat()}; "
                              f"its latest is from {info.last_seen.isoformat()}")
    new_ids = {a.id for a in new}
    return info.id, new, [a for a in store.story_articles(info.id) if a.id not in new_ids]


def update_brief(new: Sequence[Article], old: Sequence[Article], *, story_id: str, since: datetime,
                 **brief_options: Any) -> Brief:
    """The update brief of a story from its ``new`` articles, leaving out what its ``old`` ones already said.

    Raises:
        EmptyInputError: the new articles repeat what the old ones said.
    """
    from newsbrief.pipeline import brief

    if not old:
        return _with_note(brief(new, story_id=story_id, **brief_options),
                          f"update since {since.isoformat()}: every article of the story is new")
    masked, left_out = mask_known(new, old)
    if all(not a.text.strip() for a in masked):
        raise EmptyInputError(f"the {len(new)} article(s) of story {story_id} since {since.isoformat()} "
                              f"repeat what its {len(old)} earlier article(s) said; nothing new to brief")
    result = brief(masked, story_id=story_id, **brief_options)
    note = (f"update since {since.isoformat()}: {len(new)} new article(s); {left_out} sentence(s) that the "
            f"{len(old)} earlier article(s) already state were left out")
    return _with_note(dataclasses.replace(result, sources=_originals(result, new)), note)


def mask_known(new: Sequence[Article], old: Sequence[Article], *,
               coverage: float = KNOWN_COVERAGE) -> tuple[list[Article], int]:
    """The new articles with every sentence that an old article already states blanked out.

    Returns:
        The articles (same ids and lengths; blanked sentences are spaces) and how many sentences were blanked.
    """
    old_terms = [set(terms) for article in old for sentence in split_sentences(article.text, article_id=article.id)
                 if len(terms := content_terms(sentence.text)) >= 1]
    index: dict[str, list[int]] = {}
    for number, terms in enumerate(old_terms):
        for term in terms:
            index.setdefault(term, []).append(number)
    out: list[Article] = []
    blanked = 0
    for article in new:
        text = list(article.text)
        for sentence in split_sentences(article.text, article_id=article.id):
            terms = set(content_terms(sentence.text))
            if len(terms) < MIN_TERMS or not _is_known(terms, old_terms, index, coverage):
                continue
            for i in range(sentence.start, sentence.end):
                if text[i] != "\n":
                    text[i] = " "
            blanked += 1
        out.append(dataclasses.replace(article, text="".join(text)))
    return out, blanked


def _is_known(terms: set[str], old_terms: list[set[str]], index: dict[str, list[int]], coverage: float) -> bool:
    counts: dict[int, int] = {}
    for term in terms:
        for number in index.get(term, ()):
            counts[number] = counts.get(number, 0) + 1
    return bool(counts) and max(counts.values()) >= coverage * len(terms)


def _originals(result: Brief, new: Sequence[Article]) -> tuple[Article, ...]:
    """The brief's sources as stored: blanking changed no offset, so every citation still fits.

    Should a cited span ever reach into a blanked stretch, the blanked texts stay
    the sources, so the brief still checks out against what it shows.
    """
    by_id = {a.id: a for a in new}
    masked = {a.id: a for a in result.sources}
    for sentence in result.sentences:
        for c in sentence.citations:
            if masked[c.article_id].text[c.start:c.end] != by_id[c.article_id].text[c.start:c.end]:
                return result.sources
    return tuple(by_id.get(a.id, a) for a in result.sources)


def _with_note(result: Brief, note: str) -> Brief:
    return dataclasses.replace(result, notes=(*result.notes, note))
