"""Quick paths of the names stage (p23) find exactly what the searches they stand in for find; NER reading
only its word attributes labels as before."""

from __future__ import annotations

import random
import re

import pytest
from conftest import data_clusters, spliced

from newsbrief.names import evidence
from newsbrief.names.aliases import NameIndex
from newsbrief.names.entities import AliasFinder
from newsbrief.represent.literals import literal_alternation

CUE_PATTERNS = (evidence._WORK_BEFORE, evidence._ROLE_BEFORE, evidence._PLACE_BEFORE)
HAND = [
    "in the film ", "starring \u201c", "the 2003 film 'Born ", "he plays  ", "he PLAYED\n", "Appeared on ",
    "appeared  on ", "role of\u00a0", "worked on \u2028", "episode of ", "roles in ", "star of'", "lived in ",
    "throughout\t", "towards ", "a \u212arazy film ", "\u017fhow ", "ſeries ", "seen in \"", "book '\n",
    "a documentary ''", "in\n", "film\n\n", "a film called", "in  ' ", "novel  \u201c ", "memoir\u00a0\u00a0",
]


def _befores() -> list[str]:
    """40-character windows before every position of dev texts, the hand cases, and seeded splices of both."""
    docs = [doc for name in ("duc2004_dev.jsonl", "multinews_dev_fulltext.jsonl")
            for cluster in data_clusters(name, 6) for doc in cluster["documents"]]
    out = list(HAND)
    for doc in docs:
        out += [doc[max(0, at - 40):at] for at in range(0, len(doc), 3)]
    glues = ["", " ", "  ", "\n", "'", "\u201c", "\u00a0"]
    out += spliced([t for t in HAND + out[:400] if t], 4000, glues=glues, upper=0.3, seed=23)
    return out


def test_evidence_cue_search_from_closing_words_finds_what_a_full_search_finds() -> None:
    found = 0
    for before in _befores():
        at = evidence.closing_words_at(before)
        for pattern in CUE_PATTERNS:
            expected = pattern.search(before) is not None
            assert (pattern.search(before, at) is not None) == expected, (pattern.pattern, before)
            found += expected
    assert found > 100  # the windows hold real cues, not only misses


def test_evidence_longest_cue_is_longer_than_every_cue_word() -> None:
    # The cue alternations are plain words ("appeared (?:on|in)" spelt out): none may be longer than the window.
    for pattern in CUE_PATTERNS:
        group = re.search(r"\\b\(\?:(.*)\)\\s\+", pattern.pattern).group(1).replace("(?:on|in)", "on")
        words = [w.replace("s?", "s") for w in group.split("|")]
        assert all(re.fullmatch(r"[a-z ]+", w) for w in words), words  # plain words: the width is the length
        assert words and max(map(len, words)) < evidence._LONGEST_CUE, words


def test_evidence_work_list_and_archive_filters_skip_no_match() -> None:
    texts = [b + "Name said" for b in _befores()[::5]]
    texts += ["films including Point Break, True Romance and Wyatt Earp", "arcs on USA's Shooter",
              "Alexa gives crawl data to the Internet Archive. Wayback Machine after an embargo"]
    for text in texts:
        at = len(text) - len("Name said") if text.endswith("Name said") else len(text) // 2
        before = text[max(0, at - 160):at]
        expected = any(evidence._LIST_ITEMS.fullmatch(before, cue.end())
                       for cue in evidence._WORK_LIST.finditer(before)) and not text.startswith(("’s", "'s"), at)
        assert evidence._in_work_list(text, at, at) == expected, text
        archive = re.compile("|".join(evidence._ARCHIVE_PHRASES))
        for lo, hi in ((0, len(text)), (max(0, at - 120), at + 120), (5, len(text) - 3)):
            assert evidence._archive_note(text, lo, hi) == (archive.search(text, lo, hi) is not None)


def test_alias_finder_by_two_characters_matches_the_trie() -> None:
    rng = random.Random(7)
    docs = [doc for cluster in data_clusters("duc2004_dev.jsonl", 6) for doc in cluster["documents"]]
    words = sorted({w for doc in docs for w in re.findall(r"[A-Z][\w-]*(?: [A-Z][\w-]*)?", doc)})
    for trial in range(40):
        aliases = rng.sample(words, 60) + ["A", "B", "Al", "U.S.", "I"][: trial % 6]
        finder = AliasFinder(aliases)
        trie = re.compile(literal_alternation(sorted(set(aliases)), word_start=True) + r"(?![\w-])")
        for doc in docs[trial % len(docs):][:3]:
            for start, end in ((0, len(doc)), (len(doc) // 3, len(doc) // 2)):
                assert list(finder.spans(doc, start, end)) == [m.span() for m in trie.finditer(doc, start, end)]


def test_canonical_reads_the_groups_members_only() -> None:
    index = NameIndex()
    for surface, n in (("Nicole Polizzi", 2), ("Polizzi", 3), ("Nicole Pollizzi", 2), ("Pollizzi", 1),
                       ("Ann Lee", 1), ("Lee", 5), ("POLIZZI", 2)):
        for _ in range(n):
            index.add(surface, "PERSON")
    assert index.canonical("Polizzi") == "Nicole Polizzi"  # the spelling its lone last word backs
    assert index.canonical("Ann Lee") == "Ann Lee"


def test_ner_reading_only_its_word_attributes_labels_as_before() -> None:
    # Every word new to both vocabularies: one pipeline works out all 23 attributes of a word, the other six.
    spacy = pytest.importorskip("spacy")
    from newsbrief.errors import ModelUnavailableError
    from newsbrief.names import entities

    try:
        ours = entities.load_model()
    except ModelUnavailableError as exc:
        pytest.skip(str(exc))
    name = next(n for n in entities.MODEL_NAMES if spacy.util.is_package(n))
    every = spacy.load(name, exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer",
                                      "tokenizer"])
    entities.use_numpy_blas(every)
    assert len(ours.vocab.lex_attr_getters) == len(entities.NER_WORD_ATTRIBUTES)
    assert len(every.vocab.lex_attr_getters) > len(entities.NER_WORD_ATTRIBUTES)
    texts = [line for name in ("duc2004_dev.jsonl", "multinews_dev_fulltext.jsonl")
             for cluster in data_clusters(name, 5) for doc in cluster["documents"]
             for line in doc.splitlines() if line.strip()]
    texts += ["https://t.co/x9 e-mail ann@lee.com on 3/4 at 10:30 ..., 1,200 km \u00a0 Dr. O'Neill"]
    found = 0
    for a, b in zip(ours.pipe(texts), every.pipe(texts), strict=True):
        assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == \
            [(e.start_char, e.end_char, e.label_) for e in b.ents]
        found += len(a.ents)
    assert found > 500
