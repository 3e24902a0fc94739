"""Lead: the first sentences of each article, taken round-robin (the classic news baseline)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from newsbrief.registry import methods
from newsbrief.represent.prepared import PreparedCluster
from newsbrief.select.base import ScoringSelector


@methods.register("lead")
@dataclass(frozen=True)
class LeadSelector(ScoringSelector):
    """Rank by position in the article, then by article order: lead sentences of all sources first."""

    name: ClassVar[str] = "lead"

    def score(self, cluster: PreparedCluster) -> np.ndarray:
        return -(cluster.position * max(cluster.n_docs, 1) + cluster.doc_index).astype(float)
