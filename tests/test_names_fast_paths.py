"""The names stage's quick paths find exactly what the searches they stand in for find."""

from __future__ import annotations

import random
import re
import sys

from conftest import data_clusters, spliced

from newsbrief.names import patterns
from newsbrief.names.entities import AliasFinder
from newsbrief.names.patterns import ProperWords, find_names, proper_words
from newsbrief.represent.literals import literal_alternation
from newsbrief.segment.sentences import split_sentences


def _dev_clusters(limit: int = 12) -> list[list[str]]:
    """The first DUC 2004 and full-text Multi-News dev clusters."""
    return [c["documents"] for name in ("duc2004_dev.jsonl", "multinews_dev_fulltext.jsonl")
            for c in data_clusters(name, limit)]


HAND = [
    "Photo by Jane Doe", "(Reporting by Carlos Valdez; Editing by Eric Beech)", "Photograph: Kevin Standage",
    "PHOTOGRAPHED BY Ann Lee", "credit : Bob", "Images by: Ann", "Written by Ann Lee", "Compiled by Ann",
    "Pictures by Ann Lee and Bob Ray", "ſomething by Ann", "picture bY Ann", "photos : Ann", "Byron Lee spoke",
    "Standby Ann Lee", "the credit by", "Reporting By Ann Lee.", "writing:Ann",
]


def test_only_ascii_letters_fold_to_b_and_y() -> None:
    # The credit filter looks for "by" in the lower-cased window: no other code point may match them.
    for letter in "by":
        pattern = re.compile(f"(?i){letter}")
        assert [chr(c) for c in range(sys.maxunicode + 1) if pattern.fullmatch(chr(c))] == [letter.upper(), letter]


def test_credit_filter_never_skips_a_match() -> None:
    texts = HAND + [doc for cluster in _dev_clusters() for doc in cluster]
    texts += spliced(HAND + texts[:200], 3000, glues=["", " ", ":", "\n", "(", " by "], upper=0.3, seed=11)
    checked = matched = 0
    for text in texts:
        for at in range(0, len(text) + 1, 7):
            expected = patterns._CREDIT_BEFORE.search(text, max(0, at - 80), at) is not None
            assert patterns._credit_before(text, at) == expected, (text, at)
            checked += 1
            matched += expected
    assert matched > 50 and checked > matched


def test_line_verdicts_kept_with_the_cluster_change_no_name() -> None:
    for docs in _dev_clusters(6):
        sentences = [split_sentences(doc, article_id=str(i)) for i, doc in enumerate(docs)]
        proper = proper_words(docs, sentences)
        assert isinstance(proper, ProperWords)
        plain = frozenset(proper)  # no cache: each call judges its lines afresh
        for i, sents in enumerate(sentences):
            for sent in sents:
                assert find_names(docs[i], sent.start, sent.end, proper=proper) == \
                    find_names(docs[i], sent.start, sent.end, proper=plain)
        assert proper.lines


def _trie_spans(aliases: list[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    pattern = re.compile(literal_alternation(aliases, word_start=True) + r"(?![\w-])")
    return [m.span() for m in pattern.finditer(text, start, end)]


def test_alias_finder_finds_what_the_trie_finds() -> None:
    rng = random.Random(5)
    found = 0
    for docs in _dev_clusters(6):
        sentences = [split_sentences(doc, article_id=str(i)) for i, doc in enumerate(docs)]
        proper = proper_words(docs, sentences)
        names = sorted({n.text for i, sents in enumerate(sentences) for s in sents
                        for n in find_names(docs[i], s.start, s.end, proper=proper)})
        # Names, their last words (nested aliases: "Lee" in "Ann Lee") and a few odd ones.
        aliases = names + sorted({n.split()[-1] for n in names}) + ["U.S.", "al-Assad", "Ann-", "(AP)", "]x"]
        finder = AliasFinder(aliases)
        for i, sents in enumerate(sentences):
            for sent in sents:
                expected = _trie_spans(aliases, docs[i], sent.start, sent.end)
                assert list(finder.spans(docs[i], sent.start, sent.end)) == expected
                found += len(expected)
        # Seeded texts packed with aliases, glued by hyphens, letters and cut at odd ends.
        for _ in range(300):
            text = "".join(rng.choice(aliases) + rng.choice(["", " ", "-", "s", "'s ", ". ", "\n"]) for _ in range(8))
            start = rng.randrange(len(text) // 2)
            end = rng.randrange(start, len(text) + 1)
            assert list(finder.spans(text, start, end)) == _trie_spans(aliases, text, start, end)
    assert found > 200


def test_alias_finder_with_no_or_empty_aliases() -> None:
    assert list(AliasFinder([]).spans("Ann Lee", 0, 7)) == []
    assert list(AliasFinder(["", "Ann"]).spans("Ann Lee", 0, 7)) == _trie_spans(["", "Ann"], "Ann Lee", 0, 7)
