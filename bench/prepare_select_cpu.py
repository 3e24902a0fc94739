"""CPU of preparing and selecting one brief, the minimum of several runs: steady under a loaded machine.

    PYTHONPATH=<tree> .venv/bin/python bench/prepare_select_cpu.py    # 25 DUC 2004 dev clusters

The newsbrief imported is the one on PYTHONPATH (this script does not put its own tree first), so one copy of it
measures any tree that has these functions. Contention on shared cores only adds CPU time, so the
minimum of 7 runs estimates the work itself better than a mean or a median. The junk-sentence cache is
emptied before each run: a server prepares articles it has not seen.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from newsbrief import pipeline
from newsbrief.datatypes import Article, Budget
from newsbrief.ingest import junk_sentences
from newsbrief.registry import methods
from newsbrief.represent.prepared import prepare

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def _least_ms(work: Callable[[], object], per: int, runs: int = 7) -> float:
    least = float("inf")
    for _ in range(runs):
        junk_sentences._short_junk_kind.cache_clear()
        began = time.process_time()
        work()
        least = min(least, time.process_time() - began)
    return round(1000 * least / per, 2)


def main() -> None:
    with open(DATA / "duc2004_dev.jsonl", encoding="utf-8") as fh:
        clusters = [[Article.make(d) for d in json.loads(line)["documents"][:10]] for line in fh]
    selector, budget = methods.create("concepts.v3"), Budget.parse("100w")
    texts = [s.text for c in clusters for s in prepare(c).sentences]
    n = len(clusters)
    print(json.dumps({
        "junk_kind, every sentence once": _least_ms(lambda: [junk_sentences.junk_kind(t) for t in texts], n),
        "prepare (clean, segment, junk, tokens)": _least_ms(lambda: [prepare(c) for c in clusters], n),
        "prepare + select (_pick)": _least_ms(
            lambda: [pipeline._pick(selector, prepare(c), budget, truncate=False) for c in clusters], n),
    }))


if __name__ == "__main__":
    main()
