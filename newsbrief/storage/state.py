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

from newsbrief.cluster.features import Features, article_features
from newsbrief.cluster.story_state import MAX_STORY_NAMES, MAX_STORY_TERMS, StoryState, story_id_for
from newsbrief.cluster.stream import MAX_POSTINGS
from newsbrief.storage.records import article_from_row
from newsbrief.storage.vectors import pack, unpack

# SQLite allows 32,766 parameters a statement (3.32+); stay well under, for old builds too.
_CHUNK = 900
# Unchanged stories kept loaded at most (least recently used go first); changed
# ones stay until the batch is saved. With at most MAX_STORY_TERMS terms a
# stored story, this bounds the clusterer's memory whatever the store's size.
# On Multi-News dev N=500 (5 batches), 512 ran at 290-325 articles/s CPU
# against 220-250 for 128 (stories are reloaded less), same clustering.
CACHE_STORIES = 512


def _names(stored: str) -> Counter[str]:
    """A story's stored name counts (most stories of undated, lower-cased feeds have none)."""
    return Counter(json.loads(stored)) if stored != "{}" else Counter()


class StoryCache:
    """Stories loaded by one batch, kept for the next batch of the same ``Store`` (issue #27).

    A batch in the later part of a big ingest found most of its candidates among earlier stories and read each
    from SQLite again (JSON vectors). The clean stories of a committed batch stay (at most ``CACHE_STORIES``,
    the most recently used); they are dropped when a batch fails (its changes were rolled back) and when
    another connection has written the file since (SQLite's ``data_version`` changed), so the cache never
    disagrees with the file.
    """

    def __init__(self) -> None:
        self.stories: dict[int, StoryState] = {}
        self.version: tuple[int, int] | None = None

    @staticmethod
    def _version(db: sqlite3.Connection) -> tuple[int, int]:
        """What changes when another connection commits, and when this one adds a batch."""
        return (db.execute("PRAGMA data_version").fetchone()[0],
                db.execute("SELECT COALESCE(MAX(id), 0) FROM batches").fetchone()[0])

    def take(self, db: sqlite3.Connection) -> dict[int, StoryState]:
        """The stories to start a batch with (none when the file has changed since they were kept)."""
        if self._version(db) != self.version:
            self.stories = {}
        return self.stories

    def keep(self, state: SQLiteState) -> None:
        """After the state's batch was committed: keep its stories, within the bound, as the file holds them."""
        self.stories, self.version = state.cache, self._version(state.db)
        excess = len(self.stories) - CACHE_STORIES
        for key in list(self.stories)[:max(excess, 0)]:
            del self.stories[key]
        for story in self.stories.values():  # so that a story reads the same from the cache as from the file
            if len(story.vector) > MAX_STORY_TERMS or len(story.names) > MAX_STORY_NAMES:
                story.vector, story.names = story.pruned_vector(), Counter(story.pruned_names())
                story.forget_norm()

    def drop(self) -> None:
        """The batch failed: what it changed in memory was never stored."""
        self.stories, self.version = {}, None


