"""Briefs a reader does not stumble on (issue 25): sentences that stand alone, no junk, no repeats, the answer first."""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import demo_articles, make_article

import newsbrief
from newsbrief.analyse.tidy import tidy_sections
from newsbrief.cite.verify import check_brief
from newsbrief.datatypes import Budget, Edit, Fact, Span
from newsbrief.ingest.junk_sentences import junk_kind
from newsbrief.represent.prepared import prepare
from newsbrief.segment.sentences import split_text
from newsbrief.select.standalone import arrange, dependence, settle

PRONOUN_STORY = (
    "Mayor Alice Grant of Riverton announced a new flood barrier plan on Monday after the river rose. "
    "She said the barrier would cost 40 million dollars and protect 3,000 homes along the river. "
    "Engineers expect construction of the flood barrier to start in the spring."
)


def _cluster(*texts: str):
    return prepare([make_article(t) for t in texts])


@pytest.mark.parametrize(("text", "kind"), [
    ("He had no further details.", "pronoun"),
    ("They'll board via lane 1.", "pronoun"),
    ("But over time, the Martian atmosphere thinned.", "link"),
    ("Hun Sen, however, rejected that.", "pronoun"),
    ("But he declined to comment.", "pronoun"),
    ("“This is about self-defense, plain and simple.”", "quote"),
    ("“We will go,” he said.", "pronoun"),
    ("The spokesman, Ed Donovan, said Crudup would be charged.", "description"),
    ("This year the festival drew 10,000 people.", None),
    ("Thus began the mystery of the missing $2 billion.", "pronoun"),
    ("I don't know Louis C.K.", "pronoun"),
    ("“We will go,” Mayor Grant said.", None),
    ("Police in Riverton arrested two men on Monday.", None),
])
def test_dependence_names_what_a_sentence_leans_on(text: str, kind: str | None) -> None:
    assert dependence(text) == kind


def test_dangling_pronoun_brings_its_antecedent_along() -> None:
    cluster = _cluster(PRONOUN_STORY)
    she = next(i for i, s in enumerate(cluster.sentences) if s.text.startswith("She said"))
    picks = settle(cluster, [she], Budget("words", 60))
    order = arrange(cluster, [p.index for p in picks])
    assert order == [she - 1, she]  # the sentence that names her, right before


def test_dangling_pronoun_leaves_when_its_antecedent_does_not_fit() -> None:
    cluster = _cluster(PRONOUN_STORY)
    she = next(i for i, s in enumerate(cluster.sentences) if s.text.startswith("She said"))
    other = len(cluster.sentences) - 1
    picks = settle(cluster, [she], Budget("words", 25), fill=[other])
    assert [p.index for p in picks] == [other]  # room goes to a sentence that stands alone


def test_brief_has_no_sentence_before_the_one_it_leans_on() -> None:
    result = newsbrief.brief([PRONOUN_STORY], budget="1s", sections="none")
    assert len(result.sentences) == 1
    assert not result.sentences[0].text.startswith("She")


def test_linking_opener_dropped_as_a_marked_checked_edit() -> None:
    story = ("Rescuers reached the stranded climbers on Mount Hood late on Tuesday night. "
             "The weather had cleared after two days of heavy snow on the mountain. "
             "However, rescuers said both climbers were flown to a hospital in Portland with frostbite.")
    cluster = _cluster(story)
    last = len(cluster.sentences) - 1
    [pick] = settle(cluster, [last], Budget("words", 20))
    assert pick.text == "Rescuers said both climbers were flown to a hospital in Portland with frostbite."
    assert pick.edits == (Edit(0, 10, "However, r", "R", pick.edits[0].why),)
    result = newsbrief.brief([story], budget="1s", sections="none", query="climbers hospital Portland frostbite")
    [sentence] = result.sentences
    assert sentence.text.startswith("Rescuers said") and sentence.edits and not sentence.trimmed
    doc = json.loads(result.to_json())
    assert doc["sentences"][0]["edits"][0]["was"] == "However, r"
    # The check lets only a drop (recased) through: an edit that adds words is refused.
    forged = dataclasses.replace(sentence, text="Two injured climbers were flown to a hospital in Portland.",
                                 edits=(Edit(0, 10, "However, r", "Two injured r", "forged"),))
    assert check_brief(dataclasses.replace(result, sentences=(forged,))).sentences == ()
    assert check_brief(result).sentences == result.sentences


