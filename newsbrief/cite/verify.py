"""The last guard before a brief leaves the library: everything shown must be in the sources.

Checked in code on every brief, not hoped for: each brief sentence is its cited
source sentence or a trimmed prefix of it, each citation span lies inside its
article, each quote occurs verbatim (modulo quote marks and whitespace) in a
source, each analysis span slices its source exactly, and the budget holds.
Anything that fails is dropped, and a note says so.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from newsbrief.datatypes import Article, Brief, BriefSentence, Edit, Quote, Span

_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„‟«»「」『』"} | {c: "'" for c in "‘’‚‛‹›"})
_SPACE = re.compile(r"\s+")


_CLOSING_PUNCTUATION = ".,;:!?…"


def normalise_quote_text(text: str) -> str:
    """Text with quote marks unified and whitespace collapsed, for verbatim comparison."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def is_verbatim(text: str, articles: Iterable[Article], *, normalised: dict[str, str] | None = None) -> bool:
    """True if ``text`` occurs word for word in at least one article (quote marks and spaces aside).

    ``normalised`` keeps each source's normalised text for the next call (one per brief).
    """
    needle = normalise_quote_text(text).strip("\"' ")
    # A quote's closing punctuation stands inside the quote marks in one outlet's style and outside
    # in another's ("… very soon." / "… very soon", she said): the words are what must be verbatim.
    needle = needle.rstrip(_CLOSING_PUNCTUATION) or needle
    if not needle:
        return False
    memo = {} if normalised is None else normalised
    return any(needle in _normalised_source(a, memo) for a in articles)


def _normalised_source(article: Article, memo: dict[str, str]) -> str:
    """A source normalised once per brief, not once per quote checked against it."""
    found = memo.get(article.text)
    if found is None:
        found = memo[article.text] = normalise_quote_text(article.text)
    return found


def sentence_is_faithful(sentence: BriefSentence, sources: Sequence[Article]) -> bool:
    """The sentence is its origin span (with its allowed ``edits`` made), or a prefix of it (``trimmed``),
    and all spans are real."""
    for citation in sentence.citations:
        if not 1 <= citation.source <= len(sources):
            return False
        article = sources[citation.source - 1]
        if article.id != citation.article_id or not 0 <= citation.start < citation.end <= len(article.text):
            return False
    origin = sentence.citations[0]
    span = sources[origin.source - 1].text[origin.start:origin.end]
    if sentence.edits:
        span = edited(span, sentence.edits)
        if span is None:
            return False
    return span == sentence.text or (sentence.trimmed and span.startswith(sentence.text) and bool(sentence.text))


def edited(span: str, edits: Sequence[Edit]) -> str | None:
    """``span`` with ``edits`` made (last first, so offsets hold), or None if an edit is not one allowed:
    its ``was`` must be what the span holds there, and ``now`` only the end of ``was`` (recased)."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        if span[edit.start:edit.end] != edit.was or len(edit.now) > len(edit.was):
            return None
        if edit.now.casefold() != edit.was[len(edit.was) - len(edit.now):].casefold():
            return None
        span = edit.apply(span)
    return span


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
    normalised: dict[str, str] = {}
    quotes = tuple(q for q in brief.quotes if _quote_ok(q, sources, normalised))
    if len(quotes) < len(brief.quotes):
        notes.append(f"dropped {len(brief.quotes) - len(quotes)} quote(s) not found verbatim in any source")
    real = [k for k, c in enumerate(brief.conflicts)
            if span_is_real(c.first, sources) and span_is_real(c.second, sources)]
    conflicts = tuple(brief.conflicts[k] for k in real)
    if len(conflicts) < len(brief.conflicts):  # a sentence's disputes point at the conflicts kept
        renumber = {old: new for new, old in enumerate(real)}
        sentences = [dataclasses.replace(s, disputes=tuple(dataclasses.replace(d, conflict=renumber[d.conflict])
                                                           for d in s.disputes if d.conflict in renumber))
                     for s in sentences]
    agreement = tuple(f for f in brief.agreement if all(span_is_real(s, sources) for s in f.spans))
    unique = tuple((n, tuple(f for f in facts if all(span_is_real(s, sources) for s in f.spans)))
                   for n, facts in brief.unique)
    return dataclasses.replace(brief, sentences=tuple(sentences), quotes=quotes, conflicts=conflicts,
                               agreement=agreement, unique=unique, notes=tuple(dict.fromkeys(notes)))


def _quote_ok(quote: Quote, sources: Sequence[Article], normalised: dict[str, str]) -> bool:
    """Verbatim in every source it cites; a quote that cites none must stand in some source.

    Checking the cited sources first keeps this linear: a quote is searched for
    in every source only when it cites no valid one.
    """
    cited = [sources[s.source - 1] for s in quote.spans if 1 <= s.source <= len(sources)]
    if cited:
        return all(is_verbatim(quote.text, [a], normalised=normalised) for a in cited)
    return is_verbatim(quote.text, sources, normalised=normalised)
