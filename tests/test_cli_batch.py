"""``newsbrief batch``: one brief per line in input order, an errors file, exit status, workers."""

from __future__ import annotations

import io
import json
from itertools import count
from pathlib import Path

import pytest
from conftest import data_clusters, run_cli

from newsbrief.batch import IN_FLIGHT_PER_WORKER, BatchOptions, LocalEngine, errors_path_for, iter_tasks, run_batch
from newsbrief.datatypes import Budget
from newsbrief.engines.local import MAX_CHUNK


def clusters(n: int) -> list[str]:
    return [json.dumps(record) for record in data_clusters("multinews_dev.jsonl", n)]


def mixed_input(tmp_path: Path) -> Path:
    good = clusters(4)
    lines = [good[0], "{not json", good[1], json.dumps({"id": "empty", "documents": []}), "",
             json.dumps({"id": "blank", "documents": ["   ", {"title": "no text"}]}), good[2], good[3]]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_cli_batch_keeps_order_and_reports_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = mixed_input(tmp_path)
    out = tmp_path / "out.jsonl"
    args = ["batch", str(source), "--out", str(out), "--words", "60", "--sections", "none"]
    code, stdout, err = run_cli(args, capsys)
    assert code == 0 and stdout == ""
    briefs = read_jsonl(out)
    expected_ids = [json.loads(line)["id"] for line in clusters(4)]
    assert [b["id"] for b in briefs] == expected_ids
    assert all(b["schema"] == "newsbrief.brief/1" and b["story_id"] == b["id"] for b in briefs)
    assert all(next(iter(b)) == "id" and b["length"]["words"] <= 60 and b["sentences"] for b in briefs)
    errors = read_jsonl(tmp_path / "out.errors.jsonl")
    assert [(e["line"], e["id"]) for e in errors] == [(2, None), (4, "empty"), (6, "blank")]
    assert "not valid JSON" in errors[0]["error"]
    assert "no \"documents\"" in errors[1]["error"]
    assert "no document with text" in errors[2]["error"]
    errors_file = tmp_path / "out.errors.jsonl"
    assert err.strip() == f"newsbrief: 4 of 7 clusters briefed into {out}; 3 failed (see {errors_file})"


def test_cli_batch_exit_status_is_one_only_if_nothing_succeeded(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n" + json.dumps({"id": "z", "documents": []}) + "\n", "utf-8")
    code, _, err = run_cli(["batch", str(bad), "--out", str(tmp_path / "o.jsonl")], capsys)
    assert code == 1 and "0 of 2 clusters briefed" in err
    assert (tmp_path / "o.jsonl").read_text("utf-8") == ""
    assert len(read_jsonl(tmp_path / "o.errors.jsonl")) == 2


def test_cli_batch_removes_stale_errors_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(clusters(1)) + "\n", "utf-8")
    (tmp_path / "out.errors.jsonl").write_text('{"line": 9}\n', "utf-8")
    code, _, err = run_cli(["batch", str(source), "--out", str(tmp_path / "out.jsonl"), "--sections", "none"], capsys)
    assert code == 0 and err.strip().endswith("1 of 1 clusters briefed into " + str(tmp_path / "out.jsonl"))
    assert not (tmp_path / "out.errors.jsonl").exists()


def test_cli_batch_two_workers_write_the_same_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = mixed_input(tmp_path)
    for workers in ("1", "2"):
        code, _, _ = run_cli(["batch", str(source), "--out", str(tmp_path / f"w{workers}.jsonl"), "--workers", workers,
                          "--truncate", "--bytes", "600", "--sections", "none"], capsys)
        assert code == 0
    assert (tmp_path / "w1.jsonl").read_bytes() == (tmp_path / "w2.jsonl").read_bytes()
    assert (tmp_path / "w1.errors.jsonl").read_bytes() == (tmp_path / "w2.errors.jsonl").read_bytes()


def test_cli_batch_unknown_method_fails_before_any_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = mixed_input(tmp_path)
    code, _, err = run_cli(["batch", str(source), "--out", str(tmp_path / "o.jsonl"), "--method", "nope"], capsys)
    assert code == 1 and "unknown method 'nope'; available:" in err
    assert not (tmp_path / "o.jsonl").exists()


def test_cli_batch_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = mixed_input(tmp_path)
    code, _, err = run_cli(["batch", str(source)], capsys)
    assert code == 2 and "--out" in err
    code, _, err = run_cli(["batch", str(source), "--out", str(tmp_path / "o.jsonl"), "--words", "5", "--bytes", "9"],
                       capsys)
    assert code == 2 and "give one of --words, --sentences, --bytes" in err


def test_batch_errors_path_for() -> None:
    assert errors_path_for("runs/out.jsonl") == Path("runs/out.errors.jsonl")
    assert errors_path_for("out.json") == Path("out.json.errors.jsonl")


def test_batch_tasks_stream_from_a_byte_stream() -> None:
    stream = io.BytesIO(b'{"id": "a", "documents": ["One sentence here."]}\n\n[1, 2]\n')
    tasks = list(iter_tasks(stream))
    assert [(t.line, t.id, len(t.documents), t.problem) for t in tasks] == [
        (1, "a", 1, None), (3, None, 0, "expected a JSON object, got list")]
    results = list(run_batch(tasks, BatchOptions(budget=Budget("words", 10), sections="none")))
    assert results[0].ok and json.loads(results[0].output)["id"] == "a"
    assert results[1].error_record() == {"line": 3, "id": None, "error": "expected a JSON object, got list"}


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_engine_streams_with_bounded_work_in_flight(workers: int) -> None:
    consumed = count()

    def items():  # an endless input: the engine must not try to read it all
        for value in count():
            next(consumed)
            yield -value

    engine = LocalEngine(workers=workers)
    try:
        results = engine.map_ordered(abs, items())
        assert [next(results) for _ in range(30)] == list(range(30))
        # nothing is read ahead in this process; a pool reads ahead a bounded number of chunks
        ahead = 0 if workers == 1 else workers * (1 + IN_FLIGHT_PER_WORKER) * MAX_CHUNK
        assert next(consumed) <= 30 + ahead + 1
    finally:
        engine.close()


def test_cli_batch_notes_the_documents_it_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    documents = [*json.loads(clusters(1)[0])["documents"][:2], {"title": "no text here"}, "  "]
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "partial", "documents": documents}) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    code, _, _ = run_cli(["batch", str(source), "--out", str(out), "--words", "60", "--sections", "none"], capsys)
    [brief] = read_jsonl(out)
    assert code == 0 and len(brief["sources"]) == 2 and brief["sentences"]
    assert brief["notes"][:2] == ["cluster 'partial' document 3: record has no \"text\" string; skipped",
                                  "cluster 'partial' document 4: text is empty; skipped"]
