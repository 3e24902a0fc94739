"""The analysis sections of a focused brief, kept to what bears on its query.

A brief that answers "what do the sources say about X?" lists, under *Agreed*,
*Only in [n]* and *Quotes*, only the facts and quotes whose source sentence
mentions a content word of the query: a reader who asked about Bolton wants
Bolton's quotes, not every quote of the story. *Conflicts* and *People & places*
stay whole: a disagreement between the sources is a warning about the story as
a whole, and the who's who is the context the answer needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from newsbrief.datatypes import Fact, Quote, Span
from newsbrief.represent.prepared import PreparedCluster

FOCUSED_SECTIONS = ("agreement", "unique", "quotes")


def _relevant_spans(cluster: PreparedCluster, mentions: np.ndarray) -> dict[int, list[tuple[int, int]]]:
    """Per source number (1-based): the character ranges of the sentences that mention the query."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for sentence, hit in zip(cluster.sentences, mentions.tolist(), strict=True):
        if hit:
            ranges.setdefault(sentence.doc_index + 1, []).append((sentence.start, sentence.end))
    return ranges


def _bears(spans: Iterable[Span], ranges: dict[int, list[tuple[int, int]]]) -> bool:
    return any(start < span.end and span.start < end
               for span in spans for start, end in ranges.get(span.source, ()))


def keep_to_query(analysis: dict[str, object], cluster: PreparedCluster, mentions: np.ndarray) -> dict[str, object]:
    """The analysis with agreement, uniqueness and quotes filtered to spans in query-mentioning sentences."""
    ranges = _relevant_spans(cluster, mentions)
    out = dict(analysis)
    agreement: Sequence[Fact] = analysis.get("agreement", ())  # type: ignore[assignment]
    out["agreement"] = tuple(f for f in agreement if _bears(f.spans, ranges))
    unique: Sequence[tuple[int, tuple[Fact, ...]]] = analysis.get("unique", ())  # type: ignore[assignment]
    kept = ((n, tuple(f for f in facts if _bears(f.spans, ranges))) for n, facts in unique)
    out["unique"] = tuple((n, facts) for n, facts in kept if facts)
    quotes: Sequence[Quote] = analysis.get("quotes", ())  # type: ignore[assignment]
    out["quotes"] = tuple(q for q in quotes if _bears(q.spans, ranges))
    return out
