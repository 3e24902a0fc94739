"""Named variants of the built-in methods, kept for the ablation table in bench/RESULTS.md.

Each removes one ingredient of the default (``concepts``), so that what each
ingredient adds is measured in the same run with the same harness.
"""

from __future__ import annotations

from newsbrief.registry import methods
from newsbrief.select.concepts import ConceptSelector
from newsbrief.select.submodular import SubmodularSelector


@methods.register("concepts-flat")
def flat_concepts() -> ConceptSelector:
    """The default without the position boost and with plain document frequency."""
    return ConceptSelector(position_boost=0.0, df_power=1.0)


@methods.register("concepts-content")
def content_concepts() -> ConceptSelector:
    """The default with bigrams of content words only (stop words removed first)."""
    return ConceptSelector(kind="content")


@methods.register("submodular-concepts")
def submodular_with_concepts() -> SubmodularSelector:
    """Lin & Bilmes' coverage + diversity, plus the word-bigram concept coverage."""
    return SubmodularSelector(concept_weight=1.0, concept_kind="words")
