"""``newsbrief batch``: brief every cluster of a JSONL file (or every story of a store), one JSON line each."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsbrief.cli.options import budget_from, budget_options, method_with_model, model_option, settings_from
from newsbrief.cli.stories import SINCE_HELP, db_path, parse_since

if TYPE_CHECKING:
    from newsbrief.batch import BatchSummary


def _count_lines(path: str) -> int | None:
    """Lines in the input, for the progress bar's total (None for stdin)."""
    if path == "-":
        return None
    count, last = 0, b"\n"
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def _validate(in_path: str | None, db: str | None, stories: str | None, engine: str, scheduler: str | None) -> None:
    """The cross-option checks: one input (IN.jsonl or --stories), a known engine, a scheduler only for dask."""
    from newsbrief.engines import engines, scheduler_address
    from newsbrief.errors import ConfigError

    if in_path is not None and stories is not None:
        raise click.UsageError("give IN.jsonl or --stories (the stories of a store), not both")
    if db is not None and stories is None:
        raise click.UsageError("--db is read with --stories: give --stories all or a comma list of story ids")
    if in_path is None and stories is None:
        raise click.UsageError("give IN.jsonl (a cluster file, or - for stdin), or --stories all --db FILE")
    if engine not in engines:
        raise click.UsageError(f"unknown engine {engine!r}; available: {', '.join(engines.names())}")
    if scheduler is not None:
        if engine != "dask":
            raise click.UsageError("--scheduler needs --engine dask (the local engine runs on this machine)")
        try:
            scheduler_address(scheduler)
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from None


def _story_ids(stories: str) -> list[str] | None:
    """``--stories``: None for all, else the listed ids (empty items dropped)."""
    if stories.strip().lower() == "all":
        return None
    ids = [item.strip() for item in stories.split(",") if item.strip()]
    if not ids:
        raise click.UsageError("--stories needs all or a comma list of story ids")
    return ids


@click.command("batch", short_help="Brief every cluster of a JSONL file, one JSON line each.", epilog="""\b
Examples:
  newsbrief batch clusters.jsonl --out briefs.jsonl --words 100
  newsbrief batch clusters.jsonl --out briefs.jsonl --sections none --truncate --workers 2
  newsbrief batch clusters.jsonl --out briefs.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
  newsbrief batch clusters.jsonl --out briefs.jsonl --resume     # go on after Ctrl-C or a crash
  newsbrief batch --db news.db --stories all --out briefs.jsonl --engine dask --workers 2
  newsbrief batch --db news.db --stories all --since 1d --out updates.jsonl
""")
@click.argument("in_path", metavar="[IN.jsonl]", required=False,
                type=click.Path(dir_okay=False, allow_dash=True, exists=True))
@click.option("--out", "-o", "out_path", required=True, metavar="OUT.jsonl",
              type=click.Path(dir_okay=False, writable=True),
              help="Where the briefs go, one JSON line per cluster; failures go to OUT.errors.jsonl.")
@budget_options
@click.option("--explain", is_flag=True, help="Also report in each brief what cleaning removed.")
@click.option("--ignore-query", is_flag=True,
              help='Brief every cluster generically, also those with a "query" key (focused briefs otherwise).')
@click.option("--engine", default="local", show_default=True, metavar="local|dask",
              help="Where the briefs run: local (a process pool on this machine) or dask (a Dask cluster).")
@click.option("--workers", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per CPU); with --scheduler, the workers to wait for.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="A running Dask scheduler (with --engine dask; default: start a local cluster).")
@click.option("--resume", is_flag=True,
              help="Skip the clusters whose ids are already in OUT.jsonl and append the rest.")
@click.option("--db", type=click.Path(dir_okay=False),
              help="The store that --stories reads (default: newsbrief.db in the data directory).")
@click.option("--stories", metavar="all|ID,...",
              help="Brief stories of the store instead of IN.jsonl: all (newest first) or a comma list of ids.")
@click.option("--since", help="With --stories: update briefs of what is new since then, for the stories with "
              "an article since then (not saved into the store). " + SINCE_HELP)
@click.option("--save/--no-save", default=True, show_default=True,
              help="With --stories: also save each brief back into the store, where the API serves it "
                   "until the story changes.")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="A TOML settings file.")
