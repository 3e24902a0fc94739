"""The CPU-bound work of a request, run in a worker process so the event loop stays free.

Each job takes plain picklable values (dicts, bytes, Settings), calls the public
API and returns the JSON answer as bytes, so the event loop only moves bytes.
Errors travel back as NewsbriefError and become JSON errors in ``app.py``.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import signal
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

import newsbrief
from newsbrief.datatypes import Article, Problem
from newsbrief.errors import EmptyInputError, ModelUnavailableError
from newsbrief.server.errors import FetchDisabledError, FetchRefusedError, UnsupportedMediaError
from newsbrief.settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Types a browser or curl may send for a file it does not know; the bytes decide.
UNKNOWN_TYPES = frozenset({"", "application/octet-stream"})
log = logging.getLogger("newsbrief.server")
# The first characters of a stored article shown in a story's article list.
EXCERPT_CHARS = 280


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file, as read from a multipart form."""

    filename: str
    content_type: str
    data: bytes

    @property
    def suffix(self) -> str:
        return PurePath(self.filename).suffix.lower()

    def is_html(self) -> bool:
        return self.suffix in HTML_SUFFIXES or self.content_type in HTML_TYPES

    def check_type(self) -> None:
        """Refuse a file that is neither text nor HTML by its name and declared type."""
        if self.suffix in TEXT_SUFFIXES | HTML_SUFFIXES or self.content_type.startswith("text/") \
                or self.content_type in HTML_TYPES:
            return
        if self.content_type in UNKNOWN_TYPES and not self.suffix:
            return
        kind = self.content_type or "no type"
        raise UnsupportedMediaError(f"{self.filename or 'upload'}: {kind} is not an article; "
                                    "upload text (.txt) or HTML (.html) files")


# One thread of numerical work per worker process: the pool already has one process per core,
# and BLAS/OpenMP threads on top of that only fight over the same cores.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# A tiny story that touches every stage (entities, quotes, conflicts), so warming loads every model.
_WARM_ARTICLES = (
    'President Anna Berg of Norway said on Monday: "We will build the bridge." It costs 5 million dollars.',
    "Norway will build a bridge, Anna Berg said on Monday. It costs 6 million dollars, officials in Oslo said.",
)


def start_worker() -> None:
    """Worker-process set-up: leave Ctrl-C to the server, one numerical thread per process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in _THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def warm(*, full: bool = False, memory_limit: int = 0) -> bool:
    """Import the pipeline; with ``full``, brief a tiny story so every model is loaded before real work.

    With ``memory_limit``, the process may then grow by at most that many bytes of address
    space: past it an allocation fails with MemoryError (the request gets a clear 503),
    instead of the kernel killing a process when the whole machine runs out.
    """
    import newsbrief.pipeline

    if full:
        try:
            newsbrief.brief(list(_WARM_ARTICLES), budget="30w")
        except Exception:  # a part that cannot load will say so on the first real request
            log.warning("warming a worker failed", exc_info=True)
    if memory_limit > 0:
        limit_memory(memory_limit)
    return True


def limit_memory(extra: int) -> None:
    """Cap this process's address space at its present size plus ``extra`` bytes (Linux; else nothing)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as handle:
            size = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = size + extra
        resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))
    except (ImportError, OSError, ValueError):
        log.warning("cannot limit a worker's memory on this system", exc_info=True)


def brief_json(items: Sequence[dict[str, Any] | Upload], options: dict[str, Any], settings: Settings) -> bytes:
    """``POST /v1/brief``: articles in, the ``newsbrief.brief/1`` document out."""
    from newsbrief.by_story import drop_junk, several_stories_note

    skipped: list[Problem] = []
    articles = to_articles(items, settings, skipped=skipped)
    use_ner_cache(settings)
    brief_options = {"budget": options.get("budget") or settings.budget,
                     "method": options.get("method") or settings.method,
                     "sections": options.get("sections"), "truncate": bool(options.get("truncate")),
                     "query": options.get("query"), "max_sentences": settings.max_sentences}
    if options.get("by_story"):
        # Pages that report no event (widgets, cookie walls) become no story, as in `ingest` and the CLI.
        kept, junk = drop_junk(articles)
        briefs = newsbrief.brief_by_story(kept, stories=newsbrief.pile_stories(kept), **brief_options)
        notes = [f"skipped {p}" for p in skipped]
        if junk:
            notes.append(f"left out {len(junk)} page(s) that report no event: {', '.join(a.id for a in junk[:5])}")
        return dump({"stories": [b.to_dict() for b in briefs], **({"notes": notes} if notes else {})})
    stories = newsbrief.pile_stories(articles, titled=False)  # counted for the note only
    result = newsbrief.brief(articles, **brief_options)
    note = several_stories_note(stories, how='send "by_story": true')
    notes = [f"skipped {p}" for p in skipped] + ([note] if note else [])
    if notes:
        result = dataclasses.replace(result, notes=(*result.notes, *notes))
    return dump(result.to_dict())


