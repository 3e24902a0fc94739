"""Mojibake repaired as text is read: "Carringtonâ€™s" becomes "Carrington’s".

A page saved as UTF-8 and read back as Windows-1252 (or the reverse, somewhere
upstream) shows each accented letter or curly quote as two or three Latin-1
letters. ``ftfy.fix_encoding`` undoes exactly that and nothing else (quotes stay
curly, widths and ligatures stay as they are). It costs ~5 ms an article, so
it only runs on text holding a character pair that mojibake makes.
"""

from __future__ import annotations

import re

# A UTF-8 lead byte read as cp1252/Latin-1 (Â-ï), then a continuation byte read the same way.
_SUSPECT = re.compile("[\u00c2-\u00ef][\u0080-\u00bf\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
                      "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")


# A closing curly quote (E2 80 9D) whose last byte, undefined in cp1252, became U+FFFD and the rest "?":
# '“I'd be a pretty good reporter,�? he said.' (seen in the Multi-News full text).
_LOST_CLOSING_QUOTE = "\ufffd?"


def repair_mojibake(text: str) -> str:
    """``text`` with mis-decoded UTF-8 put right; unchanged (the same object) when there is none."""
    if _LOST_CLOSING_QUOTE in text and "“" in text:
        text = text.replace(_LOST_CLOSING_QUOTE, "”")
    if not _SUSPECT.search(text):
        return text
    from ftfy import fix_encoding  # imported only for text that needs it (~0.2 s)

    return fix_encoding(text)
