"""Evaluation of newsbrief beside its peers: ROUGE, bootstrap intervals, the oracle.

``newsbrief.evaluate(...)`` runs ``runner.evaluate``. Because this package and the
public function share a name, the package itself is callable: whichever of the
two ``newsbrief.evaluate`` turns out to be (it depends on import order), calling
it runs the evaluation.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import Any

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


class _CallableModule(types.ModuleType):
    """This package, callable as ``runner.evaluate`` (see the module docstring)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from newsbrief.evaluate.runner import evaluate

        return evaluate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
