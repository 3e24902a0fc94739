"""The analysis entry point: sections on request, invariants over every output, edge inputs."""

from __future__ import annotations

import pytest
from conftest import demo_articles, make_article

from newsbrief.analyse.analysis import Analysis, analyse
from newsbrief.datatypes import SECTIONS, parse_sections
from newsbrief.errors import ConfigError
from newsbrief.segment.sentences import split_sentences


def _sentences(articles):
    return [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]


@pytest.fixture(scope="module")
def seed() -> tuple[list, Analysis]:
    articles = demo_articles()
    return articles, analyse(articles, _sentences(articles), sections=SECTIONS)


def test_analysis_every_span_slices_its_source(seed):
    articles, result = seed
    spans = [s for f in result.agreement for s in f.spans]
    spans += [s for _, facts in result.unique for f in facts for s in f.spans]
    spans += [s for q in result.quotes for s in q.spans]
    spans += [s for c in result.conflicts for s in (c.first, c.second)]
    assert spans
    for span in spans:
        assert 1 <= span.source <= len(articles)
        assert articles[span.source - 1].text[span.start:span.end] == span.text
    for entity in result.entities:
        for m in entity.mentions:
            assert articles[m.source - 1].text[m.start:m.end] == m.text


def test_analysis_seed_has_every_section(seed):
    _, result = seed
    assert result.agreement and result.unique and result.quotes
    assert result.conflicts == ()
    if not result.notes:
        assert result.entities


@pytest.mark.parametrize("section", SECTIONS)
def test_analysis_computes_only_the_sections_asked_for(section):
    articles = demo_articles()
    result = analyse(articles, _sentences(articles), sections=(section,))
    for other in SECTIONS:
        if other != section and other != "conflicts":
            assert getattr(result, other) == ()


def test_analysis_no_sections_is_empty_and_quick():
    articles = demo_articles()
    assert analyse(articles, _sentences(articles), sections=()) == Analysis()


def test_analysis_unknown_section_names_the_valid_ones():
    articles = demo_articles()
    with pytest.raises(ConfigError, match="unknown section 'quote'; available: agreement, unique, conflicts, quotes"):
        analyse(articles, _sentences(articles), sections=("quote",))


@pytest.mark.parametrize("value, expected", [
    (None, SECTIONS), ("all", SECTIONS), ("none", ()), ("quotes", ("quotes",)),
    (" Entities, quotes ", ("quotes", "entities")), (["conflicts", "agreement"], ("agreement", "conflicts")),
    ([], ()),
])
def test_parse_sections(value, expected):
    assert parse_sections(value) == expected


def test_parse_sections_rejects_unknown_names_with_the_list():
    with pytest.raises(ConfigError, match="unknown section 'people'; available: agreement, unique, conflicts, "
                                          "quotes, entities; or all, none"):
        parse_sections("quotes,people")


@pytest.mark.parametrize("texts", [
    [],
    [""],
    ["   \n  "],
    ["One article only, with no quotation at all and nothing to compare."],
])
def test_analysis_edge_inputs_give_empty_sections(texts):
    articles = [make_article(t) for t in texts]
    result = analyse(articles, _sentences(articles), sections=SECTIONS)
    assert result.agreement == () and result.unique == () and result.conflicts == () and result.quotes == ()


def test_analysis_non_english_sources_compare_nothing_by_mistake():
    articles = [make_article("Ein Artikel auf Deutsch über das Wetter in Berlin am Montag."),
                make_article("Un article en français sur la météo, « il fera très beau demain » dit-il.")]
    result = analyse(articles, _sentences(articles), sections=SECTIONS)
    assert result.agreement == () and result.conflicts == ()
    assert [q.speaker for q in result.quotes] == [None]


def test_analysis_rejects_mismatched_sentence_lists():
    with pytest.raises(ValueError, match="2 articles but 1 sentence lists"):
        analyse(demo_articles(), [[]], sections=SECTIONS)


def test_analysis_uses_given_salience_for_facts():
    articles = demo_articles()
    sentences = _sentences(articles)
    salience = [[float(i) for i in range(len(s))] for s in sentences]
    result = analyse(articles, sentences, sections=("unique",), salience=salience)
    for _, facts in result.unique:
        assert [f.salience for f in facts] == sorted((f.salience for f in facts), reverse=True)
