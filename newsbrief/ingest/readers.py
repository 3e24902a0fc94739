"""Reading articles from files, directories, JSONL, RSS/Atom feeds, URLs and stdin.

One bad item never stops a read: it becomes a Problem(source, line, reason) and
the rest go on. Only when nothing at all could be read is that an error, and
its message sums up why.
"""

from __future__ import annotations

import dataclasses
import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from newsbrief.datatypes import Article, Problem
from newsbrief.errors import EmptyInputError, InputError
from newsbrief.ingest.decode import decode_bytes, normalize_newlines
from newsbrief.ingest.feeds import FEED_SUFFIXES, looks_like_feed, parse_feed
from newsbrief.ingest.html import extract_html, looks_like_html
from newsbrief.ingest.jsonl import article_from_record, cluster_from_record, is_cluster_record, iter_json_lines
from newsbrief.settings import Settings

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
# Skipped inside directories without being opened: these are never articles.
BINARY_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".tif", ".tiff", ".svgz", ".heic",
    ".pdf", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".jar", ".whl",
    ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".epub",
    ".mp3", ".mp4", ".m4a", ".mov", ".avi", ".mkv", ".wav", ".ogg", ".flac", ".webm",
    ".exe", ".dll", ".so", ".dylib", ".bin", ".o", ".a", ".class", ".pyc", ".pyo",
    ".sqlite", ".sqlite3", ".db", ".woff", ".woff2", ".ttf", ".otf", ".eot",
    ".npy", ".npz", ".pkl", ".pickle", ".parquet", ".onnx", ".pt", ".safetensors",
})
STDIN = "-"
STDIN_NAME = "<stdin>"
_CHUNK = 1 << 20
# How many problems an EmptyInputError message lists before "and N more".
_SUMMARY_PROBLEMS = 5


