"""The learned "new story" decision (issue #27): its features, the shipped model, its use, its training."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from conftest import make_article
from test_cluster_link import COMET, QUAKE, write_training_clusters

from newsbrief.cluster.features import article_features
from newsbrief.cluster.link import default_link_model
from newsbrief.cluster.memory import MemoryState
from newsbrief.cluster.novelty import FEATURES, FORMAT, NoveltyModel, default_novelty_model, novelty_features
from newsbrief.cluster.novelty_train import THRESHOLDS
from newsbrief.cluster.novelty_train import main as train
from newsbrief.cluster.stream import StreamClusterer
from newsbrief.errors import ModelUnavailableError


def test_novelty_features_by_hand() -> None:
    # Best 0.8, second 0.3; a story of e articles (log e = 1); one of the article's two names is the story's.
    x = novelty_features([0.8, 0.3, 0.1], 0.25, round(math.e ** 2), frozenset({"padang", "sumatra"}),
                         {"padang": 2, "jakarta": 1}, 1)
    assert x[:3] == [0.8, 0.3, pytest.approx(0.5)]
    assert x[3] == pytest.approx(math.log(7))  # round(e^2) = 7 articles
    assert x[4] == 0.5 and x[5] == pytest.approx(math.log(3)) and x[6] == 0.0 and x[7] == 0.25
    assert len(x) == len(FEATURES)
    alone = novelty_features([0.6], 0.2, 1, frozenset(), {}, 100)
    assert alone[1] == 0.0 and alone[2] == 0.6 and alone[4] == 0.0  # no second candidate, no names


def test_novelty_model_file_says_how_it_was_made() -> None:
    model = default_novelty_model()
    assert isinstance(model, NoveltyModel) and len(model.weights) == len(FEATURES)
    assert model.threshold in THRESHOLDS
    document = model.to_json()
    assert document["format"] == FORMAT and document["features"] == list(FEATURES)


def test_novelty_model_rejects_another_format() -> None:
    document = {**default_novelty_model().to_json(), "format": "newsbrief.novelty/0"}
    with pytest.raises(ModelUnavailableError, match=r"novelty model .*newsbrief\.cluster\.novelty_train"):
        NoveltyModel.from_json(document)
    with pytest.raises(ModelUnavailableError):  # a link model file is not a new-story model
        NoveltyModel.from_json(default_link_model().to_json())


def test_novelty_model_decides_between_the_best_story_and_a_new_one() -> None:
    """A report of the same quake joins it and a comet opens its own story; a model that never joins opens a
    story for each."""
    articles = [article_features(make_article(text, id=f"a{i}")) for i, text in enumerate([*QUAKE, COMET])]
    shipped = StreamClusterer(MemoryState(), link=default_link_model(), novelty=default_novelty_model())
    keys = [s.key for s in shipped.add(articles)]
    assert keys[0] == keys[1] != keys[2]
    never = NoveltyModel(**{**vars(default_novelty_model()), "threshold": 1.01})
    alone = StreamClusterer(MemoryState(), link=default_link_model(), novelty=never).add(articles)
    assert len({s.key for s in alone}) == 3


def test_novelty_train_is_deterministic(tmp_path: Path) -> None:
    data = write_training_clusters(tmp_path / "train.jsonl", 16)
    outputs = []
    for name in ("a.json", "b.json"):
        train([str(data), "--fit", "0:8", "--calibrate", "8:16", "--out", str(tmp_path / name)])
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    model = NoveltyModel.from_json(json.loads(outputs[0]))
    assert model.threshold in THRESHOLDS and len(model.weights) == len(FEATURES)
