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

Both readers are reported side by side: the plain one above (``*_other_share``) and
the careful one of ``bench/number_reader.py`` (``careful_*``), which reads figures as
the issue defines them (rounding, hedged round figures and unit conversions equal;
phone numbers, clock times, dates and figures restated in brackets not counts).

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
from datetime import datetime
from pathlib import Path

import number_reader  # bench/, next to this script (sys.path[0]); not newsbrief's own reader

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
            pairs = []  # (what, sentence, span) of every citation by another source and every other agreed span
            for s in brief.sentences:
                for c in s.citations[1:]:
                    citations += 1
                    partial_citations += bool(getattr(c, "lacks", ()))
                    pairs.append(("citations", s.text, texts[c.source - 1][c.start:c.end], c.source))
                disputed += bool(getattr(s, "disputes", ()))
            for fact in brief.agreement:
                pairs += [("agreed", fact.text, span.text, span.source) for span in fact.spans
                          if span.text != fact.text]
            for what, text, span, source in pairs:
                plain, careful = _sort(text, span)
                if plain:
                    tallies[what][plain] += 1
                if careful:
                    tallies["careful_" + what][careful] += 1
                if "other" in (plain, careful):
                    examples.append({"cluster": row["id"], "what": what, "plain": plain, "careful": careful,
                                     "sentence": text, "source": source, "span": span})
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
    for prefix in ("", "careful_"):
        for what in ("citations", "agreed"):
            t = tallies[prefix + what]
            n = sum(t.values())
            result[prefix + what + "_number_bearing"] = n
            result[prefix + what + "_other"] = t["other"]
            result[prefix + what + "_none"] = t["none"]
            result[prefix + what + "_other_share"] = round(t["other"] / n, 4) if n else 0.0
        n = result[prefix + "citations_number_bearing"] + result[prefix + "agreed_number_bearing"]
        other = result[prefix + "citations_other"] + result[prefix + "agreed_other"]
        result[prefix + "other_share_all"] = round(other / n, 4) if n else 0.0
    result["examples"] = examples  # every pair either reader sorts as ``other``, to read
    return result


def _sort(sentence: str, span: str) -> tuple[str | None, str | None]:
    """The pair's class by the plain reader and by the careful one (None: the sentence gives no figure)."""
    own = numbers(sentence)
    plain = classify(own, numbers(span)) if own else None
    careful_own = number_reader.figures(sentence)
    careful = number_reader.classify(careful_own, number_reader.figures(span)) if careful_own else None
    return plain, careful


