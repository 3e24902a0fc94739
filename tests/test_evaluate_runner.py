"""The evaluation runner: equal cuts, honest errors, repeatable figures, and its renderings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import data_clusters, data_file

import newsbrief
from newsbrief.datatypes import Budget
from newsbrief.errors import BudgetError, ConfigError, InputError, MalformedRecordError, UnknownAlgorithmError
from newsbrief.evaluate.peers import LeadSummarizer
from newsbrief.evaluate.runner import EvaluationResult, evaluate, parse_systems
from newsbrief.select.truncate import cut_to_budget

CLUSTER = {
    "id": "c1",
    "documents": ["The storm hit the coast on Monday. Thousands lost power. Schools closed.",
                  "A storm struck the coast. Power went out for thousands. Repairs began on Tuesday."],
    "summaries": ["A storm hit the coast on Monday and thousands lost power."],
}


def write_jsonl(path: Path, records: list[dict | str]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), "utf-8")
    return path


@pytest.mark.parametrize("budget", [Budget("words", 100), Budget("words", 37), Budget("bytes", 665)])
def test_runner_cut_is_exactly_the_budget(budget: Budget) -> None:
    for record in data_clusters("duc2004_dev.jsonl", 3):
        cut = cut_to_budget(LeadSummarizer().summarize(record["documents"], budget), budget)
        if budget.unit == "words":
            assert budget.measure(cut) == budget.limit
        else:  # a cut never splits a character and drops a trailing space: at most 4 bytes short
            assert budget.limit - 4 <= budget.measure(cut) <= budget.limit
        joined = " ".join(cut)
        source = " ".join(" ".join(record["documents"]).split())
        assert all(" ".join(s.split()) in source for s in cut)  # a prefix of source text, nothing added
        assert len(joined.split()) == sum(len(s.split()) for s in cut)


def test_runner_cut_leaves_short_summaries_alone() -> None:
    assert cut_to_budget(["Short one.", "Two."], Budget("words", 100)) == ["Short one.", "Two."]
    assert cut_to_budget(["one two three", "four five six"], Budget("words", 4)) == ["one two three", "four"]
    assert cut_to_budget(["héllo wörld"], Budget("bytes", 8)) == ["héllo w"]


def test_runner_scores_every_system_on_the_same_clusters(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "eval.jsonl", [CLUSTER, {**CLUSTER, "id": "c2"}])
    result = evaluate(data, systems="lead,oracle", budget="12w", measure="recall")
    assert isinstance(result, EvaluationResult)
    assert result.cluster_ids == ("c1", "c2")
    assert list(result.systems) == ["lead", "oracle"]
    lead, oracle = result.systems["lead"], result.systems["oracle"]
    assert len(lead.per_cluster["rouge1"]) == 2
    assert oracle.scores["rouge1"].mid >= lead.scores["rouge1"].mid
    assert result.baseline is None and result.comparisons == {}
    assert lead.seconds >= 0 and lead.clusters_per_second > 0


def test_runner_is_repeatable_and_public(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "eval.jsonl", [CLUSTER, {**CLUSTER, "id": "c2"}, {**CLUSTER, "id": "c3"}])
    first = newsbrief.evaluate(data, systems=["newsbrief", "lead"], budget=Budget("words", 15), limit=2)
    second = newsbrief.evaluate(data, systems=["newsbrief", "lead"], budget=Budget("words", 15), limit=2)
    assert first.cluster_ids == ("c1", "c2")
    assert first.systems["newsbrief"].scores == second.systems["newsbrief"].scores
    assert first.baseline == "newsbrief" and set(first.comparisons) == {"lead"}


def test_runner_to_dict_is_in_percent(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "eval.jsonl", [CLUSTER])
    result = evaluate(data, systems="newsbrief,lead", budget="12w", measure="f")
    doc = json.loads(result.to_json())
    assert doc["budget"] == {"words": 12} and doc["measure"] == "f" and doc["clusters"] == 1
    entry = doc["systems"]["lead"]
    assert set(entry) >= {"rouge1", "rouge2", "rougeLsum", "seconds", "clusters_per_second"}
    assert entry["rouge1"]["mean"] == pytest.approx(result.systems["lead"].scores["rouge1"].mid * 100, abs=1e-3)
    assert entry["rouge1"]["low"] <= entry["rouge1"]["mean"] <= entry["rouge1"]["high"]
    assert set(doc["paired"]["lead"]["rouge2"]) == {"difference", "low", "high", "excludes_zero"}
    assert doc["per_cluster"]["ids"] == ["c1"]
    assert doc["versions"]["rouge-score-rs"]


def test_runner_table_and_plot(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "eval.jsonl", [CLUSTER, {**CLUSTER, "id": "c2"}])
    result = evaluate(data, systems="newsbrief,lead,oracle", budget="12w")
    table = result.to_table()
    assert "ROUGE F1" in table and "12 words" in table and "2 clusters of eval.jsonl" in table
    assert all(name in table for name in ("newsbrief", "lead", "oracle", "R-1", "R-2", "R-Lsum", "seconds"))
    assert "newsbrief minus each system" in table
    result.plot(tmp_path / "plot.png")
    assert (tmp_path / "plot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_runner_data_without_summaries_is_a_clear_error(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "plain.jsonl", [{"id": "a", "documents": ["Some text here."]}])
    with pytest.raises(InputError, match=r"plain.jsonl:1: cluster 'a' has no \"summaries\""):
        evaluate(data, systems="lead")


def test_runner_malformed_line_is_an_error_with_its_line(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "bad.jsonl", [CLUSTER, "{not json"])
    with pytest.raises(MalformedRecordError, match=r"bad.jsonl:2: not valid JSON"):
        evaluate(data, systems="lead")


def test_runner_missing_file_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        evaluate(tmp_path / "nope.jsonl", systems="lead")
    with pytest.raises(InputError, match="no cluster to evaluate"):
        evaluate(write_jsonl(tmp_path / "empty.jsonl", []), systems="lead")


def test_runner_rejects_bad_options(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "eval.jsonl", [CLUSTER])
    with pytest.raises(UnknownAlgorithmError, match="available: lead, lexrank"):
        evaluate(data, systems="lead,bogus")
    with pytest.raises(BudgetError, match="words or bytes"):
        evaluate(data, systems="lead", budget="3s")
    with pytest.raises(ConfigError, match="unknown measure 'precision'"):
        evaluate(data, systems="lead", measure="precision")
    with pytest.raises(ConfigError, match="no system"):
        parse_systems(" , ")
    assert parse_systems("lead, oracle,lead") == ["lead", "oracle"]


def test_runner_on_real_data_oracle_on_top() -> None:
    result = evaluate(data_file("multinews_dev.jsonl"), systems="newsbrief,lead,oracle", budget="300w", limit=8)
    oracle = result.systems["oracle"].scores
    for name in ("newsbrief", "lead"):
        assert oracle["rouge1"].mid > result.systems[name].scores["rouge1"].mid
        assert oracle["rouge2"].mid > result.systems[name].scores["rouge2"].mid
