"""The server's limits on a real loopback server: time (503), fetching (off, or public hosts only), workers."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import httpx
import pytest

pytest.importorskip("fastapi", reason="the server needs the 'serve' extra (fastapi, uvicorn, python-multipart)")

from conftest import DEMO_PATHS

from newsbrief.server.app import create_app
from newsbrief.server.errors import RequestTimeoutError, WorkerCrashedError
from newsbrief.server.pool import Workers
from newsbrief.server.testing import ServerThread
from newsbrief.settings import Settings

DEMO_TEXTS = [p.read_text("utf-8") for p in DEMO_PATHS]


def serve(settings: Settings) -> ServerThread:
    """A server that runs jobs in threads: quick to start, enough for these checks."""
    return ServerThread(create_app(settings, workers=0))


@pytest.fixture(scope="module")
def fetching() -> Iterator[httpx.Client]:
    with serve(Settings(allow_fetch=True, fetch_timeout=2.0)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def test_limits_request_over_time_is_503() -> None:
    # A limit of a microsecond: no brief can be made that fast, so the answer is always the timeout.
    with serve(Settings(request_timeout=1e-6)) as server:
        response = httpx.post(server.url + "/v1/brief", json={"articles": [{"text": t} for t in DEMO_TEXTS]},
                              timeout=30)
        health = httpx.get(server.url + "/healthz", timeout=30)
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "timeout"
    assert "request_timeout" in error["message"]
    assert health.status_code == 200


def test_limits_version_says_fetch_is_on(fetching: httpx.Client) -> None:
    assert fetching.get("/version").json()["fetch"] is True


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/article",
    "http://localhost/article",
    "http://[::1]/article",
    "http://10.1.2.3/article",
    "http://192.168.0.10/article",
    "http://172.16.5.4/article",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/article",
    "http://0.0.0.0/article",
])
def test_limits_fetch_refuses_non_public_hosts(fetching: httpx.Client, url: str) -> None:
    response = fetching.post("/v1/brief", json={"articles": [{"url": url}]})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "fetch_refused"
    assert "not fetched" in error["message"]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.txt", "gopher://x/"])
def test_limits_fetch_refuses_other_schemes(fetching: httpx.Client, url: str) -> None:
    response = fetching.post("/v1/brief", json={"articles": [{"url": url}]})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "fetch_refused"


def test_limits_text_given_with_url_is_not_fetched(fetching: httpx.Client) -> None:
    response = fetching.post("/v1/brief", json={"articles": [{"text": DEMO_TEXTS[0], "url": "http://127.0.0.1/x"}]})
    assert response.status_code == 200
    assert response.json()["sources"][0]["url"] == "http://127.0.0.1/x"


# --- the worker pool itself ----------------------------------------------------------------------

@pytest.mark.anyio
async def test_limits_pool_answers_503_when_a_worker_dies_and_recovers() -> None:
    workers = Workers(1)
    await workers.start()
    try:
        with pytest.raises(WorkerCrashedError, match="worker process died"):
            await workers.run(30, os._exit, 3)
        assert await workers.run(30, abs, -4) == 4  # a fresh pool took over
    finally:
        workers.close()


@pytest.mark.anyio
async def test_limits_pool_times_out_a_slow_job() -> None:
    workers = Workers(0)
    try:
        with pytest.raises(RequestTimeoutError, match="request_timeout"):
            await workers.run(0.001, time.sleep, 0.5)
    finally:
        workers.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_limits_unexpected_error_is_json_500_without_traceback() -> None:
    app = create_app(Settings(), workers=0)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internal detail")

    with serve_app(app) as server:
        response = httpx.get(server.url + "/boom", timeout=30)
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal_error",
                                         "message": "unexpected error on the server; its log has the details"}}
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def serve_app(app: object) -> ServerThread:
    return ServerThread(app, log_level="critical")


def test_limits_the_servers_max_sentences_setting_refuses_a_larger_pile() -> None:
    # A setting given to the app (as a config file would), not through the environment.
    articles = {"articles": [{"text": t} for t in DEMO_TEXTS]}
    with serve(Settings(max_sentences=5)) as server:
        response = httpx.post(server.url + "/v1/brief", json=articles, timeout=60)
        by_story = httpx.post(server.url + "/v1/brief", json={**articles, "by_story": True}, timeout=60)
    for answer in (response, by_story):
        assert 400 <= answer.status_code < 500
        assert "max_sentences" in answer.text
    with serve(Settings()) as server:
        assert httpx.post(server.url + "/v1/brief", json=articles, timeout=60).status_code == 200
