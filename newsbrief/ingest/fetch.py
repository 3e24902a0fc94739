"""Fetching one article page over HTTP(S), within time, size and redirect limits.

The body is streamed and refused as soon as it passes the size limit, so a huge
or endless response never fills memory. Every failure is a FetchError whose
message names the URL and what went wrong.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from newsbrief.datatypes import Article
from newsbrief.errors import EmptyInputError, FetchError
from newsbrief.ingest.decode import decode_bytes
from newsbrief.ingest.html import extract_html, looks_like_html
from newsbrief.settings import Settings

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "newsbrief/0.1 (+article fetcher)"


def fetch_url(url: str, *, settings: Settings, public_only: bool = False) -> Article:
    """Fetch a page and read it as an Article.

    Args:
        url: an ``http://`` or ``https://`` address.
        settings: ``fetch_timeout`` (seconds for the whole request),
            ``fetch_max_bytes`` and ``fetch_max_redirects`` bound the fetch.
        public_only: refuse hosts that resolve to loopback, private or
            link-local addresses, on the first request and on every redirect
            (for a server that fetches on behalf of others).

    Returns:
        The article: extracted main text for HTML, the body for plain text.

    Raises:
        FetchError: the URL is not http(s), the request failed or timed out,
            the status is an error, the type is not a page, or the body is too large.
        DecodeError: the body is binary.
        EmptyInputError: the page has no text.
    """
    fetched = fetch_body(url, settings=settings, public_only=public_only, accepted_types=ACCEPTED_TYPES)
    return _article(url, fetched.final_url, fetched.body, fetched.media_type, fetched.charset)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response body read within the limits, with what its headers said about it."""

    body: bytes
    media_type: str
    charset: str | None
    final_url: str


def fetch_body(url: str, *, settings: Settings, public_only: bool = False,
               accepted_types: tuple[str, ...] | None = None) -> Fetched:
    """The body at ``url``, streamed within ``settings.fetch_*`` (the one HTTP client of ``ingest``).

    Args:
        accepted_types: media types to accept (others are a FetchError); None accepts any.

    Raises:
        FetchError: not http(s), refused, failed, timed out, an error status, a refused type, or too large.
    """
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})", source=url) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: not an http(s) URL", source=url)
    hooks = {"request": [_refuse_private_hosts]} if public_only else {}
    deadline = time.monotonic() + settings.fetch_timeout
    try:
        with httpx.Client(follow_redirects=True, max_redirects=settings.fetch_max_redirects,
                          timeout=settings.fetch_timeout, headers={"User-Agent": USER_AGENT},
                          event_hooks=hooks) as client, \
                client.stream("GET", url) as response:
            final_url = str(response.url)
            _check_response(url, response, settings, accepted_types)
            body = _read_body(url, response, settings.fetch_max_bytes, deadline, settings.fetch_timeout)
            media_type, charset = _content_type(response.headers.get("content-type"))
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"{url}: too many redirects (more than {settings.fetch_max_redirects})",
                         source=url) from exc
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url}: timed out after {settings.fetch_timeout:g} s", source=url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: request failed ({type(exc).__name__}: {exc})", source=url) from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})", source=url) from exc
    return Fetched(body=body, media_type=media_type, charset=charset, final_url=final_url)


def is_public_address(host: str) -> bool:
    """Whether every address ``host`` names is public (not loopback, private, link-local …).

    A host that cannot be resolved is not public. Used to keep a server's
    ``--allow-fetch`` from reaching the machine it runs on or its network.
    """
    name = host.strip().strip("[]").rstrip(".")
    if not name or name.lower() == "localhost" or name.lower().endswith(".localhost"):
        return False
    try:
        addresses = [ipaddress.ip_address(name)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return False
        addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    return bool(addresses) and all(_is_public(a) for a in addresses)


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (address.is_loopback or address.is_private or address.is_link_local
                                      or address.is_multicast or address.is_reserved or address.is_unspecified)


def _refuse_private_hosts(request: httpx.Request) -> None:
    host = request.url.host
    if not is_public_address(host):
        raise FetchError(f"{request.url}: refused to fetch from non-public host {host!r}", source=str(request.url))


def _check_response(url: str, response: httpx.Response, settings: Settings,
                    accepted_types: tuple[str, ...] | None) -> None:
    status = response.status_code
    if status >= 400:
        raise FetchError(f"{url}: HTTP {status} {response.reason_phrase}".rstrip(), source=url)
    media_type, _ = _content_type(response.headers.get("content-type"))
    if accepted_types is not None and media_type and media_type not in accepted_types:
        raise FetchError(f"{url}: content type {media_type} is not an article page; "
                         f"accepted: {', '.join(accepted_types)}", source=url)
    length = response.headers.get("content-length")
    if length and length.isdigit() and int(length) > settings.fetch_max_bytes:
        raise FetchError(_too_large(url, f"{int(length):,} bytes", settings.fetch_max_bytes), source=url)


def _read_body(url: str, response: httpx.Response, limit: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(_too_large(url, f"more than {limit:,} bytes", limit), source=url)
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: timed out after {timeout:g} s", source=url)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str, size: str, limit: int) -> str:
    return f"{url}: response is {size}, over the limit of {limit:,} bytes (fetch_max_bytes)"


def _content_type(header: str | None) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a Content-Type header."""
    if not header:
        return "", None
    media_type, *params = header.split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _article(url: str, final_url: str, body: bytes, media_type: str, charset: str | None) -> Article:
    text = decode_bytes(body, source=url, encoding=charset)
    host = (urlsplit(final_url).hostname or "").removeprefix("www.") or None
    if media_type == "text/plain" or (not media_type and not looks_like_html(text)):
        if not text.strip():
            raise EmptyInputError(f"{url}: the response is empty", source=url)
        return Article.make(text, url=final_url, source=host)
    page = extract_html(text, url=final_url)
    return Article.make(page.text, url=final_url, source=page.source or host, title=page.title,
                        published=page.published)
