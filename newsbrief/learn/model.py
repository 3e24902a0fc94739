"""The learned model: three small logistic scorers, saved as one JSON file that says how it was made.

A model file carries its format version, the names of the features each scorer
reads (so a file from another feature set is refused, not misread), the digest
of its training data and the command that made it, as LightGBM and
scikit-learn model files do. JSON, not pickle: loading a file runs no code.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsbrief.errors import ModelUnavailableError
from newsbrief.learn.features import CONCEPT_FEATURES, DOCUMENT_FEATURES, SENTENCE_FEATURES

FORMAT = "newsbrief-learned-selection"
FORMAT_VERSION = 1
# Bound on standardised features: 3 standard deviations, a common winsorising choice (not tuned).
CLIP = 3.0


def standardise(x: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """(x - mean) / scale, clipped to +-CLIP."""
    return np.clip((x - mean) / scale, -CLIP, CLIP)


@dataclass(frozen=True)
class Logistic:
    """p = sigmoid(w . clip((x - mean) / scale) + b): one scorer over named features.

    Standardised features are clipped to +-CLIP, in training and in use alike, so a
    cluster unlike the training data (a sentence at position 40 of a wire story,
    where Multi-News articles stop near 8) is scored as the most extreme one seen.
    """

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def logit(self, x: np.ndarray, *, neutral: tuple[str, ...] = ()) -> np.ndarray:
        """The linear score; features named in ``neutral`` are read as their training mean (for ablations)."""
        if x.shape[0] == 0:
            return np.zeros(0)
        z = standardise(x, self.mean, self.scale)
        if neutral:
            z[:, [self.features.index(n) for n in neutral if n in self.features]] = 0.0
        return z @ self.weights + self.bias

    def predict(self, x: np.ndarray, *, neutral: tuple[str, ...] = ()) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(self.logit(x, neutral=neutral), -30.0, 30.0)))

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "weights": self.weights.tolist(), "bias": self.bias}

    @classmethod
    def from_dict(cls, data: dict[str, Any], expected: tuple[str, ...]) -> Logistic:
        features = tuple(data["features"])
        if features != expected:
            raise ValueError(f"features {list(features)} are not this version's {list(expected)}")
        arrays = [np.asarray(data[k], dtype=float) for k in ("mean", "scale", "weights")]
        if any(a.shape != (len(expected),) or not np.all(np.isfinite(a)) for a in arrays):
            raise ValueError("mean, scale and weights must be finite lists of one number per feature")
        if np.any(arrays[1] <= 0):
            raise ValueError("scale must be positive")
        bias = float(data["bias"])
        if not np.isfinite(bias):
            raise ValueError("bias must be finite")
        return cls(features=features, mean=arrays[0], scale=arrays[1], weights=arrays[2], bias=bias)


@dataclass(frozen=True)
class SelectionModel:
    """What ``learned.v1`` reads: article relevance, sentence worth, concept worth, and how to mix them."""

    document: Logistic
    sentence: Logistic
    concept: Logistic
    # Exponents of the sentence probability and of the centroid cosine in each sentence's coverage gain.
    sentence_power: float = 1.0
    centroid_weight: float = 1.0
    about: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, **self.about,
                "selection": {"sentence_power": self.sentence_power, "centroid_weight": self.centroid_weight},
                "document": self.document.to_dict(), "sentence": self.sentence.to_dict(),
                "concept": self.concept.to_dict()}

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model as JSON (sorted keys, so the same model is the same bytes)."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")


def model_from_dict(data: Any) -> SelectionModel:
    """A model from parsed JSON; ValueError (or KeyError/TypeError) says what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file")
    if data.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"format version {data.get('format_version')!r}, this newsbrief reads {FORMAT_VERSION}")
    selection = data["selection"]
    about = {k: v for k, v in data.items()
             if k not in ("format", "format_version", "selection", "document", "sentence", "concept")}
    power, centroid = float(selection["sentence_power"]), float(selection["centroid_weight"])
    if not (np.isfinite(power) and np.isfinite(centroid)):
        raise ValueError("selection exponents must be finite")
    return SelectionModel(document=Logistic.from_dict(data["document"], DOCUMENT_FEATURES),
                          sentence=Logistic.from_dict(data["sentence"], SENTENCE_FEATURES),
                          concept=Logistic.from_dict(data["concept"], CONCEPT_FEATURES),
                          sentence_power=power, centroid_weight=centroid, about=about)


def load_model(path: str | os.PathLike[str]) -> SelectionModel:
    """Read a model file.

    Raises:
        ModelUnavailableError: the file is missing, unreadable, not JSON, or not a model of this version.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelUnavailableError(f"cannot read model file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ModelUnavailableError(f"model file {path} is not text (a JSON model file is)") from None
    try:
        return model_from_dict(json.loads(text))
    except json.JSONDecodeError as exc:
        raise ModelUnavailableError(f"model file {path} is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelUnavailableError(f"model file {path} is not a usable model: {exc}") from None