class SQLiteState:
    """A ClusterState over the store's ``terms``, ``stories`` and ``story_terms`` tables."""

    def __init__(self, db: sqlite3.Connection, cache: dict[int, StoryState] | None = None):
        self.db = db
        self.cache: dict[int, StoryState] = {} if cache is None else cache  # least recently used first
        self.loads = 0  # stories read from the file (a cost counter)
        self.dirty: set[int] = set()
        self.created: list[int] = []
        self.postings_read = 0

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
        # Each term's newest MAX_POSTINGS entries (the primary key orders them), so a lookup reads a bounded
        # number of index entries however many stories a common term is in.
        postings = " UNION ALL ".join(["SELECT * FROM (SELECT story FROM story_terms WHERE term = ? "
                                       "ORDER BY story DESC LIMIT ?)"] * len(terms))
        params: list[object] = [x for term in terms for x in (term, MAX_POSTINGS)]
        # Counted and ranked by SQLite (the stories sharing most query terms first): counted in Python, the entries
        # read were a cost that grew with the store until each term's cap is full.
        hits = self.db.execute(f"SELECT story, COUNT(*) AS n FROM ({postings}) GROUP BY story ORDER BY n DESC, story",
                               params).fetchall()
        self.postings_read += sum(n for _, n in hits)
        if not hits:
            return []
        ranked = [key for key, _ in hits]
        filters: list[object] = []
        when = ""
        if time is not None and window is not None:
            when = " AND (last_time IS NULL OR last_time >= ?) AND (first_time IS NULL OR first_time <= ?)"
            filters = [time - window, time + window]
        # The filter runs on the best-ranked keys only, a few at a time, until ``limit`` pass: run on every key
        # read (up to 1,500) it was the largest cost of a later part of a big ingest (issue #27).
        found: list[int] = []
        step = 2 * limit
        for start in range(0, len(ranked), step):
            chunk = ranked[start:start + step]
            sql = f"SELECT key FROM stories WHERE key IN ({','.join('?' * len(chunk))}) AND merged_into IS NULL"
            live = {key for (key,) in self.db.execute(sql + when, [*chunk, *filters])}
            found += [key for key in chunk if key in live]
            if len(found) >= limit:
                break
        return self.load_many(found[:limit])

    def load(self, key: int) -> StoryState:
        return self.load_many([key])[0]

    def load_many(self, keys: Sequence[int]) -> list[StoryState]:
        """The stories, from the cache or else read in one statement (one a story was a cost that grew with the
        share of candidates not cached); each becomes the most recently used, in the order given."""
        rows = self._read([key for key in keys if key not in self.cache])
        stories = []
        for key in keys:
            story = self.cache.pop(key, None)
            if story is None:
                row = rows.get(key) or self._read([key])[key]  # evicted by this call since it was looked up
                story = StoryState(key=row[0], id=row[1], title=row[2], title_from_text=bool(row[3]), first=row[4],
                                   last=row[5], size=row[6], vector=unpack(row[7], row[8]),
                                   names=_names(row[9]), title_score=row[10], mass=row[11])
                self._evict()
            self.cache[key] = story  # most recently used last
            stories.append(story)
        return stories

    def _read(self, keys: Sequence[int]) -> dict[int, tuple]:
        """The stored rows of these stories, by key."""
        if not keys:
            return {}
        self.loads += len(keys)
        sql = ("SELECT key, id, title, title_from_text, first_time, last_time, size, terms, weights, names, "
               f"title_score, mass FROM stories WHERE key IN ({','.join('?' * len(keys))})")
        return {row[0]: row for row in self.db.execute(sql, list(keys))}

    def _evict(self) -> None:
        excess = len(self.cache) - len(self.dirty) - CACHE_STORIES + 1
        if excess <= 0:
            return
        # A quarter of the bound at once: evicting one at a time scanned the cache on every load.
        excess += CACHE_STORIES // 4
        for key in [k for k in self.cache if k not in self.dirty][:excess]:
            del self.cache[key]

    def new_story(self, features: Features) -> StoryState:
        story_id = story_id_for(features.article_id)
        values = (features.title, int(features.title_from_text), features.time, features.time)
        # A split (``cluster.coherence``) can give a story back the id it had before it was merged in.
        row = self.db.execute("SELECT key FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is not None:
            self.db.execute("UPDATE stories SET merged_into = NULL, title = ?, title_from_text = ?, first_time = ?, "
                            "last_time = ?, size = 0, vector = '{}', terms = '', weights = x'', names = '{}', "
                            "title_score = 0, mass = 0 WHERE key = ?", (*values, row[0]))
            key = int(row[0])
        else:
            key = int(self.db.execute(
                "INSERT INTO stories (id, title, title_from_text, first_time, last_time, size, vector, names) "
                "VALUES (?, ?, ?, ?, ?, 0, '{}', '{}')", (story_id, *values)).lastrowid or 0)
        story = StoryState(key=key, id=story_id, title=features.title,
                           title_from_text=features.title_from_text, first=features.time, last=features.time)
        self.cache[story.key] = story
        self.created.append(story.key)
        return story

    def index(self, story: StoryState, terms: Iterable[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO story_terms (term, story) VALUES (?, ?)",
                            [(term, story.key) for term in terms])

    def joined(self, story: StoryState, features: Features) -> None:
        """Nothing to keep: the store writes the article with its story, and ``members`` reads it back."""

    def members(self, story: StoryState, *, limit: int) -> list[Features]:
        """The story's newest ``limit`` stored articles (not duplicates or junk), their features made again."""
        rows = self.db.execute("SELECT * FROM articles WHERE story = ? AND duplicate_of IS NULL AND junk IS NULL "
                               "ORDER BY seq DESC LIMIT ?", (story.key, limit)).fetchall()
        return [article_features(article_from_row(row)) for row in reversed(rows)]

    def move(self, article_ids: Sequence[str], source: StoryState, target: StoryState) -> None:
        db = self.db
        for start in range(0, len(article_ids), _CHUNK):
            chunk = list(article_ids[start:start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            db.execute(f"UPDATE articles SET story = ? WHERE story = ? AND duplicate_of IN "
                       f"(SELECT seq FROM articles WHERE id IN ({marks}))", (target.key, source.key, *chunk))
            db.execute(f"UPDATE articles SET story = ? WHERE story = ? AND id IN ({marks})",
                       (target.key, source.key, *chunk))
        db.execute("DELETE FROM saved_briefs WHERE story = ?", (source.key,))  # it briefed articles now elsewhere

    def merge(self, keep: StoryState, drop: StoryState) -> None:
        db = self.db
        db.execute("INSERT OR IGNORE INTO story_terms (term, story) SELECT term, ? FROM story_terms WHERE story = ?",
                   (keep.key, drop.key))
        db.execute("DELETE FROM story_terms WHERE story = ?", (drop.key,))
        db.execute("UPDATE articles SET story = ? WHERE story = ?", (keep.key, drop.key))
        db.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (keep.key, drop.key))
        db.execute("UPDATE stories SET merged_into = ?, size = 0, terms = '', weights = x'', names = '{}' "
                   "WHERE key = ?",
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
                         *pack(story.pruned_vector()),
                         json.dumps(story.pruned_names(), separators=(",", ":"), ensure_ascii=False), key))
        self.db.executemany("UPDATE stories SET title = ?, title_from_text = ?, title_score = ?, mass = ?, "
                            "first_time = ?, last_time = ?, size = ?, terms = ?, weights = ?, names = ? "
                            "WHERE key = ?", rows)
        self.dirty.clear()
