"""newsbrief: one cited brief from several news articles on the same event.

    >>> import newsbrief
    >>> result = newsbrief.read(["a.txt", "b.html"])
    >>> brief = newsbrief.brief(result.articles, budget="100w")
    >>> print(brief.to_text())

The public API is re-exported here; ``cli/`` and ``server/`` call only these names.
Heavy parts (evaluation, clustering, the store) are imported on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY: dict[str, str] = {
    "Article": "newsbrief.datatypes",
    "Brief": "newsbrief.datatypes",
    "BriefSentence": "newsbrief.datatypes",
    "Budget": "newsbrief.datatypes",
    "Citation": "newsbrief.datatypes",
    "Conflict": "newsbrief.datatypes",
    "Entity": "newsbrief.datatypes",
    "Fact": "newsbrief.datatypes",
    "Problem": "newsbrief.datatypes",
    "Quote": "newsbrief.datatypes",
    "Sentence": "newsbrief.datatypes",
    "Story": "newsbrief.datatypes",
    "SECTIONS": "newsbrief.datatypes",
    "NewsbriefError": "newsbrief.errors",
    "Settings": "newsbrief.settings",
    "load_settings": "newsbrief.settings",
    "brief": "newsbrief.pipeline",
    "methods": "newsbrief.pipeline",
    "read": "newsbrief.ingest.readers",
    "ReadResult": "newsbrief.ingest.readers",
    "iter_clusters": "newsbrief.ingest.jsonl",
    "evaluate": "newsbrief.evaluate.runner",
    "cluster": "newsbrief.cluster.stories",
    "Store": "newsbrief.storage.db",
    "brief_story": "newsbrief.storage.briefs",
    "brief_by_story": "newsbrief.by_story",
    "pile_stories": "newsbrief.cluster.pile",
    "decode_bytes": "newsbrief.ingest.decode",
    "normalize_newlines": "newsbrief.ingest.decode",
    "extract_html": "newsbrief.ingest.html",
    "looks_like_html": "newsbrief.ingest.html",
    "fetch_url": "newsbrief.ingest.fetch",
    "is_public_address": "newsbrief.ingest.fetch",
    "parse_date": "newsbrief.ingest.dates",
    "render_json": "newsbrief.render.json",
    "SCHEMA": "newsbrief.render.json",
}

__all__ = sorted([*_LAZY, "__version__"])


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsbrief' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
