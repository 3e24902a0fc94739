"""The story store: one SQLite file of articles, grouped into stories as they arrive.

Each ``add_articles`` call is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``),
in WAL mode with ``synchronous=FULL``: a process killed at any moment leaves
every committed batch and nothing of the batch it was in. An article whose id
is already stored with the same text is left alone, so re-running an ingest
changes nothing. A new id whose URL or normalised text matches a stored
article, or whose text is a near-copy of one in the story it would join, is
kept as a duplicate of it: listed with the story, but not briefed twice.

Opening checks the file before writing anything: a file that is not SQLite, an
SQLite file of another application, a store of a newer schema, or a path that
cannot be written each give a one-line StorageError and leave the file as it was.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import quote, urlsplit

import numpy as np

from newsbrief.cluster.coherence import SPLIT_LINK
from newsbrief.cluster.features import Features, article_features, headline
from newsbrief.cluster.link import default_link_model
from newsbrief.cluster.novelty import default_novelty_model
from newsbrief.cluster.story_state import StoryState, story_id_for
from newsbrief.cluster.stream import StreamClusterer
from newsbrief.datatypes import Article, Problem
from newsbrief.errors import EmptyInputError, NotFoundError, StorageError
from newsbrief.represent.background import background as news_background
from newsbrief.storage import saved
from newsbrief.storage.identity import (
    is_near_duplicate,
    signature,
    signature_from_bytes,
    signature_to_bytes,
    text_hash,
    url_key,
)
from newsbrief.storage.migrations import APPLICATION_ID, latest_version, migrate
from newsbrief.storage.records import (
    IngestReport,
    StoryInfo,
    article_from_row,
    from_timestamp,
    meta_to_json,
)
from newsbrief.storage.saved import SavedBrief
from newsbrief.storage.state import SQLiteState, StoryCache

# Seconds to wait for another process's write transaction before giving up.
BUSY_TIMEOUT = 30.0
# Members of a story whose signatures a new article is compared with (the latest ones).
NEAR_DUPLICATE_PEERS = 200

Progress = Callable[[int, int], None]


@dataclass
class _Pending:
    """One article of a batch on its way in."""

    article: Article
    hash: str
    url: str | None
    kind: str  # new | junk | unchanged | conflict | url | text
    canonical: str | None = None  # for url/text duplicates: the id of the stored article
    junk: float | None = None  # the junk model's score of a page it flags


class Store:
    """A SQLite file of articles and the stories they form.

    Args:
        path: the database file (default: ``newsbrief.db`` in the data directory,
            which ``NEWSBRIEF_HOME`` moves); created with its schema if missing.
        readonly: open for reading only; the file must exist.
        detect_junk: recognise pages that report no event at ingest (``newsbrief.ingest.junk``) and keep
            them out of stories; False stores every article as news.
        learned_link: place undated articles by the learned link and new-story models
            (``newsbrief.cluster.link``, ``newsbrief.cluster.novelty``); False: by the join threshold, as
            before issue #18's second round.
        background: weigh undated articles' terms with the document counts of news at large
            (``represent.background``) added to the store's; False: the store's counts alone.

    Raises:
        StorageError: the file is not a newsbrief store, is of a newer schema,
            is corrupted, or cannot be written (one line, naming the path).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, readonly: bool = False,
                 detect_junk: bool = True, learned_link: bool = True, background: bool = True):
        if path is None:
            from newsbrief.settings import load_settings

            path = load_settings().db_path
            if not readonly:
                path.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(path).expanduser()
        self.readonly = readonly
        self.detect_junk = detect_junk
        self.learned_link = learned_link
        self.background = background
        self._lock = threading.RLock()
        self._stories = StoryCache()  # stories loaded by the last batch, for the next one
        self._db = self._open()

    # --- opening ------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        path = self.path
        if path.is_dir():
            raise StorageError(f"{path} is a directory; give a file for the store")
        if self.readonly:
            if not path.exists():
                raise StorageError(f"no store at {path}; create one with `newsbrief ingest ... --db {path}`")
            uri = f"file:{quote(str(path.resolve()))}?mode=ro"
            db = self._connect(uri, uri=True)
            if not _readable(db):
                # WAL readers need the -shm side file, which a read-only directory or mount cannot
                # hold: nobody can be writing there, so the file is read as it stands (issue 28).
                db.close()
                db = self._connect(uri + "&immutable=1", uri=True)
        else:
            self._check_writable(path)
            db = self._connect(str(path), uri=False)
        try:
            self._check_file(db)
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            db.execute("PRAGMA foreign_keys = ON")
            if self.readonly:
                self._check_current(db)
            else:
                mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StorageError(f"cannot use {path}: SQLite refused WAL mode (got {mode})")
                db.execute("PRAGMA synchronous = FULL")
                migrate(db)
        except sqlite3.Error as exc:
            db.close()
            raise self._error(exc, "open") from None
        except BaseException:
            db.close()
            raise
        return db

    def _connect(self, target: str, *, uri: bool) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(target, uri=uri, isolation_level=None, timeout=BUSY_TIMEOUT,
                                 check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._error(exc, "open") from None
        db.row_factory = sqlite3.Row
        return db

    def _check_writable(self, path: Path) -> None:
        if path.exists():
            if not os.access(path, os.W_OK):
                raise StorageError(f"cannot write {path}: the file is read-only")
            return
        parent = path.parent if str(path.parent) else Path(".")
        if not parent.exists():
            raise StorageError(f"cannot create {path}: directory {parent} does not exist")
        if not parent.is_dir():
            raise StorageError(f"cannot create {path}: {parent} is not a directory")
        if not os.access(parent, os.W_OK):
            raise StorageError(f"cannot create {path}: directory {parent} is read-only")

    def _check_file(self, db: sqlite3.Connection) -> None:
        """Refuse a file that is not a newsbrief store, before anything is written to it."""
        path = self.path
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{path} is not a newsbrief store: not an SQLite database or corrupted "
                               f"({exc}); nothing was changed") from None
        if app_id != APPLICATION_ID and (tables or app_id or version):
            listed = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
            raise StorageError(f"{path} is an SQLite database of another application"
                               f"{f' (tables: {listed})' if listed else ''}, not a newsbrief store; "
                               "nothing was changed")
        if version > latest_version():
            raise StorageError(f"{path} was written by a newer newsbrief (store schema {version}; this version "
                               f"reads up to {latest_version()}); upgrade newsbrief to use it")

    def _check_current(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            raise StorageError(f"{self.path} is an empty file, not a newsbrief store yet; "
                               f"ingest articles into it first")
        if version < latest_version():
            raise StorageError(f"{self.path} has store schema {version}; open it for writing once "
                               f"(e.g. `newsbrief ingest`) to upgrade it to {latest_version()}")

    # --- lifetime -------------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}{', readonly=True' if self.readonly else ''})"

    @property
    def version(self) -> int:
        with self._reading() as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])

    # --- errors and transactions ------------------------------------------------------------------

    def _error(self, exc: sqlite3.Error, doing: str) -> StorageError:
        message = str(exc)
        lowered = message.lower()
        if "readonly" in lowered or "read-only" in lowered:
            return StorageError(f"cannot write {self.path}: it is read-only ({message})")
        if "locked" in lowered or "busy" in lowered:
            return StorageError(f"{self.path} is busy: another process holds it for more than "
                                f"{BUSY_TIMEOUT:g} s; try again")
        if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
            return StorageError(f"{self.path} is corrupted ({message}); restore it from a backup")
        if "unable to open" in lowered:
            return StorageError(f"cannot open {self.path} ({message})")
        return StorageError(f"cannot {doing} {self.path}: {message}")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._db is None:
                raise StorageError(f"{self.path}: the store is closed")
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise self._error(exc, "read") from None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise StorageError(f"{self.path} was opened read-only; open it without readonly to add articles")
        with self._reading() as db:
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._error(exc, "write") from None
            try:
                yield db
            except BaseException as exc:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc, "write") from None
                raise
            else:
                try:
                    if db.in_transaction:
                        db.execute("COMMIT")
                except sqlite3.Error as exc:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise self._error(exc, "write") from None

    # --- writing ------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article], *, progress: Progress | None = None) -> IngestReport:
        """Store articles and put each in a story, all in one transaction.

        Args:
            articles: the articles, in the order they are read (earlier ones found stories).
            progress: called as ``progress(done, total)`` after each article, inside the transaction.

        Returns:
            An IngestReport: counts, the stories created and updated, merges, and a
            Problem for each article refused (an id already stored with another text).

        Raises:
            StorageError: the store is read-only, busy or cannot be written; nothing of the batch is kept.
        """
        articles = list(articles)
        now = time.time()
        try:
            return self._add(articles, now, progress)
        except BaseException:
            self._stories.drop()
            raise

    def _add(self, articles: list[Article], now: float, progress: Progress | None) -> IngestReport:
        """``add_articles`` in its transaction; the stories it loaded are kept for the next batch once committed."""
        with self._writing() as db:
            cache = self._stories.take(db)
            batch = db.execute("INSERT INTO batches (ingested_at, articles, added, duplicates) VALUES (?, ?, 0, 0)",
                               (datetime.fromtimestamp(now, tz=UTC).isoformat(), len(articles))).lastrowid
            pending = self._classify(db, articles)
            self._flag_junk(pending)
            state = SQLiteState(db, cache)
            clusterer = StreamClusterer(state, link=default_link_model() if self.learned_link else None,
                                        novelty=default_novelty_model() if self.learned_link else None,
                                        split_link=SPLIT_LINK,
                                        background=news_background() if self.background else None)
            # Undated articles carry no time for the clusterer: the window cannot judge them.
            features = {id(p): article_features(p.article) for p in pending if p.kind == "new"}
            clusterer.prepare(list(features.values()))
            updated: set[int] = set()
            added = duplicates = 0
            for done, item in enumerate(pending, 1):
                if item.kind in ("new", "junk", "url", "text"):
                    story, duplicate = self._store_one(db, item, features.get(id(item)), clusterer,
                                                       batch=batch, now=now)
                    updated.add(story)
                    added += 1
                    duplicates += duplicate
                if progress is not None:
                    progress(done, len(pending))
            clusterer.consolidate()
            state.flush()
            if not added:
                db.execute("ROLLBACK")  # nothing new: leave no empty batch behind
                return self._report(db, articles, pending, None, state, clusterer, set(), 0, 0)
            db.execute("UPDATE batches SET added = ?, duplicates = ? WHERE id = ?", (added, duplicates, batch))
            report = self._report(db, articles, pending, batch, state, clusterer, updated, added, duplicates)
        self._stories.keep(state)  # committed
        return report

    def _classify(self, db: sqlite3.Connection, articles: list[Article]) -> list[_Pending]:
        """Sort each article into new, unchanged, conflicting, or an exact duplicate (by URL or text)."""
        pending: list[_Pending] = []
        batch_ids: dict[str, str] = {}
        batch_urls: dict[str, str] = {}
        batch_hashes: dict[str, str] = {}
        for article in articles:
            item = _Pending(article, text_hash(article.text), url_key(article.url), "new")
            known = db.execute("SELECT text_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
            known_hash = known[0] if known else batch_ids.get(article.id)
            if known_hash is not None:
                item.kind = "unchanged" if known_hash == item.hash else "conflict"
            elif item.url and (row := db.execute(
                    "SELECT id, duplicate_of FROM articles WHERE url_key = ? ORDER BY seq LIMIT 1",
                    (item.url,)).fetchone()):
                item.kind, item.canonical = "url", self._canonical_id(db, row)
            elif item.url and item.url in batch_urls:
                item.kind, item.canonical = "url", batch_urls[item.url]
            elif row := db.execute("SELECT id, duplicate_of FROM articles WHERE text_hash = ? ORDER BY seq LIMIT 1",
                                   (item.hash,)).fetchone():
                item.kind, item.canonical = "text", self._canonical_id(db, row)
            elif item.hash in batch_hashes:
                item.kind, item.canonical = "text", batch_hashes[item.hash]
            if item.kind not in ("unchanged", "conflict"):
                batch_ids[article.id] = item.hash
                if item.kind == "new":
                    if item.url:
                        batch_urls[item.url] = article.id
                    batch_hashes[item.hash] = article.id
            pending.append(item)
        return pending

    def _flag_junk(self, pending: list[_Pending]) -> None:
        """Mark the new articles that the junk model says report no event."""
        if not self.detect_junk:
            return
        from newsbrief.ingest.junk import default_detector

        detector = default_detector()
        for item in pending:
            if item.kind == "new":
                score = detector.score(item.article.text)
                if score >= detector.threshold:
                    item.kind, item.junk = "junk", round(score, 4)

    @staticmethod
    def _canonical_id(db: sqlite3.Connection, row: sqlite3.Row) -> str:
        if row["duplicate_of"] is None:
            return row["id"]
        return db.execute("SELECT id FROM articles WHERE seq = ?", (row["duplicate_of"],)).fetchone()[0]

    def _store_one(self, db: sqlite3.Connection, item: _Pending, features: Features | None,
                   clusterer: StreamClusterer, *,
                   batch: int, now: float) -> tuple[int, bool]:
        """Insert one article (clustering it if it is new); its story's key, and whether it is a duplicate."""
        article = item.article
        sig = None
        duplicate_of: int | None = None
        reason: str | None = None
        if item.kind == "junk":
            story = self._junk_story(db, article, now)
        elif features is not None:
            placement = clusterer.place(features)
            sig = signature(article.text)
            near = self._near_duplicate(db, placement.best, sig) if placement.best is not None else None
            if near is not None:
                duplicate_of, story, reason = near[0], near[1], "near"
            else:
                story = clusterer.commit(features, placement).key
        else:
            seq, story, original = db.execute("SELECT seq, story, duplicate_of FROM articles WHERE id = ?",
                                              (item.canonical,)).fetchone()
            duplicate_of, reason = original if original is not None else seq, item.kind
        when = article.published.timestamp() if article.published else now
        db.execute(
            "INSERT INTO articles (id, text, text_hash, title, source, url, url_key, path, published, language, "
            "meta, time, batch, story, duplicate_of, duplicate_reason, signature, junk) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.text, item.hash, article.title, article.source, article.url, item.url, article.path,
             article.published.isoformat() if article.published else None, article.language,
             meta_to_json(article.meta), when, batch, story, duplicate_of, reason,
             signature_to_bytes(sig) if sig is not None else None, item.junk))
        return int(story), duplicate_of is not None

    @staticmethod
    def _junk_story(db: sqlite3.Connection, article: Article, now: float) -> int:
        """A story of its own for a junk page: never indexed, listed or briefed, so nothing joins it."""
        when = article.published.timestamp() if article.published else now
        title, from_text = headline(article)
        cursor = db.execute("INSERT INTO stories (id, title, title_from_text, first_time, last_time, size, vector, "
                            "names, junk) VALUES (?, ?, ?, ?, ?, 1, '{}', '{}', 1)",
                            (story_id_for(article.id), title, int(from_text), when, when))
        return int(cursor.lastrowid or 0)

    @staticmethod
    def _near_duplicate(db: sqlite3.Connection, story: StoryState, sig: np.ndarray) -> tuple[int, int] | None:
        """(seq, story key) of a member of ``story`` that the text nearly copies, if any."""
        rows = db.execute("SELECT seq, signature FROM articles WHERE story = ? AND duplicate_of IS NULL "
                          "AND signature IS NOT NULL ORDER BY seq DESC LIMIT ?", (story.key, NEAR_DUPLICATE_PEERS))
        for seq, blob in rows:
            if is_near_duplicate(sig, signature_from_bytes(blob)):
                return int(seq), story.key
        return None

    def _report(self, db: sqlite3.Connection, articles: list[Article], pending: list[_Pending], batch: int | None,
                state: SQLiteState, clusterer: StreamClusterer, updated: set[int], added: int,
                duplicates: int) -> IngestReport:
        problems = tuple(Problem(p.article.path or p.article.id, None,
                                 f"article id {p.article.id!r} is already stored with a different text; skipped "
                                 "(give it a new id to keep both)")
                         for p in pending if p.kind == "conflict")
        unchanged = sum(p.kind == "unchanged" for p in pending)
        if batch is None:
            return IngestReport(given=len(articles), added=0, duplicates=0, unchanged=unchanged, stories_created=(),
                                stories_updated=(), stories_merged=(), problems=problems)
        live = {key: story_id for key, story_id in db.execute(
            "SELECT DISTINCT s.key, s.id FROM articles AS a JOIN stories AS s ON s.key = a.story "
            "WHERE a.batch = ? AND s.junk = 0", (batch,))}
        # Stories split off (``cluster.coherence``) are new too, whether or not they hold an article of the batch.
        live.update((new.key, new.id) for _, new, _ in clusterer.split_off)
        created_keys = [key for key in state.created if key in live]
        created = tuple(live[key] for key in created_keys)
        updated_ids = tuple(sorted(live[key] for key in live if key not in set(created_keys)))
        merged = tuple((drop.id, clusterer.resolve(keep).id) for drop, keep in clusterer.merged)
        pairs = tuple(db.execute("SELECT a.id, s.id FROM articles AS a JOIN stories AS s ON s.key = a.story "
                                 "WHERE a.batch = ? ORDER BY a.seq", (batch,)).fetchall())
        return IngestReport(given=len(articles), added=added, duplicates=duplicates, unchanged=unchanged,
                            stories_created=created, stories_updated=updated_ids, stories_merged=merged,
                            problems=problems, article_stories=tuple((a, s) for a, s in pairs),
                            junk=tuple(p.article.id for p in pending if p.kind == "junk"))

    def save_briefs(self, briefs: Iterable[SavedBrief]) -> int:
        """Save briefs of stories back into the store, all in one transaction; returns how many.

        A brief of a story id the store does not know (any more) is skipped.
        """
        count = 0
        with self._writing() as db:
            for brief in briefs:
                try:
                    key = self._story_key(db, brief.story_id)
                except NotFoundError:
                    continue
                saved.save(db, key, brief)
                count += 1
        return count

    def saved_brief(self, story_id: str, options: str) -> str | None:
        """The saved ``newsbrief.brief/1`` JSON of a story under ``options`` (``saved.options_key``),
        or None if there is none or the story's articles changed since it was made.

        Raises:
            NotFoundError: no story has this id.
        """
        with self._reading() as db:
            key = self._story_key(db, story_id)
            ids = [row[0] for row in db.execute("SELECT id FROM articles WHERE story = ? AND duplicate_of IS NULL",
                                                (key,))]
            return saved.load(db, key, options, saved.articles_key(ids))

    # --- reading ------------------------------------------------------------------------------

    def stories(self, *, since: datetime | None = None, junk: bool = False) -> list[StoryInfo]:
        """Every story, the most recently active first.

        Args:
            since: only stories with an article at or after this time (published,
                or ingested for undated articles).
            junk: list the junk pages instead (each in a story of its own, never briefed).
        """
        cutoff = _timestamp(since)
        with self._reading() as db:
            merged = self._merged_ids(db)
            rows = db.execute(
                "SELECT s.key, s.id AS story_id, s.title, s.junk, a.id, a.source, a.url, a.time, a.duplicate_of "
                "FROM stories AS s JOIN articles AS a ON a.story = s.key WHERE s.merged_into IS NULL "
                "AND s.junk = ? ORDER BY s.key, a.time, a.seq", (int(junk),)).fetchall()
        infos = []
        for _, group in _grouped(rows):
            info = _story_info(group, merged)
            if cutoff is None or info.last_seen.timestamp() >= cutoff:
                infos.append(info)
        infos.sort(key=lambda s: (s.last_seen, s.first_seen, s.id), reverse=True)
        return infos

    def story(self, story_id: str) -> StoryInfo:
        """One story; the id of a story merged into another gives that other story.

        Raises:
            NotFoundError: no story has this id.
        """
        with self._reading() as db:
            key = self._story_key(db, story_id)
            rows = db.execute(
                "SELECT s.key, s.id AS story_id, s.title, s.junk, a.id, a.source, a.url, a.time, a.duplicate_of "
                "FROM stories AS s JOIN articles AS a ON a.story = s.key WHERE s.key = ? "
                "ORDER BY a.time, a.seq", (key,)).fetchall()
            merged = self._merged_ids(db, key)
        return _story_info(rows, merged)

    def story_articles(self, story_id: str, *, since: datetime | None = None,
                       duplicates: bool = False) -> list[Article]:
        """A story's articles, oldest first (by published date, else ingest time, then ingest order).

        Args:
            story_id: the story (a merged story's id gives the story it joined).
            since: only articles at or after this time.
            duplicates: include reposts grouped with another article (left out by default:
                they state nothing their original does not).

        Raises:
            NotFoundError: no story has this id.
            EmptyInputError: the story is a junk page (a page that reports no event is never briefed).
        """
        cutoff = _timestamp(since)
        with self._reading() as db:
            key = self._story_key(db, story_id)
            if db.execute("SELECT junk FROM stories WHERE key = ?", (key,)).fetchone()[0]:
                raise EmptyInputError(f"story {story_id} is a page that reports no event (junk: a cookie wall, "
                                      "notice or link list); it is never briefed. `newsbrief stories --junk` "
                                      "lists them")
            sql = "SELECT * FROM articles WHERE story = ?"
            params: list[object] = [key]
            if not duplicates:
                sql += " AND duplicate_of IS NULL"
            if cutoff is not None:
                sql += " AND time >= ?"
                params.append(cutoff)
            rows = db.execute(sql + " ORDER BY time, seq", params).fetchall()
        return [article_from_row(row) for row in rows]

    def article(self, article_id: str) -> Article:
        """One stored article by its id.

        Raises:
            NotFoundError: no article has this id.
        """
        with self._reading() as db:
            row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in {self.path}")
        return article_from_row(row)

    def counts(self) -> dict[str, int]:
        """How many articles, duplicates, stories and batches the store holds."""
        with self._reading() as db:
            articles, dups = db.execute("SELECT COUNT(*), COUNT(duplicate_of) FROM articles").fetchone()
            stories = db.execute("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL AND junk = 0").fetchone()[0]
            junk = db.execute("SELECT COUNT(*) FROM articles WHERE junk IS NOT NULL").fetchone()[0]
            batches = db.execute("SELECT COUNT(*) FROM batches").fetchone()[0]
        return {"articles": articles, "duplicates": dups, "stories": stories, "batches": batches, "junk": junk}

    def _story_key(self, db: sqlite3.Connection, story_id: str) -> int:
        row = db.execute("SELECT key, merged_into FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no story {story_id!r} in {self.path}; `newsbrief stories --db {self.path}` "
                                "lists them")
        key, merged_into = row
        while merged_into is not None:
            key, merged_into = db.execute("SELECT key, merged_into FROM stories WHERE key = ?",
                                          (merged_into,)).fetchone()
        return int(key)

    @staticmethod
    def _merged_ids(db: sqlite3.Connection, key: int | None = None) -> dict[int, tuple[str, ...]]:
        sql = "SELECT merged_into, id FROM stories WHERE merged_into IS NOT NULL"
        rows = db.execute(sql + (" AND merged_into = ?" if key is not None else "") + " ORDER BY key",
                          (key,) if key is not None else ()).fetchall()
        out: dict[int, tuple[str, ...]] = {}
        for into, story_id in rows:
            out[into] = (*out.get(into, ()), story_id)
        return out


