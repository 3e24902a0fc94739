"""Concept coverage and its sentence priors: the centroid score and the position decay."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import demo_articles, make_article

import newsbrief
from newsbrief.datatypes import Budget
from newsbrief.registry import methods
from newsbrief.represent.prepared import prepare
from newsbrief.represent.tfidf import build_tfidf
from newsbrief.select import builtin  # noqa: F401  (registers the built-in methods)
from newsbrief.select.concepts import CentroidConceptSelector, ConceptSelector, sentence_prior

CONCEPT_METHODS = ["concepts", "concepts.v2", "concepts-position"]


def test_tfidf_centroid_similarity_by_hand() -> None:
    # Rows e_a, e_a, e_b (one term each, unit length): the centroid is (2, 1)/sqrt(5).
    matrix = build_tfidf([["a"], ["a"], ["b"], []])
    assert matrix.centroid_similarity() == pytest.approx([2 / math.sqrt(5), 2 / math.sqrt(5), 1 / math.sqrt(5), 0])


def test_tfidf_centroid_similarity_of_nothing_is_zero() -> None:
    assert build_tfidf([[], []]).centroid_similarity().tolist() == [0.0, 0.0]
    assert build_tfidf([]).centroid_similarity().shape == (0,)


def test_concepts_sentence_prior_off_is_neutral() -> None:
    cluster = prepare(demo_articles())
    assert sentence_prior(cluster, centroid_weight=0.0, position_decay=0.0).tolist() == [1.0] * len(cluster.sentences)


def test_concepts_sentence_prior_is_centroid_cosine_times_position_decay() -> None:
    cluster = prepare([make_article("The dam broke on Monday. Water reached the town. The mayor called for help."),
                       make_article("The dam broke after heavy rain. Rescuers reached the town by boat.")])
    cosine = cluster.tfidf.centroid_similarity()
    assert sentence_prior(cluster, centroid_weight=1.0, position_decay=0.0) == pytest.approx(cosine)
    # Two articles, decay 5: the third sentence of an article weighs exp(-2 / 10).
    decay = sentence_prior(cluster, centroid_weight=0.0, position_decay=5.0)
    assert decay == pytest.approx([math.exp(-s.index / 10) for s in cluster.sentences])
    assert decay[2] == pytest.approx(math.exp(-0.2))
    both = sentence_prior(cluster, centroid_weight=2.0, position_decay=5.0)
    assert both == pytest.approx(cosine ** 2 * decay)


def test_concepts_v2_is_registered_and_old_concepts_kept() -> None:
    v2 = methods.create("concepts.v2")
    assert isinstance(v2, CentroidConceptSelector) and v2.name == "concepts.v2" and v2.centroid_weight == 1.0
    old = methods.create("concepts")
    assert type(old) is ConceptSelector and old.centroid_weight == 0.0 and old.position_decay == 0.0
    assert methods.create("concepts-position").position_decay == 7.5


def test_concepts_v2_without_prior_selects_as_concepts() -> None:
    cluster = prepare(demo_articles())
    budget = Budget("words", 120)
    assert CentroidConceptSelector(centroid_weight=0.0).select(cluster, budget) == ConceptSelector().select(
        cluster, budget)


@pytest.mark.parametrize("method", CONCEPT_METHODS)
@pytest.mark.parametrize("budget", ["100w", "3s", "665b"])
def test_concepts_methods_keep_the_budget_and_repeat(method: str, budget: str) -> None:
    first = newsbrief.brief(demo_articles(), budget=budget, method=method, sections="none")
    again = newsbrief.brief(demo_articles(), budget=budget, method=method, sections="none")
    texts = [s.text for s in first.sentences]
    assert texts and 0 < Budget.parse(budget).measure(texts) <= Budget.parse(budget).limit
    assert texts == [s.text for s in again.sentences]
    assert all(s.citations for s in first.sentences)


@pytest.mark.parametrize("method", CONCEPT_METHODS)
def test_concepts_methods_on_one_sentence_and_on_nothing(method: str) -> None:
    selector = methods.create(method)
    one = prepare([make_article("The dam broke on Monday after heavy rain.")])
    assert selector.select(one, Budget("words", 100)) == [0]
    assert selector.select(prepare([make_article("   ")]), Budget("words", 100)) == []
    assert np.all(sentence_prior(one, centroid_weight=1.0, position_decay=7.5) > 0)


@pytest.mark.parametrize("method", CONCEPT_METHODS)
@pytest.mark.parametrize("text", ["Hello.", "Yes. No. Maybe.", "x"])
def test_concepts_methods_on_text_without_a_single_concept(method: str, text: str) -> None:
    # No bigram at all: the concept table is empty, and the brief still comes out (or says why it is empty).
    result = newsbrief.brief([text], budget="100w", method=method, sections="none")
    if text == "x":  # one letter: no content word at all
        assert not result.sentences and "carries a content word" in result.notes[-1]
    else:
        assert result.sentences and all(s.text in text for s in result.sentences) and not result.notes


def test_concept_table_is_built_once_per_cluster_and_parameters() -> None:
    from newsbrief.select.concepts import concept_table

    cluster = prepare(demo_articles())
    first = concept_table(cluster, unigram_weight=0.0, position_boost=2.0, kind="words", df_power=1.5)
    assert concept_table(cluster, unigram_weight=0.0, position_boost=2.0, kind="words", df_power=1.5) is first
    other = concept_table(cluster, unigram_weight=0.0, position_boost=1.0, kind="words", df_power=1.5)
    assert other is not first and not np.array_equal(other.weights, first.weights)
    fresh = concept_table(prepare(demo_articles()), unigram_weight=0.0, position_boost=2.0, kind="words",
                          df_power=1.5)
    assert fresh is not first and np.array_equal(fresh.weights, first.weights)
