"""One name spelt two ways by two sources (analyse/spellings.py): slips found, conventions and other names not."""

from __future__ import annotations

import pytest
from conftest import make_article

from newsbrief.analyse.analysis import analyse
from newsbrief.analyse.spellings import _convention
from newsbrief.segment.sentences import split_sentences


def _names(*texts: str) -> list[tuple[str, str]]:
    articles = [make_article(t) for t in texts]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    found = analyse(articles, sentences, sections=("conflicts",)).conflicts
    return [(c.first_value, c.second_value) for c in found if c.kind == "name"]


# A hairdresser's name, written right throughout two articles but once in the first.
STYLIST_A = ("Homicide detectives are investigating the death of Fabio Sementilli, a hairdresser, outside his home. "
             "Police said paramedics found Sementilli bleeding on Monday afternoon. The Canadian-born Semintelli "
             "had given much of his time to young stylists. Neighbours said Sementilli was well liked.")
STYLIST_B = ("Fabio Sementilli was stabbed to death at his house in Woodland Hills, police said. Sementilli, 49, "
             "taught stylists around the world for decades. A company statement praised his work.")


def test_spellings_a_lone_slip_beside_the_usual_spelling_is_a_name_conflict():
    found = _names(STYLIST_A, STYLIST_B)
    assert found == [("Semintelli", "Sementilli")]


def test_spellings_a_lone_slip_with_a_word_of_its_own_is_another_person():
    other = STYLIST_A.replace("The Canadian-born Semintelli", "His friend Marco Semintelli")
    assert _names(other, STYLIST_B) == []


def test_spellings_two_names_in_one_sentence_are_two_people_not_a_slip():
    warlords_a = ("Shamil Basayev led the raid on the town, the ministry said. Basayev was seen on video. \"As long "
                  "as men such as Basayev, Khattab and Barayev remain at large, we expect attacks,\" he said.")
    warlords_b = ("The rebel commander Shamil Basayev claimed the attack in a statement. Russian forces have "
                  "hunted Basayev for years, and officials said Basayev was wounded.")
    assert _names(warlords_a, warlords_b) == []


def test_spellings_a_lone_slip_of_a_common_word_is_a_typo_not_a_name():
    browser_a = ("Microsoft wanted to sell Internet Explorer at first, the memos showed. Internet Explorer was "
                 "later given away. The memos showed that the leaders expected to earn from Interent Explorer.")
    browser_b = ("The suit focused on the linking of Internet Explorer with Windows. Internet Explorer was free, "
                 "lawyers for the company said.")
    assert _names(browser_a, browser_b) == []


@pytest.mark.parametrize(("a", "b"), [
    ("quebeckers", "quebecers"),  # ck / c
    ("mordechai", "mordehai"),  # ch / h: transliterations of one Hebrew name
    ("alexandre", "alexander"),  # French -re, English -er
    ("honduras", "hondurans"),  # a country and its people
])
def test_spellings_conventions_are_not_slips(a: str, b: str):
    assert _convention(a, b)


@pytest.mark.parametrize(("a", "b"), [("sementilli", "semintelli"), ("helmsley", "helmsey"), ("greig", "grieg")])
def test_spellings_slips_are_not_conventions(a: str, b: str):
    assert not _convention(a, b)


def test_spellings_a_doubled_letter_beside_an_arabic_given_name_is_a_transliteration():
    bomber_a = ("One of the bombers, Mohammed Sidique Khan, 30, was born in Pakistan and lived in Dewsbury. "
                "Police searched his house on Tuesday.")
    bomber_b = ("The video showed Mohammed Siddique Khan and two other men, police said. Siddique Khan had worked "
                "as a teaching assistant in Dewsbury.")
    assert _names(bomber_a, bomber_b) == []
    # the same slip in a name with no transliterated word is one
    assert _names(bomber_a.replace("Mohammed", "Martin"), bomber_b.replace("Mohammed", "Martin")) == [
        ("Sidique", "Siddique")]


def test_spellings_a_lone_slip_may_move_a_letter_or_keep_two_words_of_the_name():
    nurse_a = ("Jacintha Saldanha, a nurse at the hospital, was found dead on Friday. Saldanha had taken the hoax "
               "call. Friends of Jacintha Saldhana gathered outside the hospital. Police said Saldanha left a note.")
    nurse_b = ("The death of the nurse Jacintha Saldanha shocked her colleagues, the hospital said. Saldanha had "
               "worked there for four years.")
    assert _names(nurse_a, nurse_b) == [("Saldhana", "Saldanha")]
    owner_a = ("The show was cancelled by Southern Cross Austereo on Monday. Southern Cross Austereo said the hosts "
               "were shaken. Southern Cross Austero Media suspended its advertising.")
    owner_b = ("Shares in Southern Cross Austereo fell in early trading. Southern Cross Austereo owns the station, "
               "a spokesman said.")
    assert _names(owner_a, owner_b) == [("Austero", "Austereo")]


WIFE_A = ("Dr. Barnett Slepian returned home from synagogue Friday night with his wife, Lynn, and their sons. "
          "A sniper's bullet crashed through a back window.")
WIFE_B = ("Slepian was shot in his kitchen on Friday night. His wife, Lynne, a trained nurse who stayed home to raise "
          "their sons, was with him at home that night.")


def test_spellings_two_given_names_a_slip_apart_in_aligned_statements_are_one_person_spelt_two_ways():
    assert _names(WIFE_A, WIFE_B) == [("Lynn", "Lynne")]


@pytest.mark.parametrize(("a", "b"), [("Lynn", "Pete"), ("Lynn", "Carl")])
def test_spellings_a_short_form_or_a_spelling_of_another_language_is_not(a: str, b: str):
    other = {"Pete": "Peter", "Carl": "Karl"}[b]
    assert _names(WIFE_A.replace(a, b), WIFE_B.replace(a + "e", other)) == []


def test_spellings_a_lone_slip_says_its_source_also_writes_the_usual_spelling():
    articles = [make_article(t) for t in (STYLIST_A, STYLIST_B)]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    (conflict,) = [c for c in analyse(articles, sentences, sections=("conflicts",)).conflicts if c.kind == "name"]
    assert "Semintelli" in conflict.first.text and "Sementilli" in conflict.second.text
    assert conflict.explanation == ("source 1 spells the name Semintelli, source 2 Sementilli "
                                    "(source 1 also writes Sementilli elsewhere)")


def test_spellings_two_given_names_with_other_surnames_are_two_people():
    assert _names(WIFE_A.replace("his wife, Lynn,", "his wife, Lynn Slepian,"),
                  WIFE_B.replace("His wife, Lynne,", "His sister, Lynne Weiss,")) == []


def test_spellings_a_lone_slip_of_a_nationality_is_a_typo_not_a_name():
    writer_a = ("Portuguese novelist Jose Saramago won the Nobel Prize in Literature on Thursday. Portuguese "
                "readers celebrated in Lisbon. \"There have been other Portuguse authors who deserved it,\" "
                "Saramago said in Madrid. The Portuguese government sent its congratulations.")
    writer_b = ("Jose Saramago became the first Portuguese writer to win the Nobel Prize in Literature. Portuguese "
                "newspapers printed special editions on Friday.")
    assert _names(writer_a, writer_b) == []