def use_ner_cache(settings: Settings) -> None:
    """Keep NER results across this worker's requests, as many as ``settings.ner_cache`` says (0: none).

    The web page re-briefs the same articles at a new length; their NER windows are then
    served from the cache, keyed by a digest of each window's text (``names/ner_cache.py``).
    """
    from newsbrief.names import ner_cache

    ner_cache.configure(settings.ner_cache)


def to_articles(items: Sequence[dict[str, Any] | Upload], settings: Settings, *,
                skipped: list[Problem] | None = None) -> list[Article]:
    """Articles from request items (JSON objects or uploaded files), ids made unique.

    With ``skipped``, an empty file or a blank ``text`` is left out and reported there, as the
    CLI warns and goes on; the request fails only if nothing is left.
    """
    articles: list[Article] = []
    empty: list[Problem] = []
    for number, item in enumerate(items, start=1):
        try:
            articles.append(_from_upload(item) if isinstance(item, Upload) else _from_fields(item, settings))
        except EmptyInputError as exc:
            if skipped is None or not _is_blank(item):
                raise
            empty.append(Problem(getattr(exc, "source", None) or f"article {number}", None, _blank_reason(item)))
    if skipped is not None:
        skipped.extend(empty)
    if not articles:
        raise EmptyInputError("no articles to brief" + (f" ({'; '.join(map(str, empty))})" if empty else ""))
    return _unique_ids(articles)


def _is_blank(item: dict[str, Any] | Upload) -> bool:
    if isinstance(item, Upload):
        return not item.data.strip()
    return isinstance(item.get("text"), str) and not item["text"].strip()


def _blank_reason(item: dict[str, Any] | Upload) -> str:
    return "the file is empty" if isinstance(item, Upload) else "its \"text\" is empty"


def _from_fields(fields: dict[str, Any], settings: Settings) -> Article:
    from newsbrief import normalize_newlines, parse_date

    text = fields.get("text")
    meta = {key: fields[key] for key in ("title", "url", "source") if fields.get(key)}
    published = parse_date(fields.get("published"))
    if text is None:
        fetched = fetch(str(fields.get("url") or ""), settings)
        return dataclasses.replace(fetched, **meta, published=published or fetched.published)
    if not text.strip():
        raise EmptyInputError("the article's \"text\" is empty")
    return Article.make(normalize_newlines(text), published=published, **meta)


def fetch(url: str, settings: Settings) -> Article:
    """Fetch an article for a caller, only if the operator allowed it and only from public hosts."""
    if not settings.allow_fetch:
        raise FetchDisabledError(f"{url}: this server does not fetch URLs; send the article's \"text\" "
                                 "(the operator can allow fetching with --allow-fetch)", source=url)
    from newsbrief import fetch_url, is_public_address

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefusedError(f"{url}: not an http(s) URL", source=url)
    if not settings.fetch_private and not is_public_address(parts.hostname):
        raise FetchRefusedError(f"{url}: refused to fetch from {parts.hostname!r}: loopback, private and "
                                "link-local addresses are not fetched", source=url)
    return fetch_url(url, settings=settings, public_only=not settings.fetch_private)


def _from_upload(upload: Upload) -> Article:
    from newsbrief import decode_bytes, extract_html, looks_like_html

    name = upload.filename or "upload"
    upload.check_type()
    if not upload.data.strip():
        raise EmptyInputError(f"{name}: the file is empty", source=name)
    text = decode_bytes(upload.data, source=name)
    if not (upload.is_html() or (upload.suffix not in TEXT_SUFFIXES and looks_like_html(text))):
        return Article.make(text, path=name)
    page = extract_html(text, url=None)
    return Article.make(page.text, title=page.title, source=page.source, published=page.published, path=name)


