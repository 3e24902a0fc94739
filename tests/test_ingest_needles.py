"""Needles read off a pattern: every match holds one, so a line without any need not be searched."""

from __future__ import annotations

import dataclasses
import re
import sys

import pytest
from conftest import data_clusters, spliced

from newsbrief.datatypes import Article
from newsbrief.ingest.clean import RuleSet, clean, default_rules
from newsbrief.ingest.needles import UNSAFE_FOLDED, needles


def test_only_the_unsafe_letters_fold_outside_ascii() -> None:
    ascii_class = re.compile(r"(?i)[\x00-\x7f]")
    outside = {chr(c) for c in range(0x80, sys.maxunicode + 1) if ascii_class.fullmatch(chr(c))}
    assert outside == {"\u0130", "\u0131", "\u017f", "\u212a"}  # İ ı ſ and the Kelvin sign
    assert all(re.fullmatch(f"(?i)[{''.join(UNSAFE_FOLDED)}]", c) for c in outside)


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"abc", 0, ("abc",)),
    (r"\(x\)", 0, ("(x)",)),
    (r"(?:AP|AFP) Photo", 0, (" Photo",)),
    (r"a(?:bc|de)f", 0, ("bc", "de")),  # two letters beat one
    (r"x?y", 0, ("y",)),
    (r"(?:ab)?", 0, ()),
    (r"ab|", 0, ()),  # an empty branch needs nothing
    (r"[ab]+", 0, ()),
    (r"(?<=\()ab", 0, ("ab",)),
    (r"(?:\[ab)+", 0, ("[ab",)),
    (r"Kiss", re.IGNORECASE, ()),  # k, i and s all fold outside ASCII
    (r"Advertisement", re.IGNORECASE, ("advert",)),
    (r"(?i:Dem)x", 0, ("x",)),  # a group with its own case flag gives nothing
    (r"(?-i:Dem)x", re.IGNORECASE, ("x",)),
    (r"(?i)Dem", 0, ("dem",)),
    (r"\s?\[\s?edit\s?\]", re.IGNORECASE, ("[",)),  # a mark is rarer than "ed"
])
def test_needles_of_hand_patterns(pattern: str, flags: int, expected: tuple[str, ...]) -> None:
    assert needles(re.compile(pattern, flags)) == expected


def _dev_lines() -> list[str]:
    return [part for name in ("duc2004_dev.jsonl", "multinews_dev_fulltext.jsonl") for c in data_clusters(name)
            for doc in c["documents"] for part in doc.splitlines() if part.strip()]


HAND = [
    "The mayor spoke. (AP Photo/Evan Vucci) Then she left.", "A dam (Photo credit: Jane Doe) broke.",
    "A dam (Jane Doe / Getty Images) broke.", "[Images/Jane Doe] the dam",
    "ADVERTISEMENT CONTINUE READING THE MAIN STORY",
    "Advertİsement Continue reading the main story", "in 1996. (djp)", "Types [ EDIT ]", "History [edit]",
    "(REUTERS PHOTO of x)", "(Photographs: Ann)", "(Pictures credit: x)",
]
GLUES = ["", " ", "(", "[", ") ", ". "]


def test_shipped_inline_rules_never_match_a_line_without_a_needle() -> None:
    lines = HAND + _dev_lines()
    lines += spliced(HAND + lines[:300], 5000, glues=GLUES, upper=0.2, seed=13)
    rules = [rule for rule in default_rules().inline if rule.needles]
    assert {rule.name for rule in rules} >= {"photo-credit", "advertisement", "byline-code", "wiki-edit-link"}
    matched = skipped = 0
    for rule in rules:
        folded = bool(rule.regex.flags & re.IGNORECASE)
        for line in lines:
            held = any(n in (line.lower() if folded else line) for n in rule.needles)
            if rule.regex.search(line):
                assert held, (rule.name, line)
                matched += 1
            skipped += not held
    assert matched > 20 and skipped > len(lines)


def test_clean_with_needles_removes_what_it_removed_without() -> None:
    rules = default_rules()
    unguarded = RuleSet(line=rules.line, prefix=rules.prefix,
                        inline=tuple(dataclasses.replace(r, needles=()) for r in rules.inline),
                        call_to_action=rules.call_to_action)
    texts = ["\n".join(HAND), *spliced(HAND, 200, glues=GLUES, upper=0.2, seed=13)]
    texts += [doc for c in data_clusters("multinews_dev_fulltext.jsonl") for doc in c["documents"]]
    removed = 0
    for i, text in enumerate(texts):
        article = Article(id=str(i), text=text)
        expected = clean(article, rules=unguarded)
        assert clean(article, rules=rules) == expected
        removed += len(expected.removals)
    assert removed > 100
