"""The "new story" decision, learned apart from the pairwise link (issue #27).

The link model (``link.py``) rates each (article, candidate story) pair on its own. Whether an undated
article should join its best candidate or open a new story is a question about the whole field of
candidates: how probable the best is, how far ahead of the second, how big the story already is, whether
the article's names are the story's, how many candidates the index offered and how big the store is.
First story detection treats it as a decision of its own (Allan, Papka & Lavrenko, SIGIR 1998); News14
stream clustering learns it as a separate classifier (Miranda et al., EMNLP 2018). A logistic regression
over ``FEATURES`` of the best candidate, fitted on the stream clusterer's decisions among thousands of
Multi-News train events (``python -m newsbrief.cluster.novelty_train``; the model is
``newsbrief/resources/novelty.json``), decides whether the article joins it; the link model still ranks the
candidates and says which other stories the article bridges.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from newsbrief.cluster.link import LinkModel
from newsbrief.model_files import read_shipped_model

FORMAT = "newsbrief.novelty/1"
FEATURES = ("best_probability", "second_probability", "probability_margin", "log_story_size", "name_overlap",
            "log_candidates", "log_store_articles", "best_score")


def novelty_features(chances: Sequence[float], best_score: float, story_size: int, names: frozenset[str],
                     story_names: Mapping[str, int], documents: int) -> list[float]:
    """The model's features of an article's best candidate, in ``FEATURES`` order.

    Args:
        chances: the link model's probabilities of every candidate, highest first (not empty).
        best_score: the clusterer's similarity (average link plus name bonus) of the best candidate.
        story_size: the best candidate's article count.
        names: the article's names.
        story_names: the best candidate's names (with counts).
        documents: the store's article count (the current batch included).
    """
    second = chances[1] if len(chances) > 1 else 0.0
    overlap = sum(1 for n in names if n in story_names) / len(names) if names else 0.0
    return [chances[0], second, chances[0] - second, math.log(max(story_size, 1)), overlap,
            math.log(len(chances)), math.log(max(documents, 1)), best_score]


@dataclass(frozen=True)
class NoveltyModel(LinkModel):
    """Standardised logistic regression: the probability that joining the best candidate is right."""

    FORMAT: ClassVar[str] = FORMAT
    FEATURES: ClassVar[tuple[str, ...]] = FEATURES
    KIND: ClassVar[str] = "novelty"
    TRAINER: ClassVar[str] = "newsbrief.cluster.novelty_train"


@lru_cache(maxsize=1)
def default_novelty_model() -> NoveltyModel:
    """The shipped model, loaded once per process.

    Raises:
        ModelUnavailableError: the model file is missing or of another format.
    """
    return NoveltyModel.from_json(read_shipped_model("novelty.json", what="the new-story model",
                                                     command="python -m newsbrief.cluster.novelty_train"))
