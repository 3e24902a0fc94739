"""``newsbrief batch --resume``: whole lines after Ctrl-C or SIGTERM, a resumed run writes the bytes of one run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT, data_clusters, run_cli

from newsbrief.batch import (
    BatchInterrupted,
    BatchOptions,
    BatchResult,
    _Interrupts,
    iter_story_tasks,
    write_batch,
    write_tasks,
)
from newsbrief.datatypes import Article, Budget
from newsbrief.errors import InputError
from newsbrief.render.json import brief_to_dict
from newsbrief.storage.briefs import brief_story
from newsbrief.storage.db import Store

OPTIONS = BatchOptions(budget=Budget("words", 60), sections="none")
FLAGS = ["--words", "60", "--sections", "none"]
Reference = Callable[[int], tuple[Path, bytes, bytes]]



def write_input(path: Path, n: int) -> Path:
    """``n`` dev clusters with two bad lines among them (line 3: not JSON; line 6: no documents)."""
    lines = [json.dumps(record) for record in data_clusters("multinews_dev.jsonl", n)]
    lines.insert(2, "{not json")
    lines.insert(5, json.dumps({"id": "empty", "documents": []}))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    """``write_input(n)`` (briefs name their input's path, so every run reads this one file), and the
    output and errors file of one uninterrupted in-process run over it; made once per n."""

    @cache
    def one_run(n: int) -> tuple[Path, bytes, bytes]:
        folder = tmp_path_factory.mktemp(f"reference{n}")
        source = write_input(folder / "in.jsonl", n)
        write_batch(source, folder / "out.jsonl", OPTIONS)
        return source, (folder / "out.jsonl").read_bytes(), (folder / "out.errors.jsonl").read_bytes()

    return one_run


def stop_after(results: int):  # type: ignore[no-untyped-def]
    """A progress callback that presses Ctrl-C once ``results`` lines have been written."""
    seen = []

    def progress(result: BatchResult | None) -> None:
        if result is not None:
            seen.append(result)
        if len(seen) == results:
            raise KeyboardInterrupt

    return progress


@pytest.mark.parametrize("workers", [1, 2])
def test_resume_after_interrupt_writes_the_bytes_of_one_run(tmp_path: Path, reference: Reference,
                                                           workers: int) -> None:
    (source, *expected), out = reference(20), tmp_path / "out.jsonl"
    with pytest.raises(BatchInterrupted) as stopped:
        write_batch(source, out, OPTIONS, workers=workers, progress=stop_after(9))
    assert stopped.value.signum == signal.SIGINT
    written = out.read_bytes()
    assert written.endswith(b"\n") and written.count(b"\n") == stopped.value.summary.succeeded
    assert stopped.value.summary.succeeded + stopped.value.summary.failed == 9
    summary = write_batch(source, out, OPTIONS, workers=workers, resume=True)
    assert summary.skipped == stopped.value.summary.succeeded
    assert summary.succeeded + summary.skipped == 20 and summary.failed == 2
    assert (out.read_bytes(), (tmp_path / "out.errors.jsonl").read_bytes()) == tuple(expected)


def test_resume_cuts_a_truncated_last_line_and_briefs_it_again(tmp_path: Path, reference: Reference) -> None:
    (source, *expected), out = reference(20), tmp_path / "out.jsonl"
    lines = expected[0].splitlines(keepends=True)
    half = lines[5][: len(lines[5]) // 2]
    out.write_bytes(b"".join(lines[:5]) + half)  # what a crash mid-write of an older version leaves
    summary = write_batch(source, out, OPTIONS, resume=True)
    assert summary.repaired == len(half) and summary.skipped == 5
    assert out.read_bytes() == expected[0]


def test_resume_of_a_finished_run_adds_nothing(tmp_path: Path, reference: Reference,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (source, *expected), out = reference(20), tmp_path / "out.jsonl"
    out.write_bytes(expected[0])
    code, _, err = run_cli(["batch", str(source), "--out", str(out), "--resume", *FLAGS], capsys)
    assert code == 0 and out.read_bytes() == expected[0]
    assert err.strip() == (f"newsbrief: 0 of 2 clusters briefed into {out} (20 already there, skipped); "
                           f"2 failed (see {tmp_path / 'out.errors.jsonl'})")


def test_resume_without_an_output_is_a_fresh_run(tmp_path: Path, reference: Reference) -> None:
    (source, *expected), out = reference(20), tmp_path / "out.jsonl"
    summary = write_batch(source, out, OPTIONS, resume=True)
    assert (summary.skipped, summary.repaired) == (0, 0) and out.read_bytes() == expected[0]


def test_resume_refuses_a_file_that_is_not_a_batch_output(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    source, out = write_input(tmp_path / "in.jsonl", 3), tmp_path / "notes.jsonl"
    out.write_text('{"id": "a", "x": 1}\nshopping list\n', "utf-8")
    with pytest.raises(InputError, match=r"notes\.jsonl:2: not a brief line; --resume continues only"):
        write_batch(source, out, OPTIONS, resume=True)
    code, _, err = run_cli(["batch", str(source), "--out", str(out), "--resume"], capsys)
    assert code == 1 and err.count("\n") == 1 and "notes.jsonl:2: not a brief line" in err
    assert out.read_text("utf-8") == '{"id": "a", "x": 1}\nshopping list\n'


def test_interrupts_are_held_back_while_a_line_is_written() -> None:
    with _Interrupts() as interrupts:
        with pytest.raises(KeyboardInterrupt), interrupts.held():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # the handler has run by now: it must not have raised in here
            finished = True
        assert finished and interrupts.received == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


@pytest.mark.parametrize(("signum", "workers"), [(signal.SIGINT, 1), (signal.SIGTERM, 2)])
def test_cli_batch_signal_stops_cleanly_and_resume_finishes(tmp_path: Path, reference: Reference, signum: int,
                                                            workers: int) -> None:
    (source, *expected), out = reference(100), tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "newsbrief.cli", "batch", str(source), "--out", str(out), *FLAGS,
               "--workers", str(workers)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while (not out.exists() or out.read_bytes().count(b"\n") < 5) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    written = out.read_bytes()
    assert written.endswith(b"\n") and all(json.loads(line)["id"] for line in written.splitlines())
    lines = len(written.splitlines())
    assert err.strip() == (f"newsbrief: interrupted ({signal.Signals(signum).name}); {lines} clusters in {out}, "
                           "every line whole; run the same command with --resume to finish")
    finished = subprocess.run([*command, "--resume"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert (out.read_bytes(), (tmp_path / "out.errors.jsonl").read_bytes()) == tuple(expected)


def stored_articles() -> list[Article]:
    """Every document of the first 6 dev clusters, as articles to ingest."""
    return [Article.make(text, id=f"{record['id']}#{i}", source=f"outlet{i}.example")
            for record in data_clusters("multinews_dev.jsonl", 6) for i, text in enumerate(record["documents"])]


def test_batch_stories_of_a_store_resume_to_every_story_once(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    db, out = tmp_path / "news.db", tmp_path / "briefs.jsonl"
    with Store(db) as store:
        store.add_articles(stored_articles())
        ids = [info.id for info in store.stories()]
        expected = {sid: {"id": sid, **brief_to_dict(brief_story(store, sid, budget=Budget("words", 60),
                                                                 sections="none"))} for sid in ids}
    assert len(ids) >= 3
    code, _, err = run_cli(["batch", "--db", str(db), "--stories", f"{ids[1]},nope", "--out", str(out), *FLAGS], capsys)
    assert code == 0 and "1 of 2 stories briefed" in err
    errors = [json.loads(line) for line in (tmp_path / "briefs.errors.jsonl").read_text("utf-8").splitlines()]
    assert [(e["line"], e["id"]) for e in errors] == [(2, "nope")] and "no story 'nope'" in errors[0]["error"]
    args = ["batch", "--db", str(db), "--stories", "all", "--out", str(out), "--resume", *FLAGS]
    code, _, err = run_cli(args, capsys)
    assert code == 0 and f"{len(ids) - 1} of {len(ids) - 1} stories briefed" in err and "1 already there" in err
    briefs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [b["id"] for b in briefs] == [ids[1]] + [sid for sid in ids if sid != ids[1]]
    assert all(b == expected[b["id"]] for b in briefs)


def test_batch_story_tasks_read_each_story_as_it_is_reached(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        store.add_articles(stored_articles())
        ids = [info.id for info in store.stories()]
        tasks = iter_story_tasks(store)
        first = next(tasks)
        assert (first.line, first.id) == (1, ids[0])
        assert [a.id for a in first.documents] == [a.id for a in store.story_articles(ids[0])]
        summary = write_tasks(tasks, tmp_path / "rest.jsonl", OPTIONS)
    assert summary.succeeded == len(ids) - 1


@pytest.mark.parametrize(("args", "message"), [
    (["--engine", "ray"], "unknown engine 'ray'; available: dask, local"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
    (["--engine", "dask", "--scheduler", "10.0.0.5"], "--scheduler must be tcp://HOST:PORT"),
    (["--stories", "all"], "give IN.jsonl or --stories (the stories of a store), not both"),
])
def test_cli_batch_engine_and_store_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 args: list[str], message: str) -> None:
    source = write_input(tmp_path / "in.jsonl", 3)
    code, _, err = run_cli(["batch", str(source), "--out", str(tmp_path / "o.jsonl"), *args], capsys)
    assert code == 2 and message in err
    assert not (tmp_path / "o.jsonl").exists()


def test_cli_batch_needs_one_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["batch", "--out", str(tmp_path / "o.jsonl")], capsys)
    assert code == 2 and "give IN.jsonl (a cluster file, or - for stdin), or --stories all --db FILE" in err
    code, _, err = run_cli(["batch", "--db", str(tmp_path / "n.db"), "--out", str(tmp_path / "o.jsonl")], capsys)
    assert code == 2 and "--db is read with --stories" in err, err


def test_batch_stories_since_writes_the_update_briefs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    db, out = tmp_path / "news.db", tmp_path / "updates.jsonl"
    day = {False: datetime(2019, 1, 20, tzinfo=UTC), True: datetime(2019, 1, 22, tzinfo=UTC)}
    records = list(data_clusters("multinews_dev.jsonl", 3))
    assert len(records[0]["documents"]) >= 2
    # The first story's second report comes two days after everything else.
    articles = [Article.make(text, id=f"{record['id']}#{i}", published=day[(n, i) == (0, 1)])
                for n, record in enumerate(records) for i, text in enumerate(record["documents"])]
    new = [a for a in articles if a.published == day[True]]
    old = [a for a in articles if a.published == day[False]]
    since = datetime(2019, 1, 21, tzinfo=UTC)
    with Store(db) as store:
        store.add_articles(old)
        report = store.add_articles(new)
        story_id = report.article_stories[0][1]
        others = [info.id for info in store.stories() if info.id != story_id]
        assert store.story_articles(story_id, since=since)
        expected = {"id": story_id, **brief_to_dict(brief_story(store, story_id, since=since,
                                                                budget=Budget("words", 60), sections="none"))}
    args = ["batch", "--db", str(db), "--stories", "all", "--since", "2019-01-21", "--out", str(out), *FLAGS]
    code, _, err = run_cli(args, capsys)
    assert code == 0 and "1 of 1 stories briefed" in err and "saved" not in err
    (line,) = [json.loads(text) for text in out.read_text("utf-8").splitlines()]
    assert line == expected and [s["article_id"] for s in line["sources"]] == [new[0].id]
    args = ["batch", "--db", str(db), "--stories", others[0], "--since", "2019-01-21", "--out", str(out), *FLAGS]
    code, _, err = run_cli(args, capsys)
    assert code == 1 and "0 of 1 stories briefed" in err
    assert "has no article since 2019-01-21" in (tmp_path / "updates.errors.jsonl").read_text("utf-8")
    (tmp_path / "in.jsonl").write_text("", "utf-8")
    code, _, err = run_cli(["batch", str(tmp_path / "in.jsonl"), "--since", "1d", "--out", str(out)], capsys)
    assert code == 2 and "--since needs --stories" in err
