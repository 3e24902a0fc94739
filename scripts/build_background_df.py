"""Build ``newsbrief/resources/background_df.txt``: how many news articles use each term.

Telling a small pile of articles apart into stories needs to know which words
are common in news at large: inside ten articles about one event the event's
own words are in every article, so an inverse document frequency taken from
the pile alone weighs them least. This table counts, for each stemmed content
term, the articles of the Multi-News training split whose first 300 words
(what the story clusterer reads) contain it. Terms in fewer than 3 articles
are left out (they are rare anyway; the table stays ~0.4 MB). Only clusters
0-14,999 are counted (``--clusters``): 15,000-19,999 are the story bench's
(19,000-19,499 its held-out set), and the store weighs undated articles with
this table too.

Run: ``make background-df`` (deterministic: the same input gives the same file).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

from newsbrief.cluster.features import MAX_WORDS
from newsbrief.represent.tokens import content_terms

ROOT = Path(__file__).resolve().parents[1]
MIN_DF = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "multinews_train.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "newsbrief" / "resources" / "background_df.txt")
    parser.add_argument("--clusters", default="0:15000", help="cluster lines to count (start:stop)")
    args = parser.parse_args()
    start, stop = (int(x) for x in args.clusters.split(":"))
    df: Counter[str] = Counter()
    documents = 0
    digest = hashlib.sha256()
    with args.data.open("rb") as lines:
        for number, line in enumerate(lines):
            digest.update(line)
            if not start <= number < stop:
                continue
            for text in json.loads(line)["documents"]:
                if text.strip():
                    df.update(set(content_terms(" ".join(text.split()[:MAX_WORDS]))))
                    documents += 1
    kept = sorted((term, n) for term, n in df.items() if n >= MIN_DF)
    header = [f"# Document frequencies of stemmed content terms in the first {MAX_WORDS} words of {documents} "
              f"articles of {args.data.name}, clusters {start}-{stop - 1}",
              f"# (sha256 {digest.hexdigest()[:16]}; Multi-News: non-commercial research use). Terms in fewer than "
              f"{MIN_DF} articles left out.",
              "# Made by scripts/build_background_df.py (make background-df); rebuild when the stop words change.",
              f"documents\t{documents}"]
    args.out.write_text("\n".join(header + [f"{term}\t{n}" for term, n in kept]) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(kept)} terms from {documents} articles")


if __name__ == "__main__":
    main()
