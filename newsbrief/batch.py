"""Batch briefing: one brief per cluster line, streamed, in input order, on a pool of workers.

Input is a cluster JSONL file (``{"id", "documents": [...]}`` a line, other keys
ignored). Each line becomes a ``BatchTask``; an engine maps ``brief_task`` over
the tasks and yields the ``BatchResult``s in input order, with at most a few
tasks per worker in flight, so memory does not grow with the file. A line that
cannot be briefed becomes a result with an ``error`` and the run goes on.

Engines are registered by name (``engines``); ``local`` runs in this process or
on a local process pool. Another engine (a Dask cluster, say) registers under
its own name and implements the same ``Engine`` contract.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar

from newsbrief.datatypes import Article, Budget, Problem
from newsbrief.errors import ConfigError, NewsbriefError
from newsbrief.registry import Registry

T = TypeVar("T")
R = TypeVar("R")

# Tasks queued per worker beyond the one it runs: enough to keep workers busy
# while the parent writes results, few enough that memory stays flat.
IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Everything that shapes a brief in batch mode (the ``brief`` command's output options)."""

    budget: Budget = field(default_factory=lambda: Budget("words", 100))
    method: str = "default"
    sections: tuple[str, ...] | str | None = None
    truncate: bool = False
    explain: bool = False


@dataclass(frozen=True, slots=True)
class BatchTask:
    """One input line: a cluster to brief, or the reason it cannot be read."""

    line: int
    id: str | None
    documents: tuple[Article, ...] = ()
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One output line (``output``, a JSON document) or the error that replaced it."""

    line: int
    id: str | None
    output: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def error_record(self) -> dict[str, Any]:
        """The line of ``OUT.errors.jsonl``: ``{"line", "id", "error"}``."""
        return {"line": self.line, "id": self.id, "error": self.error}


def iter_tasks(path: str | os.PathLike[str] | IO[bytes]) -> Iterator[BatchTask]:
    """The tasks of a cluster JSONL file, streamed; unreadable lines become tasks with a problem."""
    from newsbrief.ingest.jsonl import cluster_from_record, iter_json_lines, open_lines

    stream = path if hasattr(path, "read") else open_lines(path)  # type: ignore[arg-type]
    source = str(getattr(stream, "name", path))
    try:
        for line, item in iter_json_lines(stream, source):  # type: ignore[arg-type]
            if isinstance(item, Problem):
                yield BatchTask(line=line, id=None, problem=item.reason)
                continue
            raw_id = item.get("id")
            cluster_id = str(raw_id) if raw_id is not None else None
            cluster = cluster_from_record(item, source=source, line=line)
            if isinstance(cluster, Problem):
                yield BatchTask(line=line, id=cluster_id, problem=cluster.reason)
            else:
                yield BatchTask(line=line, id=cluster_id, documents=cluster.documents)
    finally:
        if stream is not path and str(path) != "-":
            stream.close()  # type: ignore[union-attr]


def check_options(options: BatchOptions) -> None:
    """Fail once, before any line is read, on an option every line would fail on.

    Raises:
        UnknownAlgorithmError: an unknown method (the message lists the known ones).
        ConfigError: an unknown section.
    """
    from newsbrief.pipeline import parse_sections, resolve_method
    from newsbrief.registry import methods

    methods.get(resolve_method(options.method))
    parse_sections(options.sections)


def brief_task(task: BatchTask, options: BatchOptions) -> BatchResult:
    """Brief one task into its output line; any failure becomes the result's error."""
    if task.problem is not None:
        return BatchResult(task.line, task.id, error=task.problem)
    from newsbrief.pipeline import brief
    from newsbrief.render.json import brief_to_dict

    try:
        result = brief(task.documents, budget=options.budget, method=options.method, sections=options.sections,
                       truncate=options.truncate, story_id=task.id)
        document = {"id": task.id, **brief_to_dict(result, explain=options.explain)}
        return BatchResult(task.line, task.id, output=json.dumps(document, ensure_ascii=False))
    except NewsbriefError as exc:
        return BatchResult(task.line, task.id, error=str(exc))
    except Exception as exc:  # one bad cluster must not stop the run; the error file says what happened
        return BatchResult(task.line, task.id, error=f"unexpected {type(exc).__name__}: {exc}")


