"""Fetching pages from a real HTTP server on 127.0.0.1 (no mocks): limits, errors and messages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsbrief.errors import DecodeError, FetchError
from newsbrief.ingest.fetch import fetch_url, is_public_address
from newsbrief.ingest.readers import read
from newsbrief.settings import Settings

DATA = Path(__file__).parent / "data"
SETTINGS = Settings(fetch_timeout=0.5, fetch_max_bytes=4_000, fetch_max_redirects=3)
_WAKE = threading.Event()  # set at teardown so a sleeping handler returns at once


class _Handler(BaseHTTPRequestHandler):
    """Routes of the test server, one per behaviour under test."""

    def do_GET(self) -> None:
        route = getattr(self, "_route_" + self.path.strip("/").replace("-", "_"), None)
        if route is None:
            self._send(404, "text/html", b"<html><body>Not here</body></html>")
        else:
            route()

    def _send(self, status: int, content_type: str | None, body: bytes, **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", headers.pop("length", str(len(body))))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _route_article(self) -> None:
        self._send(200, "text/html; charset=utf-8", (DATA / "html_article_page.html").read_bytes())

    def _route_plain(self) -> None:
        self._send(200, "text/plain; charset=ISO-8859-1", "Le café a rouvert.\r\nFin.".encode("latin-1"))

    def _route_untyped(self) -> None:
        self._send(200, None, b"A page served without a content type.")

    def _route_pdf(self) -> None:
        self._send(200, "application/pdf", b"%PDF-1.4 not really")

    def _route_binary_html(self) -> None:
        self._send(200, "text/html", b"\x89PNG\r\n\x1a\n\x00\x01\x02")

    def _route_big(self) -> None:
        self._send(200, "text/html", b"<p>" + b"x" * 10_000 + b"</p>")

    def _route_big_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"y" * 1_000
        for _ in range(10):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def _route_moved(self) -> None:
        self._send(302, "text/html", b"", Location="/article")

    def _route_loop(self) -> None:
        self._send(302, "text/html", b"", Location="/loop")

    def _route_slow(self) -> None:
        _WAKE.wait(5)
        self._send(200, "text/plain", b"too late")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (timeout, size limit) is expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A real HTTP server on a free loopback port, run in a thread for this module."""
    _WAKE.clear()
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        _WAKE.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_fetch_reads_an_html_page(server):
    article = fetch_url(f"{server}/article", settings=SETTINGS)
    assert article.text.split("\n")[1].startswith("The harbour bridge reopened to traffic")
    assert "reader42" not in article.text
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.url == f"{server}/article"
    assert article.source == "127.0.0.1"


def test_fetch_reads_plain_text_in_the_declared_charset(server):
    article = fetch_url(f"{server}/plain", settings=SETTINGS)
    assert article.text == "Le café a rouvert.\nFin."
    assert article.title is None


def test_fetch_sniffs_a_page_without_content_type(server):
    assert fetch_url(f"{server}/untyped", settings=SETTINGS).text == "A page served without a content type."


def test_fetch_follows_a_redirect(server):
    article = fetch_url(f"{server}/moved", settings=SETTINGS)
    assert article.url == f"{server}/article"
    assert "harbour bridge" in article.text


@pytest.mark.parametrize(("path", "message"), [
    ("/missing", "HTTP 404 Not Found"),
    ("/pdf", "content type application/pdf is not an article page; "
             "accepted: text/html, application/xhtml+xml, text/plain"),
    ("/big", "response is 10,007 bytes, over the limit of 4,000 bytes (fetch_max_bytes)"),
    ("/big-stream", "response is more than 4,000 bytes, over the limit of 4,000 bytes (fetch_max_bytes)"),
    ("/loop", "too many redirects (more than 3)"),
    ("/slow", "timed out after 0.5 s"),
])
def test_fetch_failures_name_the_url_and_the_cause(server, path, message):
    with pytest.raises(FetchError) as caught:
        fetch_url(server + path, settings=SETTINGS)
    assert str(caught.value) == f"{server}{path}: {message}"
    assert caught.value.source == server + path


def test_fetch_refuses_a_binary_body(server):
    with pytest.raises(DecodeError, match=r"/binary-html: looks binary \(PNG image\)"):
        fetch_url(f"{server}/binary-html", settings=SETTINGS)


@pytest.mark.parametrize("url", ["ftp://example.org/file.txt", "file:///etc/passwd", "http://", "example.org"])
def test_fetch_refuses_what_is_not_an_http_url(url):
    with pytest.raises(FetchError, match="not an http\\(s\\) URL"):
        fetch_url(url, settings=SETTINGS)


def test_fetch_reports_a_connection_failure():
    with pytest.raises(FetchError, match=r"^http://127\.0\.0\.1:9/x: request failed \(ConnectError: "):
        fetch_url("http://127.0.0.1:9/x", settings=SETTINGS)


@pytest.mark.parametrize(("url", "detail"), [
    ("http://[::1", "Invalid IPv6 URL"),
    ("http://example.org:notaport/", "Invalid port: 'notaport'"),
    ("http://exa\x00mple.org/", "Invalid non-printable ASCII character in URL"),
])
def test_fetch_reports_an_invalid_url(url, detail):
    with pytest.raises(FetchError) as caught:
        fetch_url(url, settings=SETTINGS)
    assert str(caught.value).startswith(f"{url}: not a valid URL ({detail}")


def test_fetch_public_only_refuses_loopback(server):
    with pytest.raises(FetchError, match=r"refused to fetch from non-public host '127\.0\.0\.1'"):
        fetch_url(f"{server}/article", settings=SETTINGS, public_only=True)


@pytest.mark.parametrize(("host", "public"), [
    ("127.0.0.1", False), ("127.8.9.10", False), ("::1", False), ("[::1]", False), ("localhost", False),
    ("api.localhost", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.20", False),
    ("169.254.169.254", False), ("fe80::1", False), ("fc00::1", False), ("0.0.0.0", False),
    ("::ffff:127.0.0.1", False), ("224.0.0.1", False), ("100.64.0.1", False), ("", False),
    ("8.8.8.8", True), ("1.1.1.1", True), ("2001:4860:4860::8888", True),
])
def test_fetch_is_public_address(host, public):
    assert is_public_address(host) is public


def test_fetch_urls_through_read_report_problems_and_keep_going(server):
    result = read([f"{server}/article", f"{server}/missing", f"{server}/pdf"], settings=SETTINGS)
    assert [a.url for a in result.articles] == [f"{server}/article"]
    assert [str(p) for p in result.problems] == [
        f"{server}/missing: HTTP 404 Not Found",
        f"{server}/pdf: content type application/pdf is not an article page; "
        "accepted: text/html, application/xhtml+xml, text/plain",
    ]