def _unique_ids(articles: list[Article]) -> list[Article]:
    """The same text sent twice gets ids ``x`` and ``x~2``, as the file readers do."""
    seen: dict[str, int] = {}
    out = []
    for article in articles:
        seen[article.id] = count = seen.get(article.id, 0) + 1
        out.append(article if count == 1 else dataclasses.replace(article, id=f"{article.id}~{count}"))
    return out


def dump(document: Any) -> bytes:
    """Compact JSON bytes; text that cannot be UTF-8 (lone surrogates) is escaped instead."""
    try:
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=_plain).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(document, ensure_ascii=True, separators=(",", ":"), default=_plain).encode("ascii")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def _mount_writable(path: Any) -> bool:
    """False on a read-only mount (root passes os.access checks there, but no write succeeds)."""
    try:
        return not os.statvfs(path).f_flag & os.ST_RDONLY
    except (AttributeError, OSError):
        return True


# --- the store: one connection per worker thread, opened on first use -------------------------

_local = threading.local()


def _store(path: str, *, readonly: bool) -> Any:
    stores = getattr(_local, "stores", None)
    if stores is None:
        stores = _local.stores = {}
    key = (path, readonly)
    if key not in stores:
        stores[key] = newsbrief.Store(path, readonly=readonly)
    return stores[key]


def _to_dict(value: Any) -> Any:
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def _article_summary(article: Article) -> dict[str, Any]:
    text = " ".join(article.text.split())
    excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    return {"id": article.id, "title": article.title, "source": article.source, "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "words": len(article.text.split()), "excerpt": excerpt}


def stories_json(path: str, since: datetime | None, junk: bool = False) -> bytes:
    """``GET /v1/stories`` (``?junk=true``: the junk pages instead)."""
    return dump({"stories": [_to_dict(s) for s in _store(path, readonly=True).stories(since=since, junk=junk)]})


def story_json(path: str, story_id: str) -> bytes:
    """``GET /v1/stories/{id}``: the story and a summary of each of its articles."""
    store = _store(path, readonly=True)
    info = store.story(story_id)
    return dump({"story": _to_dict(info), "articles": [_article_summary(a) for a in store.story_articles(story_id)]})


def story_brief_json(path: str, story_id: str, since: datetime | None, options: dict[str, Any],
                     settings: Settings) -> bytes:
    """``GET /v1/stories/{id}/brief``: the brief saved in the store if it is current, else a new one."""
    try:
        from newsbrief import brief_story
    except ImportError as exc:  # a partial installation: say so with a 503, not a 500
        raise ModelUnavailableError(f"story briefs are not available in this installation ({exc})") from None

    store = _store(path, readonly=True)
    budget, method = options.get("budget") or settings.budget, options.get("method") or settings.method
    sections, truncate = options.get("sections"), bool(options.get("truncate"))
    if since is None:
        from newsbrief.storage.saved import options_key

        key = options_key(budget=budget, method=method, sections=sections, truncate=truncate)
        document = store.saved_brief(story_id, key)
        if document is not None:  # saved by `newsbrief batch --stories`, and the story has not changed since
            return document.encode("utf-8")
    use_ner_cache(settings)
    result = brief_story(store, story_id, since=since, budget=budget, method=method, sections=sections,
                         truncate=truncate)
    return dump(result.to_dict())


def ingest_json(path: str, items: Sequence[dict[str, Any] | Upload], settings: Settings) -> bytes:
    """``POST /v1/articles``: add articles to the store and report what happened."""
    skipped: list[Problem] = []
    report = _store(path, readonly=False).add_articles(to_articles(items, settings, skipped=skipped))
    if skipped:
        report = dataclasses.replace(report, problems=(*report.problems, *skipped))
    return dump(_to_dict(report))


def open_store(path: str) -> None:
    """Create or migrate the store once, at start-up, so a bad path fails before serving.

    A store that exists but cannot be written (a read-only file, directory or mount) is
    served for reading: the GET endpoints work, ``POST /v1/articles`` says it is read-only.
    """
    from pathlib import Path

    target = Path(path)
    if target.is_file() and not (os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)
                                 and _mount_writable(target)):
        newsbrief.Store(path, readonly=True).close()
        log.warning("%s is read-only: serving it for reading; adding articles will fail", path)
        return
    store = newsbrief.Store(path)
    close = getattr(store, "close", None)
    if callable(close):
        close()
