"""Sums of money for one deal, request or award, given differently by two sources in other words.

The quantity frames of ``counts.py`` for money: an amount is tied to the
word of the transaction it measures (a request, payment, settlement, fine,
award, bail, ransom, reward, price…) in its clause, and to what the money is,
when the text says it ("$25 million *in punitive damages*", "$27 billion *in
sales*"): sums of differently named things are parts or other things
(punitive damages are part of an award), never one sum told twice. Rates
("$6 a night", "$75 a household", "per share") are left out: they measure
per unit, and two rates of one thing often differ by what they include.
Two sources that each give one such frame one sum, in statements naming
something in common (or aligned by the cosine), and sums that cannot both be
true and are no more than twice apart, disagree. Linear in the units that
give an amount.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsbrief.analyse import events
from newsbrief.analyse.agreement import Unit
from newsbrief.represent.tokens import stem, stop_words
from newsbrief.represent.values import Slot, compatible

# Stems of the words of a transaction whose sum a report gives.
_DEALS = frozenset(stem(w) for w in [
    "request", "requested", "pay", "paid", "payment", "settlement", "settle", "deal", "agreement", "merger",
    "buy", "bought", "acquire", "acquisition", "purchase", "fine", "fined", "award", "awarded", "damages", "bail",
    "ransom", "reward", "loan", "price", "bid", "offer", "estate", "donation", "donated", "pledged", "compensation",
    "bonus", "salary"])
_TOKEN = re.compile(r"[^\W_]+|[,;:()—]")
_WINDOW = 6
# "$6 a night", "$75 a household", "$2 per share", "$6-a-night", "$100 for 30 minutes": a rate, not a sum.
_RATE = re.compile(r"(?:-an?-|\s+(?:an?|per|each)\s+)(?:[a-z]+\s+)??([a-z]+)|\s+for\s+(?:an?\s+)?(?:[\w-]+[\s-])?"
                   r"(minute|hour|night|day|week|month|year)s?\b", re.IGNORECASE)
# "$25 million in punitive damages", "$18 billion in new fund financing": what the money is.
_WHAT = re.compile(r"\s+in\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\b(?=\s*(?:[,.;:()—]|\b(?:to|for|from|by|of|on|"
                   r"and|that|which|as|in|at|with)\b|$))")
# Two sums for one thing this far apart are other scopes, not a slip.
MAX_RATIO = 2.0


def rate_of(text: str, slot: Slot, end: int) -> str:
    """What an amount is per ("night" for "$6-a-night", "shoot" for "$400 per photo shoot"), ``""`` for a sum."""
    m = _RATE.match(text, slot.end, end)
    return stem((m.group(1) or m.group(2)).lower()) if m else ""


def deal_of(text: str, slot: Slot, start: int, end: int) -> str:
    """The transaction word nearest to an amount within its clause (``""`` if none); the noun right after it, if
    any, says what the amount measures ("$5 trillion debt" is a debt, whatever pays it off)."""
    before = _TOKEN.findall(text[start:slot.start])
    after = _TOKEN.findall(text[slot.end:end])
    head = after[0] if after else ""
    if head[:1].islower() and head not in stop_words():
        return stem(head) if stem(head) in _DEALS else ""  # "the $18 billion request"; "the $5 trillion debt"
    for tokens in (list(reversed(before))[:_WINDOW], after[:_WINDOW]):
        for tok in tokens:
            if not tok[0].isalnum():
                if tok in ";:()—":
                    break
                continue
            key = stem(tok.lower())
            if tok[:1].islower() and key in _DEALS:
                return key
    return ""


def _what(text: str, slot: Slot, end: int) -> str:
    """What the money is, as the words after "in" name it ("punitive damages"), stop words left out."""
    m = _WHAT.match(text, slot.end, end)
    if m is None:
        return ""
    stops = stop_words()
    return " ".join(stem(w) for w in m.group(1).split() if w not in stops)


def amount_disagreements(units: Sequence[Unit], slots: Sequence[Sequence[Slot]], texts: Sequence[str],
                         candidates: Sequence[int], similar: Callable[[int, int], float],
                         anchors: Callable[[int], set[str]]) -> list[tuple[float, events.Found, Slot, Slot]]:
    """Sums of one transaction that cannot both be true, between units of different sources (see the module)."""
    buckets: dict[tuple[str, str, str], list[tuple[int, Slot]]] = {}
    for k in candidates:
        unit = units[k]
        text = texts[unit.source - 1]
        found = []
        for s in slots[k]:
            if s.kind != "amount" or rate_of(text, s, unit.end):
                continue
            deal = deal_of(text, s, unit.start, unit.end)
            if deal:
                found.append(((deal, s.unit, _what(text, s, unit.end)), s))
        keys = [key for key, _ in found]
        for key, s in found:
            if keys.count(key) == 1:  # two sums of one deal in a sentence: which is which is not known
                buckets.setdefault(key, []).append((k, s))
    out = []
    for members in buckets.values():
        for x, (i, a) in enumerate(members):
            for j, b in members[x + 1:]:
                if units[i].source == units[j].source or compatible(a, b, None):
                    continue
                small, large = sorted((a.value, b.value))
                if small <= 0 or large / small > MAX_RATIO:
                    continue
                if any(s.value == b.value for s in slots[i]) or any(s.value == a.value for s in slots[j]):
                    continue  # each sentence also states the other's sum: not the same thing
                cosine = similar(i, j)
                if cosine < events.WIDE_SIMILARITY and not anchors(i) & anchors(j):
                    continue
                out.append((0.3 + cosine / 2, events.Found(i, j, "amount", a.text, b.text), a, b))
    return out
