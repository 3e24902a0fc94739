"""The values the store hands out: a story's summary and the report of one ingest."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsbrief.datatypes import Article, Problem


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """A story of the store: its articles' ids (as given in the input) and where they came from.

    ``first_seen``/``last_seen`` are the times of its earliest and latest article:
    the published date, or for an undated article the time it was ingested.
    ``article_ids`` include reposts grouped with an article (``duplicates`` of them).
    """

    id: str
    title: str
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime
    duplicates: int = 0
    merged_ids: tuple[str, ...] = ()  # ids of stories that were merged into this one
    junk: bool = False  # a page that reports no event, in a story of its own: never briefed

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "articles": list(self.article_ids),
                "sources": list(self.sources), "first_seen": self.first_seen.isoformat(),
                "last_seen": self.last_seen.isoformat(), "duplicates": self.duplicates,
                "merged_ids": list(self.merged_ids), "junk": self.junk}


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ``Store.add_articles`` call did (one transaction).

    ``unchanged`` articles were already stored (same id, same text): re-running
    an ingest adds nothing. ``duplicates`` were new ids whose URL or text matches
    a stored article; they are grouped with it and add no facts of their own.
    """

    given: int
    added: int
    duplicates: int
    unchanged: int
    stories_created: tuple[str, ...]
    stories_updated: tuple[str, ...]
    stories_merged: tuple[tuple[str, str], ...]  # (merged story id, id of the story it joined)
    problems: tuple[Problem, ...] = ()
    article_stories: tuple[tuple[str, str], ...] = ()  # (article id, story id) for every article added
    junk: tuple[str, ...] = ()  # ids of the articles added as junk pages (each in a story of its own, never briefed)

    @property
    def stories_touched(self) -> tuple[str, ...]:
        return self.stories_created + self.stories_updated

    def to_dict(self) -> dict[str, Any]:
        return {"given": self.given, "added": self.added, "duplicates": self.duplicates,
                "unchanged": self.unchanged, "skipped": len(self.problems),
                "stories_created": list(self.stories_created), "stories_updated": list(self.stories_updated),
                "stories_merged": [{"story": a, "into": b} for a, b in self.stories_merged],
                "problems": [str(p) for p in self.problems], "junk": list(self.junk),
                "articles": [{"id": a, "story": s} for a, s in self.article_stories]}


def article_from_row(row: sqlite3.Row) -> Article:
    published = datetime.fromisoformat(row["published"]) if row["published"] else None
    meta = tuple((k, v) for k, v in json.loads(row["meta"] or "[]"))
    return Article(id=row["id"], text=row["text"], title=row["title"], source=row["source"], url=row["url"],
                   path=row["path"], published=published, language=row["language"], meta=meta)


def meta_to_json(meta: tuple[tuple[str, Any], ...]) -> str:
    return json.dumps([[str(k), v] for k, v in meta], ensure_ascii=False, default=str)


def from_timestamp(value: float) -> datetime:
    return datetime.fromtimestamp(value, tz=UTC)
