"""Exact-length briefs: fill the budget to the last word or byte by cutting one sentence.

Used for ``--truncate`` and by evaluation, where every system is cut to exactly
the budget (ROUGE's ``-l``/``-b``). A cut sentence is a prefix of its source
sentence, so it stays faithful to the source.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.datatypes import WORD_TOKEN, Budget

_TOKEN = WORD_TOKEN  # whitespace tokens, and each CJK character (as count_words counts)


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


def cut_to_budget(texts: Sequence[str], budget: Budget) -> list[str]:
    """Texts in order, the last one cut so the whole is exactly the budget (or less if short)."""
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
        elif budget.unit == "bytes":
            piece = cut_bytes(text, remaining).rstrip()
        else:
            piece = ""
        if piece:
            out.append(piece)
        break
    return out
