"""The selector contract and the steps every selector shares.

A selector either rates sentences (``score``), and the base fills the budget in
rating order while skipping near-duplicates, or it picks a set itself
(``select``) when it optimises coverage jointly. Either way the base restores a
readable order (sumy's ``_summarizer.py`` does the same for its rankers).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np

from newsbrief.datatypes import Budget, count_words
from newsbrief.represent.prepared import PreparedCluster
from newsbrief.select.standalone import standalone_mask

# Sentences shorter than this carry no fact on their own ("He agreed."); longer
# than MAX they are usually run-ons that eat a short budget. Chosen by reading
# DUC 2004 and Multi-News dev sentences; both bounds are ignored when nothing else fits.
MIN_WORDS = 5
MAX_WORDS = 60
# Two sentences whose TF-IDF cosine exceeds this state the same fact for the
# purpose of redundancy (set from paraphrase pairs in the seed story, 0.45–0.7).
DUPLICATE_COSINE = 0.5


_PRONOUN_START = ("he ", "she ", "it ", "they ", "this ", "these ", "those ", "that ", "his ", "her ", "its ",
                  "their ", "but ", "and ", "so ", "also ", "then ")
_QUOTE_CHARS = ('"', "“", "”")


def sentence_quality(cluster: PreparedCluster, *, pronoun_penalty: float, quote_penalty: float) -> np.ndarray:
    """A multiplier per sentence: lower for sentences that lean on context (a leading pronoun or
    connective) or that are mostly someone's words (a direct quote)."""
    out = np.ones(len(cluster.sentences))
    for i, sentence in enumerate(cluster.sentences):
        lowered = sentence.text.lower()
        if lowered.startswith(_PRONOUN_START):
            out[i] *= 1.0 - pronoun_penalty
        if any(q in sentence.text for q in _QUOTE_CHARS):
            out[i] *= 1.0 - quote_penalty
    return out


@runtime_checkable
class Selector(Protocol):
    """Picks the sentences of a brief: indices into ``cluster.sentences``."""

    name: ClassVar[str]

    def select(self, cluster: PreparedCluster, budget: Budget) -> list[int]: ...


def candidate_mask(cluster: PreparedCluster, budget: Budget, *, long_share: float = 0.0,
                   standalone: bool = False) -> np.ndarray:
    """Sentences fit to stand in a brief: prose, not too short or too long, within budget alone; with
    ``standalone``, also leaning on no earlier sentence (``standalone.standalone_mask``) unless none does.

    Generic selection does not ask for ``standalone``: a sentence that leans on its article's previous
    one brings that one along or leaves the brief (``standalone.settle``), and excluding such sentences
    up front cost the learned method 0.8 R-2 on the Multi-News full text (bench/RESULTS.md, issue 25).
    A focused brief's pool and answer do ask for it (+0.3 R-2 on DUC 2006 dev).

    With ``long_share`` > 0, a sentence over MAX_WORDS words is too long only if it also costs more
    than that share of a word or byte budget: a run-on eats a 100-word brief, not a 300-word one.
    """
    if not cluster.sentences:
        return np.zeros(0, dtype=bool)
    lengths = word_counts(cluster)
    costs, limit = sentence_costs(cluster, budget)  # the costs the selector then fills the budget with
    cost = costs - (limit - budget.limit)  # without the joining space bytes charge
    fits = cost <= budget.limit
    has_terms = np.array([bool(t) for t in cluster.terms])
    too_long = lengths > MAX_WORDS
    if long_share > 0 and budget.unit != "sentences":
        too_long &= cost > long_share * budget.limit
    fits &= ~cluster.is_junk  # page debris is never a candidate, not even when nothing else fits
    mask = cluster.is_prose & (lengths >= MIN_WORDS) & ~too_long & fits & has_terms
    if standalone:
        alone = mask & standalone_mask(cluster)  # a sentence that leans on the one before it only if need be
        if alone.any():
            return alone
    if not mask.any():  # a story of headlines or fragments still gets a brief
        mask = fits & has_terms
    return mask


