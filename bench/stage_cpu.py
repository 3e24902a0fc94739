"""CPU time of one brief split by stage, measured in this process by wrapping the stage functions.

    .venv/bin/python bench/stage_cpu.py                # 10-article DUC 2004 dev clusters, every section
    .venv/bin/python bench/stage_cpu.py --repeats 3
    .venv/bin/python bench/stage_cpu.py --repeats 3 --fresh   # per-text caches emptied before each pass
    .venv/bin/python bench/stage_cpu.py --data multinews      # full-text Multi-News dev instead of DUC 2004

Each stage is the public function the pipeline calls for it (``prepare``'s
cleaning, splitting and tokens; selection; citations; each analysis step;
verification; the JSON answer). A wrapper charges a call's CPU time
(``time.process_time``) to its stage minus the time of the wrapped stages it
calls, so the stages add up to the request. Names (and modules) that a tree does not have
are skipped, so the split survives a refactoring (it then shows under
``other``); a function is wrapped in every newsbrief module that imported it.
The load benchmark uses :func:`split_requests` for its per-request split.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

# One BLAS thread, as in a server worker (pool.py): CPU time then means one core's work.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data"

# (stage, module, attribute): what each stage's time is, as the pipeline calls it. A function is
# wrapped wherever a newsbrief module holds it (``from x import f`` copies), so a stage's time does not
# depend on how its callers import it. ``Class.attr.func`` wraps a cached property's computation.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("read", "newsbrief.server.work", "to_articles"),
    ("stories in the pile", "newsbrief", "pile_stories"),
    ("clean", "newsbrief.represent.prepared", "clean"),
    ("segment", "newsbrief.represent.prepared", "split_sentences"),
    ("junk sentences", "newsbrief.ingest.junk_sentences", "junk_kind"),
    ("represent", "newsbrief.represent.prepared", "prepare"),
    ("represent", "newsbrief.represent.prepared", "build_tfidf"),
    ("represent", "newsbrief.represent.prepared", "PreparedCluster.word_bigrams.func"),
    ("select", "newsbrief.pipeline", "_pick"),
    ("select: standalone (settle, arrange, mask)", "newsbrief.select.standalone", "settle"),
    ("select: standalone (settle, arrange, mask)", "newsbrief.select.standalone", "arrange"),
    ("select: standalone (settle, arrange, mask)", "newsbrief.select.standalone", "standalone_mask"),
    ("cite", "newsbrief.cite.support", "cite"),
    ("facts (read, judge)", "newsbrief.represent.facts", "read_facts"),
    ("facts (read, judge)", "newsbrief.represent.facts", "judge"),
    ("salience (for agreement)", "newsbrief.select.concepts", "concept_salience"),
    ("names", "newsbrief.names.patterns", "proper_words"),
    ("NER: model load", "newsbrief.names.entities", "load_ner"),
    ("NER: windows", "newsbrief.names.entities", "choose_ner_windows"),
    ("NER: spaCy", "newsbrief.names.entities", "run_ner"),
    ("names", "newsbrief.names.entities", "build_index"),
    ("quotes", "newsbrief.analyse.quotes", "extract_quotes"),
    ("quotes", "newsbrief.analyse.quotes", "group_quotes"),
    ("quotes", "newsbrief.analyse.analysis", "_keep_verified"),
    ("agreement/unique: align", "newsbrief.analyse.agreement", "fact_units"),
    ("agreement/unique: align", "newsbrief.analyse.agreement", "unit_terms"),
    ("agreement/unique: align", "newsbrief.analyse.agreement", "align"),
    ("agreement", "newsbrief.analyse.agreement", "agreed_facts"),
    ("agreement", "newsbrief.analyse.agreement", "agreed_with_rest"),
    ("unique", "newsbrief.analyse.agreement", "unique_facts"),
    ("conflicts (pairs, compare)", "newsbrief.analyse.conflicts", "find_disagreements"),
    ("conflicts (pairs, compare)", "newsbrief.analyse.conflicts", "find_conflicts"),
    ("conflicts: value slots", "newsbrief.represent.values", "find_slots"),
    ("conflicts: value slots", "newsbrief.analyse.conflicts", "find_slots"),  # where trees before #23 had it
    ("conflicts: places", "newsbrief.analyse.conflicts", "_places"),
    ("conflicts: events (counts, claims, years)", "newsbrief.analyse.events", "count_disagreements"),
    ("conflicts: events (counts, claims, years)", "newsbrief.analyse.events", "claim_disagreements"),
    ("conflicts: events (counts, claims, years)", "newsbrief.analyse.events", "year_disagreements"),
    ("conflicts: people and names", "newsbrief.analyse.people", "person_conflicts"),
    ("conflicts: people and names", "newsbrief.analyse.people", "name_conflicts"),
    ("conflicts: spellings", "newsbrief.analyse.spellings", "spelling_conflicts"),
    ("disputes (own_disputes)", "newsbrief.cite.disputes", "own_disputes"),
    ("tidy", "newsbrief.analyse.tidy", "tidy_sections"),
    ("entities", "newsbrief.names.entities", "extract_entities"),
    ("language note", "newsbrief.ingest.language", "language_note"),
    ("verify", "newsbrief.cite.verify", "check_brief"),
    ("render", "newsbrief.server.work", "dump"),
    ("render", "newsbrief.datatypes", "Brief.to_dict"),
)


class StageClock:
    """Exclusive CPU seconds per stage, over every call made while installed."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._inner: list[float] = []  # CPU time of wrapped calls inside the current one

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._inner.append(0.0)
            began = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.process_time() - began
                inner = self._inner.pop()
                self.seconds[stage] += spent - inner
                if self._inner:
                    self._inner[-1] += spent
        timed._stage = stage  # type: ignore[attr-defined]
        return timed

    @contextlib.contextmanager
    def installed(self) -> Iterator[StageClock]:
        undo: list[tuple[Any, str, Any]] = []
        for stage, module_name, attribute in STAGES:
            try:
                owner: Any = importlib.import_module(module_name)
            except ModuleNotFoundError:  # a stage of a later (or earlier) tree
                continue
            *path, name = attribute.split(".")
            for part in path:
                owner = getattr(owner, part, None)
            original = getattr(owner, name, None) if owner is not None else None
            if original is None or getattr(original, "_stage", None):  # absent, or wrapped already
                continue
            timed = self.wrap(stage, original)
            for holder in _holders(owner, name, original):
                setattr(holder, name, timed)
                undo.append((holder, name, original))
        try:
            yield self
        finally:
            for owner, name, original in reversed(undo):
                setattr(owner, name, original)


