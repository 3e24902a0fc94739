"""``newsbrief stories``: list the stories of a store (and the ``--since`` parsing the store commands share)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

import newsbrief
from newsbrief.cli.options import settings_from

_AGE = re.compile(r"\s*(\d+)\s*(m|min|h|d|w)\s*", re.IGNORECASE)
_AGE_UNITS = {"m": 60, "min": 60, "h": 3600, "d": 86_400, "w": 604_800}
SINCE_HELP = "A date (2024-05-01), a time (2024-05-01T14:30Z) or an age (90m, 6h, 2d, 1w ago)."


def parse_since(value: str | None, *, now: datetime | None = None) -> datetime | None:
    """The time a ``--since`` value names (UTC when it gives no zone).

    Raises:
        click.BadParameter: the value is neither a date, a time nor an age.
    """
    if value is None:
        return None
    age = _AGE.fullmatch(value)
    if age:
        seconds = int(age.group(1)) * _AGE_UNITS[age.group(2).lower()]
        return (now or datetime.now(UTC)) - timedelta(seconds=seconds)
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"cannot read {value!r}; give a date (2024-05-01), a time (2024-05-01T14:30Z) "
                                 "or an age (90m, 6h, 2d, 1w)", param_hint="--since") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def db_path(db: str | None, config: str | None) -> Path:
    """The store to use: ``--db``, else the settings' ``db`` (NEWSBRIEF_HOME / NEWSBRIEF_DB move it)."""
    return Path(db) if db else settings_from(config).db_path


# A story of hundreds of articles is one line of hundreds of ids otherwise; `--format json` lists them all.
LISTED = 8


def _listed(names: tuple[str, ...] | list[str]) -> str:
    """The first LISTED names, then "… and N more"."""
    shown = ", ".join(names[:LISTED])
    return shown + (f", … and {len(names) - LISTED:,} more" if len(names) > LISTED else "")


def _format_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


@click.command("stories", epilog="""\b
Examples:
  newsbrief stories --db news.db
  newsbrief stories --db news.db --since 2d --format json
  newsbrief stories --db news.db --junk
""")
@click.option("--db", type=click.Path(dir_okay=False), help="The store (default: newsbrief.db in the data directory).")
@click.option("--since", help="Only stories with an article since then. " + SINCE_HELP)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--junk", is_flag=True,
              help="List the pages kept out of stories instead (cookie walls, notices, link lists: never briefed).")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="A TOML settings file.")
def stories_command(db: str | None, since: str | None, fmt: str, junk: bool, config: str | None) -> None:
    """List the stories of a store: id, title, articles, sources, first and last seen (newest first)."""
    cutoff = parse_since(since)
    with newsbrief.Store(db_path(db, config), readonly=True) as store:
        infos = store.stories(since=cutoff, junk=junk)
    if fmt == "json":
        click.echo(json.dumps([info.to_dict() for info in infos], ensure_ascii=False, indent=2))
        return
    if not infos:
        click.echo(f"newsbrief: note: no {'junk pages' if junk else 'stories'}"
                   + (f" since {cutoff.isoformat()}" if cutoff else ""), err=True)
    for info in infos:
        count = len(info.article_ids)
        dups = f", {info.duplicates} duplicate{'s' * (info.duplicates != 1)}" if info.duplicates else ""
        click.echo(f"{info.id}  {info.title}")
        click.echo(f"  {count} article{'s' * (count != 1)}{dups}; {_format_time(info.first_seen)} – "
                   f"{_format_time(info.last_seen)}; sources: {_listed(info.sources) or 'unknown'}")
        click.echo(f"  articles: {_listed(info.article_ids)}")
