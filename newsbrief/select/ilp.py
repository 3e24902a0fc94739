"""Exact concept coverage: the integer linear program of Gillick & Favre (2009).

maximise sum_j w_j c_j  subject to  sum_i l_i s_i <= L,  s_i <= c_j for concept j in
sentence i,  c_j <= sum_{i containing j} s_i,  s and c binary. Solved with HiGHS
through ``scipy.optimize.milp`` under a time limit; when the solver stops early
its best feasible answer is used, and the greedy answer when it has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from scipy import sparse

from newsbrief.datatypes import Budget
from newsbrief.registry import methods
from newsbrief.represent.prepared import PreparedCluster
from newsbrief.select.base import DUPLICATE_COSINE, candidate_mask, fill_in_order, sentence_costs
from newsbrief.select.concepts import ConceptSelector, concept_table, greedy_cover


@methods.register("concepts-ilp")
@dataclass(frozen=True)
class ConceptILPSelector:
    """Optimal weighted concept coverage within the budget (falls back to greedy on time-out)."""

    name: ClassVar[str] = "concepts-ilp"
    position_boost: float = 1.0
    kind: str = "words"
    time_limit: float = 2.0
    duplicate_cosine: float = DUPLICATE_COSINE

    def select(self, cluster: PreparedCluster, budget: Budget) -> list[int]:
        if not cluster.sentences:
            return []
        from scipy.optimize import Bounds, LinearConstraint, milp  # slow to import; only this method needs it

        table = concept_table(cluster, unigram_weight=0.0, position_boost=self.position_boost, kind=self.kind)
        mask = candidate_mask(cluster, budget)
        costs, limit = sentence_costs(cluster, budget)
        rows = np.flatnonzero(mask)
        incidence = table.matrix[rows]
        used = np.flatnonzero((np.asarray(incidence.sum(axis=0)).ravel() > 0) & (table.weights > 0))
        if not rows.size or not used.size:
            return ConceptSelector(kind=self.kind).select(cluster, budget)
        incidence = sparse.csr_matrix(incidence[:, used])
        n_s, n_c = len(rows), len(used)
        # Variables: [s_1..s_n, c_1..c_m]; milp minimises, so negate the weights.
        objective = np.concatenate([np.zeros(n_s), -table.weights[used]])
        length = LinearConstraint(sparse.hstack([sparse.csr_matrix(costs[rows]), sparse.csr_matrix((1, n_c))]),
                                  -np.inf, limit)
        coo = incidence.tocoo()
        k = coo.nnz
        # s_i - c_j <= 0 for every (i, j) incidence
        link = sparse.csr_matrix((np.concatenate([np.ones(k), -np.ones(k)]),
                                  (np.concatenate([np.arange(k), np.arange(k)]),
                                   np.concatenate([coo.row, n_s + coo.col]))), shape=(k, n_s + n_c))
        # c_j - sum_i s_i <= 0
        cover = sparse.hstack([-incidence.T, sparse.identity(n_c)]).tocsr()
        result = milp(objective, integrality=np.ones(n_s + n_c),
                      bounds=Bounds(np.zeros(n_s + n_c), np.ones(n_s + n_c)),
                      constraints=[length, LinearConstraint(link, -np.inf, 0), LinearConstraint(cover, -np.inf, 0)],
                      options={"time_limit": self.time_limit, "disp": False})
        if result.x is None:
            picked = greedy_cover(table, costs, mask, limit, cost_exponent=1.0)
        else:
            chosen = rows[result.x[:n_s] > 0.5]
            picked = sorted(chosen.tolist(), key=lambda i: -float((table.matrix[i] @ table.weights)[0]))
        return fill_in_order(cluster, picked, budget, duplicate_cosine=self.duplicate_cosine)
