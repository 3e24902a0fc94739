"""Evaluation: every system on the same clusters, cut to the same budget, scored by ROUGE.

For each cluster of a ``{"id", "documents", "summaries"}`` JSONL file, each
system summarizes the documents, the summary is cut to exactly the budget
(ROUGE-1.5.5's ``-l N`` / ``-b N``), and ROUGE-1, ROUGE-2 and ROUGE-Lsum are
averaged over the references (one sentence a line, references split by
newsbrief's sentence splitter). Means over clusters get seeded 95% bootstrap
intervals, and the first newsbrief system is compared with every other by a
paired bootstrap. Clusters are streamed; only the scores are kept.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.datatypes import Budget
from newsbrief.errors import BudgetError, ConfigError, InputError, MalformedRecordError, NewsbriefError
from newsbrief.evaluate.bootstrap import (
    CONFIDENCE,
    RESAMPLES,
    SEED,
    Interval,
    bootstrap_interval,
    paired_bootstrap,
    resample_indices,
)
from newsbrief.evaluate.rouge import METRICS, RougeScorer, reference_lines, sentence_lines

DEFAULT_SYSTEMS: tuple[str, ...] = ("newsbrief", "lead", "lexrank", "textrank", "lsa", "oracle")
EVAL_MEASURES: tuple[str, ...] = ("f", "recall")


@dataclass(frozen=True)
class SystemResult:
    """One system's scores (fractions, 0–1) with intervals, per-cluster values and time."""

    name: str
    scores: dict[str, Interval]
    per_cluster: dict[str, tuple[float, ...]]
    seconds: float
    failures: int = 0

    @property
    def clusters_per_second(self) -> float:
        n = len(next(iter(self.per_cluster.values()), ()))
        return n / self.seconds if self.seconds > 0 else float("inf")


