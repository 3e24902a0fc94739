"""spaCy's entities for short texts, each distinct text labelled once: in a request, and across requests if enabled.

NER is the costliest step of the analysis (~0.15 of 0.26 CPU s of a 10-article
DUC brief with every section), and its input is a function of the article texts
alone: the windows ``entities.choose_ner_windows`` cuts around names. So

- within one call, a window text that occurs twice (wire copies of one
  sentence: ~7 % of the windows of a DUC 2004 cluster) is labelled once;
- a server worker keeps the entities of the windows it labelled in a bounded
  LRU keyed by a digest of the window text (``Settings.ner_cache`` entries,
  0 turns it off), so the web page re-briefing the same articles at another
  length, or a second brief sharing articles with the first, skips most of
  the model. A text that changed by one character has another key.

The library and the CLI do not keep a cache across calls (``configure(0)``,
the default): their processes brief once.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

# (start_char, end_char, label_, text) of one entity, relative to its window.
Ent = tuple[int, int, str, str]


class NERCache:
    """A bounded least-recently-used map from a text's digest to its entities (thread-safe)."""

    def __init__(self, max_entries: int):
        self.max_entries = max(0, int(max_entries))
        self._items: OrderedDict[bytes, tuple[Ent, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def get(self, text: str) -> tuple[Ent, ...] | None:
        key = self.key(text)
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, text: str, ents: tuple[Ent, ...]) -> None:
        if not self.max_entries:
            return
        key = self.key(text)
        with self._lock:
            self._items[key] = ents
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0


_shared: dict[str, NERCache] = {}


def configure(max_entries: int) -> NERCache | None:
    """Keep up to ``max_entries`` texts' entities across calls in this process (0: none); the cache in use."""
    current = _shared.get("cache")
    if max_entries <= 0:
        _shared.pop("cache", None)
        return None
    if current is None or current.max_entries != max_entries:
        _shared["cache"] = current = NERCache(max_entries)
    return current


def shared() -> NERCache | None:
    """The process's cache across calls, if :func:`configure` set one up."""
    return _shared.get("cache")


def label_texts(nlp: Any, texts: Sequence[str], *, cache: NERCache | None = None,
                batch_size: int = 256) -> list[tuple[Ent, ...]]:
    """The entities of each text, running ``nlp`` once on each distinct text not already in ``cache``.

    Args:
        nlp: a spaCy pipeline (or anything with ``pipe(texts, batch_size=...)`` yielding docs with ``ents``).
        texts: the texts, in order; repeats are labelled once.
        cache: where to look texts up first and store new results (None: this call only).

    Returns:
        One tuple of ``(start_char, end_char, label_, text)`` per text, in order.
    """
    found: dict[str, tuple[Ent, ...]] = {}
    todo: list[str] = []
    for text in texts:
        if text in found:
            continue
        hit = cache.get(text) if cache is not None else None
        if hit is None:
            todo.append(text)
            found[text] = ()
        else:
            found[text] = hit
    for text, doc in zip(todo, _pipe(nlp, todo, batch_size), strict=True):
        ents = tuple((e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
        found[text] = ents
        if cache is not None:
            cache.put(text, ents)
    return [found[text] for text in texts]


def _pipe(nlp: Any, texts: list[str], batch_size: int) -> Iterable[Any]:
    return nlp.pipe(texts, batch_size=batch_size) if texts else ()
