"""Briefs saved back into the store: made once (by ``newsbrief batch --stories``), served many times.

A saved brief is keyed by its story and by the options that shape it, and it
remembers which articles it briefed. When the story gains an article (or takes
in another story), the saved brief no longer matches and is not served: the
caller briefs the story afresh.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsbrief.datatypes import Budget, parse_sections


def options_key(*, budget: Budget | str | int, method: str, sections: Any, truncate: bool,
                explain: bool = False) -> str:
    """The options that shape a brief, as one canonical string (equal options, equal strings)."""
    from newsbrief.pipeline import resolve_method

    return json.dumps({"budget": Budget.parse(budget).to_dict(), "method": resolve_method(method),
                       "sections": list(parse_sections(sections)), "truncate": bool(truncate),
                       "explain": bool(explain)}, sort_keys=True, separators=(",", ":"))


def articles_key(article_ids: Iterable[str]) -> str:
    """Which articles a brief was made of, order aside."""
    return hashlib.sha1("\n".join(sorted(article_ids)).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class SavedBrief:
    """One brief to save: the ``newsbrief.brief/1`` JSON of a story under some options."""

    story_id: str
    options: str  # options_key(...)
    document: str
    articles: str = ""  # articles_key of the briefed sources; read from the document when not given

    def __post_init__(self) -> None:
        if not self.articles:
            object.__setattr__(self, "articles", sources_key(json.loads(self.document)))


def sources_key(document: dict[str, Any]) -> str:
    """The articles key of a ``newsbrief.brief/1`` document's sources."""
    return articles_key(str(source["article_id"]) for source in document.get("sources") or [])


def save(db: sqlite3.Connection, story_key: int, brief: SavedBrief) -> None:
    """Insert or replace one saved brief, inside the caller's transaction."""
    db.execute("INSERT OR REPLACE INTO saved_briefs (story, options, articles, made_at, document) "
               "VALUES (?, ?, ?, ?, ?)",
               (story_key, brief.options, brief.articles, datetime.now(UTC).isoformat(timespec="seconds"),
                brief.document))


def load(db: sqlite3.Connection, story_key: int, options: str, current: str) -> str | None:
    """The saved document of a story under ``options``, if it was made of the ``current`` articles."""
    row = db.execute("SELECT articles, document FROM saved_briefs WHERE story = ? AND options = ?",
                     (story_key, options)).fetchone()
    if row is None or row[0] != current:
        return None
    return str(row[1])
