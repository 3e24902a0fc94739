"""Named variants of the built-in methods, kept for the ablation table in bench/RESULTS.md.

Each removes one ingredient of the default (``concepts``), so that what each
ingredient adds is measured in the same run with the same harness.
"""

from __future__ import annotations

from newsbrief.registry import methods
from newsbrief.select.concepts import CentroidConceptSelector, ConceptSelector
from newsbrief.select.submodular import SubmodularSelector


@methods.register("concepts-flat", hidden=True)
def flat_concepts() -> ConceptSelector:
    """The default without the position boost and with plain document frequency."""
    return ConceptSelector(position_boost=0.0, df_power=1.0)


@methods.register("concepts-content", hidden=True)
def content_concepts() -> ConceptSelector:
    """The default with bigrams of content words only (stop words removed first)."""
    return ConceptSelector(kind="content")


@methods.register("submodular-concepts", hidden=True)
def submodular_with_concepts() -> SubmodularSelector:
    """Lin & Bilmes' coverage + diversity, plus the word-bigram concept coverage."""
    return SubmodularSelector(concept_weight=1.0, concept_kind="words")


@methods.register("concepts-position", hidden=True)
def position_concepts() -> CentroidConceptSelector:
    """``concepts.v2`` whose gains also decay with the sentence's position, the fewer the articles the faster.

    exp(-index / (7.5 * articles)): a prior for stories with few sources, where agreement between articles
    says little and the lead says much (Multi-News: +0.6 R-1, +0.8 R-2 over ``concepts.v2``; DUC 2004
    -0.3 R-2). 7.5 from 3, 5, 7.5, 10 on the dev clusters.
    """
    return CentroidConceptSelector(position_decay=7.5)
