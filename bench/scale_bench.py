"""Scale: one brief over a pile of 250 to 1,500 distinct articles, and over one paragraph repeated.

    .venv/bin/python bench/scale_bench.py                    # every size, writes bench/RESULTS.md and the plot
    .venv/bin/python bench/scale_bench.py --sizes 250 500 --no-write   # a quick look

The pile is every distinct document of the cased dev files in ../shared/data
(DUC 2003, 2004 and 2006, MultiLing 2011 and full-text Multi-News: ~1,510
full-length articles, ~125+ events), shuffled with a fixed seed; a size takes
the first N. Each size is briefed (200 words) with every section, with
``--sections none``, and with each analysis section alone, each in a fresh
process, so peak RSS is that brief's own. Reported per run: wall time and CPU
time of the ``newsbrief.brief`` call (spaCy's model load included where a
section needs it), and the process's peak RSS. Then the repeated-paragraph
inputs of issue 16 (one text file, 1,000 and 5,300 lines of one paragraph).

Targets (issue 16): 1,000 articles <= 2 GiB peak RSS; 4x the articles <= 5x the
time; every section <= 3x the time of ``--sections none``; the 3 MB repeated
file briefs in seconds with every section. The machine is shared, so absolute
times move between runs; ratios within one run mean more. Raw figures go to
bench/out/scale.json, the plot to bench/results/scale.png, and the ``## Scale``
section of bench/RESULTS.md (between the ``scale`` markers) is replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "out" / "scale.json"
PLOT = ROOT / "bench" / "results" / "scale.png"
CASED = ("duc2003_task2.jsonl", "duc2004_dev.jsonl", "duc2006_dev.jsonl", "multiling2011_en.jsonl",
         "multinews_dev_fulltext.jsonl")
SIZES = (250, 500, 1000, 1500)
SECTIONS = ("agreement", "unique", "conflicts", "quotes", "entities")
SEED = 16
# A paragraph of the seed story with a quotation, a bracketed aside and short sentences.
PARAGRAPH_LINES = (0, 5, 7, 4)
GIB = 1024 ** 3


def distinct_articles() -> list[str]:
    """Every distinct non-empty document of the cased dev files, in a fixed shuffled order."""
    seen: set[str] = set()
    docs: list[str] = []
    for name in CASED:
        with open(DATA / name, encoding="utf-8") as fh:
            for line in fh:
                for doc in json.loads(line)["documents"]:
                    if doc.strip() and doc not in seen:
                        seen.add(doc)
                        docs.append(doc)
    random.Random(SEED).shuffle(docs)
    return docs


def repeated_paragraph() -> str:
    lines = (ROOT / "newsbrief" / "resources" / "demo" / "source-2.txt").read_text("utf-8").split("\n")
    return " ".join(lines[i] for i in PARAGRAPH_LINES)


def child(path: str, sections: str) -> None:
    """Run in a fresh process: read ``path``, brief it, print the figures as one JSON line."""
    import newsbrief

    result = newsbrief.read([path])
    words = sum(len(a.text.split()) for a in result.articles)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    brief = newsbrief.brief(result.articles, budget="200w", sections=sections, max_sentences=10**9)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    doc = brief.to_dict()
    print(json.dumps({
        "articles": len(result.articles), "words": words, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "shown": {s: len(doc.get(s, ())) for s in SECTIONS if s in doc}, "more": doc.get("more", {}),
    }))


def run(path: Path, sections: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NEWSBRIEF_NER_HELPER="0")
    out = subprocess.run([sys.executable, __file__, "--child", str(path), sections], env=env, check=True,
                         capture_output=True, text=True)
    row = json.loads(out.stdout.strip().splitlines()[-1])
    row["sections"] = sections
    print(f"  {path.name:>18} {sections:>9}: {row['wall_s']:7.2f} s wall {row['cpu_s']:7.2f} s CPU "
          f"{row['peak_rss_mb']:7.0f} MB", flush=True)
    return row


def measure(sizes: list[int], singles: bool) -> dict:
    docs = distinct_articles()
    results: dict = {"piles": [], "repeated": []}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"pile{n}.jsonl"
            with open(path, "w", encoding="utf-8") as fh:
                for i, doc in enumerate(docs[:n]):
                    fh.write(json.dumps({"id": f"a{i}", "text": doc}) + "\n")
            print(f"{n} articles", flush=True)
            runs = [run(path, "all"), run(path, "none")]
            if singles:
                runs += [run(path, section) for section in SECTIONS]
            results["piles"].append({"size": n, "runs": runs})
        paragraph = repeated_paragraph()
        for lines in (1000, 5300):
            path = Path(tmp) / f"repeated{lines}.txt"
            path.write_text((paragraph + "\n") * lines, "utf-8")
            print(f"{lines} lines of one paragraph ({path.stat().st_size / 1e6:.1f} MB)", flush=True)
            results["repeated"].append({"lines": lines, "bytes": path.stat().st_size,
                                        "runs": [run(path, "all"), run(path, "none")]})
    results["when"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    results["python"] = platform.python_version()
    results["load"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    results["total_articles"] = len(docs)
    return results


def _by(runs: list[dict], sections: str) -> dict | None:
    return next((r for r in runs if r["sections"] == sections), None)


def markdown(results: dict) -> str:
    piles = results["piles"]
    lines = ["<!-- scale:start -->", "## Scale", "",
             f"Regenerated by `bench/scale_bench.py` on {results['when']}; one brief (200 words) over the first N "
             f"of the {results['total_articles']:,} distinct articles of the cased dev files (DUC 2003/2004/2006, "
             "MultiLing, full-text Multi-News; shuffled, seed 16), each run in a fresh process; "
             f"Python {results['python']}, load average at the end {results['load']} (the 2 cores were shared "
             "with other jobs, so absolute times are pessimistic and move between runs; ratios within a run "
             "mean more). Time and CPU are the `newsbrief.brief` call (spaCy's model load included where a "
             "section needs it); RSS is the process peak.", "",
             "| articles | words | every section: wall s | CPU s | peak RSS MiB | `--sections none`: wall s "
             "| CPU s | peak RSS MiB | every section / none (CPU) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for pile in piles:
        every, none = _by(pile["runs"], "all"), _by(pile["runs"], "none")
        lines.append(f"| {pile['size']:,} | {every['words']:,} | {every['wall_s']:.1f} | {every['cpu_s']:.1f} | "
                     f"{every['peak_rss_mb']:,.0f} | {none['wall_s']:.1f} | {none['cpu_s']:.1f} | "
                     f"{none['peak_rss_mb']:,.0f} | {every['cpu_s'] / max(none['cpu_s'], 1e-9):.1f}× |")
    if any(_by(p["runs"], SECTIONS[0]) for p in piles):
        lines += ["", "Each analysis section alone (`--sections X`, CPU s; the ratio is to `--sections none`):", "",
                  "| articles | " + " | ".join(SECTIONS) + " |", "| ---: |" + " ---: |" * len(SECTIONS)]
        for pile in piles:
            none = _by(pile["runs"], "none")
            cells = []
            for section in SECTIONS:
                row = _by(pile["runs"], section)
                cells.append(f"{row['cpu_s']:.1f} ({row['cpu_s'] / max(none['cpu_s'], 1e-9):.1f}×)" if row else "—")
            lines.append(f"| {pile['size']:,} | " + " | ".join(cells) + " |")
    first, last = piles[0], piles[-1]
    if len(piles) > 1:
        growth = last["size"] / first["size"]
        every_growth = _by(last["runs"], "all")["cpu_s"] / _by(first["runs"], "all")["cpu_s"]
        none_growth = _by(last["runs"], "none")["cpu_s"] / _by(first["runs"], "none")["cpu_s"]
        lines += ["", f"From {first['size']:,} to {last['size']:,} articles ({growth:.0f}× the input) the CPU time "
                      f"grows {every_growth:.1f}× with every section and {none_growth:.1f}× with `--sections none`."]
    lines += _targets(piles)
    lines += ["", "One text file of one paragraph repeated (issue 16's table; this paragraph is 498 bytes a line, "
              "the issue's was ~560):", "",
              "| lines | size | every section: wall s | CPU s | peak RSS MiB | `--sections none`: wall s | CPU s "
              "| peak RSS MiB |", "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for rep in results["repeated"]:
        every, none = _by(rep["runs"], "all"), _by(rep["runs"], "none")
        lines.append(f"| {rep['lines']:,} | {rep['bytes'] / 1e6:.1f} MB | {every['wall_s']:.1f} | "
                     f"{every['cpu_s']:.1f} | {every['peak_rss_mb']:,.0f} | {none['wall_s']:.1f} | "
                     f"{none['cpu_s']:.1f} | {none['peak_rss_mb']:,.0f} |")
    lines += ["", "Before issue 16 (the issue's own table, same machine): 1,000 lines of the paragraph took 37 s and "
              "1.65 GB with every section, 5,300 lines were killed by the kernel at 24 GB, and 537 articles "
              "took 5 min 3 s and 3.8 GB; 250 of these articles took 72 CPU s (under the profiler) and 1.06 GB "
              "at the start of the work. What changed:", "",
              "- Similar sentence pairs come from an exact prefix-filter index (`represent/similarity.py`, "
              "All-Pairs with L2 bounds): only pairs sharing a rarer term are scored, with the same float "
              "values as the full product; no dense n×n matrix remains. In a pile of more than 51 sources "
              "a source is compared only with its 50 closest sources (cosine of the summed rows): within one "
              "story every pair is still searched, across a hundred stories the mid-frequency words no "
              "longer pair everything with everything.",
              "- Identical units are one class, compared once; a source's copies of one sentence past the "
              "third are dropped (the 5,300-line file is a handful of distinct sentences, 5,300 times).",
              "- Conflicts and the people checks walk the sparse pairs; quotes are grouped through a word "
              "index; the speaker-clash search compares each speaker's first mention per source; the "
              "verbatim check normalises each source once per brief (its 64-entry cache thrashed beyond 64 "
              "sources) and checks a quote only in the sources it cites.",
              "- The name index compares a short name only with names sharing its first or last word; "
              "`_sentence_start` no longer copies the text before every name (quadratic in one long "
              "article); names and the NER index are built only for the sections that use them.",
              "- Sections are capped (agreement 10, conflicts 12, quotes 200, unique 30 sources) with the "
              "count of the rest in `more`; a pile of more than `max_sentences` (400,000) sentences is "
              "refused with a one-line error before tokenising.",
              "- Second round (issue 16, seventh session; same JSON on 75 dev clusters and the 250-article "
              "pile): the pair search bounds what the terms outside both prefixes can add by the two rows' "
              "norms over those terms (Cauchy-Schwarz), which leaves 6 % of the candidates it scored before "
              "at 1,000 articles; alignment reuses the brief's own sentence terms; the entity mention scan is "
              "one trie-shaped pattern; spaCy is imported without its command line (0.6 → 0.35 CPU s); the "
              "names found are kept with the cluster, not in a process-wide cache (which made a second brief "
              "of the same 1,000 articles in one process take 60 CPU s, comparing word sets element by "
              "element); and the garbage collector's first threshold is 10,000 during a brief (it had "
              "walked the brief's millions of young objects 1,339 times: 1.7 of 9.3 CPU s).",
              "", "![Scale](results/scale.png)", "", "<!-- scale:end -->"]
    return "\n".join(lines) + "\n"


def _targets(piles: list[dict]) -> list[str]:
    """The issue's targets against this run's figures."""
    by_size = {p["size"]: p["runs"] for p in piles}
    out = ["", "Targets (issue 16):", ""]
    if 1000 in by_size:
        peak = _by(by_size[1000], "all")["peak_rss_mb"]
        out.append(f"- 1,000 articles within 2 GiB peak RSS: {peak:,.0f} MiB — "
                   + ("met." if peak <= 2048 else "**not met**."))
    if 250 in by_size and 1000 in by_size:
        ratio = _by(by_size[1000], "all")["cpu_s"] / _by(by_size[250], "all")["cpu_s"]
        out.append(f"- 4× the articles within 5× the time (250 → 1,000, every section, CPU): {ratio:.1f}× — "
                   + ("met." if ratio <= 5 else "**not met**."))
    ratios = {p["size"]: _by(p["runs"], "all")["cpu_s"] / max(_by(p["runs"], "none")["cpu_s"], 1e-9) for p in piles}
    over = [size for size, ratio in ratios.items() if ratio > 3]
    verdict = "met." if not over else (
        f"**not met** at {', '.join(f'{size:,}' for size in over)} articles"
        + (f" (met at {', '.join(f'{size:,}' for size in ratios if size not in over)})" if len(over) < len(ratios)
           else "")
        + "; before this session's second round 3.1–4.0× over two runs, 11.0 CPU s at 1,000 articles. A brief "
        "with names pays once for importing spaCy and loading its model (~0.45 CPU s here, half of it building "
        "the tokenizer), which weighs most on the smallest pile.")
    out.append(f"- every section within 3× the time of `--sections none`: {min(ratios.values()):.1f}–"
               f"{max(ratios.values()):.1f}× — {verdict}")
    return out


def plot(results: dict, path: Path = PLOT) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    piles = results["piles"]
    sizes = [p["size"] for p in piles]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for sections, label in (("all", "every section"), ("none", "--sections none"), *((s, s) for s in SECTIONS)):
        rows = [_by(p["runs"], sections) for p in piles]
        if all(rows):
            style = "o-" if sections in ("all", "none") else ".--"
            left.plot(sizes, [r["cpu_s"] for r in rows], style, label=label)
            if sections in ("all", "none"):
                right.plot(sizes, [r["peak_rss_mb"] / 1024 for r in rows], style, label=label)
    left.set(xlabel="articles in one brief", ylabel="CPU s", title="CPU time of one brief")
    right.axhline(2, color="grey", linestyle=":", label="target at 1,000: 2 GiB")
    right.set(xlabel="articles in one brief", ylabel="peak RSS (GiB)", title="Peak memory")
    for axis in (left, right):
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-singles", action="store_true", help="skip the runs of one section alone")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md or the plot")
    parser.add_argument("--replot", action="store_true", help="redo RESULTS.md and the plot from scale.json")
    parser.add_argument("--child", nargs=2, metavar=("PATH", "SECTIONS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.replot:
        results = json.loads(OUT.read_text("utf-8"))
    else:
        results = measure(args.sizes, singles=not args.no_singles)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(results, indent=1), "utf-8")
    text = markdown(results)
    print(text)
    if not args.no_write:
        sys.path.insert(0, str(ROOT / "bench"))
        from results_md import write_section

        write_section("scale", text)
        plot(results)


if __name__ == "__main__":
    main()
