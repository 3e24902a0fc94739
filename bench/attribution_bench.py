"""Quote speakers and entities against hand labels: what a careful reader would sign (issue 24).

    .venv/bin/python bench/attribution_bench.py --labels ../wt/labels24/bench/labels
    PYTHONPATH=/work/main .venv/bin/python bench/attribution_bench.py --labels ...   # main's code, for the baseline

Labels are references into ``../shared/data`` (file, cluster id, document, spans):

- ``quotes_*.jsonl``: every quotation of four or more words in the labelled documents,
  ``speaker_name`` the canonical name of who said it (null: the text names nobody),
  ``kind`` ``speech`` or ``not_speech`` (titles, scare quotes, chants), ``split``.
- ``entities_*.jsonl``: the people, organisations and places of the news content,
  each with ``type``, ``aliases``, mentions per document (``docs``) and ``n_docs``.
- ``entity_negatives_*.jsonl``: strings that are no entity (``junk``, with a reason)
  and pairs of names that must stay apart (``do_not_merge``).

Speakers are scored per occurrence, so a quote carried by three sources counts three
times and is right only where each of its spans shows the right speaker:

- precision: shown spans with a speaker lying on a labelled quotation, right speaker;
  spans on no labelled quotation are counted apart (``unlabelled``) and in ``strict``;
- recall: labelled speech with a named speaker that a shown span covers (80 %) with it;
- missed: labelled speech no shown span covers; unattributed: covered, shown without a
  speaker, though the text names one.

Entities: a shown entity matches a labelled one when a name or alias key is shared.
Precision is the share of shown entities that match one; type accuracy is over the
matched; recall is over labelled entities (and over the prominent ones: in two
sources or mentioned three times). A labelled entity split over two shown ones is a
missed merge; a shown entity matching two labelled ones (or a ``do_not_merge`` pair)
a wrong merge. The canonical name is right when its key is the labelled name's.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "PYTHONPATH" not in os.environ:
    sys.path.insert(0, str(ROOT))

from analysis_bench import covers, load_cluster, overlaps, prepare, same_person  # noqa: E402

from newsbrief.analyse.analysis import analyse  # noqa: E402
from newsbrief.names.patterns import name_key  # noqa: E402

TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _speaker_right(shown: str, lab: dict, text: str) -> bool:
    gold = [g for g in (lab.get("speaker_name"), lab.get("speaker_mention")) if g]
    if not gold and lab.get("speaker"):
        gold = [text[lab["speaker"][0]:lab["speaker"][1]]]
    return any(same_person(shown, g) for g in gold)


def _said(lab: dict, texts: list[str]) -> str:
    return texts[lab["doc"]][lab["start"]:lab["end"]][:60]


def _named(lab: dict) -> bool:
    return lab["kind"] == "speech" and bool(lab.get("speaker_name") or lab.get("speaker"))


def score_quotes(labels: list[dict], results: dict, verbose: bool) -> dict[str, dict[str, int]]:
    """Tallies per split (and ``all``) of the speaker measures over the labelled quotations."""
    by_cluster: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for lab in labels:
        by_cluster[(lab["file"], lab["cluster"])].append(lab)
    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    for key, labs in by_cluster.items():
        texts, result = results[key]
        docs = {lab["doc"] for lab in labs}
        shown = [(s.source - 1, (s.start, s.end), q.speaker) for q in result.quotes for s in q.spans
                 if s.source - 1 in docs]
        split = labs[0].get("split", "dev")
        for doc, span, speaker in shown:
            match = [lab for lab in labs if lab["doc"] == doc and overlaps(span, (lab["start"], lab["end"]))]
            if not match:
                if speaker:
                    tallies[split]["unlabelled"] += 1
                    if verbose:
                        print(f"  off-label: {key[1]} doc {doc} {texts[doc][span[0]:span[1]][:60]!r} as {speaker!r}")
                continue
            lab = match[0]
            if lab["kind"] != "speech":
                tallies[split]["non_quote_shown"] += 1
            if speaker is None:
                continue
            tallies[split]["shown"] += 1
            if _named(lab) and _speaker_right(speaker, lab, texts[doc]):
                tallies[split]["right"] += 1
            elif verbose:
                gold = lab.get("speaker_name") if lab["kind"] == "speech" else lab["kind"]
                print(f"  wrong: {key[1]} doc {doc} {_said(lab, texts)!r} shown as {speaker!r}, labelled "
                      f"{gold!r} {lab.get('tricky', '')}")
        for lab in labs:
            if lab["kind"] != "speech":
                continue
            gold = (lab["start"], lab["end"])
            over = [(speaker, span) for doc, span, speaker in shown if doc == lab["doc"] and covers(span, gold)]
            tallies[split]["speech"] += 1
            if not over:
                tallies[split]["missed"] += 1
                if verbose:
                    print(f"  missed: {key[1]} doc {lab['doc']} {_said(lab, texts)!r} {lab.get('tricky', '')}")
                continue
            if not _named(lab):
                continue
            tallies[split]["gold_named"] += 1
            if any(s and _speaker_right(s, lab, texts[lab["doc"]]) for s, _ in over):
                tallies[split]["found"] += 1
            elif all(s is None for s, _ in over) and lab.get("named_in_text", True):
                tallies[split]["unattributed"] += 1
                if verbose:
                    print(f"  unattributed: {key[1]} doc {lab['doc']} {_said(lab, texts)!r} "
                          f"({lab.get('speaker_name')}) {lab.get('tricky', '')}")
        for lab in labs:  # a named quotation no shown span covers counts in recall's denominator too
            if _named(lab) and not any(doc == lab["doc"] and covers(span, (lab["start"], lab["end"]))
                                       for doc, span, _ in shown):
                tallies[split]["gold_named"] += 1
    tallies["all"] = sum(tallies.values(), Counter())
    return tallies


def score_entities(labels: list[dict], negatives: list[dict], results: dict, verbose: bool) -> dict[str, Counter]:
    """Tallies per split (and ``all``) of the entity measures."""
    by_cluster: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for lab in labels:
        by_cluster[(lab["file"], lab["cluster"])].append(lab)
    apart: dict[tuple[str, str], list[dict]] = defaultdict(list)
    junk: dict[tuple[str, str], set[str]] = defaultdict(set)
    for neg in negatives:
        key = (neg["file"], neg["cluster"])
        if neg["kind"] == "do_not_merge":
            apart[key].append(neg)
        else:
            junk[key].add(name_key(neg["string"]))
    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    for key, labs in by_cluster.items():
        _, result = results[key]
        split = labs[0].get("split", "dev")
        t = tallies[split]
        keys_of = [{name_key(x) for x in (lab["name"], *lab["aliases"])} for lab in labs]
        matched_by: dict[int, list[int]] = defaultdict(list)
        for e_pos, ent in enumerate(result.entities):
            ekeys = {name_key(x) for x in (ent.name, *ent.aliases)}
            hits = [i for i, ks in enumerate(keys_of) if ks & ekeys]
            t["shown"] += 1
            if not hits:
                t["junk_shown" if ekeys & junk[key] else "unlabelled_shown"] += 1
                if verbose:
                    print(f"  not an entity: {key[1]} {ent.name!r} ({ent.label}){' junk' if ekeys & junk[key] else ''}")
                continue
            t["matched"] += 1
            best = max(hits, key=lambda i: (name_key(ent.name) in keys_of[i], labs[i]["mentions"]))
            if len(hits) > 1:
                t["wrong_merges"] += len(hits) - 1
                if verbose:
                    print(f"  wrong merge: {key[1]} {ent.name!r} holds {[labs[i]['name'] for i in hits]}")
            for pair in apart[key]:
                if {name_key(pair["a"]), name_key(pair["b"])} <= ekeys:
                    t["wrong_merges"] += 1
                    if verbose:
                        print(f"  wrong merge: {key[1]} {pair['a']!r} and {pair['b']!r} in {ent.name!r}")
            matched_by[best].append(e_pos)
            lab = labs[best]
            if TYPES.get(ent.label) == lab["type"]:
                t["type_right"] += 1
            elif verbose:
                print(f"  type: {key[1]} {ent.name!r} shown {ent.label}, labelled {lab['type']}")
            if name_key(ent.name) == name_key(lab["name"]):
                t["canonical_right"] += 1
            elif verbose:
                print(f"  canonical: {key[1]} {ent.name!r}, labelled {lab['name']!r}")
        for i, lab in enumerate(labs):
            prominent = lab.get("n_docs", 1) >= 2 or lab.get("mentions", 0) >= 3
            t["labelled"] += 1
            t["prominent"] += prominent
            if i in matched_by:
                t["found"] += 1
                t["prominent_found"] += prominent
                t["missed_merges"] += len(matched_by[i]) - 1
                if verbose and len(matched_by[i]) > 1:
                    print(f"  missed merge: {key[1]} {lab['name']!r} as "
                          f"{[result.entities[e].name for e in matched_by[i]]}")
            elif verbose and prominent:
                print(f"  entity missed: {key[1]} {lab['name']!r} ({lab['type']}, {lab.get('mentions')} mentions)")
    tallies["all"] = sum(tallies.values(), Counter())
    return tallies


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=Path(__file__).resolve().parent / "labels",
                        help="directory of quotes_*.jsonl, entities_*.jsonl, entity_negatives_*.jsonl")
    parser.add_argument("--set", default="dev", help="label set: quotes_<set>.jsonl ... (default dev)")
    parser.add_argument("--old", action="store_true", help="also score the older bench/labels/quotes.jsonl")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every error")
    args = parser.parse_args()
    quotes = read_jsonl(args.labels / f"quotes_{args.set}.jsonl")
    entities = read_jsonl(args.labels / f"entities_{args.set}.jsonl")
    negatives = read_jsonl(args.labels / f"entity_negatives_{args.set}.jsonl")
    old = read_jsonl(Path(__file__).resolve().parent / "labels" / "quotes.jsonl") if args.old else []
    for lab in old:
        lab["split"] = "old-" + lab["split"]
    clusters = sorted({(lab["file"], lab["cluster"]) for lab in [*quotes, *entities, *old]})
    results = {}
    cpu = time.process_time()
    for file, cluster in clusters:
        texts = load_cluster(file, cluster)
        results[(file, cluster)] = (texts, analyse(*prepare(texts), sections=("quotes", "entities")))
    cpu = time.process_time() - cpu
    print(f"{len(clusters)} clusters analysed in {cpu:.1f} CPU s")
    q = score_quotes([*quotes, *old], results, args.verbose)
    print("quote speakers (per occurrence)")
    for split, t in sorted(q.items()):
        print(f"  {split:12} speech {t['speech']:4}  named {t['gold_named']:4}  shown with speaker {t['shown']:4}  "
              f"right {t['right']:4}  precision {_ratio(t['right'], t['shown'])}  "
              f"recall {_ratio(t['found'], t['gold_named'])}  missed {t['missed']:3}  "
              f"unattributed though named {t['unattributed']:3}  off-label spans {t['unlabelled']:3} "
              f"(strict precision {_ratio(t['right'], t['shown'] + t['unlabelled'])})  "
              f"non-quotes shown {t['non_quote_shown']}")
    e = score_entities(entities, negatives, results, args.verbose)
    print("entities")
    for split, t in sorted(e.items()):
        print(f"  {split:12} labelled {t['labelled']:4}  shown {t['shown']:4}  "
              f"precision {_ratio(t['matched'], t['shown'])} (junk {t['junk_shown']}, "
              f"unlabelled {t['unlabelled_shown']})  type accuracy "
              f"{_ratio(t['type_right'], t['matched'])}  recall {_ratio(t['found'], t['labelled'])}  prominent recall "
              f"{_ratio(t['prominent_found'], t['prominent'])} ({t['prominent']})  missed merges {t['missed_merges']}  "
              f"wrong merges {t['wrong_merges']}  canonical right {_ratio(t['canonical_right'], t['matched'])}")


if __name__ == "__main__":
    main()
