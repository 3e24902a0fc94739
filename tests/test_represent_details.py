"""Details the judge reads beside figures: the day of a deed and the span of a count, the place or party after
a deed, a figure a source says was revised, ages and days a source leaves out, and quotations (issue 23)."""

from __future__ import annotations

import pytest

import newsbrief
from newsbrief.datatypes import Article
from newsbrief.represent.details import anchors, calendar_words, deed_days, interval, quoted_terms
from newsbrief.represent.facts import judge, read_facts
from newsbrief.represent.figures import all_ages, superseded


def _judged(claim: str, source: str):
    return judge(read_facts(claim), read_facts(source))


@pytest.mark.parametrize(("claim", "source"), [
    # the place after the same deed: another destination
    ("A French United Nations official kidnapped in southern Russia has been freed and was flown to Moscow "
     "Saturday, news reports said.",
     "A French United Nations official who was kidnapped in southern Russia was set free Saturday and flown to "
     "U.N. headquarters in Geneva."),
    ("The injured climber was taken to Denver General Hospital on Sunday evening.",
     "Rescuers said the injured climber was taken to St. Anthony Hospital in Lakewood on Sunday evening."),
    # one day's count against an interval's total
    ("The Israeli military said 97 rockets fired from Gaza hit Israel on Friday.",
     "The army said 97 rockets launched from Gaza had hit Israel since midweek."),
    ("Officials said 40 people were arrested on Saturday during the protests in the capital.",
     "Police have arrested 40 people in the capital so far during the protests, officials said."),
    # a figure the source says no longer holds
    ("Officials in Central America estimated that about 7,000 people have died in the region.",
     "Mitch had killed 6,076 people in Honduras, down from officials' earlier estimate of 7,000."),
])
def test_details_paraphrased_disagreements_contradict(claim, source):
    assert _judged(claim, source).status == "contradicts"


@pytest.mark.parametrize(("claim", "source"), [
    # the same place after the same deed, told with more words
    ("The official was flown to Moscow on Saturday after his release.",
     "The official was flown to the Russian capital, Moscow, on Saturday after his release."),
    # a place the claim names after another deed ("released from" the prison, "by" a date)
    ("Simpson will find out on Thursday if he will be released from the Lovelock Correctional Center in Nevada.",
     "Simpson could be released from Lovelock Correctional Center by Oct. 1 after a Thursday hearing."),
    # the day dates the report, not the deed: an interval's total may be told that day
    ("Health officials said on Friday that 12 people have died of the virus.",
     "Twelve people have died of the virus so far, health officials said."),
    # both tell the revision
    ("The toll was revised from 7,000 to 6,076 people, officials said.",
     "Officials said 6,076 people died, down from an earlier estimate of 7,000."),
    # a past period's value is no revision: the claim gives it for that period
    ("The jobless rate in the state was 4.1 percent last year, the labor department said.",
     "The jobless rate in the state rose to 5.2 percent, up from 4.1 percent last year, the labor department said."),
    # both tell the change, in other words ("fell to 5.6 million" / "fell from €24.2m ... to €5.58m")
    ("Van Beurden was paid 24.2 million euros in 2014, and this figure fell to 5.6 million euros last year.",
     "Van Beurden's salary package fell from €24.2m in 2014 to €5.58m last year."),
    # rounding and hedges stay support
    ("About 1,000 people attended the rally in the park on Sunday.",
     "Police said 1,012 people attended the rally in the park on Sunday."),
])
def test_details_look_alikes_do_not_contradict(claim, source):
    assert _judged(claim, source).status != "contradicts"


@pytest.mark.parametrize(("claim", "source", "lacked"), [
    ("Xu, 55, edited an underground journal in the Democracy Wall movement 20 years ago.",
     "Xu edited an influential dissident journal in the Democracy Wall movement 20 years ago.", "55"),
    ("Cedar Hill ISD said Monday night Heath has been placed on administrative leave.",
     "A spokesperson for the Cedar Hill Independent School District said Heath has been placed on administrative "
     "leave.", "Monday"),
    ("Russia, Vietnam and Peru will join the forum in November.",
     "Russia, Vietnam and Peru will also join the forum this year.", "November"),
    # a possessive pronoun names someone's relation, not the person the claim names
    ("Tagirov was investigating the deaths of Peter Kennedy and his three colleagues.",
     "Peter Kennedy and his three colleagues were employees of Granger Telecom.", "tagirov"),
    ('"The reaction of Chinese courts is totally unacceptable," Fischer said, calling for their release.',
     '"The reaction of Chinese authorities is totally unacceptable," Fischer said, calling for their release.',
     "courts"),
])
def test_details_left_out_are_partial(claim, source, lacked):
    verdict = _judged(claim, source)
    assert verdict.status == "partial"
    assert lacked in verdict.lacks


