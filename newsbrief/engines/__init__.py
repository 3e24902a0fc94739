"""Batch engines: where ``newsbrief batch`` runs its briefs, by name.

An engine maps a function over items and yields the results in the items'
order, streaming, with a bounded amount of work in flight. ``local`` (this
machine: this process or a process pool) is built in; ``dask`` (a Dask
distributed cluster) lives in ``newsbrief.engines.dask`` and is imported only
when asked for, so the local path never imports Dask. A third-party engine
registers under its own name through the ``newsbrief.plugins`` entry point.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from newsbrief.engines.local import LocalEngine
from newsbrief.errors import ConfigError, ModelUnavailableError
from newsbrief.registry import Registry

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    """Maps a function over items and yields the results in the items' order, streaming.

    Engines are made as ``engines.create(name, workers=N, setup=fn, **options)``;
    ``setup``, if given, runs once in each worker process before its first item.
    """

    def map_ordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


engines: Registry[Engine] = Registry("engine")
engines.register("local")(LocalEngine)


@engines.register("dask")
def dask_engine(workers: int = 1, **options: Any) -> Engine:
    """A Dask distributed cluster (``newsbrief.engines.dask.DaskEngine``); Dask is imported only here.

    Raises:
        ModelUnavailableError: Dask distributed is not installed.
    """
    if options.get("scheduler") is None and _importable("distributed"):
        from newsbrief.engines.prestart import start_forkserver

        start_forkserver()  # a LocalCluster's workers fork from it; it loads while this process imports Dask
    try:
        from newsbrief.engines.dask import DaskEngine
    except ImportError as exc:
        raise ModelUnavailableError(
            f"--engine dask needs Dask distributed, which cannot be imported ({exc.name or exc}): "
            "pip install 'newsbrief[dask]', or run with --engine local") from None
    return DaskEngine(workers, **options)


def _importable(name: str) -> bool:
    """Whether ``name`` can be imported, found without importing it."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # ValueError: a module set to None in sys.modules (import blocked)
        return False


_ADDRESS = re.compile(r"(?:tcp://)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})")


def scheduler_address(value: str) -> str:
    """``tcp://HOST:PORT`` from a ``--scheduler`` value (``HOST:PORT`` is taken as tcp).

    Raises:
        ConfigError: not a tcp address with a host and a port.
    """
    match = _ADDRESS.fullmatch(value.strip())
    if match is None or not 0 < int(match.group(2)) < 65536:
        raise ConfigError(f"--scheduler must be tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786), got {value!r}")
    return f"tcp://{match.group(1)}:{match.group(2)}"
