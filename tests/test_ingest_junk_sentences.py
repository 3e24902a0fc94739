"""The junk-sentence check's quick filters: a filter may skip a rule's search only where the search finds nothing."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from newsbrief.ingest import junk_sentences as js
from newsbrief.ingest.junk_sentences import junk_kind

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

# One text per alternative of each filtered pattern, in odd casings, and near misses.
HAND = [
    "Photo: Left: Attorney General's Office.", "PHOTOS (from the scene)", "images of the flood", "Video: the storm",
    "FOOTAGE FROM the scene", "Pictured courtesy of the family", "File Photo: the mayor", "Screenshot from TV",
    "Credit: Jane Doe", "Caption: the mayor", "(AP Photo/Evan Vucci)", "AFP IMAGES", "Reuters photo of the dam",
    "Getty Images", "Image 1 of 4 Caption Close", "caption close", "Photograph: Jane Doe", "(Photo by Jane Doe)",
    "Photo credit: Jane", "Image copyright Getty", "See the photos pic.twitter.com/pUPjBsbYEh",
    "instagram.com/p/abc", "HTTPS://example.com/x", "Visit WWW.example.com now", "Embed this video",
    "— Sundar Pichai (@sundarpichai) February 8, 2016", "(@user) March 3, 2016", "@user thanks",
    "(djp)", "jk/ls", "abc", "By Terry Wade", "BY TERRY WADE, Associated Press", "Reporting by Jane Doe; editing by X",
    "Editing by John Smith", "Written by Jane Doe |", "— Associated Press", "- Reuters.", "– the AP",
    "Rachael Bade contributed to this report.", "The mayor said the plan would work.", "Byzantine rules apply.",
    "ſcreenshot: the page", "Credıt: someone", "İmage 1 of 4", "by Terry Wade", "Embedded reporters said so.",
]
_FILTERED = [(kind, pattern) for kind, pattern in js._RULES if kind in js._MAYBE]


def _dev_sentences() -> list[str]:
    """Every line-and-sentence piece of the DUC 2004 and full-text Multi-News dev sets (cheap splitting)."""
    out: list[str] = []
    for name in ("duc2004_dev.jsonl", "multinews_dev_fulltext.jsonl"):
        path = DATA / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                for doc in json.loads(line)["documents"]:
                    out.extend(p.strip() for p in re.split(r"\n+|(?<=[.!?])\s+", doc) if p.strip())
    return out


def _mutations(texts: list[str], n: int, seed: int = 7) -> list[str]:
    """Random casings and splices of the hand cases: the filters must hold on texts no one wrote."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = rng.choice(texts), rng.choice(texts)
        text = a[: rng.randrange(len(a) + 1)] + rng.choice(["", " ", "\t", "-", "(", ": "]) + b[rng.randrange(len(b)):]
        out.append("".join(c.upper() if rng.random() < 0.3 else c for c in text).strip())
    return out


@pytest.mark.parametrize(("kind", "pattern"), _FILTERED, ids=[k for k, _ in _FILTERED])
def test_junk_sentences_filter_never_skips_a_match(kind: str, pattern: re.Pattern[str]) -> None:
    texts = HAND + _mutations(HAND, 5_000) + _dev_sentences()
    matched = [t for t in texts if t and pattern.search(t)]
    assert matched, f"no text exercises the {kind} rule"
    folds = set(js._FOLDS_TO_ASCII)
    missed = [t for t in matched if not folds & set(t) and not js._MAYBE[kind](t.lower())]
    assert missed == []


def test_junk_sentences_letters_folded_outside_ascii_still_match() -> None:
    # "ſ" and "ı" match "s" and "i" under re.IGNORECASE, though lower() keeps them.
    assert junk_kind("ſcreenshot: the council chamber") == "caption"
    assert junk_kind("Credıt: Jane Doe") == "caption"


@pytest.mark.parametrize("text", ["THE SENATE WILL NEVER PASS THIS BILL, SENATORS SAY.", "THE SENATE will NEVER PASS",
                                  "THE SÉNAT WILL NEVER PASS THIS BILL", "Mostly lower case words here",
                                  "1 2 3 4 5", "ABCD EFGH IJKL mnop", "ABCD EFGH IJKL MNOP qrs"])
def test_junk_sentences_shouted_counts_the_same_on_bytes(text: str) -> None:
    letters = [c for c in text if c.isalpha()]
    expected = bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    assert js._shouted(text) is expected
