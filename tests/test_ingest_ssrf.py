"""Links found inside content go to public addresses only, unless the user opts in (issue 28).

A canary HTTP server on 127.0.0.1 counts what reaches it: a feed entry or a
redirect pointing at it must not, a URL the user names may. No traffic leaves
the machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from conftest import loopback_http, run_cli

from newsbrief.errors import FetchError
from newsbrief.ingest.fetch import fetch_url
from newsbrief.settings import Settings

PAGE = (b"<html><head><title>Internal page</title></head><body><article><p>The internal service answered "
        b"with its secret configuration on Monday, officials said in the city.</p></article></body></html>")
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><link>https://news.example/</link>
<item><title>Secret</title><link>{canary}/secret</link><guid>s1</guid></item></channel></rss>"""
hits: list[str] = []


class _Canary(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        hits.append(self.path)
        if self.path.startswith("/redirect"):
            port = self.server.server_address[1]
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{port}/secret")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        pass


@pytest.fixture(scope="module")
def canary() -> Iterator[str]:
    with loopback_http(_Canary) as url:
        yield url


@pytest.fixture(autouse=True)
def _no_hits() -> None:
    hits.clear()


def test_ssrf_feed_entry_at_loopback_is_not_fetched(tmp_path: Path, canary: str, capsys) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED.format(canary=canary), encoding="utf-8")
    code, _, err = run_cli(["ingest", str(feed), "--db", str(tmp_path / "s.db")], capsys)
    assert hits == []
    assert code == 1
    assert f"{canary}/secret: page not fetched (" in err and "refused to fetch from non-public host" in err


def test_ssrf_feed_entry_at_loopback_is_fetched_when_the_user_opts_in(tmp_path: Path, canary: str, capsys) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED.format(canary=canary), encoding="utf-8")
    code, out, err = run_cli(["ingest", "--fetch-private", str(feed), "--db", str(tmp_path / "s.db")], capsys)
    assert code == 0, err
    assert hits == ["/secret"] and "1 of 1 articles added" in out


def test_ssrf_url_the_user_names_is_fetched_as_before(canary: str) -> None:
    article = fetch_url(f"{canary}/page", settings=Settings())
    assert "secret configuration" in article.text and hits == ["/page"]


def test_ssrf_redirect_to_another_private_host_is_refused(canary: str) -> None:
    with pytest.raises(FetchError, match=r"refused to fetch from non-public host 'localhost'.*fetch_private"):
        fetch_url(f"{canary}/redirect", settings=Settings())
    assert hits == ["/redirect"]  # the named URL only, never its redirect's target


def test_ssrf_redirect_is_followed_when_the_user_opts_in(canary: str) -> None:
    article = fetch_url(f"{canary}/redirect", settings=Settings(fetch_private=True))
    assert "secret configuration" in article.text and hits == ["/redirect", "/secret"]
