"""Story titles: datelines gone, headline-like length, real headlines kept."""

from __future__ import annotations

import pytest

from newsbrief.cluster.titles import MAX_CHARS, headline_phrase, strip_dateline


@pytest.mark.parametrize(("sentence", "expected"), [
    ("RIO DE JANEIRO, Brazil (AP) — This time around, the presidential Rolls Royce is staying in the garage.",
     "This time around, the presidential Rolls Royce is staying in the garage"),
    ("WASHINGTON _ President Clinton said Tuesday that the budget deal was good.",
     "President Clinton said Tuesday that the budget deal was good"),
    ("NEW YORK, Oct. 5 -- Stocks fell sharply on Monday as investors fled.",
     "Stocks fell sharply on Monday as investors fled"),
    ("LONDON (Reuters) - Britain will ban the sale of new petrol cars.",
     "Britain will ban the sale of new petrol cars"),
    ("(CNN) — A massive storm hit the coast.", "A massive storm hit the coast"),
    ("The U.S. economy grew 2 percent.", "The U.S. economy grew 2 percent"),
    ("NATO: a summit in Madrid", "NATO: a summit in Madrid"),  # a capitalised word and a colon, not a dateline
])
def test_titles_headline_phrase_drops_the_dateline(sentence: str, expected: str) -> None:
    assert headline_phrase(sentence) == expected


def test_titles_long_sentence_is_cut_at_a_clause_or_word() -> None:
    long = ("Hurricane Mitch killed thousands of people in Honduras and Nicaragua, officials said on Sunday, as "
            "rescue workers struggled to reach remote villages cut off by floods.")
    title = headline_phrase(long)
    assert title == "Hurricane Mitch killed thousands of people in Honduras and Nicaragua"
    no_breaks = "word " * 40
    cut = headline_phrase(no_breaks)
    assert len(cut) <= MAX_CHARS + 1 and cut.endswith("…") and "  " not in cut


def test_titles_strip_dateline_keeps_text_without_one() -> None:
    text = "Officials said the bridge would reopen."
    assert strip_dateline(text) == text
    assert strip_dateline("By JOHN SMITH\nPARIS (AP) — The strike ended.") == "The strike ended."
