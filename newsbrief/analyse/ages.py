"""One person given two ages by two sources, wherever in the articles each states it.

``people.person_conflicts`` compares ages only between statements that say the
same thing (aligned units). Outlets give a person's age in unrelated sentences
("Slepian, 51, is the third abortion doctor killed" / "Slepian, a 52-year-old
gynecologist"), so here the slot is the person: every "Name, 44," / "Name, a
44-year-old" / "44-year-old Name" of a source is read, and two sources that
each give one age for one person, and different ones, disagree. A source that
gives one person two ages (a father and a son of one surname, or a birthday
told) is not used for that person.

Ages change once a year, so the two ages must be close (a few years: farther
apart is another person of the same name) and, when both sources are dated,
the articles must be written within a few days of each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TypeVar

from newsbrief.analyse.agreement import Alignment
from newsbrief.datatypes import Conflict
from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import NameSpan, find_names, name_key

# "Qin, 44," / "Slepian, a 52-year-old" right after a name; "52-year-old Slepian" right before one.
# A few lower-case words may stand between: "Shepard, a slightly built 21-year-old"; "the 21-year-old student,
# Matthew Shepard" (no word that joins another person: "a 30-year-old man and Bob Smith").
_BETWEEN = r"(?:(?!(?:and|or|with|by|from|to|of|for|in|at|as|said|told|than|who|whose)\b)[a-z][\w-]*,?\s+){0,3}?"
_AFTER = re.compile(r",\s+(?:(\d{1,3}),|an?\s+" + _BETWEEN + r"(\d{1,3})-year-old\b)")
_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s+" + _BETWEEN + r"$")
# "the 22-year-old University of Wyoming student": an age given with a role, the name told elsewhere in the source.
_ROLE_AGE = re.compile(r"\b[Tt]he\s+(?:[a-z][\w-]*,?\s+){0,2}?(\d{1,3})-year-old\s+")
# Roles a description names one person by (what a reader resolves "the student" with).
_ROLES = frozenset([
    "student", "freshman", "sophomore", "suspect", "victim", "driver", "gunman", "doctor", "physician",
    "gynecologist", "obstetrician", "teacher", "soldier", "officer", "dissident", "activist", "lawyer", "pilot",
    "singer", "actor", "actress", "player", "defendant", "teenager", "nurse", "journalist", "reporter",
    "photographer", "hiker", "climber", "priest", "bomber", "hostage", "boxer", "runner", "cyclist", "swimmer",
    "skier", "golfer", "star", "founder", "leader", "chief", "executive", "economist", "writer", "author"])
# Any sign of an age in a unit: only those units are read for names.
_MAYBE_AGE = re.compile(r",\s+\d{1,3},|\d-year-old")
# Two ages of one person this far apart are two people of one name (a father and a son), not a slip, unless
# one is the other's digits swapped ("a 23-year-old" / "a 32-year-old" secretary in two versions of one story).
MAX_AGE_GAP = 5
# Sources written more than this many days apart may both be right (a birthday between).
MAX_DAYS_APART = 3
_PLAUSIBLE = range(1, 120)
V = TypeVar("V", int, str)


def age_conflicts(texts: Sequence[str], alignment: Alignment, index: NameIndex | None,
                  proper: frozenset[str] | None, published: Sequence[object | None],
                  ) -> list[tuple[float, Conflict]]:
    """Two sources giving one person different ages, each keeping to one age for that person.

    Linear in the units: a cheap search picks the units that may state an age, and only those are read for names.
    """
    # source -> person -> [(age, value text, unit index, name as written)]
    stated: dict[int, dict[str, list[tuple[int, str, int, str]]]] = {}
    for k, unit in enumerate(alignment.units):
        if not _MAYBE_AGE.search(unit.text):
            continue
        text = texts[unit.source - 1]
        told: set[int] = set()  # where the ages given with a name stand
        for name in find_names(text, unit.start, unit.end, proper=proper):
            if index is not None and index.label(name.text) in ("GPE", "LOC", "ORG", "NORP"):
                continue
            after = _AFTER.match(text, name.end, unit.end)
            before = _BEFORE.search(text, unit.start, name.start)
            m = after or before
            if m is None:
                continue
            age = int(next(g for g in m.groups() if g))
            if age not in _PLAUSIBLE:
                continue
            person = person_of(text, name.text, name.start, index)
            shown = text[name.start:m.end()].rstrip(", ") if after else text[m.start():name.end]
            stated.setdefault(unit.source, {}).setdefault(person, []).append((age, shown, k, name.text))
            told.add(m.start(1) if after is None else m.start(2) if m.group(2) else m.start(1))
        for age, shown, name in _role_ages(text, unit.start, unit.end, told):
            person = person_of(text, name.text, name.start, index)
            stated.setdefault(unit.source, {}).setdefault(person, []).append((age, shown, k, name.text))
    out: list[tuple[float, Conflict]] = []
    for a, b, person, age_a, age_b in one_value_each(stated, published):
        if abs(age_a - age_b) > MAX_AGE_GAP and not _swapped(age_a, age_b):
            continue
        (_, shown_a, ka, written), (_, shown_b, kb, _) = stated[a][person][0], stated[b][person][0]
        ua, ub = alignment.units[ka], alignment.units[kb]
        who = index.canonical(written) if index is not None else written
        out.append((0.6, Conflict(
            kind="number", first=ua.span,
            second=ub.span, first_value=shown_a, second_value=shown_b,
            explanation=f"source {a} gives {who}'s age as {age_a}, source {b} as {age_b}")))
    return out


def _role_ages(text: str, start: int, end: int, told: set[int]) -> list[tuple[int, str, NameSpan]]:
    """Ages given with a role and no name ("the 22-year-old University of Wyoming student"), each with the name
    the source gave that role before ("Matthew Shepard, an openly gay college student"), as a reader resolves
    the description; ``told``: positions of ages already read with a name."""
    out = []
    for m in _ROLE_AGE.finditer(text, start, end):
        if m.start(1) in told or int(m.group(1)) not in _PLAUSIBLE:
            continue
        role = None
        for w in list(_ROLE_WORD.finditer(text, m.end(), min(end, m.end() + 60)))[:6]:
            if not w.group()[0].isalpha():
                break
            if w.group() in _ROLES:
                role = w
                break
        if role is None:
            continue
        described = list(re.finditer(r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+)*),\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,5}?"
                                     + role.group() + r"\b", text[:m.start()]))
        if not described:
            continue
        last = described[-1]
        name = NameSpan(last.start(1), last.end(1), last.group(1), "", False)
        shown = text[m.start():role.end()]
        out.append((int(m.group(1)), shown.strip(), name))
    return out


# The words after an age that may name its role (stops at a bracket, comma or full stop).
_ROLE_WORD = re.compile(r"\b[a-z]+\b|[,.;:()]")


def one_value_each(stated: dict[int, dict[str, list[tuple[V, str, int, str]]]], published: Sequence[object | None],
                   ) -> Iterator[tuple[int, int, str, V, V]]:
    """Pairs of sources, not far apart in time, that each give one person one value (empty values left out), and
    different ones: ``(source a, source b, person, a's value, b's value)``, each pair of values once a person.

    A source giving one person two values (two ages, two offices) speaks of two people, or of a change: not used.
    """
    seen: set[tuple[str, frozenset[V]]] = set()
    sources = sorted(stated)
    for x, a in enumerate(sources):
        for b in sources[x + 1:]:
            if far_apart(published[a - 1], published[b - 1]):
                continue
            for person in stated[a].keys() & stated[b].keys():
                values_a = {v for v, *_ in stated[a][person] if v}
                values_b = {v for v, *_ in stated[b][person] if v}
                if len(values_a) != 1 or len(values_b) != 1 or values_a == values_b:
                    continue
                va, vb = next(iter(values_a)), next(iter(values_b))
                if (person, frozenset((va, vb))) not in seen:
                    seen.add((person, frozenset((va, vb))))
                    yield a, b, person, va, vb


def person_of(text: str, name: str, at: int, index: NameIndex | None) -> str:
    """Who a name stands for: a lone surname ("Qin, 44,") is the last full name with that word its source wrote
    before it ("Qin Yongmin", "Robert Durst"), as a reader resolves it; the cluster's name index may not join them
    when another source names a relative ("Qin Qinguo")."""
    if " " not in name:
        word = re.escape(name)
        runs = (m.group(0).split() for m in re.finditer(rf"\b(?:[A-Z][a-z]+ )*{word}(?: [A-Z][a-z]+)*\b", text[:at]))
        full = [" ".join(run) for run in ([w for w in r if w not in _NOT_GIVEN] for r in runs) if len(run) > 1]
        if full:
            name = full[-1]
    return index.group_of(name) if index is not None else name_key(name)


# Capitalised words before a surname that are not given names.
_NOT_GIVEN = frozenset(["The", "A", "An", "Mr", "Mrs", "Ms", "Dr", "President", "Prime", "Minister", "Senator",
                        "Sen", "Rep", "Gov", "Governor", "Mayor", "Judge", "General", "Gen", "Col", "Capt", "Chief",
                        "When", "But", "And", "In", "On", "As", "After", "Before", "Since", "Said", "Says", "Told",
                        "Mr.", "Mrs.", "Dr."])


def _swapped(a: int, b: int) -> bool:
    """Two two-digit ages whose digits are swapped: a typing slip, not two people."""
    return 10 <= a <= 99 and str(a)[::-1] == str(b)


def far_apart(a: object | None, b: object | None) -> bool:
    """Whether two publication dates lie more than MAX_DAYS_APART apart, when both are known: between such
    sources an age, an office or a spelling may have changed (people.py reads it too)."""
    try:
        return abs((a - b).days) > MAX_DAYS_APART  # type: ignore[operator]
    except (TypeError, AttributeError):
        return False
