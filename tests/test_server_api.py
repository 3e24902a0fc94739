"""The HTTP API against a real uvicorn server on 127.0.0.1: every endpoint, every error status."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

pytest.importorskip("fastapi", reason="the server needs the 'serve' extra (fastapi, uvicorn, python-multipart)")

from conftest import DEMO_PATHS

from newsbrief.datatypes import SECTIONS
from newsbrief.server.app import CSP, create_app
from newsbrief.server.schemas import SectionName
from newsbrief.server.testing import ServerThread
from newsbrief.settings import Settings

LIMIT_BYTES = 300_000
LIMIT_ARTICLES = 12
DEMO_TEXTS = [p.read_text("utf-8") for p in DEMO_PATHS]
MOON_QUOTE = "We will not loosen our guard"


@pytest.fixture(scope="module")
def server() -> Iterator[ServerThread]:
    settings = Settings(max_request_bytes=LIMIT_BYTES, max_articles=LIMIT_ARTICLES)
    with ServerThread(create_app(settings, workers=1)) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: ServerThread) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        yield http


def demo_request(**extra: object) -> dict:
    return {"articles": [{"text": t} for t in DEMO_TEXTS], "budget": {"words": 100}, **extra}


def assert_error(response: httpx.Response, status: int, code: str, *words: str) -> dict:
    """The response is the JSON error shape with this status and code; its message has these words."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    for word in words:
        assert word in error["message"]
    assert "Traceback" not in response.text
    return error


# --- service endpoints ---------------------------------------------------------------------------

