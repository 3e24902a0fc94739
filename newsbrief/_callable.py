"""Packages that are also public functions (``newsbrief.cluster``, ``newsbrief.evaluate``).

STYLE.md names both a subpackage and a public function ``cluster`` (and
``evaluate``). Importing any ``newsbrief.cluster.*`` module makes Python bind the
package to ``newsbrief.cluster``, hiding the function; so the package itself is
made callable and forwards to the function, whichever the name ends up meaning.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import Any


def make_package_callable(package: str, target: str) -> None:
    """Make ``package`` callable as ``target`` (``"module:function"``, imported on first call)."""
    module_name, _, function = target.partition(":")

    class CallablePackage(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return getattr(import_module(module_name), function)(*args, **kwargs)

    sys.modules[package].__class__ = CallablePackage
