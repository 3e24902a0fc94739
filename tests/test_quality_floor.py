"""Quality floor: newsbrief's ROUGE on fixed data subsets must not fall below the recorded figures.

The figures live in tests/quality_floor.json with a digest of the exact lines they
were measured on. A run fails only when a score drops more than the file's
``margin`` (0.5 ROUGE points) below its floor. ``bench/run_eval.py --record-floor``
raises the figures and never lowers them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import data_file

from newsbrief.evaluate.runner import data_digest, evaluate

FLOOR = json.loads((Path(__file__).with_name("quality_floor.json")).read_text("utf-8"))


def test_quality_floor_file_is_complete() -> None:
    assert 0 < FLOOR["margin"] <= 1
    for subset in FLOOR["subsets"]:
        assert {"rouge1", "rouge2", "sha256"} <= set(subset), f"{subset['name']}: run --record-floor"
        assert subset["rouge1"] > subset["rouge2"] > 0


@pytest.mark.parametrize("subset", FLOOR["subsets"], ids=[s["name"] for s in FLOOR["subsets"]])
def test_quality_floor_holds(subset: dict) -> None:
    path = data_file(subset["data"])
    assert data_digest(path, limit=subset["limit"]) == subset["sha256"], (
        f"the first {subset['limit']} clusters of {subset['data']} changed since the floor was recorded; "
        "re-record it deliberately with bench/run_eval.py --record-floor")
    result = evaluate(path, systems=subset["system"], budget=subset["budget"], measure=subset["measure"],
                      limit=subset["limit"])
    scores = result.systems[subset["system"]].scores
    for metric in ("rouge1", "rouge2"):
        measured = scores[metric].mid * 100
        floor = subset[metric]
        assert measured >= floor - FLOOR["margin"], (
            f"{subset['name']}: {metric} {measured:.2f} is more than {FLOOR['margin']} below the floor {floor:.2f}")
