"""Batch briefing: one brief per cluster line, streamed, in input order, on a pool of workers.

Input is a cluster JSONL file (``{"id", "documents": [...]}`` a line, other keys
ignored). Each line becomes a ``BatchTask``; an engine maps ``brief_task`` over
the tasks and yields the ``BatchResult``s in input order, with at most a few
tasks per worker in flight, so memory does not grow with the file. A line that
cannot be briefed becomes a result with an ``error`` and the run goes on.

Engines are registered by name (``engines``): ``local`` runs in this process or
on a local process pool, ``dask`` on a Dask distributed cluster
(``newsbrief.engines.dask``, imported only when asked for). Each worker loads
the pipeline's models once, before its first task (``warm_up``).

The output is written by this process alone, one whole line per ``write``, so
an interrupted run (Ctrl-C, SIGTERM, a crash) leaves only complete lines, and
``resume=True`` briefs only the clusters whose ids are not in it yet.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from types import FrameType
from typing import IO, Any, Protocol

from newsbrief.datatypes import Article, Budget, Problem
from newsbrief.engines import Engine, engines, scheduler_address
from newsbrief.engines.local import IN_FLIGHT_PER_WORKER, LocalEngine
from newsbrief.errors import ConfigError, InputError, NewsbriefError

__all__ = ["IN_FLIGHT_PER_WORKER", "BatchInterrupted", "BatchOptions", "BatchResult", "BatchSummary", "BatchTask",
           "LocalEngine", "SaveBriefs", "brief_task", "check_options", "create_engine", "engines", "errors_path_for",
           "iter_story_tasks", "iter_tasks", "read_done_ids", "run_batch", "warm_up", "write_batch", "write_tasks"]


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Everything that shapes a brief in batch mode (the ``brief`` command's output options)."""

    budget: Budget = field(default_factory=lambda: Budget("words", 100))
    method: str = "default"
    sections: tuple[str, ...] | str | None = None
    truncate: bool = False
    explain: bool = False
    # Brief every cluster generically, even those with a "query" key (to compare focused with generic).
    ignore_query: bool = False


@dataclass(frozen=True, slots=True)
class BatchTask:
    """One input line: a cluster to brief, or the reason it cannot be read."""

    line: int
    id: str | None
    documents: tuple[Article, ...] = ()
    problem: str | None = None
    # An update brief of a stored story: ``documents`` are its articles since ``since``, ``known`` the older ones.
    since: datetime | None = None
    known: tuple[Article, ...] = ()
    # What the reader of the line should know about its input (documents skipped for having no text).
    notes: tuple[str, ...] = ()
    # The cluster's "query" key: the question its brief should answer (None: a generic brief).
    query: str | None = None


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
            query = item.get("query")
            if isinstance(cluster, Problem):
                yield BatchTask(line=line, id=cluster_id, problem=cluster.reason)
            elif query is not None and not isinstance(query, str):
                reason = f'"query" must be a string (the question to answer), got {type(query).__name__}'
                yield BatchTask(line=line, id=cluster_id, problem=reason)
            else:
                yield BatchTask(line=line, id=cluster_id, documents=cluster.documents,
                                notes=tuple(problem.reason for problem in cluster.problems), query=query)
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

    shape = {"budget": options.budget, "method": options.method, "sections": options.sections,
             "truncate": options.truncate}
    try:
        if task.since is not None:
            from newsbrief.storage.briefs import update_brief

            result = update_brief(task.documents, task.known, story_id=task.id or "", since=task.since, **shape)
        else:
            query = None if options.ignore_query else task.query
            result = brief(task.documents, story_id=task.id, query=query, **shape)
        document = {"id": task.id, **brief_to_dict(result, explain=options.explain)}
        if task.notes:  # the brief's own notes come after what was skipped of its input
            document["notes"] = [*task.notes, *document.get("notes", ())]
        return BatchResult(task.line, task.id, output=json.dumps(document, ensure_ascii=False))
    except NewsbriefError as exc:
        return BatchResult(task.line, task.id, error=str(exc))
    except Exception as exc:  # one bad cluster must not stop the run; the error file says what happened
        return BatchResult(task.line, task.id, error=f"unexpected {type(exc).__name__}: {exc}")


