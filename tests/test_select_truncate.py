"""``--truncate``: the last sentence is the one cut, at the end of a word, and shown with "…"."""

from __future__ import annotations

import pytest
from conftest import DEMO_PATHS, demo_articles, run_cli

import newsbrief
from newsbrief.datatypes import Budget
from newsbrief.select.truncate import cut_to_budget, cut_whole_words

TEXT = "South Korea’s Moon Jae-in expressed support, arguing it would help"


@pytest.mark.parametrize("n_bytes", range(1, len(TEXT.encode("utf-8")) + 1))
def test_truncate_cut_whole_words_ends_at_a_word_end(n_bytes: int) -> None:
    piece = cut_whole_words(TEXT, n_bytes)
    assert TEXT.startswith(piece) and len(piece.encode("utf-8")) <= n_bytes
    assert piece == "" or piece.split()[-1].rstrip(",") in TEXT.replace(",", "").split()
    assert not piece.endswith((",", " "))


def test_truncate_byte_budget_leaves_room_for_the_ellipsis() -> None:
    texts = cut_to_budget(["one two three.", "four five six seven."], Budget("bytes", 27), whole_words=True)
    assert texts == ["one two three.", "four five"]
    assert len(" ".join(texts).encode("utf-8")) + len("…".encode()) <= 27
    assert cut_to_budget(["one two three.", "four five six seven."], Budget("bytes", 27)) == \
        ["one two three.", "four five si"]  # evaluation keeps the exact byte cut


@pytest.mark.parametrize("budget", ["300b", "50w", "665b"])
def test_truncate_cuts_the_last_sentence_of_the_brief(budget: str) -> None:
    result = newsbrief.brief(demo_articles(), budget=budget, truncate=True, sections="none")
    assert [s.trimmed for s in result.sentences] == [False] * (len(result.sentences) - 1) + [True]
    assert result.budget.measure([s.text for s in result.sentences]) <= result.budget.limit


def test_cli_truncate_shows_an_ellipsis_not_half_a_word(capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", *map(str, DEMO_PATHS), "--bytes", "300", "--truncate", "--sections", "none"],
                             capsys, monkeypatch)
    assert code == 0, err
    lines = out.split("\n\n")[0].splitlines()  # the brief's sentences (a legend or the sources follow)
    last = lines[-1].rsplit(" [", 1)[0]
    assert last.endswith("…")
    words = last.removesuffix("…").split()
    source = " ".join(p.read_text("utf-8") for p in DEMO_PATHS)
    assert f"{words[-1]} " in source or f"{words[-1]}," in source  # a whole word of the source
    for line in lines[:-1]:
        assert "…" not in line
