"""Rendering an evaluation: a text table, a JSON document and a PNG plot (matplotlib, Agg).

Scores are shown in percent (ROUGE × 100) with their bootstrap intervals, as
papers report them; time is the summarizers' own wall time (ROUGE excluded).
"""

from __future__ import annotations

import json
import os
import platform
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsbrief.evaluate.bootstrap import Interval
from newsbrief.evaluate.rouge import METRICS

if TYPE_CHECKING:
    from newsbrief.evaluate.runner import EvaluationResult

LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeLsum": "R-Lsum"}
MEASURE_NAMES = {"f": "F1", "recall": "recall"}
_PACKAGES = ("newsbrief", "rouge-score-rs", "sumy", "numpy", "blingfire")


def environment() -> dict[str, Any]:
    """Versions and machine, so a figure can be traced to what produced it."""
    versions = {"python": platform.python_version()}
    for package in _PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {"versions": versions,
            "machine": {"platform": platform.platform(), "processor": _cpu_name(),
                        "cpus": os.cpu_count()}}


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _pct(interval: Interval) -> dict[str, float]:
    return {"mean": round(interval.mid * 100, 4), "low": round(interval.low * 100, 4),
            "high": round(interval.high * 100, 4)}


def result_to_dict(result: EvaluationResult) -> dict[str, Any]:
    """The evaluation as JSON-ready values: scores in percent, per-cluster scores included."""
    systems: dict[str, Any] = {}
    for name, system in result.systems.items():
        entry: dict[str, Any] = {m: _pct(system.scores[m]) for m in METRICS}
        entry["seconds"] = round(system.seconds, 3)
        entry["clusters_per_second"] = round(system.clusters_per_second, 3)
        entry["failures"] = system.failures
        systems[name] = entry
    paired = {
        peer: {m: {"difference": round(iv.mid * 100, 4), "low": round(iv.low * 100, 4),
                   "high": round(iv.high * 100, 4), "excludes_zero": iv.excludes_zero()} for m, iv in diffs.items()}
        for peer, diffs in result.comparisons.items()
    }
    return {
        "format": "newsbrief.evaluation/1",
        "data": result.data,
        "data_sha256": result.data_sha256,
        "clusters": len(result.cluster_ids),
        "budget": result.budget.to_dict(),
        "measure": result.measure,
        "metrics": list(METRICS),
        "bootstrap": {"resamples": result.resamples, "confidence": result.confidence, "seed": result.seed},
        "systems": systems,
        "baseline": result.baseline,
        "paired": paired,
        "skipped_documents": list(result.skipped),
        "queries": result.queries,
        "per_cluster": {
            "ids": list(result.cluster_ids),
            "scores": {name: {m: [round(v * 100, 4) for v in s.per_cluster[m]] for m in METRICS}
                       for name, s in result.systems.items()},
        },
        "seconds": round(result.seconds, 3),
        **environment(),
    }


def result_to_json(result: EvaluationResult, *, indent: int | None = 2) -> str:
    return json.dumps(result_to_dict(result), indent=indent, ensure_ascii=False)


def _cell(interval: Interval, *, signed: bool = False) -> str:
    sign = "+" if signed else ""
    return (f"{interval.mid * 100:{sign}.2f} [{interval.low * 100:{sign}.2f}, "
            f"{interval.high * 100:{sign}.2f}]")


def _grid(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = (c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        lines.append("  ".join(cells).rstrip())
    return lines


def format_table(result: EvaluationResult) -> str:
    """Systems as rows: each metric as ``mean [low, high]`` in percent, then time."""
    name = os.path.basename(result.data)
    pct = round(result.confidence * 100)
    lines = [
        f"ROUGE {MEASURE_NAMES.get(result.measure, result.measure)} (%, stemmed), summaries cut to "
        f"{result.budget}; {len(result.cluster_ids)} clusters of {name}",
        f"{pct}% bootstrap intervals ({result.resamples:,} resamples, seed {result.seed})",
        "",
    ]
    if result.queries:
        lines[-1:-1] = [f"{result.queries} clusters with a query: newsbrief answers it, newsbrief-generic ignores it"]
    rows = [["system", *(LABELS[m] for m in METRICS), "seconds", "clusters/s"]]
    for system in result.systems.values():
        failed = f" ({system.failures} failed)" if system.failures else ""
        rows.append([system.name + failed, *(_cell(system.scores[m]) for m in METRICS),
                     f"{system.seconds:.1f}", f"{system.clusters_per_second:.2f}"])
    lines += _grid(rows, right={len(METRICS) + 1, len(METRICS) + 2})
    if result.comparisons:
        lines += ["", f"{result.baseline} minus each system, paired bootstrap ({pct}%; * = interval excludes 0)"]
        rows = [["system", *(LABELS[m] for m in METRICS)]]
        for peer, diffs in result.comparisons.items():
            rows.append([peer, *(_cell(diffs[m], signed=True) + (" *" if diffs[m].excludes_zero() else "  ")
                                 for m in METRICS)])
        lines += _grid(rows, right=set())
    return "\n".join(lines)


def plot_result(result: EvaluationResult, path: str | os.PathLike[str]) -> None:
    """Top: mean score with its interval per system and metric. Bottom: per-cluster distributions."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    names = list(result.systems)
    fig = plt.figure(figsize=(max(8.0, 1.3 * len(names) + 4), 8.5), layout="constrained")
    grid = fig.add_gridspec(2, len(METRICS))
    top = fig.add_subplot(grid[0, :])
    x = np.arange(len(names))
    width = 0.8 / len(METRICS)
    for k, metric in enumerate(METRICS):
        mids = np.array([result.systems[n].scores[metric].mid for n in names]) * 100
        lows = np.array([result.systems[n].scores[metric].low for n in names]) * 100
        highs = np.array([result.systems[n].scores[metric].high for n in names]) * 100
        offset = (k - (len(METRICS) - 1) / 2) * width
        top.bar(x + offset, mids, width * 0.9, label=LABELS[metric], alpha=0.75)
        top.errorbar(x + offset, mids, yerr=[mids - lows, highs - mids], fmt="none", ecolor="black",
                     capsize=3, linewidth=1)
    top.set_xticks(x, names)
    top.set_ylabel(f"ROUGE {MEASURE_NAMES.get(result.measure, result.measure)} (%)")
    top.set_title(f"{os.path.basename(result.data)}: {len(result.cluster_ids)} clusters, cut to "
                  f"{result.budget}, {round(result.confidence * 100)}% bootstrap intervals")
    top.legend(loc="upper left", ncols=len(METRICS))
    top.grid(axis="y", alpha=0.3)
    for k, metric in enumerate(METRICS):
        axis = fig.add_subplot(grid[1, k])
        data = [np.array(result.systems[n].per_cluster[metric]) * 100 for n in names]
        axis.boxplot(data, tick_labels=names, showmeans=True)
        axis.set_title(f"{LABELS[metric]} per cluster")
        axis.tick_params(axis="x", labelrotation=45)
        axis.grid(axis="y", alpha=0.3)
    fig.savefig(path, dpi=110)
    plt.close(fig)
