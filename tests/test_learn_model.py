"""The learned selection model: trained on a few hundred real clusters, saved, loaded, deterministic."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest
from conftest import data_file, demo_articles, run_cli

import newsbrief
from newsbrief.datatypes import Budget
from newsbrief.errors import InputError, ModelUnavailableError
from newsbrief.learn.model import FORMAT_VERSION, load_model
from newsbrief.learn.score import score_cluster
from newsbrief.learn.train import train
from newsbrief.pipeline import brief
from newsbrief.represent.prepared import prepare
from newsbrief.select.concepts import LongBudgetConceptSelector
from newsbrief.select.learned import LearnedSelector

# 120 clusters train in a few seconds and already give every weight a sign.
TINY = 120


@pytest.fixture(scope="module")
def tiny_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "tiny.json"
    train(data_file("multinews_train.jsonl"), limit=TINY, seed=3, command="test").save(path)
    return path


def test_model_trains_loads_and_records_how_it_was_made(tiny_model_path: Path) -> None:
    model = load_model(tiny_model_path)
    data = json.loads(tiny_model_path.read_text("utf-8"))
    assert data["format_version"] == FORMAT_VERSION
    assert data["command"] == "test" and data["seed"] == 3
    facts = data["training_data"]
    assert facts["file"] == "multinews_train.jsonl" and len(facts["sha256"]) == 64
    assert 100 < facts["clusters"] <= TINY and facts["documents_flagged"] > 0
    assert model.to_dict() == data
    # Articles that share words with the rest of their cluster are the relevant ones.
    assert model.document.weights[model.document.features.index("doc_cosine")] > 0


def test_model_training_is_deterministic(tiny_model_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.json"
    train(data_file("multinews_train.jsonl"), limit=TINY, seed=3, command="test").save(again)
    assert again.read_bytes() == tiny_model_path.read_bytes()


def test_model_scores_a_cluster_within_bounds(tiny_model_path: Path) -> None:
    cluster = prepare(demo_articles())
    scores = score_cluster(load_model(tiny_model_path), cluster)
    assert scores.sentences.shape == (len(cluster.sentences),)
    assert scores.relevance.shape == (2,)
    assert scores.concepts.shape == (scores.table.matrix.shape[1],)
    for values in (scores.sentences, scores.relevance, scores.concepts):
        assert np.all((values > 0) & (values < 1))


def test_learned_brief_is_made_of_cited_source_sentences(tiny_model_path: Path, monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.setenv("NEWSBRIEF_MODEL", str(tiny_model_path))
    result = brief(demo_articles(), budget="80w", method="learned.v1", sections="none")
    assert result.method == "learned.v1" and result.sentences
    texts = {s.text for a in demo_articles() for s in prepare([a]).sentences}
    for sentence in result.sentences:
        assert sentence.text in texts and sentence.citations


@pytest.mark.parametrize("content", [None, b"\x00\x01binary", b"{not json", b'{"format": "other"}',
                                     b'{"format": "newsbrief-learned-selection", "format_version": 99}'])
def test_unusable_model_falls_back_to_concepts_v3_with_one_warning(content: bytes | None, tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "model.json"
    if content is not None:
        path.write_bytes(content)
    cluster = prepare(demo_articles())
    budget = Budget.parse("60w")
    with caplog.at_level(logging.WARNING, logger="newsbrief.learn"):
        picked = LearnedSelector(model=str(path)).select(cluster, budget)
        LearnedSelector(model=str(path)).select(prepare(demo_articles()), budget)  # warned once, not twice
    assert picked == LongBudgetConceptSelector().select(prepare(demo_articles()), budget)
    lines = [r.getMessage() for r in caplog.records if r.name == "newsbrief.learn"]
    assert len(lines) == 1 and "\n" not in lines[0]
    assert str(path) in lines[0] and lines[0].endswith("briefing with concepts.v3 instead")


def test_load_model_says_what_is_wrong(tmp_path: Path, tiny_model_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="cannot read model file"):
        load_model(tmp_path / "missing.json")
    data = json.loads(tiny_model_path.read_text("utf-8"))
    data["sentence"]["features"] = data["sentence"]["features"][:-1]
    (tmp_path / "old.json").write_text(json.dumps(data))
    with pytest.raises(ModelUnavailableError, match="not a usable model: features"):
        load_model(tmp_path / "old.json")


def test_train_refuses_a_file_without_summaries(tmp_path: Path) -> None:
    path = tmp_path / "clusters.jsonl"
    path.write_text('{"id": "a", "documents": ["One sentence here."]}\n')
    with pytest.raises(InputError, match=r"clusters.jsonl:1: a training cluster needs"):
        train(path)


def test_cli_train_then_brief_with_model(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_MODEL", "")  # --model sets it; recorded, so it is put back afterwards
    out = tmp_path / "m.json"
    code, _, err = run_cli(["train", str(data_file("multinews_train.jsonl")), "--limit", "60", "--out", str(out)],
                           capsys)
    assert code == 0 and "trained on" in err and out.exists()
    assert json.loads(out.read_text("utf-8"))["command"].startswith("newsbrief train ")
    demo = [str(p) for p in sorted((Path(__file__).parent.parent / "newsbrief/resources/demo").glob("*.txt"))]
    code, text, _ = run_cli(["brief", *demo, "--words", "60", "--sections", "none", "--format", "json",
                             "--model", str(out)], capsys)
    assert code == 0 and json.loads(text)["method"] == "learned.v1"


def test_cli_brief_with_missing_model_setting_warns_one_line_and_briefs(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    demo = [str(p) for p in sorted((root / "newsbrief/resources/demo").glob("*.txt"))]
    missing = tmp_path / "nowhere.json"
    env = {**os.environ, "PYTHONPATH": str(root), "NEWSBRIEF_MODEL": str(missing)}
    done = subprocess.run([sys.executable, "-m", "newsbrief.cli", "brief", *demo, "--words", "60",
                           "--sections", "none", "--method", "learned.v1"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and done.stdout.strip()
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    assert warnings == [f"newsbrief: warning: cannot read model file {missing}: No such file or directory; "
                        "briefing with concepts.v3 instead"]


@pytest.mark.parametrize("command", [["brief", "DEMO"], ["batch", "DEMO", "--out", "OUT"],
                                     ["evaluate", "--data", "DEMO"], ["serve"]])
def test_cli_missing_model_flag_is_an_error(command: list[str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_MODEL", "")  # recorded (delenv of an unset name is not), so --model is undone
    demo = str(Path(__file__).resolve().parent.parent / "newsbrief/resources/demo/source-1.txt")
    args = [{"DEMO": demo, "OUT": str(tmp_path / "out.jsonl")}.get(a, a) for a in command]
    missing = tmp_path / "nowhere.json"
    code, out, err = run_cli([*args, "--model", str(missing)], capsys)
    assert code == 1 and not out
    assert err == (f"newsbrief: error: --model: cannot read model file {missing}: No such file or directory "
                   "(give a model file made by `newsbrief train`, or leave --model out for the shipped model)\n")
    assert not (tmp_path / "out.jsonl").exists()


def test_cli_evaluate_and_batch_take_model(tiny_model_path: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_MODEL", "")  # recorded (delenv of an unset name is not), so --model is undone
    data = str(data_file("multinews_dev.jsonl"))
    code, table, _ = run_cli(["evaluate", "--data", data, "--limit", "3", "--words", "100",
                              "--systems", "newsbrief:learned.v1", "--model", str(tiny_model_path)], capsys)
    assert code == 0 and "newsbrief:learned.v1" in table
    clusters = tmp_path / "c.jsonl"
    with open(data, encoding="utf-8") as handle:
        clusters.write_text(handle.readline() + handle.readline(), "utf-8")
    out = tmp_path / "briefs.jsonl"
    code, _, _ = run_cli(["batch", str(clusters), "--out", str(out), "--sections", "none",
                          "--model", str(tiny_model_path)], capsys)
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert code == 0 and len(lines) == 2 and {line["method"] for line in lines} == {"learned.v1"}


def test_cli_serve_with_model_briefs_with_the_learned_method(tiny_model_path: Path, tmp_path: Path) -> None:
    import os

    httpx = pytest.importorskip("httpx")
    pytest.importorskip("fastapi", reason="the server needs the 'serve' extra")
    from newsbrief.server.testing import ServeProcess

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "NEWSBRIEF_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(root)}
    env.pop("NEWSBRIEF_MODEL", None)
    with ServeProcess(["--model", str(tiny_model_path)], env=env, cwd=str(root)) as server:
        reply = httpx.post(server.url + "/v1/brief", timeout=60, json={"sections": ["none"], "articles": [
            {"text": "The council approved the new bridge on Monday. Work starts in May, the mayor said."},
            {"text": "On Monday the council approved a bridge. Construction begins in May."}]})
    assert reply.status_code == 200, reply.text
    assert reply.json()["method"] == "learned.v1" and reply.json()["sentences"]
    assert "warning" not in server.stderr


def test_model_training_repeats_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    """Two processes with different PYTHONHASHSEED write the same bytes (make model's promise)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    data = str(data_file("multinews_train.jsonl"))
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"m{hash_seed}.json"
        env = {**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-m", "newsbrief.cli", "train", data, "--limit", "40",
                               "--seed", "5", "--out", "model.json"], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        (tmp_path / "model.json").rename(out)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_create_app_points_the_learned_method_at_the_model_setting(tiny_model_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fastapi", reason="the server needs the 'serve' extra")
    from newsbrief.select.learned import MODEL_ENV, default_model_path
    from newsbrief.server.app import create_app
    from newsbrief.settings import Settings

    monkeypatch.setenv(MODEL_ENV, "")  # recorded, so the value create_app sets is undone after the test
    assert default_model_path() != tiny_model_path.absolute()
    create_app(Settings(model=str(tiny_model_path)), workers=0)
    assert default_model_path() == tiny_model_path.absolute()


def test_brief_that_fell_back_says_concepts_v3_made_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsbrief.select.learned import MODEL_ENV

    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "nowhere.json"))
    brief = newsbrief.brief(demo_articles(), budget="60w", method="learned.v1", sections="none")
    assert brief.method == "concepts.v3"
    assert any("learned model cannot be used" in note and "nowhere.json" in note for note in brief.notes)
    assert [s.text for s in brief.sentences] == [
        s.text for s in newsbrief.brief(demo_articles(), budget="60w", method="concepts.v3", sections="none").sentences]