@pytest.mark.parametrize(("claim", "source"), [
    # a month abbreviated, a quotation in other quotation marks, a short phrase quoted and paraphrased
    ("The delegation will begin arriving in South Korea on 25 January.",
     "The North Korean delegation will begin arriving in South Korea on Jan. 25, the statement said."),
    ('"We will not allow Mr. Johnson\'s bad judgment to reflect negatively on the hardworking officers," he said.',
     "“We will not allow Mr. Johnson’s bad judgment to reflect negatively on the hardworking officers,” he said."),
    ('"It is not the time to ease pressure or to reward North Korea," foreign minister Taro Kono said.',
     "“It is not the time to ease pressure, or to reward North Korea”, Kono said."),
    ('Wyatt said both men are victims of "a sex war" that is "going on in Washington today."',
     "Wyatt said both men are victims of the “sex war” happening in Washington today."),
])
def test_details_same_facts_in_other_forms_stay_full(claim, source):
    assert _judged(claim, source).status == "full"


@pytest.mark.parametrize(("claim", "source"), [
    # a place that only locates another the span names
    ("A woman killed three people on Thursday at a distribution center in Harford County, Maryland, officials said.",
     "A temporary employee killed three people on Thursday at a distribution center in Harford County, police said."),
    # a month's short form is no name; an age written beside the name
    ("Ranariddh and Sam Rainsy have remained outside the country since the Sept. 24 convening of parliament.",
     "Both Ranariddh and Sam Rainsy have been outside the country since parliament was opened on Sep. 24."),
    ("Manuel Ortega, a 19-year-old former student, was arrested after trying to flee the scene.",
     "Manuel Ortega, 19, a former student, was arrested after trying to flee the scene, police said."),
])
def test_details_details_in_another_form_are_not_lacked(claim, source):
    assert _judged(claim, source).status == "full"


def test_details_a_list_of_places_is_no_locator():
    verdict = _judged("Delegates from Britain, France and Italy met in the capital on Monday to discuss the plan.",
                      "Delegates from Britain and Italy met in the capital on Monday to discuss the plan.")
    assert verdict.status == "partial" and "france" in verdict.lacks


def test_details_readers():
    assert calendar_words("said Monday night; join in November; on Jan. 25; may go") == {
        "monday", "november", "january"}
    assert deed_days("97 rockets hit Israel on Friday, officials said on Monday") == {"friday"}
    assert interval("had hit Israel since midweek, while") == "since midweek"
    assert interval("had hit Israel on Friday") == ""
    text = "killed 6,076 people in Honduras, down from an earlier estimate of 7,000"
    assert superseded(text, text.index("7,000")) and not superseded(text, text.index("6,076"))
    assert all_ages("Xu, 55, edited") == (("xu", 55),)
    assert all_ages("found the 49-year-old Sementilli") == (("sementilli", 49),)
    assert all_ages("On Tuesday, 15 people died") == ()
    assert [w for _, w in quoted_terms('He said "we will never give up the fight here" and left.')] == [
        "never", "give", "fight"]
    assert quoted_terms('He called it "a sex war" then.') == ()


def test_details_anchor_is_the_first_name_after_the_deed():
    from newsbrief.names.patterns import find_names
    text = "He was released from Lovelock Correctional Center in Nevada."
    found = find_names(text, 0, len(text))
    roles = {key: (near, wide) for key, near, wide in anchors(text, found, {"lovelock correctional center",
                                                                             "nevada"})}
    assert "releas from" in roles["lovelock correctional center"][0]
    assert "releas from" not in roles["nevada"][0] and "releas from" in roles["nevada"][1]


def test_details_contradicting_source_not_cited_in_brief():
    """A source that has the official flown elsewhere is not cited for the sentence, nor agreed with it."""
    a = Article.make("A French United Nations official kidnapped in southern Russia more than 10 months ago has "
                     "been freed and was flown to Moscow Saturday, news reports said. The official, Vincent "
                     "Cochetel, had been held by unknown captors since January. His family thanked the Russian "
                     "authorities for their help.", id="a")
    b = Article.make("A French United Nations official who was kidnapped in southern Russia more than 10 months "
                     "ago was set free Saturday and flown to U.N. headquarters in Geneva. Vincent Cochetel had been "
                     "held by unknown captors since January. The refugee agency thanked the Russian authorities.",
                     id="b")
    brief = newsbrief.brief([a, b], budget="60w", sections=("agreement",))
    flown = [s for s in brief.sentences if "flown to" in s.text]
    assert flown, "the flown sentence should be in the brief"
    for s in flown:
        cited = {c.source for c in s.citations}
        own = s.citations[0].source
        assert cited == {own}
    for fact in brief.agreement:
        if "flown to" in fact.text:
            assert len({sp.source for sp in fact.spans}) == 1
