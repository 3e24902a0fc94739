"""A fixed name told with a middle word changed (analyse/fixed_names.py): one name remembered two ways, or two."""

from __future__ import annotations

from conftest import make_article

from newsbrief.analyse.analysis import analyse
from newsbrief.segment.sentences import split_sentences


def _names(*texts: str) -> list[tuple[str, str]]:
    articles = [make_article(t) for t in texts]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    found = analyse(articles, sentences, sections=("conflicts",)).conflicts
    return [(c.first_value, c.second_value) for c in found if c.kind == "name"]


LAW_A = ("The student died on Monday in a hospital in Colorado. Clinton urged Congress to pass the federal Hate "
         "Crimes Prevention Act, saying the country had to stand against hatred.")
LAW_B = ("Vigils were held across the country on Tuesday. In Washington, Clinton responded to the news by urging "
         "Congress to pass the federal Hate Crimes Protection Act, which would widen federal jurisdiction.")


def test_fixed_names_a_middle_word_changed_in_statements_about_one_participant_is_a_name_conflict():
    assert _names(LAW_A, LAW_B) == [("Hate Crimes Prevention Act", "Hate Crimes Protection Act")]


def test_fixed_names_a_source_that_writes_both_names_speaks_of_two_things():
    both = LAW_B + " An older Hate Crimes Prevention Act was passed years ago."
    assert _names(LAW_A, both) == []


def test_fixed_names_two_bodies_with_no_participant_in_common_are_not_one_name():
    council_a = ("Israel is upset that the nearly 600-member Palestinian National Council will not vote on the "
                 "clauses of the charter.")
    council_b = ("The Palestinians took an interim step when a smaller body, the 124-member Palestinian Central "
                 "Council, voted on the clauses of the charter.")
    assert _names(council_a, council_b) == []


def test_fixed_names_an_end_word_changed_or_one_word_in_two_forms_is_no_conflict():
    red_cross_a = "The American Red Cross pledged $500,000 to help Haiti, and would send people to assess damage."
    red_cross_b = "A medical tent in Haiti run by the Dominican Red Cross treated people hurt by the storm."
    assert _names(red_cross_a, red_cross_b) == []
    party_a = "Police in Beijing detained Wang Youcai, a founder of the China Democracy Party, on Monday."
    party_b = "Police in Beijing detained Wang Youcai, who tried to form the China Democratic Party, on Monday."
    assert _names(party_a, party_b) == []
