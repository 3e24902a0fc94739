"""Training targets from a human summary: what of each sentence and concept the summary says too.

A sentence's label is soft: the share of its word bigrams (stemmed, stop words
kept, stop-word-only pairs dropped: the concepts of ``concepts.v3``) that the
summary also contains, which is a sentence's ROUGE-2 precision against the
reference. A concept's label is whether the summary contains it.
"""

from __future__ import annotations

import itertools

import numpy as np

from newsbrief.represent.prepared import PreparedCluster
from newsbrief.represent.tokens import stem, stop_words, words


def summary_bigrams(summaries: list[str]) -> frozenset[str]:
    """The concepts of the reference summaries, spelled as ``PreparedCluster.word_bigrams`` spells them."""
    stops = stop_words()
    out: set[str] = set()
    for summary in summaries:
        tokens = words(summary)
        out.update(f"{stem(a)} {stem(b)}" for a, b in itertools.pairwise(tokens)
                   if not (a in stops and b in stops))
    return frozenset(out)


def sentence_labels(cluster: PreparedCluster, reference: frozenset[str]) -> np.ndarray:
    """Each sentence's share of concepts found in the reference (0 for a sentence without concepts)."""
    out = np.zeros(len(cluster.sentences))
    for i, grams in enumerate(cluster.word_bigrams):
        if grams:
            unique = set(grams)
            out[i] = len(unique & reference) / len(unique)
    return out


def concept_labels(names: list[str], reference: frozenset[str]) -> np.ndarray:
    """1 for each concept the reference contains, else 0."""
    return np.array([name in reference for name in names], dtype=float)


def oracle_labels(cluster: PreparedCluster, summaries: list[str]) -> np.ndarray:
    """1 for the sentences a greedy extractive oracle picks, else 0.

    Sentences are added one at a time by their gain in ROUGE-1 + ROUGE-2 recall
    (stemmed, clipped counts, against the first summary) per word they cost, until
    the picks are as long as the summary or nothing adds (Nallapati et al. 2017 label
    their training data so). Cheaper than ``evaluate.oracle``'s beam, and it labels
    the cluster's own sentences.
    """
    from collections import Counter

    reference = [stem(w) for w in words(summaries[0])]
    ref1, ref2 = Counter(reference), Counter(itertools.pairwise(reference))
    n_ref = max(len(reference), 1)
    grams = []
    for tokens in cluster.tokens:
        stemmed = [stem(w) for w in tokens]
        grams.append((Counter(stemmed), Counter(itertools.pairwise(stemmed)), max(len(stemmed), 1)))
    have1: Counter[str] = Counter()
    have2: Counter[tuple[str, str]] = Counter()
    out = np.zeros(len(cluster.sentences))
    length = 0
    while length < n_ref:
        best, best_gain = -1, 0.0
        for i, (uni, bi, size) in enumerate(grams):
            if out[i]:
                continue
            gain1 = sum(min(c, ref1[g] - have1[g]) for g, c in uni.items() if ref1[g] > have1[g])
            gain2 = sum(min(c, ref2[g] - have2[g]) for g, c in bi.items() if ref2[g] > have2[g])
            gain = (gain1 + 2.0 * gain2) / size
            if gain > best_gain:
                best, best_gain = i, gain
        if best < 0:
            break
        out[best] = 1.0
        uni, bi, size = grams[best]
        have1 |= Counter({g: min(ref1[g], have1[g] + c) for g, c in uni.items() if g in ref1})
        have2 |= Counter({g: min(ref2[g], have2[g] + c) for g, c in bi.items() if g in ref2})
        length += size
    return out
