"""Counts, durations and ages told in other words: disagreements found, look-alikes left alone (issue 23)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from conftest import make_article

from newsbrief.analyse.analysis import analyse
from newsbrief.analyse.durations import durations
from newsbrief.datatypes import Conflict, Update
from newsbrief.segment.sentences import split_sentences

FILLER_A = " Investigators searched the rubble through the night with dogs and cranes, officials said."
FILLER_B = " Neighbours gathered outside the cordon as the rain fell on the quiet streets."


def _analysis(*texts: str, published: tuple[datetime | None, ...] = ()) -> tuple[tuple[Conflict, ...],
                                                                                  tuple[Update, ...]]:
    articles = [make_article(t) for t in texts]
    if published:
        articles = [dataclasses.replace(a, published=p) for a, p in zip(articles, published, strict=True)]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    found = analyse(articles, sentences, sections=("conflicts",))
    return found.conflicts, found.updates


def _values(*texts: str, kind: str = "count") -> list[tuple[str, str]]:
    return [(c.first_value, c.second_value) for c in _analysis(*texts)[0] if c.kind == kind]


EMBASSY_A = ("Washington blames the group for the bombings of the embassies in Kenya and Tanzania that killed 224 "
             "people, including 12 Americans, and wounded thousands more." + FILLER_A)
EMBASSY_B = ("Citing the more than 250 people killed in the embassy attacks in Kenya and Tanzania, the prosecutor "
             "asked the court for the heaviest sentence." + FILLER_B)


def test_a_toll_told_in_other_words_with_its_parts_disagrees() -> None:
    assert _values(EMBASSY_A, EMBASSY_B) == [("224", "more than 250")]


def test_a_part_of_a_toll_is_not_the_toll() -> None:
    # "including 12 Americans" is part of the 224: a source that says 12 Americans were killed agrees.
    americans = ("The bombings of the embassies in Kenya and Tanzania killed 12 Americans, the State Department "
                 "said in its report." + FILLER_B)
    assert _values(EMBASSY_A, americans) == []


def test_a_round_figure_and_a_hedge_allow_the_exact_one() -> None:
    round_toll = EMBASSY_B.replace("the more than 250 people", "the 220 people")
    assert _values(EMBASSY_A, round_toll) == []  # 220 may be 224 rounded to the ten
    hedged = EMBASSY_B.replace("the more than 250 people", "the more than 200 people")
    assert _values(EMBASSY_A, hedged) == []
    about = EMBASSY_B.replace("the more than 250 people", "the about 240 people")
    assert _values(EMBASSY_A, about) == []


CUSTODY_A = ("Four people are in custody, including the two women seen with Kim Jong Nam at the airport, the "
             "police said." + FILLER_A)
CUSTODY_B = ("Malaysia has three people in custody in connection with the poisoning of Kim Jong Nam last week."
             + FILLER_B)


def test_people_in_custody_told_in_other_words_disagree() -> None:
    assert _values(CUSTODY_A, CUSTODY_B) == [("Four", "three")]


def test_a_dated_count_hours_apart_is_an_update_not_a_conflict() -> None:
    conflicts, updates = _analysis(CUSTODY_A, CUSTODY_B, published=(datetime(2017, 2, 16, 8), datetime(2017, 2, 15, 9)))
    assert [c for c in conflicts if c.kind == "count"] == []
    assert [(u.earlier_value, u.later_value) for u in updates] == [("three", "Four")]


def test_a_third_value_near_the_two_is_a_moving_toll() -> None:
    texts = ["Heavy rain and winds brought by Typhoon Babs killed 82 people across the central islands." + FILLER_A,
             "The civil defence office said 129 people were killed as Babs crossed Luzon island." + FILLER_B,
             "Officials in Manila counted 151 people killed when Babs struck the coast last week."]
    assert _values(*texts) == []
    assert _values(texts[0], texts[1]) == [("82", "129")]  # two sources alone: a disagreement


def test_a_third_value_of_another_place_is_another_scope_not_a_moving_toll() -> None:
    nairobi = ("The blast at the embassy building in Nairobi, the Kenyan capital, killed 213 people, the police said."
               + FILLER_A)
    assert _values(EMBASSY_A, EMBASSY_B, nairobi) == [("224", "more than 250")]


def test_a_running_total_is_no_conflict() -> None:
    running = CUSTODY_B.replace("has three people in custody", "has three people in custody after two days of raids")
    assert _values(CUSTODY_A, running) == []


def test_a_kind_of_people_may_be_part_of_people_in_general() -> None:
    israelis = ("The blast in the Jerusalem market killed the two bombers and wounded 21 Israelis, the police in "
                "Jerusalem said." + FILLER_A)
    people = ("The car bomb in the Jerusalem market wounded 24 people on a crowded morning, witnesses in Jerusalem "
              "said." + FILLER_B)
    assert _values(israelis, people) == []  # 21 Israelis among 24 wounded
    more = israelis.replace("21 Israelis", "30 Israelis")
    assert _values(more, people) == [("30", "24")]  # but not 30 Israelis among 24


def test_the_rest_of_a_count_is_not_the_count() -> None:
    rest = ("Iran said the female sailor would be freed soon but did not say when the other 14 sailors held by "
            "Iran would be released." + FILLER_A)
    whole = ("Britain said the 15 sailors held by Iran must be released at once, the Foreign Office in London said."
             + FILLER_B)
    assert _values(rest, whole) == []


def test_counts_of_sentences_that_name_nothing_in_common_are_not_compared() -> None:
    other = ("Elsewhere a landslide killed 40 people in a mountain village, rescuers said on the radio."
             + FILLER_B)
    assert _values(EMBASSY_A, other) == []


SESSION_A = ("The trial of Wang Youcai in Hangzhou was in session for just two hours and 10 minutes before the judge "
             "adjourned it." + FILLER_A)
SESSION_B = ("In a two-and-a-half-hour court session, Wang Youcai defended himself against the charge of "
             "subversion." + FILLER_B)


def test_a_duration_told_in_other_words_disagrees() -> None:
    assert _values(SESSION_A, SESSION_B, kind="number") == [("two hours and 10 minutes", "two-and-a-half-hour")]


def test_durations_that_agree_once_read_in_minutes_are_no_conflict() -> None:
    film_a = ("The director keeps the film's 143-minute running time taut, and Kathryn Bigelow never lets the "
              "tension go." + FILLER_A)
    film_b = ("Kathryn Bigelow's film does not let up for 2 hours and 23 minutes, critics in Detroit said."
              + FILLER_B)
    assert _values(film_a, film_b, kind="number") == []
    three = SESSION_B.replace("two-and-a-half-hour", "3 1/2-hour")
    assert _values(three, SESSION_B.replace("two-and-a-half-hour", "three-and-a-half-hour"), kind="number") == []
    hedged = SESSION_B.replace("a two-and-a-half-hour", "a more than two-hour")
    assert _values(SESSION_A, hedged, kind="number") == []
    whole = SESSION_B.replace("a two-and-a-half-hour", "a two-hour")
    assert _values(SESSION_A, whole, kind="number") == []  # two hours may be 2 h 10 min rounded


def test_durations_of_different_things_or_far_apart_are_no_conflict() -> None:
    speech = SESSION_B.replace("two-and-a-half-hour court session", "two-and-a-half-hour speech")
    assert _values(SESSION_A, speech, kind="number") == []
    day = SESSION_B.replace("two-and-a-half-hour", "six-hour")
    assert _values(SESSION_A, day, kind="number") == []  # another sitting


def test_durations_read_in_minutes() -> None:
    read = [(d[4], d[5]) for t in ("a trial that lasted three and a half hours", "an hour and a half of talks",
                                   "a 90-minute hearing", "a half-hour speech")
            for d in durations(t, 0, len(t))]
    assert read == [(210.0, "trial"), (90.0, "talks"), (90.0, "hearing"), (30.0, "speech")]
    assert durations("He waited two hours at the station.", 0, 35) == []  # nothing that lasts named


SHEPARD_A = ("The body of Matthew Shepard, an openly gay college student, was found tied to a fence near Laramie. "
             "On Friday, the 22-year-old University of Wyoming student was in a coma in critical condition.")
SHEPARD_B = ("Hundreds marched in Laramie in support of the 21-year-old student, Matthew Shepard, who was beaten "
             "and left tied to a fence. The police arrested two men.")


def test_an_age_given_with_a_role_is_the_age_of_the_person_so_described() -> None:
    assert _values(SHEPARD_A, SHEPARD_B, kind="number") == [
        ("the 22-year-old University of Wyoming student", "21-year-old student, Matthew Shepard")]


def test_an_age_given_with_a_role_never_tied_to_a_name_is_not_compared() -> None:
    unnamed = SHEPARD_A.replace("Matthew Shepard, an openly gay college student", "a young man")
    assert _values(unnamed, SHEPARD_B, kind="number") == []
    other_role = SHEPARD_A.replace("University of Wyoming student", "University of Wyoming lecturer")
    assert _values(other_role, SHEPARD_B, kind="number") == []


IMF_A = ("Conservative House Republicans object to Clinton's request for $14 billion to shore up the reserves of the "
         "International Monetary Fund." + FILLER_A)
IMF_B = ("House Republicans, who had blocked all but $3.4 billion of the $18 billion request, want the International "
         "Monetary Fund to end cheap loans." + FILLER_B)


def test_a_sum_requested_told_in_other_words_disagrees() -> None:
    assert _values(IMF_A, IMF_B, kind="amount") == [("$14 billion", "$18 billion")]


def test_sums_of_differently_named_things_rates_and_hedges_are_no_conflict() -> None:
    award_a = ("O.J. Simpson was ordered to pay $33.5 million in damages to the Goldman family, the court in Santa "
               "Monica ruled." + FILLER_A)
    award_b = ("A jury ordered O.J. Simpson to pay $25 million in punitive damages to the Goldman family after a "
               "civil trial." + FILLER_B)
    assert _values(award_a, award_b, kind="amount") == []  # punitive damages are part of the award
    debt_a = "Gore said the surplus should help pay off the $5 trillion debt, Gore told voters in Ohio." + FILLER_A
    debt_b = "Both men vow to pay down the $5.7 trillion national debt, Gore said in Ohio on the trail." + FILLER_B
    assert _values(debt_a, debt_b, kind="amount") == []  # a debt, not a payment: no deal to compare
    rate_a = "The Oakland Raiders paid each cheerleader $400 per photo shoot, the lawsuit in Alameda says." + FILLER_A
    rate_b = "The Oakland Raiders paid each cheerleader $650 a game, the lawsuit filed in Alameda says." + FILLER_B
    assert _values(rate_a, rate_b, kind="amount") == []  # rates of other units
    period_a = "Johnson arranged to pay $100 for 30 minutes with two women, deputies in Broward wrote." + FILLER_A
    period_b = "On the phone, Johnson was told he could pay $80 for a 30-minute session." + FILLER_B
    assert _values(period_a, period_b, kind="amount") == []  # prices of a period are rates too
    totals = (rate_a.replace("$400 per photo shoot", "$400 in all"), rate_b.replace("$650 a game", "$650 in all"))
    assert _values(*totals, kind="amount") == [("$400", "$650")]
    hedged = IMF_B.replace("the $18 billion request", "the nearly $15 billion request")
    assert _values(IMF_A, hedged, kind="amount") == []
