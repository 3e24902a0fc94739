"""``newsbrief stories`` and ``newsbrief brief --story``: reading a real store from the command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import pytest
from conftest import DEMO_PATHS, run_cli

from newsbrief.cli.stories import parse_since


def make_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The seed pair (dated a day apart) and an unrelated article, ingested."""
    texts = [p.read_text("utf-8") for p in DEMO_PATHS]
    records = [{"id": "seed-1", "text": texts[0], "source": "one.example", "published": "2024-03-04T09:00:00Z"},
               {"id": "seed-2", "text": texts[1], "source": "two.example", "published": "2024-03-05T09:00:00Z"},
               {"id": "other", "title": "Comet over Chile", "published": "2024-03-05T10:00:00Z",
                "text": "Astronomers in Chile photographed a bright comet over the Atacama desert this week."}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "news.db"
    code, _, err = run_cli(["ingest", str(source), "--db", str(db)], capsys)
    assert code == 0, err
    return db


def stories_json(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict]:
    code, out, err = run_cli(["stories", "--db", str(db), "--format", "json", *extra], capsys)
    assert code == 0, err
    return json.loads(out)


def test_cli_stories_json_lists_id_title_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stories = stories_json(make_store(tmp_path, capsys), capsys)
    assert [s["articles"] for s in stories] == [["other"], ["seed-1", "seed-2"]]  # newest first
    assert stories[0]["title"] == "Comet over Chile"
    seed = stories[1]
    assert seed["sources"] == ["one.example", "two.example"]
    assert (seed["first_seen"], seed["last_seen"]) == ("2024-03-04T09:00:00+00:00", "2024-03-05T09:00:00+00:00")
    assert {"id", "title", "articles"} <= set(seed)


def test_cli_stories_text_and_since(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_store(tmp_path, capsys)
    code, out, _ = run_cli(["stories", "--db", str(db)], capsys)
    assert code == 0
    seed_id = stories_json(db, capsys)[1]["id"]
    assert f"{seed_id}  " in out
    assert "  2 articles; 2024-03-04 09:00 – 2024-03-05 09:00; sources: one.example, two.example\n" in out
    assert "  articles: seed-1, seed-2\n" in out
    assert [s["articles"] for s in stories_json(db, capsys, "--since", "2024-03-05T09:30Z")] == [["other"]]
    code, out, err = run_cli(["stories", "--db", str(db), "--since", "2030-01-01"], capsys)
    assert (code, out, err) == (0, "", "newsbrief: note: no stories since 2030-01-01T00:00:00+00:00\n")


def test_cli_stories_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.db"
    code, _, err = run_cli(["stories", "--db", str(missing)], capsys)
    assert code == 1
    assert err == f"newsbrief: error: no store at {missing}; create one with `newsbrief ingest ... --db {missing}`\n"
    assert not missing.exists()
    code, _, err = run_cli(["stories", "--db", str(missing), "--since", "last tuesday"], capsys)
    assert code == 2 and "cannot read 'last tuesday'; give a date (2024-05-01)" in err


def test_cli_stories_parse_since() -> None:
    now = datetime(2024, 5, 10, 12, 0, tzinfo=UTC)
    assert parse_since("2024-05-01") == datetime(2024, 5, 1, tzinfo=UTC)
    assert parse_since("2024-05-01T14:30+02:00") == datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    assert parse_since("6h", now=now) == now - timedelta(hours=6)
    assert parse_since("2d", now=now) == now - timedelta(days=2)
    assert parse_since("1w", now=now) == now - timedelta(weeks=1)
    assert parse_since(None) is None
    with pytest.raises(click.BadParameter):
        parse_since("soon")


def test_cli_brief_story_matches_brief_of_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_store(tmp_path, capsys)
    seed_id = stories_json(db, capsys)[1]["id"]
    code, stored, err = run_cli(["brief", "--db", str(db), "--story", seed_id, "--words", "80", "--format", "json",
                             "--sections", "none"], capsys)
    assert code == 0, err
    code, direct, _ = run_cli(["brief", *map(str, DEMO_PATHS), "--words", "80", "--format", "json",
                           "--sections", "none"], capsys)
    assert code == 0
    stored_doc, direct_doc = json.loads(stored), json.loads(direct)
    assert stored_doc["story_id"] == seed_id
    # The same sentences; the stored articles carry dates, so they read in date order (issue 25).
    assert sorted(s["text"] for s in stored_doc["sentences"]) == sorted(s["text"] for s in direct_doc["sentences"])


def test_cli_brief_story_since_is_an_update(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_store(tmp_path, capsys)
    seed_id = stories_json(db, capsys)[1]["id"]
    code, out, err = run_cli(["brief", "--db", str(db), "--story", seed_id, "--since", "2024-03-05",
                          "--words", "150", "--format", "json", "--sections", "none"], capsys)
    assert code == 0, err
    document = json.loads(out)
    assert [s["article_id"] for s in document["sources"]] == ["seed-2"]
    assert "over the weekend" not in " ".join(s["text"] for s in document["sentences"])
    code, _, err = run_cli(["brief", "--db", str(db), "--story", seed_id, "--since", "2025-01-01"], capsys)
    assert code == 1 and err.startswith(f"newsbrief: error: story {seed_id} has no article since 2025-01-01")


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "1d", "a.txt"], "--since needs --story"),
    (["--db", "x.db", "a.txt"], "--db needs --story"),
    (["--story", "s1", "a.txt"], "give PATH... or --story, not both"),
])
def test_cli_brief_store_option_usage_errors(args: list[str], message: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["brief", *args], capsys)
    assert code == 2 and message in err


def test_cli_brief_unknown_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_store(tmp_path, capsys)
    code, _, err = run_cli(["brief", "--db", str(db), "--story", "nope"], capsys)
    assert code == 1 and err.startswith("newsbrief: error: no story 'nope' in ")


def test_cli_stories_text_lists_the_first_ids_of_a_large_story() -> None:
    from newsbrief.cli.stories import LISTED, _listed

    ids = [f"a{n}" for n in range(30)]
    assert _listed(ids) == ", ".join(ids[:LISTED]) + f", … and {30 - LISTED} more"
    assert _listed(ids[:2]) == "a0, a1"
