"""``newsbrief ingest``: read articles and feeds into the store, batch by batch."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path

import click

import newsbrief
from newsbrief.cli.options import settings_from, warn_problems
from newsbrief.cli.stories import db_path
from newsbrief.datatypes import Article, Problem
from newsbrief.errors import EmptyInputError, InputError
from newsbrief.settings import Settings

# Articles per transaction: large enough that commits cost little, small enough
# that an interrupted ingest loses little work.
BATCH_SIZE = 500


@click.command("ingest", epilog="""\b
Examples:
  newsbrief ingest articles.jsonl --db news.db
  newsbrief ingest feed.rss https://example.org/news.xml --db news.db
  newsbrief ingest story/ page.html - --db news.db < more.jsonl
""")
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--db", type=click.Path(dir_okay=False), help="The store (default: newsbrief.db in the data directory; "
                                                             "NEWSBRIEF_HOME moves it).")
@click.option("--batch-size", type=click.IntRange(min=1), default=BATCH_SIZE, show_default=True,
              help="Articles per transaction (each committed batch survives a crash).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format of the summary.")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="A TOML settings file.")
@click.option("--fetch-private", is_flag=True, default=None,
              help="Also fetch links found in feeds and redirects that point at loopback, private or link-local "
                   "addresses (setting fetch_private; off: only the URLs you name may be there).")
def ingest_command(paths: tuple[str, ...], db: str | None, batch_size: int, fmt: str, config: str | None,
                   fetch_private: bool | None = None) -> None:
    """Add articles to the store and group them into stories.

    PATH... are files, directories, JSONL files of articles, RSS/Atom feeds (files,
    feed files inside directories, or URLs; each entry's page is fetched), article
    URLs (fetched once: a feed or a page, by what they serve), or - for stdin.
    Re-running an ingest adds nothing twice.
    """
    settings = settings_from(config).replace(fetch_private=fetch_private or None)
    if not paths:
        raise click.UsageError("give at least one PATH (a file, a directory, a feed, a URL, or - for stdin)")
    problems: list[Problem] = []
    batches = _batches(iter_inputs(paths, settings), batch_size, problems)
    first = next(batches, None)  # read before the store is opened: no input, no store created
    if first is None:
        raise EmptyInputError("no article could be read")
    path = db_path(db, config)
    if not db:
        path.parent.mkdir(parents=True, exist_ok=True)
    totals = {"given": 0, "added": 0, "duplicates": 0, "unchanged": 0, "batches": 0, "junk": 0}
    created: list[str] = []
    updated: list[str] = []
    merged: list[tuple[str, str]] = []
    skipped: list[Problem] = []
    with newsbrief.Store(path) as store:
        for number, batch in enumerate(chain([first], batches), 1):
            report = store.add_articles(batch)
            for key in ("given", "added", "duplicates", "unchanged"):
                totals[key] += getattr(report, key)
            totals["batches"] += 1
            totals["junk"] += len(report.junk)
            created += report.stories_created
            updated += report.stories_updated
            merged += report.stories_merged
            skipped += report.problems
            click.echo(f"newsbrief: batch {number} committed: {report.added} added "
                       f"({report.duplicates} duplicates), {report.unchanged} already stored", err=True)
            sys.stderr.flush()
        warn_problems(skipped)
        live_created = _live(store, created)
        live_updated = [s for s in _live(store, updated) if s not in live_created]
    summary = {"db": str(path), **totals, "skipped": len(skipped) + len(problems),
               "stories_created": live_created, "stories_updated": live_updated,
               "stories_merged": [{"story": a, "into": b} for a, b in merged]}
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    click.echo(f"{totals['added']} of {totals['given']} articles added to {path} "
               f"({totals['duplicates']} grouped as duplicates, {totals['unchanged']} already stored); "
               f"{len(live_created)} new stories, {len(live_updated)} updated, {len(merged)} merged"
               + (f"; {totals['junk']} kept out as junk (`newsbrief stories --junk` lists them)"
                  if totals["junk"] else ""))


def _batches(items: Iterable[Article | Problem], size: int, problems: list[Problem]) -> Iterator[list[Article]]:
    """Articles ``size`` at a time as they are read; each problem is warned about at once and kept."""
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Problem):
            warn_problems([item])
            problems.append(item)
            continue
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def iter_inputs(paths: Sequence[str], settings: Settings) -> Iterator[Article | Problem]:
    """Articles and problems from every input, in order; a JSONL file is streamed, so it may be of any size.

    ``max_input_bytes`` bounds each other file (as for ``brief``) and each record of a JSONL file.
    """
    from newsbrief.ingest.readers import JSONL_SUFFIXES, stream_jsonl

    group: list[str] = []
    for given in [*paths, None]:
        streamed = given is not None and os.path.isfile(given) and Path(given).suffix.lower() in JSONL_SUFFIXES
        if given is not None and not streamed:
            group.append(given)
            continue
        if group:
            articles, problems = read_inputs(group, settings)
            yield from problems
            yield from articles
            group = []
        if streamed:
            yield from stream_jsonl(given, max_record_bytes=settings.max_input_bytes)


def read_inputs(paths: Sequence[str], settings: Settings) -> tuple[list[Article], list[Problem]]:
    """Articles from every input, in order: URLs through ``feeds.read_url``, the rest through ``newsbrief.read``.

    Feed files, given or found in directories, are read as their entries with each entry's page fetched.
    """
    from newsbrief.ingest import feeds

    articles: list[Article] = []
    problems: list[Problem] = []
    for kind, group in _runs(paths):
        if kind == "url":
            source = group[0]
            try:  # one fetch: the body says whether it is a feed or a page
                feed = feeds.read_url(source, settings=settings)
            except InputError as exc:
                problems.append(Problem(source, None, str(exc).removeprefix(f"{source}: ")))
                continue
            articles.extend(feed.articles)
            problems.extend(feed.problems)
            continue
        try:
            result = newsbrief.read(group, settings=settings, stdin=sys.stdin.buffer, fetch_feed_pages=True)
        except EmptyInputError as exc:
            problems.extend(getattr(exc, "problems", ()) or (Problem(", ".join(group), None, str(exc)),))
            continue
        articles.extend(result.articles)
        problems.extend(result.problems)
    return articles, problems


def _runs(paths: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    """Inputs in order, with consecutive non-URL inputs grouped for one ``read`` call."""
    group: list[str] = []
    for path in paths:
        if not path.lower().startswith(("http://", "https://")):
            group.append(path)
            continue
        if group:
            yield "other", group
            group = []
        yield "url", [path]
    if group:
        yield "other", group


def _live(store: newsbrief.Store, story_ids: Sequence[str]) -> list[str]:
    """The ids as they stand now (a story merged later gives the one it joined), each once."""
    out: list[str] = []
    for story_id in story_ids:
        live = store.story(story_id).id
        if live not in out:
            out.append(live)
    return out
