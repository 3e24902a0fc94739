"""Merges that can be undone (issue #27): a story whose articles fall apart into groups is split, the
oldest group keeps the story's id, and each other group becomes a story of its own."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

from conftest import make_article
from test_cluster_archive import BANGLADESH, INDONESIA

from newsbrief.cluster.coherence import SPLIT_LINK, cohesion, partition
from newsbrief.cluster.features import article_features
from newsbrief.cluster.memory import MemoryState
from newsbrief.cluster.story_state import story_id_for
from newsbrief.cluster.stream import StreamClusterer
from newsbrief.storage.db import Store
from newsbrief.storage.state import SQLiteState


def _reports(texts: list[str], tag: str) -> list:
    """Four reports of one event, each telling two of its facts (so they read alike, as reports of one event do)."""
    return [make_article(f"{texts[i]} {texts[(i + 1) % 4]}", id=f"{tag}{i}") for i in range(4)]


def _ferries() -> list:
    """The two ferry disasters' reports, interleaved: Bangladesh first."""
    return [a for pair in zip(_reports(BANGLADESH, "bd"), _reports(INDONESIA, "id"), strict=True) for a in pair]


def test_coherence_cohesion_is_the_mean_pairwise_cosine() -> None:
    # Two unit vectors at cosine 0.5: the sum has squared length 2 + 2 * 0.5 = 3, so (3 - 2) / (2 * 1) = 0.5.
    norm = math.sqrt(3.0)
    assert math.isclose(cohesion(norm, 2.0), 0.5)
    assert cohesion(1.0, 1.0) == 1.0  # one article agrees with itself


def test_coherence_partition_groups_by_average_link_by_hand() -> None:
    vectors = [{"x": 1.0}, {"x": 1.0}, {"y": 1.0}, {"y": 0.8, "z": 0.6}]
    # cos(0, 1) = 1 and cos(2, 3) = 0.8; across the groups every cosine is 0.
    assert partition(vectors, link=0.3) == [[0, 1], [2, 3]]
    assert partition(vectors, link=0.9) == [[0, 1], [2], [3]]
    assert partition(vectors, link=0.0) == [[0, 1, 2, 3]]  # an average link of 0 still reaches 0
    assert partition(vectors[:1], link=0.3) == [[0]]


def test_coherence_a_story_chained_across_two_events_is_split_in_memory() -> None:
    features = [article_features(a) for a in _ferries()]
    loose = StreamClusterer(MemoryState(), threshold=0.0)  # joins anything that shares a word: one story
    assert len({s.key for s in loose.add(features)}) == 1
    state = MemoryState()
    clusterer = StreamClusterer(state, threshold=0.0, split_link=SPLIT_LINK)
    clusterer.add(features)
    groups = sorted(sorted(f.article_id for f in state.members(s, limit=100)) for s in state.stories.values())
    assert groups == [[f"bd{i}" for i in range(4)], [f"id{i}" for i in range(4)]]
    ids = {s.id: s for s in state.stories.values()}
    assert set(ids) == {story_id_for("bd0"), story_id_for("id0")}  # the founder's id, and its oldest article's
    assert [s.size for s in sorted(state.stories.values(), key=lambda s: s.key)] == [4, 4]
    (split, new, moved), = clusterer.split_off
    assert split.id == story_id_for("bd0") and new.id == story_id_for("id0") and sorted(moved) == [
        f"id{i}" for i in range(4)]
    # The split-off story is found again by the next report of its event.
    later = article_features(make_article(f"{INDONESIA[2]} {INDONESIA[0]}", id="id9"))
    assert clusterer.place(later).best is new


def test_coherence_the_store_undoes_a_wrong_merge_and_gives_the_ids_back(tmp_path: Path) -> None:
    """Two stories of the store wrongly merged (as a bridging article would merge them) are split again
    when the merged story next changes: each event in its own story, under the id it had before."""
    with Store(tmp_path / "s.db", learned_link=False) as store:
        store.add_articles(_reports(BANGLADESH, "bd"))
        store.add_articles(_reports(INDONESIA, "id"))
        before = {s.id: sorted(s.article_ids) for s in store.stories()}
        assert sorted(before.values()) == [[f"bd{i}" for i in range(4)], [f"id{i}" for i in range(4)]]
        db = sqlite3.connect(tmp_path / "s.db", isolation_level=None)  # the wrong merge, by another writer
        db.execute("BEGIN IMMEDIATE")
        state = SQLiteState(db)
        keys = dict(db.execute("SELECT id, key FROM stories WHERE merged_into IS NULL"))
        kept, drop = state.load(keys[story_id_for("bd0")]), state.load(keys[story_id_for("id0")])
        kept.absorb_story(drop)
        state.merge(kept, drop)
        state.touched(kept)
        state.flush()
        db.execute("COMMIT")
        db.close()
        assert [sorted(s.article_ids) for s in store.stories()] == [sorted([*before[story_id_for("bd0")],
                                                                            *before[story_id_for("id0")]])]
        assert kept.id == story_id_for("bd0")
        # The store's own cache of stories saw the other writer's commit and reads the merged story again.
        report = store.add_articles([make_article(f"{BANGLADESH[2]} {BANGLADESH[0]}", id="bd9")])
        after = {s.id: sorted(s.article_ids) for s in store.stories()}
        assert story_id_for("id0") in report.stories_created  # back, under its own id
        assert after == {story_id_for("bd0"): [*(f"bd{i}" for i in range(4)), "bd9"],
                         story_id_for("id0"): [f"id{i}" for i in range(4)]}
        assert store.story(story_id_for("id0")).id == story_id_for("id0")
