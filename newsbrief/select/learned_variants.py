"""Named variants of ``learned.v1`` for the ablation in bench/RESULTS.md: each leaves one part out.

A feature group is left out by reading its features at their training mean
(the model is not trained again), so each row says what that group adds to the
shipped model's selections.
"""

from __future__ import annotations

from newsbrief.registry import methods
from newsbrief.select.learned import LearnedSelector

FEATURE_GROUPS = {
    "position": ("log_position", "first", "relative_position"),
    "length": ("log_words", "long", "short"),
    "centrality": ("centroid", "gain", "gain_density"),
    "support": ("support", "best_other_cosine"),
    "style": ("quote", "attribution", "pronoun_start", "digit", "prose", "question"),
    "relevance": ("doc_relevance", "doc_cosine", "doc_rank_cosine", "doc_log_words",
                  "doc_log_sentences", "doc_prose_share", "doc_mean_sentence_words", "doc_junk_words",
                  "doc_log_docs", "doc_best_cosine"),
}


def _without(group: str) -> LearnedSelector:
    return LearnedSelector(neutral=FEATURE_GROUPS[group])


for _group in FEATURE_GROUPS:
    methods.register(f"learned-no-{_group}", hidden=True)(lambda group=_group: _without(group))


@methods.register("learned-concepts", hidden=True)
def learned_concepts() -> LearnedSelector:
    """``learned.v1`` with the learned concept weights in place of concepts.v3's df^1.5 x position boost."""
    return LearnedSelector(learned_concepts=True)
