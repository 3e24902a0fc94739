"""A learned link score: how likely an undated article belongs to a candidate story.

Without dates the stream clusterer has one piece of evidence, the average link
(mean cosine to the story's articles), and one threshold for it. Whether 0.17
means "same event" depends on more than the number: on a long article or a big
story the same average is weaker, a story whose articles agree (high cosine to
its centroid) is a better match than a loose one at the same average, and a
candidate far ahead of the next one is more likely right than one in a tie. A
logistic regression over seven such features of an (article, story) pair,
fitted on the decisions of the stream clusterer over Multi-News train clusters
(``python -m newsbrief.cluster.link_train``; the model is
``newsbrief/resources/link.json``), replaces the threshold for undated
articles; its decision threshold follows the store's article count (issue #27).
Dated articles keep the time rules (the model never saw dates).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Self

from newsbrief.errors import ModelUnavailableError
from newsbrief.model_files import read_shipped_model

FORMAT = "newsbrief.link/2"
# Issue #27 added the last three, for an archive where thousands of other events compete: how alike the
# story's own articles are (a story of loosely related reports is a topic, not an event), the share of
# the article's rare terms the story has, and how much of the match is in the article's headline and lead.
FEATURES = ("score", "centroid_cosine", "log_story_size", "shared_rare_terms", "margin", "is_best",
            "log_article_terms", "story_cohesion", "rare_shared_fraction", "lead_cosine")
# A term is rare from this smoothed idf (``features.idf``): with the news-at-large counts (~42,000
# articles) added, a term in at most ~800 articles. Through the store on train clusters 14,500-14,999
# (store counts only, threshold 0.4), the count of shared rare terms added 0.002 F1 to a model without it.
RARE_IDF = 5.0


def pair_features(vector: Mapping[str, float], rare: frozenset[str], story_vector: Mapping[str, float],
                  story_size: int, centroid_norm: float, score: float, dot: float, margin: float,
                  is_best: bool, *, lead: frozenset[str] = frozenset(), story_weight: float | None = None
                  ) -> list[float]:
    """The model's features of one (article, candidate story) pair, in ``FEATURES`` order.

    Args:
        vector: the article's unit TF-IDF vector.
        rare: the article's terms with idf of at least ``RARE_IDF``.
        story_vector: the story's summed article vectors.
        story_size: the story's article count.
        centroid_norm: the length of ``story_vector``.
        score: the clusterer's similarity (average link plus the name bonus).
        dot: the article's dot product with ``story_vector``.
        margin: ``score`` minus the next candidate's (for the best) or minus the best's (for the others).
        is_best: whether this is the candidate with the highest ``score``.
        lead: the article's headline and lead terms.
        story_weight: the story's summed article weights (its size when nothing fades; None: ``story_size``).
    """
    shared_rare = sum(1 for t in rare if t in story_vector)
    norm = centroid_norm or 1.0
    weight = story_size if story_weight is None else story_weight
    # The sum of n unit vectors has squared length n + 2 * (the sum of their pairwise cosines).
    cohesion = (centroid_norm ** 2 - weight) / (weight * (weight - 1)) if weight > 1 else 1.0
    lead_dot = sum(vector[t] * story_vector.get(t, 0.0) for t in lead if t in vector)
    return [score, dot / norm, math.log(max(story_size, 1)), float(shared_rare), margin,
            float(is_best), math.log(len(vector) + 1), cohesion, shared_rare / (len(rare) or 1), lead_dot / norm]


@dataclass(frozen=True)
class LinkModel:
    """Standardised logistic regression; ``joins`` is the calibrated decision.

    The threshold follows the store's size (issue #27): a probability that is safe to join on among a few
    hundred stories is not among ten thousand, where more stories of other events look alike. ``threshold``
    is calibrated on streams of thousands of events; ``small_threshold`` on streams of a few hundred. Up to
    ``small_documents`` (the largest store the small calibration saw) the small one holds, from
    ``large_documents`` (the smallest the large one saw) the large one, and between them it moves linearly
    in log store size. Without a small threshold the one threshold holds at every size.
    """

    FORMAT: ClassVar[str] = FORMAT  # a model of the same form for another decision overrides these two
    FEATURES: ClassVar[tuple[str, ...]] = FEATURES
    KIND: ClassVar[str] = "link"
    TRAINER: ClassVar[str] = "newsbrief.cluster.link_train"

    mean: Sequence[float]
    scale: Sequence[float]
    weights: Sequence[float]
    bias: float
    threshold: float
    small_threshold: float | None = None
    small_documents: int = 0
    large_documents: int = 0

    def probability(self, features: Sequence[float]) -> float:
        """The probability that the story already holds an article of the article's event."""
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in zip(self.weights, features, self.mean, self.scale,
                                                                  strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def threshold_at(self, documents: int) -> float:
        """The decision threshold for a store of ``documents`` articles."""
        if self.small_threshold is None or documents >= self.large_documents:
            return self.threshold
        if documents <= self.small_documents or self.large_documents <= self.small_documents:
            return self.small_threshold
        share = math.log(documents / self.small_documents) / math.log(self.large_documents / self.small_documents)
        return self.small_threshold + (self.threshold - self.small_threshold) * share

    def joins(self, probability: float, documents: int | None = None) -> bool:
        """Whether to join; ``documents`` is the store's article count (None: the large store's threshold)."""
        return probability >= (self.threshold if documents is None else self.threshold_at(documents))

    def to_json(self) -> dict[str, object]:
        document: dict[str, object] = {
            "format": self.FORMAT, "features": list(self.FEATURES), "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale], "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6), "threshold": round(self.threshold, 4)}
        if self.small_threshold is not None:
            document.update(small_threshold=round(self.small_threshold, 4), small_documents=self.small_documents,
                            large_documents=self.large_documents)
        return document

    @classmethod
    def from_json(cls, document: Mapping[str, object]) -> Self:
        if document.get("format") != cls.FORMAT or list(document.get("features", [])) != list(cls.FEATURES):  # type: ignore[call-overload]
            raise ModelUnavailableError(f"{cls.KIND} model has format {document.get('format')!r}, expected "
                                        f"{cls.FORMAT!r} with the features of this version; retrain it with "
                                        f"`python -m {cls.TRAINER}`")
        values = {k: [float(x) for x in document[k]] for k in ("mean", "scale", "weights")}  # type: ignore[attr-defined]
        small = document.get("small_threshold")
        return cls(mean=values["mean"], scale=values["scale"], weights=values["weights"],
                   bias=float(document["bias"]), threshold=float(document["threshold"]),  # type: ignore[arg-type]
                   small_threshold=None if small is None else float(small),  # type: ignore[arg-type]
                   small_documents=int(document.get("small_documents", 0)),  # type: ignore[call-overload]
                   large_documents=int(document.get("large_documents", 0)))  # type: ignore[call-overload]


@lru_cache(maxsize=1)
def default_link_model() -> LinkModel:
    """The shipped model, loaded once per process.

    Raises:
        ModelUnavailableError: the model file is missing or of another format.
    """
    return LinkModel.from_json(read_shipped_model("link.json", what="the story link model",
                                                  command="python -m newsbrief.cluster.link_train"))
