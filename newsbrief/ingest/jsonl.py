"""Streaming JSONL reading that never stops at a bad line.

Two record shapes are read: one article a line (``{"id", "title", "text", "url",
"source", "published"}``, only ``text`` required) and one cluster a line
(``{"id", "documents": [...]}``, as in ``../shared/data``). Bad lines come out as
Problems carrying their line number; good lines keep flowing.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newsbrief.datatypes import Article, Problem

ARTICLE_KEYS = ("id", "title", "text", "url", "source", "published")
# A \uD800-\uDFFF escape: JSON allows it, but alone (not as half of a pair) it is no character
# and cannot be written out as UTF-8; such a line is a bad record, not the end of the run.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


@dataclass(frozen=True, slots=True)
class ClusterRecord:
    """One line of a cluster file: its id, its articles, the raw record (for summaries etc.),
    and a Problem for each document of it that was skipped."""

    line: int
    id: str
    documents: tuple[Article, ...]
    raw: dict[str, Any] = field(repr=False)
    problems: tuple[Problem, ...] = ()


def iter_json_lines(stream: IO[bytes] | IO[str], source: str) -> Iterator[tuple[int, dict[str, Any] | Problem]]:
    """Each non-blank line as ``(line_number, object)`` or ``(line_number, Problem)``."""
    for number, raw in enumerate(stream, start=1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield number, Problem(source, number, f"not UTF-8 ({exc.reason} at byte {exc.start})")
                continue
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield number, Problem(source, number, f"not valid JSON ({exc.msg})")
            continue
        except RecursionError:
            yield number, Problem(source, number, "not read: JSON nested too deep")
            continue
        if _SURROGATE_ESCAPE.search(raw) and _has_lone_surrogate(value):
            yield number, Problem(source, number, "not read: a \\u escape names half of a character "
                                                  "(a lone surrogate such as \\ud800)")
            continue
        if not isinstance(value, dict):
            yield number, Problem(source, number, f"expected a JSON object, got {type(value).__name__}")
            continue
        yield number, value


def _has_lone_surrogate(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def digested_lines(stream: IO[bytes], digest: Any, *, limit: int | None = None) -> Iterator[tuple[int, bytes]]:
    """The first ``limit`` non-blank lines as ``(line_number, raw)``, each fed to ``digest`` as it is read.

    A line enters the digest without its line ending, plus ``\n``, so a figure or a model names the data
    it came from whatever the file's line endings (``evaluate``'s ``data_sha256``, a trained model's).
    """
    taken = 0
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        if limit is not None and taken >= limit:
            return
        digest.update(raw.rstrip(b"\r\n") + b"\n")
        taken += 1
        yield number, raw


def open_lines(path: str | Path) -> IO[bytes]:
    """A binary line stream for a path, or stdin for ``-``."""
    if str(path) == "-":
        import sys

        return sys.stdin.buffer
    return open(path, "rb")  # the caller closes it by exhausting the iterator


def article_from_record(record: dict[str, Any], *, source: str, line: int) -> Article | Problem:
    """An Article from a JSONL article record, or the Problem that prevents it."""
    from newsbrief.ingest.dates import parse_date

    text = record.get("text")
    if not isinstance(text, str):
        return Problem(source, line, "record has no \"text\" string")
    if not text.strip():
        return Problem(source, line, "record's \"text\" is empty")
    meta = {k: v for k, v in record.items() if k not in ARTICLE_KEYS}
    rid = record.get("id")
    return Article.make(
        text,
        id=str(rid) if rid is not None else None,
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
        source=_str_or_none(record.get("source")),
        published=parse_date(record.get("published")),
        path=f"{source}:{line}",
        meta={k: json.dumps(v, sort_keys=True) if not isinstance(v, str) else v for k, v in meta.items()},
    )


def cluster_from_record(record: dict[str, Any], *, source: str, line: int) -> ClusterRecord | Problem:
    """A ClusterRecord from a ``{"id", "documents": [...]}`` record, or the Problem.

    A document without text is skipped with a Problem on the record (the
    others are kept); a cluster none of whose documents has text is a Problem
    that names why each was skipped.
    """
    documents = record.get("documents")
    cluster_id = str(record.get("id", f"line-{line}"))
    if not isinstance(documents, list) or not documents:
        return Problem(source, line, f"cluster {cluster_id!r} has no \"documents\" list")
    articles: list[Article] = []
    skipped: list[str] = []
    for index, doc in enumerate(documents, start=1):
        if isinstance(doc, dict):
            item = article_from_record(doc, source=source, line=line)
            if isinstance(item, Article):
                articles.append(item)
            else:
                skipped.append(f"document {index}: {item.reason}")
        elif isinstance(doc, str) and doc.strip():
            articles.append(Article.make(doc, id=f"{cluster_id}#{index}", path=f"{source}:{line}#{index}"))
        elif isinstance(doc, str):
            skipped.append(f"document {index}: text is empty")
        else:
            skipped.append(f"document {index}: expected a JSON object or a string, got {type(doc).__name__}")
    if not articles:
        return Problem(source, line, f"cluster {cluster_id!r} has no document with text ({'; '.join(skipped)})")
    problems = tuple(Problem(source, line, f"cluster {cluster_id!r} {reason}; skipped") for reason in skipped)
    return ClusterRecord(line=line, id=cluster_id, documents=tuple(articles), raw=record, problems=problems)


def iter_clusters(path: str | Path | IO[bytes]) -> Iterator[ClusterRecord | Problem]:
    """Clusters of a cluster JSONL file, streamed, with a Problem for each bad line."""
    stream = path if isinstance(path, io.IOBase) else open_lines(path)  # type: ignore[arg-type]
    source = getattr(stream, "name", str(path)) if not isinstance(path, str | Path) else str(path)
    try:
        for line, item in iter_json_lines(stream, source):
            yield item if isinstance(item, Problem) else cluster_from_record(item, source=source, line=line)
    finally:
        if not isinstance(path, io.IOBase) and str(path) != "-":
            stream.close()


def is_cluster_record(record: dict[str, Any]) -> bool:
    return "documents" in record and "text" not in record


def _str_or_none(value: Any) -> str | None:
    return str(value) if value is not None and str(value).strip() else None
