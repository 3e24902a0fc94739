"""The store endpoints (``--db``) on a real loopback server over a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi", reason="the server needs the 'serve' extra (fastapi, uvicorn, python-multipart)")
pytest.importorskip("newsbrief.storage.briefs", reason="the story store is not installed")

from conftest import DEMO_PATHS

from newsbrief.errors import StorageError
from newsbrief.server.app import create_app
from newsbrief.server.testing import ServerThread
from newsbrief.settings import Settings

DEMO_TEXTS = [p.read_text("utf-8") for p in DEMO_PATHS]
ARTICLES = [{"text": DEMO_TEXTS[0], "title": "Trump letter delivered to Kim", "source": "cnn.com",
             "url": "https://example.org/cnn", "published": "2019-01-20T12:00:00Z"},
            {"text": DEMO_TEXTS[1], "title": "Second summit in the works", "source": "foxnews.com",
             "url": "https://example.org/fox", "published": "2019-01-21T08:00:00Z"}]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = tmp_path_factory.mktemp("store") / "stories.db"
    settings = Settings(max_articles=5)
    with ServerThread(create_app(settings, store_path=db, workers=1)) as server, \
            httpx.Client(base_url=server.url, timeout=60) as http:
        yield http


@pytest.fixture(scope="module")
def story_id(client: httpx.Client) -> str:
    response = client.post("/v1/articles", json={"articles": ARTICLES})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["given"] == 2 and report["added"] == 2
    (story,) = {a["story"] for a in report["articles"]}
    return story


def test_store_version_says_a_store_is_attached(client: httpx.Client) -> None:
    assert client.get("/version").json()["store"] is True


def test_store_ingest_twice_changes_nothing(client: httpx.Client, story_id: str) -> None:
    report = client.post("/v1/articles", json={"articles": ARTICLES}).json()
    assert (report["added"], report["unchanged"]) == (0, 2)


def test_store_lists_the_story(client: httpx.Client, story_id: str) -> None:
    stories = client.get("/v1/stories").json()["stories"]
    story = next(s for s in stories if s["id"] == story_id)
    assert len(story["articles"]) == 2 and story["title"]


def test_store_since_filters_the_list(client: httpx.Client, story_id: str) -> None:
    assert client.get("/v1/stories", params={"since": "2030-01-01T00:00:00Z"}).json()["stories"] == []
    listed = client.get("/v1/stories", params={"since": "2019-01-01"}).json()["stories"]
    assert story_id in [s["id"] for s in listed]


def test_store_story_has_article_summaries(client: httpx.Client, story_id: str) -> None:
    doc = client.get(f"/v1/stories/{story_id}").json()
    assert doc["story"]["id"] == story_id
    titles = [a["title"] for a in doc["articles"]]
    assert titles == ["Trump letter delivered to Kim", "Second summit in the works"]
    first = doc["articles"][0]
    assert first["source"] == "cnn.com" and first["words"] > 100 and first["excerpt"].startswith("A source")


def test_store_story_brief_is_a_brief_document(client: httpx.Client, story_id: str) -> None:
    response = client.get(f"/v1/stories/{story_id}/brief", params={"sentences": 3, "sections": ["quotes"]})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["schema"] == "newsbrief.brief/1" and doc["story_id"] == story_id
    assert doc["length"]["sentences"] <= 3 and doc["sections"] == ["quotes"]
    assert [s["title"] for s in doc["sources"]] == ["Trump letter delivered to Kim", "Second summit in the works"]


def test_store_update_brief_since_a_time(client: httpx.Client, story_id: str) -> None:
    doc = client.get(f"/v1/stories/{story_id}/brief", params={"since": "2019-01-21T00:00:00Z"}).json()
    assert [s["title"] for s in doc["sources"]] == ["Second summit in the works"]


def test_store_nothing_since_is_400(client: httpx.Client, story_id: str) -> None:
    response = client.get(f"/v1/stories/{story_id}/brief", params={"since": "2031-01-01"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "empty_input"


@pytest.mark.parametrize("path", ["/v1/stories/no-such-story", "/v1/stories/no-such-story/brief"])
def test_store_unknown_story_is_404(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found" and "no-such-story" in error["message"]


@pytest.mark.parametrize("since", ["yesterday-ish", "2019-13-45"])
def test_store_unreadable_since_is_422(client: httpx.Client, since: str) -> None:
    response = client.get("/v1/stories", params={"since": since})
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("since: not a date")


def test_store_ingest_by_file_upload(client: httpx.Client) -> None:
    text = "The city council approved the harbour tunnel on Tuesday. Digging starts next spring."
    response = client.post("/v1/articles", files=[("files", ("tunnel.txt", text.encode(), "text/plain"))])
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1


@pytest.mark.parametrize(("kwargs", "status", "code"), [
    ({"json": {"articles": [{"text": "x"}] * 6}}, 413, "too_many_articles"),
    ({"content": b"text", "headers": {"content-type": "text/plain"}}, 415, "unsupported_media_type"),
    ({"json": {"articles": [{"text": "x"}], "budget": {"words": 5}}}, 422, "invalid_request"),
    ({"json": {"articles": []}}, 422, "invalid_request"),
])
def test_store_ingest_errors(client: httpx.Client, kwargs: dict, status: int, code: str) -> None:
    response = client.post("/v1/articles", **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


def test_store_that_is_not_sqlite_fails_at_start(tmp_path: Path) -> None:
    path = tmp_path / "not-a-store.db"
    path.write_text("just some text", "utf-8")
    with pytest.raises(StorageError):
        create_app(Settings(), store_path=path)
    assert path.read_text("utf-8") == "just some text"


def test_store_junk_pages_are_listed_apart_and_never_briefed(client: httpx.Client, story_id: str) -> None:
    cookie = ("We use cookies to improve your experience on our site. By continuing to browse you agree to our use "
              "of cookies. Accept all cookies or manage your preferences in our privacy policy.")
    report = client.post("/v1/articles", json={"articles": [{"text": cookie, "url": "https://example.org/c"}]}).json()
    (page,) = report["junk"]
    (junk_story,) = {a["story"] for a in report["articles"]}
    assert junk_story not in [s["id"] for s in client.get("/v1/stories").json()["stories"]]
    listed = client.get("/v1/stories", params={"junk": "true"}).json()["stories"]
    assert [s["articles"] for s in listed] == [[page]] and listed[0]["junk"] is True
    response = client.get(f"/v1/stories/{junk_story}/brief")
    assert 400 <= response.status_code < 500
    assert "reports no event" in response.json()["error"]["message"]
