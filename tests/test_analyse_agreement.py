"""Agreement and uniqueness: facts grouped across sources, and what only one source says."""

from __future__ import annotations

import numpy as np
from conftest import demo_articles, make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.analyse import agreement as agree
from newsbrief.represent.similarity import Pairs
from newsbrief.segment.sentences import split_sentences


def _alignment(articles, salience=None):
    texts = [a.text for a in articles]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    return agree.align(agree.fact_units(texts, sentences), salience)


def test_agreement_seed_letter_and_moon_quote_are_stated_by_both():
    alignment = _alignment(demo_articles())
    facts = agree.agreed_facts(alignment)
    assert all(f.sources == (1, 2) for f in facts)
    texts = " | ".join(f.text for f in facts)
    assert "letter from President" in texts
    assert "We will not loosen our guard" in texts
    letter = next(f for f in facts if "letter from President" in f.text)
    assert {s.source for s in letter.spans} == {1, 2}


def test_agreement_leaves_out_fragments_questions_and_contradicting_sources():
    articles = [
        make_article("USA TODAY. Who was the man in the car? The ferry sank off the coast on Monday and 12 people "
                     "were killed, officials said.", source="a"),
        make_article("USA TODAY. Who was the man in the car? The ferry sank off the coast on Monday and 19 people "
                     "were killed, officials said.", source="b"),
        make_article("USA TODAY. Who was the man in the car? The ferry sank off the coast on Monday and 12 people "
                     "were killed, officials said.", source="c"),
    ]
    facts = agree.agreed_facts(_alignment(articles))
    assert [f.text for f in facts] == ["The ferry sank off the coast on Monday and 12 people were killed, "
                                       "officials said."]
    assert facts[0].sources == (1, 3)  # the source that says 19 does not agree with 12


def test_agreement_is_no_deed_done_against_one_only_planned():
    articles = [
        make_article("The House intelligence committee voted on Monday to release the classified memo on the probe.",
                     source="a"),
        make_article("The House intelligence committee may vote on Monday to release the classified memo on the probe.",
                     source="b"),
    ]
    assert agree.agreed_facts(_alignment(articles)) == ()


def test_agreement_groups_hold_one_unit_per_source_and_spans_slice_sources():
    articles = demo_articles()
    alignment = _alignment(articles)
    for group in alignment.groups:
        sources = [alignment.units[i].source for i in group]
        assert len(sources) == len(set(sources))
    for fact in agree.agreed_facts(alignment):
        for span in fact.spans:
            assert articles[span.source - 1].text[span.start:span.end] == span.text


def test_unique_facts_are_not_stated_elsewhere_and_stay_within_budget():
    articles = demo_articles()
    alignment = _alignment(articles)
    unique = dict(agree.unique_facts(alignment, 2, per_source=2))
    assert set(unique) == {1, 2}
    assert all(len(facts) <= 2 for facts in unique.values())
    assert any("Beijing" in f.text for f in unique[1])  # Kim's visit to Beijing: source 1 only
    for source, facts in unique.items():
        for fact in facts:
            assert fact.sources == (source,)


def test_unique_facts_need_two_sources():
    alignment = _alignment([make_article("Only one outlet reported that the ferry sank near the harbour at dawn.")])
    assert agree.unique_facts(alignment, 1) == ()
    assert agree.agreed_facts(alignment) == ()


def test_agreement_salience_orders_facts_among_equals():
    a = "The ferry sank near the harbour at dawn with forty passengers aboard. The captain was rescued by fishermen."
    b = "The ferry sank near the harbour at dawn with forty passengers. The captain was rescued by local fishermen."
    alignment = _alignment([make_article(a), make_article(b)], salience=[0.1, 0.9, 0.1, 0.9])
    facts = agree.agreed_facts(alignment)
    assert [f.text.split()[1] for f in facts] == ["captain", "ferry"]


def test_clauses_split_at_semicolons_outside_quotes_only():
    text = 'The ferry sank at dawn near the harbour; the captain was rescued later by fishermen. "One; two," he said.'
    units = agree.fact_units([text], [split_sentences(text)])
    assert [u.text for u in units] == ["The ferry sank at dawn near the harbour;",
                                      "the captain was rescued later by fishermen.", '"One; two," he said.']


def _pair_reference(classes, sources, pairs, floor):
    """Unit pairs and 'partnered' flags unit by unit, as the alignment defines them (the slow way)."""
    entries = {}
    flags = [False] * len(sources)
    for members in classes:
        if len(members) > 1:
            for i in members:
                flags[i] = True
    for a, b, v in zip(pairs.rows.tolist(), pairs.cols.tolist(), pairs.values.tolist(), strict=True):
        for i in classes[a][:agree.MAX_COPIES_COMPARED]:
            for j in classes[b][:agree.MAX_COPIES_COMPARED]:
                if v >= floor and sources[i] != sources[j]:
                    entries[i, j] = entries[j, i] = v
        if v >= agree.UNIQUE_CEILING:
            for mine, theirs in ((a, b), (b, a)):
                for i in classes[mine]:
                    if {sources[j] for j in classes[theirs]} - {sources[i]}:
                        flags[i] = True
    return entries, flags


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_agreement_pair_steps_equal_the_unit_by_unit_reference(data) -> None:
    n_units = data.draw(st.integers(1, 40))
    sources = data.draw(st.lists(st.integers(1, 4), min_size=n_units, max_size=n_units))
    # Units dealt into classes of one to three (most of one, as in news), in order.
    classes, unit = [], 0
    while unit < n_units:
        size = min(data.draw(st.sampled_from([1, 1, 1, 2, 3])), n_units - unit)
        classes.append(list(range(unit, unit + size)))
        unit += size
    n = len(classes)
    chosen = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                                          st.floats(0.2, 1.0)), max_size=60))
    found = {(min(a, b), max(a, b)): v for a, b, v in chosen if a != b}
    keys = sorted(found)
    pairs = Pairs(np.array([a for a, _ in keys], dtype=np.int64), np.array([b for _, b in keys], dtype=np.int64),
                  np.array([found[k] for k in keys]))
    entries, flags = _pair_reference(classes, sources, pairs, agree.LINK_FLOOR)
    shape = agree._ClassShape(classes, sources)
    matrix = agree._unit_similarity(shape, pairs, agree.LINK_FLOOR).tocoo()
    cells = zip(matrix.row.tolist(), matrix.col.tolist(), strict=True)
    assert dict(zip(cells, matrix.data.tolist(), strict=True)) == entries
    assert list(agree._partnered(shape, pairs)) == flags
