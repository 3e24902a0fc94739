"""Word tokens for comparing sentences: lower-cased, stop words dropped, stemmed.

Stemming uses the Snowball English (Porter 2) stemmer from PyStemmer, a C
extension, because stemming is on the hot path of every brief.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from importlib import resources

import Stemmer

_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*", re.UNICODE)
_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The English stop word list shipped in ``newsbrief/resources``."""
    text = resources.files("newsbrief.resources").joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one lower-cased word (cached: news reuses its words)."""
    return _STEMMER.stemWord(word)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, possessive and contraction endings split off."""
    return [_head(token) if "'" in token or "’" in token else token for token in _WORD.findall(text.lower())]


def _head(token: str) -> str:
    """``o'neill's`` -> ``o``, ``don’t`` -> ``don``: the part before the first apostrophe."""
    return token.replace("’", "'").partition("'")[0]


def content_terms(text: str) -> list[str]:
    """Stemmed tokens that carry content: no stop words, no one-letter tokens."""
    return content_terms_of(words(text))


def content_terms_of(tokens: list[str]) -> list[str]:
    """``content_terms`` of text already split by ``words``."""
    stops = stop_words()
    return [stem(w) for w in tokens if w not in stops and (len(w) > 1 or w.isdigit())]


def bigrams(terms: list[str]) -> list[str]:
    """Adjacent content-term pairs, the "concepts" of Gillick & Favre (2009)."""
    return [f"{a} {b}" for a, b in itertools.pairwise(terms)]