def warm_up(options: BatchOptions) -> None:
    """Load what a brief needs (sentence splitter, stop words, stemmer, method models) once, in a new worker.

    Briefs the bundled demo story with ``options``, so a worker's first real
    task costs what every other one does; a failure is left to the real tasks to report.
    """
    from importlib.resources import files

    demo = files("newsbrief.resources") / "demo"
    with suppress(Exception):
        documents = tuple(Article.make((demo / name).read_text("utf-8")) for name in ("source-1.txt", "source-2.txt"))
        brief_task(BatchTask(line=0, id="warm-up", documents=documents), options)


class StorySource(Protocol):
    """What ``iter_story_tasks`` needs of a store (``newsbrief.Store`` has it)."""

    def stories(self, *, since: datetime | None = None) -> Sequence[Any]: ...

    def story(self, story_id: str) -> Any: ...

    def story_articles(self, story_id: str, *, since: datetime | None = None) -> list[Article]: ...


def iter_story_tasks(store: StorySource, story_ids: Iterable[str] | None = None, *,
                     since: datetime | None = None) -> Iterator[BatchTask]:
    """One task per stored story (every story, newest first, or the given ids), read as it is reached.

    A task briefs as ``newsbrief.storage.briefs.brief_story`` does: the story's
    articles without reposts, under the story's id (a merged story's id gives the
    story it joined); with ``since``, an update brief of what is new since then,
    and "every story" means every story with an article since then. ``line``
    numbers the stories from 1; an unknown id, or a story with nothing since,
    becomes a task that carries its problem.
    """
    from newsbrief.storage.briefs import split_since

    ids = (info.id for info in store.stories(since=since)) if story_ids is None else story_ids
    for number, story_id in enumerate(ids, 1):
        try:
            if since is not None:
                resolved, new, old = split_since(store, story_id, since)
                yield BatchTask(line=number, id=resolved, documents=tuple(new), since=since, known=tuple(old))
                continue
            resolved = story_id if story_ids is None else store.story(story_id).id
            articles = store.story_articles(resolved)
        except NewsbriefError as exc:
            yield BatchTask(line=number, id=story_id, problem=str(exc))
            continue
        yield BatchTask(line=number, id=resolved, documents=tuple(articles))


class BriefSink(Protocol):
    """What ``SaveBriefs`` needs of a store (``newsbrief.Store`` has it)."""

    def save_briefs(self, briefs: Iterable[Any]) -> int: ...


class SaveBriefs:
    """Saves the briefs of stored stories back into the store as results come in (``progress`` of ``write_tasks``).

    Briefs are saved ``every`` at a time, each group in one transaction, by this
    one process (the batch's single writer): workers never touch the SQLite file.
    A saved brief is only a shortcut for readers (``Store.saved_brief``), so an
    interrupted run loses at most the group not yet saved, never a line of the output.
    """

    def __init__(self, store: BriefSink, options: BatchOptions, *, every: int = 64):
        from newsbrief.storage.saved import options_key

        self.store = store
        self.options = options_key(budget=options.budget, method=options.method, sections=options.sections,
                                   truncate=options.truncate, explain=options.explain)
        self.every = every
        self.saved = 0
        self.error: str | None = None  # why saving stopped (the output file is written regardless)
        self._pending: list[Any] = []

    def __call__(self, result: BatchResult | None) -> None:
        from newsbrief.storage.saved import SavedBrief, sources_key

        if result is None or not result.ok or result.id is None or self.error is not None:
            return
        document = json.loads(result.output)  # type: ignore[arg-type]
        document.pop("id", None)
        self._pending.append(SavedBrief(result.id, self.options,
                                        json.dumps(document, ensure_ascii=False, separators=(",", ":")),
                                        articles=sources_key(document)))
        if len(self._pending) >= self.every:
            self.flush()

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        if pending and self.error is None:
            try:
                self.saved += self.store.save_briefs(pending)
            except NewsbriefError as exc:
                self.error = str(exc)


def create_engine(name: str, options: BatchOptions, *, workers: int = 1, scheduler: str | None = None) -> Engine:
    """The engine ``name``, its workers warmed up for ``options``.

    Raises:
        UnknownAlgorithmError: an unknown engine (the message lists the known ones).
        ConfigError: a scheduler for the local engine, or one that cannot be used.
        ModelUnavailableError: the engine's package is not installed.
    """
    factory = engines.get(name)
    if scheduler is None:
        return factory(workers=workers, setup=partial(warm_up, options))
    if name == "local":
        raise ConfigError("--scheduler is for --engine dask; the local engine runs on this machine")
    return factory(workers=workers, setup=partial(warm_up, options), scheduler=scheduler_address(scheduler))


