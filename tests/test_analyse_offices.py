"""One person given two offices by two sources, in sentences that share little else (analyse/offices.py)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from conftest import make_article

from newsbrief.analyse.analysis import analyse
from newsbrief.segment.sentences import split_sentences

# One man's office, given in unrelated sentences: prime minister in one source, finance minister in the other.
TOKYO_A = ("Japanese Prime Minister Kiichi Miyazawa told reporters on Saturday that the talks had gone well. "
           "Officials from seven countries met in Washington to discuss the crisis in Asian markets.")
TOKYO_B = ("The meeting with Japan's finance minister, Kiichi Miyazawa, lasted two hours at the Treasury. "
           "Miyazawa announced a plan of new loans for the region's banks.")


def _titles(*texts: str, published: tuple[datetime, ...] = ()) -> list[tuple[str, str]]:
    articles = [make_article(t) for t in texts]
    if published:
        articles = [dataclasses.replace(a, published=p) for a, p in zip(articles, published, strict=True)]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    conflicts = analyse(articles, sentences, sections=("conflicts",)).conflicts
    return [(c.first_value, c.second_value) for c in conflicts if c.kind == "title"]


def test_offices_one_person_two_offices_in_unrelated_sentences_conflict():
    ((first, second),) = _titles(TOKYO_A, TOKYO_B)
    assert "Prime Minister Kiichi Miyazawa" in first
    assert "finance minister, Kiichi Miyazawa" in second


def test_offices_the_same_office_written_two_ways_is_no_conflict():
    same = TOKYO_B.replace("Japan's finance minister, Kiichi Miyazawa,", "Japan's prime minister, Kiichi Miyazawa,")
    assert _titles(TOKYO_A, same) == []


def test_offices_a_former_office_is_no_current_office():
    former = TOKYO_B.replace("Japan's finance minister, Kiichi Miyazawa,", "Kiichi Miyazawa, a former finance "
                             "minister,")
    assert _titles(TOKYO_A, former) == []


def test_offices_a_source_giving_two_current_offices_is_not_used():
    both = TOKYO_B + " Prime Minister Kiichi Miyazawa said the plan would be ready by spring."
    assert _titles(TOKYO_A, both) == []


def test_offices_sources_written_weeks_apart_may_both_be_right():
    apart = (datetime(1998, 10, 3), datetime(1998, 11, 20))
    assert _titles(TOKYO_A, TOKYO_B, published=apart) == []
    assert len(_titles(TOKYO_A, TOKYO_B, published=(datetime(1998, 10, 3), datetime(1998, 10, 4)))) == 1
