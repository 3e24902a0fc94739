"""The oracle: an upper bound that plays by the budget."""

from __future__ import annotations

import pytest
from conftest import data_clusters

from newsbrief.datatypes import Budget
from newsbrief.evaluate.oracle import OracleSummarizer
from newsbrief.evaluate.peers import create_system
from newsbrief.evaluate.rouge import RougeScorer, reference_lines, sentence_lines
from newsbrief.select.truncate import cut_to_budget


def test_oracle_picks_the_sentences_of_the_reference() -> None:
    docs = ["The storm hit the coast on Monday. Officials met in the capital.",
            "Thousands lost power. A football match was cancelled."]
    out = OracleSummarizer(measure="recall").summarize(
        docs, Budget("words", 12), references=["The storm hit the coast. Thousands lost power."])
    assert out == ["The storm hit the coast on Monday.", "Thousands lost power."]


def test_oracle_without_references_is_empty() -> None:
    assert OracleSummarizer().summarize(["One sentence here."], Budget("words", 10)) == []


@pytest.mark.parametrize("budget", [Budget("words", 40), Budget("bytes", 200)])
def test_oracle_cuts_its_last_sentence_to_the_budget(budget: Budget) -> None:
    record = next(data_clusters("duc2004_dev.jsonl", 1))
    out = OracleSummarizer(measure="recall").summarize(record["documents"], budget, references=record["summaries"])
    assert out and budget.measure(out) <= budget.limit
    assert cut_to_budget(out, budget) == out


def _mean_scores(name: str, clusters: list[dict], budget: Budget, measure: str) -> dict[str, float]:
    system = OracleSummarizer(measure=measure) if name == "oracle" else create_system(name)
    scorer = RougeScorer()
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
    for record in clusters:
        kwargs = {"references": record["summaries"]} if name == "oracle" else {}
        out = cut_to_budget(system.summarize(record["documents"], budget, **kwargs), budget)
        scores = scorer.score_mean([reference_lines(r) for r in record["summaries"]], sentence_lines(out))
        for metric in totals:
            totals[metric] += scores[metric].get(measure) / len(clusters)
    return totals


@pytest.mark.parametrize(("name", "limit", "budget", "measure"), [
    ("duc2004_dev.jsonl", 2, Budget("words", 100), "recall"),
    ("multinews_dev.jsonl", 6, Budget("words", 300), "f"),
])
def test_oracle_is_above_every_system(name: str, limit: int, budget: Budget, measure: str) -> None:
    pytest.importorskip("sumy")
    clusters = list(data_clusters(name, limit))
    oracle = _mean_scores("oracle", clusters, budget, measure)
    for system in ("newsbrief", "lead", "lexrank", "textrank", "lsa"):
        scores = _mean_scores(system, clusters, budget, measure)
        for metric in ("rouge1", "rouge2"):
            assert oracle[metric] > scores[metric], (system, metric, oracle, scores)