def _holders(owner: Any, name: str, original: Any) -> list[Any]:
    """``owner`` and every loaded newsbrief module that holds ``original`` under ``name`` (its importers)."""
    holders = [owner]
    if isinstance(owner, type(sys)):
        holders += [m for key, m in list(sys.modules.items()) if key.startswith("newsbrief") and m is not owner
                    and getattr(m, name, None) is original]
    return holders


# Caches keyed by a sentence's text (module, function): a pass over the same clusters finds them full. A
# server briefs articles it has not seen, so ``--fresh`` empties them before each pass (caches of words,
# stems and spaCy's vocabulary, stay: a worker has seen most words of the language already).
TEXT_CACHES: tuple[tuple[str, str], ...] = (
    ("newsbrief.ingest.junk_sentences", "_short_junk_kind"),
    ("newsbrief.represent.facts", "_read"),
)


def forget_texts() -> None:
    """Empty the caches keyed by sentence text (``TEXT_CACHES``) that this tree has."""
    for module_name, name in TEXT_CACHES:
        try:
            function = getattr(importlib.import_module(module_name), name, None)
        except ModuleNotFoundError:
            continue
        if function is not None and hasattr(function, "cache_clear"):
            function.cache_clear()


def split_requests(bodies: Sequence[dict[str, Any]], *, ner_cache: int = 0,
                   prime: Sequence[dict[str, Any]] = (), fresh: bool = False) -> dict[str, Any]:
    """Mean CPU ms per request by stage, over ``bodies`` (``POST /v1/brief`` JSON bodies) run in-process.

    ``ner_cache`` entries of NER results are kept across requests (0: none, every
    request cold); ``prime`` bodies run first, untimed (to fill that cache). With
    ``fresh``, the caches keyed by sentence text start empty (``forget_texts``).
    """
    from newsbrief.names import ner_cache as cache
    from newsbrief.server.work import brief_json, warm
    from newsbrief.settings import Settings

    settings = Settings(ner_cache=ner_cache)
    warm(full=True)
    cache.configure(0)  # forget what earlier calls left
    if fresh:
        forget_texts()
    for body in prime:
        brief_json(body["articles"], _options(body), settings)
    clock = StageClock()
    total = 0.0
    with clock.installed():
        for body in bodies:
            began = time.process_time()
            brief_json(body["articles"], _options(body), settings)
            total += time.process_time() - began
    cache.configure(0)
    n = max(1, len(bodies))
    stages = {stage: round(1000 * s / n, 2) for stage, s in sorted(clock.seconds.items(), key=lambda kv: -kv[1])}
    stages["other"] = round(1000 * (total - sum(clock.seconds.values())) / n, 2)
    return {"requests": len(bodies), "cpu_ms_per_request": round(1000 * total / n, 1), "stages_ms": stages}


