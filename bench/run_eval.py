"""Regenerate the evaluation tables of bench/RESULTS.md (``make bench``), or raise the quality floor.

Each evaluation runs the real command line (``newsbrief evaluate ...``) so that
the command printed in RESULTS.md is exactly what produced the figures. The
JSON and PNG of each run land in ``bench/results/``; the ``## Evaluation``
section of RESULTS.md (between the ``evaluation`` markers) is rewritten and
everything else in the file is left alone.

    .venv/bin/python bench/run_eval.py                 # all five evaluations
    .venv/bin/python bench/run_eval.py --only duc2004_dev --limit 5   # quick check, RESULTS.md untouched
    .venv/bin/python bench/run_eval.py --record-floor  # raise tests/quality_floor.json (never lowers)
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from results_md import RESULTS_MD, markers, write_section

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("../shared/data")  # relative to the repo root, where every command runs
OUT_DIR = Path("bench/results")
FLOOR = ROOT / "tests" / "quality_floor.json"
START, END = markers("evaluation")
# learned.v1 first: the paired differences are its against every other system, concepts.v3 included.
SYSTEMS = "newsbrief:learned.v1,newsbrief:concepts.v3,lead,lexrank,textrank,lsa,oracle"

# name, file, budget flag, measure, what the literature usually reports for it
RUNS = [
    ("multinews_dev", "multinews_dev.jsonl", ["--words", "300"], "f",
     "Multi-News validation (truncated, lower-cased release), 300 words, F1"),
    ("duc2004_dev", "duc2004_dev.jsonl", ["--words", "100"], "recall",
     "DUC 2004 Task 2 (25 dev clusters), 100 words, recall"),
    ("duc2003_task2", "duc2003_task2.jsonl", ["--words", "100"], "recall",
     "DUC 2003 Task 2 (30 clusters), 100 words, recall"),
    ("multinews_dev_fulltext", "multinews_dev_fulltext.jsonl", ["--words", "300"], "f",
     "Multi-News full text (100 test-split clusters; not comparable to published validation figures), "
     "300 words, F1"),
    # MultiLing 2011 asked for summaries of 240-250 words and its references average 248: 250 words,
    # recall against all 3 references, as for DUC.
    ("multiling2011_en", "multiling2011_en.jsonl", ["--words", "250"], "recall",
     "TAC 2011 MultiLing Pilot, English (10 topics), 250 words, recall"),
]
METRICS = ("rouge1", "rouge2", "rougeLsum")
LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeLsum": "R-Lsum"}


def newsbrief_command() -> list[str]:
    """How to call the CLI from this interpreter's environment."""
    script = Path(sys.executable).with_name("newsbrief")
    if script.exists():
        return [str(script)]
    found = shutil.which("newsbrief")
    return [found] if found else [sys.executable, "-m", "newsbrief.cli"]


def command_args(name: str, file: str, budget: list[str], measure: str, limit: int | None) -> list[str]:
    args = ["evaluate", "--data", str(DATA / file), *budget, "--measure", measure, "--systems", SYSTEMS]
    if limit:
        args += ["--limit", str(limit)]
    return [*args, "--json", str(OUT_DIR / f"{name}.json"), "--plot", str(OUT_DIR / f"{name}.png")]


