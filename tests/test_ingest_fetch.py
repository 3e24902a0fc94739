"""Fetching pages from a real HTTP server on 127.0.0.1 (no mocks): limits, errors and messages."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from conftest import loopback_http

from newsbrief.errors import DecodeError, FetchError
from newsbrief.ingest.fetch import fetch_url, is_public_address
from newsbrief.ingest.pinning import PinnedBackend, PinnedTransport
from newsbrief.ingest.readers import read
from newsbrief.settings import Settings

DATA = Path(__file__).parent / "data"
SETTINGS = Settings(fetch_timeout=0.5, fetch_max_bytes=4_000, fetch_max_redirects=3)
_WAKE = threading.Event()  # set at teardown so a sleeping handler returns at once
_received: list[tuple[str, str]] = []  # (Host header, path) of every request the server received


class _Handler(BaseHTTPRequestHandler):
    """Routes of the test server, one per behaviour under test."""

    def do_GET(self) -> None:
        _received.append((self.headers.get("Host", ""), self.path))
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

    def _route_echo_host(self) -> None:
        self._send(200, "text/plain", self.headers.get("Host", "").encode("ascii"))

    def _route_to_loopback(self) -> None:
        port = self.server.server_address[1]
        self._send(302, "text/html", b"", Location=f"http://127.0.0.1:{port}/article")

    def _route_to_rebind(self) -> None:
        port = self.server.server_address[1]
        self._send(302, "text/html", b"", Location=f"http://rebind.example:{port}/article")

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
    try:
        with loopback_http(_Handler, _Server) as url:
            yield url
    finally:
        _WAKE.set()


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


# --- DNS rebinding: public-only fetches connect to the address they checked ----------------------

PUBLIC_A = "93.184.215.14"  # "news.example": routed to the 127.0.0.1 server by _Net
PUBLIC_B = "93.184.215.15"  # first answer for "rebind.example": unreachable in the test


class _Net:
    """DNS and routing stand-ins (no DNS server or public host can run here); the sockets stay real.

    ``dns`` answers names in turn (the last answer repeats); ``routes`` sends connections to
    a public address on to the 127.0.0.1 server; any other public address is refused, so no
    test ever connects off the machine.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, dns: dict[str, list[str]], routes: dict[str, str]) -> None:
        self.dns, self.routes = dns, routes
        self.lookups: list[str] = []
        self.connects: list[str] = []
        self._getaddrinfo, self._create_connection = socket.getaddrinfo, socket.create_connection
        monkeypatch.setattr(socket, "getaddrinfo", self.getaddrinfo)
        monkeypatch.setattr(socket, "create_connection", self.create_connection)

    def getaddrinfo(self, host: object, port: object, *args: object, **kwargs: object) -> list[tuple]:
        answers = self.dns.get(str(host))
        if answers is None:
            return self._getaddrinfo(host, port, *args, **kwargs)
        self.lookups.append(str(host))
        address = answers.pop(0) if len(answers) > 1 else answers[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "",
                 (address, port if isinstance(port, int) else 0))]

    def create_connection(self, address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        host, port = address[0], address[1]
        try:
            ipaddress.ip_address(host)
        except ValueError:  # a name (what an unpinned client passes): resolved through the DNS stand-in
            host = self.getaddrinfo(host, port)[0][4][0]
        self.connects.append(host)
        if host in self.routes:
            host = self.routes[host]
        elif not ipaddress.ip_address(host).is_loopback:
            raise ConnectionRefusedError(f"{host} is not reachable from this test")
        return self._create_connection((host, port), *args, **kwargs)


def _port(server: str) -> int:
    return int(server.rsplit(":", 1)[1])


def test_fetch_public_only_connects_to_the_checked_address_not_a_rebound_one(server, monkeypatch):
    net = _Net(monkeypatch, {"rebind.example": [PUBLIC_B, "127.0.0.1"]}, {})
    _received.clear()
    url = f"http://rebind.example:{_port(server)}/article"
    with pytest.raises(FetchError) as caught:
        fetch_url(url, settings=SETTINGS, public_only=True)
    assert str(caught.value).startswith(f"{url}: request failed (ConnectError: ")
    assert f"{PUBLIC_B} is not reachable from this test" in str(caught.value)
    assert net.lookups == ["rebind.example"]  # resolved once
    assert net.connects == [PUBLIC_B]  # and connected to the address that was checked
    assert _received == []  # the 127.0.0.1 server never received the request


def test_fetch_public_only_keeps_the_url_host_for_the_host_header(server, monkeypatch):
    net = _Net(monkeypatch, {"news.example": [PUBLIC_A]}, {PUBLIC_A: "127.0.0.1"})
    article = fetch_url(f"http://news.example:{_port(server)}/echo-host", settings=SETTINGS, public_only=True)
    assert article.text == f"news.example:{_port(server)}"
    assert article.source == "news.example"
    assert net.connects == [PUBLIC_A]


def test_fetch_public_only_checks_every_resolved_address(server, monkeypatch):
    _Net(monkeypatch, {"mixed.example": [PUBLIC_A]}, {})
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC_A, 0)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 0))])
    url = f"http://mixed.example:{_port(server)}/article"
    with pytest.raises(FetchError) as caught:
        fetch_url(url, settings=SETTINGS, public_only=True)
    assert str(caught.value) == f"{url}: refused to fetch from non-public host 'mixed.example'"


