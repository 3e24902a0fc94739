"""The forked helper that loads spaCy's NER while a cold CLI brief is made: same entities, safe fallbacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator

import pytest
from conftest import DEMO_PATHS, ROOT, demo_articles

import newsbrief
from newsbrief.errors import ModelUnavailableError
from newsbrief.names import entities, ner_helper

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
                                reason="the helper runs only on Linux with two cores or more")


@pytest.fixture
def helper(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The helper's slot clean before and after, no model cached, and no helper left running."""
    monkeypatch.setattr(entities, "_state", {})
    ner_helper._stop_unused()
    yield
    ner_helper._stop_unused()


def _model_or_skip() -> None:
    try:
        entities.load_model()
    except ModelUnavailableError as exc:
        pytest.skip(str(exc))


def _in_fresh_process(code: str) -> None:
    """Run ``code`` in a new interpreter: the helper forks only from a process with one thread, and
    this test process may have others by now (servers, Dask); the code prints "ok" when it passes."""
    setup = ("import os, signal\n"
             "from newsbrief.errors import ModelUnavailableError\n"
             "from newsbrief.names import entities, ner_helper\n")
    done = subprocess.run([sys.executable, "-c", setup + textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if "ModelUnavailableError: " in done.stderr and "no model here" not in done.stderr:
        pytest.skip(done.stderr.strip().splitlines()[-1])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "ok"


def test_helper_labels_as_the_model_in_this_process() -> None:
    _model_or_skip()
    texts = [a.text for a in demo_articles()] + ["Barack Obama met Angela Merkel in Paris on Monday."]
    _in_fresh_process(f"""
        texts = {texts!r}
        assert ner_helper.start()
        remote = ner_helper.take()
        assert remote is not None
        local = entities.load_model()
        assert local.__class__ is not remote.__class__
        for theirs, ours in zip(remote.pipe(texts), local.pipe(texts), strict=True):
            assert [(e.start_char, e.end_char, e.label_, e.text) for e in theirs.ents] == \\
                [(e.start_char, e.end_char, e.label_, e.text) for e in ours.ents]
        print("ok")
    """)


def test_helper_that_cannot_load_the_model_says_why() -> None:
    _in_fresh_process("""
        def missing():
            raise ModelUnavailableError("no model here")

        entities.load_model = missing  # the forked helper inherits this
        assert ner_helper.start()
        try:
            ner_helper.take()
        except ModelUnavailableError as exc:
            assert "no model here" in str(exc)
            print("ok")
    """)


def test_helper_that_dies_leaves_the_load_to_this_process() -> None:
    _in_fresh_process("""
        assert ner_helper.start()
        os.kill(ner_helper._helper["pid"], signal.SIGKILL)
        assert ner_helper.take() is None
        print("ok")
    """)


def test_helper_is_not_forked_beside_another_thread(helper: None) -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not ner_helper.start()
        assert ner_helper.take() is None
    finally:
        stop.set()
        other.join()


def test_cli_setting_turns_the_helper_off(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import run_cli

    started = []
    monkeypatch.setattr(ner_helper, "start", lambda: started.append(True))
    monkeypatch.setenv("NEWSBRIEF_NER_HELPER", "0")
    assert run_cli(["brief", *map(str, DEMO_PATHS), "--sections", "quotes"], capsys)[0] == 0 and not started
    monkeypatch.setenv("NEWSBRIEF_NER_HELPER", "1")
    assert run_cli(["brief", *map(str, DEMO_PATHS), "--sections", "agreement"], capsys)[0] == 0 and not started
    assert run_cli(["brief", *map(str, DEMO_PATHS), "--sections", "quotes"], capsys)[0] == 0 and started


def test_cli_brief_with_the_helper_is_the_library_brief() -> None:
    # A real cold CLI process (which forks the helper) against the library in this process (no helper).
    _model_or_skip()
    command = [sys.executable, "-m", "newsbrief.cli", "brief", *map(str, DEMO_PATHS), "--format", "json"]
    env = {**os.environ, "NEWSBRIEF_NER_HELPER": "1"}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True, env=env)
    expected = newsbrief.brief(demo_articles(), budget="100w").to_dict()
    got = json.loads(done.stdout)
    for document in (got, expected):
        for source in document["sources"]:
            source["path"] = os.path.basename(source["path"] or "")
    assert got["entities"] and got == expected
