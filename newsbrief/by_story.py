"""One brief per story of a pile: what ``brief --by-story`` and ``"by_story": true`` give."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from newsbrief.cluster.pile import pile_stories
from newsbrief.datatypes import Article, Brief, Story
from newsbrief.errors import EmptyInputError
from newsbrief.pipeline import brief


def brief_by_story(articles: Sequence[Article], *, stories: Sequence[Story] | None = None,
                   **brief_options: Any) -> list[Brief]:
    """Group a pile into its stories and brief each, largest story first.

    Args:
        articles: the pile.
        stories: its stories, when already known (``pile_stories``); default: grouped here, after leaving
            out the pages that report no event (``drop_junk``), as ``ingest`` does.
        **brief_options: passed to ``newsbrief.brief`` for every story (budget, method, sections, …);
            the budget applies to each story's brief.

    Returns:
        One Brief per story that has a sentence to brief; its ``story_id`` and ``title``
        are the story's, its sources the story's articles in input order.

    Raises:
        EmptyInputError: no articles, or no story with a sentence.
    """
    if not articles:
        raise EmptyInputError("no articles to brief")
    by_id = {a.id: a for a in articles}
    briefs = []
    for story in pile_stories(drop_junk(articles)[0]) if stories is None else stories:
        try:
            result = brief([by_id[i] for i in story.article_ids], story_id=story.id, **brief_options)
        except EmptyInputError:
            continue  # a story of boilerplate alone: nothing to brief, the other stories still are
        briefs.append(dataclasses.replace(result, title=story.title))
    if not briefs:
        raise EmptyInputError("no sentence found in the input (after removing boilerplate)")
    return briefs


def drop_junk(articles: Sequence[Article]) -> tuple[list[Article], list[Article]]:
    """The articles that report an event, and the pages that do not (cookie walls, widgets, notices).

    The same model ``ingest`` keeps such pages out of stories with (``newsbrief.ingest.junk``), so a
    "Tweet with a location…" page does not become a story of its own. If every article looks like
    junk, all are kept: the user asked for a brief of them, and the model can be wrong.
    """
    from newsbrief.errors import ModelUnavailableError
    from newsbrief.ingest.junk import default_detector

    try:
        detector = default_detector()
    except ModelUnavailableError:
        return list(articles), []
    flags = detector.flags(a.text for a in articles)
    kept = [a for a, junk in zip(articles, flags, strict=True) if not junk]
    if not kept:
        return list(articles), []
    return kept, [a for a, junk in zip(articles, flags, strict=True) if junk]


def several_stories_note(stories: Sequence[Story], *, how: str) -> str | None:
    """One line saying that the articles form several stories and how to brief each, or None for one story."""
    if len(stories) < 2:
        return None
    sizes = [len(s.article_ids) for s in stories]
    shown = ", ".join(str(n) for n in sizes[:5]) + (", …" if len(sizes) > 5 else "")
    return (f"the {sum(sizes)} articles form {len(stories)} stories ({shown} articles); this brief covers them "
            f"all; {how} for one brief per story")