def run_one(name: str, file: str, budget: list[str], measure: str, limit: int | None) -> tuple[str, dict]:
    args = command_args(name, file, budget, measure, limit)
    shown = "newsbrief " + shlex.join(args)
    print(f"$ {shown}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    done = subprocess.run([*newsbrief_command(), *args], cwd=ROOT, text=True, stdout=subprocess.PIPE)
    if done.returncode != 0:
        sys.exit(f"bench: {shown} failed with status {done.returncode}")
    print(done.stdout, file=sys.stderr)
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    return shown, json.loads((ROOT / OUT_DIR / f"{name}.json").read_text("utf-8"))


def _cell(entry: dict) -> str:
    return f"{entry['mean']:.2f} [{entry['low']:.2f}, {entry['high']:.2f}]"


def _diff(entry: dict) -> str:
    star = " *" if entry.get("excludes_zero", entry["low"] > 0 or entry["high"] < 0) else ""
    return f"{entry['difference']:+.2f} [{entry['low']:+.2f}, {entry['high']:+.2f}]{star}"


def section_markdown(title: str, command: str, doc: dict) -> list[str]:
    measure = "F1" if doc["measure"] == "f" else "recall"
    budget = ", ".join(f"{v} {k}" for k, v in doc["budget"].items())
    lines = [
        f"### {title}",
        "",
        f"ROUGE {measure} (%, stemmed, mean over references), every system cut to {budget}; "
        f"{doc['clusters']} clusters; 95% bootstrap intervals "
        f"({doc['bootstrap']['resamples']:,} resamples, seed {doc['bootstrap']['seed']}). "
        f"Data sha256 `{doc['data_sha256'][:16]}…`.",
        "",
        "```",
        command,
        "```",
        "",
        "| system | R-1 | R-2 | R-Lsum | seconds | clusters/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, entry in doc["systems"].items():
        failed = f" ({entry['failures']} failed)" if entry.get("failures") else ""
        lines.append(f"| {name}{failed} | " + " | ".join(_cell(entry[m]) for m in METRICS)
                     + f" | {entry['seconds']:.1f} | {entry['clusters_per_second']:.2f} |")
    if doc.get("paired"):
        lines += ["", f"{doc['baseline']} minus each system (paired bootstrap, 95%; * = interval excludes 0):", "",
                  "| system | R-1 | R-2 | R-Lsum |", "| --- | ---: | ---: | ---: |"]
        for peer, diffs in doc["paired"].items():
            lines.append(f"| {peer} | " + " | ".join(_diff(diffs[m]) for m in METRICS) + " |")
    if "oracle" in doc["systems"]:
        below = [f"{LABELS[m]} ({name})" for m in METRICS for name, entry in doc["systems"].items()
                 if name != "oracle" and entry[m]["mean"] >= doc["systems"]["oracle"][m]["mean"]]
        lines += ["", "Oracle above every other system on every metric: "
                  + ("yes." if not below else "**no**: " + ", ".join(below) + ".")]
    lines += ["", f"Plot: [`{OUT_DIR}/{Path(doc['data']).stem}.png`]({OUT_DIR.relative_to('bench')}/"
                  f"{Path(doc['data']).stem}.png)", ""]
    return lines


def evaluation_markdown(sections: list[tuple[str, str, dict]], when: datetime) -> str:
    env = sections[0][2]
    versions = ", ".join(f"{k} {v}" for k, v in env["versions"].items() if v)
    machine = env["machine"]
    lines = [
        START,
        "## Evaluation",
        "",
        f"Regenerated by `make bench` (`bench/run_eval.py`) on {when:%Y-%m-%d %H:%M} UTC.",
        f"Versions: {versions}.",
        f"Machine: {machine['processor']}, {machine['cpus']} CPUs ({machine['platform']}); other jobs may have "
        "shared the CPUs, so times are indicative.",
        "",
        "How to read these tables:",
        "",
        "- Every system, newsbrief included, is cut to exactly the budget (as ROUGE-1.5.5's `-l`), so all are "
        "compared at equal length. Scores are `rouge-score` compatible (computed by `rouge-score-rs`): stemmed, "
        "stop words kept, ROUGE-Lsum with one sentence a line (references split by newsbrief's splitter), "
        "averaged over references per cluster and then over clusters.",
        "- `newsbrief:learned.v1` is the learned method of issue 17 (the shipped model, trained on 20,000 "
        "Multi-News training clusters; never on these files), `newsbrief:concepts.v3` the unsupervised one; "
        "the paired differences are learned.v1's against each other system.",
        "- `lead` takes the first sentence of each document in turn; `lexrank`, `textrank`, `lsa` are sumy's "
        "implementations (with an offline tokenizer), taking sentences in rating order until the budget is "
        "reached; `oracle` is a beam-search extractive oracle on ROUGE-1 + ROUGE-2 against the references "
        "(an upper bound for extraction, it reads the answers).",
        "- `seconds` is each system's own summarizing time (ROUGE excluded), all systems run in one process, "
        "cluster by cluster. sumy's LexRank (quadratic in sentences) and LSA (a per-cell Python loop over the "
        "term-sentence matrix) are pure Python, hence slow on the 10-document DUC clusters.",
        "",
    ]
    for title, command, doc in sections:
        lines += section_markdown(title, command, doc)
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_results(block: str) -> None:
    """Replace the evaluation block of RESULTS.md, or append it; nothing else in the file changes."""
    write_section("evaluation", block)


def record_floor() -> None:
    """Evaluate the quality-floor subsets and raise (never lower) the recorded figures."""
    sys.path.insert(0, str(ROOT))
    from newsbrief.evaluate.runner import data_digest, evaluate

    floor = json.loads(FLOOR.read_text("utf-8"))
    for subset in floor["subsets"]:
        path = ROOT / DATA / subset["data"]
        digest = data_digest(path, limit=subset["limit"])
        result = evaluate(path, systems=subset["system"], budget=subset["budget"], measure=subset["measure"],
                          limit=subset["limit"])
        scores = result.systems[subset["system"]].scores
        for metric in ("rouge1", "rouge2"):
            now = round(scores[metric].mid * 100, 2)
            old = subset.get(metric)
            if digest != subset.get("sha256"):
                subset[metric] = now  # new data: the old figure does not apply
            elif old is None or now > old:
                subset[metric] = now
            print(f"{subset['name']} {metric}: measured {now:.2f}, recorded {subset[metric]:.2f}"
                  + (" (kept: the floor only goes up)" if old is not None and now < old else ""))
        subset["sha256"] = digest
    FLOOR.write_text(json.dumps(floor, indent=2) + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="Run one evaluation (a quick check: RESULTS.md is left alone): "
                        + ", ".join(r[0] for r in RUNS))
    parser.add_argument("--limit", type=int, help="First N clusters only (a quick check: RESULTS.md is left alone).")
    parser.add_argument("--record-floor", action="store_true", help="Raise tests/quality_floor.json instead.")
    parser.add_argument("--markdown-only", action="store_true",
                        help="Rewrite RESULTS.md from the JSON already in bench/results (no evaluation).")
    args = parser.parse_args()
    if args.record_floor:
        record_floor()
        return
    if args.markdown_only:
        sections = [(title, "newsbrief " + shlex.join(command_args(name, file, budget, measure, None)),
                     json.loads((ROOT / OUT_DIR / f"{name}.json").read_text("utf-8")))
                    for name, file, budget, measure, title in RUNS]
        newest = max((ROOT / OUT_DIR / f"{name}.json").stat().st_mtime for name, *_ in RUNS)
        write_results(evaluation_markdown(sections, datetime.fromtimestamp(newest, UTC)))
        return
    (ROOT / OUT_DIR).mkdir(parents=True, exist_ok=True)
    runs = [r for r in RUNS if args.only in (None, r[0])]
    if not runs:
        parser.error(f"unknown evaluation {args.only!r}; choose from {', '.join(r[0] for r in RUNS)}")
    sections = []
    for name, file, budget, measure, title in runs:
        command, doc = run_one(name, file, budget, measure, args.limit)
        sections.append((title, command, doc))
    if args.only or args.limit:
        print(f"bench: quick check; figures in {OUT_DIR}/, {RESULTS_MD.name} not touched", file=sys.stderr)
        return
    write_results(evaluation_markdown(sections, datetime.now(UTC)))
    print(f"bench: wrote {RESULTS_MD.relative_to(ROOT)} and {OUT_DIR}/", file=sys.stderr)


if __name__ == "__main__":
    main()
