"""The agreed and only-in sections tidied after they are built: each item stands alone, no junk, one fact once.

A post-pass over what ``agreement.py`` produced (it is not changed): an item is
left out when it is page debris (``ingest.junk_sentences``), is cut (it does not
end like a sentence: a list fragment ending in ";"), or leans on a sentence
before it (``select.standalone.dependence``: "But ...", "He said ...", an
unattributed quotation), since a section lists items one by one with nothing
before them. Then one fact once: an item whose content words are mostly those
of an item listed before it is the same fact; stated by two sources it is
agreed, not "only in" each (the two only-in items become one agreed item that
cites both), and an only-in item that repeats an agreed one adds its source's
span to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsbrief.datatypes import Fact
from newsbrief.ingest.junk_sentences import junk_kind
from newsbrief.represent.facts import judge, read_facts
from newsbrief.represent.prepared import PreparedCluster
from newsbrief.represent.tokens import content_terms
from newsbrief.select.standalone import dependence, repeats_any

_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")")


def tidy_sections(analysis: dict[str, object], cluster: PreparedCluster) -> dict[str, object]:
    """``analysis`` with its ``agreement`` and ``unique`` sections tidied (see the module docstring)."""
    if "agreement" not in analysis and "unique" not in analysis:
        return analysis
    firsts = {(s.doc_index + 1, s.start) for s in cluster.sentences if s.index == 0}
    agreement: Sequence[Fact] = analysis.get("agreement", ())  # type: ignore[assignment]
    unique: Sequence[tuple[int, tuple[Fact, ...]]] = analysis.get("unique", ())  # type: ignore[assignment]
    agreed: list[Fact] = []
    agreed_terms: list[set[str]] = []
    for fact in agreement:
        if not _stands(fact, firsts):
            continue
        terms = set(content_terms(fact.text))
        at = _repeated_in(terms, agreed_terms)
        if at is None:
            agreed.append(fact)
            agreed_terms.append(terms)
        else:  # two agreed items of one fact: one item citing every source of both
            agreed[at] = _with_spans(agreed[at], fact)
    only: dict[int, list[Fact]] = {n: [] for n, _ in unique}
    only_terms: list[tuple[int, int, set[str]]] = []  # (source, position in only[source], terms)
    merged: set[tuple[int, int]] = set()
    for number, facts in unique:
        for fact in facts:
            if not _stands(fact, firsts):
                continue
            terms = set(content_terms(fact.text))
            at = _repeated_in(terms, agreed_terms)
            if at is not None:
                widened = _with_spans(agreed[at], fact)
                if widened.sources != agreed[at].sources:
                    agreed[at] = widened
                    continue
                if number in agreed[at].sources:
                    continue  # its source is cited for the agreed item already
                # another figure than the agreed item's: it stays "only in" its source
            earlier = next(((n, k) for n, k, other in only_terms if repeats_any(terms, [other])), None)
            if earlier is None:
                only[number].append(fact)
                only_terms.append((number, len(only[number]) - 1, terms))
            elif earlier[0] != number and earlier not in merged:
                both = _with_spans(only[earlier[0]][earlier[1]], fact)
                if len(both.sources) < 2:  # the second gives another figure: two facts, each only in its source
                    only[number].append(fact)
                    continue
                agreed.append(both)
                agreed_terms.append(terms)
                merged.add(earlier)
    for number, k in merged:
        only[number][k] = None  # type: ignore[call-overload]
    out = dict(analysis)
    if "agreement" in analysis:
        out["agreement"] = tuple(agreed)
    if "unique" in analysis:
        kept = ((n, tuple(f for f in facts if f is not None)) for n, facts in only.items())
        out["unique"] = tuple((n, facts) for n, facts in kept if facts)
    return out


def _stands(fact: Fact, firsts: set[tuple[int, int]]) -> bool:
    """Not debris, not cut, and leaning on nothing before it."""
    text = fact.text.strip()
    if not text.endswith(_SENTENCE_END) or junk_kind(text) is not None:
        return False
    first = bool(fact.spans) and (fact.spans[0].source, fact.spans[0].start) in firsts
    return dependence(text, first_in_article=first) is None


def _repeated_in(terms: set[str], listed: list[set[str]]) -> int | None:
    return next((k for k, other in enumerate(listed) if repeats_any(terms, [other])), None)


def _with_spans(fact: Fact, other: Fact) -> Fact:
    """``fact`` citing also ``other``'s spans from sources it does not cite yet, judged as ``agreement.py`` judges
    its own (``represent/facts.judge``): similar words are not the same statement, so a span that gives another
    figure is not added ("One in seven … under 50" / "those under 50 were 30 percent more likely"), and one that
    states the fact in part is marked partial."""
    cited = {s.source for s in fact.spans}
    claim = read_facts(fact.text)
    extra, lacks = [], list(fact.lacks)
    for s in other.spans:
        if s.source in cited:
            continue
        verdict = judge(claim, read_facts(s.text))
        if verdict.status == "contradicts":
            continue
        extra.append(s)
        if verdict.lacks:
            lacks.append((s.source, verdict.lacks))
    return dataclasses.replace(fact, spans=fact.spans + tuple(extra), salience=max(fact.salience, other.salience),
                               lacks=tuple(sorted(lacks)))
