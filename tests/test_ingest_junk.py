"""Junk pages (cookie walls, crawl notices): recognised at ingest, stored and marked, never briefed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_article, run_cli

from newsbrief.batch import iter_story_tasks
from newsbrief.errors import EmptyInputError, ModelUnavailableError
from newsbrief.ingest.junk import FORMAT, JunkDetector, default_detector
from newsbrief.storage.briefs import brief_story
from newsbrief.storage.db import Store

COOKIES = ("We use cookies to improve your experience on our site. By continuing to browse you agree to our use "
           "of cookies. Accept all cookies or manage your preferences in our privacy policy.")
CRAWL = ("These crawls are part of an effort to archive pages as they are created and archive the pages that "
         "they refer to. That way, as the pages that are referenced are changed or taken from the web, a link to "
         "the version that was live when the page was written will be preserved.")
NEWS = ["A strong earthquake struck off the coast of Sumatra on Tuesday, shaking buildings in Padang and "
        "prompting a tsunami warning that was lifted two hours later.",
        "Residents of Padang ran into the streets when the Sumatra earthquake hit on Tuesday; the tsunami "
        "warning issued after the quake was lifted later.",
        "Astronomers in Chile photographed a bright comet over the Atacama desert this week. The comet will be "
        "visible to the naked eye in the southern hemisphere until March."]


def test_junk_detector_flags_notices_not_news() -> None:
    detector = default_detector()
    assert detector.is_junk(COOKIES) and detector.is_junk(CRAWL)
    assert not any(detector.is_junk(text) for text in NEWS)
    assert detector.is_junk("   ")  # an empty page reports nothing
    assert 0.0 <= detector.score(NEWS[0]) < detector.threshold <= detector.score(COOKIES) <= 1.0


def test_junk_model_file_says_how_it_was_made() -> None:
    from importlib import resources

    document = json.loads(resources.files("newsbrief.resources").joinpath("junk.json").read_text("utf-8"))
    assert document["format"] == FORMAT
    assert len(document["data_sha256"]) == 64
    assert document["command"].startswith("python -m newsbrief.ingest.junk_train multinews_train.jsonl")
    assert 0.0 < document["threshold"] < 1.0


def test_junk_model_of_another_format_is_a_clear_error() -> None:
    with pytest.raises(ModelUnavailableError, match=r"junk model has format 'other/9', expected "
                                                     r"'newsbrief\.junk/1'; retrain it"):
        JunkDetector.from_json({"format": "other/9", "weights": {}, "bias": 0, "threshold": 0.5})


def _ingest(path: Path) -> tuple[Store, str]:
    store = Store(path)
    report = store.add_articles([make_article(NEWS[0], id="n0"), make_article(COOKIES, id="cookie"),
                                 make_article(NEWS[1], id="n1"), make_article(CRAWL, id="crawl")])
    assert report.added == 4 and sorted(report.junk) == ["cookie", "crawl"]
    return store, dict(report.article_stories)["cookie"]


def test_junk_pages_are_stored_marked_and_kept_out_of_stories(tmp_path: Path) -> None:
    store, junk_story = _ingest(tmp_path / "news.db")
    with store:
        assert [sorted(s.article_ids) for s in store.stories()] == [["n0", "n1"]]
        junk = store.stories(junk=True)
        assert sorted(a for s in junk for a in s.article_ids) == ["cookie", "crawl"]
        assert all(s.junk for s in junk) and junk_story in {s.id for s in junk}
        assert store.article("cookie").text == COOKIES  # stored as read
        assert store.counts()["junk"] == 2 and store.counts()["stories"] == 1


def test_junk_pages_never_reach_a_brief(tmp_path: Path) -> None:
    store, junk_story = _ingest(tmp_path / "news.db")
    with store:
        with pytest.raises(EmptyInputError, match=f"story {junk_story} is a page that reports no event"):
            brief_story(store, junk_story)
        tasks = list(iter_story_tasks(store))  # what `batch --stories all` briefs
        assert [sorted(a.id for a in t.documents) for t in tasks] == [["n0", "n1"]]
        named = list(iter_story_tasks(store, [junk_story]))  # even when asked for by id
        assert named[0].problem and "never briefed" in named[0].problem and not named[0].documents
        brief = brief_story(store, store.stories()[0].id, budget="3s")
        assert {a.id for a in brief.sources} <= {"n0", "n1"} and brief.sentences


def test_junk_cli_stories_lists_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "news.db"
    _ingest(db)[0].close()
    code, out, err = run_cli(["stories", "--db", str(db), "--junk", "--format", "json"], capsys)
    assert code == 0, err
    listed = json.loads(out)
    assert sorted(a for s in listed for a in s["articles"]) == ["cookie", "crawl"]
    assert all(s["junk"] is True for s in listed)
    code, out, _ = run_cli(["stories", "--db", str(db)], capsys)
    assert code == 0 and "cookie" not in out and "n0" in out


def test_junk_detection_can_be_switched_off(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db", detect_junk=False) as store:
        report = store.add_articles([make_article(COOKIES, id="cookie")])
        assert report.junk == () and store.stories(junk=True) == []
