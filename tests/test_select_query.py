"""Focused briefs: a query bends the brief of the seed story towards it, everywhere a brief is made.

The seed pair's generic 60-word brief leaves John Bolton out; a question about him
brings his accusation in (and his quote to the top of the Quotes section), while a
query none of whose words occurs in the articles gives the generic brief and a note.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import DEMO_PATHS, data_clusters, demo_articles, run_cli

import newsbrief
from newsbrief.datatypes import Article, Budget
from newsbrief.errors import ConfigError
from newsbrief.represent.prepared import prepare
from newsbrief.select.concepts import LongBudgetConceptSelector
from newsbrief.select.query import (
    FocusedConceptSelector,
    in_pool,
    is_unfocused_note,
    normalise_query,
    query_terms,
    sentence_relevance,
)

DEMO = [str(p) for p in DEMO_PATHS]
BOLTON = "Bolton's role"
NO_MATCH = "the weather in Paris"


def words_of(brief: newsbrief.Brief) -> str:
    return " ".join(s.text for s in brief.sentences)


# --- the query ------------------------------------------------------------------------------------

def test_query_terms_drop_the_instruction_words_of_a_duc_topic() -> None:
    topic = ("Native American Reservation System - pros and cons. Discuss conditions on American Indian "
             "reservations. Include the benefits and drawbacks of the reservation system.")
    terms = query_terms(topic)
    for instruction in ("discuss", "includ", "pros", "con"):
        assert instruction not in terms
    for content in ("reserv", "american", "indian", "benefit", "drawback"):
        assert content in terms


def test_query_normalised_blank_is_none_and_too_long_is_refused() -> None:
    assert normalise_query(None) is None
    assert normalise_query("  \n\t ") is None
    assert normalise_query("  Bolton's\n role ") == "Bolton's role"
    with pytest.raises(ConfigError, match="query too long: 2,001 characters; at most 2,000"):
        normalise_query("x" * 2001)


def test_query_relevance_ranks_the_sentences_that_name_the_subject_first() -> None:
    cluster = prepare(demo_articles())
    relevance = sentence_relevance(cluster, BOLTON, feedback=30, feedback_weight=0.5)
    top = [cluster.sentences[i].text for i in np.argsort(-relevance)[:2]]
    assert all("Bolton" in text for text in top), top
    assert not sentence_relevance(cluster, NO_MATCH, feedback=30, feedback_weight=0.5).any()


def test_query_selector_without_bias_is_the_generic_selector() -> None:
    """With every bias off, the focused selector picks exactly what the generic one picks."""
    base = LongBudgetConceptSelector()
    clusters = [demo_articles()] + [[Article.make(t) for t in c["documents"]]
                                    for c in data_clusters("duc2006_dev.jsonl", 3)]
    for articles in clusters:
        cluster = prepare(articles)
        neutral = FocusedConceptSelector(query="the", base=base, concept_bias=0.0, sentence_bias=0.0, pool=1.0,
                                         standalone=False)
        cluster.memo[("query_relevance", "the", neutral.feedback, neutral.feedback_weight)] = np.ones(
            len(cluster.sentences))
        for budget in ("60w", "250w", "3s"):
            assert neutral.select(cluster, Budget.parse(budget)) == base.select(cluster, Budget.parse(budget))


def test_query_pool_is_the_most_relevant_quarter_or_every_candidate_if_none_is_relevant() -> None:
    relevance = np.array([0.9, 0.0, 0.5, 0.1, 0.8, 0.0, 0.3, 0.2, 0.7])
    mask = np.array([True, True, True, True, True, True, True, True, False])
    # a quarter of the 8 candidates: the two most relevant (0.9, 0.8); index 8 (0.7) is no candidate
    assert np.flatnonzero(in_pool(relevance, mask, share=0.25)).tolist() == [0, 4]
    assert in_pool(np.zeros(9), mask, share=0.25).tolist() == mask.tolist()
    assert in_pool(relevance, mask, share=1.0).tolist() == mask.tolist()


# --- the library ----------------------------------------------------------------------------------

def test_query_brings_bolton_into_a_60_word_brief_that_leaves_him_out() -> None:
    generic = newsbrief.brief(demo_articles(), budget="60w", sections="none")
    focused = newsbrief.brief(demo_articles(), budget="60w", sections="none", query=BOLTON)
    assert "Bolton" not in words_of(generic)
    assert "Bolton" in words_of(focused)
    assert Budget.parse("60w").measure([s.text for s in focused.sentences]) <= 60
    texts = [a.text for a in focused.sources]
    for sentence in focused.sentences:  # citations as for any brief: real spans
        for c in sentence.citations:
            assert texts[c.source - 1][c.start:c.end]
    assert focused.query == BOLTON and generic.query is None
    doc = json.loads(focused.to_json())
    assert doc["query"] == BOLTON
    assert "query" not in json.loads(generic.to_json())  # generic briefs keep their JSON as it was
    assert focused.to_text().startswith(f"Focus: {BOLTON}\n")


def test_query_keeps_quotes_agreement_and_uniqueness_to_what_bears_on_it() -> None:
    sections = "agreement,unique,quotes"
    generic = newsbrief.brief(demo_articles(), budget="60w", sections=sections)
    focused = newsbrief.brief(demo_articles(), budget="60w", sections=sections, query=BOLTON)
    assert len(generic.quotes) > len(focused.quotes) >= 1
    assert all(q.speaker == "John Bolton" for q in focused.quotes), focused.quotes
    unique = [f.text for _, facts in focused.unique for f in facts]
    assert unique and all("Bolton" in text for text in unique)
    assert all("Bolton" in f.text for f in focused.agreement)


def test_query_that_matches_nothing_gives_the_generic_brief_and_a_note() -> None:
    generic = newsbrief.brief(demo_articles(), budget="60w", sections="none")
    unmatched = newsbrief.brief(demo_articles(), budget="60w", sections="none", query=NO_MATCH)
    assert [s.text for s in unmatched.sentences] == [s.text for s in generic.sentences]
    assert unmatched.sentences  # not an empty brief
    assert unmatched.notes == (f"the query '{NO_MATCH}' matches no word of the articles; this is the generic "
                               "brief",)
    assert is_unfocused_note(unmatched.notes[0])
    assert json.loads(unmatched.to_json())["notes"] == list(unmatched.notes)


def test_query_with_a_method_that_takes_none_says_so() -> None:
    lead = newsbrief.brief(demo_articles(), budget="60w", sections="none", method="lead", query=BOLTON)
    assert lead.notes == ("method 'lead' does not take a query; this is the generic brief",)


# --- the command line -----------------------------------------------------------------------------

def test_cli_brief_query_flag_focuses_the_brief(capsys: pytest.CaptureFixture[str]) -> None:
    code, generic, _ = run_cli(["brief", *DEMO, "--words", "60", "--sections", "none"], capsys)
    assert code == 0 and "Bolton" not in generic
    code, out, err = run_cli(["brief", *DEMO, "--words", "60", "--sections", "none", "--query", BOLTON,
                              "--format", "json"], capsys)
    assert code == 0, err
    doc = json.loads(out)
    assert doc["query"] == BOLTON
    assert any("Bolton" in s["text"] for s in doc["sentences"])
    assert err == ""


def test_cli_brief_query_matching_nothing_notes_it_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["brief", *DEMO, "--words", "60", "--sections", "none", "--query", NO_MATCH],
                             capsys)
    assert code == 0
    assert err == f"newsbrief: note: the query '{NO_MATCH}' matches no word of the articles; this is the " \
                  "generic brief\n"
    assert "[1][2]" in out  # a brief all the same


def test_cli_brief_story_of_the_store_takes_a_query(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [{"id": f"seed-{i}", "text": p.read_text("utf-8"), "published": f"2024-03-0{i + 3}T09:00:00Z"}
               for i, p in enumerate(DEMO_PATHS, 1)]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "news.db"
    assert run_cli(["ingest", str(source), "--db", str(db)], capsys)[0] == 0
    code, out, err = run_cli(["stories", "--db", str(db), "--format", "json"], capsys)
    story = json.loads(out)[0]["id"]
    base = ["brief", "--db", str(db), "--story", story, "--words", "60", "--sections", "none", "--format", "json"]
    code, generic, err = run_cli(base, capsys)
    assert code == 0, err
    code, focused, err = run_cli([*base, "--query", BOLTON], capsys)
    assert code == 0, err
    assert not any("Bolton" in s["text"] for s in json.loads(generic)["sentences"])
    assert any("Bolton" in s["text"] for s in json.loads(focused)["sentences"])
    assert json.loads(focused)["query"] == BOLTON


def _demo_cluster(**extra: object) -> str:
    return json.dumps({"documents": [p.read_text("utf-8") for p in DEMO_PATHS], **extra})


def test_cli_batch_uses_a_clusters_query_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([_demo_cluster(id="plain"), _demo_cluster(id="focused", query=BOLTON),
                                 _demo_cluster(id="bad", query=["Bolton"])]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run_cli(["batch", str(source), "--out", str(out), "--words", "60", "--sections", "none"], capsys)
    assert code == 0, err
    docs = {d["id"]: d for d in map(json.loads, out.read_text("utf-8").splitlines())}
    assert "query" not in docs["plain"] and docs["focused"]["query"] == BOLTON
    assert not any("Bolton" in s["text"] for s in docs["plain"]["sentences"])
    assert any("Bolton" in s["text"] for s in docs["focused"]["sentences"])
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text("utf-8").splitlines()]
    assert errors == [{"line": 3, "id": "bad",
                       "error": '"query" must be a string (the question to answer), got list'}]

    code, _, err = run_cli(["batch", str(source), "--out", str(out), "--words", "60", "--sections", "none",
                            "--ignore-query"], capsys)
    docs = {d["id"]: d for d in map(json.loads, out.read_text("utf-8").splitlines())}
    assert docs["focused"]["sentences"] == docs["plain"]["sentences"] and "query" not in docs["focused"]


# --- evaluation -----------------------------------------------------------------------------------

def _eval_file(tmp_path: Path) -> Path:
    """The seed pair twice, with a reference that is about Bolton only: a focused brief should score higher."""
    texts = [p.read_text("utf-8") for p in DEMO_PATHS]
    reference = ("National security adviser John Bolton accused North Korea of not abiding by its commitments. "
                 "They have not lived up to the commitments so far, Bolton said.")
    path = tmp_path / "eval.jsonl"
    path.write_text("".join(json.dumps({"id": f"c{i}", "documents": texts, "summaries": [reference],
                                        "query": BOLTON}) + "\n" for i in range(2)), encoding="utf-8")
    return path


def test_evaluate_reports_the_focused_brief_beside_the_generic_one(tmp_path: Path) -> None:
    result = newsbrief.evaluate(_eval_file(tmp_path), systems="newsbrief,lead", budget="60w", measure="recall")
    assert list(result.systems) == ["newsbrief", "newsbrief-generic", "lead"]
    assert result.queries == 2
    focused, generic = (result.systems[n].scores["rouge2"].mid for n in ("newsbrief", "newsbrief-generic"))
    assert focused > generic
    assert result.comparisons["newsbrief-generic"]["rouge2"].mid == pytest.approx(focused - generic)
    assert "2 clusters with a query" in result.to_table()
    assert result.to_dict()["queries"] == 2

    ignored = newsbrief.evaluate(_eval_file(tmp_path), systems="newsbrief,lead", budget="60w", measure="recall",
                                 ignore_query=True)
    assert list(ignored.systems) == ["newsbrief", "lead"] and ignored.queries == 0
    assert ignored.systems["newsbrief"].scores["rouge2"].mid == pytest.approx(generic)


def test_cli_evaluate_ignore_query_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(_eval_file(tmp_path))
    code, out, err = run_cli(["evaluate", "--data", data, "--words", "60", "--systems", "newsbrief,lead"], capsys)
    assert code == 0, err
    assert "newsbrief-generic" in out
    code, out, err = run_cli(["evaluate", "--data", data, "--words", "60", "--systems", "newsbrief,lead",
                              "--ignore-query"], capsys)
    assert code == 0, err
    assert "newsbrief-generic" not in out and "with a query" not in out


def test_query_reaches_every_story_of_a_by_story_brief() -> None:
    briefs = newsbrief.brief_by_story(demo_articles(), budget="60w", sections="none", query=BOLTON)
    assert briefs and all(b.query == BOLTON for b in briefs)
    assert any("Bolton" in words_of(b) for b in briefs)
