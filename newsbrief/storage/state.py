"""The stream clusterer's state kept in the store, read and written inside the ingest transaction.

Only what a batch needs is read: the document frequencies of the batch's
terms and the stories the inverted index offers as candidates. Loaded stories
are cached for the batch, with clean ones evicted past a bound, so memory
follows the batch, not the store.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence

from newsbrief.cluster.features import Features
from newsbrief.cluster.stream import StoryState, story_id_for

# SQLite allows 32,766 parameters a statement (3.32+); stay well under, for old builds too.
_CHUNK = 900
# Unchanged stories kept loaded at most (least recently used go first); changed
# ones stay until the batch is saved. With at most MAX_STORY_TERMS terms a
# stored story, this bounds the clusterer's memory whatever the store's size.
# On Multi-News dev N=500 (5 batches), 512 ran at 290-325 articles/s CPU
# against 220-250 for 128 (stories are reloaded less), same clustering.
CACHE_STORIES = 512


class SQLiteState:
    """A ClusterState over the store's ``terms``, ``stories`` and ``story_terms`` tables."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.cache: dict[int, StoryState] = {}
        self.dirty: set[int] = set()
        self.created: list[int] = []

    # --- term counts ---------------------------------------------------------------------------

    def count_documents(self, term_sets: Sequence[Iterable[str]]) -> None:
        counts: Counter[str] = Counter()
        for terms in term_sets:
            counts.update(set(terms))
        self.db.executemany("INSERT INTO terms (term, df) VALUES (?, ?) "
                            "ON CONFLICT (term) DO UPDATE SET df = df + excluded.df", counts.items())
        self.db.execute("INSERT INTO meta (key, value) VALUES ('documents', ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + excluded.value",
                        (len(term_sets),))

    def document_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        df: dict[str, int] = {}
        wanted = list(terms)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            df.update(self.db.execute(f"SELECT term, df FROM terms WHERE term IN ({marks})", chunk).fetchall())
        row = self.db.execute("SELECT value FROM meta WHERE key = 'documents'").fetchone()
        return df, int(row[0]) if row else 0

    # --- stories ------------------------------------------------------------------------------

    def candidates(self, terms: Sequence[str], *, time: float | None, window: float | None,
                   limit: int) -> list[StoryState]:
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        sql = (f"SELECT st.story FROM story_terms AS st JOIN stories AS s ON s.key = st.story "
               f"WHERE st.term IN ({marks}) AND s.merged_into IS NULL")
        params: list[object] = list(terms)
        if time is not None and window is not None:
            sql += " AND (s.last_time IS NULL OR s.last_time >= ?) AND (s.first_time IS NULL OR s.first_time <= ?)"
            params += [time - window, time + window]
        sql += " GROUP BY st.story ORDER BY COUNT(*) DESC, st.story LIMIT ?"
        keys = [key for (key,) in self.db.execute(sql, [*params, limit])]
        return [self.load(key) for key in keys]

    def load(self, key: int) -> StoryState:
        story = self.cache.pop(key, None)
        if story is not None:
            self.cache[key] = story  # most recently used last
            return story
        row = self.db.execute("SELECT key, id, title, title_from_text, first_time, last_time, size, vector, names, "
                              "title_score, mass FROM stories WHERE key = ?", (key,)).fetchone()
        story = StoryState(key=row[0], id=row[1], title=row[2], title_from_text=bool(row[3]), first=row[4],
                           last=row[5], size=row[6], vector=json.loads(row[7]), names=Counter(json.loads(row[8])),
                           title_score=row[9], mass=row[10])
        self._evict()
        self.cache[key] = story
        return story

    def _evict(self) -> None:
        excess = len(self.cache) - len(self.dirty) - CACHE_STORIES + 1
        if excess <= 0:
            return
        for key in [k for k in self.cache if k not in self.dirty][:excess]:
            del self.cache[key]

    def new_story(self, features: Features) -> StoryState:
        story_id = story_id_for(features.article_id)
        cursor = self.db.execute(
            "INSERT INTO stories (id, title, title_from_text, first_time, last_time, size, vector, names) "
            "VALUES (?, ?, ?, ?, ?, 0, '{}', '{}')",
            (story_id, features.title, int(features.title_from_text), features.time, features.time))
        story = StoryState(key=int(cursor.lastrowid or 0), id=story_id, title=features.title,
                           title_from_text=features.title_from_text, first=features.time, last=features.time)
        self.cache[story.key] = story
        self.created.append(story.key)
        return story

    def index(self, story: StoryState, terms: Iterable[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO story_terms (term, story) VALUES (?, ?)",
                            [(term, story.key) for term in terms])

    def merge(self, keep: StoryState, drop: StoryState) -> None:
        db = self.db
        db.execute("INSERT OR IGNORE INTO story_terms (term, story) SELECT term, ? FROM story_terms WHERE story = ?",
                   (keep.key, drop.key))
        db.execute("DELETE FROM story_terms WHERE story = ?", (drop.key,))
        db.execute("UPDATE articles SET story = ? WHERE story = ?", (keep.key, drop.key))
        db.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (keep.key, drop.key))
        db.execute("UPDATE stories SET merged_into = ?, size = 0, vector = '{}', names = '{}' WHERE key = ?",
                   (keep.key, drop.key))
        db.execute("DELETE FROM saved_briefs WHERE story = ?", (drop.key,))  # it briefed a story no longer listed
        self.cache.pop(drop.key, None)
        self.dirty.discard(drop.key)

    def touched(self, story: StoryState) -> None:
        """Note the change; times are written at once so the window filter of the next lookup sees them."""
        self.dirty.add(story.key)
        self.cache[story.key] = story  # the object that changed is the one flush saves
        self.db.execute("UPDATE stories SET first_time = ?, last_time = ? WHERE key = ?",
                        (story.first, story.last, story.key))

    def flush(self) -> None:
        rows = []
        for key in sorted(self.dirty):
            story = self.cache[key]
            rows.append((story.title, int(story.title_from_text), story.title_score, story.mass, story.first,
                         story.last, story.size,
                         json.dumps(story.pruned_vector(), separators=(",", ":")),
                         json.dumps(story.pruned_names(), separators=(",", ":"), ensure_ascii=False), key))
        self.db.executemany("UPDATE stories SET title = ?, title_from_text = ?, title_score = ?, mass = ?, "
                            "first_time = ?, last_time = ?, size = ?, vector = ?, names = ? WHERE key = ?", rows)
        self.dirty.clear()
