"""RSS and Atom feeds: each entry's page is fetched and read as an article.

feedparser reads the feed (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, broken ones too).
An entry's link is fetched with ``fetch_url`` (same time, size and redirect
limits as any URL) and its main text extracted; the feed's title and date
fill what the page lacks. When the page cannot be fetched, the text the feed
itself carries (``content``, else ``summary``) is used, and a Problem says so.
Without page fetching (``fetch_pages=False``, as ``newsbrief.read`` does) only
that text is used and nothing goes over the network.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from newsbrief.datatypes import Article, Problem
from newsbrief.errors import NewsbriefError
from newsbrief.settings import Settings

FEED_SUFFIXES = frozenset({".rss", ".atom", ".rdf"})
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
# Pages fetched at once; feeds list tens of entries, and servers dislike more.
FETCH_WORKERS = 4
_SNIFF_BYTES = 4096

Fetcher = Callable[..., Article]


@dataclass(frozen=True, slots=True)
class FeedResult:
    """The articles of one feed, in entry order, and a Problem for each entry that gave none."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def looks_like_feed(data: bytes) -> bool:
    """Whether bytes hold an RSS or Atom document rather than a web page or text."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith(b"<") or b"<html" in head:
        return False
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel"))


def read_url(url: str, *, settings: Settings | None = None, fetch: Fetcher | None = None,
             public_only: bool = False) -> FeedResult:
    """What a URL serves, from one fetch: a feed's entries, or the page itself as one article.

    Raises:
        FetchError: the URL could not be fetched, or serves neither a feed nor a page.
        DecodeError: a page's body is binary.
        EmptyInputError: a page has no text.
    """
    from newsbrief.ingest.fetch import ACCEPTED_TYPES, fetch_body, page_article

    settings = settings or Settings()
    fetched = fetch_body(url, settings=settings, public_only=public_only, accepted_types=ACCEPTED_TYPES + FEED_TYPES)
    if fetched.media_type in FEED_TYPES or looks_like_feed(fetched.body):
        return parse_feed(fetched.body, url, settings=settings, fetch=fetch, public_only=public_only)
    return FeedResult((page_article(url, fetched),), ())


def parse_feed(data: bytes, name: str, *, settings: Settings | None = None, fetch: Fetcher | None = None,
               public_only: bool = False, fetch_pages: bool = True) -> FeedResult:
    """The articles of a feed document; ``name`` (its path or URL) labels problems and articles.

    Args:
        fetch_pages: fetch each entry's page (False: use only the text the feed carries, no network).
    """
    import feedparser

    settings = settings or Settings()
    if not fetch_pages:
        fetch = None
    elif fetch is None:
        from newsbrief.ingest.fetch import fetch_url as fetch
    parsed = feedparser.parse(data)  # bytes: parsed as a document, never opened as a path or URL
    entries = list(parsed.entries)
    if not entries:
        reason = (f"not an RSS or Atom feed ({parsed.bozo_exception})" if parsed.get("bozo")
                  else "feed has no entries")
        return FeedResult((), (Problem(name, None, reason),))
    site = _feed_site(parsed.feed, name)
    workers = max(1, min(FETCH_WORKERS, len(entries)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda pair: _entry_article(pair[0], pair[1], name, site, settings, fetch,
                                                            public_only), enumerate(entries, 1)))
    articles = [a for a, _ in results if a is not None]
    problems = [p for _, p in results if p is not None]
    return FeedResult(tuple(articles), tuple(problems))


def _entry_article(number: int, entry: Any, feed: str, site: str | None, settings: Settings,
                   fetch: Fetcher | None, public_only: bool) -> tuple[Article | None, Problem | None]:
    link = (entry.get("link") or "").strip() or None
    title = " ".join((entry.get("title") or "").split()) or None
    published = _entry_date(entry)
    meta = {"feed": feed, **({"feed_entry_id": str(entry["id"])} if entry.get("id") else {})}
    where = link or f"{feed} entry {number}"
    own_text = _entry_text(entry)
    if link and fetch is None and not own_text:
        return None, Problem(where, None, "the feed carries no text for this entry; skipped "
                                          "(newsbrief ingest fetches entry pages)")
    if link and fetch is not None:
        try:
            # A link inside a feed was not named by the user: public addresses only, unless fetch_private.
            page = fetch(link, settings=settings, public_only=public_only or not settings.fetch_private)
        except NewsbriefError as exc:
            reason = _reason(str(exc), link)
            if not own_text:
                return None, Problem(where, None, f"page not fetched ({reason}) and the feed has no text for it; "
                                                  "skipped")
            article = Article.make(own_text, title=title, url=link, source=site, published=published, meta=meta)
            return article, Problem(where, None, f"page not fetched ({reason}); used the text the feed carries")
        return Article.make(page.text, title=page.title or title, url=page.url or link,
                            source=page.source or site, published=page.published or published, meta=meta), None
    if own_text:
        return Article.make(own_text, title=title, url=link, source=site, published=published, meta=meta), None
    return None, Problem(where, None, "entry has neither a link nor any text; skipped")


def _entry_text(entry: Any) -> str | None:
    """The text a feed entry carries: its full content if any, else its summary (HTML made text)."""
    from newsbrief.ingest.html import extract_html, looks_like_html

    values = [c.get("value", "") for c in entry.get("content") or []] or [entry.get("summary") or ""]
    html = "\n".join(v for v in values if v and v.strip())
    if not html.strip():
        return None
    if "<" in html and (looks_like_html(html) or "</" in html or "<br" in html.lower()):
        try:
            return extract_html(f"<html><body>{html}</body></html>").text
        except NewsbriefError:
            return None
    return " ".join(html.split())


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime(*value[:6], tzinfo=UTC)
    return None


def _feed_site(feed: Any, name: str) -> str | None:
    link = feed.get("link") or (name if "://" in name else "")
    host = (urlsplit(link).hostname or "").removeprefix("www.")
    return host or (" ".join((feed.get("title") or "").split()) or None)


def _reason(message: str, url: str) -> str:
    return message[len(url) + 2:] if message.startswith(f"{url}: ") else message
