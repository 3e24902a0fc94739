"""Briefs of stored stories: the seed story found among unrelated articles, and update briefs."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import DEMO_PATHS, data_clusters, demo_articles, make_article

import newsbrief
from newsbrief.datatypes import Article, Brief
from newsbrief.errors import EmptyInputError, NotFoundError
from newsbrief.storage.briefs import brief_story, mask_known
from newsbrief.storage.db import Store

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def _content(result: Brief) -> list[tuple[str, tuple[tuple[str, int, int], ...]]]:
    """The brief's sentences and cited spans, independent of source numbering and order."""
    return sorted((s.text, tuple(sorted((c.article_id, c.start, c.end) for c in s.citations)))
                  for s in result.sentences)


def _unrelated(n: int) -> list[Article]:
    """The first document of the first ``n`` Multi-News dev clusters (none is about Trump and Kim)."""
    return [Article.make(record["documents"][0], id=f"{record['id']}#1") for record in data_clusters(
        "multinews_dev.jsonl", n)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_briefs_seed_pair_among_unrelated_forms_one_story_briefed_as_the_files(tmp_path: Path, seed: int) -> None:
    seed_articles = list(newsbrief.read([str(p) for p in DEMO_PATHS]).articles)
    stream = seed_articles + _unrelated(10)
    random.Random(seed).shuffle(stream)
    with Store(tmp_path / "news.db") as store:
        store.add_articles(stream)
        stories = store.stories()
        seed_ids = {a.id for a in seed_articles}
        (story,) = [s for s in stories if seed_ids & set(s.article_ids)]
        assert set(story.article_ids) == seed_ids
        # the ten unrelated pages open ten stories, less those kept out as junk (a crawl notice among them),
        # less one: two pages of the 2012 campaign (Candy Crowley and Mitt Romney in both, dev clusters 0289
        # and 0506, two events by the labels) join. The archive threshold of issue #27 kept them apart, but a
        # store of a dozen articles takes the small-store threshold, which recovers recall on small stores
        # (held-out events alone 0.912 -> 0.931) at the price of such topic-level pairs.
        assert len(store.stories(junk=True)) == 1 and len(stories) == 11 - 1 - 1
        assert sorted(s.article_ids for s in stories if len(s.article_ids) > 1 and s is not story) == [
            ("multinews-validation-0289#1", "multinews-validation-0506#1")]
        stored = brief_story(store, story.id, budget="120w")
        in_store_order = store.story_articles(story.id)
    assert stored.story_id == story.id
    assert stored.to_dict()["sentences"] == newsbrief.brief(in_store_order, budget="120w",
                                                            story_id=story.id).to_dict()["sentences"]
    assert _content(stored) == _content(newsbrief.brief(seed_articles, budget="120w"))


def test_briefs_unknown_story(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store, pytest.raises(NotFoundError):
        brief_story(store, "s000000000000")


def _seed_update_store(tmp_path: Path) -> tuple[Store, str]:
    first, second = demo_articles()
    store = Store(tmp_path / "news.db")
    store.add_articles([dataclasses.replace(first, published=T0)])
    store.add_articles([dataclasses.replace(second, published=T0 + timedelta(days=1))])
    (story,) = store.stories()
    return store, story.id


def test_briefs_update_cites_only_new_articles_and_leaves_out_known_facts(tmp_path: Path) -> None:
    store, story_id = _seed_update_store(tmp_path)
    with store:
        update = brief_story(store, story_id, since=T0 + timedelta(hours=1), budget="250w", sections="none")
        full = brief_story(store, story_id, budget="250w", sections="none")
    second = demo_articles()[1]
    assert [a.id for a in update.sources] == [second.id]
    assert update.sources[0].text == second.text  # the stored article, not the blanked copy
    assert all(c.article_id == second.id for s in update.sentences for c in s.citations)
    for sentence in update.sentences:
        for c in sentence.citations:
            assert second.text[c.start:c.end].strip()
    texts = " ".join(s.text for s in update.sentences)
    assert "over the weekend" not in texts  # stated by the older article already
    assert "We will not loosen our guard" not in texts
    assert "Bolton" in texts  # only the newer article has Bolton
    assert any("update since 2024-03-04T10:00:00+00:00: 1 new article(s)" in note for note in update.notes)
    assert len({a.id for a in full.sources}) == 2


def test_briefs_update_with_nothing_since_is_a_clear_error(tmp_path: Path) -> None:
    store, story_id = _seed_update_store(tmp_path)
    with store, pytest.raises(EmptyInputError, match=f"story {story_id} has no article since 2024-03-09"):
        brief_story(store, story_id, since=T0 + timedelta(days=5))


def test_briefs_update_where_all_is_new_is_the_full_brief(tmp_path: Path) -> None:
    store, story_id = _seed_update_store(tmp_path)
    with store:
        update = brief_story(store, story_id, since=T0 - timedelta(days=1), budget="100w")
        full = brief_story(store, story_id, budget="100w")
    assert _content(update) == _content(full)


def test_briefs_update_repeating_old_facts_only_is_a_clear_error(tmp_path: Path) -> None:
    old = make_article("The bridge over the Rhine in Basel closed on Monday for repairs after cracks were found.",
                       id="old", published=T0)
    new = make_article("After cracks were found, the Basel bridge over the Rhine closed on Monday for repairs.",
                       id="new", published=T0 + timedelta(days=1))
    with Store(tmp_path / "news.db") as store:
        store.add_articles([old, new])
        (story,) = store.stories()
        with pytest.raises(EmptyInputError, match="repeat what its 1 earlier article"):
            brief_story(store, story.id, since=T0 + timedelta(hours=1))


def test_briefs_mask_known_blanks_in_place() -> None:
    old = make_article("The mayor opened the new library on Friday. It has ten floors.", id="o")
    new = make_article("The new library was opened by the mayor on Friday.\nIt cost 40 million euros to build.",
                       id="n")
    (masked,), blanked = mask_known([new], [old])
    assert blanked == 1
    assert len(masked.text) == len(new.text) and masked.id == new.id
    assert masked.text.split("\n")[0].strip() == ""
    assert masked.text.split("\n")[1] == "It cost 40 million euros to build."