@pytest.mark.parametrize(("route", "refused"), [
    ("/to-loopback", "http://127.0.0.1:{port}/article: refused to fetch from non-public host '127.0.0.1'"),
    ("/to-rebind", None),
])
def test_fetch_public_only_checks_and_pins_every_redirect(server, monkeypatch, route, refused):
    net = _Net(monkeypatch, {"news.example": [PUBLIC_A], "rebind.example": [PUBLIC_B, "127.0.0.1"]},
               {PUBLIC_A: "127.0.0.1"})
    _received.clear()
    port = _port(server)
    with pytest.raises(FetchError) as caught:
        fetch_url(f"http://news.example:{port}{route}", settings=SETTINGS, public_only=True)
    if refused:
        assert str(caught.value) == refused.format(port=port)
        assert net.connects == [PUBLIC_A]
    else:
        assert f"{PUBLIC_B} is not reachable from this test" in str(caught.value)
        assert net.connects == [PUBLIC_A, PUBLIC_B]
    assert _received == [(f"news.example:{port}", route)]  # only the first hop reached the server


def test_fetch_loopback_page_without_public_only_sends_the_url_host(server):
    _received.clear()
    article = fetch_url(f"{server}/echo-host", settings=SETTINGS)
    assert article.text == server.removeprefix("http://")
    assert _received == [(server.removeprefix("http://"), "/echo-host")]


def test_fetch_pinned_transport_refuses_a_host_that_was_not_pinned(server):
    with httpx.Client(transport=PinnedTransport(PinnedBackend())) as client, \
            pytest.raises(httpx.ConnectError, match=r"^news\.example was not checked before connecting; refused$"):
        client.get(f"http://news.example:{_port(server)}/article")


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path, list[str]]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for news.example; yields the SNI names seen."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=news.example",
                    "-addext", "subjectAltName=DNS:news.example"], check=True, capture_output=True)
    names: list[str] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment]
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], cert, names
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_fetch_pinned_tls_uses_the_url_host_for_sni_and_the_certificate(tls_server):
    port, cert, names = tls_server
    backend = PinnedBackend()
    backend.pin("news.example", [ipaddress.ip_address("127.0.0.1")])
    backend.pin("other.example", [ipaddress.ip_address("127.0.0.1")])
    verify = ssl.create_default_context(cafile=str(cert))
    with httpx.Client(transport=PinnedTransport(backend, verify=verify)) as client:
        response = client.get(f"https://news.example:{port}/echo-host")
        assert (response.status_code, response.text) == (200, f"news.example:{port}")
        assert names == ["news.example"]
        # the same server under another name: the certificate is checked against the URL's host
        with pytest.raises(httpx.ConnectError, match="certificate verify failed"):
            client.get(f"https://other.example:{port}/echo-host")
    assert names == ["news.example", "other.example"]
