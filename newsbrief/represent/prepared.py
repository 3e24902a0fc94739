"""A cluster made ready for selection: cleaned, segmented, tokenised, vectorised once.

Every selector, the citation step and the analysis read the same prepared
cluster, so the text is split and tokenised exactly once per brief.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from newsbrief.datatypes import Article, Removal, Sentence
from newsbrief.errors import InputError
from newsbrief.ingest.clean import clean
from newsbrief.ingest.junk_sentences import junk_kind, junk_removals
from newsbrief.represent.tfidf import TermMatrix, build_tfidf
from newsbrief.represent.tokens import content_terms_of, stem, stop_words, words
from newsbrief.segment.sentences import split_sentences

_TERMINAL = tuple(".!?\"'”’»)…")


@dataclass
class PreparedCluster:
    """The articles of one story and their sentences, flat, in article order."""

    articles: tuple[Article, ...]
    sentences: list[Sentence]
    by_article: list[list[Sentence]]
    removals: tuple[Removal, ...]
    terms: list[list[str]] = field(repr=False)
    tokens: list[list[str]] = field(repr=False)  # each sentence's ``words``, stop words kept
    # Results of steps that take parameters (e.g. the concept table), made once per cluster and key.
    memo: dict[tuple[object, ...], object] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def tfidf(self) -> TermMatrix:
        return build_tfidf(self.terms)

    @cached_property
    def doc_index(self) -> np.ndarray:
        """The article index (0-based) of each sentence."""
        return np.array([s.doc_index for s in self.sentences], dtype=np.int64)

    @cached_property
    def position(self) -> np.ndarray:
        """Each sentence's index within its article (0 = lead)."""
        return np.array([s.index for s in self.sentences], dtype=np.int64)

    @cached_property
    def doc_lengths(self) -> np.ndarray:
        return np.array([len(sents) for sents in self.by_article], dtype=np.int64)

    @cached_property
    def is_prose(self) -> np.ndarray:
        """True for sentences that end like sentences (headlines and captions do not)."""
        return np.array([s.text.rstrip().endswith(_TERMINAL) for s in self.sentences], dtype=bool)

    @cached_property
    def is_junk(self) -> np.ndarray:
        """True for sentences of page debris (``ingest.junk_sentences``): never chosen, never in a section."""
        return np.array([junk_kind(s.text) is not None for s in self.sentences], dtype=bool)

    @cached_property
    def word_bigrams(self) -> list[list[str]]:
        """Stemmed bigrams with stop words kept, minus stop-word-only pairs (ICSI's concepts)."""
        stops = stop_words()
        out = []
        for tokens in self.tokens:
            stems = list(map(stem, tokens))  # each token once, not once per pair it is in
            pairs = zip(tokens, tokens[1:], stems, stems[1:], strict=False)  # the lists one apart: pairwise
            out.append([f"{x} {y}" for a, b, x, y in pairs if not (a in stops and b in stops)])
        return out

    @property
    def n_docs(self) -> int:
        return len(self.articles)


def prepare(articles: Sequence[Article], *, repeated: frozenset[str] | None = None,
            max_sentences: int | None = None) -> PreparedCluster:
    """Clean, segment and tokenise the articles of one story.

    Args:
        articles: the story's articles, in the order their sources will be numbered.
        repeated: normalised lines known to repeat across unrelated articles (boilerplate).
        max_sentences: refuse (InputError) once the articles hold more sentences (see :func:`check_size`).
    """
    sentences: list[Sentence] = []
    by_article: list[list[Sentence]] = []
    removals: list[Removal] = []
    for doc_index, article in enumerate(articles):
        cleaned = clean(article, repeated=repeated)
        removals.extend(cleaned.removals)
        own = split_sentences(article.text, article_id=article.id, doc_index=doc_index, spans=cleaned.kept)
        removals.extend(junk_removals(article.id, own))
        by_article.append(own)
        sentences.extend(own)
        check_size(len(sentences), max_sentences)  # before tokenising: a pile too large stops here
    tokens = [words(s.text) for s in sentences]
    return PreparedCluster(articles=tuple(articles), sentences=sentences, by_article=by_article,
                           removals=tuple(removals), terms=[content_terms_of(t) for t in tokens], tokens=tokens)


def check_size(n_sentences: int, limit: int | None = None) -> None:
    """Refuse a pile too large to brief on this machine, before the costly steps start.

    Raises:
        InputError: more than ``limit`` sentences (default: the ``max_sentences`` setting).
    """
    if limit is None:
        limit = _default_limit(os.environ.get("NEWSBRIEF_MAX_SENTENCES"))
    if n_sentences > limit:
        raise InputError(f"the articles hold {n_sentences:,} sentences, more than the {limit:,} that max_sentences "
                         "allows; brief fewer articles at once, or raise max_sentences (NEWSBRIEF_MAX_SENTENCES)")


@functools.lru_cache(maxsize=4)
def _default_limit(env_value: str | None) -> int:
    """The ``max_sentences`` setting: NEWSBRIEF_MAX_SENTENCES if set, else the default (the CLI passes its own)."""
    from newsbrief.settings import Settings, load_settings

    if env_value is None:
        return Settings().max_sentences
    return load_settings(environ={"NEWSBRIEF_MAX_SENTENCES": env_value}).max_sentences
