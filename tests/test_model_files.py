"""Shipped model files: read with a message naming the training command when one is missing."""

from __future__ import annotations

import pytest

from newsbrief.errors import ModelUnavailableError
from newsbrief.model_files import cluster_span, read_shipped_model


def test_model_files_a_shipped_model_reads_as_its_json_document() -> None:
    document = read_shipped_model("link.json", what="the story link model", command="make link-model")
    assert document["format"].startswith("newsbrief.link/")


def test_model_files_a_missing_model_names_the_command_that_makes_it() -> None:
    with pytest.raises(ModelUnavailableError, match=r"the test model .*no-such-model\.json.*`make no-such-model`"):
        read_shipped_model("no-such-model.json", what="the test model", command="make no-such-model")


def test_model_files_cluster_spans() -> None:
    assert cluster_span("0:10000") == (0, 10000)
    assert cluster_span("14000:15000") == (14000, 15000)