def test_api_healthz_answers_ok(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    health = response.json()
    assert health["status"] == "ok" and health["busy"] <= health["workers"] and health["waiting"] >= 0


def test_api_version_names_schema_and_capabilities(client: httpx.Client) -> None:
    doc = client.get("/version").json()
    assert doc["name"] == "newsbrief"
    assert doc["schema"] == "newsbrief.brief/1"
    assert doc["store"] is False and doc["fetch"] is False


def test_api_openapi_documents_every_endpoint(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/v1/brief", "/v1/stories", "/v1/stories/{story_id}", "/v1/stories/{story_id}/brief",
            "/v1/articles", "/healthz", "/version"} <= set(schema["paths"])
    body = schema["paths"]["/v1/brief"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert "BriefRequest" in schema["components"]["schemas"]
    assert "ArticleIn" in schema["components"]["schemas"]


def test_api_docs_page_is_served_locally(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    assert "<script>" not in page.text  # no inline script: the CSP forbids it


def test_api_section_names_follow_the_library() -> None:
    assert set(SectionName.__args__) == {*SECTIONS, "all", "none"}


# --- POST /v1/brief --------------------------------------------------------------------------------

def test_api_brief_json_gives_brief_document_with_cited_sentences(client: httpx.Client) -> None:
    response = client.post("/v1/brief", json=demo_request())
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["schema"] == "newsbrief.brief/1"
    assert doc["budget"] == {"words": 100}
    assert 0 < doc["length"]["words"] <= 100
    assert len(doc["sources"]) == 2
    for sentence in doc["sentences"]:
        assert sentence["citations"]
        for citation in sentence["citations"]:
            source_text = DEMO_TEXTS[citation["source"] - 1]
            assert source_text[citation["start"]:citation["end"]] == citation["text"]


def test_api_brief_has_the_analysis_sections(client: httpx.Client) -> None:
    doc = client.post("/v1/brief", json=demo_request()).json()
    for key in ("agreement", "unique", "conflicts", "quotes", "entities"):
        assert key in doc
    assert any(MOON_QUOTE in q["text"] for q in doc["quotes"]), doc["quotes"]


def test_api_brief_sections_none_leaves_them_out(client: httpx.Client) -> None:
    doc = client.post("/v1/brief", json=demo_request(sections=["none"])).json()
    assert doc["sections"] == []
    assert "quotes" not in doc


def test_api_brief_keeps_article_metadata(client: httpx.Client) -> None:
    articles = [{"text": DEMO_TEXTS[0], "title": "Letter delivered", "source": "cnn.com",
                 "url": "https://example.org/a", "published": "2019-01-21T10:00:00Z"},
                {"text": DEMO_TEXTS[1], "title": "Second summit"}]
    doc = client.post("/v1/brief", json={"articles": articles, "budget": {"sentences": 2}}).json()
    first = doc["sources"][0]
    assert (first["title"], first["source"], first["url"]) == ("Letter delivered", "cnn.com", "https://example.org/a")
    assert first["published"].startswith("2019-01-21")
    assert doc["length"]["sentences"] <= 2


def test_api_brief_same_text_twice_is_two_sources(client: httpx.Client) -> None:
    doc = client.post("/v1/brief", json={"articles": [{"text": DEMO_TEXTS[0]}] * 2}).json()
    ids = [s["article_id"] for s in doc["sources"]]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_api_brief_multipart_reads_text_and_html_files(client: httpx.Client) -> None:
    html = ("<html><head><title>Summit letter</title></head>"
            f"<body><article><p>{DEMO_TEXTS[1]}</p></article></body></html>")
    files = [("files", ("cnn.txt", DEMO_TEXTS[0].encode(), "text/plain")),
             ("files", ("other.html", html.encode(), "text/html"))]
    response = client.post("/v1/brief", files=files, data={"sentences": "3", "sections": "quotes"})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert [s["path"] for s in doc["sources"]] == ["cnn.txt", "other.html"]
    assert doc["sources"][1]["title"] == "Summit letter"
    assert doc["budget"] == {"sentences": 3}
    assert doc["sections"] == ["quotes"]


def form(*fields: tuple[str, str]) -> list[tuple[str, tuple[None, str]]]:
    """Plain multipart fields (httpx sends a part without a file name for ``(None, value)``)."""
    return [(name, (None, value)) for name, value in fields]


def test_api_brief_multipart_takes_pasted_text_fields(client: httpx.Client) -> None:
    response = client.post("/v1/brief", files=form(*[("text", t) for t in DEMO_TEXTS], ("words", "50")))
    assert response.status_code == 200, response.text
    doc = response.json()
    assert len(doc["sources"]) == 2 and doc["budget"] == {"words": 50}


def test_api_brief_multipart_file_with_unknown_type_is_read_by_its_bytes(client: httpx.Client) -> None:
    files = [("files", ("story", DEMO_TEXTS[0].encode(), "application/octet-stream"))]
    assert client.post("/v1/brief", files=files).status_code == 200


# --- errors: 400 ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("payload", "code", "words"), [
    ({"articles": [{"text": "   "}]}, "empty_input", ("no articles to brief", '"text" is empty')),
    ({"articles": [{"text": "| --- | --- |"}]}, "empty_input", ("no sentence",)),
    ({"articles": [{"text": DEMO_TEXTS[0]}], "method": "mrr"}, "unknown_algorithm", ("mrr", "available")),
    ({"articles": [{"url": "https://example.org/story"}]}, "fetch_disabled", ("--allow-fetch",)),
])
def test_api_brief_bad_input_is_400(client: httpx.Client, payload: dict, code: str, words: tuple[str, ...]) -> None:
    assert_error(client.post("/v1/brief", json=payload), 400, code, *words)


@pytest.mark.parametrize("body", [b"", b"{", b'{"articles": [}', b"\xff\xfe\x00"])
def test_api_brief_invalid_json_is_400(client: httpx.Client, body: bytes) -> None:
    response = client.post("/v1/brief", content=body, headers={"content-type": "application/json"})
    assert_error(response, 400, "invalid_json", "not valid JSON")


def test_api_brief_form_without_articles_is_400(client: httpx.Client) -> None:
    response = client.post("/v1/brief", files=form(("text", "  "), ("words", "10")))
    assert_error(response, 400, "empty_input", "files", "text")


def test_api_brief_empty_uploaded_file_is_400(client: httpx.Client) -> None:
    response = client.post("/v1/brief", files=[("files", ("empty.txt", b"", "text/plain"))])
    assert_error(response, 400, "empty_input", "empty.txt")


# --- errors: 404, 405 ---------------------------------------------------------------------------------

def test_api_unknown_path_is_json_404(client: httpx.Client) -> None:
    assert_error(client.get("/v1/nothing-here"), 404, "not_found", "/v1/nothing-here")


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/v1/stories"), ("GET", "/v1/stories/abc"), ("GET", "/v1/stories/abc/brief"), ("POST", "/v1/articles"),
])
def test_api_store_endpoints_without_store_are_404(client: httpx.Client, method: str, path: str) -> None:
    kwargs = {"json": {"articles": [{"text": DEMO_TEXTS[0]}]}} if method == "POST" else {}
    assert_error(client.request(method, path, **kwargs), 404, "no_store", "--db")


