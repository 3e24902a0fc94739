"""Quotes: found between quote marks, attributed, grouped across sources, never fabricated."""

from __future__ import annotations

import pytest
from conftest import demo_articles, make_article

from newsbrief.analyse import quotes as quo
from newsbrief.analyse.analysis import analyse, verify_quote
from newsbrief.datatypes import Quote, Span
from newsbrief.names.entities import build_index
from newsbrief.segment.sentences import split_sentences

MOON = ("We will not loosen our guard until the promise to denuclearize the Peninsula is kept, "
        "and peace is fully institutionalized")
BOLTON = "They have not lived up to the commitments so far"


def _sentences(articles):
    return [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]


def _quotes(*texts: str) -> tuple[Quote, ...]:
    articles = [make_article(t) for t in texts]
    return analyse(articles, _sentences(articles), sections=("quotes",)).quotes


def _by_text(quotes, fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


@pytest.fixture(scope="module")
def seed_quotes() -> tuple[Quote, ...]:
    articles = demo_articles()
    return analyse(articles, _sentences(articles), sections=("quotes",)).quotes


def test_quotes_seed_moon_quote_in_both_sources(seed_quotes):
    quote = _by_text(seed_quotes, "We will not loosen our guard")
    assert quote.text == MOON
    assert quote.speaker == "Moon Jae-in"  # "he added" in source 1, "Moon said" in source 2
    assert quote.sources == (1, 2)


def test_quotes_seed_bolton_quote_only_in_source_2(seed_quotes):
    quote = _by_text(seed_quotes, BOLTON)
    assert quote.text == BOLTON
    assert quote.speaker == "John Bolton"
    assert quote.sources == (2,)


def test_quotes_seed_trump_quote_split_in_source_2_is_in_both_sources(seed_quotes):
    # Source 1 quotes the passage whole; source 2 splits it ("…," Trump said last week. "…").
    # Each piece is shown once, verbatim in both sources, attributed to Trump.
    first = _by_text(seed_quotes, "Now I say this, North Korea")
    second = _by_text(seed_quotes, "And again, no rockets")
    assert first.text == "Now I say this, North Korea, we’re doing very well"
    assert second.text == "And again, no rockets. There’s no rockets. There’s no anything. We’re doing very well"
    for quote in (first, second):
        assert quote.speaker == "Donald Trump"
        assert quote.sources == (1, 2)
        assert all(s.text == quote.text for s in quote.spans)


def test_quotes_partial_fragment_beside_the_whole_keeps_both():
    whole = '"The river has never been this high in all the years I have lived here," Ann Lee said.'
    fragment = 'Ann Lee said the river had "never been this high in all the years" she had lived there.'
    quotes = _quotes(whole, fragment)
    assert [(q.text, q.sources) for q in quotes] == [
        ("never been this high in all the years", (1, 2)),
        ("The river has never been this high in all the years I have lived here", (1,))]


def test_quotes_seed_every_span_slices_its_source(seed_quotes):
    articles = demo_articles()
    for quote in seed_quotes:
        assert verify_quote(quote, articles)
        for span in quote.spans:
            assert articles[span.source - 1].text[span.start:span.end] == span.text


def test_quotes_seed_unnamed_speakers_stay_unnamed(seed_quotes):
    # "… agreed to “advance the political settlement …”, according to state-run news agencies"
    assert _by_text(seed_quotes, "advance the political settlement").speaker is None


@pytest.mark.parametrize("text, speaker", [
    ('"The bridge will open in May," Mayor Ann Lee said on Monday.', "Ann Lee"),
    ('"The bridge will open in May," said Ann Lee, the mayor.', "Ann Lee"),
    ("Ann Lee told reporters: “The bridge will open in May.”", "Ann Lee"),
    ("Ann Lee, speaking in the town hall, said: “The bridge will open in May.”", "Ann Lee"),
    ('Mayor Ann Lee spoke on Monday. "The bridge will open in May," she added.', "Ann Lee"),
    ('Ann Lee said the bridge "will open in May after the inspection."', "Ann Lee"),
    ('"The bridge will open in May," a city official said.', None),
    ('Officials said: "The bridge will open in May."', None),
])
def test_quotes_speaker_cues(text, speaker):
    (quote,) = _quotes(text)
    assert quote.speaker == speaker


def test_quotes_continuation_sentence_keeps_the_speaker():
    (first, second) = _quotes('"The bridge will open in May," Ann Lee said. "We have waited long enough for it."')
    assert first.speaker == second.speaker == "Ann Lee"


def test_quotes_pronoun_does_not_jump_over_an_unnamed_speaker():
    text = ("Ann Lee opened the bridge on Monday. An engineer from the county commented that the work was late. "
            '"It could have been finished a year ago," he said.')
    (quote,) = _quotes(text)
    assert quote.speaker is None


def test_quotes_scare_quotes_and_titles_are_not_quotes():
    assert _quotes('The minister called the plan "difficult" and praised "Gone With the Wind" on Monday.') == ()


def test_quotes_curly_and_straight_marks_are_one_quote_across_sources():
    quotes = _quotes("“The river has never been this high,” Ann Lee said.",
                     '"The river has never been this high," Lee said on Tuesday.')
    (quote,) = quotes
    assert quote.sources == (1, 2)
    assert quote.speaker == "Ann Lee"


def test_quotes_different_speakers_for_one_quote_give_no_speaker():
    quotes = _quotes('"The river has never been this high in living memory," Ann Lee said.',
                     '"The river has never been this high in living memory," Tom Ford said.')
    (quote,) = quotes
    assert quote.speaker is None


def test_quotes_paraphrase_next_to_a_quote_is_never_shown_as_a_quote():
    # Fabrication guard: both sources paraphrase; only source 2 quotes, and the
    # quote's words differ from the paraphrase's.
    paraphrase = "the dam would hold through the winter"
    quotes = _quotes(f"Ann Lee said {paraphrase}. She spoke after a visit to the site.",
                     f'Ann Lee said {paraphrase}. "We have checked every gate twice this week," she said.')
    assert [q.text for q in quotes] == ["We have checked every gate twice this week"]
    for quote in quotes:
        assert paraphrase not in quote.text


def _span(text: str, part: str, shift: int = 0) -> Span:
    start = text.index(part) + shift
    return Span(1, start, start + len(part), text[start:start + len(part)])


def test_verify_quote_rejects_a_paraphrase_and_text_outside_quote_marks():
    text = 'Ann Lee said the dam would hold. "We have checked every gate twice," she said.'
    article = make_article(text)
    words = "We have checked every gate twice"
    assert verify_quote(Quote(words, "Ann Lee", (_span(text, words),)), [article])
    paraphrase = "the dam would hold"
    assert not verify_quote(Quote(paraphrase, "Ann Lee", (_span(text, paraphrase),)), [article])
    assert not verify_quote(Quote("We checked every gate", "Ann Lee", (_span(text, words),)), [article])
    assert not verify_quote(Quote(words, "Ann Lee", (_span(text, words, shift=1),)), [article])
    assert not verify_quote(Quote(words, None, ()), [article])
    wrong_offsets = Span(1, 0, len(words), words)
    assert not verify_quote(Quote(words, None, (wrong_offsets,)), [article])


def test_verify_quote_ignores_quote_characters_and_whitespace():
    text = "“It’s  over,” she said, “and   we’re glad.”"
    quote = Quote("It's over", None, (_span(text, "It’s  over"),))
    assert verify_quote(quote, [make_article(text)])


def test_quotes_spans_of_curly_straight_and_open_to_paragraph_end():
    text = '“One two three four,” he said, "five six seven eight."'
    spans = quo.quote_spans(text, 0, len(text))
    assert [text[s:e] for _, s, e, _ in spans] == ["One two three four,", "five six seven eight."]
    assert quo.quote_spans('"It never closes', 0, 16) == []
    assert [t for t in quo.quote_spans('"It never closes', 0, 16, open_to_end=True)] == [(0, 1, 16, 16)]


def test_quotes_broken_straight_marks_do_not_invert_quote_and_narration():
    # A stray ,'` in the source must not turn the narration between quotes into a "quote".
    text = ('"Bridges are the veins of a city,\'` The Star wrote on Sunday. "Traffic has doubled on the old one." '
            'Monday, the reporter wrote that, "It is still the best way across, and always will be."')
    shown = [text[s:e] for _, s, e, _ in quo.quote_spans(text, 0, len(text))]
    assert "Traffic has doubled on the old one." in shown
    assert not any("The Star wrote" in s or "the reporter wrote" in s for s in shown)


def test_quotes_without_names_model_fall_back_to_patterns():
    text = '"The bridge will open in May," Mayor Ann Lee said on Monday.'
    articles = [make_article(text)]
    sentences = _sentences(articles)
    index = build_index([text], sentences, None)  # None: NER did not run
    mentions = quo.extract_quotes([text], sentences, index)
    assert [(m.text, m.speaker, m.cue) for m in mentions] == [("The bridge will open in May", "Ann Lee", "after")]
