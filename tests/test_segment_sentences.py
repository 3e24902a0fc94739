"""Sentence splitting: offsets, paragraphs, quotes kept whole."""

from __future__ import annotations

import blingfire
from conftest import DEMO_PATHS, data_clusters
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.segment.sentences import _Buffers, _sentence_offsets, split_sentences, split_text


def test_sentences_offsets_slice_the_original_text() -> None:
    for path in DEMO_PATHS:
        text = path.read_text("utf-8")
        sentences = split_sentences(text, article_id="x")
        assert sentences
        for i, s in enumerate(sentences):
            assert text[s.start:s.end] == s.text
            assert s.index == i


def test_sentences_never_cross_a_line_break() -> None:
    text = "First line without a stop\nSecond line. Third sentence here."
    assert split_text(text) == ["First line without a stop", "Second line.", "Third sentence here."]


def test_sentences_keep_a_multi_sentence_quote_whole() -> None:
    text = "“And again, no rockets. There’s no rockets. We’re doing very well.” He left. Then he came back."
    assert split_text(text) == ["“And again, no rockets. There’s no rockets. We’re doing very well.”",
                                "He left.", "Then he came back."]


def test_sentences_straight_quotes_kept_whole() -> None:
    text = '"We will win. We always do," she said. The vote is Monday.'
    assert split_text(text) == ['"We will win. We always do," she said.', "The vote is Monday."]


def test_sentences_unbalanced_quote_does_not_swallow_the_paragraph() -> None:
    pieces = ["“A stray quote opens here.", *[f"Sentence number {i} ends." for i in range(12)]]
    assert len(split_text(" ".join(pieces))) == len(pieces)


def test_sentences_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


def test_sentences_spans_restrict_segmentation() -> None:
    text = "Keep this one. Drop this one.\nKeep that one."
    sentences = split_sentences(text, spans=[(0, 14), (30, len(text))])
    assert [s.text for s in sentences] == ["Keep this one.", "Keep that one."]


def test_sentences_invariant_on_shared_data() -> None:
    for record in data_clusters("duc2004_dev.jsonl", limit=3):
        for doc in record["documents"]:
            for s in split_sentences(doc):
                assert doc[s.start:s.end] == s.text


_LINES = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120) \
    .map(lambda s: s.replace("\n", " "))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["Mr. Kim said it.", "“Yes.”", "Ünïcode wörds!", "日本語の文。", "😀 ok.", " ", "x?"]),
                min_size=1, max_size=8).map(" ".join) | _LINES)
def test_sentence_offsets_match_bling_fires_own_wrapper(line: str) -> None:
    # The fast byte-to-character mapping must give exactly Bling Fire's own spans.
    assert _sentence_offsets(line) == blingfire.text_to_sentences_and_offsets(line)[1]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(_LINES, min_size=2, max_size=6))
def test_sentence_offsets_with_buffers_reused_across_lines_match_the_wrapper(lines: list[str]) -> None:
    # A long line's output stays in the shared buffers; the next, shorter line must not read it.
    buffers = _Buffers()
    for line in sorted(lines, key=len, reverse=True):
        assert _sentence_offsets(line, buffers) == blingfire.text_to_sentences_and_offsets(line)[1]


def test_sentence_offsets_with_reused_buffers_match_the_wrapper_on_shared_data() -> None:
    buffers = _Buffers()
    for record in data_clusters("duc2003_task2.jsonl", limit=3):
        for doc in record["documents"]:
            for line in filter(str.strip, doc.split("\n")):
                assert _sentence_offsets(line, buffers) == blingfire.text_to_sentences_and_offsets(line)[1]
