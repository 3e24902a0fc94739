"""Conflicts: changed values in copies of a source are caught; compatible restatements are not."""

from __future__ import annotations

import math

import pytest
from conftest import demo_articles, make_article

from newsbrief.analyse import conflicts as conf
from newsbrief.analyse.analysis import analyse
from newsbrief.datatypes import Conflict
from newsbrief.segment.sentences import split_sentences

QUAKE = ("A powerful earthquake killed 12 people and injured 40 in the northern town of Alba on Tuesday, "
         "the civil defence agency said. Rescue teams were searching the rubble of the old market for survivors.")


def _conflicts(*texts: str) -> tuple[Conflict, ...]:
    articles = [make_article(t) for t in texts]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    return analyse(articles, sentences, sections=("conflicts",)).conflicts


def _slot(text: str) -> conf.Slot:
    (slot,) = [s for s in conf.find_slots(text, 0, len(text)) if s.kind in ("number", "count", "amount")]
    return slot


def test_conflicts_seed_pair_has_none():
    # "in the next few days" / "as early as this week", "the United States" / "Washington":
    # compatible at different precision.
    articles = demo_articles()
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    assert analyse(articles, sentences, sections=("conflicts",)).conflicts == ()


def test_conflicts_changed_count_in_a_copy():
    (conflict,) = _conflicts(QUAKE, QUAKE.replace("killed 12 people", "killed 15 people"))
    assert conflict.kind == "count"
    assert (conflict.first_value, conflict.second_value) == ("12", "15")
    assert (conflict.first.source, conflict.second.source) == (1, 2)
    assert "12" in conflict.first.text and "15" in conflict.second.text
    assert "source 1" in conflict.explanation and "source 2" in conflict.explanation


def test_conflicts_changed_amount_in_a_copy():
    text = ("The government approved $2.5 million in emergency aid for farmers hit by the drought on Friday, "
            "the agriculture ministry said.")
    (conflict,) = _conflicts(text, text.replace("$2.5 million", "$4 million"))
    assert (conflict.kind, conflict.first_value, conflict.second_value) == ("amount", "$2.5 million", "$4 million")


def test_conflicts_changed_date_in_a_copy_of_the_seed():
    _, second = demo_articles()
    changed = second.text.replace("The two leaders met in June", "The two leaders met in July")
    (conflict,) = _conflicts(second.text, changed)
    assert (conflict.kind, conflict.first_value, conflict.second_value) == ("date", "June", "July")


def test_conflicts_changed_weekday_in_a_copy():
    (conflict,) = _conflicts(QUAKE, QUAKE.replace("on Tuesday", "on Wednesday"))
    assert (conflict.kind, conflict.first_value, conflict.second_value) == ("weekday", "Tuesday", "Wednesday")


def test_conflicts_changed_speaker_in_a_copy_of_the_seed():
    _, second = demo_articles()
    changed = second.text.replace("so far,” Bolton said", "so far,” Pompeo said").replace(
        "adviser, John Bolton,", "adviser, Mike Pompeo,")
    conflicts = _conflicts(second.text, changed)
    assert [(c.kind, c.first_value, c.second_value) for c in conflicts] == [("speaker", "John Bolton", "Mike Pompeo")]


def test_conflicts_changed_age_in_a_copy():
    text = "Two brothers, Tom Ford, 19, and Sam Ford, 22, were charged with the bank robbery on Friday."
    (conflict,) = _conflicts(text, text.replace("Sam Ford, 22", "Sam Ford, 21"))
    assert conflict.kind == "number"
    assert (conflict.first_value, conflict.second_value) == ("Sam Ford, 22", "Sam Ford, 21")


def test_conflicts_changed_office_in_a_copy():
    text = "Prime Minister Ann Lee opened the new bridge over the river on Friday with the city's mayor."
    (conflict,) = _conflicts(text, text.replace("Prime Minister Ann Lee", "President Ann Lee"))
    assert (conflict.kind, conflict.first_value, conflict.second_value) == (
        "title", "prime minister Ann Lee", "president Ann Lee")


@pytest.mark.parametrize("changed", [
    QUAKE.replace("killed 12 people", "killed at least 12 people"),  # a bound that holds
    QUAKE.replace("killed 12 people", "killed about a dozen people"),  # said less precisely
    QUAKE.replace("killed 12 people", "killed twelve people"),  # the same number in words
    QUAKE.replace("on Tuesday", "this week"),  # a vaguer time
    QUAKE.replace("the northern town of Alba", "northern Italy"),  # a wider place
    QUAKE.replace("killed 12 people", "killed 12 people (most of them children)"),
])
def test_conflicts_compatible_restatements_give_none(changed):
    assert _conflicts(QUAKE, changed) == ()


