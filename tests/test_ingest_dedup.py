"""Exact and near-duplicate articles, checked by hand and against a brute-force reference."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.datatypes import Article
from newsbrief.ingest.dedup import find_duplicates, jaccard

STORY = ("The harbour bridge reopened to traffic on Monday after eight months of repairs, the city transport "
         "office said. Engineers replaced the worn steel cables and resurfaced the deck at a cost of 42 million "
         "euros, well within the budget approved last spring. The mayor thanked the crews who worked through the "
         "winter and said the bridge would carry more than 60,000 vehicles a day. Commuters said the reopening "
         "would cut their journeys by about twenty minutes each way, and shop owners on both banks expect more "
         "customers in the weeks ahead. The ferry service that ran during the repairs will stop at the end of "
         "the month, the transport office added, and its crews will move to the new river bus line.")


def make_article(text: str, source: str | None = None) -> Article:
    return Article.make(text, source=source)


def test_dedup_jaccard_by_hand():
    # Six words give two 5-word shingles each; one is shared, so 1 / (2 + 2 - 1).
    assert jaccard("a b c d e f", "a b c d e g") == pytest.approx(1 / 3)
    assert jaccard("a b c d e f", "A, b c: d e F!") == 1.0
    assert jaccard("", "") == 1.0
    assert jaccard("short text", "") == 0.0


def test_dedup_finds_exact_copies_ignoring_case_punctuation_and_spacing():
    articles = [make_article(STORY, "a.example"), make_article("Another story entirely, about a fire."),
                make_article("  " + STORY.upper().replace(" ", "\n"), "b.example"),
                make_article(STORY.replace(",", " ,").replace(".", "!"))]
    assert find_duplicates(articles) == {2: 0, 3: 0}


def test_dedup_finds_a_near_duplicate():
    edited = STORY.replace("Monday", "Tuesday")  # one word: 5 of ~120 shingles change
    assert jaccard(STORY, edited) >= 0.9
    assert find_duplicates([make_article(STORY), make_article(edited)]) == {1: 0}


def test_dedup_keeps_different_reports_of_one_event():
    other = ("Traffic returned to the harbour bridge on Monday. The city said repairs took eight months and cost "
             "42 million euros. Commuters welcomed the news, while ferry crews will move to a new river bus line.")
    assert jaccard(STORY, other) < 0.9
    assert find_duplicates([make_article(STORY), make_article(other)]) == {}


def test_dedup_copies_map_to_the_first_copy():
    edited = STORY.replace("Monday", "Tuesday")
    articles = [make_article("Unrelated opening story about a fire in the port."), make_article(STORY),
                make_article(edited), make_article(STORY)]
    assert find_duplicates(articles) == {2: 1, 3: 1}


def test_dedup_short_and_empty_texts():
    articles = [make_article("Fire."), make_article("fire"), make_article("Flood."), make_article(""),
                make_article("   ")]
    assert find_duplicates(articles) == {1: 0, 4: 3}
    assert find_duplicates([]) == {}


def test_dedup_threshold_is_a_parameter():
    edited = STORY.replace("Monday", "Tuesday").replace("cables", "wires").replace("mayor", "governor")
    score = jaccard(STORY, edited)
    assert 0.5 < score < 0.9
    assert find_duplicates([make_article(STORY), make_article(edited)]) == {}
    assert find_duplicates([make_article(STORY), make_article(edited)], threshold=score) == {1: 0}


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[^\W_]+", text.casefold())
    if len(words) < 5:
        return {tuple(words)} if words else set()
    return {tuple(words[k:k + 5]) for k in range(len(words) - 4)}


def _similar(x: set[tuple[str, ...]], y: set[tuple[str, ...]], threshold: float) -> bool:
    if min(len(x), len(y)) < threshold * max(len(x), len(y)):
        return False  # |x & y| / |x | y| <= min / max, so the Jaccard cannot reach the threshold
    return len(x & y) / len(x | y) >= threshold


def _reference(texts: list[str], threshold: float = 0.9) -> dict[int, int]:
    """The definition, pair by pair, on plain Python sets of word tuples."""
    sets = [_shingles(t) for t in texts]
    duplicates: dict[int, int] = {}
    firsts: list[int] = []
    seen: dict[tuple[str, ...], int] = {}
    for j, text in enumerate(texts):
        words = tuple(re.findall(r"[^\W_]+", text.casefold()))
        if words in seen:
            duplicates[j] = seen[words]
            continue
        match = next((i for i in firsts if sets[j] and _similar(sets[i], sets[j], threshold)), None)
        if match is not None:
            duplicates[j] = match
        else:
            firsts.append(j)
        seen[words] = duplicates.get(j, j)
    return duplicates


def _variants(rng: random.Random, count: int, bases: int) -> list[str]:
    vocabulary = [f"w{n}" for n in range(400)]
    originals = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 80))) for _ in range(bases)]
    texts = []
    for _ in range(count):
        words = rng.choice(originals).split()
        for _ in range(rng.choice([0, 0, 1, 2, 5])):
            if words:
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
        texts.append(" ".join(words))
    return texts


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_dedup_matches_the_pairwise_definition(seed):
    texts = _variants(random.Random(seed), count=60, bases=12)
    assert find_duplicates([make_article(t) for t in texts]) == _reference(texts)


def test_dedup_an_exact_copy_of_a_near_duplicate_maps_to_the_first_copy():
    edited = STORY.replace("Monday", "Tuesday")
    articles = [make_article(STORY), make_article(edited), make_article(edited.upper())]
    assert find_duplicates(articles) == {1: 0, 2: 0}


def test_dedup_a_thousand_articles():
    texts = _variants(random.Random(1), count=1_000, bases=150)
    duplicates = find_duplicates([make_article(t) for t in texts])
    assert duplicates == _reference(texts)
    assert all(first not in duplicates and first < copy for copy, first in duplicates.items())