def _timestamp(value: datetime | None) -> float | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def _host(url: str | None) -> str | None:
    return (urlsplit(url).hostname or "").removeprefix("www.") or None if url else None


def _grouped(rows: list[sqlite3.Row]) -> Iterator[tuple[int, list[sqlite3.Row]]]:
    group: list[sqlite3.Row] = []
    for row in rows:
        if group and row["key"] != group[0]["key"]:
            yield group[0]["key"], group
            group = []
        group.append(row)
    if group:
        yield group[0]["key"], group


def _story_info(rows: list[sqlite3.Row], merged: dict[int, tuple[str, ...]]) -> StoryInfo:
    first = rows[0]
    sources: list[str] = []
    for row in rows:
        source = _host(row["url"]) or row["source"]  # one kind of name: a feed's title and a page's domain mixed
        if source and source not in sources:
            sources.append(source)
    times = [row["time"] for row in rows]
    return StoryInfo(id=first["story_id"], title=first["title"], article_ids=tuple(row["id"] for row in rows),
                     sources=tuple(sources), first_seen=from_timestamp(min(times)),
                     last_seen=from_timestamp(max(times)),
                     duplicates=sum(row["duplicate_of"] is not None for row in rows),
                     merged_ids=merged.get(first["key"], ()), junk=bool(first["junk"]))


def _readable(db: sqlite3.Connection) -> bool:
    """Whether a read-only connection can read at all (not when WAL's side files cannot be made)."""
    try:
        db.execute("PRAGMA user_version").fetchone()
    except sqlite3.OperationalError as exc:
        lowered = str(exc).lower()
        if "unable to open" in lowered or "readonly" in lowered or "read-only" in lowered:
            return False
        raise
    except sqlite3.DatabaseError:
        return True  # not a database at all: _check_file says so
    return True
