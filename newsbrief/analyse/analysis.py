"""Cross-source analysis of a cluster: agreement, uniqueness, conflicts, quotes, entities.

One entry point, :func:`analyse`, which the pipeline calls after selection, and
one guard, :func:`verify_quote`, which it calls again before rendering. Only the
requested sections are computed; spaCy is loaded (once) only when quotes or
entities are asked for, and its absence costs the entities section alone.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from newsbrief.analyse import agreement as agree
from newsbrief.analyse import conflicts as conf
from newsbrief.analyse import quotes as quo
from newsbrief.datatypes import SECTIONS, Article, Conflict, Entity, Fact, Quote, Sentence, Span, Update
from newsbrief.errors import ConfigError, ModelUnavailableError
from newsbrief.names import entities as ents
from newsbrief.names import patterns as names

# What a section shows at most; the rest is counted (``Analysis.more``). The dev
# clusters show up to 139 quotes (Multi-News full text) and 25 sources with facts
# of their own (DUC 2006), so these caps bind only on piles of many stories.
MAX_QUOTES = 200
MAX_UNIQUE_SOURCES = 30


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the sources agree on, what only one says, where they clash, who said what, who is named."""

    agreement: tuple[Fact, ...] = ()
    unique: tuple[tuple[int, tuple[Fact, ...]], ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    updates: tuple[Update, ...] = ()  # developing counts a later source gives differently (not conflicts)
    notes: tuple[str, ...] = ()
    more: tuple[tuple[str, int], ...] = ()  # per capped section, how many items were not shown



def analyse(articles: Sequence[Article], sentences: Sequence[Sequence[Sentence]], *,
            sections: Collection[str], salience: Sequence[Sequence[float]] | None = None,
            terms: Sequence[Sequence[list[str]]] | None = None) -> Analysis:
    """Compare the sources of one cluster.

    Args:
        articles: the cluster's articles; source numbers are ``i + 1``.
        sentences: ``sentences[i]`` are the kept (cleaned) sentences of ``articles[i]``.
        sections: which of SECTIONS to compute; others stay empty.
        salience: ``salience[i][j]`` scores sentence ``j`` of article ``i``;
            cosine to the cluster centroid if None.
        terms: ``terms[i][j]`` are the content terms of sentence ``j`` of article ``i``
            (``represent.tokens.content_terms``), if known; computed here otherwise.

    Returns:
        The Analysis. Every quote in it has passed :func:`verify_quote`.

    Raises:
        ConfigError: a section name that is not in SECTIONS.
    """
    wanted = set(sections)
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise ConfigError(f"unknown section {sorted(unknown)[0]!r}; available: {', '.join(SECTIONS)}")
    if len(sentences) != len(articles):
        raise ValueError(f"{len(articles)} articles but {len(sentences)} sentence lists")
    if not wanted or not any(sentences):
        return Analysis()
    texts = [a.text for a in articles]
    notes: list[str] = []
    named = bool(wanted & {"quotes", "entities", "conflicts"})  # agreement and uniqueness need no names
    proper = names.proper_words(texts, sentences) if named else frozenset()

    ner: list[tuple[int, int, int, str, str]] | None = None
    if named:
        try:
            nlp = ents.load_ner()
        except ModelUnavailableError as exc:
            if "entities" in wanted:
                notes.append(str(exc))
        else:
            windows = ents.choose_ner_windows(texts, sentences, proper=proper)
            ner = ents.run_ner(windows, texts, nlp, proper=proper)
    index = ents.build_index(texts, sentences, ner, proper=proper) if named else None

    quotes: tuple[Quote, ...] = ()
    clashes: list[quo.SpeakerClash] = []
    if wanted & {"quotes", "conflicts"}:
        mentions = quo.extract_quotes(texts, sentences, index, proper=proper)
        grouped, clashes = quo.group_quotes(mentions, index, texts)
        quotes = tuple(q for q in (_keep_verified(q, texts) for q in grouped) if q is not None)

    alignment = None
    if wanted & {"agreement", "unique", "conflicts"}:
        units = agree.fact_units(texts, sentences)
        unit_salience = None
        if salience is not None:
            unit_salience = [salience[u.source - 1][u.sentence] for u in units]
        known = agree.unit_terms(units, sentences, terms) if terms is not None else None
        alignment = agree.align(units, unit_salience, terms=known)

    agreed: tuple[Fact, ...] = ()
    agreed_rest = 0
    if "agreement" in wanted and alignment:  # a few more than shown: conflicts may take some out
        agreed, agreed_rest = agree.agreed_with_rest(alignment, 2 * agree.MAX_AGREED)
    unique = agree.unique_facts(alignment, len(articles)) if "unique" in wanted and alignment else ()
    conflicts: tuple[Conflict, ...] = ()
    updates: tuple[Update, ...] = ()
    if "conflicts" in wanted and alignment:
        conflicts, updates = conf.find_disagreements(texts, alignment, index=index, proper=proper, clashes=clashes,
                                                     published=[a.published for a in articles], limit=None)
    agreed = _without_conflicts(agreed, conflicts)
    quotes = quotes if "quotes" in wanted else ()
    shown_unique = _top_sources(unique, MAX_UNIQUE_SOURCES)
    more = {"agreement": len(agreed) + agreed_rest - agree.MAX_AGREED, "conflicts": len(conflicts) - conf.MAX_CONFLICTS,
            "quotes": len(quotes) - MAX_QUOTES,
            "unique": sum(len(f) for _, f in unique) - sum(len(f) for _, f in shown_unique)}
    return Analysis(
        agreement=agreed[:agree.MAX_AGREED],
        unique=shown_unique,
        conflicts=conflicts[:conf.MAX_CONFLICTS],
        updates=updates[:conf.MAX_CONFLICTS],
        quotes=quotes[:MAX_QUOTES],
        entities=ents.extract_entities(texts, sentences, ner, index) if "entities" in wanted and ner else (),
        notes=tuple(notes),
        more=tuple((name, n) for name, n in more.items() if n > 0),
    )


def _without_conflicts(agreed: tuple[Fact, ...], conflicts: Sequence[Conflict]) -> tuple[Fact, ...]:
    """Agreed facts without a span that is in conflict with another of the same fact.

    Agreement already leaves out units whose facts contradict the shown one
    (``agreement._checked``); this keeps the promise for whatever conflicts find
    that the comparison with the shown unit alone did not: no pair of sources is
    both agreed and in conflict. The shown unit's span stays; the other goes.
    """
    if not conflicts or not agreed:
        return agreed
    out = []
    for fact in agreed:
        dropped = set()
        for c in conflicts:
            a, b = _index_of(fact.spans, c.first), _index_of(fact.spans, c.second)
            if a is not None and b is not None:
                dropped.add(b if fact.spans[a].text == fact.text else a)
        if dropped:
            spans = tuple(s for k, s in enumerate(fact.spans) if k not in dropped)
            kept = {s.source for s in spans}
            fact = Fact(fact.text, spans, fact.salience, tuple(x for x in fact.lacks if x[0] in kept))
        if len(fact.sources) > 1:
            out.append(fact)
    return tuple(out)


def _index_of(spans: Sequence[Span], span: Span) -> int | None:
    """The position of a span that overlaps ``span`` in the same source, if any."""
    return next((k for k, s in enumerate(spans) if s.source == span.source and s.start < span.end
                 and span.start < s.end), None)


def _top_sources(unique: tuple[tuple[int, tuple[Fact, ...]], ...],
                 limit: int) -> tuple[tuple[int, tuple[Fact, ...]], ...]:
    """The ``limit`` sources whose most salient unique fact scores highest, in source order."""
    if len(unique) <= limit:
        return unique
    best = sorted(unique, key=lambda item: (-max(f.salience for f in item[1]), item[0]))[:limit]
    return tuple(sorted(best, key=lambda item: item[0]))


def _keep_verified(quote: Quote, texts: Sequence[str]) -> Quote | None:
    """The quote without any span that fails :func:`verify_quote`; None if no span passes."""
    if quo.verify_quote(quote, texts):
        return quote
    good = tuple(s for s in quote.spans if quo.verify_quote(Quote(quote.text, quote.speaker, (s,)), texts))
    return Quote(quote.text, quote.speaker, good) if good else None


def verify_quote(quote: Quote, articles: Sequence[Article]) -> bool:
    """Whether ``quote`` stands verbatim between quote marks in every source span it lists.

    Quote characters, whitespace and a closing punctuation mark do not count.
    Every span must match its source (1-based ``span.source``) at its offsets,
    hold the quote's words and lie inside a quotation, so a paraphrase never
    passes. The pipeline calls this on every quote before rendering and drops failures.
    """
    return quo.verify_quote(quote, [a.text for a in articles])