class Engine(Protocol):
    """Maps a function over items and yields the results in the items' order, streaming."""

    def map_ordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


engines: Registry[Engine] = Registry("engine")


@engines.register("local")
class LocalEngine:
    """This process (``workers=1``) or a pool of local processes, results in input order."""

    def __init__(self, workers: int = 1):
        if workers < 0:
            raise ConfigError(f"--workers must be 0 (one per CPU) or more, got {workers}")
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers start from a clean process, not a fork of one that runs
            # threads (progress bars, BLAS); the pipeline is imported once in the server.
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            if "forkserver" in methods:
                context.set_forkserver_preload(["newsbrief.pipeline"])
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._pool

    def map_ordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self.workers == 1:
            yield from map(fn, items)
            return
        pool = self._executor()
        pending: deque[Future[R]] = deque()
        limit = self.workers * (1 + IN_FLIGHT_PER_WORKER)
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_batch(tasks: Iterable[BatchTask], options: BatchOptions, *, engine: str = "local",
              workers: int = 1) -> Iterator[BatchResult]:
    """Brief every task on ``engine``, yielding results in input order as they are ready.

    Args:
        tasks: the clusters to brief (``iter_tasks(path)`` reads them from a file).
        options: budget, method, sections, truncation, shared by every brief.
        engine: a registered engine name (``engines.names()``); ``local`` is built in.
        workers: worker processes (1: this process; 0: one per CPU).

    Raises:
        UnknownAlgorithmError: an unknown engine (the message lists the known ones).
    """
    runner = engines.create(engine, workers=workers)
    try:
        yield from runner.map_ordered(partial(brief_task, options=options), tasks)
    finally:
        runner.close()


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch run did."""

    succeeded: int
    failed: int
    out_path: str
    errors_path: str | None


def errors_path_for(out_path: str | os.PathLike[str]) -> Path:
    """``OUT.jsonl`` -> ``OUT.errors.jsonl`` (any other name gets ``.errors.jsonl`` appended)."""
    path = Path(out_path)
    stem = path.name[: -len(".jsonl")] if path.name.endswith(".jsonl") else path.name
    return path.with_name(stem + ".errors.jsonl")


def write_batch(in_path: str | os.PathLike[str], out_path: str | os.PathLike[str], options: BatchOptions, *,
                engine: str = "local", workers: int = 1,
                progress: Callable[[BatchResult], None] | None = None) -> BatchSummary:
    """Brief a cluster file line by line into ``out_path``; failures go to ``OUT.errors.jsonl``.

    The output has one line per briefed cluster, in input order: the
    ``newsbrief.brief/1`` document with the cluster's ``"id"`` first. The errors
    file (``{"line", "id", "error"}`` a line) is written only if a line fails; a
    stale one from an earlier run is removed.
    """
    check_options(options)
    errors_path = errors_path_for(out_path)
    if errors_path.exists():
        errors_path.unlink()
    succeeded = failed = 0
    errors: IO[str] | None = None
    try:
        with open(out_path, "w", encoding="utf-8", newline="\n") as out:
            for result in run_batch(iter_tasks(in_path), options, engine=engine, workers=workers):
                if result.ok:
                    out.write(result.output + "\n")  # type: ignore[operator]
                    succeeded += 1
                else:
                    if errors is None:
                        errors = open(errors_path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
                    errors.write(json.dumps(result.error_record(), ensure_ascii=False) + "\n")
                    failed += 1
                if progress is not None:
                    progress(result)
    finally:
        if errors is not None:
            errors.close()
    return BatchSummary(succeeded, failed, str(out_path), str(errors_path) if failed else None)
