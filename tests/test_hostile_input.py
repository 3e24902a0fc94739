"""Hostile and careless input through the CLI: nothing lost, every bad record named, the rest read (issue 28)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import run_cli

GOOD = ["The mayor said the bridge vote was held on Monday in the city of Oslo after a long debate.",
        "The council said the bridge vote was held on Monday in Oslo, after a long debate on the budget."]
SURROGATE = '{"id": "s", "text": "Bad \\ud800 text about the bridge vote on Monday in Oslo."}'
DEEP = "[" * 50_000 + "]" * 50_000


def _articles(path: Path) -> Path:
    lines = [json.dumps({"id": "a", "text": GOOD[0]}), SURROGATE, DEEP, json.dumps({"id": "b", "text": GOOD[1]})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _clusters(path: Path) -> Path:
    good = [json.dumps({"id": f"c{i}", "documents": GOOD}) for i in (1, 2)]
    path.write_text("\n".join([good[0], SURROGATE.replace('"text"', '"documents": ["x"], "t"'), DEEP, good[1]]) + "\n",
                    encoding="utf-8")
    return path


def test_hostile_brief_reports_bad_lines_and_briefs_the_rest(tmp_path: Path, capsys) -> None:
    code, out, err = run_cli(["brief", str(_articles(tmp_path / "a.jsonl")), "--sections", "none"], capsys)
    assert code == 0, err
    assert ":2: not read: a \\u escape names half of a character" in err
    assert ":3: not read: JSON nested too deep" in err
    assert "a.jsonl:1" in out and "a.jsonl:4" in out
    assert "Traceback" not in err and "unexpected" not in err


def test_hostile_ingest_stores_the_records_after_a_bad_one(tmp_path: Path, capsys) -> None:
    code, out, err = run_cli(["ingest", "--db", str(tmp_path / "s.db"), str(_articles(tmp_path / "a.jsonl"))], capsys)
    assert code == 0, err
    assert "2 of 2 articles added" in out + err
    assert ":2: not read" in err and ":3: not read" in err


def test_hostile_batch_keeps_every_good_cluster_and_logs_the_bad(tmp_path: Path, capsys) -> None:
    out_path = tmp_path / "out.jsonl"
    code, _, err = run_cli(["batch", str(_clusters(tmp_path / "c.jsonl")), "--out", str(out_path),
                            "--sections", "none"], capsys)
    assert code == 0, err
    assert [json.loads(line)["id"] for line in out_path.read_text().splitlines()] == ["c1", "c2"]
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert [e["line"] for e in errors] == [2, 3]


@pytest.mark.parametrize("link", ["same", "relative", "symlink", "hardlink"])
def test_hostile_batch_refuses_to_write_over_its_input(tmp_path: Path, capsys, monkeypatch, link: str) -> None:
    source = _clusters(tmp_path / "x.jsonl")
    before = source.read_bytes()
    out = source
    if link == "relative":
        monkeypatch.chdir(tmp_path)
        out = Path("x.jsonl")
    elif link == "symlink":
        out = tmp_path / "y.jsonl"
        out.symlink_to(source)
    elif link == "hardlink":
        out = tmp_path / "z.jsonl"
        os.link(source, out)
    code, _, err = run_cli(["batch", str(source), "--out", str(out)], capsys)
    assert code == 1
    assert "is the input" in err and "choose another output file" in err
    assert source.read_bytes() == before


def test_hostile_batch_refuses_an_errors_file_that_is_the_input(tmp_path: Path, capsys) -> None:
    source = _clusters(tmp_path / "x.errors.jsonl")
    before = source.read_bytes()
    code, _, err = run_cli(["batch", str(source), "--out", str(tmp_path / "x.jsonl")], capsys)
    assert code == 1 and "the errors file" in err
    assert source.read_bytes() == before


def test_hostile_disk_full_says_what_is_kept(tmp_path: Path, capsys) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    code, _, err = run_cli(["batch", str(_clusters(tmp_path / "c.jsonl")), "--out", "/dev/full"], capsys)
    assert code == 1
    assert "the disk is full" in err and "--resume" in err and "unexpected" not in err


def test_hostile_config_from_an_endless_file_is_refused_quickly(tmp_path: Path, capsys) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 2_000_000)
    code, _, err = run_cli(["brief", "--config", str(big), str(_articles(tmp_path / "a.jsonl"))], capsys)
    assert code == 2 and "is over 1,000,000 bytes" in err


def test_hostile_huge_title_and_unpunctuated_paragraph_stay_out_of_the_output(tmp_path: Path, capsys) -> None:
    words = ["the", "mayor", "said", "council", "bridge", "vote", "budget", "police", "officials", "city", "state"]
    paragraph = " ".join(words[i * 7 % len(words)] for i in range(60_000))  # ~330 KB, no full stop
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "title": "T" * 1_000_000, "text": paragraph}) + "\n"
                    + json.dumps({"id": "n", "text": GOOD[0] + " " + GOOD[1]}) + "\n", encoding="utf-8")
    code, out, err = run_cli(["brief", str(path), "--words", "100", "--format", "json"], capsys)
    assert code == 0, err
    document = json.loads(out)
    assert len(out) < 20_000  # neither the title nor the paragraph is printed whole
    assert max(len(s["title"] or "") for s in document["sources"]) <= 300


def test_hostile_sections_all_with_none_says_so(tmp_path: Path, capsys) -> None:
    code, _, err = run_cli(["brief", str(_articles(tmp_path / "a.jsonl")), "--sections", "all,none"], capsys)
    assert code == 1 or code == 2
    assert "section 'all' cannot be combined with other names (all,none)" in err


def test_hostile_words_budget_counts_chinese_by_character(tmp_path: Path, capsys) -> None:
    places = "北京上海广州深圳天津重庆南京杭州成都武汉西安长沙"
    lines = [f"{a}市政府周一宣布新的地铁线路将于明年开通并将连接{b}机场和市中心的主要车站。"
             for a in places for b in places if a != b][:40]
    path = tmp_path / "zh.txt"
    path.write_text("".join(lines), encoding="utf-8")
    code, out, err = run_cli(["brief", str(path), "--words", "50", "--sections", "none", "--format", "json"],
                             capsys)
    assert code == 0, err
    text = "".join(s["text"] for s in json.loads(out)["sentences"])
    assert 0 < len(text) <= 2 * 50  # a 37-character sentence is 37 words, not one
