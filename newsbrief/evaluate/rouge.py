"""ROUGE (Lin, 2004) as the ``rouge-score`` package computes it, run by ``rouge-score-rs``.

The scores equal those of google-research's ``rouge_score.rouge_scorer`` with
``use_stemmer=True``: text is lower-cased, split on anything outside ``[a-z0-9]``,
and words longer than three letters are Porter-stemmed. ROUGE-Lsum reads one
sentence a line, so summaries are scored as their sentences joined by ``\\n``
(``sentence_lines``). The equivalent ROUGE-1.5.5 command line is
``ROUGE-1.5.5.pl -m -n 2 -a`` (stemmed, stop words kept); the byte/word cut
(``-b``/``-l``) is done before scoring, by the caller.

With several references the per-reference scores are averaged (the DUC
convention), rather than taking the best one as ``score_multi`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from newsbrief.errors import ModelUnavailableError

METRICS: tuple[str, ...] = ("rouge1", "rouge2", "rougeLsum")
MEASURES: tuple[str, ...] = ("f", "recall", "precision")


class RougeScore(NamedTuple):
    """Precision, recall and F1 of one ROUGE variant (field names as in ``rouge_score.scoring.Score``)."""

    precision: float
    recall: float
    fmeasure: float

    @property
    def f1(self) -> float:
        return self.fmeasure

    def get(self, measure: str) -> float:
        """The value of ``measure``: ``"f"``, ``"recall"`` or ``"precision"``."""
        if measure == "f":
            return self.fmeasure
        if measure == "recall":
            return self.recall
        if measure == "precision":
            return self.precision
        raise ValueError(f"unknown measure {measure!r}; use one of: {', '.join(MEASURES)}")


def _rs() -> Any:
    try:
        import rouge_score_rs
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelUnavailableError(
            "ROUGE needs the rouge-score-rs package: pip install 'newsbrief[eval]'") from exc
    return rouge_score_rs


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    return _rs().tokenizers.DefaultTokenizer(use_stemmer=True)


def tokenize(text: str) -> list[str]:
    """The tokens ROUGE compares: lower-cased ``[a-z0-9]+`` runs, Porter-stemmed if longer than 3."""
    return _tokenizer().tokenize(text)


def sentence_lines(sentences: Iterable[str]) -> str:
    """Sentences as ROUGE-Lsum reads them: one a line, inner line breaks flattened."""
    return "\n".join(" ".join(s.split()) for s in sentences if s.strip())


def reference_lines(text: str) -> str:
    """A reference summary split into sentences by newsbrief's splitter, one a line."""
    from newsbrief.segment.sentences import split_text

    return sentence_lines(split_text(text))


class RougeScorer:
    """ROUGE-N and ROUGE-Lsum with stemming, same call shape as ``rouge_score.rouge_scorer.RougeScorer``.

    >>> scorer = RougeScorer(["rouge1"])
    >>> scorer.score("testing one two", "testing")["rouge1"]
    RougeScore(precision=1.0, recall=0.3333333333333333, fmeasure=0.5)
    """

    def __init__(self, rouge_types: Sequence[str] = METRICS, *, use_stemmer: bool = True):
        self.rouge_types = tuple(rouge_types)
        self._scorer = _rs().RougeScorer(list(self.rouge_types), use_stemmer=use_stemmer)

    def score(self, target: str, prediction: str) -> dict[str, RougeScore]:
        """Scores of ``prediction`` against one reference ``target`` (Lsum: one sentence a line)."""
        raw = self._scorer.score(target, prediction)
        return {name: RougeScore(*raw[name]) for name in self.rouge_types}

    def score_mean(self, targets: Sequence[str], prediction: str) -> dict[str, RougeScore]:
        """Scores against each reference, averaged over the references (DUC convention).

        With no reference every score is 0, as ROUGE scores empty text.
        """
        if not targets:
            return {name: RougeScore(0.0, 0.0, 0.0) for name in self.rouge_types}
        per_target = [self.score(t, prediction) for t in targets]
        n = len(per_target)
        return {name: RougeScore(*(sum(s[name][k] for s in per_target) / n for k in range(3)))
                for name in self.rouge_types}
