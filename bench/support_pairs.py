"""Support judged pair by pair: ``represent/facts.judge`` on every support label read by hand (issue 23).

    PYTHONPATH=. .venv/bin/python bench/support_pairs.py --split tune            # this tree
    PYTHONPATH=/work/main .venv/bin/python bench/support_pairs.py --split tune   # another tree
    ... --show contradicts/full                                                  # list the pairs of one cell

``trust_bench.py --labels`` scores only the spans a brief shows that the labels
name exactly, so a citation moved to another span drops out of its count. This
asks the judge about every labelled (brief text, cited span) pair instead,
whatever today's brief would cite, and prints a table: label (rows) against
verdict (columns). A ``contradicts`` verdict means the span would not be cited
or agreed; ``partial`` that it would be marked partial. It runs in seconds, so
it is the loop to tune on (``--split tune``); report ``check`` once.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from newsbrief.represent.facts import judge, read_facts

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("full", "partial", "contradicts", "unrelated")
VERDICTS = ("full", "partial", "contradicts")


def confusion(rows: list[dict], show: str | None = None) -> Counter:
    """(label, verdict) counts over ``rows``; prints the pairs of the ``show`` cell ("label/verdict")."""
    table: Counter = Counter()
    for row in rows:
        verdict = judge(read_facts(row["text"]), read_facts(row["cited"]["text"]))
        table[(row["label"], verdict.status)] += 1
        if show == f"{row['label']}/{verdict.status}":
            print(f"{row['id']}: lacks={list(verdict.lacks)} against={verdict.against}\n  text: {row['text']}\n"
                  f"  span: {row['cited']['text']}\n  note: {row.get('note', '')}")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=ROOT / "bench" / "labels" / "support.jsonl")
    parser.add_argument("--split", choices=("tune", "check", "all"), default="tune")
    parser.add_argument("--show", default=None, help="list the pairs of one cell, e.g. contradicts/full")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.labels.read_text("utf-8").splitlines() if line]
    rows = [r for r in rows if r["labelled_by"] == "read" and args.split in ("all", r["split"])]
    table = confusion(rows, args.show)
    print(f"{len(rows)} read labels ({args.split}); rows: label, columns: verdict")
    print("| label | " + " | ".join(VERDICTS) + " |")
    print("| --- | " + " | ".join("---:" for _ in VERDICTS) + " |")
    for label in LABELS:
        print(f"| {label} | " + " | ".join(str(table[(label, v)]) for v in VERDICTS) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
