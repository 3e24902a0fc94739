"""The ``newsbrief.brief/1`` JSON document (documented in docs/schema.md)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from newsbrief.datatypes import Article, Brief, Citation, Conflict, Edit, Entity, Fact, Quote, Span, Update, count_words

SCHEMA = "newsbrief.brief/1"


def _source(number: int, article: Article) -> dict[str, Any]:
    return {"id": number, "article_id": article.id, "title": article.title, "path": article.path,
            "url": article.url, "source": article.source,
            "published": article.published.isoformat() if article.published else None}


def _edit(edit: Edit) -> dict[str, Any]:
    """A marked edit of a brief sentence: offsets into its source sentence (citations[0]), what was there, what is."""
    return {"start": edit.start, "end": edit.end, "was": edit.was, "now": edit.now, "why": edit.why}


def _citation(citation: Citation, sources: tuple[Article, ...]) -> dict[str, Any]:
    text = sources[citation.source - 1].text[citation.start:citation.end]
    return {"source": citation.source, "start": citation.start, "end": citation.end,
            "support": citation.support, "text": text, "partial": citation.partial, "lacks": list(citation.lacks)}


def _span(span: Span) -> dict[str, Any]:
    return {"source": span.source, "start": span.start, "end": span.end, "text": span.text}


def _update(update: Update) -> dict[str, Any]:
    def when(d: datetime | None) -> str | None:
        return d.isoformat() if d is not None else None
    return {"kind": update.kind,
            "earlier": {**_span(update.earlier), "value": update.earlier_value,
                        "published": when(update.earlier_published)},
            "later": {**_span(update.later), "value": update.later_value,
                      "published": when(update.later_published)}}


def _fact(fact: Fact) -> dict[str, Any]:
    return {"text": fact.text, "sources": list(fact.sources), "salience": round(fact.salience, 4),
            "spans": [_span(s) for s in fact.spans], "partial": list(fact.partial),
            "lacks": {str(source): list(what) for source, what in fact.lacks}}


def _conflict(conflict: Conflict) -> dict[str, Any]:
    return {"kind": conflict.kind, "explanation": conflict.explanation,
            "a": {**_span(conflict.first), "value": conflict.first_value},
            "b": {**_span(conflict.second), "value": conflict.second_value}}


def _quote(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "speaker": quote.speaker, "sources": list(quote.sources),
            "spans": [_span(s) for s in quote.spans]}


def _entity(entity: Entity) -> dict[str, Any]:
    return {"name": entity.name, "label": entity.label, "aliases": list(entity.aliases),
            "mentions": {str(n): c for n, c in sorted(entity.counts().items())},
            "spans": [{"source": m.source, "start": m.start, "end": m.end, "text": m.text} for m in entity.mentions]}


def brief_to_dict(brief: Brief, *, explain: bool = False) -> dict[str, Any]:
    """The brief as plain JSON-ready values; analysis keys appear for the sections computed."""
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "story_id": brief.story_id,
        **({"title": brief.title} if brief.title is not None else {}),
        "method": brief.method,
        **({"query": brief.query} if brief.query is not None else {}),
        "budget": brief.budget.to_dict(),
        "length": {"words": sum(count_words(s.text) for s in brief.sentences),
                   "sentences": len(brief.sentences), "bytes": len(brief.text.encode("utf-8"))},
        "sections": list(brief.sections),
        "sources": [_source(i, a) for i, a in enumerate(brief.sources, start=1)],
        "sentences": [{"text": s.text, "trimmed": s.trimmed,
                       **({"edits": [_edit(e) for e in s.edits]} if s.edits else {}), "sources": list(s.sources),
                       "citations": [_citation(c, brief.sources) for c in s.citations],
                       "disputes": [{"conflict": d.conflict, "source": d.source, "value": d.value}
                                    for d in s.disputes]} for s in brief.sentences],
    }
    if "agreement" in brief.sections:
        doc["agreement"] = [_fact(f) for f in brief.agreement]
    if "unique" in brief.sections:
        doc["unique"] = {str(n): [_fact(f) for f in facts] for n, facts in brief.unique}
    if "conflicts" in brief.sections:
        doc["conflicts"] = [_conflict(c) for c in brief.conflicts]
        doc["updates"] = [_update(u) for u in brief.updates]
    if "quotes" in brief.sections:
        doc["quotes"] = [_quote(q) for q in brief.quotes]
    if "entities" in brief.sections:
        doc["entities"] = [_entity(e) for e in brief.entities]
    if explain:
        doc["removed"] = [{"source": _number(brief, r.article_id), "start": r.start, "end": r.end,
                           "rule": r.rule, "text": r.text} for r in brief.removals]
    if brief.more:
        doc["more"] = {name: n for name, n in brief.more if name in brief.sections}
    doc["notes"] = list(brief.notes)
    return doc


def _number(brief: Brief, article_id: str) -> int | None:
    for i, article in enumerate(brief.sources, start=1):
        if article.id == article_id:
            return i
    return None


def render_json(brief: Brief, *, indent: int | None = 2, explain: bool = False) -> str:
    return json.dumps(brief_to_dict(brief, explain=explain), ensure_ascii=False, indent=indent)
