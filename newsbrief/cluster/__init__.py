"""Grouping articles into stories: in one go (``stories.cluster``) or incrementally (``stream``).

``newsbrief.cluster`` is both this package and the public function
``newsbrief.cluster(articles)``: once any ``newsbrief.cluster.*`` module is
imported, Python binds the package to that name, so the package itself is
made callable and calls ``stories.cluster``.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(self, articles: Any, **options: Any) -> Any:
        from newsbrief.cluster.stories import cluster

        return cluster(articles, **options)


sys.modules[__name__].__class__ = _CallablePackage
