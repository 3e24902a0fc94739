"""The store's schema, as numbered migrations applied in order when a store is opened.

Each ``mNNN_name(db)`` function brings the schema from version ``NNN - 1`` to
``NNN``; the version is kept in ``PRAGMA user_version`` and each migration runs
in the same transaction as the version bump, so a store is never half-migrated
(llm's ``embeddings_migrations.py`` works the same way). Never edit a released
migration: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# "NBST" in ASCII: marks a SQLite file as a newsbrief store (PRAGMA application_id).
APPLICATION_ID = 0x4E425354


def m001_store(db: sqlite3.Connection) -> None:
    """Articles (with their duplicates), ingest batches, stories and the clusterer's state."""
    _run(db, """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            ingested_at TEXT NOT NULL,          -- ISO 8601, UTC
            articles INTEGER NOT NULL,          -- articles given
            added INTEGER NOT NULL,             -- new articles stored
            duplicates INTEGER NOT NULL         -- of these, copies of an article already stored
        );

        CREATE TABLE stories (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,            -- public, stable: from the founding article's id
            title TEXT NOT NULL,
            title_from_text INTEGER NOT NULL,   -- 1: the opening words of an article, not a headline
            first_time REAL,                    -- Unix seconds of its earliest and latest article
            last_time REAL,
            size INTEGER NOT NULL,              -- articles that are not duplicates
            vector TEXT NOT NULL,               -- JSON {term: summed TF-IDF weight}
            names TEXT NOT NULL,                -- JSON {capitalised name: count}
            merged_into INTEGER REFERENCES stories(key)
        );
        CREATE INDEX stories_live ON stories(last_time) WHERE merged_into IS NULL;
        CREATE INDEX stories_merged ON stories(merged_into) WHERE merged_into IS NOT NULL;

        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,            -- ingest order
            id TEXT NOT NULL UNIQUE,            -- as given in the input, else derived from the content
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL,            -- of the text with case, punctuation and spacing ignored
            title TEXT,
            source TEXT,
            url TEXT,
            url_key TEXT,                       -- the URL without tracking parameters, fragment, www.
            path TEXT,
            published TEXT,                     -- ISO 8601 as read
            language TEXT,
            meta TEXT NOT NULL DEFAULT '[]',    -- JSON [[key, value], ...]
            time REAL NOT NULL,                 -- published, else ingested (Unix seconds)
            batch INTEGER NOT NULL REFERENCES batches(id),
            story INTEGER NOT NULL REFERENCES stories(key),
            duplicate_of INTEGER REFERENCES articles(seq),
            duplicate_reason TEXT,              -- url | text | near
            signature BLOB                      -- sorted 64-bit word 5-gram hashes (near-duplicates)
        );
        CREATE INDEX articles_text_hash ON articles(text_hash);
        CREATE INDEX articles_url_key ON articles(url_key) WHERE url_key IS NOT NULL;
        CREATE INDEX articles_story ON articles(story, time, seq);

        CREATE TABLE terms (
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL                 -- stored articles whose features hold the term
        ) WITHOUT ROWID;

        CREATE TABLE story_terms (              -- the clusterer's index: term -> stories
            term TEXT NOT NULL,
            story INTEGER NOT NULL REFERENCES stories(key),
            PRIMARY KEY (term, story)
        ) WITHOUT ROWID;
        CREATE INDEX story_terms_story ON story_terms(story);
    """)


def m002_saved_briefs(db: sqlite3.Connection) -> None:
    """Briefs of stories saved back by ``newsbrief batch --stories`` (see ``storage/saved.py``)."""
    _run(db, """
        CREATE TABLE saved_briefs (
            story INTEGER NOT NULL REFERENCES stories(key),
            options TEXT NOT NULL,              -- canonical JSON of budget, method, sections, truncate, explain
            articles TEXT NOT NULL,             -- SHA-1 of the sorted ids of the articles briefed
            made_at TEXT NOT NULL,              -- ISO 8601, UTC
            document TEXT NOT NULL,             -- the newsbrief.brief/1 JSON
            PRIMARY KEY (story, options)
        ) WITHOUT ROWID
    """)


def m003_junk_and_titles(db: sqlite3.Connection) -> None:
    """Junk pages (stored, marked, in a story of their own that is never listed or briefed) and title scores."""
    _run(db, """
        ALTER TABLE articles ADD COLUMN junk REAL;              -- the junk model's score when flagged, else NULL
        ALTER TABLE stories ADD COLUMN junk INTEGER NOT NULL DEFAULT 0;   -- 1: holds one junk page
        ALTER TABLE stories ADD COLUMN title_score REAL NOT NULL DEFAULT 0;  -- centrality of the title's article
        ALTER TABLE stories ADD COLUMN mass REAL NOT NULL DEFAULT 0;  -- faded article weights (0: size)
        CREATE INDEX articles_junk ON articles(seq) WHERE junk IS NOT NULL
    """)
    from newsbrief.cluster.titles import headline_phrase

    rows = db.execute("SELECT key, title FROM stories WHERE title_from_text = 1").fetchall()
    db.executemany("UPDATE stories SET title = ? WHERE key = ?",
                   [(headline_phrase(title.rstrip("…")) or title, key) for key, title in rows])



def m004_packed_vectors(db: sqlite3.Connection) -> None:
    """Story vectors packed (``storage.vectors``) instead of JSON, which was slow to read and write at scale.

    The JSON ``vector`` column stays (SQLite before 3.35 cannot drop a column) and is emptied: ``terms`` and
    ``weights`` hold the same weights, bit for bit.
    """
    _run(db, """
        -- the vector's terms, unit-separated, and their weights, little-endian doubles (a comment after the last
        -- column would end up inside the table's stored definition, and _run splits at every semicolon)
        ALTER TABLE stories ADD COLUMN terms TEXT NOT NULL DEFAULT '';
        ALTER TABLE stories ADD COLUMN weights BLOB NOT NULL DEFAULT x''
    """)
    import json

    from newsbrief.storage.vectors import pack

    last = -1
    while rows := db.execute("SELECT key, vector FROM stories WHERE key > ? AND vector != '{}' ORDER BY key LIMIT 500",
                             (last,)).fetchall():  # in pages, so a big store's vectors are never all in memory
        db.executemany("UPDATE stories SET terms = ?, weights = ?, vector = '{}' WHERE key = ?",
                       [(*pack(json.loads(vector)), key) for key, vector in rows])
        last = rows[-1][0]

def _run(db: sqlite3.Connection, script: str) -> None:
    """Each statement of a script, inside the caller's transaction.

    ``executescript`` would commit the pending transaction first, which would
    let a crash leave a migration applied without its version bump.
    """
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [m001_store, m002_saved_briefs, m003_junk_and_titles,
                                                           m004_packed_vectors]


def latest_version() -> int:
    return len(MIGRATIONS)


def migrate(db: sqlite3.Connection) -> int:
    """Apply the migrations the store lacks, each in its own transaction; returns the new version.

    The connection must be in autocommit mode (``isolation_level=None``).
    """
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version >= len(MIGRATIONS):
                db.execute("COMMIT")
                return version
            if version == 0:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
