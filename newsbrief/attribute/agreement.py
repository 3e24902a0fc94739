"""Agreement and uniqueness: which facts several sources state, and which only one does.

Fact units are sentences, split further at semicolons. Units are compared by
TF-IDF cosine over the cluster (the IDF of ``represent/tfidf.py``), and grouped
across sources by constrained agglomeration: the most similar cross-source pair
is joined first, a group holds at most one unit per source, and two groups join
only if every cross pair is at least loosely similar (so chains of weak links do
not pile unrelated sentences together). This is the sentence-alignment step of
multi-document fusion (Barzilay & McKeown, 2005), with TF-IDF in place of their
lexical-syntactic similarity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsbrief.datatypes import Fact, Sentence, Span
from newsbrief.represent.tfidf import build_tfidf
from newsbrief.represent.tokens import content_terms

# Two units state the same fact at this cosine or above. Chosen by reading the
# seed pair and DUC 2004 d30001t/d30002t alignments: at 0.35 aligned pairs are
# paraphrases or near-copies; below 0.3 they share a topic but not the fact.
SAME_FACT = 0.35
# A group may only hold units that all reach this cosine with each other.
LINK_FLOOR = 0.2
# A unit is "only in" its source if nothing elsewhere comes this close.
UNIQUE_CEILING = 0.2
MIN_UNIT_WORDS = 6
MAX_AGREED = 10
MAX_UNIQUE = 3


@dataclass(frozen=True, slots=True)
class Unit:
    """A fact unit: one sentence, or one semicolon clause of it."""

    source: int  # 1-based
    sentence: int  # position in the source's sentence list
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Alignment:
    """Units of a cluster, their pairwise similarity and their cross-source groups."""

    units: tuple[Unit, ...]
    similarity: np.ndarray
    groups: tuple[tuple[int, ...], ...]  # indices into units; singletons included
    salience: tuple[float, ...]


def fact_units(texts: Sequence[str], sentences: Sequence[Sequence[Sentence]]) -> list[Unit]:
    """Sentences, split at semicolons outside quotations, as fact units with offsets."""
    units: list[Unit] = []
    for i, sents in enumerate(sentences):
        for k, sent in enumerate(sents):
            pieces = _clauses(sent.text)
            for a, b in pieces:
                start, end = sent.start + a, sent.start + b
                units.append(Unit(i + 1, k, start, end, texts[i][start:end]))
    return units


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts, depth = [], 0
    for pos, ch in enumerate(text):
        if ch in "“":
            depth += 1
        elif ch in "”":
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 1 - depth if depth <= 1 else depth
        elif ch == ";" and depth == 0:
            cuts.append(pos)
    spans, start = [], 0
    for cut in [*cuts, len(text)]:
        a, b = start, cut + (1 if cut < len(text) else 0)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        start = cut + 1
    # A clause too short to stand alone stays with its sentence.
    if len(spans) > 1 and any(len(text[a:b].split()) < MIN_UNIT_WORDS for a, b in spans):
        return [(spans[0][0], spans[-1][1])]
    return spans


def align(units: Sequence[Unit], salience: Sequence[float] | None = None) -> Alignment:
    """Group units that state the same fact in different sources.

    Args:
        units: the cluster's fact units (see :func:`fact_units`).
        salience: one score per unit; cosine to the cluster centroid if None.

    Returns:
        The Alignment, groups in order of first unit.
    """
    n = len(units)
    if n == 0:
        return Alignment((), np.zeros((0, 0)), (), ())
    matrix = build_tfidf([content_terms(u.text) for u in units])
    sim = matrix.similarity()
    if salience is None:
        centroid = np.asarray(matrix.vectors.sum(axis=0)).ravel()
        norm = np.linalg.norm(centroid) or 1.0
        salience = tuple(float(x) for x in (matrix.vectors @ (centroid / norm)))
    sources = np.array([u.source for u in units])
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    cross = np.triu(sim, k=1) * (sources[:, None] != sources[None, :])
    rows, cols = np.nonzero(cross >= SAME_FACT)
    order = np.argsort(-cross[rows, cols], kind="stable")

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for k in order:
        a, b = find(int(rows[k])), find(int(cols[k]))
        if a == b:
            continue
        ma, mb = members[a], members[b]
        if {units[i].source for i in ma} & {units[i].source for i in mb}:
            continue
        if sim[np.ix_(ma, mb)].min() < LINK_FLOOR:
            continue
        parent[b] = a
        members[a] = ma + mb
        del members[b]
    groups = tuple(tuple(sorted(m)) for m in sorted(members.values(), key=min))
    return Alignment(tuple(units), sim, groups, tuple(float(s) for s in salience))


def _fact(alignment: Alignment, members: Sequence[int]) -> Fact:
    units, sal = alignment.units, alignment.salience
    best = max(members, key=lambda i: (sal[i], -units[i].source))
    spans = tuple(Span(units[i].source, units[i].start, units[i].end, units[i].text)
                  for i in sorted(members, key=lambda i: (units[i].source, units[i].start)))
    return Fact(text=units[best].text, spans=spans, salience=round(sal[best], 6))


def agreed_facts(alignment: Alignment, *, limit: int = MAX_AGREED) -> tuple[Fact, ...]:
    """Facts stated by two or more sources: the most widely stated first, then the most salient."""
    facts = [_fact(alignment, g) for g in alignment.groups if len({alignment.units[i].source for i in g}) > 1]
    facts.sort(key=lambda f: (-len(f.sources), -f.salience, f.spans[0].source, f.spans[0].start))
    return tuple(facts[:limit])


def unique_facts(alignment: Alignment, n_sources: int, *,
                 per_source: int = MAX_UNIQUE) -> tuple[tuple[int, tuple[Fact, ...]], ...]:
    """Per source, its most salient facts that no other source comes close to stating.

    Only clusters of two or more sources have anything to compare; a unit
    counts if it is alone in its group, has MIN_UNIT_WORDS words and no unit of
    another source reaches UNIQUE_CEILING cosine with it.
    """
    if n_sources < 2:
        return ()
    units, sim = alignment.units, alignment.similarity
    sources = np.array([u.source for u in units])
    out = []
    for source in range(1, n_sources + 1):
        candidates = []
        for g in alignment.groups:
            if len(g) != 1 or units[g[0]].source != source:
                continue
            i = g[0]
            others = sim[i][sources != source]
            if others.size and others.max() >= UNIQUE_CEILING:
                continue
            if len(re.findall(r"\w+", units[i].text)) < MIN_UNIT_WORDS or re.fullmatch(r"\[.*\]|\(.*\)", units[i].text):
                continue  # too short to be a fact, or an aside in brackets ("[Opinion: …]")
            candidates.append(_fact(alignment, g))
        candidates.sort(key=lambda f: (-f.salience, f.spans[0].start))
        if candidates:
            out.append((source, tuple(candidates[:per_source])))
    return tuple(out)