@pytest.mark.parametrize("a, b", [
    ("The fund paid about 100 scholarships last year, the committee said on Monday in its report.",
     "The fund paid 112 scholarships last year, the committee said on Monday in its report."),
    ("The company sold 2.5 million cars in Europe last year, its chief executive said at the show.",
     "The company sold 2,470,000 cars in Europe last year, its chief executive said at the show."),
    ("The flood forced more than 40,000 people from their homes in the delta, aid workers said.",
     "The flood forced 52,000 people from their homes in the delta, aid workers said."),
    ("The storm was moving north at 9 mph (14 kph) toward the coast of the island, forecasters said.",
     "The storm was moving north at 9 mph (15 kph) toward the coast of the island, forecasters said."),
    ("The toll rose to 231 on Monday after rescuers reached the villages in the hills, officials said.",
     "The toll rose to 350 on Tuesday after rescuers reached the villages in the hills, officials said."),
    ("The ruling party holds a 221-214 majority in the regional assembly after the vote, aides said.",
     "The ruling party holds 221 seats in the regional assembly after the vote, aides said."),
    ("Cycling: Tom Ford wins stage 13 of the race in the hills after a long and lonely attack",
     "Cycling: Tom Ford wins stage 15 of the race in the hills after a long and lonely attack"),
    ("The heat has killed 32 people in Lyon since the weekend, most of them elderly, police said.",
     "The heat has killed at least 62 people across France since the weekend, most of them elderly, police said."),
])
def test_conflicts_hand_checked_compatible_pairs(a, b):
    assert _conflicts(a, b) == ()


def test_slots_hedges_and_rounding_make_intervals():
    about = _slot("The earthquake in the hills killed about 100 people, officials said.")
    assert (about.low, about.high) == (80.0, 120.0)
    more = _slot("The earthquake in the hills killed more than 40 people, officials said.")
    assert (more.low, more.high) == (40.0, math.inf)
    rounded = _slot("The carmaker sold 2.5 million cars in Europe last year, officials said.")
    assert (rounded.low, rounded.high) == (2_450_000.0, 2_550_000.0)
    assert _slot("The government paid dlrs 30 million in aid to farmers, officials said.").kind == "amount"
    assert _slot("The temperature fell to minus 26 degrees in the northern valleys at dawn.").value == -26.0


def test_slots_need_a_real_statement():
    assert conf.find_slots("Saturday, January 8, 2005", 0, 25) == []


def test_slots_skip_labels_years_times_and_names():
    text = "Flight 111 left the airport at 8:30 in 1998 after the Boeing 747 landed, carrying Route 66 fans home."
    assert [s for s in conf.find_slots(text, 0, len(text)) if s.kind in ("number", "count", "amount")] == []


def test_conflicts_a_spokeswoman_and_her_department_are_no_speaker_clash():
    # multinews-test-0482: one source gives the quote to "State Department spokeswoman Victoria Nuland", the other
    # to the department; she speaks for it, so neither source is wrong about who said it.
    words = ("to make absolutely clear with his physical presence that we stand with those Syrians who are "
             "expressing their right to speak for change")
    first = (f'Ambassador Robert Ford visited Hama on Friday "{words}," said State Department spokeswoman '
             "Victoria Nuland. Syria accused him of meeting saboteurs.")
    second = (f'Syria protested the visit. In response, the State Department said: "The intention was {words}." '
              "Washington called the protest absurd.")
    assert [c for c in _conflicts(first, second) if c.kind == "speaker"] == []
    # another person of the same department is still a clash
    other = second.replace("the State Department said", "Secretary of State Hillary Clinton said")
    assert [(c.kind, c.first_value, c.second_value) for c in _conflicts(first, other)
            if c.kind == "speaker"] == [("speaker", "Victoria Nuland", "Hillary Clinton")]


def test_conflicts_a_name_inside_the_quoted_words_does_not_hide_a_speaker_clash():
    words = "We will not let Tom Wilson decide our trade policy for the next four years, whatever he says"
    first = f'"{words}," said Senator John Ford on Friday. The bill goes to a vote next week.'
    second = f'"{words}," said Senator Tom Wilson on Friday. The bill goes to a vote next week.'
    assert [(c.kind, c.first_value, c.second_value) for c in _conflicts(first, second)
            if c.kind == "speaker"] == [("speaker", "John Ford", "Tom Wilson")]
