"""Trust in a brief's cross-source claims: citations, agreed items and conflicts (issue 23).

    PYTHONPATH=. .venv/bin/python bench/trust_bench.py                  # this tree
    PYTHONPATH=/work/main .venv/bin/python bench/trust_bench.py         # another tree, same measures
    ... --limit 20 --dump conflicts.jsonl                               # a subset; every conflict shown, to read

The code measured is whatever ``newsbrief`` the PYTHONPATH gives, so the same
script measures today's tree and a changed one.

Automatic measure (no labels): over the dev clusters (full-text Multi-News at
150 words, DUC 2004 at 100 words), every citation of a number-bearing brief
sentence by another source, and every span of a number-bearing agreed item
other than the item's own, is sorted by the numbers its text gives against the
sentence's (a plain extractor written here, independent of ``newsbrief``:
digits, number words, scale words; years and "one" left out):

- ``other``: the span gives a number the sentence does not, and lacks one it gives
  (a source cited for a figure it does not state, or states differently);
- ``none``: the span gives no number at all (partial support at best);
- ``same``: every number of the sentence is in the span.

With labels (``bench/labels/support.jsonl`` and ``disagreements.jsonl`` of the
labelling session, read from ``--labels``), conflict recall/precision and support
precision are scored too; see :func:`score_labels`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import newsbrief
from newsbrief.datatypes import Article

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SETS = (("multinews_dev_fulltext.jsonl", "150w"), ("duc2004_dev.jsonl", "100w"))
SECTIONS = ("agreement", "conflicts")

_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "dozen": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(thousand|million|billion|trillion))?"
                     r"|\b(" + "|".join(_WORDS) + r")\b(?:\s+(thousand|million|billion|trillion))?", re.IGNORECASE)


def numbers(text: str) -> set[float]:
    """The numbers a text gives, normalised ("a dozen" = 12, "1.2 million" = 1200000); no years."""
    out = set()
    for m in _NUMBER.finditer(text):
        if m.group(1):
            digits = m.group(1).replace(",", "")
            value = float(digits)
            if len(digits) == 4 and digits.isdigit() and 1900 <= value <= 2099 and not m.group(2):
                continue
            value *= _SCALES.get((m.group(2) or "").lower(), 1.0)
        else:
            value = _WORDS[m.group(3).lower()] * _SCALES.get((m.group(4) or "").lower(), 1.0)
        out.add(round(value, 6))
    return out


def classify(sentence: set[float], span: set[float]) -> str:
    if sentence <= span:
        return "same"
    if not span:
        return "none"
    if span - sentence:
        return "other"
    return "subset"  # some of the sentence's numbers, nothing else: partial


def load(file: str, limit: int | None) -> list[dict]:
    rows = []
    with open(DATA / file, encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def run(limit: int | None, dump: Path | None) -> dict:
    tallies: dict[str, Counter] = defaultdict(Counter)
    kinds: Counter = Counter()
    updates = disputed = partial_citations = citations = 0
    examples: list[str] = []
    out = dump.open("w", encoding="utf-8") if dump else None
    started = time.process_time()
    n_clusters = 0
    for file, budget in SETS:
        for row in load(file, limit):
            n_clusters += 1
            articles = [Article.make(t, id=f"d{i}") for i, t in enumerate(row["documents"])]
            brief = newsbrief.brief(articles, budget=budget, sections=SECTIONS)
            texts = [a.text for a in brief.sources]
            for s in brief.sentences:
                own = numbers(s.text)
                for c in s.citations[1:]:
                    citations += 1
                    partial_citations += bool(getattr(c, "lacks", ()))
                    if own:
                        verdict = classify(own, numbers(texts[c.source - 1][c.start:c.end]))
                        tallies["citations"][verdict] += 1
                        if verdict == "other" and len(examples) < 15:
                            examples.append(f"{row['id']}: {s.text[:120]!r} <- [{c.source}] "
                                            f"{texts[c.source - 1][c.start:c.end][:120]!r}")
                disputed += bool(getattr(s, "disputes", ()))
            for fact in brief.agreement:
                own = numbers(fact.text)
                if not own:
                    continue
                for span in fact.spans:
                    if span.text != fact.text:
                        tallies["agreed"][classify(own, numbers(span.text))] += 1
            for c in brief.conflicts:
                kinds[c.kind] += 1
                if out:
                    out.write(json.dumps({"cluster": row["id"], "kind": c.kind, "a": c.first_value,
                                          "b": c.second_value, "a_text": c.first.text,
                                          "b_text": c.second.text, "a_source": c.first.source,
                                          "b_source": c.second.source}, ensure_ascii=False) + "\n")
            updates += len(getattr(brief, "updates", ()))
    if out:
        out.close()
    result = {"clusters": n_clusters, "cpu_s": round(time.process_time() - started, 1),
              "citations": citations, "partial_citations": partial_citations,
              "disputed_sentences": disputed, "conflicts": dict(kinds), "updates": updates}
    for what in ("citations", "agreed"):
        t = tallies[what]
        n = sum(t.values())
        result[what + "_number_bearing"] = n
        result[what + "_other"] = t["other"]
        result[what + "_none"] = t["none"]
        result[what + "_other_share"] = round(t["other"] / n, 4) if n else 0.0
    n = result["citations_number_bearing"] + result["agreed_number_bearing"]
    result["other_share_all"] = round((result["citations_other"] + result["agreed_other"]) / n, 4) if n else 0.0
    result["examples"] = examples
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="clusters per dev set (default: all)")
    parser.add_argument("--dump", type=Path, default=None, help="write every conflict shown here (JSON lines)")
    args = parser.parse_args(argv)
    print(f"newsbrief from {Path(newsbrief.__file__).parent}", file=sys.stderr)
    print(json.dumps(run(args.limit, args.dump), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
