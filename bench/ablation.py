"""The ablation table of bench/RESULTS.md: what each ingredient of the default method adds.

Every variant is a named method (``newsbrief.select.variants`` and the other
selectors), run through ``newsbrief evaluate`` on the same clusters in one run,
so the differences come with paired bootstrap intervals against the default.

    .venv/bin/python bench/ablation.py            # rewrites the "## Ablation" section
    .venv/bin/python bench/ablation.py --limit 5  # quick check, RESULTS.md untouched
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_md import markers, write_section  # noqa: E402
from run_eval import DATA, OUT_DIR, section_markdown  # noqa: E402

from newsbrief.evaluate.runner import EvaluationResult, evaluate  # noqa: E402

START, END = markers("ablation")
SYSTEMS = ("newsbrief,newsbrief:concepts.v2,newsbrief:concepts,newsbrief:concepts-position,newsbrief:concepts-flat,"
           "newsbrief:concepts-content,newsbrief:concepts-ilp,newsbrief:submodular,newsbrief:submodular-concepts,lead")
RUNS = (
    ("DUC 2004 dev, 100 words, recall", "duc2004_dev.jsonl", "100w", "recall"),
    ("Multi-News full text dev, 300 words, F1", "multinews_dev_fulltext.jsonl", "300w", "f"),
)
# The learned method (issue 17) against each of its variants: a feature group read at its training mean,
# the learned concept weights, and concepts.v3 (no learned part at all).
LEARNED_SYSTEMS = ("newsbrief:learned.v1,newsbrief:concepts.v3,newsbrief:learned-no-position,"
                   "newsbrief:learned-no-length,newsbrief:learned-no-centrality,newsbrief:learned-no-support,"
                   "newsbrief:learned-no-style,newsbrief:learned-no-relevance,newsbrief:learned-concepts")
LEARNED_RUNS = (
    ("learned.v1: Multi-News validation (truncated), 300 words, F1", "multinews_dev.jsonl", "300w", "f"),
    ("learned.v1: Multi-News full text dev, 300 words, F1", "multinews_dev_fulltext.jsonl", "300w", "f"),
    ("learned.v1: DUC 2004 dev, 100 words, recall", "duc2004_dev.jsonl", "100w", "recall"),
    ("learned.v1: DUC 2003, 100 words, recall", "duc2003_task2.jsonl", "100w", "recall"),
)
LEARNED_INGREDIENTS = """\
### learned.v1 (issue 17)

`learned.v1` is `concepts.v3`'s coverage with each sentence's gain also multiplied by p^1.5, p being a
logistic model's probability that the sentence is in a greedy ROUGE-1 + 2 oracle extract of its cluster,
learned from the 20,000 Multi-News training clusters (`make model`; features in
`newsbrief/learn/features.py`). An article relevance model fitted on the clusters' `relevant` flags
feeds it. Variants, each a named method:

