"""``POST /v1/brief`` on a pile of several stories, on a real server: the note, and ``by_story``."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

pytest.importorskip("fastapi", reason="the server needs the 'serve' extra (fastapi, uvicorn, python-multipart)")

from conftest import TEST_DATA

import newsbrief
from newsbrief.server.app import create_app
from newsbrief.server.testing import ServerThread
from newsbrief.settings import Settings

ROWS = [json.loads(line) for line in (TEST_DATA / "two_stories.jsonl").read_text("utf-8").splitlines()]
PILE = [{"text": r["text"], "title": r["title"], "source": r["source"]} for r in ROWS]


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with ServerThread(create_app(Settings(), workers=1)) as running, \
            httpx.Client(base_url=running.url, timeout=60) as http:
        yield http


def test_api_brief_by_story_answers_one_brief_per_story(client: httpx.Client) -> None:
    response = client.post("/v1/brief", json={"articles": PILE, "budget": {"words": 30}, "by_story": True,
                                              "sections": ["none"]})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert list(doc) == ["stories"]
    assert [len(s["sources"]) for s in doc["stories"]] == [3, 3]
    assert doc["stories"][0]["title"] in {r["title"] for r in ROWS[:3]}
    assert all(s["length"]["words"] <= 30 for s in doc["stories"])


def test_api_brief_of_a_pile_notes_its_stories(client: httpx.Client) -> None:
    response = client.post("/v1/brief", json={"articles": PILE, "sections": ["none"]})
    assert response.status_code == 200, response.text
    notes = response.json()["notes"]
    assert any("form 2 stories" in n and "by_story" in n for n in notes)


def test_api_brief_by_story_in_a_form(client: httpx.Client) -> None:
    fields = [("text", r["text"]) for r in ROWS] + [("by_story", "true"), ("sentences", "1"), ("sections", "none")]
    response = client.post("/v1/brief", files=[(name, (None, value)) for name, value in fields])
    assert response.status_code == 200, response.text
    assert len(response.json()["stories"]) == 2


def test_library_brief_by_story_matches_pile_stories() -> None:
    articles = [newsbrief.Article.make(r["text"], title=r["title"]) for r in ROWS]
    stories = newsbrief.pile_stories(articles)
    briefs = newsbrief.brief_by_story(articles, budget="2s", sections="none")
    assert [b.story_id for b in briefs] == [s.id for s in stories]
    assert [b.title for b in briefs] == [s.title for s in stories]
    for brief, story in zip(briefs, stories, strict=True):
        assert [a.id for a in brief.sources] == list(story.article_ids)
        assert 1 <= len(brief.sentences) <= 2


def test_api_brief_by_story_leaves_out_junk_pages_as_ingest_does(client: httpx.Client) -> None:
    from newsbrief.ingest.junk import default_detector

    widget = ("Tweet with a location. You can add location information to your Tweets, such as your city or precise "
              "location, from the web and via third-party applications. You always have the option to delete your "
              "Tweet location history. Learn more. Turn on. Not now.")
    assert default_detector().is_junk(widget)  # the page `ingest` keeps out of every story
    articles = [*PILE, {"text": widget, "title": "Twitter"}]
    response = client.post("/v1/brief", json={"articles": articles, "budget": {"words": 30}, "by_story": True,
                                              "sections": ["none"]})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert [len(s["sources"]) for s in doc["stories"]] == [3, 3]  # no story of the widget page
    assert any("left out 1 page(s) that report no event" in n for n in doc["notes"])
