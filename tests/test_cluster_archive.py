"""Stories at archive scale (issue #27): events kept apart among many others, and a placing cost that does
not grow with the store (counted in index entries read and candidates scored, never timed)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import data_file, make_article

from newsbrief.cluster import stream
from newsbrief.cluster.stream import MAX_CANDIDATES, MAX_POSTINGS, QUERY_TERMS
from newsbrief.storage.db import Store

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)  # a Monday

# Two ferry disasters of the same week, told in much the same words; only places, names and details differ.
BANGLADESH = [
    "A crowded ferry capsized on the Meghna river in Bangladesh on Monday, and rescuers said at least 40 "
    "passengers drowned while dozens more were missing near Chandpur.",
    "Divers recovered more bodies from the Meghna river on Tuesday after the overloaded ferry sank near "
    "Chandpur, Bangladesh, raising the death toll to 58 as families waited on the bank.",
    "Bangladesh's shipping minister Khalid Mahmud Chowdhury said the Chandpur ferry was licensed for 300 "
    "passengers but carried nearly 600 when it capsized in a storm on the Meghna.",
    "Police in Chandpur arrested the owner of the ferry that sank on the Meghna river, as Bangladesh mourned "
    "the 71 passengers confirmed dead and rescuers searched for the missing.",
]
INDONESIA = [
    "A wooden ferry carrying tourists sank on Lake Toba in North Sumatra, Indonesia, on Tuesday, and "
    "rescuers said at least 20 passengers drowned and more than 100 were missing.",
    "Indonesian divers searched Lake Toba on Wednesday for passengers of the overloaded ferry that capsized "
    "near Simanindo, as the death toll rose to 34 and families waited at the pier.",
    "The Indonesian transport minister Budi Karya Sumadi said the Lake Toba ferry had no passenger list and "
    "carried far more people than allowed when it sank in high waves off Sumatra.",
    "Police in North Sumatra detained the captain of the ferry that capsized on Lake Toba, as Indonesia "
    "mourned the passengers and rescuers kept searching for the missing.",
]


def _others(count: int, seed: int) -> list:
    """``count`` articles of other Multi-News events, dated over the same four weeks."""
    rng = random.Random(seed)
    with data_file("multinews_dev.jsonl").open(encoding="utf-8") as handle:
        docs = [(f"{r['id']}#{i}", d) for r in map(json.loads, handle) for i, d in enumerate(r["documents"])
                if d.strip()]
    return [make_article(text, id=doc_id, published=T0 + timedelta(hours=rng.randrange(24 * 28)))
            for doc_id, text in rng.sample(docs, count)]


def test_archive_two_similar_events_of_one_week_stay_two_stories_among_many_others(tmp_path: Path) -> None:
    events = [make_article(text, id=f"bd{i}", published=T0 + timedelta(days=7 + i, hours=i))
              for i, text in enumerate(BANGLADESH)]
    events += [make_article(text, id=f"id{i}", published=T0 + timedelta(days=8 + i, hours=2 * i))
               for i, text in enumerate(INDONESIA)]
    articles = sorted(_others(800, 27) + events, key=lambda a: a.published)
    with Store(tmp_path / "s.db") as store:
        for week in range(4):  # a week a transaction, in time order
            start, stop = T0 + timedelta(days=7 * week), T0 + timedelta(days=7 * week + 7)
            store.add_articles([a for a in articles if start <= a.published < stop])
        story_of = {a: s.id for s in store.stories() for a in s.article_ids}
        members = {s.id: set(s.article_ids) for s in store.stories()}
    bangladesh = {story_of[f"bd{i}"] for i in range(4)}
    indonesia = {story_of[f"id{i}"] for i in range(4)}
    assert len(bangladesh) == 1 and len(indonesia) == 1  # each event one story
    assert bangladesh != indonesia  # and the two apart
    for story in bangladesh | indonesia:  # with nothing of the other events in either
        assert all(a.startswith(("bd", "id")) for a in members[story])


def _filler(count: int, rng: random.Random, start: int) -> list:
    """Unrelated undated articles that all share the common words of the probe below, each its own story."""
    return [make_article(f"Officials said on Monday the government report found problems. "
                         f"{' '.join(f'w{rng.randrange(10**9)}' for _ in range(12))}", id=f"f{start + i}")
            for i in range(count)]


def test_archive_a_bigger_store_does_not_make_an_article_costlier_to_place(tmp_path: Path) -> None:
    """Placing the same article reads at most MAX_POSTINGS index entries a query term and scores at most
    MAX_CANDIDATES stories, and the same number in a store three times bigger."""
    rng = random.Random(7)
    probe = make_article("Officials said on Monday the government report found problems in schools.", id="probe")
    costs = []
    with Store(tmp_path / "s.db") as store:
        for n, size in enumerate((2 * MAX_POSTINGS, 4 * MAX_POSTINGS)):  # 200 stories, then 600
            store.add_articles(_filler(size, rng, 10_000 * n))
            before = (stream.COMPARISONS.articles, stream.COMPARISONS.postings, stream.COMPARISONS.candidates)
            store.add_articles([make_article(probe.text + f" Take {n}.", id=f"probe{n}")])
            costs.append((stream.COMPARISONS.articles - before[0], stream.COMPARISONS.postings - before[1],
                          stream.COMPARISONS.candidates - before[2]))
        assert store.counts()["stories"] >= 6 * MAX_POSTINGS  # every filler is a story of its own
    (articles, postings, candidates), bigger = costs
    assert articles == 1
    assert MAX_POSTINGS <= postings <= QUERY_TERMS * MAX_POSTINGS and candidates == MAX_CANDIDATES
    # Three times the stories, the same work: the common terms' lists grew by 400 stories each, the entries
    # read by at most the first probe's own (it is indexed under the probe's terms too).
    assert bigger[0] == 1 and bigger[2] == candidates and postings <= bigger[1] <= postings + QUERY_TERMS
