"""The value scan searched from near each numeral (p23) finds what the value pattern's finditer finds."""

from __future__ import annotations

import random
import re

from conftest import data_clusters, spliced

from newsbrief.represent import values
from newsbrief.represent.scan import anchored_finditer

PIECES = [
    "approximately  ", "no more than ", "about\u00a0", "at least\t", "AN ESTIMATED ", "minus ", "-", "US$", "$", "£",
    "€", "dlrs. ", "dlrs ", "one hundred", "one hundred-fold", "a dozen", "two and a half", "20 to 30", "1,200.5",
    "1970s", "34th", "$199m", "$2.5bn", "5 percent", "7%", "Twenty", "ſome ", "four  ", "   ", "\n", " 3 ", "x4",
    "over 1,000 people", "up to $5 million", "12-14", "No. 5", "3:30", "one-third", "1 in 4",
]


def _texts() -> list[str]:
    docs = [doc for name in ("duc2004_dev.jsonl", "multinews_dev_fulltext.jsonl")
            for cluster in data_clusters(name, 8) for doc in cluster["documents"]]
    lines = [line for doc in docs for line in doc.splitlines() if line.strip()]
    rng = random.Random(23)
    made = ["".join(rng.choice(PIECES) + rng.choice(["", " ", "  ", "x"]) for _ in range(rng.randrange(1, 9)))
            for _ in range(3000)]
    return lines + made + spliced(lines[:300] + made[:300], 3000, glues=["", " ", "    ", "$", "-"], upper=0.2,
                                  seed=5)


def _found(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_scan_value_matches_are_finditers() -> None:
    found = 0
    for text in _texts():
        for start, end in ((0, len(text)), (len(text) // 4, len(text) - len(text) // 5)):
            expected = _found(values._VALUE.finditer(text, start, end))
            assert _found(values._value_matches(text, start, end)) == expected, (text, start, end)
            found += len(expected)
    assert found > 5000


def test_scan_value_reach_covers_every_prefix() -> None:
    # hedge, at most three spaces (four send the sentence to a whole search), sign, currency, one space
    longest = max(len(h) for h in values._HEDGES) + 3 + len("minus ") + len("dlrs.") + 1
    assert longest <= values._VALUE_REACH
    assert values._VALUE.fullmatch("") is None  # no empty match, as anchored_finditer requires


def test_scan_a_reach_too_short_misses_hedged_values() -> None:
    # The bound is needed: from two characters before the numeral, "approximately 40" loses its hedge.
    text = "They counted approximately 40 boats."
    short = _found(anchored_finditer(values._VALUE, values._ANY_FIGURE, text, 0, len(text), reach=2))
    assert short != _found(values._VALUE.finditer(text))
    assert _found(values._value_matches(text, 0, len(text))) == _found(values._VALUE.finditer(text))
    assert re.search("approximately", values._VALUE.search(text).group())
