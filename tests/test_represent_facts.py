"""Facts: what a sentence states, and whether a source states the same (support, fact by fact)."""

from __future__ import annotations

import pytest

from newsbrief.represent.facts import judge, polarity, read_facts
from newsbrief.represent.figures import ratio_figures


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


@pytest.mark.parametrize(("claim", "source"), [
    ("The House committee voted Monday in favor of releasing the classified memo.",
     "The House committee may vote as soon as Monday on releasing the classified memo."),
    ("China plans to sign the international covenant on civil rights at the United Nations.",
     "The international covenant on civil rights, which China recently signed, guarantees free speech."),
    ("The family plans to sue the city over the shooting of their son.",
     "The family is suing the city over the shooting of their son."),
])
def test_a_deed_done_is_not_supported_by_one_only_planned(claim, source):
    assert _verdict(claim, source) == "contradicts"
    assert _verdict(source, claim) == "contradicts"


@pytest.mark.parametrize(("claim", "source"), [
    ("The shroud could be a fake, according to a new forensic investigation.",
     "A new forensic investigation suggests the shroud is a fake."),
    ("Police were investigating how the lethal agent entered Malaysia.",
     "Police were investigating how the banned agent might have entered Malaysia."),
    ("The report could not be independently confirmed on Monday.",
     "There was no independent confirmation of the report on Monday."),
])
def test_a_hedge_or_a_denial_is_no_plan(claim, source):
    assert _verdict(claim, source) != "contradicts"


def test_another_age_or_another_year_contradicts():
    assert _verdict("Chastity Vera Pasley, 20, was charged as an accessory after the fact.",
                    "Their girlfriend Chastity Pasley, 21, was charged as an accessory.") == "contradicts"
    assert _verdict("North Korea harvested 3 million tons of grain this year, officials said.",
                    "North Korea managed last year to harvest just 2.8 million tons of grain, officials said.") \
        == "contradicts"


def test_a_figure_joined_to_its_noun_is_read():
    assert _verdict("North Korea will send a 550-member delegation to the games, including 230 cheerleaders.",
                    "North Korea will send a delegation of 400, including 230 cheerleaders.") == "contradicts"
    assert _verdict("The board voted for a 5-year plan on Friday.", "The board voted for a 5-year plan on Friday.") \
        == "full"


def test_figures_attached_to_their_scale_are_read_whole():
    # "$199m" is 199 million (not 19), "the late 1970s" is no figure 197, "34th" no figure 3
    assert _verdict("Sundar Pichai was awarded an equity award valued at nearly $200 million.",
                    "Sundar Pichai has been awarded $199m worth of shares.") == "full"
    assert _verdict("Ross has a net worth of about $2.5bn, according to Forbes magazine.",
                    "Forbes listed Ross with a net worth of $1.7 billion.") == "contradicts"
    assert _verdict("About 95 percent of patients survived five years.",
                    "About 68 percent of patients survived five years.") == "contradicts"


def test_a_figure_that_refers_back_is_no_missing_detail():
    # the seed pair: "a summit between the two leaders" / "a second summit between Trump and Kim"
    verdict = judge(read_facts("Moon Jae-in expressed support last week for a summit between the two leaders."),
                    read_facts("Moon Jae-in said last week that a second summit between Trump and Kim would help."))
    assert verdict.status == "full"
    assert judge(read_facts("Two women were charged in the daycare glue case on Sunday, police said."),
                 read_facts("A woman was charged in the daycare glue case on Sunday, police said.")).lacks == ("Two",)


def test_figures_of_different_things_are_no_contradiction():
    assert _verdict("Police said 12 people were hurt and authorities in three neighboring states were alerted.",
                    "Police said 12 people were hurt and the suspects fled in two vehicles.") == "partial"
    # none of the claim's figures and others of its own: it tells other quantities, not the claim's
    assert _verdict("Police contacted authorities in three neighboring states about the SUV.",
                    "The suspects fled in two vehicles, a Maserati and an SUV, police said.") == "contradicts"
    assert _verdict("The statement said 22 people were injured and 26 were missing.",
                    "The statement said 19 men were wounded and 26 were missing.") == "contradicts"


