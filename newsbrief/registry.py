"""Named registries of algorithms, filled by built-ins and by plugins alike.

A third-party package registers through the ``newsbrief.plugins`` entry point:
the entry point's module is imported, and its decorators run exactly as the
built-ins' do.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata
from typing import Any, Generic, TypeVar

from newsbrief.errors import UnknownAlgorithmError

T = TypeVar("T")
_plugins_loaded = False


class Registry(Generic[T]):
    """A mapping from stable names (``"mmr"``, ``"concepts.v2"``) to factories."""

    def __init__(self, kind: str):
        self.kind = kind
        self._items: dict[str, Callable[..., T]] = {}
        self._hidden: set[str] = set()

    def register(self, name: str, *, hidden: bool = False) -> Callable[[Callable[..., T]], Callable[..., T]]:
        """Decorator: make the class or factory available under ``name``.

        A ``hidden`` name (an ablation variant) works by name but is left out of ``names()`` and of the
        lists that help and error messages show, so users see the methods meant for them.
        """

        def decorate(factory: Callable[..., T]) -> Callable[..., T]:
            self._items[name] = factory
            if hidden:
                self._hidden.add(name)
            return factory

        return decorate

    def names(self, *, hidden: bool = False) -> list[str]:
        """The registered names, sorted; ``hidden=True`` includes the ablation variants."""
        load_plugins()
        return sorted(n for n in self._items if hidden or n not in self._hidden)

    def get(self, name: str) -> Callable[..., T]:
        """The factory under ``name``; raises UnknownAlgorithmError listing the known names."""
        load_plugins()
        try:
            return self._items[name]
        except KeyError:
            raise UnknownAlgorithmError(
                f"unknown {self.kind} {name!r}; available: {', '.join(self.names())}") from None

    def create(self, name: str, **options: Any) -> T:
        return self.get(name)(**options)

    def __contains__(self, name: object) -> bool:
        load_plugins()
        return name in self._items


def load_plugins() -> None:
    """Import every ``newsbrief.plugins`` entry point once."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for entry in metadata.entry_points(group="newsbrief.plugins"):
        entry.load()


# The method registry: a method turns a prepared cluster and a budget into chosen sentence indices.
methods: Registry[Any] = Registry("method")
