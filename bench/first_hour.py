"""Figures of "First hour (issue 26)" in bench/RESULTS.md.

    python bench/first_hour.py lines [DATA]    # lines of text output, every item vs the default caps
    python bench/first_hour.py stream FILE     # peak RSS and CPU of reading a JSONL file as ingest does

Run each in its own process: ``stream`` reports the process's peak RSS.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time


def lines(data: str = "../shared/data/duc2004_dev.jsonl") -> None:
    import newsbrief
    from newsbrief.render.common import limits
    from newsbrief.render.text import render_text

    every, default = [], []
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            docs = [d for d in json.loads(line)["documents"] if d.strip()]
            result = newsbrief.brief(docs, budget="100w")
            every.append(render_text(result, shown=limits(0)).count("\n"))
            default.append(render_text(result).count("\n"))
    print(f"{len(every)} clusters; lines with every item: median {statistics.median(every)}, most {max(every)}; "
          f"default caps: median {statistics.median(default)}, most {max(default)}")


def stream(path: str) -> None:
    from newsbrief.cli.ingest import iter_inputs
    from newsbrief.settings import load_settings

    start = time.process_time()
    count = sum(1 for _ in iter_inputs([path], load_settings(None)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{path}: {count} items, {time.process_time() - start:.1f} CPU s, {peak} MiB peak RSS")


if __name__ == "__main__":
    {"lines": lines, "stream": stream}[sys.argv[1]](*sys.argv[2:])