@model_option
def batch_command(in_path: str | None, out_path: str, words: int | None, sentences: int | None,
                  bytes_: int | None, truncate: bool, method: str | None, sections: str | None, explain: bool,
                  ignore_query: bool, engine: str, workers: int, scheduler: str | None, resume: bool, db: str | None,
                  stories: str | None, since: str | None, save: bool, config: str | None,
                  model: str | None = None) -> None:
    """Brief each cluster of IN.jsonl ({"id", "documents": [...]} a line, or - for stdin).

    Writes the newsbrief.brief/1 JSON of each cluster, with its "id", in input
    order; a cluster with a "query" key gets a brief focused on it. A line
    that cannot be briefed goes to OUT.errors.jsonl as
    {"line", "id", "error"} and the run goes on; the exit status is 1 only if
    no cluster was briefed. Each line is written whole: after Ctrl-C, SIGTERM or
    a crash, --resume finishes the file as one run would have written it.
    """
    from tqdm import tqdm

    from newsbrief.batch import BatchInterrupted, BatchOptions, iter_tasks, write_tasks

    _validate(in_path, db, stories, engine, scheduler)
    from newsbrief.batch import errors_path_for
    from newsbrief.ingest.outputs import check_not_input

    inputs = [in_path, db_path(db, config) if stories is not None else None]
    check_not_input(out_path, inputs)
    check_not_input(errors_path_for(out_path), inputs, what="the errors file")
    if since is not None and stories is None:
        raise click.UsageError("--since needs --stories (update briefs of stored stories)")
    since_time = parse_since(since)
    story_ids = _story_ids(stories) if stories is not None else None
    settings = settings_from(config)
    method = method_with_model(method, model, settings)
    options = BatchOptions(budget=budget_from(words, sentences, bytes_, settings),
                           method=method, sections=sections, truncate=truncate,
                           explain=explain, ignore_query=ignore_query)
    unit = "clusters" if stories is None else "stories"
    with tqdm(total=_count_lines(in_path) if in_path else None, unit="cluster" if stories is None else "story",
              disable=not sys.stderr.isatty(), file=sys.stderr, dynamic_ncols=True) as bar:
        run = {"out_path": out_path, "options": options, "engine": engine, "workers": workers,
               "scheduler": scheduler, "resume": resume, "progress": lambda _: bar.update()}
        try:
            if in_path is not None:
                summary = write_tasks(iter_tasks(in_path), **run)
            else:
                summary = _write_stories(db_path(db, config), story_ids, run, since=since_time,
                                         save=save and since_time is None)
        except BatchInterrupted as stop:
            bar.close()
            done = stop.summary
            click.echo(f"newsbrief: interrupted ({stop}); {done.succeeded + done.skipped} {unit} in "
                       f"{done.out_path}, every line whole; run the same command with --resume to finish",
                       err=True)
            sys.exit(128 + stop.signum)
    if summary.repaired:
        click.echo(f"newsbrief: note: cut a truncated last line ({summary.repaired} bytes) off {summary.out_path}; "
                   "it was briefed again", err=True)
    total = summary.succeeded + summary.failed
    message = f"newsbrief: {summary.succeeded} of {total} {unit} briefed into {summary.out_path}"
    if resume:
        message += f" ({summary.skipped} already there, skipped)"
    if summary.failed:
        message += f"; {summary.failed} failed (see {summary.errors_path})"
    click.echo(message, err=True)
    if summary.succeeded + summary.skipped == 0:
        sys.exit(1)


def _write_stories(db: Path, story_ids: list[str] | None, run: dict[str, Any], *, since: datetime | None,
                   save: bool) -> BatchSummary:
    """Brief stories of the store on the engine: this process reads them, writes every line and saves the briefs."""
    import newsbrief
    from newsbrief.batch import SaveBriefs, iter_story_tasks, write_tasks

    with newsbrief.Store(db, readonly=not save) as store:
        if not save:
            return write_tasks(iter_story_tasks(store, story_ids, since=since), **run)
        saver = SaveBriefs(store, run["options"])
        show = run["progress"]

        def progress(result: Any) -> None:
            show(result)
            saver(result)

        try:
            return write_tasks(iter_story_tasks(store, story_ids), **{**run, "progress": progress})
        finally:
            saver.flush()
            if saver.error is not None:
                click.echo(f"newsbrief: warning: briefs not saved into the store: {saver.error}", err=True)
            elif saver.saved:
                click.echo(f"newsbrief: saved {saver.saved} brief(s) into {db}", err=True)
