"""Briefs saved back into the store by ``newsbrief batch --stories``, and served while current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import data_clusters, demo_articles, make_article, run_cli

from newsbrief.datatypes import Article, Budget
from newsbrief.pipeline import DEFAULT_METHOD
from newsbrief.render.json import brief_to_dict
from newsbrief.storage.briefs import brief_story
from newsbrief.storage.db import Store
from newsbrief.storage.saved import SavedBrief, articles_key, options_key

OPTIONS = options_key(budget="60w", method="default", sections="none", truncate=False)
FLAGS = ["--words", "60", "--sections", "none"]


# A third outlet's own report of the seed story: the same event, other words (not a repost).
THIRD = ("North Korea's top nuclear negotiator, Kim Yong Chol, carried a letter from Kim Jong Un to President "
         "Donald Trump this week, officials in Washington said. Trump has said a second summit with the North "
         "Korean leader could take place early next year. South Korea's president, Moon Jae-in, said the letter "
         "showed that talks on denuclearization were moving. Sanctions on North Korea remain in place, the White "
         "House said, until the North gives up its nuclear weapons.")


def stored_articles() -> list[Article]:
    return [make_article(text, id=f"{record['id']}#{i}", source=f"outlet{i}.example")
            for record in data_clusters("multinews_dev.jsonl", 4) for i, text in enumerate(record["documents"])]


def test_options_key_is_the_same_for_the_same_options_however_spelled() -> None:
    assert options_key(budget=Budget("words", 60), method=DEFAULT_METHOD, sections=["none"], truncate=False) == OPTIONS
    assert options_key(budget=100, method="default", sections=None, truncate=False) == \
        options_key(budget="100w", method="default", sections="all", truncate=False)
    assert options_key(budget="60w", method="default", sections="none", truncate=True) != OPTIONS
    assert options_key(budget="60s", method="default", sections="none", truncate=False) != OPTIONS
    assert articles_key(["b", "a"]) == articles_key(["a", "b"]) != articles_key(["a"])


def test_saved_brief_is_served_until_the_story_changes(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        store.add_articles(demo_articles())
        (story,) = store.stories()
        document = json.dumps(brief_to_dict(brief_story(store, story.id, budget="60w", sections="none")))
        assert store.saved_brief(story.id, OPTIONS) is None
        assert store.save_briefs([SavedBrief(story.id, OPTIONS, document), SavedBrief("gone", OPTIONS, "{}")]) == 1
        assert store.saved_brief(story.id, OPTIONS) == document
        other = options_key(budget="60w", method="default", sections="all", truncate=False)
        assert store.saved_brief(story.id, other) is None
        # A third outlet joins the story: the saved brief no longer covers it.
        report = store.add_articles([make_article(THIRD, id="third", source="third.example")])
        assert report.article_stories[0][1] == story.id and report.duplicates == 0
        assert store.saved_brief(story.id, OPTIONS) is None


def test_batch_stories_saves_each_brief_into_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, out = tmp_path / "news.db", tmp_path / "briefs.jsonl"
    with Store(db) as store:
        store.add_articles(stored_articles())
        ids = [info.id for info in store.stories()]
    code, _, err = run_cli(["batch", "--db", str(db), "--stories", "all", "--out", str(out), *FLAGS], capsys)
    assert code == 0 and f"saved {len(ids)} brief(s) into {db}" in err
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    with Store(db, readonly=True) as store:
        for line in lines:
            story_id = line.pop("id")
            assert json.loads(store.saved_brief(story_id, OPTIONS)) == line
            assert line == brief_to_dict(brief_story(store, story_id, budget="60w", sections="none"))


def test_batch_stories_no_save_reads_the_store_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, out = tmp_path / "news.db", tmp_path / "briefs.jsonl"
    with Store(db) as store:
        store.add_articles(stored_articles())
        ids = [info.id for info in store.stories()]
    code, _, err = run_cli(["batch", "--db", str(db), "--stories", "all", "--out", str(out), "--no-save", *FLAGS],
                           capsys)
    assert code == 0 and "saved" not in err
    with Store(db, readonly=True) as store:
        assert all(store.saved_brief(story_id, OPTIONS) is None for story_id in ids)


def test_api_serves_the_saved_brief_while_it_is_current(tmp_path: Path) -> None:
    pytest.importorskip("fastapi", reason="the server needs the 'serve' extra")
    import httpx

    from newsbrief.server.app import create_app
    from newsbrief.server.testing import ServerThread
    from newsbrief.settings import Settings

    db = tmp_path / "news.db"
    with Store(db) as store:
        store.add_articles(demo_articles())
        (story,) = store.stories()
        fresh = brief_to_dict(brief_story(store, story.id, budget="60w", sections="none"))
        # A marker no brief has: it can only come back from the saved copy.
        store.save_briefs([SavedBrief(story.id, OPTIONS, json.dumps({**fresh, "marker": "saved"}))])
    params = {"words": 60, "sections": ["none"]}
    with ServerThread(create_app(Settings(), store_path=db, workers=0)) as server, \
            httpx.Client(base_url=server.url, timeout=60) as http:
        assert http.get(f"/v1/stories/{story.id}/brief", params=params).json()["marker"] == "saved"
        other = {"words": 61, "sections": ["none"]}
        assert "marker" not in http.get(f"/v1/stories/{story.id}/brief", params=other).json()
        third = {"text": THIRD, "source": "third.example"}
        assert http.post("/v1/articles", json={"articles": [third]}).json()["articles"][0]["story"] == story.id
        after = http.get(f"/v1/stories/{story.id}/brief", params=params).json()
        assert "marker" not in after and len(after["sources"]) == 3


def test_saved_briefs_of_a_story_merged_into_another_are_dropped(tmp_path: Path) -> None:
    import sqlite3

    left = "Flooding in Porto Alegre forced thousands from their homes as the Guaiba river rose to a record level."
    right = ("Rescue boats in Rio Grande do Sul state carried stranded families across flooded highways after days "
             "of heavy rain cut roads and bridges.")
    with Store(tmp_path / "news.db") as store:
        store.add_articles([make_article(left, id="l"), make_article(right, id="r")])
        ids = [info.id for info in store.stories()]
        assert store.save_briefs([SavedBrief(sid, OPTIONS, json.dumps({"sources": []})) for sid in ids]) == 2
        (merge,) = store.add_articles([make_article(left + " " + right, id="both")]).stories_merged
    with sqlite3.connect(tmp_path / "news.db") as db:
        kept = {row[0] for row in db.execute("SELECT s.id FROM saved_briefs AS b JOIN stories AS s ON s.key = b.story")}
    assert kept == {merge[1]}
