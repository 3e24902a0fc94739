"""The verbatim check of quotes: the quoted words must stand in a source; closing punctuation may differ."""

from __future__ import annotations

import newsbrief
from newsbrief.cite.verify import is_verbatim
from newsbrief.datatypes import Article

A = Article.make('The prisoners "will be released very soon." the minister told reporters on Monday.')
B = Article.make('"They will be released very soon," the minister said, adding that talks would go on.')


def test_verify_quote_closing_punctuation_may_differ_between_sources() -> None:
    assert is_verbatim("will be released very soon.", [A]) and is_verbatim("will be released very soon.", [B])
    assert is_verbatim("“will be released very soon,”", [A])


def test_verify_quote_words_must_be_verbatim() -> None:
    assert not is_verbatim("will be freed very soon.", [A, B])
    assert not is_verbatim("will be released very soon. Talks", [A, B])  # only the closing marks are let go
    assert not is_verbatim("...", [A, B])


def test_verify_keeps_dev_quotes_that_outlets_punctuate_differently() -> None:
    """DUC 2004 d30049t: "… what type of nuclear facility it might be." in one source, without the period in another."""
    from conftest import data_clusters

    row = next(r for r in data_clusters("duc2004_dev.jsonl") if r["id"] == "duc2004-d30049t")
    brief = newsbrief.brief([Article.make(t) for t in row["documents"]], sections="quotes")
    assert not any("not found verbatim" in note for note in brief.notes)
    assert any("nuclear facility it might be" in q.text and len(q.sources) >= 2 for q in brief.quotes)
