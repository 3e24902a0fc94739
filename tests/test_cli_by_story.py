"""``newsbrief brief`` on a pile of several stories: the note on stderr, and ``--by-story``."""

from __future__ import annotations

import json
import re

from conftest import DEMO_PATHS, TEST_DATA, run_cli

PILE = str(TEST_DATA / "two_stories.jsonl")


def test_cli_brief_pile_of_two_stories_says_so_on_stderr(capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", PILE, "--words", "60", "--sections", "none"], capsys, monkeypatch)
    assert code == 0, err
    lines = [line for line in err.splitlines() if "stories" in line]
    assert len(lines) == 1
    assert "6 articles form 2 stories" in lines[0] and "--by-story" in lines[0]
    assert out.count("Sources:") == 1  # still the one brief that was asked for


def test_cli_brief_one_story_has_no_note(capsys, monkeypatch) -> None:
    code, _, err = run_cli(["brief", *map(str, DEMO_PATHS), "--sections", "none"], capsys, monkeypatch)
    assert code == 0, err
    assert "stories" not in err


def test_cli_brief_by_story_json_one_brief_per_story(capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", PILE, "--by-story", "--words", "25", "--format", "json",
                              "--sections", "agreement"], capsys, monkeypatch)
    assert code == 0, err
    doc = json.loads(out)
    assert list(doc) == ["stories"]
    first, second = doc["stories"]
    assert first["schema"] == second["schema"] == "newsbrief.brief/1"
    assert first["title"] in {s["title"] for s in first["sources"]}  # the story's title is one of its headlines
    assert {s["title"] for s in first["sources"]} >= {"Mitch floods leave thousands homeless"}
    assert all("Linares" in s["title"] or "Kasparov" in s["title"] for s in second["sources"])
    for story in doc["stories"]:
        assert story["length"]["words"] <= 25  # the budget applies to each story's brief
        assert story["sentences"] and "agreement" in story
    assert "stories" not in err


def test_cli_brief_by_story_text_and_markdown_under_titles(capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", PILE, "--by-story", "--sentences", "1", "--sections", "none"],
                             capsys, monkeypatch)
    assert code == 0, err
    assert re.findall(r"^Story (\d) of 2: ", out, flags=re.M) == ["1", "2"]
    assert out.index("Hurricane Mitch hits Honduras") < out.index("Kasparov wins opening game")
    code, out, err = run_cli(["brief", PILE, "--by-story", "--sentences", "1", "--sections", "none",
                              "--format", "markdown"], capsys, monkeypatch)
    assert code == 0, err
    assert out.count("\n## Sources") == 2 and out.startswith("# Story 1 of 2")
    assert "[^s1-1]:" in out and "[^s2-1]:" in out  # footnotes of the two briefs do not collide


def test_cli_brief_by_story_html_anchors_unique(capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", PILE, "--by-story", "--sections", "none", "--format", "html"],
                             capsys, monkeypatch)
    assert code == 0, err
    ids = re.findall(r'id="([^"]+)"', out)
    assert len(ids) == len(set(ids)) == 6
    assert out.count("<!doctype html>") == 1 and out.count("<h1>") == 2


def test_cli_brief_by_story_with_stored_story_is_a_usage_error(capsys, monkeypatch) -> None:
    code, _, err = run_cli(["brief", "--story", "s1", "--by-story"], capsys, monkeypatch)
    assert code == 2 and "--by-story" in err and "Traceback" not in err


WIDGET = ("Tweet with a location. You can add location information to your Tweets, such as your city or precise "
          "location, from the web and via third-party applications. You always have the option to delete your "
          "Tweet location history. Learn more. Turn on. Not now.")


def test_cli_brief_by_story_leaves_out_junk_pages_as_ingest_does(tmp_path, capsys, monkeypatch) -> None:
    from newsbrief.ingest.junk import default_detector

    assert default_detector().is_junk(WIDGET)  # the page `ingest` would keep out of every story
    widget = tmp_path / "widget.txt"
    widget.write_text(WIDGET, "utf-8")
    code, out, err = run_cli(["brief", str(widget), *map(str, DEMO_PATHS), "--by-story", "--sections", "none",
                              "--format", "json"], capsys, monkeypatch)
    assert code == 0, err
    stories = json.loads(out)["stories"]
    assert len(stories) == 1
    assert [s["path"] for s in stories[0]["sources"]] == [str(p) for p in DEMO_PATHS]
    assert "1 page(s) that report no event" in err and "widget.txt" in err


def test_by_story_drop_junk_keeps_all_when_every_page_looks_like_junk() -> None:
    from conftest import make_article

    from newsbrief.by_story import drop_junk

    page = make_article(WIDGET, source="x")
    assert drop_junk([page]) == ([page], [])
