"""One event given two times by two sources in other words (``analyse/timings.py``), and look-alikes that are not."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import make_article

from newsbrief.analyse.agreement import fact_units
from newsbrief.analyse.analysis import analyse
from newsbrief.analyse.timings import time_conflicts
from newsbrief.names.patterns import proper_words
from newsbrief.segment.sentences import split_sentences


def _times(*texts: str) -> list[tuple[str, str, str]]:
    """(kind, first value, second value) of every time conflict the finder reports between the texts."""
    sentences = [split_sentences(t, article_id=f"d{i}", doc_index=i) for i, t in enumerate(texts)]
    units = fact_units(list(texts), sentences)
    found = time_conflicts(list(texts), units, proper_words(list(texts), sentences))
    return [(c.kind, c.first_value, c.second_value) for _, c in found]


CRASH_A = ("The MD-11 bound from New York to Geneva crashed Sept. 2 off the coast of Nova Scotia, killing all 229 "
           "people aboard. Investigators are still looking for the cause.")
CRASH_B = ("Relatives met in Geneva this week. One woman wrote that her father died in the Sept. 3 crash that took "
           "229 lives, and that she still could not sleep.")


@pytest.mark.parametrize(("a", "b", "expected"), [
    # the same crash, dated by a verb in one source and by a noun in the other; the toll is the shared participant
    (CRASH_A, CRASH_B, ("date", "Sept. 2", "Sept. 3")),
    # one coup told with other verbs: "ousted" / "seized control"
    ("President Amadou Toumani Toure was ousted on March 22 by junior officers in Mali. The junta closed the borders.",
     "Neighbours imposed an embargo. The soldiers who seized control of Mali on March 21 have not said when they "
     "will leave.", ("date", "March 22", "March 21")),
    # a description between commas does not part the time from its verb
    ("Soldiers ousted Toure, the president of Mali, on March 22.",
     "The soldiers who seized control of Mali on March 21 closed the borders.", ("date", "March 22", "March 21")),
    # one fund announced on two weekdays
    ("The pressure is working. The utility announced a $1 million fund on Tuesday for residents struggling to pay.",
     "The Detroit Water and Sewerage Department on Wednesday announced plans to use $1 million to help customers.",
     ("weekday", "Tuesday", "Wednesday")),
    # one landfall told as "slammed into" and "first hit land"
    ("Supertyphoon Babs slammed into the Philippine island of Luzon on Wednesday.",
     "At least 53 people were killed on Catanduanes island, where Babs first hit land Thursday.",
     ("weekday", "Wednesday", "Thursday")),
    # two hedged clock times ten minutes apart: "about 4:20" reaches 4:25, "about 4:30" starts there
    ("Police are looking for a Range Rover with tinted windows that fled the scene about 4:20 a.m.",
     "A Range Rover with paper dealer plates fled the scene about 4:30 a.m., police said.",
     ("date", "about 4:20 a.m.", "about 4:30 a.m.")),
    # a clock time an hedged hour cannot reach
    ("Investigators said the gunman from Reno fled around 10 p.m. in a white van.",
     "The gunman from Reno fled at 10:40 p.m., witnesses said.", ("date", "around 10 p.m.", "10:40 p.m.")),
    # months: one coup told with other verbs in adjacent months
    ("President Toure was ousted in March by soldiers in Mali.", "The president of Mali was overthrown in April.",
     ("date", "March", "April")),
    # a day with its year
    ("The Swissair plane crashed on Sept. 2, 1998, with 229 aboard.",
     "Families of the 229 dead of the Sept. 3, 1998, crash met in Geneva.", ("date", "Sept. 2, 1998", "Sept. 3, 1998")),
])
def test_timings_one_event_dated_two_ways_in_other_words_is_found(a, b, expected):
    assert _times(a, b) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    # hedges: "about 4:20" reaches 4:25; "about 10 p.m." reaches 10:20
    ("A Range Rover fled the scene about 4:20 a.m.", "The Range Rover fled the scene at 4:25 a.m."),
    ("The gunman from Reno fled around 10 p.m.", "The gunman from Reno fled at 10:20 p.m."),
    # a plan against what happened
    ("The funeral of Matthew Shepard will be held Friday in Casper.",
     "Hundreds attended the funeral of Matthew Shepard on Saturday in Casper."),
    # the day a statement was made, not the day of the event
    ("Police in Lima said Tuesday that the bus crashed into a ravine.", "The bus from Lima crashed Monday."),
    # different events of one kind: two people arrested on different days
    ("Police in Houston arrested John Smith on Monday.", "Police in Houston arrested Mary Jones on Tuesday."),
    # a developing story: the storm moves on, another verb on another day
    ("Typhoon Babs slammed into Luzon on Wednesday.", "Typhoon Babs lashed Hong Kong with strong winds on Sunday."),
    # a source that dates the event class two ways tells of two events
    ("A bus crashed on May 3 near Lima, and another bus crashed on May 5 near Lima.",
     "The bus crashed May 4 near Lima, killing 12."),
    # a source that writes the other's date anywhere knows both days
    ("The plane crashed Sept. 2 off Nova Scotia with 229 aboard. Searchers found wreckage on Sept. 3.",
     "Relatives mourned the 229 dead of the Sept. 3 crash."),
    # time zones: a local time and a GMT time of one blast
    ("The bomb in Jerusalem exploded at 9:45 a.m. local time.", "The bomb in Jerusalem exploded at 7:45 a.m. GMT."),
    # bounds: a period, not the day of the event
    ("Mali has been ruled by the junta since March 21, when soldiers ousted the president.",
     "Soldiers ousted the president of Mali on March 22."),
    # days far apart are two events, not one told two ways
    ("The plane from Geneva crashed on Sept. 2 with 229 aboard.", "The plane from Geneva crashed on Nov. 20."),
    # other years are other events (or a year slip, which events.year_disagreements reads)
    ("The Swissair plane crashed on Sept. 2, 1998, with 229 aboard.",
     "The Swissair plane crashed on Sept. 3, 1997, with 229 aboard."),
    # months far apart are two events
    ("President Toure was ousted in March by soldiers in Mali.", "The president of Mali was overthrown in June."),
    # "yesterday" is never read against a weekday
    ("The utility announced a $1 million fund yesterday.", "The utility on Wednesday announced a $1 million fund."),
    # the same day in other words
    ("Babs slammed into Luzon on Wednesday.", "On Wednesday, Babs slammed into Luzon."),
    # recurring activities date nothing another source could contradict
    ("Police from Chechnya searched for the bodies on Wednesday.",
     "Police from Chechnya searched for the bodies on Friday."),
])
def test_timings_look_alikes_are_not_reported(a, b):
    assert _times(a, b) == []


def test_timings_weak_events_need_more_than_one_shared_name():
    # an execution blocked on Tuesday and another man's execution on Thursday share only the governor
    a = ("In a test of Gov. George W. Bush, an appeals court blocked a mentally ill killer's execution Tuesday.")
    b = ("The parole board refused to block the execution Thursday of Gary Graham, a case that dogged Gov. "
         "George W. Bush.")
    assert _times(a, b) == []
    # a shared figure ties two announcements to one fund
    assert _times("The city announced a $25 million fund on Monday.",
                  "The mayor on Tuesday announced a $25 million fund.") == [("weekday", "Monday", "Tuesday")]


def test_timings_reach_the_brief_as_conflicts_with_both_spans():
    articles = [make_article(CRASH_A), make_article(CRASH_B)]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    conflicts = analyse(articles, sentences, sections=("conflicts",)).conflicts
    (conflict,) = [c for c in conflicts if c.kind == "date"]
    assert {conflict.first_value, conflict.second_value} == {"Sept. 2", "Sept. 3"}
    for span, text in ((conflict.first, CRASH_A), (conflict.second, CRASH_B)):
        assert text[span.start:span.end] == span.text
        assert ("Sept. 2" in span.text) or ("Sept. 3" in span.text)


def _dated_times(a: str, b: str, published: tuple[datetime | None, datetime | None]) -> list[tuple[str, str, str, str]]:
    texts = [a, b]
    sentences = [split_sentences(t, article_id=f"d{i}", doc_index=i) for i, t in enumerate(texts)]
    found = time_conflicts(texts, fact_units(texts, sentences), proper_words(texts, sentences), published)
    return [(c.kind, c.first_value, c.second_value, c.explanation) for _, c in found]


OUSTED_SUNDAY = "President Toure was ousted Sunday by soldiers in Mali."
WEDNESDAY = datetime(2012, 3, 28, 12, 0)  # a Wednesday: that Sunday was March 25


def test_timings_a_dated_weekday_is_read_as_its_day_against_another_source_s_day():
    (found,) = _dated_times(OUSTED_SUNDAY, "Soldiers ousted President Toure of Mali on March 22.",
                            (WEDNESDAY, None))
    assert found[:3] == ("date", "Sunday", "March 22")
    assert "Sunday (March 25, by its date)" in found[3]


@pytest.mark.parametrize(("b", "published"), [
    # the same day: "Sunday" of a Wednesday, March 28 story is March 25
    ("Soldiers ousted President Toure of Mali on March 25.", (WEDNESDAY, None)),
    # undated: a weekday is never set against a day
    ("Soldiers ousted President Toure of Mali on March 22.", (None, None)),
])
def test_timings_a_weekday_agreeing_with_a_day_or_undated_is_not_reported(b, published):
    assert _dated_times(OUSTED_SUNDAY, b, published) == []


def test_timings_a_weekday_dating_a_noun_is_not_read_as_a_day():
    # "the Sunday vote" may still be ahead of the story; only a past verb dates a past day
    a = "Observers from Mali criticised the Sunday vote."
    b = "Mali held its vote on March 22, observers said."
    assert _dated_times(a, b, (WEDNESDAY, None)) == []
