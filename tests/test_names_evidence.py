"""Evidence from the words around a name: what kind of thing it is, or that it is no entity at all."""

from __future__ import annotations

import pytest
from conftest import make_article

from newsbrief.analyse.analysis import analyse
from newsbrief.names import entities as ents
from newsbrief.names import evidence, given
from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import find_names
from newsbrief.segment.sentences import split_sentences


def _votes(text: str, name: str) -> dict[str, int]:
    start = text.index(name)
    return dict(evidence.mention_votes(text, start, start + len(name)))


@pytest.mark.parametrize("text, name", [
    ("He was suspended from the 2003 film 'Born Killers' after a fight.", "Born Killers"),  # a title in quote marks
    ("He was cast in a crime thriller called Born Killers last year.", "Born Killers"),  # a work by its noun
    ("Will Smith plays Nicky in the new film.", "Nicky"),  # a fictional character
    ("“Congratulations,” his aide Horst (Brennan Brown) tells Jess.", "Horst"),  # a character with its actor
    ("He was nominated for a Golden Globe for his acting.", "Golden Globe"),  # a thing, by its article
    ("She is home to the U.S. Navy's 5th Fleet in the Gulf.", "Fleet"),  # part of a numbered name
    ("On Twitter, the question of the day is #SaysWho tonight.", "SaysWho"),  # a hashtag
    ("Alan Boyle is NBCNews.com's science editor.", "NBCNews"),  # a web address
])
def test_evidence_mentions_that_name_no_entity(text, name):
    votes = _votes(text, name)
    assert votes.get(evidence.NONE, 0) >= 1
    assert not evidence.is_entity(evidence.Counter(votes))


@pytest.mark.parametrize("text, name, kind", [
    ("Sizemore, 55, is already notorious in Hollywood.", "Sizemore", evidence.PERSON),
    ("Sizemore is already notorious in Hollywood.", "Hollywood", evidence.PLACE),
    ("The Reston-based company said nothing.", "Reston", evidence.PLACE),
    ("An Airbus spokesman said the search would go on.", "Airbus", evidence.ORG),
])
def test_evidence_mentions_that_vote_for_a_kind(text, name, kind):
    assert _votes(text, name) == {kind: evidence.PERSON_CUE_WEIGHT if kind == evidence.PERSON else 1}


@pytest.mark.parametrize("text, name", [
    ("the former 'Hollywood Madam' Heidi Fleiss", "Hollywood"),  # inside a longer name: another name's mention
    ("a University of Washington research study", "University of Washington"),  # an article on the whole phrase
    ("Air France Flight 447 was an Airbus A330 on its way", "Airbus"),  # an article on the compound
    ("The storm hit in 2004 Indian Ocean waters", "Indian Ocean"),  # a year is no ordinal
])
def test_evidence_mentions_that_say_nothing(text, name):
    assert _votes(text, name) == {}


@pytest.mark.parametrize("name, junk", [
    ("Swissair Flight", True), ("Bronze Age", True), ("Tony Awards", True), ("Oscar", True), ("British", True),
    ("New Yorker", True), ("Texas Democratic", True), ("Army Spc", True), ("Broward Sheriff", True),
    ("Wong S", True), ("Malcolm X", False), ("Tom Sizemore", False), ("Age", False), ("Oscar Pistorius", False),
])
def test_evidence_name_forms_that_are_no_entity(name, junk):
    assert bool(evidence.name_form_votes(name)[evidence.NONE]) is junk


def test_evidence_platforms_are_organisations_and_shires_places_whatever_the_model_said():
    twitter = evidence.name_form_votes("Twitter") + evidence.Counter({evidence.PERSON: 2})
    assert evidence.kind(twitter, "PERSON") == "ORG"
    shire = evidence.name_form_votes("West Yorkshire") + evidence.Counter({evidence.PERSON: 1})
    assert evidence.kind(shire, "PERSON") == evidence.PLACE
    assert not evidence.name_form_votes("Shire")  # the word alone says nothing


def test_evidence_acronym_spelt_out_in_lower_case_is_a_term():
    texts = ["The risk is a blood alcohol concentration (BAC) above the limit.", "The BAC level rose."]
    assert evidence.is_defined_acronym("BAC", texts)
    assert not evidence.is_defined_acronym("FAA", ["the Federal Aviation Administration (FAA) said"])


def test_evidence_model_votes_outweigh_a_quoted_name():
    votes = evidence.Counter({evidence.PERSON: 3, evidence.NONE: 2})  # "just being 'Tom Sizemore' on set"
    assert evidence.is_entity(votes)


def _entities(*texts: str) -> list[tuple[str, str]]:
    articles = [make_article(t, source=f"s{i}") for i, t in enumerate(texts)]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    result = analyse(articles, sentences, sections=("entities",))
    if result.notes:
        pytest.skip(result.notes[0])
    return [(e.name, e.label) for e in result.entities]


def test_entities_films_characters_and_sentence_openers_are_not_entities():
    text = ("Actor Tom Sizemore was suspended from the 2003 film 'Born Killers' after the incident, the studio said. "
            "Tributes were paid to the crew on Friday. Sizemore, 55, denied it. In the film, Sizemore plays Nicky. "
            "Sizemore lives in Los Angeles and was nominated for a Golden Globe in 2000.")
    found = _entities(text)
    names = [n for n, _ in found]
    assert "Tom Sizemore" in names and "Los Angeles" in names
    assert not {"Born Killers", "Tributes", "Nicky", "Golden Globe"} & set(names)


