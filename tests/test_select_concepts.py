"""Concept coverage, its sentence priors (the centroid score, the position decay) and its long-sentence rule."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import demo_articles, make_article
from scipy import sparse

import newsbrief
from newsbrief.datatypes import Budget
from newsbrief.pipeline import DEFAULT_METHOD
from newsbrief.registry import methods
from newsbrief.represent.prepared import prepare
from newsbrief.represent.tfidf import build_tfidf
from newsbrief.select import builtin  # noqa: F401  (registers the built-in methods)
from newsbrief.select.base import candidate_mask
from newsbrief.select.concepts import (
    CentroidConceptSelector,
    ConceptSelector,
    ConceptTable,
    LongBudgetConceptSelector,
    greedy_cover,
    sentence_prior,
)

CONCEPT_METHODS = ["concepts", "concepts.v2", "concepts.v3", "concepts-position"]


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


# One 72-word prose sentence (12 words, six times, no stop inside), then two short ones.
LONG = " ".join(["The dam broke on Monday and the water flooded the low town"] * 6) + "."
LONG_STORY = f"{LONG} Rescuers reached the town by boat. The mayor asked the state for help."


def test_candidate_mask_long_sentence_stands_when_it_costs_at_most_its_share_of_the_budget() -> None:
    cluster = prepare([make_article(LONG_STORY)])
    assert len(cluster.sentences[0].text.split()) == 72
    assert candidate_mask(cluster, Budget("words", 300)).tolist() == [False, True, True]  # off by default
    share = 1 / 3
    assert candidate_mask(cluster, Budget("words", 100), long_share=share).tolist() == [False, True, True]
    # 72 words <= 216 / 3, but > 215 / 3.
    assert candidate_mask(cluster, Budget("words", 216), long_share=share).tolist() == [True, True, True]
    assert candidate_mask(cluster, Budget("words", 215), long_share=share).tolist() == [False, True, True]
    length = len(cluster.sentences[0].text.encode())
    assert candidate_mask(cluster, Budget("bytes", 3 * length), long_share=share)[0]
    assert not candidate_mask(cluster, Budget("bytes", 3 * length - 1), long_share=share)[0]
    # A sentence budget says nothing about length: the long sentence stays out.
    assert not candidate_mask(cluster, Budget("sentences", 5), long_share=share)[0]


def test_concepts_v3_is_the_default_and_v2_is_kept() -> None:
    assert DEFAULT_METHOD == "concepts.v3"
    v3 = methods.create("concepts.v3")
    assert isinstance(v3, LongBudgetConceptSelector) and v3.name == "concepts.v3"
    assert v3.long_share == pytest.approx(1 / 3) and v3.centroid_weight == 1.0 and v3.position_decay == 0.0
    assert methods.create("concepts.v2").long_share == 0.0
    assert newsbrief.brief(demo_articles(), budget="100w", sections="none").method == "concepts.v3"


def test_concepts_v3_takes_a_long_sentence_only_under_a_long_budget() -> None:
    cluster = prepare([make_article(LONG_STORY)])
    v2, v3 = methods.create("concepts.v2"), methods.create("concepts.v3")
    assert 0 in v3.select(cluster, Budget("words", 300))
    assert 0 not in v2.select(cluster, Budget("words", 300))
    assert v3.select(cluster, Budget("words", 100)) == v2.select(cluster, Budget("words", 100))
    assert 0 not in v3.select(cluster, Budget("words", 100))


@pytest.mark.parametrize("budget", ["100w", "150w", "665b", "3s"])
def test_concepts_v3_selects_as_v2_when_a_third_of_the_budget_is_under_every_long_sentence(budget: str) -> None:
    # The demo's longest sentence has 63 words: over MAX_WORDS, and over a third of each budget here.
    cluster = prepare(demo_articles())
    assert max(len(s.text.split()) for s in cluster.sentences) == 63
    limit = Budget.parse(budget)
    assert methods.create("concepts.v3").select(cluster, limit) == methods.create("concepts.v2").select(cluster, limit)
    # Under 300 words (a third: 100) the 63-word sentence, and only it, joins the candidates.
    wide = Budget("words", 300)
    added = candidate_mask(cluster, wide, long_share=1 / 3) & ~candidate_mask(cluster, wide)
    assert [len(cluster.sentences[i].text.split()) for i in np.flatnonzero(added)] == [63]


def _plain_greedy(table: ConceptTable, costs: np.ndarray, candidates: np.ndarray, limit: float,
                  prior: np.ndarray) -> list[int]:
    """The textbook loop: every gain recomputed after every pick (what ``greedy_cover`` must equal)."""
    remaining, available, chosen, spent = table.weights.copy(), candidates.copy(), [], 0.0
    while available.any():
        gains = (table.matrix @ remaining) * prior
        ratio = np.where(available, gains / costs, -np.inf)
        best = int(np.argmax(ratio))
        if not np.isfinite(ratio[best]) or gains[best] <= 0:
            break
        available[best] = False
        if spent + costs[best] <= limit:
            chosen.append(best)
            spent += costs[best]
            remaining[table.matrix[best].indices] = 0.0
    return chosen


@pytest.mark.parametrize("seed", range(30))
def test_concepts_lazy_greedy_picks_what_the_plain_greedy_picks(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_sentences, n_concepts = int(rng.integers(1, 40)), int(rng.integers(1, 60))
    incidence = rng.random((n_sentences, n_concepts)) < 0.15
    # Small integer weights and costs make many exact ties, which must go to the lower index.
    table = ConceptTable(matrix=sparse.csr_matrix(incidence.astype(float)),
                         weights=rng.integers(0, 4, n_concepts).astype(float))
    costs = rng.integers(1, 6, n_sentences).astype(float)
    candidates = rng.random(n_sentences) < 0.8
    prior = rng.choice([0.5, 1.0, 1.0, 2.0], n_sentences)
    limit = float(rng.integers(1, 20))
    assert greedy_cover(table, costs, candidates, limit, cost_exponent=1.0, prior=prior) == \
        _plain_greedy(table, costs, candidates, limit, prior)
