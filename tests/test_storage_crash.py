"""A real process ingesting is killed with SIGKILL: the store keeps exactly the committed batches.

The child prints a line after each commit, and in the batch where it is to die
it prints ``inside`` in the middle of the transaction and waits; the test kills
it then, so the kill always lands inside an open transaction (no timing).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from newsbrief.storage.db import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

BATCH = 15
BATCHES = 4
TOPICS = ["harbour strike", "mayoral election", "river flood", "chip factory", "museum theft", "heat wave"]

CHILD = textwrap.dedent("""
    import sys
    from newsbrief.datatypes import Article
    from newsbrief.storage.db import Store

    path, die_in, size, topics = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(",")
    articles = [Article.make(f"Report {i} on the {topics[i % len(topics)]}: officials in district {i % 5} "
                             f"said the {topics[i % len(topics)]} continued on day {i}.", id=f"a{i:03d}")
                for i in range(size * int(sys.argv[5]))]
    with Store(path) as store:
        for number in range(len(articles) // size):
            def progress(done, total, number=number):
                if number == die_in and done == total // 2:
                    print("inside", number, flush=True)
                    sys.stdin.readline()  # wait here, mid-transaction, until killed
            store.add_articles(articles[number * size:(number + 1) * size], progress=progress)
            print("committed", number, flush=True)
""")


def _child(path: Path, die_in: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(die_in), str(BATCH), ",".join(TOPICS),
                             str(BATCHES)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)


def test_crash_sigkill_mid_batch_keeps_committed_batches_and_rerun_completes(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    child = _child(path, die_in=2)
    assert child.stdout is not None
    lines = []
    for line in child.stdout:
        lines.append(line.strip())
        if line.startswith("inside"):
            break
    child.kill()
    child.wait()
    child.stdout.close()
    child.stdin.close()  # type: ignore[union-attr]
    assert lines == ["committed 0", "committed 1", "inside 2"]
    assert Path(str(path) + "-wal").exists()  # the committed batches may still sit in the WAL

    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    with Store(path) as store:
        ids = sorted(a for s in store.stories() for a in s.article_ids)
        assert ids == [f"a{i:03d}" for i in range(2 * BATCH)]
        assert store.counts()["batches"] == 2

    rerun = _child(path, die_in=-1)
    out, _ = rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    assert out.split("\n")[:-1] == [f"committed {n}" for n in range(BATCHES)]
    with Store(path) as store:
        ids = [a for s in store.stories() for a in s.article_ids]
        assert sorted(ids) == [f"a{i:03d}" for i in range(BATCHES * BATCH)]  # each once
        assert store.counts() == {"articles": BATCHES * BATCH, "duplicates": 0, "batches": BATCHES,
                                  "stories": len(store.stories()), "junk": 0}


def test_crash_sigkill_of_cli_ingest_leaves_whole_batches(tmp_path: Path) -> None:
    """The real command, killed after its second commit line: whole batches only, and a re-run completes."""
    source = tmp_path / "articles.jsonl"
    total = 120
    with source.open("w", encoding="utf-8") as out:
        for i in range(total):
            topic = TOPICS[i % len(TOPICS)]
            out.write(json.dumps({"id": f"c{i:03d}", "text": f"Story {i} about the {topic}, day {i}: officials "
                                                             f"gave an update on the {topic} in area {i % 7}."}) + "\n")
    path = tmp_path / "cli.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "newsbrief.cli", "ingest", str(source), "--db", str(path), "--batch-size", "10"]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    assert child.stderr is not None
    committed = 0
    for line in child.stderr:
        committed += "committed" in line
        if committed == 2:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stderr.close()
    with Store(path) as store:
        stored = store.counts()["articles"]
    assert stored % 10 == 0 and 20 <= stored <= total
    rerun = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - stored} of {total} articles added" in rerun.stdout
    with Store(path) as store:
        assert store.counts()["articles"] == total
