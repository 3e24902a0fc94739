"""The extractive oracle: source sentences chosen to maximise ROUGE-1 + ROUGE-2 against the references.

As in Nallapati et al. (2017) and Kedzie et al. (2018), sentences are added one
at a time by their gain in the mean over references of ROUGE-1 + ROUGE-2 (the
measure being evaluated: recall or F1), stopping when nothing raises it or the
budget is full; a small beam (``beam``; 1 is the plain greedy oracle) keeps a few
partial summaries instead of one. A sentence that does not fit whole is scored as
it would be cut, so the oracle plays by the same truncation as every system. It
reads the references, so it is an upper bound on extraction (approximate: the
search is not exhaustive), never a system.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar, NamedTuple

from newsbrief.datatypes import Budget

# Beam width: on DUC 2004 dev (25 clusters, 100 words, recall) beams of 1 / 5 / 10
# reached R-1 39.5 / 43.2 / 43.9 in 1.7 / 3.3 / 10.6 s; on 60 Multi-News dev
# clusters (300 words, F1) 50.7 / 51.0 / 51.0. 5 is most of the gain for little time.
BEAM = 5


def _bigrams(tokens: Sequence[str]) -> list[tuple[str, str]]:
    return list(pairwise(tokens))


def _joined_bigrams(before: Sequence[str], tokens: Sequence[str]) -> list[tuple[str, str]]:
    """Bigrams that ``tokens`` adds after ``before``: ROUGE-2 reads across sentence ends."""
    grams = _bigrams(tokens)
    if before and tokens:
        grams.append((before[-1], tokens[0]))
    return grams


@dataclass(frozen=True, slots=True)
class _Reference:
    unigrams: Counter[str]
    bigrams: Counter[tuple[str, str]]
    n1: int
    n2: int


class _State(NamedTuple):
    chosen: tuple[int, ...]
    texts: tuple[str, ...]
    tokens: tuple[str, ...]
    summary1: Counter[str]
    summary2: Counter[tuple[str, str]]
    overlap1: tuple[int, ...]
    overlap2: tuple[int, ...]
    value: float


class _Option(NamedTuple):
    value: float
    state: int
    index: int
    text: str
    tokens: list[str]
    overlap1: tuple[int, ...]
    overlap2: tuple[int, ...]


def _gain(candidate: Counter, summary: Counter, reference: Counter) -> int:
    """How much clipped n-gram overlap with ``reference`` the candidate adds to the summary."""
    added = 0
    for gram, count in candidate.items():
        ref = reference.get(gram)
        if ref:
            have = summary.get(gram, 0)
            if have < ref:
                added += min(have + count, ref) - have
    return added


def _value(overlap: int, predicted: int, reference: int, measure: str) -> float:
    if measure == "recall":
        return overlap / reference if reference else 0.0
    if measure == "precision":
        return overlap / predicted if predicted else 0.0
    total = predicted + reference  # F1 = 2PR / (P + R) = 2 * overlap / (predicted + reference)
    return 2 * overlap / total if total else 0.0


@dataclass(frozen=True)
class OracleSummarizer:
    """Extractive oracle; ``measure`` is what it maximises ("f" or "recall")."""

    name: str = "oracle"
    measure: str = "f"
    beam: int = BEAM
    needs_references: ClassVar[bool] = True

    def summarize(self, documents: Sequence[str], budget: Budget, *,
                  references: Sequence[str] = ()) -> list[str]:
        """Source sentences in the order chosen (the last one possibly cut); empty without references."""
        from newsbrief.evaluate.peers import document_sentences
        from newsbrief.evaluate.rouge import tokenize

        refs = []
        for text in references:
            tokens = tokenize(text)
            grams = _bigrams(tokens)
            refs.append(_Reference(Counter(tokens), Counter(grams), len(tokens), len(grams)))
        if not refs:
            return []
        seen: set[str] = set()
        candidates: list[str] = []
        for sentences in document_sentences(documents):
            for sentence in sentences:
                key = " ".join(sentence.lower().split())
                if key and key not in seen:
                    seen.add(key)
                    candidates.append(sentence)
        return self._search(candidates, [tokenize(s) for s in candidates], refs, budget, tokenize)

    def _options(self, number: int, state: _State, candidates: list[str], full_tokens: list[list[str]],
                 refs: list[_Reference], budget: Budget, tokenize: Callable[[str], list[str]]) -> list[_Option]:
        """Every sentence that would raise this state's value, with the value it would reach."""
        from newsbrief.select.truncate import cut_bytes, cut_words

        remaining = budget.limit - budget.measure(state.texts) - (1 if budget.unit == "bytes" and state.texts else 0)
        if remaining <= 0:
            return []
        out = []
        for index, text in enumerate(candidates):
            if index in state.chosen:
                continue
            tokens = full_tokens[index]
            if budget.cost(text) > remaining:
                if budget.unit == "words":
                    text = cut_words(text, remaining)
                elif budget.unit == "bytes":
                    text = cut_bytes(text, remaining).rstrip()
                tokens = tokenize(text)
            if not tokens:
                continue
            uni, bi = Counter(tokens), Counter(_joined_bigrams(state.tokens, tokens))
            new1 = tuple(o + _gain(uni, state.summary1, r.unigrams) for o, r in zip(state.overlap1, refs, strict=True))
            new2 = tuple(o + _gain(bi, state.summary2, r.bigrams) for o, r in zip(state.overlap2, refs, strict=True))
            p1 = len(state.tokens) + len(tokens)
            value = sum(_value(a, p1, r.n1, self.measure) + _value(b, max(p1 - 1, 0), r.n2, self.measure)
                        for a, b, r in zip(new1, new2, refs, strict=True)) / len(refs)
            if value > state.value + 1e-12:
                out.append(_Option(value, number, index, text, tokens, new1, new2))
        return out

    def _search(self, candidates: list[str], full_tokens: list[list[str]], refs: list[_Reference],
                budget: Budget, tokenize: Callable[[str], list[str]]) -> list[str]:
        """Beam search over sentence additions; the best summary any beam reached."""
        empty = (0,) * len(refs)
        beam = [_State((), (), (), Counter(), Counter(), empty, empty, 0.0)]
        best = beam[0]
        while beam:
            options: list[_Option] = []
            for number, state in enumerate(beam):
                options += self._options(number, state, candidates, full_tokens, refs, budget, tokenize)
            # Best first; ties go to the earlier state and sentence, so runs repeat exactly.
            options.sort(key=lambda o: (-o.value, o.state, o.index))
            next_beam: list[_State] = []
            sets: set[frozenset[int]] = set()
            for option in options:
                parent = beam[option.state]
                chosen = frozenset((*parent.chosen, option.index))
                if chosen in sets:  # the same sentences reached in another order
                    continue
                sets.add(chosen)
                summary1, summary2 = parent.summary1.copy(), parent.summary2.copy()
                summary1.update(option.tokens)
                summary2.update(_joined_bigrams(parent.tokens, option.tokens))
                next_beam.append(_State((*parent.chosen, option.index), (*parent.texts, option.text),
                                        (*parent.tokens, *option.tokens), summary1, summary2,
                                        option.overlap1, option.overlap2, option.value))
                if len(next_beam) >= max(1, self.beam):
                    break
            if next_beam and next_beam[0].value > best.value:
                best = next_beam[0]
            beam = next_beam
        return list(best.texts)
