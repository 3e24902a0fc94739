"""Invariants of the core value types."""

from __future__ import annotations

import pytest

from newsbrief.datatypes import Article, BriefSentence, Budget, Citation, Sentence, article_id_for
from newsbrief.errors import BudgetError


@pytest.mark.parametrize(("text", "unit", "limit"), [
    ("120w", "words", 120), ("5s", "sentences", 5), ("600b", "bytes", 600),
    ("120 words", "words", 120), ("7", "words", 7), (" 3 sentences ", "sentences", 3),
])
def test_datatypes_budget_parse(text: str, unit: str, limit: int) -> None:
    assert Budget.parse(text) == Budget(unit, limit)  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "message"), [
    ("0w", "must be a positive number of words, got 0"),
    ("-5s", "must be a positive number of sentences, got -5"),
    ("12 parsecs", "unknown budget unit 'parsecs'"),
    ("lots", "cannot read budget 'lots'"),
])
def test_datatypes_budget_rejects_bad_values(value: str, message: str) -> None:
    with pytest.raises(BudgetError, match=message):
        Budget.parse(value)


def test_datatypes_budget_from_options_rejects_two_units() -> None:
    with pytest.raises(BudgetError, match="give one budget, not words and bytes"):
        Budget.from_options(words=10, bytes=100)
    assert Budget.from_options() == Budget("words", 100)


def test_datatypes_budget_measure_counts_joining_spaces_in_bytes() -> None:
    budget = Budget("bytes", 100)
    assert budget.measure(["ab", "cdé"]) == 2 + 4 + 1
    assert Budget("words", 5).measure(["one two", "three"]) == 3
    assert Budget("sentences", 5).measure(["a", "b"]) == 2


def test_datatypes_article_id_is_stable_and_content_derived() -> None:
    a, b = Article.make("Same text.", source="x"), Article.make("Same text.", source="x")
    assert a.id == b.id == article_id_for("Same text.", "x")
    assert Article.make("Same text.", source="y").id != a.id
    assert Article.make("t", id="given").id == "given"


def test_datatypes_sentence_span_must_fit_text() -> None:
    Sentence("a", 0, 3, 6, "abc")
    with pytest.raises(ValueError, match="does not fit"):
        Sentence("a", 0, 3, 7, "abc")


def test_datatypes_brief_sentence_needs_a_citation() -> None:
    with pytest.raises(ValueError, match="at least one source"):
        BriefSentence("text", ())
    sentence = BriefSentence("t", (Citation("a", 0, 0, 1, 1.0, 2), Citation("b", 0, 0, 1, 0.5, 1)))
    assert sentence.sources == (1, 2)
