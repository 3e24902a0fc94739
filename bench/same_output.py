"""Dump every dev brief's JSON (all sections, ``--explain``), so a speed change can show it changed nothing.

    PYTHONPATH=. .venv/bin/python bench/same_output.py --out /tmp/before.jsonl
    ... change the code ...
    PYTHONPATH=. .venv/bin/python bench/same_output.py --out /tmp/after.jsonl --against /tmp/before.jsonl

The briefs: the 25 DUC 2004 dev clusters at 100 words and the first 30 full-text
Multi-News dev clusters at 300 words (the default method, every section), plus the
first 5 DUC clusters through the other paths a pure speed change could touch
(``learned.v1``, ``--truncate``, a sentence budget, a focused query). One JSON line
per brief, as ``newsbrief brief --format json --explain`` renders it; ``--against``
names the first brief that differs and exits 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data"


def _clusters(name: str, limit: int) -> list[list[str]]:
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line)["documents"] for line in fh][:limit]


def cases() -> Iterator[tuple[str, list[str], dict[str, Any]]]:
    """(label, article texts, brief options) for every brief compared."""
    duc = _clusters("duc2004_dev.jsonl", 25)
    for k, docs in enumerate(duc):
        yield f"duc2004/{k}", docs, {"budget": "100w"}
    for k, docs in enumerate(_clusters("multinews_dev_fulltext.jsonl", 30)):
        yield f"multinews-fulltext/{k}", docs, {"budget": "300w"}
    for k, docs in enumerate(duc[:5]):
        yield f"duc2004-learned/{k}", docs, {"budget": "100w", "method": "learned.v1"}
        yield f"duc2004-truncate/{k}", docs, {"budget": "100w", "truncate": True}
        yield f"duc2004-3s/{k}", docs, {"budget": "3s"}
        words = docs[0].split()[:6]  # the lead's first words, as a reader's topic
        yield f"duc2004-query/{k}", docs, {"budget": "60w", "query": " ".join(words)}


def dump(out: Path) -> dict[str, str]:
    """Write one ``{"case", "json"}`` line per brief to ``out``; the digest of each brief's JSON."""
    import newsbrief
    from newsbrief import render_json

    digests = {}
    with open(out, "w", encoding="utf-8") as fh:
        for label, docs, options in cases():
            text = render_json(newsbrief.brief(docs, **options), explain=True)
            digests[label] = hashlib.sha256(text.encode()).hexdigest()
            fh.write(json.dumps({"case": label, "json": text}) + "\n")
    return digests


def _first_difference(before: Path, after: Path) -> str | None:
    with open(before, encoding="utf-8") as a, open(after, encoding="utf-8") as b:
        old = [json.loads(line) for line in a]
        new = [json.loads(line) for line in b]
    if len(old) != len(new):
        return f"{len(old)} briefs before, {len(new)} after"
    for x, y in zip(old, new, strict=True):
        if x != y:
            return x["case"]
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where the briefs' JSON lines go")
    parser.add_argument("--against", type=Path, help="an earlier --out file to compare with")
    args = parser.parse_args()
    digests = dump(args.out)
    whole = hashlib.sha256("".join(digests.values()).encode()).hexdigest()[:16]
    print(f"{len(digests)} briefs, digest {whole}")
    if args.against:
        differs = _first_difference(args.against, args.out)
        print("same JSON" if differs is None else f"DIFFERENT, first at {differs}")
        sys.exit(0 if differs is None else 1)


if __name__ == "__main__":
    main()
