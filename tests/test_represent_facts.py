"""Facts: what a sentence states, and whether a source states the same (support, fact by fact)."""

from __future__ import annotations

import pytest

from newsbrief.represent.facts import judge, polarity, read_facts


def _verdict(claim: str, source: str) -> str:
    return judge(read_facts(claim), read_facts(source)).status


@pytest.mark.parametrize(("claim", "source"), [
    ("At least 12 people were killed when the ferry sank off the coast on Monday.",
     "At least 19 people were killed when the ferry sank off the coast on Monday."),
    ("At least 12 people were killed when the ferry sank off the coast.",
     "Officials said 40 people died when the ferry sank off the coast."),
    ("A total of 37 yachts have been forced out of the race so far, organisers said.",
     "Organisers said 115 yachts have been forced out of the race so far."),
])
def test_another_figure_contradicts(claim, source):
    assert _verdict(claim, source) == "contradicts"


@pytest.mark.parametrize(("claim", "source"), [
    ("When air traffic controllers granted permission to fly at 34,000 feet, the pilot climbed.",
     "The pilot was denied permission to climb to 34,000 feet by air traffic controllers."),
    ("Residents were allowed to return home on Sunday after the fire.",
     "Residents were not allowed to return home on Sunday after the fire."),
    ("It is not the first time that NASA has renamed a mission.",
     "It is the first time NASA has renamed a mission for a living person."),
    ("The jury convicted the former mayor of fraud on Friday.",
     "The jury acquitted the former mayor of fraud on Friday."),
    ("Oil prices rose sharply in Asian trading on Monday.",
     "Oil prices fell sharply in Asian trading on Monday."),
])
def test_negation_and_antonyms_contradict(claim, source):
    assert _verdict(claim, source) == "contradicts"


@pytest.mark.parametrize(("claim", "source"), [
    ("The storm dumped about a dozen inches of rain on the city.", "The storm dumped 12 inches of rain on the city."),
    ("Winds of 100 mph battered the coast.", "Winds of 160 km/h battered the coast."),
    ("Winds of 120 knots battered the coast.", "Winds of 138 mph battered the coast."),
    ("Temperatures in the capital reached 95 degrees Fahrenheit on Sunday afternoon, forecasters warned.",
     "Temperatures in the capital reached 35 degrees Celsius on Sunday afternoon, forecasters warned."),
    ("The fire burned 1.2 million acres of forest in the state.",
     "The fire burned 1,234,000 acres of forest in the state."),
    ("The storm was 80 miles off the coast.", "The storm was about 130 km off the coast."),
    ("The search for the missing climbers lasted two and a half days in heavy snow.",
     "The search for the missing climbers lasted 2.5 days in heavy snow."),
])
def test_rounding_hedges_and_conversions_support(claim, source):
    assert _verdict(claim, source) == "full"


def test_a_missing_detail_is_partial_support():
    verdict = judge(read_facts("The powerful earthquake killed 12 people in the old market town of Alba on Tuesday."),
                    read_facts("The powerful earthquake killed 12 people in the old market town."))
    assert verdict.status == "partial"
    assert set(verdict.lacks) == {"Tuesday", "alba"}


def test_a_source_with_more_detail_is_full_support():
    assert _verdict("The earthquake killed 12 people.", "The earthquake killed 12 people and injured 40 in Alba.") \
        == "full"


def test_polarity_negates_the_next_content_word_only():
    signs = dict(polarity("Residents could not yet return to the town."))
    assert signs["return"] == -1 and signs["town"] == 1
    assert dict(polarity("It is not only the first time."))["first"] == 1  # "not only" denies nothing
    # "denied the report" is no refusal of permission: it keeps its own key
    assert "grant" not in dict(polarity("The ministry denied the report."))


@pytest.mark.parametrize(("claim", "source"), [
    ("Police said the SUV fled the scene about 4:20 a.m. after the shooting.",
     "Police said the SUV fled the scene about 4:30 a.m. after the shooting."),
    ("Two women were charged over an incident at a Logan Square daycare in which five toddlers were hurt.",
     "Two women were charged over an incident at a Palmer Square day care in which five toddlers were hurt."),
    ("Samaranch on Sunday ruled out taking the Games from Salt Lake City.",
     "The chief investigator refused to rule out taking the Games away from Salt Lake City."),
    ("Trump said.", "Smith said."),
])
def test_another_time_place_participant_or_a_refusal_contradicts(claim, source):
    assert _verdict(claim, source) == "contradicts"


def test_a_short_form_of_a_name_is_the_name():
    assert _verdict("North Korean leader Kim Jong Un received the letter in Pyongyang on Sunday.",
                    "Kim received the letter in Pyongyang on Sunday, North Korean media said.") == "full"