def test_name_index_short_forms_and_swapped_letters_are_one_person():
    index = NameIndex()
    for surface in ("Stephen Bannon", "Stephen Bannon", "Steve Bannon", "Ilsa Hernandez", "Isla Hernandez",
                    "Stephen Colbert"):
        index.add(surface, "PERSON")
    assert index.group_of("Steve Bannon") == index.group_of("Stephen Bannon")
    assert index.canonical("Steve Bannon") == "Stephen Bannon"  # the form seen most
    assert index.group_of("Isla Hernandez") == index.group_of("Ilsa Hernandez")
    assert index.group_of("Stephen Colbert") != index.group_of("Stephen Bannon")


def test_entities_shared_surname_goes_to_the_person_each_source_introduces_first():
    first = ("In Washington on Thursday, President Bill Clinton ordered aid for the region. The White House said "
             "Clinton was dispatching a team. Hillary Rodham Clinton also will travel to the region next week.")
    second = ("Hillary Rodham Clinton visited a shelter on Monday, aides said. Clinton spoke with families there. "
              "President Bill Clinton stayed in Washington.")
    articles = [make_article(t, source=f"s{i}") for i, t in enumerate((first, second))]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    result = analyse(articles, sentences, sections=("entities",))
    if result.notes:
        pytest.skip(result.notes[0])
    by_name = {e.name: e for e in result.entities}
    bill, hillary = by_name["Bill Clinton"], by_name["Hillary Rodham Clinton"]
    lone = [(m.source, m.text) for m in bill.mentions if m.text == "Clinton"]
    assert lone == [(1, "Clinton")]  # source 1 introduces Bill first
    assert [(m.source, m.text) for m in hillary.mentions if m.text == "Clinton"] == [(2, "Clinton")]
    assert "Clinton" not in by_name  # no third, surname-only entity


def test_name_index_storm_name_alone_is_the_storm_not_a_person():
    index = NameIndex()
    for surface, label in (("Hurricane Mitch", "OTHER"), ("Mitch", "PERSON"), ("Mitch", "PERSON"),
                           ("Operation Mitch", None)):
        index.add(surface, label)
    assert index.group_of("Mitch") == index.group_of("Hurricane Mitch")
    assert not index.is_person("Mitch")


def test_name_index_possessive_after_to_is_no_place():
    text = "Fans went to Jessica Yellin's page. Schumer sent them to Yellin's page, and Yellin said hello."
    index = ents.build_index([text], [split_sentences(text)], [(0, 13, 27, "Jessica Yellin", "PERSON"),
                                                               (0, 57, 63, "Yellin", "GPE")])
    assert index.group_of("Yellin") == index.group_of("Jessica Yellin")


@pytest.mark.parametrize("name, person", [
    ("Filippo Radicchi", False),  # "Filippo" is no census name: the model's label stands
    ("Rodrigo Santoro", True), ("Meghan Markle", True), ("Lissa Druss Christman", True),
    ("Santa Monica", False), ("Al Qaeda", False), ("Jordan Valley", False), ("Georgia Tech", False),
    ("Morgan Stanley Bank", False), ("Tiffany & Co", False), ("MEGHAN MARKLE", False),
])
def test_evidence_given_name_reads_as_a_person(name, person):
    if not given.is_given_name("Meghan"):
        pytest.skip("the names package (census given names) is not installed")
    texts = ["Georgia Tech beat its rivals; the tech giant and the valley waited."]
    assert evidence.has_given_name(name, evidence.word_counts(texts), frozenset(["valley", "beach"])) is person


def test_given_name_gender_needs_nine_tenths():
    if not given.is_given_name("Wendy"):
        pytest.skip("the names package (census given names) is not installed")
    assert given.given_name_gender("Wendy") == "f"
    assert given.given_name_gender("Michael") == "m"
    assert given.given_name_gender("Jordan") is None  # both
    assert given.given_name_gender("Qwzx") is None


def test_evidence_word_written_in_lower_case_more_than_capitalised_is_no_name():
    texts = ["Advocacy model. The advocacy model holds that advocacy helps.", "Bush spoke; a bush burned."]
    assert evidence.common_word_votes("Advocacy", evidence.word_counts(texts))[evidence.NONE]
    # a name that is also a word is never judged by case
    assert not evidence.common_word_votes("Bush", evidence.word_counts(texts))
    counts = evidence.word_counts(["Twitter's post said so.", "On Twitter, twitter users"])
    assert not evidence.common_word_votes("Twitter", counts)


def test_name_index_company_forms_state_abbreviations_and_acronyms_with_of():
    index = NameIndex()
    for surface, label in (("Boeing", "ORG"), ("Boeing Co.", "ORG"), ("Boeing Company", "ORG"),
                           ("Florida", "GPE"), ("Fla", "GPE"), ("Institute of Medicine", "ORG"), ("IOM", "ORG"),
                           ("Los Angeles", "GPE"), ("L.A.", "GPE"), ("Mass", None)):
        index.add(surface, label)
    assert index.group_of("Boeing Co.") == index.group_of("Boeing Company") == index.group_of("Boeing")
    assert index.group_of("Fla") == index.group_of("Florida")
    assert index.group_of("IOM") == index.group_of("Institute of Medicine")
    assert index.group_of("L.A.") == index.group_of("Los Angeles")
    assert index.group_of("Mass") == "mass"  # no Massachusetts in this cluster: Mass stays itself


def test_names_job_words_before_a_name_are_its_title():
    assert [(n.text, n.title) for n in find_names("Journalist Gay Talese said so.")] == [("Gay Talese", "Journalist")]
