"""Submodular selection: saturated coverage plus a diversity reward, maximised greedily.

F(S) = L(S) + lambda * R(S) (+ mu * concept coverage), after Lin & Bilmes (2011),
"A Class of Submodular Functions for Document Summarization", ACL:

* L(S) = sum_i p_i * min(C_i(S), alpha * C_i(V)): how well the chosen sentences
  cover each sentence i of the cluster (C_i(S) = sum of similarities to S),
  saturating so that no single fact dominates; p_i weighs sentence i by its
  position in its article, since news states key facts first.
* R(S) = sum_k sqrt(sum_{j in S, j in cluster k} r_j): a reward for drawing on
  many different clusters of sentences (k-means over the TF-IDF vectors), with
  r_j the sentence's mean similarity to the cluster.
* Concepts (optional): the weighted bigram coverage of ``concepts.py``, so that
  facts several articles share are preferred (Gillick & Favre, 2009).

The greedy picks argmax gain / cost**r and is within a constant factor of the
optimum for this budgeted monotone submodular objective.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from newsbrief.datatypes import Budget
from newsbrief.registry import methods
from newsbrief.represent.prepared import PreparedCluster
from newsbrief.select.base import DUPLICATE_COSINE, candidate_mask, fill_in_order, sentence_costs
from newsbrief.select.concepts import concept_table


def position_weights(cluster: PreparedCluster, decay: float) -> np.ndarray:
    """1 + decay / (1 + position): lead sentences matter more in news."""
    return 1.0 + decay / (1.0 + cluster.position.astype(float))


def sentence_groups(cluster: PreparedCluster, n_groups: int, seed: int = 0) -> np.ndarray:
    """A deterministic k-means partition of the sentences (group id per sentence)."""
    n = len(cluster.sentences)
    if n_groups <= 1 or n <= n_groups:
        return np.arange(n)
    dense = cluster.tfidf.vectors.toarray()
    # Reduce dimension for speed: the top singular directions carry the topic structure.
    if dense.shape[1] > 64:
        u, s, _ = np.linalg.svd(dense - dense.mean(axis=0), full_matrices=False)
        dense = u[:, :64] * s[:64]
    from scipy.cluster.vq import kmeans2  # imported on use: keeps the default path's start-up short

    rng = np.random.default_rng(seed)
    _, labels = kmeans2(dense, n_groups, minit="++", seed=rng)
    return labels


@methods.register("submodular")
@dataclass(frozen=True)
class SubmodularSelector:
    """Lin & Bilmes' coverage + diversity objective, with position-weighted coverage."""

    name: ClassVar[str] = "submodular"
    alpha: float = 5.0          # saturation: alpha / N of each sentence's total similarity (L&B: a = 5)
    diversity: float = 6.0      # lambda (L&B: 6)
    group_ratio: float = 0.2    # k-means groups per sentence (L&B: K = 0.2 N)
    cost_exponent: float = 0.3  # r (L&B: 0.3)
    position_decay: float = 1.0
    concept_weight: float = 0.0
    concept_kind: str = "content"
    duplicate_cosine: float = DUPLICATE_COSINE

    def select(self, cluster: PreparedCluster, budget: Budget) -> list[int]:
        n = len(cluster.sentences)
        if not n:
            return []
        sim = cluster.tfidf.similarity()
        np.fill_diagonal(sim, 1.0)
        importance = position_weights(cluster, self.position_decay)
        cap = (self.alpha / n) * sim.sum(axis=1)
        reward = sim.mean(axis=0)
        groups = sentence_groups(cluster, max(1, round(self.group_ratio * n)))
        if self.concept_weight > 0:
            table = concept_table(cluster, unigram_weight=0.0, position_boost=self.position_decay,
                                  kind=self.concept_kind)
            concept_scale = self.concept_weight * float(np.dot(importance, cap)) / max(table.weights.sum(), 1e-9)
        mask = candidate_mask(cluster, budget)
        costs, limit = sentence_costs(cluster, budget)
        scale = np.power(np.maximum(costs, 1.0), self.cost_exponent)

        coverage = np.zeros(n)
        group_mass = np.zeros(int(groups.max()) + 1)
        remaining = table.weights.copy() if self.concept_weight > 0 else None
        chosen: list[int] = []
        spent = 0.0
        available = mask.copy()
        while available.any():
            current = np.minimum(coverage, cap)
            covered = np.minimum(coverage[:, None] + sim, cap[:, None])
            gain = importance @ (covered - current[:, None])
            gain += self.diversity * (np.sqrt(group_mass[groups] + reward) - np.sqrt(group_mass[groups]))
            if remaining is not None:
                gain += concept_scale * (table.matrix @ remaining)
            ratio = np.where(available, gain / scale, -np.inf)
            best = int(np.argmax(ratio))
            if not np.isfinite(ratio[best]) or gain[best] <= 0:
                break
            available[best] = False
            if spent + costs[best] > limit:
                continue
            chosen.append(best)
            spent += costs[best]
            coverage += sim[:, best]
            group_mass[groups[best]] += reward[best]
            if remaining is not None:
                remaining[table.matrix[best].indices] = 0.0
        return fill_in_order(cluster, chosen, budget, duplicate_cosine=self.duplicate_cosine)
