"""Telling a pile apart into its stories: the pile-level merge of the stream clusterer's fragments."""

from __future__ import annotations

import json
from itertools import combinations, pairwise

import numpy as np
import pytest
import scipy.sparse as sp
from conftest import TEST_DATA, data_clusters, demo_articles, make_article

from newsbrief.cluster.features import idf
from newsbrief.cluster.pile import _merge, pile_stories
from newsbrief.represent.background import background


def two_story_articles() -> list:
    rows = [json.loads(line) for line in (TEST_DATA / "two_stories.jsonl").read_text("utf-8").splitlines()]
    return [make_article(r["text"], title=r["title"], source=r["source"]) for r in rows]


def _naive_average_link(vectors: np.ndarray, members: list[list[int]], threshold: float) -> set[frozenset[int]]:
    """Average-link agglomeration the slow way: every pair's mean article cosine, best pair first."""
    groups = [list(m) for m in members]
    similarity = vectors @ vectors.T
    while len(groups) > 1:
        link, a, b = max((similarity[np.ix_(groups[a], groups[b])].mean(), a, b)
                         for a, b in combinations(range(len(groups)), 2))
        if link < threshold:
            break
        groups[a] += groups[b]
        del groups[b]
    return {frozenset(g) for g in groups}


@pytest.mark.parametrize("seed", range(6))
def test_pile_merge_matches_naive_average_link(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 18
    dense = rng.random((n, 12)) * (rng.random((n, 12)) < 0.35)
    dense[dense.sum(axis=1) == 0, 0] = 1.0
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    order = rng.permutation(n)
    members = [sorted(order[i:i + 2].tolist()) for i in range(0, n, 2)]
    got = _merge(sp.csr_matrix(dense), members, 0.3)
    as_articles = {frozenset(i for part in group for i in members[part]) for group in got}
    assert as_articles == _naive_average_link(dense, members, 0.3)


def test_pile_two_events_are_two_stories_largest_first() -> None:
    articles = two_story_articles()
    stories = pile_stories(articles)
    ids = [a.id for a in articles]
    assert [set(s.article_ids) for s in stories] == [set(ids[:3]), set(ids[3:])]
    assert stories[0].title in {a.title for a in articles[:3]}  # a headline of the story's own articles
    assert all(list(s.article_ids) == sorted(s.article_ids, key=ids.index) for s in stories)
    assert [s.id for s in pile_stories(articles)] == [s.id for s in stories]  # stable across runs


def test_pile_seed_pair_is_one_story() -> None:
    assert len(pile_stories(demo_articles())) == 1


def test_pile_one_article_or_none() -> None:
    article = make_article("A single report of a council vote on local taxes.")
    assert [s.article_ids for s in pile_stories([article])] == [(article.id,)]
    assert pile_stories([]) == []


def test_pile_mixed_dev_clusters_told_apart() -> None:
    """Three DUC 2004 events mixed: each event's articles mostly share one story."""
    rows = list(data_clusters("duc2004_dev.jsonl", limit=3))
    articles, gold = [], {}
    for row in rows:
        for text in row["documents"]:
            article = make_article(text, source=row["id"])
            articles.append(article)
            gold[article.id] = row["id"]
    stories = pile_stories(articles)
    assert 3 <= len(stories) <= 6
    for story in stories[:3]:
        events = {gold[i] for i in story.article_ids}
        assert len(events) == 1, events  # no top story mixes two events
    assert {gold[s.article_ids[0]] for s in stories[:3]} == {r["id"] for r in rows}


def test_background_table_ships_and_weighs_news_words() -> None:
    table = background()
    assert table.documents > 10_000
    weight = {term: idf(table.df.get(term, 0), table.documents) for term in ("said", "hurrican", "zzzunseen")}
    # a stop-word-like news word is common, an event's word is rare
    assert weight["said"] < weight["hurrican"] < weight["zzzunseen"]


def test_pile_same_subject_months_apart_is_two_stories() -> None:
    from datetime import UTC, datetime, timedelta

    articles = two_story_articles()[:3]
    first = datetime(2026, 1, 5, tzinfo=UTC)
    dated = [make_article(a.text, title=a.title, source=a.source, published=first + timedelta(days=d))
             for a, d in zip(articles, (0, 1, 200), strict=True)]
    stories = pile_stories(dated)
    assert [len(s.article_ids) for s in stories] == [2, 1]
    assert stories[1].article_ids == (dated[2].id,)
    undated = pile_stories(articles)
    assert len(undated) == 1  # the same texts without dates are one story


def test_pile_untitled_gives_the_same_stories_without_titles() -> None:
    # The several-stories note only counts stories: piling without titles must not move an article.
    piles = [two_story_articles(), demo_articles()]
    docs = [c["documents"] for c in data_clusters("duc2004_dev.jsonl", 6)]
    piles += [[make_article(t, source=f"s{i}") for i, t in enumerate(a[:4] + b[:3])] for a, b in pairwise(docs)]
    for pile in piles:
        titled, untitled = pile_stories(pile), pile_stories(pile, titled=False)
        assert [(s.id, s.article_ids) for s in untitled] == [(s.id, s.article_ids) for s in titled]
        assert all(s.title is None for s in untitled)
        assert any(s.title for s in titled)