def word_counts(cluster: PreparedCluster) -> np.ndarray:
    """Each sentence's words (``count_words``), counted once a cluster: the candidate masks of selection and
    of the fill order and the salience of the analysis all ask (a regex scan for text outside ASCII)."""
    counts = cluster.memo.get(("word_counts",))
    if counts is None:
        counts = cluster.memo[("word_counts",)] = np.array([count_words(s.text) for s in cluster.sentences],
                                                            dtype=np.int64)
        counts.flags.writeable = False  # shared by every caller
    return counts  # type: ignore[return-value]


def sentence_costs(cluster: PreparedCluster, budget: Budget) -> tuple[np.ndarray, float]:
    """Each sentence's cost against the budget, and the limit those costs share.

    In bytes every sentence is charged its joining space, so the limit grows by
    the one space the first sentence does not need (``Budget.measure`` exactly).
    """
    extra = 1 if budget.unit == "bytes" else 0
    key = ("sentence_costs", budget.unit)  # a selector and its fill step ask for the same costs
    costs = cluster.memo.get(key)
    if costs is None:
        if budget.unit == "words":  # Budget.cost of a sentence is its count_words, counted once already
            costs = cluster.memo[key] = word_counts(cluster).astype(float)
        else:
            costs = cluster.memo[key] = np.array([budget.cost(s.text) + extra for s in cluster.sentences],
                                                 dtype=float)
        costs.flags.writeable = False  # shared by every caller
    return costs, float(budget.limit + extra)  # type: ignore[return-value]


def fill_in_order(cluster: PreparedCluster, ranked: Sequence[int], budget: Budget, *,
                  duplicate_cosine: float = DUPLICATE_COSINE) -> list[int]:
    """Take sentences in ``ranked`` order while they fit and repeat nothing already taken.

    A sentence repeats one already taken when their cosine exceeds
    ``duplicate_cosine``. Each sentence's highest cosine to the taken ones is
    kept up to date with one sparse product per sentence taken, not one per
    sentence looked at (that was 15 % of a brief's time).
    """
    vectors = cluster.tfidf.vectors
    costs, limit = sentence_costs(cluster, budget)
    cheapest = float(costs.min()) if costs.size else 0.0
    check = duplicate_cosine < 1.0
    closest = np.zeros(vectors.shape[0])  # each sentence's highest cosine to a chosen one
    chosen: list[int] = []
    used = 0.0
    for index in ranked:
        if limit - used < cheapest:  # nothing fits any more
            break
        if used + costs[index] > limit:
            continue
        if chosen and check and closest[index] > duplicate_cosine:
            continue
        chosen.append(index)
        used += costs[index]
        if budget.unit == "sentences" and len(chosen) >= budget.limit:
            break
        if check:
            np.maximum(closest, (vectors @ vectors[index].T).toarray().ravel(), out=closest)
    return chosen


def reading_order(cluster: PreparedCluster, chosen: Sequence[int]) -> list[int]:
    """Chosen sentences in a readable order: earlier in its article first, then by date and source."""

    def key(index: int) -> tuple[float, float, int, int]:
        sentence = cluster.sentences[index]
        published = cluster.articles[sentence.doc_index].published
        when = published.timestamp() if published else 0.0
        return (sentence.index, when, sentence.doc_index, index)

    return sorted(chosen, key=key)


class ScoringSelector:
    """Base for selectors that only rate sentences; the base picks within the budget."""

    name: ClassVar[str] = "scoring"
    duplicate_cosine: float = DUPLICATE_COSINE

    def score(self, cluster: PreparedCluster) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def select(self, cluster: PreparedCluster, budget: Budget) -> list[int]:
        if not cluster.sentences:
            return []
        scores = np.asarray(self.score(cluster), dtype=float)
        mask = candidate_mask(cluster, budget)
        ranked = [int(i) for i in np.lexsort((np.arange(len(scores)), -scores)) if mask[i]]
        return fill_in_order(cluster, ranked, budget, duplicate_cosine=self.duplicate_cosine)