@pytest.mark.parametrize(("junk", "kind"), [
    ("Footage from Comedy Central's Indecision 2000 coverage (Video: Comedy Central).", "caption"),
    ("Photo: Left: Attorney General's Office.", "caption"),
    ("(AP Photo/Evan Vucci)", "caption"),
    ("JON STEWART: You can't make this stuff up, folks.", "transcript-label"),
    ("4:57 P.M. Rocket alerts sound across the south of the country.", "live-blog-time"),
    ("Great game tonight — Sundar Pichai (@sundarpichai) February 8, 2016", "embed"),
    ("See the photos pic.twitter.com/pUPjBsbYEh", "embed"),
    ("THE SENATE WILL NEVER PASS THIS BILL, SENATORS SAY.", "shouted"),
    ("Is this the end of the road for the flood barrier?", "question"),
    ("Read more: the mayor's plan in full.", "navigation"),
    ("By Terry Wade", "byline"),
    ("Rachael Bade contributed to this report.", "byline"),
    ("The mayor said the barrier is the city's best hope and that…", "cut"),
])
def test_each_junk_kind_is_named(junk: str, kind: str) -> None:
    assert junk_kind(junk) == kind


def test_quoted_question_with_its_speaker_is_not_junk() -> None:
    assert junk_kind('"Says who?" Cohen asked the anchor on live television.') is None
    assert junk_kind("Michael Cohen repeatedly asked CNN \"says who?\"") is None


def test_junk_never_reaches_a_brief_or_a_section_and_is_explained() -> None:
    junk = ["JON STEWART: You can't make this stuff up, folks.", "Photo: Left: Attorney General's Office.",
            "4:57 P.M. Rocket alerts sound across the south of the country.",
            "Is this the end of the road for the flood barrier?", "THE FLOOD BARRIER WILL SAVE THE CITY, MAYOR SAYS.",
            "Read more: the mayor's plan in full.",
            "Great game tonight — Sundar Pichai (@sundarpichai) February 8, 2016"]
    first = PRONOUN_STORY + "\n" + "\n".join(junk) + "\nThe city council will vote on the plan next week. (djp)"
    second = ("Riverton will build a flood barrier, Mayor Alice Grant announced on Monday.\n" + "\n".join(junk)
              + "\nThe council vote on the flood barrier plan is expected next week.")
    result = newsbrief.brief([first, second], budget="400w")
    shown = [s.text for s in result.sentences] + [f.text for f in result.agreement]
    shown += [f.text for _, facts in result.unique for f in facts] + [q.text for q in result.quotes]
    assert shown
    for text in shown:
        assert not any(j[:20] in text for j in junk), text
        assert "(djp)" not in text
    rules = {r.rule for r in result.removals}
    assert {"junk-sentence:transcript-label", "junk-sentence:question", "junk-sentence:shouted",
            "junk-sentence:live-blog-time", "byline-code"} <= rules
    removed = " ".join(r.text for r in result.removals)
    assert all(j in removed for j in junk)  # each explained (by a boilerplate rule or a junk-sentence one)


def test_mojibake_repaired_when_an_article_is_made() -> None:
    article = make_article("Carringtonâ€™s house was sold. “I'd be a pretty good reporter,\ufffd? he said.")
    assert article.text == "Carrington’s house was sold. “I'd be a pretty good reporter,” he said."
    clean = make_article("Café owners in Zürich said “yes”.")
    assert clean.text == "Café owners in Zürich said “yes”."


