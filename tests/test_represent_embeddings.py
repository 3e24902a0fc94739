"""The MiniLM embedder: the real int8 ONNX model and the shipped tokenizer, offline."""

from __future__ import annotations

import numpy as np
import pytest

from newsbrief.represent.embeddings import content_key, default_embedder, embeddings_available

pytestmark = pytest.mark.skipif(not embeddings_available(), reason="newsbrief[embed] is not installed")


def test_embeddings_are_unit_vectors_and_rank_a_paraphrase_above_an_unrelated_sentence() -> None:
    vectors = default_embedder().embed([
        "The letter was flown to Pyongyang and hand-delivered to Kim.",
        "A letter was hand-delivered by plane to the North Korean leader.",
        "The stock market fell sharply on Monday.",
    ])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    paraphrase, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert paraphrase > 0.5 > unrelated


def test_embeddings_cache_by_content_and_batch_order_does_not_matter() -> None:
    embedder = default_embedder()
    texts = ["First sentence here.", "Second one, longer than the first sentence.", "First sentence here."]
    once = embedder.embed(texts)
    again = embedder.embed(list(reversed(texts)))
    assert np.array_equal(once[0], once[2])
    assert np.allclose(once, again[::-1], atol=1e-6)
    assert content_key("a") != content_key("b")