@dataclass(frozen=True)
class ReadResult:
    """The articles that were read, in input order, and every problem met on the way."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def read(paths: Sequence[str], *, settings: Settings | None = None, stdin: BinaryIO | None = None,
         fetch_feed_pages: bool = False) -> ReadResult:
    """Read articles from files, directories, JSONL files, feeds, URLs and stdin.

    Args:
        paths: each is ``-`` (stdin: a feed, HTML, JSONL or text, sniffed), an
            ``http(s)://`` URL, a directory (read recursively in sorted order,
            hidden files skipped), a ``.jsonl``/``.ndjson`` file of article or
            cluster records, a ``.json`` file, an RSS/Atom feed (``.rss``,
            ``.atom``, ``.rdf``, or any other file whose content is a feed, such
            as ``feed.xml``), an HTML file, or any other file as plain text.
            A feed is read as its entries, not as a page: each entry is an
            article of the text the feed carries (``content``, else ``summary``),
            and an entry with no text is a Problem.
        settings: ``max_input_bytes`` bounds each file; the ``fetch_*`` keys bound URLs.
        stdin: the stream ``-`` reads (default: the process's stdin).
        fetch_feed_pages: fetch each feed entry's page and read its main text,
            falling back to the feed's text (as ``newsbrief ingest`` does); by
            default feeds are read without any network access.

    Returns:
        A ReadResult: articles in the order the paths were given (files of a
        directory sorted), and a Problem for every item that could not be read.
        Record ids from JSONL are kept; other ids are derived from the content.
        An id met twice gets a ``~2``, ``~3`` … suffix so ids stay unique.

    Raises:
        EmptyInputError: nothing at all could be read; the message sums up the
            problems (they are also on the exception as ``problems``).
    """
    settings = settings or Settings()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not a sequence of one-letter paths
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in paths:
        for item in _read_one(str(path), settings, stdin, fetch_feed_pages):
            (articles if isinstance(item, Article) else problems).append(item)
    if not articles:
        raise _nothing_read(paths, problems)
    return ReadResult(articles=_unique_ids(articles), problems=tuple(problems))


def _read_one(path: str, settings: Settings, stdin: BinaryIO | None,
              feed_pages: bool) -> Iterator[Article | Problem]:
    if path == STDIN:
        yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, settings, feed_pages)
    elif path.lower().startswith(("http://", "https://")):
        yield from _read_url(path, settings)
    elif os.path.isdir(path):
        yield from _read_directory(Path(path), path, settings, feed_pages)
    else:
        yield from _read_file(Path(path), path, settings, feed_pages)


def _read_stdin(stream: BinaryIO, settings: Settings, feed_pages: bool) -> Iterator[Article | Problem]:
    limit = settings.max_input_bytes
    data = _read_at_most(stream, limit + 1)
    if len(data) > limit:
        yield Problem(STDIN_NAME, None, f"input is more than {_size(limit)}, the limit (max_input_bytes); skipped")
        return
    if _looks_like_jsonl(data):
        yield from _read_jsonl(io.BytesIO(data), STDIN_NAME)
    elif looks_like_feed(data):
        yield from _read_feed(data, STDIN_NAME, settings, feed_pages)
    else:
        yield from _read_document(data, STDIN_NAME, STDIN, html=None)


def _read_at_most(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes, read in chunks so a small input never reserves ``size`` bytes."""
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(min(remaining, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _read_url(url: str, settings: Settings) -> Iterator[Article | Problem]:
    from newsbrief.ingest.fetch import fetch_url

    try:
        yield fetch_url(url, settings=settings)
    except InputError as exc:
        yield Problem(url, None, _reason(exc, url))


def _read_directory(root: Path, name: str, settings: Settings, feed_pages: bool) -> Iterator[Article | Problem]:
    found = False
    for file in _walk(root):
        found = True
        shown = os.path.join(name, file.relative_to(root).as_posix())
        suffix = file.suffix.lower()
        if suffix in BINARY_SUFFIXES:
            yield Problem(shown, None, f"skipped: {suffix} files are not articles; "
                                       "newsbrief reads text, HTML, JSON and JSONL files")
            continue
        yield from _read_file(file, shown, settings, feed_pages)
    if not found:
        yield Problem(name, None, "directory has no article files (hidden files are skipped)")


def _walk(root: Path) -> list[Path]:
    """Every non-hidden file under ``root``, sorted by relative path."""
    files: list[Path] = []
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        files.extend(Path(directory, n) for n in names if not n.startswith("."))
    return sorted(files, key=lambda f: f.relative_to(root).parts)


def _read_file(path: Path, name: str, settings: Settings, feed_pages: bool) -> Iterator[Article | Problem]:
    try:
        size = path.stat().st_size
        if not path.is_file():
            yield Problem(name, None, "not a regular file")
            return
        limit = settings.max_input_bytes
        if size > limit:
            yield Problem(name, None, f"file is {_size(size)}, over the limit of {_size(limit)} "
                                      "(max_input_bytes); skipped")
            return
        suffix = path.suffix.lower()
        with path.open("rb") as stream:
            if suffix in JSONL_SUFFIXES:
                yield from _read_jsonl(stream, name)
                return
            data = stream.read(size + 1)  # not limit + 1: read(n) reserves n bytes up front
    except FileNotFoundError:
        yield Problem(name, None, "no such file or directory")
        return
    except OSError as exc:
        yield Problem(name, None, f"cannot read ({exc.strerror or exc})")
        return
    if len(data) > settings.max_input_bytes:  # the file grew while we looked
        yield Problem(name, None, f"file is over the limit of {_size(settings.max_input_bytes)} "
                                  "(max_input_bytes); skipped")
    elif suffix in JSON_SUFFIXES:
        yield from _read_json(data, name)
    elif suffix in FEED_SUFFIXES or looks_like_feed(data):
        yield from _read_feed(data, name, settings, feed_pages)
    else:
        yield from _read_document(data, name, name, html=True if suffix in HTML_SUFFIXES else None)


def _read_document(data: bytes, name: str, path: str, *, html: bool | None) -> Iterator[Article | Problem]:
    """One text or HTML article from raw bytes (``html=None``: sniff)."""
    if not data:
        yield Problem(name, None, "file is empty")
        return
    try:
        text = decode_bytes(data, source=name)
    except InputError as exc:
        yield Problem(name, None, _reason(exc, name))
        return
    if not text.strip():
        yield Problem(name, None, "file has only whitespace")
        return
    if html is None:
        html = looks_like_html(text)
    if not html:
        yield Article.make(text, path=path)
        return
    try:
        page = extract_html(text)
    except InputError as exc:
        yield Problem(name, None, _reason(exc, name))
        return
    yield Article.make(page.text, title=page.title, source=page.source, published=page.published, path=path)


def _read_feed(data: bytes, name: str, settings: Settings, fetch_pages: bool) -> Iterator[Article | Problem]:
    """A feed's entries as articles (``feeds.parse_feed``), then a Problem for each entry that gave none."""
    result = parse_feed(data, name, settings=settings, fetch_pages=fetch_pages)
    yield from result.articles
    yield from result.problems


def _read_jsonl(stream: Iterable[bytes], name: str) -> Iterator[Article | Problem]:
    records = 0
    for line, item in iter_json_lines(stream, name):
        records += 1
        if isinstance(item, Problem):
            yield item
        else:
            yield from _from_record(item, name, line)
    if not records:
        yield Problem(name, None, "file has no records")


def _read_json(data: bytes, name: str) -> Iterator[Article | Problem]:
    """A ``.json`` file: one record (article or cluster) or a list of records."""
    import json

    try:
        value = json.loads(decode_bytes(data, source=name))
    except InputError as exc:
        yield Problem(name, None, _reason(exc, name))
        return
    except json.JSONDecodeError as exc:
        yield Problem(name, exc.lineno, f"not valid JSON ({exc.msg})")
        return
    records = value if isinstance(value, list) else [value]
    for index, record in enumerate(records, start=1):
        if isinstance(record, dict):
            yield from _from_record(record, name, index if isinstance(value, list) else None)
        else:
            yield Problem(name, None, f"item {index}: expected a JSON object, got {type(record).__name__}")


def _from_record(record: dict[str, Any], name: str, line: int | None) -> Iterator[Article | Problem]:
    record = _normalise_record(record)
    number = line if line is not None else 1
    if is_cluster_record(record):
        cluster = cluster_from_record(record, source=name, line=number)
        if isinstance(cluster, Problem):
            yield dataclasses.replace(cluster, line=line)
        else:
            yield from cluster.documents
            yield from (dataclasses.replace(p, line=line) for p in cluster.problems)
    else:
        item = article_from_record(record, source=name, line=number)
        yield dataclasses.replace(item, line=line) if isinstance(item, Problem) else item


def _normalise_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record with ``\\r\\n`` newlines in its texts made ``\\n``, as for files."""
    record = dict(record)
    if isinstance(record.get("text"), str):
        record["text"] = normalize_newlines(record["text"])
    documents = record.get("documents")
    if isinstance(documents, list):
        record["documents"] = [
            normalize_newlines(d) if isinstance(d, str)
            else {**d, "text": normalize_newlines(d["text"])} if isinstance(d, dict) and isinstance(d.get("text"), str)
            else d
            for d in documents
        ]
    return record


def _looks_like_jsonl(data: bytes) -> bool:
    """Whether stdin holds JSON lines: it starts with ``{`` and its first line is an object."""
    import json

    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return False
    first = head.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, UnicodeDecodeError):
        return False


def _unique_ids(articles: list[Article]) -> tuple[Article, ...]:
    return tuple(unique_ids(articles))


def unique_ids(articles: Iterable[Article | Problem]) -> Iterator[Article | Problem]:
    """The articles with an id met before renamed ``id~2``, ``id~3`` …, lazily (problems pass through)."""
    seen: dict[str, int] = {}
    for article in articles:
        if isinstance(article, Problem):
            yield article
            continue
        count = seen.get(article.id, 0) + 1
        seen[article.id] = count
        yield article if count == 1 else dataclasses.replace(article, id=f"{article.id}~{count}")


def stream_jsonl(path: str, *, max_record_bytes: int) -> Iterator[Article | Problem]:
    """The articles of a JSONL file of any size, read a line at a time (``newsbrief ingest``).

    Memory stays flat in the file's size: a record over ``max_record_bytes`` is a Problem and skipped,
    and ids met twice are renamed as ``read`` renames them.
    """
    from newsbrief.ingest.lines import bounded_lines

    too_long: list[int] = []
    try:
        with open(path, "rb") as stream:
            for item in unique_ids(_read_jsonl(bounded_lines(stream, max_record_bytes, too_long), path)):
                while too_long:
                    yield _too_long(path, too_long.pop(0), max_record_bytes)
                yield item
    except FileNotFoundError:
        yield Problem(path, None, "no such file or directory")
    except OSError as exc:
        yield Problem(path, None, f"cannot read ({exc.strerror or exc})")
    for line in too_long:
        yield _too_long(path, line, max_record_bytes)


def _too_long(path: str, line: int, limit: int) -> Problem:
    return Problem(path, line, f"record is over {_size(limit)}, the limit (max_input_bytes); skipped")


def _nothing_read(paths: Sequence[str], problems: list[Problem]) -> EmptyInputError:
    if not paths:
        error = EmptyInputError("no input given; pass files, directories, JSONL files, URLs or - for stdin")
    else:
        listed = "; ".join(str(p) for p in problems[:_SUMMARY_PROBLEMS])
        more = len(problems) - _SUMMARY_PROBLEMS
        if more > 0:
            listed += f"; and {more} more"
        error = EmptyInputError(f"no article could be read: {listed or 'no input'}")
    error.problems = tuple(problems)  # type: ignore[attr-defined]
    return error


def _reason(exc: Exception, name: str) -> str:
    """An error's message without the leading ``source: `` a Problem adds back."""
    message = str(exc)
    for prefix in (name, getattr(exc, "source", None)):
        if prefix and message.startswith(f"{prefix}: "):
            return message[len(prefix) + 2:]
    return message


def _size(n: int) -> str:
    text = f"{n:,} bytes"
    if n >= 1_000_000:
        text += f" ({n / 1_000_000:.1f} MB)"
    elif n >= 1_000:
        text += f" ({n / 1_000:.1f} kB)"
    return text
