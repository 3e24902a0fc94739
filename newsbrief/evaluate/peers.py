"""The systems an evaluation compares, ours and theirs, behind one ``Summarizer`` contract.

- ``lead``: the first sentence of every document in turn, then the second, ...
  (round-robin lead, the usual multi-document form of the Lead-k baseline).
- ``lexrank`` (Erkan & Radev, 2004), ``textrank`` (Mihalcea & Tarau, 2004) and
  ``lsa`` (Steinberger & Ježek, 2004): sumy's implementations, unchanged, with
  sumy's English stop words and Snowball stemmer. sumy's own tokenizer needs
  NLTK's punkt data, which cannot be downloaded here, so it gets an offline one
  (``OfflineTokenizer``: newsbrief's sentence splitter and a regex word splitter).
- ``oracle``: greedy ROUGE maximisation against the references (``oracle.py``).
- ``newsbrief`` / ``newsbrief:<method>``: ``newsbrief.brief`` with the analysis
  sections off; on a cluster with a ``query`` key, the brief focused on it.
- ``newsbrief-generic`` / ``newsbrief-generic:<method>``: the same, the query
  ignored (the generic brief a focused one is compared with).

Rankers take sentences in rating order until the budget is reached (the last one
may overflow; the runner then cuts every system to exactly the budget), skipping
exact repeats of a sentence already taken. sumy's ratings are used as they are.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest
from typing import Any, ClassVar, Protocol, runtime_checkable

from newsbrief.datatypes import Budget
from newsbrief.errors import ModelUnavailableError, UnknownAlgorithmError
from newsbrief.evaluate.oracle import OracleSummarizer
from newsbrief.registry import Registry

__all__ = [
    "LeadSummarizer",
    "LexRankSummarizer",
    "LsaSummarizer",
    "NewsbriefSummarizer",
    "OfflineTokenizer",
    "OracleSummarizer",
    "Summarizer",
    "TextRankSummarizer",
    "create_system",
    "fill_budget",
    "system_names",
    "systems",
]


@runtime_checkable
class Summarizer(Protocol):
    """Turns the documents of one cluster into summary sentences, about ``budget`` long.

    A summarizer may overshoot the budget by its last sentence; the evaluation
    runner cuts every system to exactly the budget. Systems that read the
    references (the oracle) say so with ``needs_references = True`` and take them
    as the keyword argument ``references``.
    """

    name: str
    needs_references: ClassVar[bool]

    def summarize(self, documents: Sequence[str], budget: Budget) -> list[str]: ...


# Systems by name; a plugin may register more exactly like the built-ins below.
systems: Registry[Summarizer] = Registry("system")


@lru_cache(maxsize=512)
def _split(text: str) -> tuple[str, ...]:
    """Sentences of one document, cached: every system of a cluster splits the same documents."""
    from newsbrief.segment.sentences import split_text

    return tuple(split_text(text))


def document_sentences(documents: Sequence[str]) -> list[tuple[str, ...]]:
    """Each document's sentences, by newsbrief's splitter."""
    return [_split(doc) for doc in documents]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def fill_budget(texts: Iterable[str], budget: Budget) -> list[str]:
    """Texts in the given order until the budget is reached or passed, exact repeats skipped."""
    out: list[str] = []
    seen: set[str] = set()
    for text in texts:
        key = _key(text)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(text)
        if budget.measure(out) >= budget.limit:
            break
    return out


@systems.register("lead")
@dataclass(frozen=True)
class LeadSummarizer:
    """Round-robin lead: first sentences of each document in turn, in input order."""

    name: str = "lead"
    needs_references: ClassVar[bool] = False

    def summarize(self, documents: Sequence[str], budget: Budget) -> list[str]:
        rounds = zip_longest(*document_sentences(documents))
        return fill_budget((s for row in rounds for s in row if s is not None), budget)


# sumy keeps words that start with a letter and go on with letters, apostrophes or hyphens.
_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_SUMY_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$")


class OfflineTokenizer:
    """sumy's tokenizer interface (``to_sentences``, ``to_words``) with no NLTK data needed."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return _split(paragraph)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in _WORD.findall(sentence.replace("’", "'")) if _SUMY_WORD.match(w))


def _sumy_document(documents: Sequence[str], tokenizer: OfflineTokenizer) -> Any:
    """A sumy document model: one paragraph per document, sentences by our splitter."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    return ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])
                                for sentences in document_sentences(documents)])


class _SumyRanker:
    """A sumy summarizer used as a ranker: all sentences in its rating order."""

    name: str = ""
    needs_references: ClassVar[bool] = False

    def __init__(self) -> None:
        try:
            from sumy.nlp.stemmers import Stemmer
            from sumy.utils import get_stop_words
        except ImportError as exc:
            raise ModelUnavailableError(
                f"the {self.name} peer needs sumy: pip install 'newsbrief[eval]' "
                "(lead and oracle run without it)") from exc
        self._summarizer = self._sumy_class()(Stemmer("english"))
        self._summarizer.stop_words = get_stop_words("english")
        self._tokenizer = OfflineTokenizer()

    @staticmethod
    def _sumy_class() -> Any:
        raise NotImplementedError

    def rank(self, documents: Sequence[str]) -> list[str]:
        """Every sentence of the cluster, best rated first (ties in document order)."""
        document = _sumy_document(documents, self._tokenizer)
        ranked: list[Any] = []

        def keep_all(infos: list[Any]) -> list[Any]:
            # sumy passes the sentences sorted by rating (stable) and keeps what this returns.
            ranked.extend(infos)
            return []

        with warnings.catch_warnings():
            # LSA warns when a cluster has fewer distinct words than sentences; the ranking stands.
            warnings.simplefilter("ignore")
            self._summarizer(document, keep_all)
        # sumy sums floats in set order, which varies with Python's hash seed; ratings are
        # rounded to 9 significant digits so that noise cannot reorder sentences between runs.
        ranked.sort(key=lambda info: (-float(f"{info.rating:.9g}"), info.order))
        return [str(info.sentence) for info in ranked]

    def summarize(self, documents: Sequence[str], budget: Budget) -> list[str]:
        return fill_budget(self.rank(documents), budget)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


@systems.register("lexrank")
class LexRankSummarizer(_SumyRanker):
    """sumy's LexRank: eigenvector centrality on the thresholded TF-IDF cosine graph."""

    name = "lexrank"

    @staticmethod
    def _sumy_class() -> Any:
        from sumy.summarizers.lex_rank import LexRankSummarizer as SumyLexRank

        return SumyLexRank


