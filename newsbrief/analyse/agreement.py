"""Agreement and uniqueness: which facts several sources state, and which only one does.

Fact units are sentences, split further at semicolons. Units are compared by
TF-IDF cosine over the cluster (the IDF of ``represent/tfidf.py``; similar pairs
come from an index, ``represent/similarity.py``, not from all pairs), and grouped
across sources by constrained agglomeration: the most similar cross-source pair
is joined first, a group holds at most one unit per source, and two groups join
only if every cross pair is at least loosely similar (so chains of weak links do
not pile unrelated sentences together). This is the sentence-alignment step of
multi-document fusion (Barzilay & McKeown, 2005), with TF-IDF in place of their
lexical-syntactic similarity.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsbrief.datatypes import Fact, Sentence, Span
from newsbrief.represent.facts import judge, read_facts
from newsbrief.represent.similarity import PAIRS_PER_ROW, WORK_PER_ROW, Pairs, similar_pairs
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
# A pile of more sources than this (one event has at most 25 in the dev sets, DUC
# 2006) compares each source's units only with those of its NEIGHBOUR_SOURCES
# closest sources: a thousand articles about a hundred events need not compare
# every sentence with every other. Up to NEIGHBOUR_SOURCES + 1 sources, all pairs.
NEIGHBOUR_SOURCES = 50
# Copies of one sentence kept per source: a caption shown twice may still pair with
# two other sources, a paragraph repeated a thousand times is three.
MAX_COPIES_PER_SOURCE = 3
# Units of one wording compared with another wording's, at most: the first copies
# stand for the rest (no dev cluster has more than a handful of copies of one sentence).
MAX_COPIES_COMPARED = 32


@dataclass(frozen=True, slots=True)
class Unit:
    """A fact unit: one sentence, or one semicolon clause of it."""

    source: int  # 1-based
    sentence: int  # position in the source's sentence list
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        """Where the unit stands in its source, as the sections cite it."""
        return Span(self.source, self.start, self.end, self.text)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Units of a cluster, their pairwise similarity and their cross-source groups."""

    units: tuple[Unit, ...]  # a source's copies of one sentence past MAX_COPIES_PER_SOURCE are dropped
    similarity: sparse.csr_matrix  # cosine of cross-source pairs at or above LINK_FLOOR; zero elsewhere
    groups: tuple[tuple[int, ...], ...]  # indices into units; singletons included
    salience: tuple[float, ...]
    partnered: tuple[bool, ...]  # a unit of another source reaches UNIQUE_CEILING cosine with it


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


def unit_terms(units: Sequence[Unit], sentences: Sequence[Sequence[Sentence]],
               sentence_terms: Sequence[Sequence[list[str]]]) -> list[list[str]]:
    """Each unit's content terms, reusing its sentence's (``sentence_terms[i][k]`` for
    ``sentences[i][k]``) where the unit is the whole sentence, as most are: the brief
    tokenised them already, and tokenising a large pile twice cost 0.6 s in 1,000 articles."""
    out = []
    for unit in units:
        whole = unit.text == sentences[unit.source - 1][unit.sentence].text.strip()
        out.append(sentence_terms[unit.source - 1][unit.sentence] if whole else content_terms(unit.text))
    return out


def _clauses(text: str) -> list[tuple[int, int]]:
    if ";" not in text:  # most sentences: one clause, the sentence without its outer spaces
        stripped = text.strip()
        if not stripped:
            return []
        a = len(text) - len(text.lstrip())
        return [(a, a + len(stripped))]
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


