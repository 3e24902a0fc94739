"""Apply a SelectionModel to one prepared cluster: article relevance, sentence and concept worth."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsbrief.learn import features as feats
from newsbrief.learn.model import SelectionModel
from newsbrief.represent.prepared import PreparedCluster
from newsbrief.select.concepts import ConceptTable


@dataclass(frozen=True)
class ClusterScores:
    relevance: np.ndarray  # per article
    sentences: np.ndarray  # per sentence, the predicted share of summary bigrams
    concepts: np.ndarray  # per concept of ``table``, the probability a summary states it
    table: ConceptTable


def score_cluster(model: SelectionModel, cluster: PreparedCluster, *,
                  neutral: tuple[str, ...] = ()) -> ClusterScores:
    """The model's three outputs for ``cluster`` (memoised on it, per model).

    Features named in ``neutral`` are read as their training mean: the ablation's way of asking what a
    feature adds without training again.
    """
    key = ("learned_scores", id(model), neutral)
    cached = cluster.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    relevance = model.document.predict(feats.document_features(cluster), neutral=neutral)
    sentences = model.sentence.predict(feats.sentence_features(cluster, relevance), neutral=neutral)
    concepts = model.concept.predict(feats.concept_features(cluster, relevance), neutral=neutral)
    scores = ClusterScores(relevance=relevance, sentences=sentences, concepts=concepts, table=feats.table(cluster))
    cluster.memo[key] = scores
    return scores
