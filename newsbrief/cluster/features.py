"""What the story clusterer sees of an article: weighted terms, capitalised names, a time.

Terms are the stemmed content words of the title and the first words of the
text, with sublinear term frequency ``1 + ln tf`` (Salton & Buckley, 1988);
the inverse document frequency is applied later, against the counts of the
store, because it changes as the store grows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from newsbrief.datatypes import Article
from newsbrief.represent.tokens import content_terms

# Words of the text read per article. The lead carries the event: on the 100
# full-text Multi-News clusters, stream B-cubed F1 was 0.895/0.904/0.903/0.904
# reading 200/300/400/600 words, so 300 words cost the least for the same result.
MAX_WORDS = 300
# Words of the headline and lead that say what the event is (issue #27): the link model weighs how much of
# the story the article's lead matches, apart from its whole text.
LEAD_WORDS = 30
# A capitalised word sequence after a lower-case word or a comma is a name
# inside a sentence; the word that opens a sentence is capitalised anyway.
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’-]*[a-z][\w'’-]*(?: [A-Z][\w'’-]*[a-z][\w'’-]*)*")
_NAME_STOP = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in", "on",
                        "mr", "mrs", "ms", "dr", "monday", "tuesday", "wednesday", "thursday", "friday",
                        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
                        "august", "september", "october", "november", "december"})


@dataclass(frozen=True, slots=True)
class Features:
    """One article as the clusterer compares it."""

    article_id: str
    terms: Mapping[str, float]  # term -> 1 + ln(tf)
    names: frozenset[str]  # lower-cased capitalised names
    time: float | None  # Unix seconds when published (None: unknown, and the time window ignores it)
    title: str  # the story title this article would give a story it opens
    title_from_text: bool  # True when ``title`` is the article's opening words, not its headline
    lead: frozenset[str] = frozenset()  # the content terms of the headline and the first LEAD_WORDS words


def article_features(article: Article, *, time: float | None = None, max_words: int = MAX_WORDS,
                     titled: bool = True) -> Features:
    """The features of one article.

    Args:
        article: the article.
        time: its time in Unix seconds when it has no ``published`` date (e.g. when it was ingested).
        max_words: how many words of the text to read.
        titled: find the title it would give a story (False: empty; the title only names a story,
            it never decides which story an article joins, and finding it costs a third of the rest).
    """
    words = article.text.split()
    head = " ".join(words[:max_words])
    text = f"{article.title}\n{head}" if article.title else head
    opening = " ".join(words[:LEAD_WORDS])
    lead = frozenset(content_terms(f"{article.title}\n{opening}" if article.title else opening))
    counts = Counter(content_terms(text))
    terms = {term: 1.0 + math.log(n) for term, n in counts.items()}
    when = article.published.timestamp() if article.published else time
    title, from_text = headline(article) if titled else ("", True)
    return Features(article_id=article.id, terms=terms, names=capitalised_names(text), time=when,
                    title=title, title_from_text=from_text, lead=lead)


def capitalised_names(text: str) -> frozenset[str]:
    """Capitalised word sequences inside sentences (``Kim Jong Un``, ``Hanoi``), lower-cased.

    A cheap stand-in for named entities: spaCy's NER reads about 6,000 tokens a
    second on the dev box, far too slow for hundreds of articles a second.
    """
    names = set()
    for match in _NAME.findall(text):
        words = [w for w in match.split() if w.lower().strip("'’") not in _NAME_STOP]
        if words and len(" ".join(words)) > 2:
            names.add(" ".join(words).lower())
    return frozenset(names)


def headline(article: Article, *, max_chars: int = 90) -> tuple[str, bool]:
    """The article's title, or its lead sentence cut to a headline-like phrase (no dateline) when it has
    none; and whether it is the latter."""
    if article.title and article.title.strip():
        return " ".join(article.title.split()), False
    from newsbrief.cluster.titles import headline_phrase, strip_dateline
    from newsbrief.segment.sentences import split_line

    lines = (line for line in article.text.splitlines() if line.strip())
    # A short all-capitals first line is a slug or section label ("NATIONAL FORECAST"), not the lead.
    first = next(lines, "")
    if first.isupper() and len(first.split()) <= 6:
        first = next(lines, first)
    first = strip_dateline(" ".join(first.split()))
    spans = split_line(first[:1000])
    sentence = first[spans[0][0]:spans[0][1]] if spans else first
    return headline_phrase(sentence, max_chars=max_chars) or article.id, True


def idf(df: int, n_docs: int) -> float:
    """Smoothed inverse document frequency ``ln((N + 1) / (df + 1)) + 1``."""
    return math.log((n_docs + 1) / (df + 1)) + 1.0


def weigh(terms: Mapping[str, float], df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """The unit-length TF-IDF vector of an article's terms."""
    vector = {t: w * idf(df.get(t, 0), n_docs) for t, w in terms.items()}
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}
