"""The small model files the project ships and trains itself: reading one, and the spans its trainer takes.

Each model (``junk.json``, ``link.json``, ...) is a JSON document in
``newsbrief/resources``, made by a ``python -m ...`` training command from
cluster lines of ``multinews_train.jsonl``. A missing file says which command
makes it, never a traceback.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from newsbrief.errors import ModelUnavailableError


def read_shipped_model(filename: str, *, what: str, command: str) -> dict[str, Any]:
    """The JSON document of a shipped model file.

    Args:
        filename: the file in ``newsbrief/resources`` ("link.json").
        what: what the model is, for the message ("the story link model").
        command: the command that trains it ("python -m newsbrief.cluster.link_train").

    Raises:
        ModelUnavailableError: the file is missing or unreadable.
    """
    try:
        text = resources.files("newsbrief.resources").joinpath(filename).read_text("utf-8")
        return json.loads(text)
    except (FileNotFoundError, OSError, ValueError):
        raise ModelUnavailableError(f"{what} newsbrief/resources/{filename} is missing or unreadable; "
                                    f"train it with `{command}`") from None


def cluster_span(value: str) -> tuple[int, int]:
    """``"0:10000"`` -> ``(0, 10000)``: the cluster lines (start inclusive, stop exclusive) a trainer reads."""
    start, stop = value.split(":")
    return int(start), int(stop)
