"""Disagreements told in other words, updates, and one reading of facts shared by citations, agreement and conflicts."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from conftest import demo_articles, make_article

import newsbrief
from newsbrief.analyse.analysis import analyse
from newsbrief.analyse.spellings import one_slip
from newsbrief.segment.sentences import split_sentences

FERRY_A = ("A passenger ferry sank in a storm off the southern coast on Monday. At least 12 people were killed when "
           "the ferry sank in heavy seas near the harbour, officials said. Rescue boats searched the water for "
           "survivors through the night.")
FERRY_B = ("Rescuers searched through the night after a ferry went down in a storm on Monday. The sinking near the "
           "harbour killed 40 people, most of them children, according to the coast guard. Boats from nearby "
           "villages joined the search for survivors.")

VALLEY_ALLOWED = ("Residents of the flooded valley were allowed to return to their homes on Sunday, the county "
                  "sheriff said after the water receded.")
VALLEY_NOT = ("Residents of the flooded valley were still not allowed to return to their homes on Sunday, the county "
              "sheriff said, although the water receded.")


def _analysis(*texts: str, published: tuple[datetime | None, ...] = ()):
    articles = [make_article(t) for t in texts]
    if published:
        articles = [dataclasses.replace(a, published=p) for a, p in zip(articles, published, strict=True)]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    return analyse(articles, sentences, sections=("conflicts", "agreement"))


def _values(kind: str, a: str, b: str) -> set[str]:
    """The two values of the one conflict of ``kind`` between two articles (fails if there is not exactly one)."""
    (conflict,) = [c for c in _analysis(a, b).conflicts if c.kind == kind]
    return {conflict.first_value, conflict.second_value}


def test_a_paraphrased_toll_is_a_count_conflict():
    result = _analysis(FERRY_A, FERRY_B)
    (conflict,) = [c for c in result.conflicts if c.kind == "count"]
    assert {conflict.first_value, conflict.second_value} == {"At least 12", "40"}
    assert "12" in conflict.first.text and "40" in conflict.second.text
    assert result.updates == ()


def test_a_dated_rising_toll_is_an_update_not_a_conflict():
    result = _analysis(FERRY_A, FERRY_B, published=(datetime(2026, 3, 2, 8), datetime(2026, 3, 2, 20)))
    assert [c for c in result.conflicts if c.kind == "count"] == []
    (update,) = result.updates
    assert (update.earlier_value, update.later_value) == ("At least 12", "40")
    assert (update.earlier.source, update.later.source) == (1, 2)
    assert update.earlier_published < update.later_published


def test_the_same_toll_in_other_words_is_no_conflict():
    result = _analysis(FERRY_A, FERRY_B.replace("killed 40 people", "killed a dozen people"))
    assert [c for c in result.conflicts if c.kind == "count"] == []


def test_a_denied_claim_is_a_claim_conflict():
    assert _values("claim", VALLEY_ALLOWED, VALLEY_NOT) == {"allowed", "not allowed"}


def test_a_name_spelt_two_ways_is_a_name_conflict_but_a_short_form_is_not():
    a = ("Prosecutors charged Maria Olivares with fraud on Tuesday after a two-year investigation into the "
         "charity's accounts.")
    b = ("After a two-year inquiry into the charity's books, prosecutors on Tuesday charged Maria Oliveras "
         "with fraud.")
    assert _values("name", a, b) == {"Olivares", "Oliveras"}
    short = b.replace("Maria Oliveras", "Olivares")
    assert [c for c in _analysis(a, short).conflicts if c.kind == "name"] == []
    assert one_slip("gardner", "garner") and not one_slip("durst", "robert durst")


def test_a_paraphrased_date_is_a_date_conflict():
    a = ("The two leaders met in June at the border village to sign the agreement on trade and fishing rights, "
         "officials said.")
    b = ("Officials said the two leaders met in July at the border village, where they signed the agreement on "
         "fishing rights and trade.")
    assert _values("date", a, b) == {"June", "July"}


def test_seed_pair_has_no_conflict_and_no_dispute():
    brief = newsbrief.brief(demo_articles(), budget="120w")
    assert brief.conflicts == ()
    assert all(not s.disputes for s in brief.sentences)


def test_a_source_is_never_cited_for_the_value_it_disputes():
    brief = newsbrief.brief([make_article(FERRY_A), make_article(FERRY_B)], budget="80w")
    (conflict,) = [c for c in brief.conflicts if c.kind == "count"]
    for sentence in brief.sentences:
        spans = [(c.source, c.start, c.end) for c in sentence.citations]
        for mine, theirs in ((conflict.first, conflict.second), (conflict.second, conflict.first)):
            if (mine.source, mine.start, mine.end) == spans[0][:3] or any(
                    s == mine.source and a < mine.end and mine.start < b for s, a, b in spans[:1]):
                assert theirs.source not in sentence.sources
                assert [d.source for d in sentence.disputes] == [theirs.source]
    text = brief.to_text()
    disputed = [s for s in brief.sentences if s.disputes]
    assert disputed and f"([{disputed[0].disputes[0].source}]: {disputed[0].disputes[0].value})" in text
    doc = brief.to_dict()
    assert any(s["disputes"] for s in doc["sentences"])


def test_a_negated_sentence_is_not_cited_or_agreed():
    brief = newsbrief.brief([make_article(VALLEY_ALLOWED), make_article(VALLEY_NOT)], budget="60w")
    assert all(len(s.sources) == 1 for s in brief.sentences)
    assert brief.agreement == ()


def test_one_appointment_dated_in_two_years_is_a_date_conflict():
    a = ("Emile Lahoud, elevated from rear admiral to general and appointed army commander in 1988, was elected "
         "president of Lebanon by parliament on Thursday.")
    b = ("Parliament on Thursday elected Emile Lahoud, appointed army commander in 1989 amid a rebellion in the "
         "fractured military, as president of Lebanon.")
    assert _values("date", a, b) == {"1988", "1989"}
    # years far apart date different events
    assert [c for c in _analysis(a, b.replace("1989", "2004")).conflicts if c.kind == "date"] == []
