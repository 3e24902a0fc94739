"""``newsbrief evaluate``: ROUGE of newsbrief and its peers on clusters with human summaries."""

from __future__ import annotations

import sys
from functools import partial
from itertools import islice

import click

import newsbrief
from newsbrief.cli.options import check_model_file, model_option, settings_from
from newsbrief.errors import BudgetError, UnknownAlgorithmError

SYSTEMS_HELP = ("Comma list of: newsbrief, newsbrief:<method>, newsbrief-generic, lead, lexrank, textrank, lsa, "
                "oracle.")


def _count_clusters(path: str, limit: int | None) -> int | None:
    """Non-blank lines of the data file, for the progress bar (stops counting at ``limit``)."""
    with open(path, "rb") as handle:
        return sum(1 for line in islice((x for x in handle if x.strip()), limit))


@click.command("evaluate", short_help="Score newsbrief and its peers by ROUGE against human summaries.",
               epilog="""\b
Examples:
  newsbrief evaluate --data ../shared/data/duc2004_dev.jsonl --words 100 --measure recall \\
      --systems newsbrief,lead,lexrank,textrank,oracle
  newsbrief evaluate --data ../shared/data/multinews_dev.jsonl --words 300 --limit 100 \\
      --json eval.json --plot eval.png
  newsbrief evaluate --data ../shared/data/duc2006_dev.jsonl --words 250 --measure recall \\
      --systems newsbrief,lead,lexrank
""")
@click.option("--data", "data", required=True, type=click.Path(dir_okay=False, exists=True),
              help='Cluster JSONL with references: {"id", "documents": [...], "summaries": [...]} a line.')
@click.option("--limit", type=click.IntRange(min=1), help="Evaluate only the first N clusters.")
@click.option("--words", "-w", type=click.IntRange(min=1), help="Cut every summary to N words (default 100).")
@click.option("--bytes", "bytes_", type=click.IntRange(min=1), help="Cut every summary to N UTF-8 bytes.")
@click.option("--measure", type=click.Choice(["f", "recall"]), default="f", show_default=True,
              help="Report ROUGE F1 or recall.")
@click.option("--systems", default="newsbrief,lead,lexrank,textrank,lsa,oracle", show_default=True,
              help=SYSTEMS_HELP)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write the figures (percent) and per-cluster scores as JSON.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write a PNG: scores with intervals, and per-cluster distributions.")
@click.option("--seed", type=int, default=20240601, show_default=True, help="Seed of the bootstrap.")
@click.option("--ignore-query", is_flag=True,
              help='Brief generically also the clusters with a "query" key (by default newsbrief answers '
                   "it, and newsbrief-generic is added to compare).")
@partial(model_option, help="A model file from `newsbrief train` for the systems newsbrief:learned.v1 and "
                             "newsbrief-generic:learned.v1; default: the model setting, else the shipped model. "
                             "A file that cannot be used is an error.")
def evaluate_command(data: str, limit: int | None, words: int | None, bytes_: int | None, measure: str,
                     systems: str, json_path: str | None, plot_path: str | None, seed: int,
                     ignore_query: bool, model: str | None = None) -> None:
    """Score systems against the human summaries of --data, all cut to the same length.

    Prints a table of ROUGE-1, ROUGE-2 and ROUGE-Lsum (stemmed; mean over
    references) with 95% bootstrap intervals, each system's time, and the
    paired difference of newsbrief against each other system.
    """
    from tqdm import tqdm

    if model:
        check_model_file(model)
    path = model or settings_from(None).model  # newsbrief:learned.v1 reads --model, else the model setting
    if path:
        from newsbrief.select.learned import use_model

        use_model(path)
    try:
        budget = newsbrief.Budget.from_options(words=words, bytes=bytes_)
    except BudgetError as exc:
        raise click.UsageError(str(exc).replace("give one budget", "give one of --words, --bytes")) from None
    total = _count_clusters(data, limit) if sys.stderr.isatty() else None
    with tqdm(total=total, unit="cluster", disable=not sys.stderr.isatty(), file=sys.stderr,
              dynamic_ncols=True) as bar:
        try:
            result = newsbrief.evaluate(data, systems=systems, budget=budget, measure=measure, limit=limit,
                                        seed=seed, progress=lambda _: bar.update(), ignore_query=ignore_query)
        except UnknownAlgorithmError as exc:
            raise click.BadParameter(str(exc), param_hint="'--systems'") from None
    click.echo(result.to_table())
    if result.skipped:  # the clusters were scored without these documents
        more = f" (and {len(result.skipped) - 1} more; see \"skipped_documents\" with --json)" \
            if len(result.skipped) > 1 else ""
        click.echo(f"newsbrief: warning: {result.skipped[0]}{more}", err=True)
    if json_path:
        with open(json_path, "w", encoding="utf-8") as handle:
            handle.write(result.to_json() + "\n")
    if plot_path:
        result.plot(plot_path)
    saved = [p for p in (json_path, plot_path) if p]
    if saved:
        click.echo(f"newsbrief: wrote {' and '.join(saved)}", err=True)
    else:
        click.echo("newsbrief: note: add --json OUT.json and --plot OUT.png to save the figures", err=True)
