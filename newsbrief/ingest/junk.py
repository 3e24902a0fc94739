"""Pages that report no event: cookie walls, archive and error notices, subscription pages, link lists.

A logistic regression over the words and word pairs of a page's opening
(lower-cased, so cased feeds and the lower-cased Multi-News release read
alike), trained on the ``relevant`` flags of Multi-News train
(``python -m newsbrief.ingest.junk_train``; the model is
``newsbrief/resources/junk.json``, with its format version, the training
data's digest, the command that made it and the threshold chosen on clusters
it was not fitted on). A page it flags is stored and marked at ingest but
joins no story and is never briefed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from newsbrief.errors import ModelUnavailableError
from newsbrief.model_files import read_shipped_model

FORMAT = "newsbrief.junk/1"
# Words of the page read: the opening is where a cookie wall or crawl notice shows. 50 and 120
# gave the same recall at precision 0.93 on held-out clusters (0.26); 50 needs a third of the weights.
WORDS_READ = 50
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def page_features(text: str) -> set[str]:
    """The binary features of a page: its opening words and word pairs.

    No length feature: with length buckets the model flagged short news items (a
    two-sentence feed entry scored 0.63) for no gain (fitted on 3,000 train clusters,
    scored on 1,500 others, precision at 250 flagged 0.912 with them, 0.920 without).
    """
    head = _WORD.findall(text.lower())[:WORDS_READ]
    features = set(head)
    features.update(f"{a} {b}" for a, b in pairwise(head))
    return features


@dataclass(frozen=True)
class JunkDetector:
    """Scores pages; ``is_junk`` is the calibrated decision."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    def score(self, text: str) -> float:
        """The probability that the page reports no event (by the model's training labels)."""
        if not text.strip():
            return 1.0
        z = self.bias + sum(self.weights.get(f, 0.0) for f in page_features(text))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_junk(self, text: str) -> bool:
        return self.score(text) >= self.threshold

    def flags(self, texts: Iterable[str]) -> list[bool]:
        return [self.is_junk(t) for t in texts]

    @classmethod
    def from_json(cls, document: Mapping[str, object]) -> JunkDetector:
        if document.get("format") != FORMAT:
            raise ModelUnavailableError(f"junk model has format {document.get('format')!r}, expected {FORMAT!r}; "
                                        "retrain it with `python -m newsbrief.ingest.junk_train`")
        weights = document["weights"]
        assert isinstance(weights, dict)
        return cls(weights={str(k): float(v) for k, v in weights.items()}, bias=float(document["bias"]),  # type: ignore[arg-type]
                   threshold=float(document["threshold"]))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def default_detector() -> JunkDetector:
    """The shipped model, loaded once per process.

    Raises:
        ModelUnavailableError: the model file is missing or of another format.
    """
    return JunkDetector.from_json(read_shipped_model("junk.json", what="the junk-page model",
                                                     command="python -m newsbrief.ingest.junk_train"))