def test_an_opening_word_or_a_pronoun_is_no_missing_name():
    assert _verdict("Heath was booked on a $1 million bond.",
                    "He is being held at the county jail with a $1 million bond.") == "full"
    assert _verdict("Despite a thaw, the ministry warned the world not to be naive about the offensive.",
                    "The ministry warned that the world should not be naive about the offensive.") == "full"
    assert _verdict("Trump said the summit in Singapore went well.",
                    "Obama said the summit in Singapore went well.") == "partial"


def test_dozens_or_hundreds_is_a_range():
    assert _verdict("Gaza health officials said 200 people were wounded in two days of attacks.",
                    "Gaza health officials said dozens of people were wounded in two days of attacks.") == "contradicts"
    assert _verdict("Dozens of people were wounded in the blast in the city centre, police said.",
                    "Police said 30 people were wounded in the blast in the city centre.") == "full"


def test_a_source_that_states_less_than_half_the_words_is_partial():
    verdict = judge(read_facts("The parties asked the king to host a summit after negotiations to form a government "
                               "failed."),
                    read_facts("A series of negotiations to forge a new government have failed."))
    assert verdict.status == "partial"
    assert set(verdict.lacks) <= {"parties", "asked", "king", "host", "summit", "form"} and len(verdict.lacks) == 3
    assert _verdict("Negotiations to form a new government have failed, officials said.",
                    "Officials said negotiations to form a new government failed again.") == "full"


def test_an_attempt_is_not_the_deed():
    assert _verdict("Two men were arraigned late Monday night on first-degree murder charges.",
                    "The two men were arraigned on charges of kidnapping and attempted first-degree murder.") \
        == "contradicts"
    assert _verdict("The army crushed an attempted coup in the capital on Sunday, officials said.",
                    "The army crushed a coup attempt in the capital on Sunday, officials said.") != "contradicts"


def test_a_distance_told_of_another_place_contradicts():
    territory = "The half-island territory lies some 2,000 kilometers (1,200 miles) southeast of Jakarta."
    kupang = ("Christians, mostly Protestants, dominate Kupang, about 1,875 kilometers (1,172 miles) southeast of "
              "the Indonesian capital.")
    assert _verdict(territory, kupang) == "contradicts"
    assert _verdict("Kupang lies about 1,875 kilometers southeast of the capital.", kupang) == "full"
    # the same figure told of a village on the way is the same distance
    assert _verdict("Their heads were found Tuesday on a highway about 40 kilometers (25 miles) west of Grozny.",
                    "The severed heads were found near the village of Assinovskaya, about 40 kilometers (25 miles) "
                    "west of Grozny.") != "contradicts"


def test_a_share_told_as_one_in_seven():
    claim = "One in seven colon cancer patients is under 50."
    assert _verdict(claim, "Of more than 258,000 colorectal cancer patients, 37,847 (about 15 percent) were "
                           "younger than 50.") == "full"
    assert _verdict(claim, "Compared with older patients, those under 50 were 30 percent more likely to be "
                           "diagnosed with tumors that had spread to the lymph nodes.") == "contradicts"
    assert [s.text for s in read_facts(claim).numbers] == ["One in seven"]  # not 1 and 7
    assert not ratio_figures("The flu killed 10 in 2004 across the state.")  # a count and a year
    assert not ratio_figures("They scored 3 in 5 minutes.")


def test_a_share_is_no_count():
    # "40 percent" is not stated by "40 jobless workers": the span gives a count, not the rate
    assert _verdict("The jobless rate in the district rose to 40 percent last year, officials said.",
                    "Officials said the district counted 40 jobless workers last year.") != "full"
