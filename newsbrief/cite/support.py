"""Citations: for each brief sentence, the sentence in every source that states the same fact.

A source sentence, or two adjacent ones (a quote split in two), is a candidate
when it is close to the brief sentence in TF-IDF space and shares at least two
content bigrams with it, so that a shared topic alone ("North Korea",
"summit") is not mistaken for a shared fact. A candidate supports the sentence
only if its facts agree (``represent/facts.py``): another figure for the same
thing, or a denial of what the sentence affirms, rules it out, and the next
candidate of that source is tried. A candidate that leaves out a number, date
or name of the sentence is cited as partial support (``Citation.lacks``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsbrief.datatypes import Citation, Sentence
from newsbrief.represent.facts import Facts, Verdict, judge, read_facts
from newsbrief.represent.prepared import PreparedCluster
from newsbrief.represent.tokens import bigrams

# Cosine above which a source sentence supports a brief sentence. Set on the seed
# story's hand-checked pairs: restatements of one fact score 0.54-0.81, sentences
# that only share the topic score at most 0.28; 0.35 sits in the gap.
SUPPORT_COSINE = 0.35
# Content bigrams a supporting sentence must share (topic words alone share fewer).
MIN_SHARED_BIGRAMS = 2
# A pair of adjacent sentences must beat the best single one by this much to be cited.
PAIR_MARGIN = 0.1
# Candidates of one source tried, best first, when the best contradicts the sentence.
MAX_CANDIDATES = 3


@dataclass(frozen=True, slots=True)
class _Match:
    first: int  # index into cluster.sentences
    last: int
    support: float
    lacks: tuple[str, ...] = ()


def cite(cluster: PreparedCluster, chosen: Sequence[int], *,
         threshold: float = SUPPORT_COSINE) -> list[tuple[Citation, ...]]:
    """The citations of each chosen sentence: its own source first, then every other source that states it.

    Returns:
        One tuple per chosen sentence, never empty, source numbers 1-based.
    """
    if not chosen:
        return []
    scores = _Scores.of(cluster, chosen)
    doc_rows = _rows_by_doc(cluster)
    grams = _Grams(cluster)
    out: list[tuple[Citation, ...]] = []
    for column, index in enumerate(chosen):
        origin = cluster.sentences[index]
        claim = read_facts(origin.text)
        citations = [_citation(cluster, _Match(index, index, 1.0))]
        for doc, rows in enumerate(doc_rows):
            if doc == origin.doc_index or not rows.size:
                continue
            match = _best_match(cluster, scores, grams, column, index, rows, threshold, claim)
            if match is not None:
                citations.append(_citation(cluster, match))
        out.append(tuple(citations))
    return out


@dataclass(frozen=True, slots=True)
class _Scores:
    """Cosines of every sentence, and of every adjacent pair, with each chosen sentence.

    One sparse product for the whole brief instead of one per (sentence, source):
    the pair (i, i+1) scores ``(s_i + s_{i+1}) / |v_i + v_{i+1}|``, and that norm
    comes from the row norms and the adjacent dot products, computed once.
    """

    singles: np.ndarray  # sentences x chosen
    pairs: np.ndarray  # sentences x chosen; row i is the pair (i, i+1), meaningless for the last row

    @classmethod
    def of(cls, cluster: PreparedCluster, chosen: Sequence[int]) -> _Scores:
        vectors = cluster.tfidf.vectors
        singles = np.asarray((vectors @ vectors[list(chosen)].T).todense())
        squares = np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel()
        adjacent = np.asarray(vectors[:-1].multiply(vectors[1:]).sum(axis=1)).ravel()
        norms = np.sqrt(np.maximum(squares[:-1] + squares[1:] + 2.0 * adjacent, 0.0))
        norms[norms == 0] = 1.0
        pairs = np.zeros_like(singles)
        pairs[:-1] = (singles[:-1] + singles[1:]) / norms[:, np.newaxis]
        return cls(singles=singles, pairs=pairs)


class _Grams:
    """Content bigrams of a sentence, computed on first use (most sentences are never asked)."""

    def __init__(self, cluster: PreparedCluster):
        self._terms = cluster.terms
        self._cache: dict[int, set[str]] = {}

    def __getitem__(self, index: int) -> set[str]:
        found = self._cache.get(index)
        if found is None:
            found = self._cache[index] = set(bigrams(self._terms[index]))
        return found


def _rows_by_doc(cluster: PreparedCluster) -> list[np.ndarray]:
    """Each article's sentence rows, in order: one stable sort, not one scan per article."""
    order = np.argsort(cluster.doc_index, kind="stable")
    bounds = np.searchsorted(cluster.doc_index[order], np.arange(cluster.n_docs + 1))
    return [order[bounds[doc]:bounds[doc + 1]] for doc in range(cluster.n_docs)]