def run_batch(tasks: Iterable[BatchTask], options: BatchOptions, *, engine: str = "local",
              workers: int = 1, scheduler: str | None = None) -> Iterator[BatchResult]:
    """Brief every task on ``engine``, yielding results in input order as they are ready.

    Args:
        tasks: the clusters to brief (``iter_tasks(path)`` reads them from a file).
        options: budget, method, sections, truncation, shared by every brief.
        engine: a registered engine name (``engines.names()``): ``local`` or ``dask``.
        workers: worker processes (1: this process; 0: one per CPU).
        scheduler: ``tcp://HOST:PORT`` of a running Dask scheduler (``dask`` only;
            without it the dask engine starts a local cluster of ``workers`` processes).

    Raises:
        UnknownAlgorithmError: an unknown engine (the message lists the known ones).
    """
    runner = create_engine(engine, options, workers=workers, scheduler=scheduler)
    try:
        yield from runner.map_ordered(partial(brief_task, options=options), tasks)
    finally:
        runner.close()


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch run did (``skipped``: already in the output on ``resume``)."""

    succeeded: int
    failed: int
    out_path: str
    errors_path: str | None
    skipped: int = 0
    repaired: int = 0  # bytes of a truncated last line cut off the output before resuming


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped a batch run; every line written so far is whole."""

    def __init__(self, signum: int, summary: BatchSummary):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.summary = summary