def test_a_fact_stated_twice_in_other_words_appears_once() -> None:
    first = ("The Riverton city council approved a 40 million dollar flood barrier on Monday evening. "
             "The vote was seven to two after a long debate about the cost of the project.")
    second = ("On Monday evening the city council of Riverton approved the flood barrier, worth 40 million dollars. "
              "Construction crews will begin work on the northern bank of the river in April.")
    result = newsbrief.brief([first, second], budget="4s", sections="none")
    barrier = [s for s in result.sentences if "barrier" in s.text]
    assert len(barrier) == 1


def test_only_in_items_of_one_fact_become_one_agreed_item() -> None:
    cluster = _cluster("x. y.", "z. w.")
    one = Fact("The council approved a 40 million dollar flood barrier on Monday.", (Span(1, 0, 10, "a"),))
    two = Fact("On Monday the council approved the flood barrier, worth 40 million dollars.", (Span(2, 0, 10, "b"),))
    other = Fact("Construction crews will begin work on the northern bank in April.", (Span(2, 20, 30, "c"),))
    dangling = Fact("But he said the cost was far too high for the small city.", (Span(1, 20, 30, "d"),))
    out = tidy_sections({"agreement": (), "unique": ((1, (one, dangling)), (2, (two, other)))}, cluster)
    assert [f.sources for f in out["agreement"]] == [(1, 2)]
    assert out["unique"] == ((2, (other,)),)


def test_only_in_items_that_give_other_figures_stay_apart() -> None:
    cluster = _cluster("x. y.", "z. w.")
    one_text = "The council approved a 40 million dollar flood barrier on Monday."
    two_text = "On Monday the council approved the flood barrier, worth 90 million dollars."
    one = Fact(one_text, (Span(1, 0, len(one_text), one_text),))
    two = Fact(two_text, (Span(2, 0, len(two_text), two_text),))
    out = tidy_sections({"agreement": (), "unique": ((1, (one,)), (2, (two,)))}, cluster)
    assert out["agreement"] == ()  # one fact's words, another figure: not agreed
    assert out["unique"] == ((1, (one,)), (2, (two,)))
    agreed = Fact(one_text, (Span(1, 0, len(one_text), one_text), Span(3, 0, len(one_text), one_text)))
    out = tidy_sections({"agreement": (agreed,), "unique": ((2, (two,)),)}, cluster)
    assert [f.sources for f in out["agreement"]] == [(1, 3)]  # the 90 million span is not added to it
    assert out["unique"] == ((2, (two,)),)  # and stays "only in" its source


@pytest.mark.parametrize("budget", ["1s", "30w", "40w", "50w", "100w"])
def test_query_answer_comes_first_at_any_budget(budget: str) -> None:
    result = newsbrief.brief(demo_articles(), budget=budget, sections="none", query="What did John Bolton say?")
    assert "Bolton" in result.sentences[0].text


@pytest.mark.parametrize(("text", "expected"), [
    ("The fire was under control by 4 a.m. Firefighters spent hours at the scene.",
     ["The fire was under control by 4 a.m.", "Firefighters spent hours at the scene."]),
    ("U.S. officials said the talks would resume.", ["U.S. officials said the talks would resume."]),
    ("The meeting starts at 9 a.m. Friday in the capital.", ["The meeting starts at 9 a.m. Friday in the capital."]),
    ("By 4 a.m. John Smith was at the scene.", ["By 4 a.m. John Smith was at the scene."]),
])
def test_splitter_ends_a_sentence_where_a_reader_does(text: str, expected: list[str]) -> None:
    assert split_text(text) == expected


def test_dated_articles_read_in_date_order() -> None:
    from datetime import UTC, datetime

    later = make_article("The council approved the flood barrier plan on Friday after a long debate.",
                         published=datetime(2024, 3, 8, tzinfo=UTC))
    earlier = make_article("Mayor Alice Grant proposed a flood barrier for Riverton on Monday morning. "
                           "Engineers from the state university will study the riverbank in April.",
                           published=datetime(2024, 3, 4, tzinfo=UTC))
    result = newsbrief.brief([later, earlier], budget="3s", sections="none")
    # By date, not by position in each article (which would interleave: Monday, Friday, April).
    assert [s.sources for s in result.sentences] == [(2,), (2,), (1,)]