def _best_match(cluster: PreparedCluster, scores: _Scores, grams: _Grams, column: int, index: int,
                rows: np.ndarray, threshold: float, claim: Facts) -> _Match | None:
    """The best supporting sentence (or adjacent pair) among ``rows`` whose facts do not contradict the claim."""
    for rank, candidate in enumerate(_candidates(scores, column, rows, threshold)):
        shared = grams[index] & set().union(*(grams[i] for i in range(candidate.first, candidate.last + 1)))
        if len(shared) < min(MIN_SHARED_BIGRAMS, len(grams[index])):
            if rank == 0:
                return None  # the closest sentence shares only the topic: the source does not state it
            continue
        text = cluster.sentences[candidate.first].text
        if candidate.last != candidate.first:
            text = f"{text} {cluster.sentences[candidate.last].text}"
        verdict = judge(claim, read_facts(text))
        if verdict.status != "contradicts":
            if candidate.last != candidate.first:
                return _narrowest(cluster, scores, grams, column, index, candidate, verdict, threshold, claim)
            return _Match(candidate.first, candidate.last, candidate.support, verdict.lacks)
    return None


def _narrowest(cluster: PreparedCluster, scores: _Scores, grams: _Grams, column: int, index: int, pair: _Match,
               verdict: Verdict, threshold: float, claim: Facts) -> _Match:
    """The pair, or one of its two sentences alone when that one states as much: the cited span is the part
    of the source that states the fact, not its neighbour too."""
    for row in (pair.first, pair.last):
        support = float(scores.singles[row, column])
        if support < threshold or len(grams[index] & grams[row]) < min(MIN_SHARED_BIGRAMS, len(grams[index])):
            continue
        alone = judge(claim, read_facts(cluster.sentences[row].text))
        if alone.status == verdict.status and set(alone.lacks) <= set(verdict.lacks):
            return _Match(row, row, support, alone.lacks)
    return _Match(pair.first, pair.last, pair.support, verdict.lacks)


def _candidates(scores: _Scores, column: int, rows: np.ndarray, threshold: float) -> list[_Match]:
    """Up to MAX_CANDIDATES sentences of one source above ``threshold``, best first; the best adjacent
    pair stands first when it beats the best single sentence by PAIR_MARGIN."""
    singles = scores.singles[rows, column]
    above = np.flatnonzero(singles >= threshold)
    order = above[np.argsort(-singles[above], kind="stable")][:MAX_CANDIDATES]
    out = [_Match(int(rows[k]), int(rows[k]), float(singles[k])) for k in order]
    if rows.size > 1:
        pair_scores = scores.pairs[rows[:-1], column]
        best_pair = int(np.argmax(pair_scores))
        best_single = out[0].support if out else 0.0
        if pair_scores[best_pair] > best_single + PAIR_MARGIN and pair_scores[best_pair] >= threshold:
            out.insert(0, _Match(int(rows[best_pair]), int(rows[best_pair + 1]), float(pair_scores[best_pair])))
    return out


def _citation(cluster: PreparedCluster, match: _Match) -> Citation:
    first: Sentence = cluster.sentences[match.first]
    last: Sentence = cluster.sentences[match.last]
    return Citation(article_id=first.article_id, sentence_index=first.index, start=first.start, end=last.end,
                    support=round(min(match.support, 1.0), 4), source=first.doc_index + 1, lacks=match.lacks)