def _options(body: dict[str, Any]) -> dict[str, Any]:
    return {"budget": _budget(body.get("budget")), "sections": body.get("sections")}


def _budget(value: Any) -> str:
    if isinstance(value, dict) and value:
        unit, limit = next(iter(value.items()))
        return f"{limit}{unit[0]}"
    return str(value or "100w")


def duc_bodies(limit: int | None = None, sections: list[str] | None = None) -> list[dict[str, Any]]:
    """The 10-article DUC 2004 dev clusters as request bodies."""
    out = []
    with open(DATA / "duc2004_dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            docs = json.loads(line)["documents"][:10]
            body: dict[str, Any] = {"articles": [{"text": t} for t in docs], "budget": {"words": 100}}
            if sections:
                body["sections"] = sections
            out.append(body)
    return out[:limit]


def multinews_bodies(limit: int = 30, sections: list[str] | None = None) -> list[dict[str, Any]]:
    """The first ``limit`` full-text Multi-News dev clusters (2-10 long articles each) at 150 words."""
    out = []
    with open(DATA / "multinews_dev_fulltext.jsonl", encoding="utf-8") as fh:
        for line in fh:
            body: dict[str, Any] = {"articles": [{"text": t} for t in json.loads(line)["documents"]],
                                    "budget": {"words": 150}}
            if sections:
                body["sections"] = sections
            out.append(body)
            if len(out) == limit:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="passes over the clusters; the median pass is shown")
    parser.add_argument("--sections", help="comma-separated sections (default: every section)")
    parser.add_argument("--warm", action="store_true", help="NER cache on, filled by one untimed pass first")
    parser.add_argument("--fresh", action="store_true",
                        help="empty the caches keyed by sentence text before each pass (as for unseen articles)")
    parser.add_argument("--data", choices=("duc", "multinews"), default="duc",
                        help="duc: the 25 DUC 2004 dev clusters (10 articles, 100 words); multinews: the first 30 "
                             "full-text Multi-News dev clusters (150 words)")
    args = parser.parse_args()
    sections = args.sections.split(",") if args.sections else None
    bodies = duc_bodies(sections=sections) if args.data == "duc" else multinews_bodies(sections=sections)
    runs = [split_requests(bodies, ner_cache=20_000 if args.warm else 0, prime=bodies if args.warm else (),
                           fresh=args.fresh)
            for _ in range(args.repeats)]
    best = sorted(runs, key=lambda r: r["cpu_ms_per_request"])[len(runs) // 2]
    # spaCy's share moves most with the machine's load: the rest, pass by pass, compares trees more steadily.
    without_ner = [round(r["cpu_ms_per_request"] - r["stages_ms"].get("NER: spaCy", 0.0), 1) for r in runs]
    print(json.dumps({**best, "passes_ms": [r["cpu_ms_per_request"] for r in runs],
                      "passes_without_spacy_ms": without_ner,
                      "median_ms": statistics.median(r["cpu_ms_per_request"] for r in runs)}, indent=2))


if __name__ == "__main__":
    main()
