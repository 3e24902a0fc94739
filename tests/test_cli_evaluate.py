"""``newsbrief evaluate`` end to end: table, JSON, plot, and the messages for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import data_file, run_cli

CLUSTER = {
    "id": "c1",
    "documents": ["The storm hit the coast on Monday. Thousands lost power. Schools closed.",
                  "A storm struck the coast. Power went out for thousands. Repairs began on Tuesday."],
    "summaries": ["A storm hit the coast on Monday and thousands lost power."],
}



def test_cli_evaluate_prints_table_and_writes_json_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = data_file("duc2004_dev.jsonl")
    code, out, err = run_cli(["evaluate", "--data", str(data), "--limit", "2", "--words", "100", "--measure", "recall",
                          "--systems", "newsbrief,lead,oracle", "--json", str(tmp_path / "e.json"),
                          "--plot", str(tmp_path / "e.png")], capsys)
    assert code == 0, err
    assert "ROUGE recall" in out and "2 clusters of duc2004_dev.jsonl" in out
    assert out.count("\nlead ") == 2  # a row in the scores table and one in the paired table
    doc = json.loads((tmp_path / "e.json").read_text("utf-8"))
    assert set(doc["systems"]) == {"newsbrief", "lead", "oracle"}
    assert doc["measure"] == "recall" and doc["budget"] == {"words": 100}
    assert (tmp_path / "e.png").stat().st_size > 1000
    assert "wrote" in err


def test_cli_evaluate_data_without_summaries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "articles.jsonl"
    data.write_text(json.dumps({"id": "x", "documents": ["Some text. More text."]}) + "\n", "utf-8")
    code, out, err = run_cli(["evaluate", "--data", str(data), "--systems", "lead"], capsys)
    assert code == 1 and out == ""
    assert err.startswith("newsbrief: error: ")
    assert "cluster 'x' has no \"summaries\"" in err and len(err.strip().splitlines()) == 1


def test_cli_evaluate_unknown_system_lists_known(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "eval.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n", "utf-8")
    code, _, err = run_cli(["evaluate", "--data", str(data), "--systems", "lead,lexrnak"], capsys)
    assert code == 2
    assert "unknown system 'lexrnak'; available: lead, lexrank, lsa, newsbrief, oracle, textrank" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--words", "100", "--bytes", "665"], "give one of --words, --bytes"),
    (["--measure", "precision"], "'precision' is not one of 'f', 'recall'"),
    (["--limit", "0"], "0 is not in the range x>=1"),
])
def test_cli_evaluate_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                   message: str) -> None:
    data = tmp_path / "eval.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n", "utf-8")
    code, _, err = run_cli(["evaluate", "--data", str(data), "--systems", "lead", *args], capsys)
    assert code == 2 and message in err


def test_cli_evaluate_missing_data_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["evaluate", "--data", str(tmp_path / "nope.jsonl")], capsys)
    assert code == 2 and "does not exist" in err


def test_cli_evaluate_warns_of_documents_skipped_for_having_no_text(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "eval.jsonl"
    record = {"id": "x", "documents": ["The dam broke on Monday. Ten villages were flooded.", {"title": "t"}, ""],
              "summaries": ["The dam broke and villages were flooded."]}
    data.write_text(json.dumps(record) + "\n", "utf-8")
    code, out, err = run_cli(["evaluate", "--data", str(data), "--systems", "lead", "--json", str(tmp_path / "e.json")],
                             capsys)
    assert code == 0 and "eval.jsonl" in out, err
    assert f"newsbrief: warning: {data}:1: cluster 'x' document 2: record has no \"text\" string; skipped (and 1 " \
           "more; see \"skipped_documents\" with --json)" in err
    doc = json.loads((tmp_path / "e.json").read_text("utf-8"))
    assert doc["skipped_documents"] == [f"{data}:1: cluster 'x' document 2: record has no \"text\" string; skipped",
                                        f"{data}:1: cluster 'x' document 3: text is empty; skipped"]
