"""Agreement and uniqueness: facts grouped across sources, and what only one source says."""

from __future__ import annotations

from conftest import demo_articles, make_article

from newsbrief.analyse import agreement as agree
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
