"""Sentences that are page furniture, not news: never chosen or shown, each explained by the rule that caught it.

Boilerplate cleaning (``clean.py``) works on whole lines; some debris only
shows once the line is split: a caption or photo credit run into the text, a
transcript speaker label ("JON STEWART: ..."), a live-blog timestamp ("4:57
P.M. Rocket alerts sound ..."), an embedded tweet, a shouted pull quote, a
teaser question ("Is this the end of the road?"), a navigation link, a byline
code, a sentence that trails off ("…"), text that is still mojibake after repair. Each kind was read off the
Multi-News full-text and DUC dev briefs of issue 25. A junk sentence gets a
``Removal`` named ``junk-sentence:<kind>``, so ``--explain`` lists it beside
the boilerplate rules; it stays in the prepared cluster, where it counts towards
the story's statistics as it always did (taking it out moved the learned
method's picks: -0.5 R-2 on the first 30 Multi-News full-text clusters), but no
selector may choose it and no analysis section sees it (``PreparedCluster.is_junk``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from functools import lru_cache

from newsbrief.datatypes import Removal, Sentence

RULE_PREFIX = "junk-sentence:"

# Written against the sentence text (already split and stripped). Order matters only for the name reported.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "Footage from Comedy Central's ... (Video: ...)", "Photo: Left: Attorney General's Office.",
    # "(AP Photo/Evan Vucci)", "Image 1 of 4 Caption Close".
    ("caption", re.compile(r"^(?:photos?|images?|video|footage|pictured|file photo|screenshot|credit|caption)"
                           r"\s*(?::|\(|from\b|of\b|courtesy\b)|\b(?:ap|afp|reuters|getty) (?:photo|images)\b|"
                           r"\bimage \d+ of\b|\bcaption close\b|\bphoto(?:graph)?: |\(photo\b|\bphoto credit\b|"
                           r"\bimage copyright\b", re.IGNORECASE)),
    # "JON STEWART: ...", "TRUMP: ...", "Q: ..." (two or more capitals, or Q/A, then a colon).
    ("transcript-label", re.compile(r"^(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}|[QA]):\s")),
    # "4:57 P.M. Rocket alerts sound ...", "10:30 a.m.: ...", "(12:05) ...".
    ("live-blog-time", re.compile(r"^\(?\d{1,2}:\d{2}\s*(?:[ap]\.?\s?m\.?|ET|EST|GMT|BST)?\)?[:,]?\s", re.I)),
    # Embedded posts: a picture link, a handle and date sign-off, a bare link.
    ("embed", re.compile(r"pic\.twitter\.com/|instagram\.com/p/|https?://\S+|\bwww\.\w+\.\w|^embed\b|^[-—–]\s*[^()]{1,60}\(@\w+\)|"
                         r"\(@\w+\)\s+\w+ \d{1,2},? \d{4}|^@\w+", re.IGNORECASE)),
    # Navigation and calls to action that got into a sentence.
    ("navigation", re.compile(r"^(?:read more|read the full|click here|continue reading|sign up|subscribe|"
                              r"share this|follow us|see also|related|advertisement|more from|watch the)\b",
                              re.IGNORECASE)),
    # Byline codes and wire sign-offs: "(djp)", "jk/ls", "— Associated Press", "Reporting by ...".
    ("byline", re.compile(r"^(?-i:\(?[a-z]{2,4}(?:/[a-z]{2,4})*\)?)$|^(?:by|reporting by|editing by|"
                          r"written by)\s+(?-i:[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s*(?:[,;|•]|$)|"
                          r"^[-—–]\s*(?:the )?(?:associated press|ap|reuters|afp)\.?$|contributed to this report",
                          re.IGNORECASE)),
    # Mojibake that repair could not undo: replacement characters, or UTF-8 read as cp1252.
    ("mojibake", re.compile(r"\ufffd|â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")),
)


def _mentions(*needles: str, starts: tuple[str, ...] = ()) -> Callable[[str], bool]:
    return lambda low: low.startswith(starts) or any(n in low for n in needles)


# Why: the unanchored rules searched every sentence from every position (~11 of 21 ms a DUC brief). Each
# rule's pattern can match only if its lower-cased text holds one of these literals (or starts with one),
# so a sentence without any skips the search; the verdicts are the same (tests/test_ingest_junk_sentences.py
# checks each filter against its pattern). Rules not listed are anchored and cheap; they always run.
_BYLINE_WORDS = _mentions("contributed to this report", starts=(
    "by", "reporting by", "editing by", "written by", "-", "—", "–"))
_MAYBE: dict[str, Callable[[str], bool]] = {
    "caption": _mentions("photo", "image", "video", "footage", "pictured", "screenshot", "credit", "caption"),
    "embed": _mentions("pic.twitter.com/", "instagram.com/p/", "http", "www.", "embed", "@"),
    # A code such as "(djp)" or "jk/ls" is one word: a text with a space is no code.
    "byline": lambda low: " " not in low or _BYLINE_WORDS(low),
}
# The only characters outside ASCII that match an ASCII letter under re.IGNORECASE (dotted and dotless
# I, long s, Kelvin sign): a text with one is searched by every rule, since lower() does not fold them.
_FOLDS_TO_ASCII = "İıſK"
_ASCII_UPPER = string.ascii_uppercase.encode()
_ASCII_LETTERS = string.ascii_letters.encode()
_QUOTES = "\"“”‘’'«»"
_MIN_SHOUTED_WORDS = 4
# Debris is short. A "sentence" longer than this is text the splitter could not break (a lower-cased,
# unpunctuated Multi-News dev article is one 300-word run): a link inside it is not a reason to drop it all.
_MAX_JUNK_WORDS = 60


def junk_kind(text: str) -> str | None:
    """The kind of furniture ``text`` is (``caption``, ``question``, ...), or None for a sentence of news.

    Each sentence is asked about twice per brief (``--explain``'s removals and the selectors' mask), so
    short texts, the only ones that can be junk, are remembered (bounded: a few MB at most).
    """
    return _short_junk_kind(text) if len(text) <= _CACHED_CHARS else _junk_kind(text)


_CACHED_CHARS = 1_000


@lru_cache(maxsize=16_384)
def _short_junk_kind(text: str) -> str | None:
    return _junk_kind(text)


def _junk_kind(text: str) -> str | None:
    stripped = text.strip()
    words = len(stripped.split())
    if not stripped or words > _MAX_JUNK_WORDS:
        return None
    low = stripped.lower()
    folds = not stripped.isascii() and any(c in stripped for c in _FOLDS_TO_ASCII)
    for kind, pattern in _RULES:
        maybe = _MAYBE.get(kind)
        if (folds or maybe is None or maybe(low)) and pattern.search(stripped):
            return kind
    if words >= _MIN_SHOUTED_WORDS and _shouted(stripped):
        return "shouted"
    if _is_teaser_question(stripped):
        return "question"
    if stripped.endswith(("…", "...")) and not stripped.endswith(("….", "....")):
        return "cut"  # trails off: the rest of the sentence is not in the source
    return None


def _shouted(text: str) -> bool:
    """More than 80 % of the letters are capitals (counted on bytes when the text is ASCII: same verdict)."""
    if text.isascii():
        raw = text.encode("ascii")
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        return bool(letters) and len(raw) - len(raw.translate(None, _ASCII_UPPER)) > 0.8 * letters
    letters = list(filter(str.isalpha, text))
    return bool(letters) and sum(map(str.isupper, letters)) > 0.8 * len(letters)


def _is_teaser_question(text: str) -> bool:
    """A question the writer asks the reader: it ends in "?" outside any quotation.

    A question someone is quoted asking ('"Says who?" Cohen asked.') ends in the attribution, and a
    sentence that reports a quoted question after naming who asked it ('... asked CNN "says who?"')
    holds a quotation mark, so neither is taken.
    """
    return (text.endswith("?") and not any(q in text for q in _QUOTES[:3])) or (
        text.endswith(("?”", '?"')) and text[:1] in "\"“" and _one_quotation(text))


def _one_quotation(text: str) -> bool:
    inner = text[1:-1]
    return not any(q in inner for q in "\"“”")


def junk_removals(article_id: str, sentences: Sequence[Sentence]) -> list[Removal]:
    """A Removal for each junk sentence of one article (for ``--explain``)."""
    return [Removal(article_id, s.start, s.end, RULE_PREFIX + kind, s.text)
            for s in sentences if (kind := junk_kind(s.text)) is not None]
