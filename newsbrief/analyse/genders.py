"""First names and the gender news text gives them, so "she said" does not go to a Michael.

A pronoun's referent must fit it in gender; titles (Mrs., King) say it for a few
people, a first name for most. The list is learned from the project's own
training text (``multinews_train.jsonl``), not downloaded: a first name counts
for a gender where the text itself says so, in two patterns that seldom point
elsewhere,

- ``<first> <last> said (that) she …`` (a speech or thought verb, then the subject pronoun),
- ``actress <first> <last>``, ``his wife <first> <last>`` (a gendered noun right before the name),

and a name is kept when it was seen at least ``MIN_SEEN`` times and
``MIN_SHARE`` of them agree. Names used for both (Kim, Taylor, Pat) drop out and
fit either pronoun. Rebuild with::

    python -m newsbrief.analyse.genders ../shared/data/multinews_train.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

FORMAT = "first-name-genders.v1"
RESOURCE = "first_name_genders.txt"
# Seen 3+ times with 90 % agreement (or twice, never the other way): on the training text this keeps
# 680 names; unisex ones (Kim 47:16, Taylor 4:4, Kris 6:9) stay out, Wendy (0:2) and Brianna (0:2) stay in.
MIN_SEEN = 3
MIN_SHARE = 0.9

_VERB = (r"(?:said|says|told \w+|added|explained|wrote|noted|insisted|claimed|argued|admitted|revealed|recalled|"
         r"believes|believed|thinks|thought|hopes|hoped|felt|feels)")
_SAID_PRONOUN = re.compile(rf"\b([a-z]{{2,}}) ([a-z]{{2,}}) {_VERB},? (?:that )?(he|she)\b")
_MALE_NOUNS = ("actor|husband|father|son|brother|boyfriend|congressman|businessman|chairman|spokesman|king|"
               "prince|grandfather|uncle|nephew|widower|fiance")
_FEMALE_NOUNS = ("actress|wife|mother|daughter|sister|girlfriend|congresswoman|businesswoman|chairwoman|"
                 "spokeswoman|queen|princess|grandmother|aunt|niece|widow|fiancee")
_NOUN_NAME = re.compile(rf"\b(?:(?P<m>{_MALE_NOUNS})|(?P<f>{_FEMALE_NOUNS})),? ([a-z]{{2,}}) ([a-z]{{2,}})\b")


def count_genders(texts: list[str], stop: frozenset[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each (lower-cased) first name is seen as a man's and as a woman's."""
    male: Counter[str] = Counter()
    female: Counter[str] = Counter()
    for doc in texts:
        low = doc.lower()
        for m in _SAID_PRONOUN.finditer(low):
            if m.group(1) not in stop and m.group(2) not in stop:
                (male if m.group(3) == "he" else female)[m.group(1)] += 1
        for m in _NOUN_NAME.finditer(low):
            if m.group(3) not in stop and m.group(4) not in stop:
                (male if m.group("m") else female)[m.group(3)] += 1
    return male, female


def decide(male: Counter[str], female: Counter[str]) -> dict[str, tuple[str, int, int]]:
    """The names whose gender the counts settle: name -> (gender, times male, times female)."""
    out: dict[str, tuple[str, int, int]] = {}
    for name in sorted(set(male) | set(female)):
        m, f = male[name], female[name]
        seen = m + f
        if (seen >= MIN_SEEN and max(m, f) >= MIN_SHARE * seen) or (seen == 2 and min(m, f) == 0):
            out[name] = ("m" if m > f else "f", m, f)
    return out


def _stop_words() -> frozenset[str]:
    text = resources.files("newsbrief.resources").joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#") and w.isalpha())


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    text = resources.files("newsbrief.resources").joinpath(RESOURCE).read_text("utf-8")
    lines = text.splitlines()
    if not lines or lines[0] != f"# {FORMAT}":
        return {}  # an unknown format: no first-name genders rather than wrong ones
    table = {}
    for line in lines:
        if line and not line.startswith("#"):
            name, gender, *_ = line.split()
            table[name] = gender
    return table


def first_name_gender(name: str) -> str | None:
    """"f" or "m" for a full name whose first name the list knows ("Wendy Davis" → "f"), else None.

    The first word the list knows before the family name counts, so a title in
    front ("City Manager Cameron Benson") is passed over.
    """
    words = name.lower().replace(".", " ").split()
    table = _table()
    return next((table[w] for w in words[:-1] if w in table), None)


def main() -> None:
    parser = argparse.ArgumentParser(description="Build the first-name gender list from a JSONL of clusters.")
    parser.add_argument("data", type=Path, help="JSONL with a 'documents' list per line (multinews_train.jsonl)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "resources" / RESOURCE)
    args = parser.parse_args()
    raw = args.data.read_bytes()
    texts = [doc for line in raw.decode("utf-8").splitlines() if line.strip()
             for doc in json.loads(line)["documents"]]
    names = decide(*count_genders(texts, _stop_words()))
    header = [f"# {FORMAT}",
              f"# made by: python -m newsbrief.analyse.genders {args.data.name}",
              f"# data: {args.data.name} sha256 {hashlib.sha256(raw).hexdigest()} ({len(texts)} documents)",
              f"# kept: seen >= {MIN_SEEN} times with >= {MIN_SHARE:.0%} agreeing, or twice and never the other way",
              "# name gender times_male times_female"]
    body = [f"{name} {g} {m} {f}" for name, (g, m, f) in names.items()]
    args.out.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{len(names)} names ({sum(g == 'f' for g, _, _ in names.values())} female) -> {args.out}")


if __name__ == "__main__":
    main()
