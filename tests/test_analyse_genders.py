"""First-name genders: counted from text that says them, kept only when the text agrees."""

from __future__ import annotations

from collections import Counter

from newsbrief.analyse.genders import count_genders, decide, first_name_gender


def test_genders_counts_a_said_pronoun_and_a_gendered_noun_before_the_name():
    texts = ["wendy davis said she would run. his wife wendy davis spoke.",
             "actress kim lee told reporters she was happy. kim lee said he was tired."]
    male, female = count_genders(texts, frozenset(["the"]))
    assert female["wendy"] == 2 and male["wendy"] == 0
    assert (male["kim"], female["kim"]) == (1, 2)


def test_genders_keeps_a_name_only_where_the_counts_agree():
    male = Counter({"michael": 64, "kim": 47, "jay": 2})
    female = Counter({"michael": 1, "kim": 16, "wendy": 2, "jo": 1})
    kept = decide(male, female)
    assert kept["michael"] == ("m", 64, 1) and kept["wendy"] == ("f", 0, 2) and kept["jay"][0] == "m"
    assert "kim" not in kept and "jo" not in kept  # used for both, or seen once


def test_genders_shipped_list_reads_the_first_name_past_a_title():
    assert first_name_gender("Wendy Davis") == "f"
    assert first_name_gender("City Manager Michael Benson") == "m"
    assert first_name_gender("Davis") is None  # a family name alone says nothing
    assert first_name_gender("Kim Jong Un") is None  # a name used for both
