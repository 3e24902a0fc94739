"""Story vectors packed in the store (issue #27): read back bit for bit, kept as a rebuild in memory keeps them
through joins, a merge and a split, and converted from JSON when an old store opens."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

from conftest import make_article
from test_cluster_archive import BANGLADESH, INDONESIA
from test_cluster_coherence import _reports

from newsbrief.cluster.coherence import SPLIT_LINK
from newsbrief.cluster.features import article_features
from newsbrief.cluster.memory import MemoryState
from newsbrief.cluster.story_state import StoryState, story_id_for
from newsbrief.cluster.stream import StreamClusterer
from newsbrief.storage import migrations
from newsbrief.storage.db import Store
from newsbrief.storage.migrations import APPLICATION_ID, latest_version
from newsbrief.storage.state import SQLiteState
from newsbrief.storage.vectors import pack, unpack


def test_vectors_pack_round_trips_bit_for_bit_in_order() -> None:
    rng = random.Random(7)
    vector = {f"t{i}": rng.random() * 10 ** rng.randint(-300, 300) for i in range(500)}
    vector["last"] = 1 / 3
    terms, weights = pack(vector)
    back = unpack(terms, weights)
    assert list(back.items()) == list(vector.items())  # same floats, same order (a norm sums in this order)
    assert len(weights) == 8 * len(vector)
    assert unpack(*pack({})) == {}


def _stored_vectors(path: Path) -> dict[str, dict[str, float]]:
    """Every live story's vector as a new connection reads it from the file (no cache)."""
    db = sqlite3.connect(path)
    state = SQLiteState(db)
    keys = [key for (key,) in db.execute("SELECT key FROM stories WHERE merged_into IS NULL AND size > 0")]
    vectors = {story.id: story.vector for story in state.load_many(keys)}
    db.close()
    return vectors


def _force_merge(state: SQLiteState | MemoryState, keep: StoryState, drop: StoryState) -> None:
    """A wrong merge, as a bridging article would make it."""
    keep.absorb_story(drop)
    state.merge(keep, drop)
    state.touched(keep)


def test_vectors_stored_through_join_merge_and_split_match_a_rebuild_in_memory(tmp_path: Path) -> None:
    """The store updates a story's packed vector on each join, merge and split; the same steps replayed on a
    clusterer in memory give the same vectors, to the bit."""
    batches = [_reports(BANGLADESH, "bd"), _reports(INDONESIA, "id"),
               [make_article(f"{BANGLADESH[2]} {BANGLADESH[0]}", id="bd9")]]
    path = tmp_path / "s.db"
    with Store(path, learned_link=False, background=False, detect_junk=False) as store:
        store.add_articles(batches[0])
        store.add_articles(batches[1])
        db = sqlite3.connect(path, isolation_level=None)  # the wrong merge, by another writer
        db.execute("BEGIN IMMEDIATE")
        other = SQLiteState(db)
        keys = dict(db.execute("SELECT id, key FROM stories WHERE merged_into IS NULL"))
        _force_merge(other, other.load(keys[story_id_for("bd0")]), other.load(keys[story_id_for("id0")]))
        other.flush()
        db.execute("COMMIT")
        db.close()
        assert list(_stored_vectors(path)) == [story_id_for("bd0")]
        report = store.add_articles(batches[2])  # joins the merged story, which is then split
        assert story_id_for("id0") in report.stories_created
    stored = _stored_vectors(path)

    memory = MemoryState()
    clusterer = StreamClusterer(memory, split_link=SPLIT_LINK)
    clusterer.add([article_features(a) for a in batches[0]])
    clusterer.add([article_features(a) for a in batches[1]])
    ids = {story.id: story for story in memory.stories.values()}
    _force_merge(memory, ids[story_id_for("bd0")], ids[story_id_for("id0")])
    clusterer.add([article_features(a) for a in batches[2]])
    rebuilt = {story.id: story.pruned_vector() for story in memory.stories.values() if story.size}

    assert set(stored) == set(rebuilt) == {story_id_for("bd0"), story_id_for("id0")}
    for story_id, vector in rebuilt.items():
        assert stored[story_id] == vector, story_id


def test_vectors_an_old_store_gains_packed_vectors_on_open(tmp_path: Path) -> None:
    """A store of schema 3 keeps its vectors as JSON; opened, it is migrated: the same weights packed, the JSON
    emptied, and the story found and joined as before."""
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for migration in migrations.MIGRATIONS[:3]:
        migration(db)
    db.execute("PRAGMA user_version = 3")
    vector = {"ferri": 1.75, "meghna": 0.5, "capsiz": 1 / 3}
    db.execute("INSERT INTO batches (ingested_at, articles, added, duplicates) VALUES ('2024-05-01', 1, 1, 0)")
    db.execute("INSERT INTO stories (id, title, title_from_text, size, vector, names) "
               "VALUES ('s1', 'Ferry capsizes', 0, 1, ?, '{}')", (json.dumps(vector),))
    db.executemany("INSERT INTO story_terms (term, story) VALUES (?, 1)", [(t,) for t in vector])
    db.execute("INSERT INTO articles (id, text, text_hash, time, batch, story) VALUES ('a1', ?, 'h', 0, 1, 1)",
               (BANGLADESH[0],))
    db.execute("COMMIT")
    db.close()
    with Store(path, learned_link=False, background=False, detect_junk=False) as store:
        assert store.version == latest_version() >= 4
    db = sqlite3.connect(path)
    assert db.execute("SELECT vector FROM stories WHERE key = 1").fetchone() == ("{}",)
    assert list(SQLiteState(db).load(1).vector.items()) == list(vector.items())
    db.close()
    with Store(path, learned_link=False, background=False, detect_junk=False) as store:
        store.add_articles([make_article(BANGLADESH[1], id="a2")])
        assert sorted(store.story("s1").article_ids) == ["a1", "a2"]
    stored = _stored_vectors(path)["s1"]
    assert set(vector) <= set(stored) and stored["meghna"] > vector["meghna"]  # the join added to the old weights