def align(units: Sequence[Unit], salience: Sequence[float] | None = None, *,
          terms: Sequence[list[str]] | None = None) -> Alignment:
    """Group units that state the same fact in different sources.

    O(n log n) in units on news text: identical units are compared once (past
    MAX_COPIES_PER_SOURCE, a source's further copies are dropped), similar
    pairs come from :func:`similar_pairs` (an index of rarer terms), never from
    the full similarity matrix, and in a pile of many sources only the closest
    sources are compared (NEIGHBOUR_SOURCES).

    Args:
        units: the cluster's fact units (see :func:`fact_units`).
        salience: one score per unit; cosine to the cluster centroid if None.
        terms: each unit's content terms (see :func:`unit_terms`), if already known.

    Returns:
        The Alignment, groups in order of first unit.
    """
    if not units:
        return Alignment((), sparse.csr_matrix((0, 0)), (), (), ())
    if terms is None:
        terms = [content_terms(u.text) for u in units]
    matrix = build_tfidf(terms)  # the IDF counts every unit, copies included
    if salience is None:
        centroid = np.asarray(matrix.vectors.sum(axis=0)).ravel()
        norm = np.linalg.norm(centroid) or 1.0
        salience = tuple(float(x) for x in (matrix.vectors @ (centroid / norm)))
    kept, classes, nodes = _collapse(units, terms)
    kept_units = tuple(units[i] for i in kept)
    sources = [u.source for u in kept_units]
    reps = [members[0] for members in classes]
    rep_sources = np.array([sources[r] - 1 for r in reps], dtype=np.int64)
    pairs = similar_pairs(matrix.vectors[[kept[r] for r in reps]], min(LINK_FLOOR, UNIQUE_CEILING),
                          groups=rep_sources, neighbours=NEIGHBOUR_SOURCES, per_row=PAIRS_PER_ROW,
                          work_per_row=WORK_PER_ROW)
    groups = _greedy_groups(classes, nodes, sources, pairs)
    shape = _ClassShape(classes, sources)
    return Alignment(kept_units, _unit_similarity(shape, pairs, LINK_FLOOR), groups,
                     tuple(float(salience[i]) for i in kept), _partnered(shape, pairs))


def _collapse(units: Sequence[Unit], terms: Sequence[list[str]]) -> tuple[list[int], list[list[int]],
                                                                           list[tuple[int, list[int]]]]:
    """Units kept, their classes of identical wording, and the nodes the grouping starts from.

    Two units with the same content terms have the same vector, so they are
    compared once, as one class. A source may repeat a sentence (a caption
    shown twice): its first MAX_COPIES_PER_SOURCE copies are kept, the rest
    dropped. A node is the k-th copy of one wording in every source that has
    it; the grouping would join those first anyway (they are the closest
    pairs there are). A unit with no content term is a class of its own.
    Indices in classes and nodes are into the kept units.
    """
    kept: list[int] = []
    classes: list[list[int]] = []
    levels: list[list[list[int]]] = []  # per class, per copy number: its kept units
    class_of: dict[tuple[str, ...], int] = {}
    copies: dict[tuple[int, int], int] = {}
    for i, unit in enumerate(units):
        key = tuple(sorted(terms[i]))
        c = class_of.get(key) if key else None
        if c is None:
            c = len(classes)
            classes.append([])
            levels.append([])
            if key:
                class_of[key] = c
        copy = copies.get((c, unit.source), 0)
        if copy >= MAX_COPIES_PER_SOURCE:
            continue
        copies[c, unit.source] = copy + 1
        kept.append(i)
        classes[c].append(len(kept) - 1)
        if copy == len(levels[c]):
            levels[c].append([])
        levels[c][copy].append(len(kept) - 1)
    nodes = [(c, level) for c, per_copy in enumerate(levels) for level in per_copy]
    return kept, classes, nodes


