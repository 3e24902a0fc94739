"""A trie-shaped alternation matches exactly what the plain longest-first alternation matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.represent.literals import literal_alternation

_ALPHABET = "ab -.'’cÉ"


def _plain(strings: set[str]) -> str:
    return "(?:" + "|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True)) + ")"


@settings(max_examples=300, deadline=None)
@given(strings=st.sets(st.text(_ALPHABET, min_size=1, max_size=6), min_size=1, max_size=10),
       text=st.text(_ALPHABET + "xy\n", max_size=60))
def test_literals_trie_finds_the_same_matches_as_the_plain_alternation(strings, text) -> None:
    plain = [m.span() for m in re.finditer(_plain(strings) + r"(?![\w-])", text)]
    trie = [m.span() for m in re.finditer(literal_alternation(strings) + r"(?![\w-])", text)]
    assert trie == plain


@settings(max_examples=300, deadline=None)
@given(strings=st.sets(st.text(_ALPHABET, min_size=1, max_size=6), min_size=1, max_size=10),
       text=st.text(_ALPHABET + "xy\n", max_size=60))
def test_literals_word_start_equals_a_leading_lookbehind(strings, text) -> None:
    plain = [m.span() for m in re.finditer(r"(?<![\w-])" + _plain(strings) + r"(?![\w-])", text)]
    guarded = [m.span() for m in re.finditer(literal_alternation(strings, word_start=True) + r"(?![\w-])", text)]
    assert guarded == plain


def test_literals_the_longest_string_wins_and_an_empty_set_never_matches() -> None:
    pattern = re.compile(literal_alternation(["Kim", "Kim Jong Un", "Kim Jong"]) + r"(?!\w)")
    assert [m.group() for m in pattern.finditer("Kim Jong Un met Kim Jong-il's son; Kim left.")] == [
        "Kim Jong Un", "Kim Jong", "Kim"]
    assert re.search(literal_alternation([]), "anything") is None
