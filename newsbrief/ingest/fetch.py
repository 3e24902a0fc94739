"""Fetching one article page over HTTP(S), within time, size and redirect limits.

The body is streamed and refused as soon as it passes the size limit, so a huge
or endless response never fills memory. Every failure is a FetchError whose
message names the URL and what went wrong. A public-only fetch resolves each
host once and connects to the checked address (``pinning``), so DNS rebinding
cannot reach the machine or its network. Otherwise the URL the user named may
be anywhere, but a redirect from it to another host goes to public addresses
only, unless the ``fetch_private`` setting says otherwise (server-side request
forgery through a page or feed the user did not write; issue 28).
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from newsbrief.datatypes import Article
from newsbrief.errors import EmptyInputError, FetchError
from newsbrief.ingest.decode import decode_bytes
from newsbrief.ingest.html import extract_html, looks_like_html
from newsbrief.ingest.pinning import IPAddress, PinnedBackend, PinnedTransport, is_public_ip, resolve_host
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
            (for a server that fetches on behalf of others). Each host is
            resolved once and the connection goes to the addresses checked;
            proxies from the environment are not used (they would resolve
            the host themselves).

    Returns:
        The article: extracted main text for HTML, the body for plain text.

    Raises:
        FetchError: the URL is not http(s), the request failed or timed out,
            the status is an error, the type is not a page, or the body is too large.
        DecodeError: the body is binary.
        EmptyInputError: the page has no text.
    """
    fetched = fetch_body(url, settings=settings, public_only=public_only, accepted_types=ACCEPTED_TYPES)
    return page_article(url, fetched)


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
    transport: httpx.BaseTransport | None = None
    hooks: dict[str, list[Callable[[httpx.Request], None]]] = {}
    if public_only or not settings.fetch_private:
        # The hook checks and pins each host (redirects too); the transport connects to the pin. The
        # user's own host, unless public_only, is pinned where it resolves, unchecked.
        backend = PinnedBackend()
        transport = PinnedTransport(backend)
        own = None if public_only else parts.hostname
        hooks = {"request": [lambda request: _pin_public_host(request, backend, own=own)]}
    deadline = time.monotonic() + settings.fetch_timeout
    try:
        with httpx.Client(follow_redirects=True, max_redirects=settings.fetch_max_redirects,
                          timeout=settings.fetch_timeout, headers={"User-Agent": USER_AGENT},
                          event_hooks=hooks, transport=transport) as client, \
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
    return bool(_public_addresses(host))


def _public_addresses(host: str) -> tuple[IPAddress, ...]:
    """Every address of ``host`` from one look-up, if all of them are public; () otherwise."""
    addresses = resolve_host(host)
    return addresses if all(is_public_ip(a) for a in addresses) else ()


def _pin_public_host(request: httpx.Request, backend: PinnedBackend, *, own: str | None = None) -> None:
    """Resolve the request's host once, refuse it unless every address is public (or it is ``own``,
    the host the user named), and pin it there."""
    host = request.url.raw_host.decode("ascii")
    if backend.pinned(host):
        return  # checked earlier in this fetch (a redirect to the same host): no second look-up
    if own is not None and request.url.host == own:
        name = host.strip("[]").rstrip(".").lower()
        local = name == "localhost" or name.endswith(".localhost")  # resolve_host gives () for these
        addresses = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")) if local else resolve_host(host)
        if addresses:
            backend.pin(host, addresses)
        return  # an unresolvable host fails at connect with a clear error
    addresses = _public_addresses(host)
    if not addresses:
        how = "" if own is None else " (a redirect; the fetch_private setting allows it)"
        raise FetchError(f"{request.url}: refused to fetch from non-public host {request.url.host!r}{how}",
                         source=str(request.url))
    backend.pin(host, addresses)


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


def page_article(url: str, fetched: Fetched) -> Article:
    """The Article of a fetched page: extracted main text for HTML, the body for plain text.

    Raises:
        DecodeError: the body is binary.
        EmptyInputError: the page has no text.
    """
    final_url, media_type = fetched.final_url, fetched.media_type
    text = decode_bytes(fetched.body, source=url, encoding=fetched.charset)
    host = (urlsplit(final_url).hostname or "").removeprefix("www.") or None
    if media_type == "text/plain" or (not media_type and not looks_like_html(text)):
        if not text.strip():
            raise EmptyInputError(f"{url}: the response is empty", source=url)
        return Article.make(text, url=final_url, source=host)
    page = extract_html(text, url=final_url)
    return Article.make(page.text, url=final_url, source=page.source or host, title=page.title,
                        published=page.published)
