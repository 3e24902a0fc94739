"""Literal strings that every match of a pattern holds, read off the pattern itself.

Inline boilerplate rules search every kept line, and most lines hold nothing a
rule could match: a credit needs "(", an edit link "[". A line holding none of a
rule's needles is not searched. The needles are derived from the parsed pattern,
not written beside it, so a rule (a user's too) cannot drift from its guard:

- a run of literal characters that every match passes through is a needle;
- an alternation needs one needle of each branch (no needle if a branch has none);
- repeats that may run zero times, classes, look-arounds, back-references and groups with
  their own case flag give none.

Under IGNORECASE a needle is looked for in the lower-cased line, and may hold only
ASCII characters that match nothing outside ASCII: not "i", "s" or "k", which
``re`` also matches to "İ", "ı", "ſ" and the Kelvin sign (a test checks every code point).
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser behind ``re``: private, so a Python without it only loses the speed-up
    from re import _constants as _sre
    from re import _parser as _parse
except ImportError:  # pragma: no cover - Python < 3.11
    _sre = _parse = None  # type: ignore[assignment]

# ASCII characters that IGNORECASE matches to characters outside ASCII.
UNSAFE_FOLDED = frozenset("iskISK")


def needles(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Strings of which every match of ``regex`` holds one (lower-cased if it ignores case); () if none is sure."""
    if _parse is None:
        return ()
    try:
        parsed = _parse.parse(regex.pattern, regex.flags)
    except Exception:  # an unexpected parser: no guard, every line is searched
        return ()
    found = _of_sequence(list(parsed), bool(regex.flags & re.IGNORECASE))
    return tuple(sorted(found)) if found else ()


def _of_sequence(items: list[tuple[Any, Any]], folded: bool) -> frozenset[str] | None:
    """The best needle set of a sequence: of its literal runs and its items' sets, the one whose weakest needle
    is rarest in text (see :func:`_rarity`)."""
    best: frozenset[str] | None = None
    run = ""

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(_rarity, candidate)) > min(map(_rarity, best))):
            best = candidate

    for op, av in items:
        if op is _sre.LITERAL and _safe(chr(av), folded):
            run += chr(av).lower() if folded else chr(av)
            continue
        consider(frozenset([run]) if run else None)
        run = ""
        consider(_of_item(op, av, folded))
    consider(frozenset([run]) if run else None)
    return best


def _of_item(op: Any, av: Any, folded: bool) -> frozenset[str] | None:
    if op is _sre.SUBPATTERN:
        _, add, remove, inner = av
        if (add | remove) & re.IGNORECASE:
            return None  # its own case rule: a needle from it would be looked for in the wrong line
        return _of_sequence(list(inner), folded)
    if op is _sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _of_sequence(list(branch), folded)
            if not found:
                return None
            union |= found
        return frozenset(union)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _, inner = av
        return _of_sequence(list(inner), folded) if low >= 1 else None
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _of_sequence(list(av), folded)
    return None


def _rarity(needle: str) -> int:
    """How seldom a needle occurs in prose, roughly: a letter counts 1, a mark ("(", "[") 4, a space nothing."""
    return sum(1 if c.isalnum() else 0 if c.isspace() else 4 for c in needle)


def _safe(char: str, folded: bool) -> bool:
    """Whether a literal character can stand in a needle (see the module docstring)."""
    return not folded or (char.isascii() and char not in UNSAFE_FOLDED)

