"""``newsbrief batch``: brief every cluster of a JSONL file, one JSON line per cluster."""

from __future__ import annotations

import sys

import click

from newsbrief.cli.options import budget_from, budget_options, settings_from


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


@click.command("batch", short_help="Brief every cluster of a JSONL file, one JSON line each.", epilog="""\b
Examples:
  newsbrief batch clusters.jsonl --out briefs.jsonl --words 100
  newsbrief batch clusters.jsonl --out briefs.jsonl --sections none --truncate --workers 2
""")
@click.argument("in_path", metavar="IN.jsonl", type=click.Path(dir_okay=False, allow_dash=True, exists=True))
@click.option("--out", "-o", "out_path", required=True, metavar="OUT.jsonl",
              type=click.Path(dir_okay=False, writable=True),
              help="Where the briefs go, one JSON line per cluster; failures go to OUT.errors.jsonl.")
@budget_options
@click.option("--explain", is_flag=True, help="Also report in each brief what cleaning removed.")
@click.option("--workers", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per CPU).")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="A TOML settings file.")
def batch_command(in_path: str, out_path: str, words: int | None, sentences: int | None, bytes_: int | None,
                  truncate: bool, method: str | None, sections: str | None, explain: bool, workers: int,
                  config: str | None) -> None:
    """Brief each cluster of IN.jsonl ({"id", "documents": [...]} a line, or - for stdin).

    Writes the newsbrief.brief/1 JSON of each cluster, with its "id", in input
    order. A line that cannot be briefed goes to OUT.errors.jsonl as
    {"line", "id", "error"} and the run goes on; the exit status is 1 only if
    no cluster was briefed.
    """
    from tqdm import tqdm

    from newsbrief.batch import BatchOptions, write_batch

    settings = settings_from(config)
    options = BatchOptions(budget=budget_from(words, sentences, bytes_, settings),
                           method=method or settings.method, sections=sections, truncate=truncate,
                           explain=explain)
    with tqdm(total=_count_lines(in_path), unit="cluster", disable=not sys.stderr.isatty(),
              file=sys.stderr, dynamic_ncols=True) as bar:
        summary = write_batch(in_path, out_path, options, workers=workers, progress=lambda _: bar.update())
    total = summary.succeeded + summary.failed
    message = f"newsbrief: {summary.succeeded} of {total} clusters briefed into {summary.out_path}"
    if summary.failed:
        message += f"; {summary.failed} failed (see {summary.errors_path})"
    click.echo(message, err=True)
    if summary.succeeded == 0:
        sys.exit(1)