def _overlap(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """Same document, overlapping characters."""
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _side(span: dict) -> tuple[int, int, int]:
    return span["doc"], span["start"], span["end"]


def _matches(label: dict, conflict: dict) -> bool:
    """A reported conflict is the labelled pair: its spans overlap both sides, or it gives the same two
    values (each found in one side's text), so the same disagreement found through another pair of
    documents gets credit, as the labels' README asks."""
    a, b = _side(label["a"]), _side(label["b"])
    x, y = conflict["a_span"], conflict["b_span"]
    if (_overlap(a, x) and _overlap(b, y)) or (_overlap(a, y) and _overlap(b, x)):
        return True
    va, vb = conflict["a"].lower(), conflict["b"].lower()
    ta, tb = label["a"]["text"].lower(), label["b"]["text"].lower()
    return bool(va and vb) and ((va in ta and vb in tb) or (va in tb and vb in ta)) and va != vb


def _stream_dates() -> dict[str, datetime]:
    """Each DUC 2003/2004 document's publication time, from the dated stream of the same documents (by text)."""
    out = {}
    with open(DATA / "duc_stream_dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out[row["text"].strip()] = datetime.fromisoformat(row["published"].replace("Z", "+00:00"))
    return out


def score_labels(labels: Path, limit_split: str | None, *, dated: bool = False) -> dict:
    """Conflict recall/precision on the disagreement set; support of citations and agreed items on support.jsonl.

    Every cluster of ``disagreements_clusters.jsonl`` is briefed as the support labels were (150 words
    for Multi-News, 100 for DUC). Recall counts labelled conflicts (``label`` conflict) that a reported
    conflict matches (:func:`_matches`); precision counts reported conflicts that match a labelled
    conflict; the rest are listed (``unmatched``) to be read, since the labels' README counts a reported
    conflict not in the set as wrong "unless a reader agrees it was missed".
    """
    clusters = [json.loads(x) for x in (labels / "disagreements_clusters.jsonl").read_text("utf-8").splitlines() if x]
    items = [json.loads(x) for x in (labels / "disagreements.jsonl").read_text("utf-8").splitlines() if x]
    support = [json.loads(x) for x in (labels / "support.jsonl").read_text("utf-8").splitlines() if x]
    support_by_key = {(r["cluster"], r["item"], r["text"], r["cited"]["doc"], r["cited"]["start"], r["cited"]["end"]):
                      r for r in support if r["labelled_by"] == "read"}
    support_clusters = {(r["file"], r["cluster"]) for r in support}
    wanted = sorted({(c["file"], c["cluster"], c["split"]) for c in clusters if not limit_split
                     or c["split"] == limit_split} | {(r["file"], r["cluster"], r["split"]) for r in support
                     if not limit_split or r["split"] == limit_split})
    rows = {}
    for file in {f for f, _, _ in wanted}:
        with open(DATA / file, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                rows[(file, row["id"])] = row
    labelled_clusters = {(c["file"], c["cluster"]) for c in clusters}
    published = _stream_dates() if dated else {}  # --dated: DUC articles carry their dates, as a feed gives them
    found: dict[str, bool] = {}
    reported = correct = 0
    per_kind: dict[str, Counter] = defaultdict(Counter)
    wrong: list[dict] = []
    shown_support: Counter = Counter()
    shown_marked: Counter = Counter()
    contradicting: list[dict] = []
    for file, cluster, _split in wanted:
        docs = rows[(file, cluster)]["documents"]
        articles = [Article.make(t, id=f"d{i}", published=published.get(t.strip())) for i, t in enumerate(docs)]
        budget = "150w" if file.startswith("multinews") else "100w"
        brief = newsbrief.brief(articles, budget=budget, sections=SECTIONS)
        doc_of = {n: int(a.id[1:]) for n, a in enumerate(brief.sources, start=1)}
        if (file, cluster) in labelled_clusters:
            mine = [x for x in items if x["cluster"] == cluster]
            for c in brief.conflicts:
                conflict = {"a": c.first_value, "b": c.second_value, "kind": c.kind,
                            "a_span": (doc_of[c.first.source], c.first.start, c.first.end),
                            "b_span": (doc_of[c.second.source], c.second.start, c.second.end)}
                hits = [x for x in mine if _matches(x, conflict)]
                reported += 1
                per_kind[c.kind]["reported"] += 1
                if any(x["label"] == "conflict" for x in hits):
                    correct += 1
                    per_kind[c.kind]["right"] += 1
                else:
                    wrong.append({"cluster": cluster, "kind": c.kind, "a": c.first_value, "b": c.second_value,
                                  "labelled_as": sorted({x["label"] for x in hits}) or None,
                                  "a_text": c.first.text[:200], "b_text": c.second.text[:200]})
                for x in hits:
                    found[x["id"]] = found.get(x["id"], False) or x["label"] == "conflict"
        if (file, cluster) in support_clusters:
            shown = [("sentence", s.text, c) for s in brief.sentences for c in s.citations]
            shown += [("agreed", f.text, sp) for f in brief.agreement for sp in f.spans]
            for item, text, cited in shown:
                key = (cluster, item, text, doc_of[cited.source], cited.start, cited.end)
                label = support_by_key.get(key)
                if label is None:
                    continue
                shown_support[label["label"]] += 1
                if label["label"] == "contradicts":
                    contradicting.append({"cluster": cluster, "item": item, "text": text[:160],
                                          "cited": label["cited"]["text"][:160], "note": label.get("note", "")})
                partial = (bool(getattr(cited, "lacks", ())) if item == "sentence" else
                           cited.source in getattr(next(f for f in brief.agreement if f.text == text), "partial", ()))
                shown_marked[(label["label"], "partial" if partial else "full")] += 1
    scored = {c for f, c in labelled_clusters if any(w[:2] == (f, c) for w in wanted)}
    gold = [x for x in items if x["label"] == "conflict" and x["cluster"] in scored]
    recall_all = sum(found.get(x["id"], False) for x in gold)
    clear = [x for x in gold if x["clear_cut"]]
    recall_clear = sum(found.get(x["id"], False) for x in clear)
    kinds = defaultdict(lambda: [0, 0])
    for x in gold:
        kinds[x["kind"]][0] += 1
        kinds[x["kind"]][1] += found.get(x["id"], False)
    judged = sum(shown_support.values())
    return {
        "conflict_clusters": len(labelled_clusters & {(f, c) for f, c, _ in wanted}),
        "conflicts_labelled": len(gold), "conflicts_clear_cut": len(clear),
        "recall_all": round(recall_all / len(gold), 3) if gold else None, "found_all": recall_all,
        "recall_clear_cut": round(recall_clear / len(clear), 3) if clear else None, "found_clear_cut": recall_clear,
        "recall_per_kind": {k: f"{v[1]}/{v[0]}" for k, v in sorted(kinds.items())},
        "reported": reported, "reported_right": correct,
        "precision_strict": round(correct / reported, 3) if reported else None,
        "reported_per_kind": {k: f"{v['right']}/{v['reported']}" for k, v in sorted(per_kind.items())},
        "support_judged_shown": judged, "support_shown_labels": dict(shown_support),
        "support_contradicts_share": round(shown_support["contradicts"] / judged, 3) if judged else None,
        "support_not_full_share": round((judged - shown_support["full"]) / judged, 3) if judged else None,
        "support_label_vs_mark": {f"{a}/{b}": n for (a, b), n in sorted(shown_marked.items())},
        "unmatched": wrong,
        "missed": [{"id": x["id"], "kind": x["kind"], "clear_cut": x["clear_cut"], "a_text": x["a"]["text"][:200],
                    "b_text": x["b"]["text"][:200]} for x in gold if not found.get(x["id"], False)],
        "contradicting_shown": contradicting,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="clusters per dev set (default: all)")
    parser.add_argument("--dump", type=Path, default=None, help="write every conflict shown here (JSON lines)")
    parser.add_argument("--labels", type=Path, default=None,
                        help="score against the issue-23 labels in this folder (disagreements*.jsonl, support.jsonl)")
    parser.add_argument("--split", default=None, help="only clusters of this label split (tune / check)")
    parser.add_argument("--dated", action="store_true",
                        help="give DUC articles their dates (from duc_stream_dev.jsonl); Multi-News has none")
    args = parser.parse_args(argv)
    print(f"newsbrief from {Path(newsbrief.__file__).parent}", file=sys.stderr)
    if args.labels:
        print(json.dumps(score_labels(args.labels, args.split, dated=args.dated), indent=2, ensure_ascii=False))
        return 0
    print(json.dumps(run(args.limit, args.dump), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
