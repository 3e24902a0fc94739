"""A regular expression's ``finditer``, searched only near the places its matches must pass through.

``represent/values.py``'s value pattern begins with optional parts (a hedge, a sign, a
currency) tried at every character of a sentence: most of that module's time.
Each of its matches holds a numeral, found far more cheaply by a pattern of its own; a
match starts at most ``reach`` characters before its numeral. So the search can start
there, before each numeral not inside an earlier match, and find what ``finditer`` finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def anchored_finditer(pattern: re.Pattern[str], anchors: re.Pattern[str], text: str, start: int, end: int, *,
                      reach: int) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)``, for a pattern whose every match holds an ``anchors`` match
    (at a place where ``anchors.finditer`` finds one) starting at most ``reach`` characters after it.

    ``pattern`` must never match the empty string. Each search starts ``reach`` characters before the
    next anchor not inside the last match (where no match can start earlier), and goes on as far as
    the regex engine needs; with no anchor left, nothing is left to find.
    """
    pos = start
    for anchor in anchors.finditer(text, start, end):
        at = anchor.start()
        if at < pos:
            continue  # inside the match found last
        match = pattern.search(text, max(pos, at - reach), end)
        if match is None:
            return
        yield match
        pos = match.end()
