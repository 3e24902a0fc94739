"""Readability of briefs: the share of brief sentences a reader stumbles on (issue 25).

Each dev cluster is briefed as a user gets it (whole sentences, every section
the check reads: agreed and only-in), and every brief sentence is checked:

- **dangles**: it opens with a pronoun, a linking word or a bare definite
  description ("The spokesman") whose antecedent in its own article is not
  earlier in the brief; or it is a quotation with no speaker named;
- **junk**: a caption, credit, byline (code), transcript label, live-blog
  timestamp, embed or tweet, a shouted line, a question, navigation, a cut
  sentence, mojibake;
- **repeats**: it states what an earlier brief sentence states (most of its
  stemmed content words are in one earlier sentence);
- **out of order**: it comes after a later sentence of its own article.

The detector is deliberately this file's own (it shares no rule with the
library's filter), so a fix cannot pass by matching itself. Agreed and only-in
items are checked for junk, dangling openers and repeats across the sections
(one fact listed twice). Examples of each kind are printed.

    PYTHONPATH=. .venv/bin/python bench/readability_bench.py             # both dev sets
    PYTHONPATH=. .venv/bin/python bench/readability_bench.py --limit 20 --examples 3
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief import brief
from newsbrief.represent.tokens import content_terms
from newsbrief.segment.sentences import split_sentences

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SETS = {"multinews_fulltext@150w": ("multinews_dev_fulltext.jsonl", 150),
        "duc2004@100w": ("duc2004_dev.jsonl", 100)}

PRONOUNS = {"he", "she", "it", "they", "him", "them", "his", "her", "its", "their", "this", "these", "those",
            "we", "our", "such"}
LINKS = {"but", "however", "also", "and", "so", "still", "yet", "meanwhile", "instead", "moreover", "furthermore",
         "nevertheless", "then", "thus", "therefore", "besides", "otherwise", "nonetheless", "additionally",
         "likewise", "similarly", "or", "plus", "indeed", "later", "afterward", "afterwards", "now", "there"}
LINK_PHRASES = ("in addition", "as a result", "that's why", "at the same time", "on the other hand", "even so",
                "by contrast", "in contrast", "for his part", "for her part", "for their part", "in turn",
                "that is", "that was", "that's", "the same")
ROLES = {"spokesman", "spokeswoman", "official", "officials", "man", "woman", "boy", "girl", "suspect", "victim",
         "couple", "pair", "company", "agency", "move", "decision", "report", "study", "incident", "attack",
         "crash", "group", "statement", "letter", "bill", "plan", "deal", "measure", "former", "latter", "two",
         "three", "teen", "teenager", "driver", "father", "mother", "son", "daughter", "family", "singer",
         "actor", "actress", "star", "president", "senator", "lawmaker", "minister", "leader"}
MIDDLE_LINK = re.compile(r"^[^,]{1,40}, (however|though|meanwhile|too|also|in turn|for (his|her|their) part),")
PRONOUN_SPEAKER = re.compile(r"[”\"],? (he|she|they|it) (said|says|added|told|wrote|explained|noted)\b", re.I)
QUOTE_ONLY = re.compile(r"^[\"“‘'][^\"“”]*[\"”’']$")
NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\b")

JUNK = [
    ("caption", re.compile(r"^(footage|video|photo|image|pictured|above|below|left|right|top|file photo|"
                           r"screenshot|watch)\b[^.]{0,80}[:(]|\b(getty images|ap photo|reuters/|afp/|"
                           r"photo credit|photograph:|image copyright|image caption|\(photo|photo:)", re.I)),
    ("byline", re.compile(r"(^by [A-Z][a-z]+ [A-Z][a-z]+\b|\([a-z]{2,4}\)\s*$|\b[a-z]{2,4}/[a-z]{2,4}\s*$|"
                          r"^[-—–] ?(associated press|ap|reuters|afp)\b|\bcontributed to this report\b)")),
    ("transcript", re.compile(r"^[A-Z][A-Z.' -]{2,40}:\s")),
    ("timestamp", re.compile(r"^\(?\d{1,2}:\d{2}\s*([ap]\.?m\.?)?\)?\s", re.I)),
    ("embed", re.compile(r"(pic\.twitter\.com|https?://|www\.|@\w{2,}\b.*\b(19|20)\d\d\b|^[-—–] .*\(@\w+\)|"
                         r"\bembed\b|#\w+\s*$)", re.I)),
    ("navigation", re.compile(r"^(read more|click here|sign up|subscribe|share this|continue reading|"
                              r"advertisement|related:|more:|follow us|see also|next:|previous:)\b", re.I)),
    ("mojibake", re.compile(r"(â€|Ã[\x80-\xbf]|Ã©|Â[\xa0-\xbf ]|\ufffd|ï»¿|â\x80)")),
]


@dataclass
class Tally:
    """Counts and examples of one set (brief sentences, or section items)."""

    checked: int = 0
    flagged: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, problems: list[str], text: str, where: str, keep: int) -> None:
        self.checked += 1
        if problems:
            self.flagged += 1
        for kind in problems:
            self.kinds[kind] += 1
            if len(self.examples[kind]) < keep:
                self.examples[kind].append(f"{where}: {text[:160]}")

    def share(self) -> float:
        return 100.0 * self.flagged / self.checked if self.checked else 0.0


def junk_kind(text: str) -> str | None:
    """The kind of junk ``text`` is, or None."""
    for kind, pattern in JUNK:
        if pattern.search(text):
            return kind
    letters = [c for c in text if c.isalpha()]
    if len(text.split()) >= 4 and letters and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        return "shouted"
    stripped = text.rstrip()
    if stripped.endswith("?") or (stripped.endswith(("?”", '?"')) and QUOTE_ONLY.match(stripped)):
        return "question"
    if not stripped.endswith((".", "!", "?", '"', "”", "’", "'", ")", "…")) or stripped.endswith(("...", "…")):
        return "cut"
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z’']+", text)


def opener(text: str) -> str | None:
    """What the sentence leans on at its start: 'pronoun', 'link', 'description' or 'quote'; else None."""
    body = text.lstrip("\"“‘'([ ")
    lowered = body.lower()
    tokens = [w.lower() for w in _words(body)[:3]]
    if not tokens:
        return None
    if QUOTE_ONLY.match(text.strip()):
        return "quote"
    if text.lstrip()[:1] in "\"“‘'":  # a quotation's own pronouns refer inside it: only its speaker counts
        return "pronoun" if PRONOUN_SPEAKER.search(text) else None
    first = tokens[0].replace("’", "'")
    if first in PRONOUNS or (first in ("that", "there's") and len(tokens) > 1 and tokens[1] in (
            "is", "was", "'s", "would", "will", "has", "had", "means", "included", "came")):
        return "pronoun"
    if first in LINKS or lowered.startswith(LINK_PHRASES) or MIDDLE_LINK.match(body):
        return "link"
    if first == "the" and len(tokens) > 1 and tokens[1] in ROLES and not body[4:5].isupper():
        return "description"
    if PRONOUN_SPEAKER.search(text):
        return "pronoun"
    return None


def antecedent_present(kind: str, own_prior: list[str], brief_before: list[str]) -> bool:
    """Whether what the sentence leans on is earlier in the brief.

    The antecedent is in its own article's previous sentences (``own_prior``, nearest last). A link or a
    definite description needs the previous sentence itself; a pronoun is satisfied when a name of the two
    previous sentences is named earlier in the brief.
    """
    if not own_prior:
        return kind != "link" and kind != "quote"  # an article's first sentence has nothing before it
    if own_prior[-1] in brief_before:
        return True
    if kind == "pronoun":
        names = {n for s in own_prior[-2:] for n in NAME.findall(s)[1:]} - {"The", "He", "She", "It", "They"}
        earlier = " ".join(brief_before)
        return any(re.search(rf"\b{re.escape(n)}\b", earlier) for n in names if len(n) > 2)
    return False


def repeats(terms: list[str], earlier: list[list[str]]) -> bool:
    """Whether most of ``terms`` (stemmed content words) are in one earlier sentence."""
    mine = set(terms)
    if len(mine) < 4:
        return False
    return any(len(mine & set(other)) >= 0.6 * min(len(mine), len(set(other))) and len(set(other)) >= 4
               for other in earlier)


def check_cluster(record: dict, words: int, sentences: Tally, sections: Tally, keep: int) -> None:
    documents = record["documents"]
    result = brief(documents, budget=f"{words}w", sections="agreement,unique")
    splits = [split_sentences(a.text) for a in result.sources]
    before: list[str] = []
    before_terms: list[list[str]] = []
    last_position: dict[int, int] = {}
    cid = record["id"]
    for s in result.sentences:
        origin = s.citations[0]
        own = splits[origin.source - 1]
        at = next((k for k, x in enumerate(own) if x.start <= origin.start < x.end), 0)
        problems = []
        if (junk := junk_kind(s.text)) is not None:
            problems.append(f"junk:{junk}")
        kind = opener(s.text)
        if kind and not antecedent_present(kind, [x.text for x in own[max(0, at - 3):at]], before):
            problems.append(f"dangles:{kind}")
        terms = content_terms(s.text)
        if repeats(terms, before_terms):
            problems.append("repeats")
        if last_position.get(origin.source, -1) > at:
            problems.append("out-of-order")
        last_position[origin.source] = max(at, last_position.get(origin.source, -1))
        sentences.add(problems, s.text, cid, keep)
        before.append(own[at].text if own else s.text)
        before_terms.append(terms)
    items = [("agreed", f) for f in result.agreement] + [(f"only in [{n}]", f) for n, fs in result.unique for f in fs]
    seen: list[list[str]] = []
    for label, fact in items:
        problems = []
        if (junk := junk_kind(fact.text)) is not None:
            problems.append(f"junk:{junk}")
        kind = opener(fact.text)
        if kind in ("pronoun", "link", "quote"):
            problems.append(f"dangles:{kind}")
        terms = content_terms(fact.text)
        if repeats(terms, seen):
            problems.append("repeats")
        seen.append(terms)
        sections.add(problems, fact.text, f"{cid} {label}", keep)


def run(name: str, path: Path, words: int, limit: int | None, keep: int) -> dict:
    sentences, sections = Tally(), Tally()
    started = time.perf_counter()
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                break
            check_cluster(json.loads(line), words, sentences, sections, keep)
    return {"set": name, "seconds": round(time.perf_counter() - started, 1),
            "brief": _summary(sentences), "sections": _summary(sections)}


def _summary(tally: Tally) -> dict:
    return {"checked": tally.checked, "flagged": tally.flagged, "share": round(tally.share(), 1),
            "kinds": dict(sorted(tally.kinds.items())), "examples": {k: v for k, v in sorted(tally.examples.items())}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N clusters of each set")
    parser.add_argument("--examples", type=int, default=4, help="examples printed per kind")
    parser.add_argument("--only", choices=sorted(SETS), default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    results = []
    totals = Counter()
    for name, (file, words) in SETS.items():
        if args.only and name != args.only:
            continue
        result = run(name, DATA / file, words, args.limit, args.examples)
        results.append(result)
        for part in ("brief", "sections"):
            totals[f"{part}_checked"] += result[part]["checked"]
            totals[f"{part}_flagged"] += result[part]["flagged"]
            r = result[part]
            print(f"{name} {part}: {r['flagged']} of {r['checked']} flagged ({r['share']}%)  {r['kinds']}")
            for kind, examples in r["examples"].items():
                for example in examples:
                    print(f"    [{kind}] {example}")
    for part in ("brief", "sections"):
        checked, flagged = totals[f"{part}_checked"], totals[f"{part}_flagged"]
        print(f"ALL {part}: {flagged} of {checked} ({100.0 * flagged / max(checked, 1):.1f}%)")
    if args.json:
        args.json.write_text(json.dumps({"sets": results, "totals": dict(totals)}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
