"""The last guard before a brief leaves the library: everything shown must be in the sources.

Checked in code on every brief, not hoped for: each brief sentence is its cited
source sentence or a trimmed prefix of it, each citation span lies inside its
article, each quote occurs verbatim (modulo quote marks and whitespace) in a
source, each analysis span slices its source exactly, and the budget holds.
Anything that fails is dropped, and a note says so.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence

from newsbrief.datatypes import Article, Brief, BriefSentence, Quote, Span

_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„‟«»「」『』"} | {c: "'" for c in "‘’‚‛‹›"})
_SPACE = re.compile(r"\s+")


def normalise_quote_text(text: str) -> str:
    """Text with quote marks unified and whitespace collapsed, for verbatim comparison."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def is_verbatim(text: str, articles: Iterable[Article]) -> bool:
    """True if ``text`` occurs word for word in at least one article (quote marks and spaces aside)."""
    needle = normalise_quote_text(text).strip("\"' ")
    if not needle:
        return False
    return any(needle in _normalised_source(a.text) for a in articles)


@functools.lru_cache(maxsize=64)
def _normalised_source(text: str) -> str:
    """A source normalised once per brief, not once per quote checked against it."""
    return normalise_quote_text(text)


def sentence_is_faithful(sentence: BriefSentence, sources: Sequence[Article]) -> bool:
    """The sentence is its origin span, or a prefix of it (``trimmed``), and all spans are real."""
    for citation in sentence.citations:
        if not 1 <= citation.source <= len(sources):
            return False
        article = sources[citation.source - 1]
        if article.id != citation.article_id or not 0 <= citation.start < citation.end <= len(article.text):
            return False
    origin = sentence.citations[0]
    span = sources[origin.source - 1].text[origin.start:origin.end]
    return span == sentence.text or (sentence.trimmed and span.startswith(sentence.text) and bool(sentence.text))


def span_is_real(span: Span, sources: Sequence[Article]) -> bool:
    if not 1 <= span.source <= len(sources):
        return False
    return sources[span.source - 1].text[span.start:span.end] == span.text


def check_brief(brief: Brief) -> Brief:
    """The brief with anything unfaithful removed (and noted); see the module docstring."""
    notes = list(brief.notes)
    sources = brief.sources
    sentences = [s for s in brief.sentences if sentence_is_faithful(s, sources)]
    if len(sentences) < len(brief.sentences):
        notes.append(f"dropped {len(brief.sentences) - len(sentences)} sentence(s) that did not match their source")
    while sentences and brief.budget.measure([s.text for s in sentences]) > brief.budget.limit:
        sentences.pop()
        notes.append("dropped a sentence that exceeded the budget")
    quotes = tuple(q for q in brief.quotes if _quote_ok(q, sources))
    if len(quotes) < len(brief.quotes):
        notes.append(f"dropped {len(brief.quotes) - len(quotes)} quote(s) not found verbatim in any source")
    conflicts = tuple(c for c in brief.conflicts if span_is_real(c.first, sources) and span_is_real(c.second, sources))
    agreement = tuple(f for f in brief.agreement if all(span_is_real(s, sources) for s in f.spans))
    unique = tuple((n, tuple(f for f in facts if all(span_is_real(s, sources) for s in f.spans)))
                   for n, facts in brief.unique)
    return dataclasses.replace(brief, sentences=tuple(sentences), quotes=quotes, conflicts=conflicts,
                               agreement=agreement, unique=unique, notes=tuple(dict.fromkeys(notes)))


def _quote_ok(quote: Quote, sources: Sequence[Article]) -> bool:
    return is_verbatim(quote.text, sources) and all(
        is_verbatim(quote.text, [sources[s.source - 1]]) for s in quote.spans if 1 <= s.source <= len(sources))
