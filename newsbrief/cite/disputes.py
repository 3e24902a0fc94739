"""The brief owns its disputes: a sentence that states a value another source contradicts says so.

Conflicts (``analyse/conflicts.py``) pair spans of two sources. A brief sentence
whose own span, or the span of a source cited for it, is one side of a conflict
states that side's value; the other side's source is then removed from its
citations (a source is never cited for a value it contradicts) and listed as a
:class:`~newsbrief.datatypes.Dispute`, which every format shows where the
sentence stands ("[1] ([2]: 19)").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsbrief.datatypes import BriefSentence, Citation, Conflict, Dispute, Span


def own_disputes(sentences: Sequence[BriefSentence], conflicts: Sequence[Conflict]) -> list[BriefSentence]:
    """``sentences`` with each one's disputes marked and the disputing sources' citations removed."""
    out = []
    for sentence in sentences:
        disputes: list[Dispute] = []
        for k, conflict in enumerate(conflicts):
            other = _other_side(sentence.citations, conflict)
            if other is not None and other[0].source != sentence.citations[0].source:
                disputes.append(Dispute(conflict=k, source=other[0].source, value=other[1]))
        if not disputes:
            out.append(sentence)
            continue
        against = {d.source for d in disputes}
        kept = (sentence.citations[0], *(c for c in sentence.citations[1:] if c.source not in against))
        out.append(dataclasses.replace(sentence, citations=kept, disputes=tuple(disputes)))
    return out


def _other_side(citations: Sequence[Citation], conflict: Conflict) -> tuple[Span, str] | None:
    """The side of ``conflict`` the sentence does not state, if it states one (the origin decides first)."""
    sides = ((conflict.first, conflict.second, conflict.second_value),
             (conflict.second, conflict.first, conflict.first_value))
    for citation in citations:  # the sentence's own span first, then its supporting sources
        for mine, theirs, value in sides:
            if mine.source == citation.source and mine.start < citation.end and citation.start < mine.end:
                return theirs, value
    return None
