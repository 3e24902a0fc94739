"""``newsbrief brief`` over arguments, files and stdin, and every bad input it must survive."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEMO_PATHS, ROOT, TEST_DATA, run_cli

from newsbrief import __version__

DEMO = [str(p) for p in DEMO_PATHS]



def test_cli_brief_demo_text_has_markers_and_sources(capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", *DEMO, "--words", "100", "--sections", "none"], capsys, monkeypatch)
    assert code == 0, err
    assert "[1][2]" in out
    assert "Sources:" in out and "[2] " in out
    assert "Be the first to comment" not in out


@pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
def test_cli_brief_formats(fmt: str, capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", *DEMO, "--format", fmt, "--sections", "none"], capsys, monkeypatch)
    assert code == 0, err
    if fmt == "json":
        doc = json.loads(out)
        assert doc["schema"] == "newsbrief.brief/1"
        assert [s["id"] for s in doc["sources"]] == [1, 2]
        for sentence in doc["sentences"]:
            assert sentence["citations"]
            for c in sentence["citations"]:
                text = DEMO_PATHS[c["source"] - 1].read_text("utf-8")
                assert text[c["start"]:c["end"]] == c["text"]
    elif fmt == "html":
        assert out.startswith("<!doctype html>") and "<script" not in out
    else:
        assert out.startswith("# Brief") and "[^1]" in out


def test_cli_brief_reads_stdin(capsys, monkeypatch) -> None:
    data = DEMO_PATHS[0].read_bytes()
    code, out, _ = run_cli(["brief", "-", DEMO[1], "--sentences", "2", "--sections", "none"], capsys, monkeypatch,
                       stdin=data)
    assert code == 0
    assert "[1] <stdin>" in out or "[1] -" in out or "[1]" in out


def test_cli_brief_version(capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["--version"], capsys, monkeypatch)
    assert code == 0 and __version__ in out


def test_cli_brief_explain_lists_removed_boilerplate(capsys, monkeypatch) -> None:
    code, _, err = run_cli(["brief", *DEMO, "--explain", "--sections", "none"], capsys, monkeypatch)
    assert code == 0
    assert "Be the first to comment" in err and "removed [1]" in err
    assert "[Opinion: Second Trump-Kim summit" in err and "removed [2]" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--words", "0"], "budget must be a positive number of words, got 0"),
    (["--sentences", "-3"], "budget must be a positive number of sentences, got -3"),
    (["--words", "10", "--bytes", "100"], "give one of --words, --sentences, --bytes, not words and bytes"),
    (["--method", "mrr"], "unknown method 'mrr'; available:"),
    (["--sections", "gossip"], "unknown section 'gossip'; available: agreement"),
])
def test_cli_brief_bad_options(args: list[str], message: str, capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", *DEMO, *args], capsys, monkeypatch)
    assert code in (1, 2)
    assert message in err
    assert "Traceback" not in err and out == ""


def test_cli_brief_bad_budget_is_a_usage_error(capsys, monkeypatch) -> None:
    code, _, _ = run_cli(["brief", *DEMO, "--words", "0"], capsys, monkeypatch)
    assert code == 2


def test_cli_brief_no_paths_is_a_usage_error(capsys, monkeypatch) -> None:
    code, _, err = run_cli(["brief"], capsys, monkeypatch)
    assert code == 2 and "give at least one PATH" in err


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_cli_brief_empty_file_fails_with_one_line(tmp_path, capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", _write(tmp_path, "empty.txt", b"")], capsys, monkeypatch)
    assert code == 1 and out == ""
    assert "empty.txt" in err and "error" in err
    assert "Traceback" not in err


def test_cli_brief_binary_file_is_refused_and_the_rest_briefed(tmp_path, capsys, monkeypatch) -> None:
    binary = _write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    code, out, err = run_cli(["brief", binary, *DEMO, "--sections", "none"], capsys, monkeypatch)
    assert code == 0
    assert "photo.txt" in err and "binary" in err
    assert "[1][2]" in out


def test_cli_brief_only_binary_fails(tmp_path, capsys, monkeypatch) -> None:
    binary = _write(tmp_path, "blob.bin", b"\x00\x01\x02" * 1000)
    code, out, err = run_cli(["brief", binary], capsys, monkeypatch)
    assert code == 1 and out == "" and "blob.bin" in err


def test_cli_brief_latin1_file_is_decoded(capsys, monkeypatch) -> None:
    latin1 = str(TEST_DATA / "latin1_article.txt")
    code, out, err = run_cli(["brief", latin1, "--sections", "none"], capsys, monkeypatch)
    assert code == 0, err
    assert "\ufffd" not in out


def test_cli_brief_single_article_notes_it(capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", DEMO[0], "--sections", "none"], capsys, monkeypatch)
    assert code == 0 and "one article given" in err
    assert "[1]" in out


def test_cli_brief_article_without_sentences(tmp_path, capsys, monkeypatch) -> None:
    noise = _write(tmp_path, "noise.txt", b"Be the first to comment\n")
    code, out, err = run_cli(["brief", noise], capsys, monkeypatch)
    assert code == 1 and out == ""
    assert "no sentence found" in err


def test_cli_brief_directory_without_articles(tmp_path, capsys, monkeypatch) -> None:
    (tmp_path / "empty").mkdir()
    code, out, err = run_cli(["brief", str(tmp_path / "empty")], capsys, monkeypatch)
    assert code == 1 and out == ""
    assert "empty" in err and "no article" in err


def test_cli_brief_huge_file_is_refused(tmp_path, capsys, monkeypatch) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # a real 50 MB file
        handle.write(b"The council met on Monday and voted on the budget. " * (50 * 1024 * 1024 // 51 + 1))
    code, out, err = run_cli(["brief", str(big), *DEMO, "--sections", "none"], capsys, monkeypatch)
    assert code == 0
    assert "huge.txt" in err and "MB" in err
    assert "[1][2]" not in out or "huge" not in out


def test_cli_brief_malformed_jsonl_line_reported_rest_read(capsys, monkeypatch) -> None:
    path = TEST_DATA / "jsonl_bad_line_3.jsonl"
    code, out, err = run_cli(["brief", str(path), "--sections", "none"], capsys, monkeypatch)
    assert code == 0, err
    assert f"{path}:3" in err and "not valid JSON" in err
    assert "[1]" in out


def test_cli_brief_missing_path(capsys, monkeypatch) -> None:
    code, _, err = run_cli(["brief", "does-not-exist.txt"], capsys, monkeypatch)
    assert code == 1 and "does-not-exist.txt" in err


def test_cli_brief_subprocess_has_no_traceback_on_error(tmp_path) -> None:
    empty = tmp_path / "e.txt"
    empty.write_text("")
    proc = subprocess.run([sys.executable, "-m", "newsbrief.cli", "brief", str(empty)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("newsbrief: error:")
