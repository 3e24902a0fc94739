"""The SQLite store on real files: schema, idempotent ingest, duplicates, stories, and bad files."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import make_article

from newsbrief.datatypes import Article
from newsbrief.errors import NotFoundError, StorageError
from newsbrief.storage import migrations
from newsbrief.storage.db import Store
from newsbrief.storage.migrations import APPLICATION_ID, latest_version

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

QUAKE = ("A strong earthquake struck off the coast of Sumatra on Tuesday, shaking buildings in Padang and "
         "prompting a tsunami warning that was lifted two hours later. Officials in Padang said three people "
         "were injured by falling debris and that power was cut across the city.")
QUAKE_2 = ("Residents of Padang ran into the streets when the Sumatra earthquake hit on Tuesday. The tsunami "
           "warning issued after the quake was lifted later, and officials counted three injured in Padang "
           "while power stayed out in parts of the city.")
BUDGET = ("The city council of Lyon approved its budget for next year on Monday after a long debate about "
          "tram lines, school canteens and the renovation of the opera house, which the opposition opposed.")
BUDGET_2 = ("Lyon council members passed the city budget on Monday. The opposition voted against the opera "
            "house renovation, while new tram lines and school canteens drew wide support in the council.")


def quake(id_: str = "q1", text: str = QUAKE, **fields: object) -> Article:
    return make_article(text, id=id_, **fields)


def open_store(tmp_path: Path, name: str = "news.db", **options: object) -> Store:
    return Store(tmp_path / name, **options)  # type: ignore[arg-type]


# --- schema -------------------------------------------------------------------------------------


def test_db_creates_file_with_wal_schema_and_application_id(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        assert store.version == latest_version()
    db = sqlite3.connect(tmp_path / "news.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "stories", "batches", "terms", "story_terms", "meta"} <= tables


def test_db_applies_a_new_migration_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(tmp_path).close()

    def m002_notes(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE notes (text TEXT)")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m002_notes])
    with open_store(tmp_path) as store:
        assert store.version == latest_version()
    db = sqlite3.connect(tmp_path / "news.db")
    assert db.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0


def test_db_migration_3_marks_junk_and_retitles_a_version_2_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.m001_store(db)
    migrations.m002_saved_briefs(db)
    db.execute("PRAGMA user_version = 2")
    db.execute("INSERT INTO batches (ingested_at, articles, added, duplicates) VALUES ('2024-05-01', 1, 1, 0)")
    db.execute("INSERT INTO stories (id, title, title_from_text, first_time, last_time, size, vector, names) "
               "VALUES ('s1', 'PADANG, Indonesia (AP) — A strong earthquake struck off the coast of Sumatra on…', "
               "1, 0, 0, 1, '{}', '{}')")
    db.execute("INSERT INTO articles (id, text, text_hash, time, batch, story) VALUES ('q1', ?, 'h', 0, 1, 1)",
               (QUAKE,))
    db.execute("COMMIT")
    db.close()
    with Store(path) as store:
        assert store.version == latest_version() >= 3
        (story,) = store.stories()
        assert story.title == "A strong earthquake struck off the coast of Sumatra on"
        assert not story.junk and store.stories(junk=True) == []
        assert [a.id for a in store.story_articles("s1")] == ["q1"]


def test_db_failed_migration_leaves_the_old_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(tmp_path).close()
    before = latest_version()

    def m002_broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half (x)")
        db.execute("THIS IS NOT SQL")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m002_broken])
    with pytest.raises(StorageError):
        open_store(tmp_path)
    db = sqlite3.connect(tmp_path / "news.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == before
    assert not db.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchall()


def test_db_default_path_follows_newsbrief_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_HOME", str(tmp_path / "home"))
    with Store() as store:
        assert store.path == tmp_path / "home" / "newsbrief.db"
    assert (tmp_path / "home" / "newsbrief.db").exists()


# --- ingest -------------------------------------------------------------------------------------


def test_db_add_articles_counts_and_is_idempotent(tmp_path: Path) -> None:
    articles = [quake("q1"), quake("q2", QUAKE_2), make_article(BUDGET, id="b1")]
    with open_store(tmp_path) as store:
        first = store.add_articles(articles)
        assert (first.given, first.added, first.duplicates, first.unchanged) == (3, 3, 0, 0)
        assert len(first.stories_created) == 2
        again = store.add_articles(articles)
        assert (again.added, again.unchanged, again.stories_created, again.stories_updated) == (0, 3, (), ())
        assert store.counts() == {"articles": 3, "duplicates": 0, "stories": 2, "batches": 1, "junk": 0}


def test_db_same_id_with_other_text_is_skipped_with_a_problem(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.add_articles([quake("q1")])
        report = store.add_articles([make_article(BUDGET, id="q1", path="b.jsonl:3")])
    assert report.added == 0
    assert [str(p) for p in report.problems] == [
        "b.jsonl:3: article id 'q1' is already stored with a different text; skipped (give it a new id to keep both)"]


@pytest.mark.parametrize(("second", "reason"), [
    ({"text": QUAKE_2, "url": "https://WWW.News.example/quake/?utm_source=x#top"}, "url"),
    ({"text": "  " + QUAKE.upper().replace(",", " ,") + "  "}, "text"),
    ({"text": QUAKE + " Copyright 2024 The Wire."}, "near"),
])
def test_db_duplicates_are_grouped_with_their_original(tmp_path: Path, second: dict, reason: str) -> None:
    first = quake("q1", url="http://news.example/quake")
    copy = make_article(second.pop("text"), id="copy", **second)
    with open_store(tmp_path) as store:
        store.add_articles([first])
        report = store.add_articles([copy])
        assert (report.added, report.duplicates) == (1, 1)
        (story,) = store.stories()
        assert story.article_ids == ("q1", "copy")
        assert story.duplicates == 1
        assert [a.id for a in store.story_articles(story.id)] == ["q1"]
        assert [a.id for a in store.story_articles(story.id, duplicates=True)] == ["q1", "copy"]
        row = store._db.execute("SELECT duplicate_reason FROM articles WHERE id = 'copy'").fetchone()
    assert row[0] == reason


def test_db_duplicate_within_one_batch(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        report = store.add_articles([quake("q1"), quake("q1-again", QUAKE + " ")])
        assert (report.added, report.duplicates) == (2, 1)
        assert store.stories()[0].article_ids == ("q1", "q1-again")


def test_db_articles_round_trip_every_field(tmp_path: Path) -> None:
    article = Article(id="x1", text=QUAKE, title="Quake hits Sumatra", source="wire.example",
                      url="https://wire.example/q", path="in.jsonl:1", published=T0, language="en",
                      meta=(("author", "A. Writer"), ("tags", '["asia"]')))
    with open_store(tmp_path) as store:
        store.add_articles([article])
        assert store.article("x1") == article
        with pytest.raises(NotFoundError, match="no article 'nope'"):
            store.article("nope")


# --- stories ------------------------------------------------------------------------------------


def test_db_stories_group_by_event_with_stable_ids(tmp_path: Path) -> None:
    articles = [quake("q1"), make_article(BUDGET, id="b1"), quake("q2", QUAKE_2), make_article(BUDGET_2, id="b2")]
    with open_store(tmp_path, "a.db") as a, open_store(tmp_path, "b.db") as b:
        a.add_articles(articles)
        for article in articles:  # one article a batch: the same ids come out
            b.add_articles([article])
        groups_a = sorted((s.id, s.article_ids) for s in a.stories())
        groups_b = sorted((s.id, s.article_ids) for s in b.stories())
    assert groups_a == groups_b
    assert sorted(ids for _, ids in groups_a) == [("b1", "b2"), ("q1", "q2")]


def test_db_story_info_fields_and_order(tmp_path: Path) -> None:
    later = quake("q2", QUAKE_2, published=T0 + timedelta(hours=5), source="b.example", title="Padang shaken")
    earlier = quake("q1", published=T0, source="a.example")
    with open_store(tmp_path) as store:
        store.add_articles([later, earlier])
        (info,) = store.stories()
        assert info.article_ids == ("q1", "q2")  # published order, not ingest order
        assert info.sources == ("a.example", "b.example")
        assert (info.first_seen, info.last_seen) == (T0, T0 + timedelta(hours=5))
        assert info.title == "Padang shaken"  # the first real headline
        assert info.to_dict()["articles"] == ["q1", "q2"]
        assert {"id", "title", "articles"} <= set(info.to_dict())
        assert store.story(info.id) == info
        assert [a.id for a in store.story_articles(info.id, since=T0 + timedelta(hours=1))] == ["q2"]


def test_db_stories_since_keeps_stories_active_since(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.add_articles([quake("q1", published=T0), make_article(BUDGET, id="b1", published=T0 + timedelta(days=2))])
        ids = [s.article_ids for s in store.stories(since=T0 + timedelta(days=1))]
        assert ids == [("b1",)]
        assert [s.article_ids for s in store.stories()] == [("b1",), ("q1",)]  # newest first


def test_db_unknown_story_is_not_found(tmp_path: Path) -> None:
    with open_store(tmp_path) as store, pytest.raises(NotFoundError, match="no story 'nope' in"):
        store.story("nope")


def test_db_bridging_article_merges_stories_and_old_id_resolves(tmp_path: Path) -> None:
    left = "Flooding in Porto Alegre forced thousands from their homes as the Guaiba river rose to a record level."
    right = ("Rescue boats in Rio Grande do Sul state carried stranded families across flooded highways after days "
             "of heavy rain cut roads and bridges.")
    bridge = left + " " + right
    with open_store(tmp_path) as store:
        first = store.add_articles([make_article(left, id="l"), make_article(right, id="r")])
        assert len(first.stories_created) == 2
        report = store.add_articles([make_article(bridge, id="both")])
        assert len(report.stories_merged) == 1
        gone, into = report.stories_merged[0]
        (story,) = store.stories()
        assert story.id == into and story.merged_ids == (gone,)
        assert store.story(gone).id == into
        assert set(story.article_ids) == {"l", "r", "both"}


def test_db_time_window_keeps_far_apart_events_apart(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.add_articles([quake("q1", published=T0)])
        store.add_articles([quake("q2", QUAKE_2, published=T0 + timedelta(days=60))])
        assert len(store.stories()) == 2


# --- bad files and paths --------------------------------------------------------------------------


def _snapshot(path: Path) -> bytes:
    return path.read_bytes()


@pytest.mark.parametrize(("content", "message"), [
    (b"this is a text file, not a database\n" * 100, "is not a newsbrief store: not an SQLite database or corrupted"),
    (b"SQLite format 3\x00" + b"\xff" * 200, "is not a newsbrief store: not an SQLite database or corrupted"),
])
def test_db_refuses_corrupted_file_and_leaves_it(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    with pytest.raises(StorageError, match=message) as info:
        Store(path)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == content
    assert not (tmp_path / "bad.db-wal").exists()


def test_db_refuses_foreign_sqlite_file_and_leaves_it(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (name TEXT)")
    db.commit()
    db.close()
    before = _snapshot(path)
    with pytest.raises(StorageError, match=r"other.db is an SQLite database of another application "
                                           r"\(tables: contacts\), not a newsbrief store; nothing was changed"):
        Store(path)
    assert _snapshot(path) == before


def test_db_refuses_newer_schema(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    path = tmp_path / "news.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {latest_version() + 5}")
    db.close()
    before = _snapshot(path)
    with pytest.raises(StorageError, match=f"written by a newer newsbrief \\(store schema {latest_version() + 5}; "
                                           f"this version reads up to {latest_version()}\\); upgrade newsbrief"):
        Store(path)
    with pytest.raises(StorageError, match="newer newsbrief"):
        Store(path, readonly=True)
    assert _snapshot(path) == before


def test_db_readonly_store_refuses_writes(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    with open_store(tmp_path, readonly=True) as store:
        assert store.stories() == []
        with pytest.raises(StorageError, match="was opened read-only"):
            store.add_articles([quake()])


def test_db_readonly_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"no store at .*missing.db; create one with `newsbrief ingest"):
        Store(tmp_path / "missing.db", readonly=True)


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p / "no" / "such" / "dir" / "x.db", "directory .* does not exist"),
    (lambda p: (p / "file.txt").write_text("x") and p / "file.txt" / "x.db", "is not a directory"),
    (lambda p: p, "is a directory; give a file for the store"),
])
def test_db_bad_paths_give_one_line(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StorageError, match=message) as info:
        Store(make(tmp_path))
    assert "\n" not in str(info.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes read-only files anyway")
def test_db_read_only_file_is_refused_and_left(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    path = tmp_path / "news.db"
    path.chmod(0o444)
    before = _snapshot(path)
    with pytest.raises(StorageError, match="the file is read-only"):
        Store(path)
    assert _snapshot(path) == before


def test_db_closed_store_says_so(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.close()
    with pytest.raises(StorageError, match="the store is closed"):
        store.stories()


def test_db_story_sources_are_domains_when_articles_have_urls(tmp_path: Path) -> None:
    from_feed = quake("q1", published=T0, source="Gazette World News", url="https://www.gazette.example/q1")
    from_page = quake("q2", QUAKE_2, published=T0 + timedelta(hours=1), source="b.example")
    with open_store(tmp_path) as store:
        store.add_articles([from_feed, from_page])
        (info,) = store.stories()
    assert info.sources == ("gazette.example", "b.example")  # not a feed's title beside a domain