@dataclass(frozen=True)
class EvaluationResult:
    """Everything an evaluation run measured; render with ``to_table``, ``to_dict`` or ``plot``."""

    data: str
    budget: Budget
    measure: str
    cluster_ids: tuple[str, ...]
    systems: dict[str, SystemResult]
    baseline: str | None = None
    comparisons: dict[str, dict[str, Interval]] = field(default_factory=dict)
    seed: int = SEED
    resamples: int = RESAMPLES
    confidence: float = CONFIDENCE
    seconds: float = 0.0
    data_sha256: str = ""
    # Documents left out of their clusters for having no text, as "FILE:LINE: reason".
    skipped: tuple[str, ...] = ()
    # Clusters whose "query" the newsbrief systems answered (0: generic briefs only, or --ignore-query).
    queries: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON document: scores in percent, as in the table."""
        from newsbrief.evaluate.report import result_to_dict

        return result_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        from newsbrief.evaluate.report import result_to_json

        return result_to_json(self, indent=indent)

    def to_table(self) -> str:
        from newsbrief.evaluate.report import format_table

        return format_table(self)

    def plot(self, path: str | os.PathLike[str]) -> None:
        """Write a PNG: mean scores with intervals per system, and per-cluster distributions."""
        from newsbrief.evaluate.report import plot_result

        plot_result(self, path)


def parse_systems(systems: str | Sequence[str]) -> list[str]:
    """System names from ``"a,b"`` or a list, blanks and repeats dropped, order kept."""
    names = systems.split(",") if isinstance(systems, str) else list(systems)
    out: list[str] = []
    for name in (n.strip() for n in names):
        if name and name not in out:
            out.append(name)
    if not out:
        raise ConfigError("no system to evaluate; give e.g. --systems newsbrief,lead")
    return out


def _check_budget(budget: Budget | str | int) -> Budget:
    budget = Budget.parse(budget)
    if budget.unit == "sentences":
        raise BudgetError("evaluation cuts summaries to words or bytes (ROUGE -l/-b); "
                          f"give --words N or --bytes N, not {budget}")
    return budget


def _references(record: Any, source: str) -> list[str]:
    summaries = record.raw.get("summaries")
    if isinstance(summaries, str):
        summaries = [summaries]
    if not isinstance(summaries, list):
        summaries = []
    refs = [s for s in summaries if isinstance(s, str) and s.strip()]
    if not refs:
        raise InputError(
            f"{source}:{record.line}: cluster {record.id!r} has no \"summaries\" (reference summaries "
            "to score against); evaluate reads one cluster a line as "
            "{\"id\", \"documents\": [...], \"summaries\": [...]}", source=source, line=record.line)
    return refs


def data_digest(data_path: str | os.PathLike[str], *, limit: int | None = None) -> str:
    """SHA-256 of the first ``limit`` non-blank lines of a data file: what a figure was measured on."""
    from newsbrief.ingest.jsonl import digested_lines

    digest = hashlib.sha256()
    with open(data_path, "rb") as handle:
        for _ in digested_lines(handle, digest, limit=limit):
            pass
    return digest.hexdigest()


def iter_eval_clusters(data_path: str | os.PathLike[str], *, limit: int | None = None) -> Iterable[Any]:
    """Clusters with references, streamed; a bad line or a cluster without summaries is an InputError."""
    from newsbrief.ingest.jsonl import iter_clusters

    source = str(data_path)
    if source != "-" and not Path(source).is_file():
        raise InputError(f"cannot read evaluation data {source}: no such file", source=source)
    for count, item in enumerate(iter_clusters(source)):
        if limit is not None and count >= limit:
            return
        if not hasattr(item, "documents"):
            raise MalformedRecordError(f"{item}; evaluation needs every cluster", source=source, line=item.line)
        yield item, _references(item, source)


def evaluate(data_path: str | os.PathLike[str], *, systems: str | Sequence[str] = DEFAULT_SYSTEMS,
             budget: Budget | str | int = "100w", measure: str = "f", limit: int | None = None,
             seed: int = SEED, resamples: int = RESAMPLES, confidence: float = CONFIDENCE,
             progress: Callable[[str], None] | None = None, ignore_query: bool = False) -> EvaluationResult:
    """Score systems against the human summaries of a cluster file, all cut to the same budget.

    Args:
        data_path: JSONL, one ``{"id", "documents", "summaries"}`` cluster a line.
        systems: names (``"newsbrief,lead"`` or a list): peers, ``newsbrief``,
            ``newsbrief:<method>``; see ``newsbrief.evaluate.peers.system_names()``.
        budget: the cut, in words or bytes (``"100w"``, ``"665b"``, ``Budget``).
        measure: ``"f"`` (F1) or ``"recall"``.
        limit: evaluate only the first ``limit`` clusters.
        seed: seeds the bootstrap, so intervals repeat exactly.
        resamples: bootstrap resamples.
        confidence: interval coverage.
        progress: called with each cluster's id once it is scored.
        ignore_query: brief every cluster generically, also those with a ``query`` key. Otherwise
            ``newsbrief`` answers each cluster's query, and when the first cluster has one and
            ``newsbrief-generic`` is not listed, it is added after the first newsbrief system, so
            the focused brief is compared with the generic one in the same run.

    Returns:
        An EvaluationResult with per-system intervals, times and paired differences.

    Raises:
        UnknownAlgorithmError: a system name nobody knows (the message lists the known ones).
        ConfigError: a bad measure or budget.
        InputError: missing file, a malformed line, or a cluster without summaries.
        ModelUnavailableError: a peer needs an optional package (sumy) that is missing.
    """
    from newsbrief.evaluate.peers import create_system
    from newsbrief.select.truncate import cut_to_budget

    if measure not in EVAL_MEASURES:
        raise ConfigError(f"unknown measure {measure!r}; use one of: {', '.join(EVAL_MEASURES)}")
    budget = _check_budget(budget)
    if limit is not None and limit <= 0:
        raise ConfigError(f"--limit must be a positive number of clusters, got {limit}")
    names = parse_systems(systems)
    summarizers = {}
    for name in names:
        system = create_system(name)
        if hasattr(system, "measure"):  # the oracle maximises what is being measured
            system = dataclasses.replace(system, measure=measure)
        summarizers[name] = system
    clusters = iter_eval_clusters(data_path, limit=limit)
    first = next(clusters, None)
    if first is not None and not ignore_query and _query_of(first[0]):
        names = with_generic_twin(names)
        summarizers = {name: summarizers.get(name) or create_system(name) for name in names}

    scorer = RougeScorer(METRICS)
    started = time.perf_counter()
    ids: list[str] = []
    values: dict[str, dict[str, list[float]]] = {n: {m: [] for m in METRICS} for n in names}
    seconds = dict.fromkeys(names, 0.0)
    failures = dict.fromkeys(names, 0)
    skipped: list[str] = []
    queries = 0
    for record, refs in itertools.chain([first] if first is not None else [], clusters):
        query = None if ignore_query else _query_of(record)
        queries += query is not None
        skipped.extend(f"{p.source}:{p.line}: {p.reason}" for p in record.problems)
        documents = [article.text for article in record.documents]
        ref_lines = [reference_lines(r) for r in refs]
        for name, system in summarizers.items():
            kwargs: dict[str, Any] = {"references": refs} if getattr(system, "needs_references", False) else {}
            if query is not None and getattr(system, "takes_query", False):
                kwargs["query"] = query
            tick = time.perf_counter()
            try:
                sentences = system.summarize(documents, budget, **kwargs)
            except NewsbriefError:
                sentences = []  # e.g. no usable sentence: an empty summary scores 0
                failures[name] += 1
            seconds[name] += time.perf_counter() - tick
            scores = scorer.score_mean(ref_lines, sentence_lines(cut_to_budget(sentences, budget)))
            for metric in METRICS:
                values[name][metric].append(scores[metric].get(measure))
        ids.append(record.id)
        if progress is not None:
            progress(record.id)
    if not ids:
        raise InputError(f"no cluster to evaluate in {data_path}", source=str(data_path))

    indices = resample_indices(len(ids), resamples=resamples, seed=seed)
    results = {
        name: SystemResult(
            name=name,
            scores={m: bootstrap_interval(values[name][m], confidence=confidence, indices=indices)
                    for m in METRICS},
            per_cluster={m: tuple(values[name][m]) for m in METRICS},
            seconds=seconds[name],
            failures=failures[name],
        )
        for name in names
    }
    baseline = next((n for n in names if n.partition(":")[0] == "newsbrief"), None)
    comparisons = {}
    if baseline is not None:
        comparisons = {
            peer: {m: paired_bootstrap(values[baseline][m], values[peer][m], confidence=confidence,
                                       indices=indices) for m in METRICS}
            for peer in names if peer != baseline
        }
    return EvaluationResult(
        data=str(data_path), budget=budget, measure=measure, cluster_ids=tuple(ids), systems=results,
        baseline=baseline, comparisons=comparisons, seed=seed, resamples=resamples,
        confidence=confidence, seconds=time.perf_counter() - started,
        data_sha256=data_digest(data_path, limit=limit) if str(data_path) != "-" else "",
        skipped=tuple(skipped), queries=queries,
    )


def _query_of(record: Any) -> str | None:
    """The cluster's ``query`` key, when it is non-blank text."""
    query = record.raw.get("query")
    return query if isinstance(query, str) and query.strip() else None


def with_generic_twin(names: Sequence[str]) -> list[str]:
    """``names`` with ``newsbrief-generic`` (of the same method) after the first newsbrief system, unless listed."""
    from newsbrief.evaluate.peers import GENERIC

    first = next((n for n in names if n.partition(":")[0] == "newsbrief"), None)
    if first is None:
        return list(names)
    _, _, method = first.partition(":")
    twin = f"{GENERIC}:{method}" if method else GENERIC
    if twin in names:
        return list(names)
    at = names.index(first) + 1
    return [*names[:at], twin, *names[at:]]
