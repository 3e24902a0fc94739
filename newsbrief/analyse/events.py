"""Disagreements between statements told in other words, and updates of a developing count.

``conflicts.py`` compares values of near-copies (TF-IDF cosine 0.5 and up), where
the words around a value say what it measures. Outlets tell the same toll in
their own words ("At least 12 people were killed when the ferry sank" / "the
sinking killed 40 people"), at cosines down to the alignment's floor. Here a
count is tied to its event instead: the kind of thing counted (``people``,
``soldiers``) and the event word nearest to it (``kill``, ``injur``, ``miss``…).
Two counts of one kind for one event, each the only such count in its
sentence, in sentences that do not name different places or days, are one
figure: if their stated values differ, the sources disagree.

Two kinds of statement are not disagreements:

- an *update*: both sources are dated, hours apart, and give a developing
  count (a toll, a number missing or evacuated) — the later figure replaces the
  earlier; reported with both values and dates;
- a sentence that also states the other's value (misaligned slots).

Contradicting *claims* (kind ``claim``) come from near-copies only: the same
statement, one source affirming what the other denies ("were allowed to
return" / "were not allowed to return"), or one up where the other is down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsbrief.represent.facts import Facts, read_facts, same_number
from newsbrief.represent.tokens import stem
from newsbrief.represent.values import Slot

# Units below this cosine are not compared even for counts (the alignment's floor).
WIDE_SIMILARITY = 0.2
# Claims contradict only between near-copies: the same statement, one word negated.
CLAIM_SIMILARITY = 0.5
# Sources published this far apart may report a count that has grown since.
UPDATE_HOURS = 3.0

# Stems of the words that say what happened to the people counted.
_EVENTS = frozenset(stem(w) for w in [
    "killed", "kill", "killing", "died", "dead", "death", "deaths", "toll", "injured", "injuring", "wounded",
    "wounding", "hurt", "missing", "arrested", "evacuated", "rescued", "hospitalized", "hospitalised",
    "displaced", "homeless", "stranded", "detained", "drowned", "trapped", "survived", "survivors", "fled",
    "infected", "sickened", "aboard", "onboard", "carrying", "hostage", "hostages", "freed", "released"])
_GROWING = frozenset(stem(w) for w in [
    "killed", "kill", "died", "dead", "death", "deaths", "toll", "injured", "wounded", "missing", "evacuated",
    "rescued", "hospitalized", "displaced", "homeless", "arrested", "infected", "sickened", "detained"])
_TOKEN = re.compile(r"[^\W_]+|[,;:()—]")
_WINDOW = 6  # tokens either side of a count in which its event word stands


@dataclass(frozen=True, slots=True)
class Found:
    """A disagreement (or update) between unit ``i`` and unit ``j``: the slots that clash, or the claim key."""

    i: int
    j: int
    kind: str  # count, claim
    first_value: str
    second_value: str
    update: bool = False


def event_of(text: str, slot: Slot, start: int, end: int) -> str:
    """The event word nearest to a count, within its clause (``""`` if none)."""
    before = _TOKEN.findall(text[start:slot.start])
    after = _TOKEN.findall(text[slot.end:end])
    best, distance = "", _WINDOW + 1
    for tokens, order in ((list(reversed(before)), 0), (after, 1)):
        for k, tok in enumerate(tokens[:_WINDOW]):
            if not tok[0].isalnum():
                if tok in ";:()—":
                    break
                continue
            key = stem(tok.lower())
            if key in _EVENTS and (k, order) < (distance, 0):
                best, distance = key, k
                break
    return _SAME_EVENT.get(best, best)


# Words for one event ("died", "dead", "deaths", "toll" all count the dead).
_SAME_EVENT = {stem(w): stem("killed") for w in ["died", "dead", "death", "deaths", "toll", "kill", "killing",
                                                 "drowned"]}
_SAME_EVENT.update({stem(w): stem("injured") for w in ["wounded", "wounding", "hurt", "injuring"]})


def count_disagreements(units: Sequence[object], slots: Sequence[Sequence[Slot]], texts: Sequence[str],
                        pairs: Sequence[tuple[int, int, float]], published: Sequence[datetime | None],
                        ) -> list[tuple[float, Found, Slot, Slot]]:
    """Counts of one kind for one event that differ, between unit pairs of any cosine in ``pairs``."""
    out = []
    keyed: dict[int, dict[tuple[str, str], list[Slot]]] = {}

    def keys(k: int) -> dict[tuple[str, str], list[Slot]]:
        found = keyed.get(k)
        if found is None:
            u = units[k]
            found = {}
            for s in slots[k]:
                if s.kind != "count":
                    continue
                event = event_of(texts[u.source - 1], s, u.start, u.end)
                if event:
                    found.setdefault((s.unit, event), []).append(s)
            keyed[k] = found
        return found

    for i, j, value in pairs:
        mine, theirs = keys(i), keys(j)
        for key in mine.keys() & theirs.keys():
            if len(mine[key]) != 1 or len(theirs[key]) != 1:
                continue  # two counts of one kind in a sentence: which is which is not known
            a, b = mine[key][0], theirs[key][0]
            if same_number(a, b) or any(same_number(a, x) for x in slots[j]) or any(
                    same_number(b, x) for x in slots[i]):
                continue
            later = hours_apart(published[units[i].source - 1], published[units[j].source - 1])
            update = later is not None and abs(later) >= UPDATE_HOURS and key[1] in _GROWING
            out.append((value, Found(i, j, "count", a.text, b.text, update=update), a, b))
    return out


def claim_disagreements(units: Sequence[object], pairs: Sequence[tuple[int, int, float]]) -> list[tuple[float, Found]]:
    """Near-copies of one statement, one affirming what the other denies (or up against down)."""
    out = []
    for i, j, value in pairs:
        if value < CLAIM_SIMILARITY:
            continue
        a, b = read_facts(units[i].text), read_facts(units[j].text)
        key = _claim_key(a, b)
        if key is not None:
            out.append((value, Found(i, j, "claim", _stance(a, key), _stance(b, key))))
    return out


def _claim_key(a: Facts, b: Facts) -> str | None:
    """A predicate the two state with opposite signs, when it is the main difference between them.

    Only predicates with a known opposite or a negation count, and only if the
    two sentences otherwise share their figures: "did not" against "did" in one
    statement, not two statements that differ everywhere.
    """
    theirs = dict(b.polarity)
    clashes = [k for k, sign in a.polarity if theirs.get(k, sign) != sign]
    if len(clashes) != 1:
        return None  # none, or the sentences differ in several claims: not one statement told two ways
    numbers_a = {s.value for s in a.numbers}
    numbers_b = {s.value for s in b.numbers}
    if numbers_a != numbers_b:
        return None
    return clashes[0]


def _stance(facts: Facts, key: str) -> str:
    sign = dict(facts.polarity)[key]
    word = key if key not in _KEY_WORDS else _KEY_WORDS[key][sign]
    return word if key in _KEY_WORDS or sign > 0 else f"not {word}"


# Each antonym key as a reader reads it, by sign.
_KEY_WORDS = {key: {1: up, -1: down} for key, up, down in [
    ("grant", "granted", "denied"), ("allow", "allowed", "not allowed"), ("convict", "convicted", "acquitted"),
    ("rise", "up", "down"), ("win", "won", "lost"), ("open", "open", "closed"), ("alive", "alive", "dead")]}


def hours_apart(a: datetime | None, b: datetime | None) -> float | None:
    """Hours from ``a`` to ``b`` (None if either is unknown or they cannot be compared)."""
    if not isinstance(a, datetime) or not isinstance(b, datetime):
        return None
    try:
        return (b - a).total_seconds() / 3600.0
    except TypeError:  # one has a time zone, the other not
        return None
