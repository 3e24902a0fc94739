"""ROUGE: hand-checkable values, the DUC mean over references, and parity with rouge-score."""

from __future__ import annotations

import pytest
from conftest import data_clusters

from newsbrief.datatypes import Budget
from newsbrief.evaluate.peers import LeadSummarizer
from newsbrief.evaluate.rouge import METRICS, RougeScore, RougeScorer, reference_lines, sentence_lines, tokenize
from newsbrief.select.truncate import cut_to_budget


def test_rouge_hand_checkable_unigrams() -> None:
    # rouge-score's own example: 1 of 3 reference words found, the one predicted word right.
    score = RougeScorer(["rouge1"]).score("testing one two", "testing")["rouge1"]
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx(1 / 3)
    assert score.fmeasure == pytest.approx(1 / 2)
    assert score.f1 == score.fmeasure


def test_rouge_hand_checkable_bigrams_and_stemming() -> None:
    # "the cats sat" vs "the cat sits": stems the/cat/sat vs the/cat/sit -> 2 of 3 unigrams, 1 of 2 bigrams.
    scores = RougeScorer().score("the cats sat", "the cat sits")
    assert scores["rouge1"] == pytest.approx(RougeScore(2 / 3, 2 / 3, 2 / 3))
    assert scores["rouge2"] == pytest.approx(RougeScore(1 / 2, 1 / 2, 1 / 2))


def test_rouge_tokenize_is_rouge_score_tokenization() -> None:
    assert tokenize("The Running dogs, 3.5% jumped!") == ["the", "run", "dog", "3", "5", "jump"]


def test_rouge_empty_text_scores_zero() -> None:
    scores = RougeScorer().score("a reference sentence", "")
    assert all(scores[m] == (0.0, 0.0, 0.0) for m in METRICS)
    assert RougeScorer().score_mean([], "anything")["rouge1"] == (0.0, 0.0, 0.0)


def test_rouge_score_mean_averages_over_references() -> None:
    # Against "testing" alone R=1; against "testing one two" R=1/3; the DUC mean is 2/3 (not the max).
    score = RougeScorer(["rouge1"]).score_mean(["testing one two", "testing"], "testing")["rouge1"]
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(1.0)
    assert score.fmeasure == pytest.approx((1 / 2 + 1) / 2)


def test_rouge_lsum_reads_one_sentence_a_line() -> None:
    target = "police arrested the man\nthe storm hit the coast"
    one_line = RougeScorer(["rougeLsum"]).score(target, "the storm hit the coast police arrested the man")
    two_lines = RougeScorer(["rougeLsum"]).score(target, "the storm hit the coast\npolice arrested the man")
    assert two_lines["rougeLsum"].fmeasure == pytest.approx(1.0)
    assert one_line["rougeLsum"].fmeasure == pytest.approx(1.0)  # union LCS per reference sentence
    assert sentence_lines(["  First  one. ", "", "Second\none."]) == "First one.\nSecond one."


def test_rouge_reference_lines_split_by_our_splitter() -> None:
    assert reference_lines("He left. She stayed.\nThey met again.") == "He left.\nShe stayed.\nThey met again."


def _real_pairs(limit: int) -> list[tuple[str, str]]:
    """(reference, lead summary) pairs from real clusters, as the runner builds them."""
    pairs = []
    for name, budget in (("duc2004_dev.jsonl", Budget("words", 100)), ("multinews_dev.jsonl", Budget("words", 300))):
        for record in data_clusters(name, limit // 2):
            summary = cut_to_budget(LeadSummarizer().summarize(record["documents"], budget), budget)
            pairs.append((reference_lines(record["summaries"][0]), sentence_lines(summary)))
    return pairs


def test_rouge_parity_with_reference_rouge_score_on_real_clusters() -> None:
    rouge_score = pytest.importorskip("rouge_score.rouge_scorer")
    reference = rouge_score.RougeScorer(list(METRICS), use_stemmer=True)
    ours = RougeScorer(METRICS)
    pairs = _real_pairs(20)
    assert len(pairs) == 20
    for target, prediction in pairs:
        expected, got = reference.score(target, prediction), ours.score(target, prediction)
        for metric in METRICS:
            assert got[metric].precision == pytest.approx(expected[metric].precision, abs=1e-4)
            assert got[metric].recall == pytest.approx(expected[metric].recall, abs=1e-4)
            assert got[metric].fmeasure == pytest.approx(expected[metric].fmeasure, abs=1e-4)