class _Interrupts:
    """Turns SIGINT and SIGTERM into KeyboardInterrupt, held back while a line is being written."""

    def __init__(self) -> None:
        self.received: int = signal.SIGINT
        self._held = 0
        self._pending = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.received = signum
        if self._held:
            self._pending = True
            return
        raise KeyboardInterrupt

    @contextmanager
    def held(self) -> Iterator[None]:
        """A block no interrupt enters: one that arrives meanwhile is raised when the block is done."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
        if self._pending and not self._held:
            self._pending = False
            raise KeyboardInterrupt


class _LineFile:
    """A file written one whole line per unbuffered ``write``: a stop at any moment leaves no half line."""

    def __init__(self, path: str | os.PathLike[str], *, append: bool):
        self._file = open(path, "ab" if append else "wb", buffering=0)  # noqa: SIM115

    def write_line(self, text: str) -> None:
        data = memoryview((text + "\n").encode("utf-8"))
        while data:  # a regular file takes it in one write; the loop only guards against a short one
            data = data[self._file.write(data) or 0:]

    def close(self) -> None:
        self._file.close()


def errors_path_for(out_path: str | os.PathLike[str]) -> Path:
    """``OUT.jsonl`` -> ``OUT.errors.jsonl`` (any other name gets ``.errors.jsonl`` appended)."""
    path = Path(out_path)
    stem = path.name[: -len(".jsonl")] if path.name.endswith(".jsonl") else path.name
    return path.with_name(stem + ".errors.jsonl")


def read_done_ids(out_path: str | os.PathLike[str]) -> tuple[set[str], int]:
    """The cluster ids already in a batch output, after cutting off a truncated last line.

    Returns:
        The ids, and the number of bytes of a last line without its newline that
        were cut off (0 if the file ends with a whole line, or does not exist).

    Raises:
        InputError: a whole line that is not a brief (the file is not a batch output).
    """
    path = Path(out_path)
    done: set[str] = set()
    if not path.exists():
        return done, 0
    end = 0
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.endswith(b"\n"):
                break  # written by an older version that was stopped mid-line: briefed again
            cluster_id = _line_id(raw, path, number)
            if cluster_id is not None:
                done.add(cluster_id)
            end += len(raw)
    size = path.stat().st_size
    if size > end:
        with open(path, "r+b") as handle:
            handle.truncate(end)
    return done, size - end


def _line_id(raw: bytes, path: Path, number: int) -> str | None:
    """The ``"id"`` of an output line, read from its start (every line begins with it)."""
    try:
        if raw.startswith(b'{"id": "'):
            return json.decoder.scanstring(raw.decode("utf-8"), 8)[0]  # type: ignore[attr-defined]
        record = json.loads(raw)
    except ValueError:
        record = None
    if not isinstance(record, dict) or "id" not in record:
        raise InputError(f"{path}:{number}: not a brief line; --resume continues only an output of "
                         "`newsbrief batch` (give another --out, or leave out --resume to start over)",
                         source=str(path), line=number)
    return None if record["id"] is None else str(record["id"])


def write_tasks(tasks: Iterable[BatchTask], out_path: str | os.PathLike[str], options: BatchOptions, *,
                engine: str = "local", workers: int = 1, scheduler: str | None = None, resume: bool = False,
                progress: Callable[[BatchResult | None], None] | None = None) -> BatchSummary:
    """Brief tasks into ``out_path`` in their order, through this one writer; failures go to ``OUT.errors.jsonl``.

    Each line is written whole with one unbuffered write, so Ctrl-C, SIGTERM or a
    crash leaves only whole lines. With ``resume``, a task whose id is already in
    the output is skipped (a truncated last line left by an older run is cut off
    first) and the rest is appended, so the finished file is the one a single
    run writes. The errors file is rewritten on every run: a line that failed
    is tried again.

    Args:
        progress: called once per task: with its result, or None for a task skipped on resume.

    Raises:
        BatchInterrupted: SIGINT or SIGTERM; its ``summary`` counts the lines written.
        ConfigError, UnknownAlgorithmError, ModelUnavailableError: bad options or engine,
            before any line is written.
    """
    check_options(options)
    done, repaired = read_done_ids(out_path) if resume else (set(), 0)
    errors_path = errors_path_for(out_path)
    succeeded = failed = skipped = 0

    def todo() -> Iterator[BatchTask]:
        nonlocal skipped
        for task in tasks:
            if task.id is not None and task.id in done:
                skipped += 1
                if progress is not None:
                    progress(None)
                continue
            yield task

    def summary() -> BatchSummary:
        return BatchSummary(succeeded, failed, str(out_path), str(errors_path) if failed else None, skipped,
                            repaired)

    pending = todo()
    runner: Engine | None = None
    results: Iterator[BatchResult] | None = None
    out: _LineFile | None = None
    errors: _LineFile | None = None
    try:
        with _Interrupts() as interrupts:
            try:
                runner = create_engine(engine, options, workers=workers, scheduler=scheduler)
                results = runner.map_ordered(partial(brief_task, options=options), pending)
                errors_path.unlink(missing_ok=True)
                out = _LineFile(out_path, append=resume)
                for result in results:
                    with interrupts.held():
                        if result.ok:
                            out.write_line(result.output)  # type: ignore[arg-type]
                            succeeded += 1
                        else:
                            if errors is None:
                                errors = _LineFile(errors_path, append=False)
                            errors.write_line(json.dumps(result.error_record(), ensure_ascii=False))
                            failed += 1
                    if progress is not None:
                        progress(result)
            except KeyboardInterrupt:
                raise BatchInterrupted(interrupts.received, summary()) from None
            finally:
                for file in (out, errors):
                    if file is not None:
                        file.close()
    finally:  # signals are back to their defaults here: a second Ctrl-C stops the clean-up
        if results is not None:
            results.close()  # type: ignore[attr-defined]
        pending.close()
        if runner is not None:
            runner.close()
        if hasattr(tasks, "close"):
            tasks.close()
    return summary()


def write_batch(in_path: str | os.PathLike[str], out_path: str | os.PathLike[str], options: BatchOptions, *,
                engine: str = "local", workers: int = 1, scheduler: str | None = None, resume: bool = False,
                progress: Callable[[BatchResult | None], None] | None = None) -> BatchSummary:
    """Brief a cluster file line by line into ``out_path``; failures go to ``OUT.errors.jsonl``.

    The output has one line per briefed cluster, in input order: the
    ``newsbrief.brief/1`` document with the cluster's ``"id"`` first. The errors
    file (``{"line", "id", "error"}`` a line) is written only if a line fails; a
    stale one from an earlier run is removed. See ``write_tasks`` for ``resume``,
    interruptions and ``progress``; ``run_batch`` for the engine options.
    """
    return write_tasks(iter_tasks(in_path), out_path, options, engine=engine, workers=workers,
                       scheduler=scheduler, resume=resume, progress=progress)