- `learned-no-<group>`: the group's features read at their training mean (the model is not refitted), so
  the row says what the group adds to the shipped model: `position` (log index, lead flag, relative
  index), `length` (log words, over 60, under 8), `centrality` (centroid cosine, concept gain and gain
  per word), `support` (share of other articles with a close sentence, best cosine there), `style`
  (quote, attribution verb, leading pronoun, digits, prose ending, question), `relevance` (the article
  relevance model and the article's cosine to the rest of the cluster).
- `learned-concepts`: also the learned concept weights (the probability that the summary states the
  bigram) in place of df^1.5 x position boost.
- `concepts.v3`: no learned part.

Tried on 2,000 training clusters before the full run (five dev files): soft labels (each sentence's share
of summary bigrams) instead of oracle labels (Multi-News full text -0.5 R-1, DUC 2004 -0.6), the learned
concept weights alone (DUC 2003 -1.5 R-1, DUC 2004 -0.9) or with sentence worth, ranking sentences by p
alone without coverage (DUC 2004 -4.8 R-1), sentence powers 0.5, 1, 1.5, 2 (1 and 1.5 level; 1.5
kept), a centroid exponent of 0.5 (DUC 2003 -0.7 R-1), and a 16-unit tanh layer over the same features
(within +-0.1 on Multi-News, DUC 2003 -0.5, MultiLing +0.6; ten minutes of fitting on 2,000 clusters).
"""
INGREDIENTS = """\
Variants (each a named method, `--method NAME`):

- `newsbrief` = `concepts.v3`, the default: greedy budgeted coverage of stemmed word bigrams (stop words
  kept, stop-word-only pairs dropped), each weighted by df^1.5 over articles and boosted by 1 + 2/(1 + position)
  where an article states it earliest; each sentence's gain times its TF-IDF cosine to the cluster centroid;
  sentences of 5-60 words ending like prose, or longer ones that cost at most a third of the budget;
  near-duplicates skipped.
- `concepts.v2`: the same with sentences of over 60 words always left out (the default until the second
  round of issue #5; identical under 100-word and 665-byte budgets).
- `concepts`: `concepts.v2` without the centroid factor (the default until issue #5).
- `concepts-position`: `concepts.v2` with gains also decaying as exp(-index / (7.5 x articles)), a lead prior
  that fades as sources multiply (helps Multi-News, costs DUC 2004 a little R-2).
- `concepts-flat`: no position boost, plain df weights (what position and agreement add).
- `concepts-content`: bigrams of content words only (stop words removed before pairing).
- `concepts-ilp`: the exact Gillick & Favre ILP (HiGHS via `scipy.optimize.milp`) instead of the greedy.
- `submodular`: Lin & Bilmes (2011) saturated coverage + k-means diversity reward over TF-IDF similarities.
- `submodular-concepts`: the same plus the word-bigram concept coverage.

Tuned parameters of the default, and how: `df_power` (1.0/1.5/2.0) and `position_boost` (0.5-8) swept
on DUC 2003/2004 and Multi-News dev (3x3 grid, best mean rank); the bigram kind chosen by the +1 R-1 it
gave on DUC 2004. The centroid exponent (0, 0.5, 1, 1.5, 2, 3) x a position decay (none, exp(-index/tau) with
tau 15/25/40, or 7.5 x articles): chosen on the even-numbered clusters of the five dev files, checked on the
odd ones; exponent 1 without decay won. The long-sentence share (1/4, 1/3, 1/2, 1) chosen the same way:
1/3 best on the even clusters of truncated Multi-News, where 17% of the words are in sentences over 60
words. Also tried without a lasting gain (within noise): unigram concepts
(weights 0.05-0.5), min-df 3, pronoun/quote penalties, candidate length bounds, redundancy thresholds 0.3-0.7,
and removing parentheticals and trailing attributions ("…, officials said.") before selection (+0.4 R-1 on
DUC 2004, ±0 on Multi-News). For issue #5 (all within ±0.5 on Multi-News full text unless said): document-centrality
weights on sentences, cross-document support (best cosine to another article's sentence), a doc-normalised
centroid, concept weights from bigram counts and earliest position (tf^a df^b (1+pos)^-c), bigram weights
from a 10-feature logistic model fitted on half the clusters (+0.4 R-1), relative-position and knee-shaped
position priors, candidates cut to the first 5-20 sentences of each article, and a MiniLM embedding
centroid over the first 10 sentences (no gain, ~30 sentences/s). For truncated Multi-News (against
`concepts.v2`, or `concepts.v3` where said): position decays of 0.5-7.5 x articles (+0.1 at most), the fill
after the candidates run out ordered by coverage value, centroid cosine, position, or greedy coverage, with
near-duplicates skipped (within +-0.1), fragments (no final punctuation) as candidates with their gain x
0.25-1 (+0.1 on `concepts.v3`, and they would reach readers' briefs), cost exponents 0.7-1.15 (DUC 2003
-0.3 R-2 or worse for each), and a TF-IDF centroid of each article's first 1-8 sentences instead of all
(MultiLing +1.2/+2.4 at 1-2, DUC 2003 -2.9/-1.1).
"""


def _weights_table() -> str:
    """The shipped sentence model's standardised weights, largest first: what it leans on."""
    from newsbrief.learn.model import load_model
    from newsbrief.select.learned import shipped_model_path

    model = load_model(shipped_model_path())
    rows = sorted(zip(model.sentence.features, model.sentence.weights.tolist(), strict=True),
                  key=lambda row: -abs(row[1]))
    about = model.about.get("training_data", {})
    lines = [f"Weights of the shipped sentence model (per standard deviation of each feature; trained on "
             f"{about.get('clusters', 0):,} clusters, data sha256 `{str(about.get('sha256', ''))[:16]}…`):", "",
             "| feature | weight |", "| --- | ---: |", *[f"| `{name}` | {weight:+.3f} |" for name, weight in rows],
             ""]
    return "\n".join(lines)


def _evaluate(name: str, budget: str, measure: str, systems: str, limit: int | None) -> tuple[str, EvaluationResult]:
    """One evaluation of ``systems`` on a dev file, printed; with the equivalent command line."""
    command = (f"newsbrief evaluate --data {DATA}/{name} --words {budget[:-1]} --measure {measure} "
               f"--systems {systems}" + (f" --limit {limit}" if limit else ""))
    print(f"ablation: {command}", file=sys.stderr)
    result = evaluate(ROOT / DATA / name, systems=systems.split(","), budget=budget, measure=measure, limit=limit)
    print(result.to_table())
    return command, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="First N clusters only (quick check; RESULTS.md untouched).")
    args = parser.parse_args()
    sections = []
    for title, name, budget, measure in RUNS:
        command, result = _evaluate(name, budget, measure, SYSTEMS, args.limit)
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        stem = f"ablation_{Path(name).stem}"
        (OUT_DIR / f"{stem}.json").write_text(result.to_json(), "utf-8")
        doc = result.to_dict()
        sections.append((title, command, doc, stem))
    learned = []
    for title, name, budget, measure in LEARNED_RUNS:
        command, result = _evaluate(name, budget, measure, LEARNED_SYSTEMS, args.limit)
        (OUT_DIR / f"ablation_learned_{Path(name).stem}.json").write_text(result.to_json(), "utf-8")
        learned.append((title, command, result.to_dict()))
    if args.limit:
        return
    lines = [START, "## Ablation", "", f"Regenerated by `bench/ablation.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
             "", INGREDIENTS]
    for title, command, doc, _ in sections:
        block = section_markdown(title, command, doc)
        lines += [line for line in block if not line.startswith("Plot:")]
    lines += ["", LEARNED_INGREDIENTS, _weights_table()]
    for title, command, doc in learned:
        block = section_markdown(title, command, doc)
        lines += [line.replace("### learned.v1: ", "#### ") for line in block if not line.startswith("Plot:")]
    lines.append(END)
    write_section("ablation", "\n".join(lines))


if __name__ == "__main__":
    main()