def _greedy_groups(classes: Sequence[list[int]], nodes: Sequence[tuple[int, list[int]]], sources: Sequence[int],
                   pairs: Pairs) -> tuple[tuple[int, ...], ...]:
    """Constrained agglomeration: the most similar pair first, one unit per source, no weak link.

    Runs over nodes (see :func:`_collapse`) and the similar pairs of their
    classes, instead of over every pair of units.
    """
    linked = pairs.values >= LINK_FLOOR
    width = len(classes)
    link = set((pairs.rows[linked] * width + pairs.cols[linked]).tolist())  # class pair (a < b) as a * width + b
    nodes_of: list[list[int]] = [[] for _ in classes]
    for n, (c, _) in enumerate(nodes):
        nodes_of[c].append(n)
    parent = list(range(len(nodes)))
    members: dict[int, list[int]] = {n: [c] for n, (c, _) in enumerate(nodes)}  # the classes in each group
    group_sources: dict[int, set[int]] = {n: {sources[i] for i in level} for n, (_, level) in enumerate(nodes)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    strong = np.flatnonzero(pairs.values >= SAME_FACT)
    order = strong[np.argsort(-pairs.values[strong], kind="stable")]
    for row, col in zip(pairs.rows[order].tolist(), pairs.cols[order].tolist(), strict=True):
        for node_a in nodes_of[row]:
            for node_b in nodes_of[col]:
                a, b = find(node_a), find(node_b)
                if a == b or group_sources[a] & group_sources[b]:
                    continue
                ma, mb = members[a], members[b]
                if any(x == y or min(x, y) * width + max(x, y) not in link for x in ma for y in mb):
                    continue  # some pair would sit below LINK_FLOOR
                parent[b] = a
                members[a] = ma + mb
                group_sources[a] |= group_sources.pop(b)
                del members[b]
    unit_groups: dict[int, list[int]] = {}
    for n, (_, level) in enumerate(nodes):
        unit_groups.setdefault(find(n), []).extend(level)
    return tuple(tuple(sorted(g)) for g in sorted(unit_groups.values(), key=min))


def _unit_similarity(shape: _ClassShape, pairs: Pairs, floor: float) -> sparse.csr_matrix:
    """Cosines of cross-source unit pairs at or above ``floor`` (symmetric, zero elsewhere).

    Pairs inside one class (the same words) are left out: their values agree
    by construction, so no conflict can come of them. Each class contributes
    at most MAX_COPIES_COMPARED units, so a wire sentence copied by a thousand
    outlets does not make a million pairs.
    """
    classes, sources = shape.classes, shape.sources
    keep = pairs.values >= floor
    a, b, v = pairs.rows[keep], pairs.cols[keep], pairs.values[keep]
    # Most classes are one unit: their pairs are one unit pair each, taken at once.
    single = shape.single(a, b)
    i, j, value = shape.first[a[single]], shape.first[b[single]], v[single]
    cross = shape.source[i] != shape.source[j]
    rows, cols, values = [i[cross], j[cross]], [j[cross], i[cross]], [value[cross], value[cross]]
    more_rows: list[int] = []
    more_cols: list[int] = []
    more_values: list[float] = []
    for x, y, w in zip(a[~single].tolist(), b[~single].tolist(), v[~single].tolist(), strict=True):
        for mine in classes[x][:MAX_COPIES_COMPARED]:
            for theirs in classes[y][:MAX_COPIES_COMPARED]:
                if sources[mine] != sources[theirs]:
                    more_rows += (mine, theirs)
                    more_cols += (theirs, mine)
                    more_values += (w, w)
    rows.append(np.array(more_rows, dtype=np.int64))
    cols.append(np.array(more_cols, dtype=np.int64))
    values.append(np.array(more_values, dtype=float))
    n = len(sources)
    out = sparse.csr_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    out.sort_indices()
    return out


def _partnered(shape: _ClassShape, pairs: Pairs) -> tuple[bool, ...]:
    """Per unit: whether a unit of another source reaches UNIQUE_CEILING cosine with it."""
    classes, sources = shape.classes, shape.sources
    out = np.zeros(len(sources), dtype=bool)
    for members in classes:
        if len(members) > 1:  # its own words stand in another source
            out[members] = True
    keep = pairs.values >= UNIQUE_CEILING
    a, b = pairs.rows[keep], pairs.cols[keep]
    single = shape.single(a, b)
    i, j = shape.first[a[single]], shape.first[b[single]]
    cross = shape.source[i] != shape.source[j]
    out[i[cross]] = True
    out[j[cross]] = True
    class_sources = {c: {sources[u] for u in classes[c]} for c in {*a[~single].tolist(), *b[~single].tolist()}}
    for x, y in zip(a[~single].tolist(), b[~single].tolist(), strict=True):
        for mine, theirs in ((x, y), (y, x)):
            for u in classes[mine]:
                if class_sources[theirs] - {sources[u]}:
                    out[u] = True
    return tuple(out.tolist())


class _ClassShape:
    """The classes of units and each unit's source, with each class's size and first unit and each
    unit's source as arrays for whole-pair-list steps."""

    def __init__(self, classes: Sequence[list[int]], sources: Sequence[int]) -> None:
        self.classes, self.sources = classes, sources
        self.size = np.fromiter((len(c) for c in classes), dtype=np.int64, count=len(classes))
        self.first = np.fromiter((c[0] for c in classes), dtype=np.int64, count=len(classes))
        self.source = np.asarray(sources, dtype=np.int64)

    def single(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Which class pairs join two one-unit classes."""
        return (self.size[a] == 1) & (self.size[b] == 1)


def _fact(alignment: Alignment, members: Sequence[int]) -> Fact:
    units, sal = alignment.units, alignment.salience
    best = max(members, key=lambda i: (sal[i], -units[i].source))
    spans = tuple(Span(units[i].source, units[i].start, units[i].end, units[i].text)
                  for i in sorted(members, key=lambda i: (units[i].source, units[i].start)))
    return Fact(text=units[best].text, spans=spans, salience=round(sal[best], 6))


def _checked(alignment: Alignment, members: Sequence[int]) -> Fact:
    """The group's fact, with only the units whose facts agree with the one shown (``represent/facts.py``).

    Similar wording is not the same statement: a unit that gives another figure
    or denies what the shown unit affirms is left out; one that leaves out a
    detail stays, marked partial.
    """
    units, sal = alignment.units, alignment.salience
    best = max(members, key=lambda i: (sal[i], -units[i].source))
    claim = read_facts(units[best].text)
    kept, lacks = [best], []
    for i in members:
        if i == best:
            continue
        verdict = judge(claim, read_facts(units[i].text))
        if verdict.status == "contradicts":
            continue
        kept.append(i)
        if verdict.lacks:
            lacks.append((units[i].source, verdict.lacks))
    fact = _fact(alignment, kept)
    return Fact(fact.text, fact.spans, fact.salience, tuple(sorted(lacks)))


def agreed_facts(alignment: Alignment, *, limit: int | None = MAX_AGREED) -> tuple[Fact, ...]:
    """Facts stated by two or more sources: the most widely stated first, then the most salient (None: all).

    A source counts for a fact only if its unit states the same facts (see :func:`_checked`); a fragment or
    a question is no fact (:func:`states_a_fact`).
    """
    return agreed_with_rest(alignment, limit)[0]


def agreed_with_rest(alignment: Alignment, limit: int | None) -> tuple[tuple[Fact, ...], int]:
    """The first ``limit`` agreed facts (None: all) in the order of :func:`agreed_facts`, and how many more groups
    of several sources there are (not checked, so an upper bound).

    Checking a group's facts costs a reading of each unit; a pile of a thousand
    articles has thousands of groups and shows ten. Checking can only remove
    sources, so a heap ordered by the unchecked count gives the exact first
    ``limit``: a group is checked when it reaches the top, and goes back in
    with its checked count.
    """
    units = alignment.units
    heap: list[tuple[int, float, int, int, int, Fact | None]] = []
    for n, g in enumerate(alignment.groups):
        sources = len({units[i].source for i in g})
        if sources > 1:
            f = _fact(alignment, g)
            if not states_a_fact(f.text):
                continue
            heap.append((-sources, -f.salience, f.spans[0].source, f.spans[0].start, n, None))
    heapq.heapify(heap)
    out: list[Fact] = []
    while heap and (limit is None or len(out) < limit):
        *_, n, checked = heapq.heappop(heap)
        if checked is not None:
            out.append(checked)
            continue
        fact = _checked(alignment, alignment.groups[n])
        if len(fact.sources) > 1:
            heapq.heappush(heap, (-len(fact.sources), -fact.salience, fact.spans[0].source, fact.spans[0].start,
                                  n, fact))
    return tuple(out), len(heap)


def states_a_fact(text: str) -> bool:
    """Whether a unit shown as agreed can state a fact: not a fragment, byline or heading ("she said.",
    "USA TODAY", "Getty (2)", "Dear Matt Damon,") nor a question ("Who was Kim Jong-nam?"), which the
    issue-23 support labels found agreed with whatever shared their one or two words."""
    return len(_WORDS.findall(text)) >= MIN_AGREED_WORDS and not text.rstrip("”\"' ").endswith("?")


# Words a unit must have to be shown as agreed (the fragments the labels found have at most four).
MIN_AGREED_WORDS = 5
_WORDS = re.compile(r"\w+")


def unique_facts(alignment: Alignment, n_sources: int, *,
                 per_source: int = MAX_UNIQUE) -> tuple[tuple[int, tuple[Fact, ...]], ...]:
    """Per source, its most salient facts that no other source comes close to stating.

    Only clusters of two or more sources have anything to compare; a unit
    counts if it is alone in its group, has MIN_UNIT_WORDS words and no unit of
    another source reaches UNIQUE_CEILING cosine with it.
    """
    if n_sources < 2:
        return ()
    units = alignment.units
    singles: dict[int, list[int]] = {}
    for g in alignment.groups:  # groups are in order of first unit, so each list is too
        if len(g) == 1:
            singles.setdefault(units[g[0]].source, []).append(g[0])
    out = []
    for source in range(1, n_sources + 1):
        candidates = []
        for i in singles.get(source, ()):
            if alignment.partnered[i]:
                continue
            if len(re.findall(r"\w+", units[i].text)) < MIN_UNIT_WORDS or re.fullmatch(r"\[.*\]|\(.*\)", units[i].text):
                continue  # too short to be a fact, or an aside in brackets ("[Opinion: …]")
            candidates.append(_fact(alignment, (i,)))
        candidates.sort(key=lambda f: (-f.salience, f.spans[0].start))
        if candidates:
            out.append((source, tuple(candidates[:per_source])))
    return tuple(out)
