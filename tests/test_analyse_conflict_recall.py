"""Disagreements told in other words, in unrelated sentences: ages, dates, names put in another's place, versions."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from conftest import make_article

from newsbrief.analyse.analysis import analyse
from newsbrief.analyse.dates import _one_date
from newsbrief.analyse.spellings import _slip_beside_shared_word
from newsbrief.analyse.substitutions import _same_name, _substituted
from newsbrief.datatypes import Conflict
from newsbrief.segment.sentences import split_sentences

# One doctor's age, given in sentences that share little else.
SNIPER_A = ("Barnett Slepian, 51, was killed by a sniper at his home near Buffalo on Friday night. The doctor had "
            "received threats for years, his colleagues said. Police have not named a suspect in the shooting.")
SNIPER_B = ("A sniper's bullet came through the kitchen window of the house near Buffalo. Slepian, a 52-year-old "
            "obstetrician, died within hours, the police said. Investigators searched the woods behind the house.")


def _conflicts(*texts: str, published: tuple[datetime | None, ...] = ()) -> tuple[Conflict, ...]:
    articles = [make_article(t) for t in texts]
    if published:
        articles = [dataclasses.replace(a, published=p) for a, p in zip(articles, published, strict=True)]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    return analyse(articles, sentences, sections=("conflicts",)).conflicts


def _of_kind(kind: str, *texts: str) -> list[tuple[str, str]]:
    return [(c.first_value, c.second_value) for c in _conflicts(*texts) if c.kind == kind]


def test_ages_of_one_person_in_unrelated_sentences_conflict():
    (conflict,) = [c for c in _conflicts(SNIPER_A, SNIPER_B) if c.kind == "number"]
    assert (conflict.first_value, conflict.second_value) == ("Barnett Slepian, 51", "Slepian, a 52-year-old")
    assert "51" in conflict.first.text and "52" in conflict.second.text
    assert "age as 51" in conflict.explanation and "as 52" in conflict.explanation


def test_the_same_age_said_two_ways_is_no_conflict():
    same = SNIPER_B.replace("a 52-year-old", "a 51-year-old")
    assert [c for c in _conflicts(SNIPER_A, same) if c.kind == "number"] == []


def test_a_lone_surname_is_the_full_name_written_before_it():
    # "Qin, 44," is Qin Yongmin (named first); his father Qin Qingguo, 76, is another man, not a clash of ages.
    a = ("Dissident Qin Yongmin went on trial in Wuhan on Thursday. Qin, 44, is accused of subversion, and his "
         "father, Qin Qingguo, 76, was not allowed into the court.")
    b = ("The trial of Qin Yongmin, 45, a veteran democracy campaigner, lasted three hours. Relatives waited "
         "outside the court building all morning.")
    assert sorted(v for pair in _of_kind("number", a, b) for v in pair) == ["Qin Yongmin, 45", "Qin, 44"]


def test_ages_far_apart_are_two_people_not_a_conflict():
    father = SNIPER_B.replace("Slepian, a 52-year-old obstetrician", "Slepian, a 78-year-old obstetrician")
    assert [c for c in _conflicts(SNIPER_A, father) if c.kind == "number"] == []


def test_ages_of_sources_written_a_year_apart_do_not_conflict():
    assert [c for c in _conflicts(SNIPER_A, SNIPER_B, published=(datetime(2025, 3, 1), datetime(2026, 3, 1)))
            if c.kind == "number"] == []


COUP_A = ("Mali's president was ousted by a junta of army captains. In a BuzzFeed interview posted Oct. 30, the "
          "captain Amadou Sanogo said the soldiers acted to restore order. The capital was calm on Friday.")
COUP_B = ("Soldiers patrolled the streets of Bamako on Friday. Amadou Sanogo told BuzzFeed in an interview on Oct. 29 "
          "that the soldiers acted to restore order. Neighbouring states threatened sanctions.")


def test_one_event_dated_on_two_days_in_other_words_is_a_date_conflict():
    assert _of_kind("date", COUP_A, COUP_B) == [("Oct. 30", "Oct. 29")]


def test_a_source_that_writes_both_days_of_the_same_people_tells_two_events():
    both = COUP_B + " Sanogo gave BuzzFeed a second interview on Oct. 30, the day it posted the first."
    assert _of_kind("date", COUP_A, both) == []


def test_a_bound_or_a_range_is_not_the_date_of_an_event():
    text = "The rockets had hit Israel since Oct. 29, the military said."
    assert _one_date(text, 0, len(text)) is None
    text = "The trial will be interrupted during the Nov. 12-18 meetings."
    assert _one_date(text, 0, len(text)) is None
    text = "In July, the Security Council backed the plan."
    assert _one_date(text, 0, len(text))[:3] == ("month", 7, 0)


COUNCIL = ("On hearing of the protest, Ohio's City Council held an emergency meeting Thursday night and passed an "
           "ordinance that keeps protesters away from funerals.")


def test_a_place_put_in_another_place_in_a_near_copy_is_a_place_conflict():
    changed = COUNCIL.replace("Ohio's City Council", "the Texas City Council")
    assert _of_kind("place", COUNCIL, changed) == [("Ohio", "Texas")]


def test_an_organisation_changed_in_an_apposition_is_the_one_substitution():
    a = ("Roque Rodrigues, a Lisbon spokesman for the National Council of Timorese Resistance, said he had "
         "corroborated the report.")
    b = "Roque Rodrigues, a Lisbon spokesman for the Socialist Party of Timor, another group, said it was true."
    assert _substituted(a, b) == ("National Council of Timorese Resistance", "Socialist Party of Timor")
    assert _substituted("He met the National Council of Timorese Resistance, he said.",
                        "He met the Socialist Party of Timor, another group, on Friday.") is None  # no shared lead
    assert _substituted(a, a.replace("he had corroborated", "Rodrigues had denied")) is None  # not a name


def test_a_name_form_in_a_near_copy_is_not_a_substitution():
    changed = COUNCIL.replace("Ohio's City Council", "the Ohio City Council")
    assert _conflicts(COUNCIL, changed) == ()


def test_one_city_transliterated_two_ways_in_a_near_copy_is_not_two_places():
    pilgrims = ("Thousands of pilgrims landed in Jeddah on Saturday before travelling on to Mecca for the hajj, "
                "officials said.")
    assert _conflicts(pilgrims, pilgrims.replace("Jeddah", "Jidda")) == ()
    assert _of_kind("place", pilgrims, pilgrims.replace("Jeddah", "Riyadh")) == [("Jeddah", "Riyadh")]
    assert not _same_name("New York", "Newark", None)  # a word's end is a boundary the consonants keep


def test_a_doubled_letter_within_one_full_name_is_a_slip_but_not_a_transliteration():
    assert _slip_beside_shared_word("alison", "allison")
    assert _slip_beside_shared_word("qinguo", "qingguo")
    assert not _slip_beside_shared_word("mohamed", "mohammed")  # "Mohamed Morsi" / "Mohammed Morsi"
    assert not _slip_beside_shared_word("hisham", "hesham")  # a vowel: transliteration
    assert not _slip_beside_shared_word("gustav", "gustaf")


STORM_A = ("The fatalities included six drownings, two people hit by falling trees and a fireman crushed when his "
           "van overturned, the civil defence office said.")
STORM_B = ("The fatalities included 18 drownings, three people hit by falling trees and a fireman crushed when his "
           "van overturned, the civil defence office said.")


def test_two_versions_of_a_storm_toll_that_moved_in_several_figures_are_no_conflict():
    assert _conflicts(STORM_A, STORM_B) == ()


def test_one_figure_changed_in_a_version_stays_a_conflict():
    one = STORM_A.replace("two people hit", "three people hit")
    assert [(c.first_value, c.second_value) for c in _conflicts(STORM_A, one)] == [("two", "three")]


BACALL_A = ("Lauren Bacall died on Tuesday at her home in New York. Born Betty Jane Perske in the Bronx, she became a "
            "star at nineteen. Her family confirmed the death.")
BACALL_B = ("The actress was 89. Bacall, born Betty Joan Perske in the Bronx, met Humphrey Bogart on the set of her "
            "first film. She leaves three children.")


def test_a_full_name_with_another_middle_name_is_a_name_conflict():
    assert _of_kind("name", BACALL_A, BACALL_B) == [("Jane", "Joan")]


def test_a_middle_name_left_out_or_a_body_of_common_words_is_not():
    short = BACALL_B.replace("Betty Joan Perske", "Betty Perske")
    assert _of_kind("name", BACALL_A, short) == []
    a = "Crude oil fell 29 cents on the New York Mercantile Exchange on Wednesday, traders said."
    b = "Shares rose on the New York Stock Exchange on Wednesday as oil fell, traders said."
    assert _of_kind("name", a, b) == []


def test_the_same_street_at_another_block_is_a_place_conflict():
    a = ("Officers were called to a home on the 900 block of Buffalo Springs Drive at about 4 a.m. on Sunday. Two "
         "people were found dead inside.")
    b = ("Police are still investigating the double murder in the 800 block of Buffalo Springs Drive. Neighbours "
         "said they heard shouting.")
    assert _of_kind("place", a, b) == [("900 block", "800 block")]
    both = b + " A second call came from the 900 block of Buffalo Springs Drive an hour later."
    assert _of_kind("place", a, both) == []  # a source that gives both blocks tells of two places


def test_a_body_named_with_another_middle_word_is_not_a_middle_name_conflict():
    a = "Jimmy Carter could have won the Nobel Peace Prize in 1978, historians of the committee said on Monday."
    b = "Three Americans won the Nobel Medicine Prize on Monday for work on nitric oxide, the committee said."
    assert _of_kind("name", a, b) == []


def test_ages_with_swapped_digits_are_a_slip_not_two_people():
    # 23 / 32 is farther apart than one person's ages drift, but the same two digits swapped: a typing slip.
    a = ("A bomb went off in a Jerusalem market on Friday. \"I saw the smoke,\" said Zaken, a 23-year-old "
         "secretary who works nearby. The police closed the street for hours.")
    b = ("Two bombers blew themselves up among the stalls, the army said. Zaken, a 32-year-old clerk, was cut by "
         "flying glass and taken to hospital. Ambulances took the wounded away.")
    assert sorted(v for pair in _of_kind("number", a, b) for v in pair) == ["Zaken, a 23-year-old",
                                                                          "Zaken, a 32-year-old"]
    far = b.replace("a 32-year-old", "a 41-year-old")
    assert _of_kind("number", a, far) == []
