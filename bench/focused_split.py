"""Focused against generic briefs on the two halves of DUC 2006 dev: the tuning half and the other.

The focused selector's constants were swept on the even-numbered topics (0, 2,
..., 24 in file order); this scores ``newsbrief`` (focused on each topic's
query) beside ``newsbrief-generic`` on each half and on all 25, with the paired
bootstrap of ``newsbrief evaluate``, so the gain on the half it was not chosen on
can be read beside the gain on the half it was.

    .venv/bin/python bench/focused_split.py [--words 250] [--json bench/results/duc2006_split.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import newsbrief

DATA = Path("../shared/data/duc2006_dev.jsonl")  # relative to the repo root, where it runs
HALVES = {"even (tuning, 13 topics)": 0, "odd (other half, 12 topics)": 1, "all 25 topics": None}


def split(lines: list[str], parity: int | None) -> list[str]:
    return lines if parity is None else lines[parity::2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    lines = [line for line in args.data.read_text("utf-8").splitlines() if line.strip()]
    report: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, parity in HALVES.items():
            path = Path(tmp) / "half.jsonl"
            path.write_text("\n".join(split(lines, parity)) + "\n", encoding="utf-8")
            result = newsbrief.evaluate(path, systems="newsbrief,newsbrief-generic", budget=f"{args.words}w",
                                        measure="recall")
            scores = {s: {m: round(result.systems[s].scores[m].mid * 100, 2) for m in ("rouge1", "rouge2")}
                      for s in result.systems}
            diff = result.comparisons["newsbrief-generic"]
            paired = {m: [round(diff[m].mid * 100, 2), round(diff[m].low * 100, 2), round(diff[m].high * 100, 2)]
                      for m in ("rouge1", "rouge2")}
            report[name] = {"clusters": len(result.cluster_ids), "recall": scores,
                            "focused_minus_generic": paired}
            f, g = scores["newsbrief"], scores["newsbrief-generic"]
            d = paired["rouge2"]
            print(f"| {name} | {f['rouge1']:.2f} / {f['rouge2']:.2f} | {g['rouge1']:.2f} / {g['rouge2']:.2f} | "
                  f"{d[0]:+.2f} [{d[1]:+.2f}, {d[2]:+.2f}] |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
