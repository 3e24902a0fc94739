"""Story titles that read as titles: a headline, else a lead sentence cut to a headline-like phrase.

A wire article opens with a dateline ("RIO DE JANEIRO, Brazil (AP) — ",
"WASHINGTON _ ", "NEW YORK, Oct. 5 -- "); a title must not. An article's own
headline wins; without one, its first sentence loses its dateline, its
closing period and, past ``MAX_CHARS``, everything after the last clause break
(or word) that fits. The clusterer keeps, for each story, the candidate of its
most central article (highest similarity to the story when it joined), so the
title follows the story as it grows.
"""

from __future__ import annotations

import re

# Longest title kept whole (characters); news sites cut headlines at 70-100.
MAX_CHARS = 90
# Upper-case place words, an optional ", State/Country" and date, an optional
# agency in parentheses, then a dash or underscore: the wire dateline.
_DATELINE = re.compile(
    r"""^\s*(?:
        (?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*)           # RIO DE JANEIRO
        (?:\s*,\s*[A-Z][\w.'’-]*(?:\s+[A-Z0-9][\w.'’-]*)*)*  # , Brazil  / , Oct. 5
        \s*(?:\([^)]{1,40}\))?                               # (AP)
      | \([^)]{1,40}\)                                       # (CNN) alone
    )\s*(?:—|–|--|-|_)\s+""",  # not a colon: "NATO: a summit in Madrid" is a headline
    re.VERBOSE,
)
_AGENCY_ONLY = re.compile(r"^\s*\((?:AP|Reuters|AFP|CNN|UPI)\)\s*", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;:—–]\s|\s(?:--|-|_)\s")
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:\n|$)")


def strip_dateline(text: str) -> str:
    """The sentence without its wire dateline (and without a leading byline line)."""
    text = _BYLINE.sub("", text)
    stripped = _DATELINE.sub("", text, count=1)
    stripped = _AGENCY_ONLY.sub("", stripped, count=1)
    return stripped.strip()


def headline_phrase(sentence: str, *, max_chars: int = MAX_CHARS) -> str:
    """A headline-like phrase from a lead sentence: no dateline, no closing period, at most ``max_chars``."""
    text = " ".join(strip_dateline(sentence).split())
    text = text.rstrip(" .")
    if len(text) <= max_chars:
        return _capitalise(text)
    head = text[:max_chars + 1]
    breaks = [m.start() for m in _CLAUSE.finditer(head) if m.start() >= max_chars // 3]
    if breaks:
        return _capitalise(head[:breaks[-1]].rstrip(" ,;:"))
    return _capitalise(head.rsplit(" ", 1)[0].rstrip(",;: ") + "…")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
