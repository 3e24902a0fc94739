"""Exact-length briefs: fill the budget to the last word or byte by cutting one sentence.

Used for ``--truncate`` and by evaluation, where every system is cut to exactly
the budget (ROUGE's ``-l``/``-b``). A cut sentence is a prefix of its source
sentence, so it stays faithful to the source.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.datatypes import WORD_TOKEN, Budget

_TOKEN = WORD_TOKEN  # whitespace tokens, and each CJK character (as count_words counts)
ELLIPSIS = "…"  # shown after a cut sentence


def cut_words(text: str, n: int) -> str:
    """The first ``n`` whitespace tokens of ``text``, as an exact prefix of it."""
    if n <= 0:
        return ""
    for count, match in enumerate(_TOKEN.finditer(text), start=1):
        if count == n:
            return text[: match.end()]
    return text


def cut_bytes(text: str, n: int) -> str:
    """The longest prefix of ``text`` that is at most ``n`` UTF-8 bytes, without a split character."""
    if n <= 0:
        return ""
    return text.encode("utf-8")[:n].decode("utf-8", errors="ignore")


def cut_whole_words(text: str, n_bytes: int) -> str:
    """The longest prefix of ``text`` within ``n_bytes`` UTF-8 bytes that ends at the end of a word.

    Readers see ``--truncate``'s last sentence end with "…" (the renderers add it); "arguing it wou"
    reads as a typo, "arguing it…" as a cut. Trailing commas and the like go too.
    """
    piece = cut_bytes(text, n_bytes)
    if piece and len(piece) < len(text) and not piece[-1].isspace() and not text[len(piece)].isspace():
        piece = piece[:len(piece) - len(piece.split()[-1])]  # the word the byte limit split
    return piece.rstrip().rstrip(",;:–—-").rstrip()


def cut_to_budget(texts: Sequence[str], budget: Budget, *, whole_words: bool = False) -> list[str]:
    """Texts in order, the last one cut so the whole is exactly the budget (or less if short).

    ``whole_words`` (briefs for readers) cuts a byte budget at a word's end and leaves room for the
    "…" shown after it; without it (evaluation, like ROUGE's ``-b``) the cut is at the exact byte.
    """
    out: list[str] = []
    for text in texts:
        remaining = budget.limit - budget.measure(out) - (1 if budget.unit == "bytes" and out else 0)
        if remaining <= 0:
            break
        if budget.cost(text) <= remaining:
            out.append(text)
            continue
        if budget.unit == "words":
            piece = cut_words(text, remaining)
        elif budget.unit == "bytes" and whole_words:
            piece = cut_whole_words(text, remaining - len(ELLIPSIS.encode("utf-8")))
        elif budget.unit == "bytes":
            piece = cut_bytes(text, remaining).rstrip()
        else:
            piece = ""
        if piece:
            out.append(piece)
        break
    return out