@systems.register("textrank")
class TextRankSummarizer(_SumyRanker):
    """sumy's TextRank: PageRank on the word-overlap sentence graph."""

    name = "textrank"

    @staticmethod
    def _sumy_class() -> Any:
        from sumy.summarizers.text_rank import TextRankSummarizer as SumyTextRank

        return SumyTextRank


@systems.register("lsa")
class LsaSummarizer(_SumyRanker):
    """sumy's LSA: sentences rated by their weight in the top singular vectors."""

    name = "lsa"

    @staticmethod
    def _sumy_class() -> Any:
        from sumy.summarizers import lsa

        class DeterministicLsa(lsa.LsaSummarizer):
            """sumy's LSA with its term rows in sorted order (sumy numbers them in set order,
            which changes with the hash seed) and a fallback SVD when LAPACK's gesdd fails."""

            def _create_dictionary(self, document: Any) -> dict[str, int]:
                return {w: i for i, w in enumerate(sorted(super()._create_dictionary(document)))}

            def __call__(self, document: Any, sentences_count: Any) -> Any:
                try:
                    return super().__call__(document, sentences_count)
                except lsa.numpy.linalg.LinAlgError:
                    import scipy.linalg

                    def gesvd(matrix: Any, full_matrices: bool = False) -> Any:
                        return scipy.linalg.svd(matrix, full_matrices=full_matrices, lapack_driver="gesvd")

                    default, lsa.singular_value_decomposition = lsa.singular_value_decomposition, gesvd
                    try:
                        return super().__call__(document, sentences_count)
                    finally:
                        lsa.singular_value_decomposition = default

        return DeterministicLsa


systems.register("oracle")(OracleSummarizer)


@systems.register("newsbrief")
@dataclass(frozen=True)
class NewsbriefSummarizer:
    """newsbrief itself, analysis sections off; ``truncate`` fills the budget exactly as peers are cut."""

    method: str = "default"
    truncate: bool = True
    # False: the generic brief even when the cluster has a query (``newsbrief-generic``).
    use_query: bool = True
    needs_references: ClassVar[bool] = False
    takes_query: ClassVar[bool] = True  # the runner passes a cluster's "query" as ``query``

    @property
    def name(self) -> str:
        base = "newsbrief" if self.use_query else GENERIC
        return base if self.method == "default" else f"{base}:{self.method}"

    def summarize(self, documents: Sequence[str], budget: Budget, *, query: str | None = None) -> list[str]:
        from newsbrief.pipeline import brief

        result = brief(list(documents), budget=budget, method=self.method, sections="none",
                       truncate=self.truncate, query=query if self.use_query else None)
        return [s.text for s in result.sentences]


GENERIC = "newsbrief-generic"


def method_names(*, hidden: bool = False) -> list[str]:
    """The named newsbrief methods (``newsbrief:<method>``), or none if the pipeline is missing.

    ``hidden=True`` includes the ablation variants, which work by name but are not listed.
    """
    try:
        import newsbrief.pipeline  # noqa: F401 - registers the built-in methods
    except ImportError:
        return []
    from newsbrief.registry import methods

    return methods.names(hidden=hidden)


def system_names() -> list[str]:
    """Every name ``--systems`` accepts, ``newsbrief:<method>`` spelled out per method."""
    methods = method_names()
    return [*systems.names(), GENERIC, *(f"newsbrief:{m}" for m in methods), *(f"{GENERIC}:{m}" for m in methods)]


def create_system(name: str) -> Summarizer:
    """The summarizer called ``name``: a peer, ``newsbrief`` or ``newsbrief:<method>``.

    Raises:
        UnknownAlgorithmError: no such system (the message lists the known ones).
        ModelUnavailableError: the system needs an optional package that is missing.
    """
    base, _, method = name.strip().partition(":")
    if base == GENERIC and not method:
        return NewsbriefSummarizer(use_query=False)
    if base in ("newsbrief", GENERIC) and method:
        known = method_names()
        if method not in method_names(hidden=True):
            raise UnknownAlgorithmError(
                f"unknown newsbrief method {method!r} in system {name!r}; "
                f"available: {', '.join(known) or '(none: newsbrief.pipeline is missing)'}")
        return NewsbriefSummarizer(method=method, use_query=base == "newsbrief")
    if method or base not in systems:
        raise UnknownAlgorithmError(
            f"unknown system {name!r}; available: {', '.join(systems.names())}, {GENERIC}, "
            f"or newsbrief:<method> with a method of: {', '.join(method_names()) or '(none)'}")
    return systems.create(base)