def test_api_wrong_method_is_json_405(client: httpx.Client) -> None:
    response = client.delete("/v1/brief")
    assert_error(response, 405, "method_not_allowed")
    assert "POST" in response.headers["allow"]


# --- errors: 413 ----------------------------------------------------------------------------------------

def test_api_body_over_limit_is_413_by_content_length(client: httpx.Client) -> None:
    big = {"articles": [{"text": "word " * (LIMIT_BYTES // 5)}]}
    assert_error(client.post("/v1/brief", json=big), 413, "too_large", f"{LIMIT_BYTES:,}", "max_request_bytes")


def test_api_body_over_limit_is_413_when_streamed_without_length(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"articles": [{"text": "'
        for _ in range(LIMIT_BYTES // 10_000 + 2):
            yield b"a" * 10_000
        yield b'"}]}'

    response = client.post("/v1/brief", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "too_large")


def test_api_too_many_articles_is_413(client: httpx.Client) -> None:
    payload = {"articles": [{"text": f"Article number {i} says a thing."} for i in range(LIMIT_ARTICLES + 1)]}
    assert_error(client.post("/v1/brief", json=payload), 413, "too_many_articles", str(LIMIT_ARTICLES),
                 "max_articles")


def test_api_too_many_files_is_413(client: httpx.Client) -> None:
    files = [("files", (f"{i}.txt", b"One sentence here.", "text/plain")) for i in range(LIMIT_ARTICLES + 1)]
    assert_error(client.post("/v1/brief", files=files), 413, "too_many_articles")


# --- errors: 415 ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_api_unsupported_body_type_is_415(client: httpx.Client, content_type: str) -> None:
    response = client.post("/v1/brief", content=b"articles", headers={"content-type": content_type})
    assert_error(response, 415, "unsupported_media_type", "application/json", "multipart/form-data")


def test_api_missing_content_type_is_415(client: httpx.Client) -> None:
    assert_error(client.post("/v1/brief", content=b"{}"), 415, "unsupported_media_type")


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
    ("report.pdf", b"%PDF-1.7\n" + bytes(200), "application/pdf"),
])
def test_api_upload_that_is_not_text_is_415(client: httpx.Client, name: str, data: bytes, content_type: str) -> None:
    response = client.post("/v1/brief", files=[("files", (name, data, content_type))])
    assert_error(response, 415, "unsupported_media_type", name)


def test_api_binary_bytes_under_a_text_name_are_415(client: httpx.Client) -> None:
    response = client.post("/v1/brief", files=[("files", ("notes.txt", b"PK\x03\x04" + bytes(300), "text/plain"))])
    assert_error(response, 415, "undecodable", "binary")


# --- errors: 422 ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("payload", "where"), [
    ({}, "articles"),
    ({"articles": []}, "articles"),
    ({"articles": [{"title": "no text"}]}, "articles[0]"),
    ({"articles": [{"text": 42}]}, "articles[0].text"),
    ({"articles": [{"text": "x", "colour": "red"}]}, "articles[0].colour"),
    ({"articles": [{"text": "x"}], "budget": {"words": 0}}, "budget.words"),
    ({"articles": [{"text": "x"}], "budget": {"words": 10, "sentences": 2}}, "budget"),
    ({"articles": [{"text": "x"}], "budget": {"pages": 2}}, "budget"),
    ({"articles": [{"text": "x"}], "sections": ["gossip"]}, "sections[0]"),
    ({"articles": [{"text": "x", "published": "last tuesday-ish"}]}, "articles[0].published"),
    ([{"text": "x"}], "request"),
])
def test_api_schema_violations_are_422_naming_the_field(client: httpx.Client, payload: object, where: str) -> None:
    error = assert_error(client.post("/v1/brief", json=payload), 422, "invalid_request")
    assert error["message"].startswith(where), error["message"]
    assert error["details"]


def test_api_form_budget_in_two_units_is_422(client: httpx.Client) -> None:
    response = client.post("/v1/brief", files=form(("text", DEMO_TEXTS[0]), ("words", "10"), ("sentences", "2")))
    assert_error(response, 422, "invalid_request", "exactly one")


def test_api_bad_query_is_422(client: httpx.Client) -> None:
    assert_error(client.get("/v1/stories/abc/brief", params={"words": "many"}), 422, "invalid_request", "words")


# --- headers ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/"), ("GET", "/healthz"), ("GET", "/static/app.js"), ("GET", "/nope"), ("POST", "/v1/brief"),
    ("GET", "/openapi.json"),
])
def test_api_every_response_has_the_csp(client: httpx.Client, method: str, path: str) -> None:
    response = client.request(method, path)
    assert response.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert response.headers["x-content-type-options"] == "nosniff"


def test_api_page_has_no_inline_script_and_no_external_resource(client: httpx.Client) -> None:
    page = client.get("/").text
    assert "<script>" not in page and "<script " in page
    assert " on" + "load=" not in page and "javascript:" not in page
    for marker in ("http://", "https://", "//cdn"):
        assert marker not in page
    assert page.index('rel="stylesheet"') < page.index("<body")  # styles before content: no unstyled flash
    assert "defer" in page


def test_api_static_assets_are_served(client: httpx.Client) -> None:
    for path, kind in (("/static/app.css", "text/css"), ("/static/app.js", "javascript"),
                       ("/static/favicon.svg", "image/svg+xml")):
        response = client.get(path)
        assert response.status_code == 200 and kind in response.headers["content-type"]


def test_api_error_body_is_ascii_json_even_for_odd_input(client: httpx.Client) -> None:
    response = client.post("/v1/brief", json={"articles": [{"text": "x", "published": "\u2603 \U0001F600"}]})
    assert response.status_code == 422
    json.loads(response.content.decode("ascii"))


def test_api_docs_csp_relaxes_only_styles(client: httpx.Client) -> None:
    csp = client.get("/docs").headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "style-src 'self' 'unsafe-inline'" in csp


def test_api_docs_without_swagger_assets_lists_operations(client: httpx.Client,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from newsbrief.server import pages

    monkeypatch.setattr(pages, "swagger_assets", lambda: None)
    page = client.get("/docs").text
    assert "<code>/v1/brief</code>" in page and 'href="/openapi.json"' in page
    assert "<script" not in page


# --- focused briefs ------------------------------------------------------------------------------

def _texts(doc: dict) -> str:
    return " ".join(s["text"] for s in doc["sentences"])


def test_api_brief_query_focuses_the_brief_json_and_form(client: httpx.Client) -> None:
    generic = client.post("/v1/brief", json=demo_request(budget={"words": 60}, sections=["none"]))
    assert generic.status_code == 200 and "Bolton" not in _texts(generic.json())
    assert "query" not in generic.json()
    focused = client.post("/v1/brief", json=demo_request(budget={"words": 60}, sections=["none"],
                                                         query="Bolton's role"))
    assert focused.status_code == 200, focused.text
    assert "Bolton" in _texts(focused.json()) and focused.json()["query"] == "Bolton's role"
    form = client.post("/v1/brief", files=[*(("text", (None, t)) for t in DEMO_TEXTS), ("words", (None, "60")),
                                           ("sections", (None, "none")), ("query", (None, "Bolton's role"))])
    assert form.status_code == 200, form.text
    assert form.json()["sentences"] == focused.json()["sentences"]


def test_api_brief_query_matching_nothing_notes_it(client: httpx.Client) -> None:
    response = client.post("/v1/brief", json=demo_request(sections=["none"], query="the weather in Paris"))
    assert response.status_code == 200
    doc = response.json()
    assert doc["sentences"]
    assert doc["notes"] == ["the query 'the weather in Paris' matches no word of the articles; "
                            "this is the generic brief"]


def test_api_brief_query_too_long_is_a_422(client: httpx.Client) -> None:
    response = client.post("/v1/brief", json=demo_request(query="x" * 2001))
    assert response.status_code == 422
    assert "query" in response.text
