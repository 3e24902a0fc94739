"""The edge refuses cross-origin state changes and foreign Host names (CSRF, DNS rebinding; issue 28)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

pytest.importorskip("fastapi", reason="the server needs the 'serve' extra (fastapi, uvicorn, python-multipart)")

from newsbrief.server.app import create_app
from newsbrief.server.guard import host_name, parse_allowed_hosts
from newsbrief.server.testing import ServerThread
from newsbrief.settings import Settings

PLANTED = "Planted: The mayor resigned on Monday after the council vote in the city."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerThread]:
    db = tmp_path_factory.mktemp("guard") / "stories.db"
    settings = Settings(allowed_hosts="news.example")
    with ServerThread(create_app(settings, store_path=db, workers=0)) as running:
        yield running


def _stories(server: ServerThread) -> list[dict]:
    return httpx.get(server.url + "/v1/stories").json()["stories"]


def test_guard_refuses_a_cross_site_form_post_and_stores_nothing(server: ServerThread) -> None:
    before = _stories(server)
    response = httpx.post(server.url + "/v1/articles", files={"text": (None, PLANTED)},
                          headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "cross_origin"
    assert "cross-site" in response.json()["error"]["message"]
    assert _stories(server) == before


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                     {"Sec-Fetch-Site": "same-site"}])
def test_guard_refuses_other_origins_on_brief_too(server: ServerThread, headers: dict[str, str]) -> None:
    response = httpx.post(server.url + "/v1/brief", json={"articles": [{"text": PLANTED}]}, headers=headers)
    assert response.status_code == 403 and response.json()["error"]["code"] == "cross_origin"


def test_guard_serves_the_page_own_origin_and_clients_without_origin(server: ServerThread) -> None:
    own = {"Origin": server.url, "Sec-Fetch-Site": "same-origin"}
    assert httpx.post(server.url + "/v1/brief", json={"articles": [{"text": PLANTED}]}, headers=own,
                      timeout=60).status_code == 200
    response = httpx.post(server.url + "/v1/articles", files={"text": (None, PLANTED)}, timeout=60)  # curl-like
    assert response.status_code == 200 and response.json()["added"] == 1


def test_guard_refuses_a_foreign_host_name_even_on_get(server: ServerThread) -> None:
    response = httpx.get(server.url + "/v1/stories", headers={"Host": "attacker.example"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_host" and "allowed_hosts" in response.json()["error"]["message"]
    assert "stories" not in response.json()


@pytest.mark.parametrize("host", ["news.example", "localhost", "127.0.0.1", "NEWS.example:8080"])
def test_guard_answers_its_own_and_configured_names(server: ServerThread, host: str) -> None:
    response = httpx.get(server.url + "/healthz", headers={"Host": host})
    assert response.status_code == 200


def test_guard_head_healthz_is_ok(server: ServerThread) -> None:
    assert httpx.head(server.url + "/healthz").status_code == 200


def test_guard_parses_host_names() -> None:
    assert host_name("[::1]:8000") == "::1" and host_name("Example.ORG:80") == "example.org"
    assert host_name("::1") == "::1"
    assert parse_allowed_hosts(" a.example, B.example:9 ,") == frozenset({"a.example", "b.example"})


# --- careless input through the API (issue 28): as the CLI, warn and go on --------------------------

def test_api_upload_with_one_empty_file_briefs_the_rest_with_a_note(server: ServerThread) -> None:
    files = [("files", ("a.txt", PLANTED.encode(), "text/plain")), ("files", ("empty.txt", b"", "text/plain"))]
    response = httpx.post(server.url + "/v1/brief", files=files, timeout=60)
    assert response.status_code == 200, response.text
    assert any("empty.txt: the file is empty" in note for note in response.json()["notes"])


def test_api_ingest_skips_empty_text_and_reports_it(server: ServerThread) -> None:
    response = httpx.post(server.url + "/v1/articles", timeout=60,
                          json={"articles": [{"text": "   "}, {"text": PLANTED + " Again."}]})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["given"] == 1 and report["problems"] == ['article 1: its "text" is empty']
    only_blank = httpx.post(server.url + "/v1/articles", json={"articles": [{"text": " \n "}]}, timeout=60)
    assert only_blank.status_code == 400 and only_blank.json()["error"]["code"] == "empty_input"


def test_api_ingest_cuts_a_huge_title(server: ServerThread) -> None:
    response = httpx.post(server.url + "/v1/articles", timeout=60,
                          json={"articles": [{"text": PLANTED + " A third time.", "title": "T" * 2_000_000}]})
    assert response.status_code == 200, response.text
    listing = httpx.get(server.url + "/v1/stories", timeout=60)
    assert len(listing.content) < 100_000
