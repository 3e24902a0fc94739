"""Evaluation of newsbrief beside its peers: ROUGE, bootstrap intervals, the oracle.

``newsbrief.evaluate(...)`` runs ``runner.evaluate``: the package is callable
(see ``newsbrief._callable``), so the name works whichever import came first.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from newsbrief._callable import make_package_callable

_LAZY = {
    "evaluate": "newsbrief.evaluate.runner",
    "EvaluationResult": "newsbrief.evaluate.runner",
    "SystemResult": "newsbrief.evaluate.runner",
    "DEFAULT_SYSTEMS": "newsbrief.evaluate.runner",
    "RougeScorer": "newsbrief.evaluate.rouge",
    "RougeScore": "newsbrief.evaluate.rouge",
    "Interval": "newsbrief.evaluate.bootstrap",
    "Summarizer": "newsbrief.evaluate.peers",
    "system_names": "newsbrief.evaluate.peers",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsbrief.evaluate' has no attribute {name!r}")
    return getattr(import_module(module), name)



make_package_callable(__name__, "newsbrief.evaluate.runner:evaluate")
