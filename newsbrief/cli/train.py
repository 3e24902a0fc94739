"""``newsbrief train``: fit the learned selection model on clusters with reference summaries."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click


@click.command("train", short_help="Learn from clusters with human summaries what belongs in a brief.",
               epilog="""\b
Examples:
  newsbrief train ../shared/data/multinews_train.jsonl --out model.json
  newsbrief train archive.jsonl --limit 2000 --seed 7 --out newsroom.json
  newsbrief brief a.txt b.txt --model newsroom.json
""")
@click.argument("data", type=click.Path(dir_okay=False, exists=True, allow_dash=False))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Where to write the model file (JSON).")
@click.option("--limit", type=click.IntRange(min=1), help="Train on the first N clusters only.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the concept sample (same seed, "
                                                                     "same data: same model bytes).")
def train_command(data: str, out: str, limit: int | None, seed: int) -> None:
    """Fit a model on DATA: JSONL, one {"documents": [...], "summaries": [...]} cluster a line, optionally
    with "relevant": [true|false per document]. Brief with it by
    `newsbrief brief --model OUT` (or the model setting)."""
    from tqdm import tqdm

    from newsbrief.learn.train import train

    command = shlex.join(["newsbrief", "train", *sys.argv[2:]]) if sys.argv[1:2] == ["train"] else \
        shlex.join(["newsbrief", "train", data, "--out", out, *(["--limit", str(limit)] if limit else []),
                    "--seed", str(seed)])
    with tqdm(total=limit, unit="cluster", disable=not sys.stderr.isatty(), file=sys.stderr,
              dynamic_ncols=True) as bar:
        model = train(data, limit=limit, seed=seed, command=command, progress=lambda n: bar.update(n - bar.n))
    model.save(out)
    facts = model.about["training_data"]
    click.echo(f"newsbrief: trained on {facts['clusters']:,} clusters ({facts['sentences']:,} sentences, "
               f"{facts['documents']:,} articles); wrote {out} ({Path(out).stat().st_size:,} bytes)", err=True)
