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
