"""Conflicts about people: one person given two offices or two ages, or two names for one role.

Offices and ages change with time ("Prime Minister Putin" in 1999, "President
Putin" in 2000; an age a year on), so they are compared only between
statements that say the same thing (aligned, see ``agreement.py``) and, when both
sources are dated, were written within a few days of each other. Offices
conflict only within a set of exclusive ones (a president is not also prime
minister). Two names conflict when near-copies of a statement name different
people with the same given name, each source naming only its own version.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

import numpy as np

from newsbrief.analyse.ages import far_apart
from newsbrief.analyse.agreement import SAME_FACT, Alignment
from newsbrief.datatypes import Conflict
from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import find_names, name_key

# Statements must be this similar (TF-IDF cosine) for offices, names, days and
# places to be compared: these differ between separate events told in the same words.
STRICT_SIMILARITY = 0.5

_EXCLUSIVE_OFFICES = (frozenset({"president", "prime minister", "chancellor", "king", "queen"}),
                      frozenset({"senator", "representative", "governor", "mayor"}))
_OFFICE_SYNONYMS = {"premier": "prime minister", "sen.": "senator", "rep.": "representative", "gov.": "governor"}
_OFFICE = re.compile(r"(?<![\w-])(prime minister|president|chancellor|king|queen|senator|representative|governor|"
                     r"mayor|premier|sen\.|rep\.|gov\.)(?![\w-])")
_NOT_CURRENT = re.compile(r"\b(?:former|ex|acting|deputy|vice|elect|interim)\b")


def _offices(title: str) -> set[str]:
    low = title.lower()
    if not low or _NOT_CURRENT.search(low):
        return set()
    out = {_OFFICE_SYNONYMS.get(m, m) for m in _OFFICE.findall(low)}
    if "prime minister" in out:
        out.discard("president")
    return out


_AGE = re.compile(r",\s(?:(\d{1,3}),|an?\s(\d{1,3})-year-old\b)")


def _person_facts(texts: Sequence[str], alignment: Alignment, index: NameIndex,
                  proper: frozenset[str] | None, needed: set[int]) -> list[dict[str, tuple[str, str]]]:
    """Per unit: person group -> (office, name) and group -> (age, name), from "President X" and "X, 22,".

    Only units in ``needed`` (those with an aligned partner) are read; the others get no facts.
    """
    facts: list[dict[str, tuple[str, str]]] = []
    for k, unit in enumerate(alignment.units):
        text = texts[unit.source - 1]
        found: dict[str, tuple[str, str]] = {}
        if k not in needed:
            facts.append(found)
            continue
        for name in find_names(text, unit.start, unit.end, proper=proper):
            group = index.group_of(name.text)
            offices = _offices(name.title)
            if len(offices) == 1 and index.person_like(name.text):
                found["office:" + group] = (next(iter(offices)), name.text)
            age = _AGE.match(text, name.end, unit.end)
            # "Name, 22," marks a person even where NER took the name for an organisation.
            if age and index.label(name.text) not in ("GPE", "LOC") and (
                    len(name.text.split()) > 1 or index.person_like(name.text)):
                found["age:" + group] = (age.group(1) or age.group(2), name.text)
        facts.append(found)
    return facts


def person_conflicts(texts: Sequence[str], alignment: Alignment, index: NameIndex, proper: frozenset[str] | None,
                      published: Sequence[object | None]) -> list[tuple[float, Conflict]]:
    """Aligned statements that give one person two exclusive offices or two ages.

    Offices and ages change with time ("Prime Minister Putin" in 1999, "President
    Putin" in 2000), so the two statements must be about the same fact (aligned)
    and, when both sources are dated, written within a few days of each other.
    """
    units, sim = alignment.units, alignment.similarity
    aligned = np.nonzero(sim >= SAME_FACT)
    facts = _person_facts(texts, alignment, index, proper, set(aligned[0].tolist()))
    out = []
    for i, j in zip(*aligned, strict=True):
        ua, ub = units[int(i)], units[int(j)]
        if ua.source >= ub.source or far_apart(published[ua.source - 1], published[ub.source - 1]):
            continue
        for key in facts[int(i)].keys() & facts[int(j)].keys():
            (va, name_a), (vb, _) = facts[int(i)][key], facts[int(j)][key]
            if va == vb:
                continue
            name = index.canonical(name_a)
            span_a = ua.span
            span_b = ub.span
            if key.startswith("age:"):
                conflict = Conflict(kind="number", first=span_a, second=span_b, first_value=f"{name}, {va}",
                                    second_value=f"{name}, {vb}",
                                    explanation=f"source {ua.source} gives {name}'s age as {va}, "
                                                f"source {ub.source} as {vb}")
            elif sim[i, j] >= STRICT_SIMILARITY and any(va in g and vb in g for g in _EXCLUSIVE_OFFICES):
                conflict = Conflict(kind="title", first=span_a, second=span_b, first_value=f"{va} {name}",
                                    second_value=f"{vb} {name}",
                                    explanation=f"source {ua.source} calls {name} {va}, source {ub.source} {vb}")
            else:
                continue
            out.append((float(sim[i, j]), conflict))
    return out


def name_conflicts(texts: Sequence[str], alignment: Alignment, index: NameIndex,
                    proper: frozenset[str] | None) -> list[tuple[float, Conflict]]:
    """Near-copies of one statement that name different people ("Tom Henson" / "Tom Benson").

    The two names share the given name but not the family name (a different
    given name may be a nickname), the family names are not one spelt two ways,
    each source names only its own version anywhere, and the sentences are near-copies.
    """
    units, sim = alignment.units, alignment.similarity
    in_source: dict[int, set[str]] = {}
    for unit in units:
        text = texts[unit.source - 1]
        in_source.setdefault(unit.source, set()).update(
            index.group_of(n.text) for n in find_names(text, unit.start, unit.end, proper=proper))
    out = []
    seen: set[frozenset[str]] = set()
    for i, j in zip(*((sim >= STRICT_SIMILARITY).nonzero()), strict=True):
        ua, ub = units[int(i)], units[int(j)]
        if ua.source >= ub.source:
            continue
        names_a = _people(texts[ua.source - 1], ua.start, ua.end, index, proper)
        names_b = _people(texts[ub.source - 1], ub.start, ub.end, index, proper)
        only_a = [n for n in names_a if index.group_of(n) not in in_source[ub.source]]
        only_b = [n for n in names_b if index.group_of(n) not in in_source[ua.source]]
        if len(only_a) != 1 or len(only_b) != 1:
            continue
        ta, tb = name_key(only_a[0]).split(), name_key(only_b[0]).split()
        short, long_ = sorted((ta, tb), key=len)
        if long_[:len(short)] == short or long_[-len(short):] == short or len(long_) > 4:
            continue  # one is the other cut short ("Ann Marie" / "Ann Marie Lee")
        # Same given name, another family name; a different given name may be a
        # nickname ("Bob" / "Robert Ford") or a transliteration.
        if ta[0] != tb[0] or ta[-1] == tb[-1]:
            continue
        if SequenceMatcher(None, ta[-1], tb[-1]).ratio() >= 0.6:
            continue  # one name spelled two ways ("Hanson" / "Hansen"), not two people
        key = frozenset((only_a[0], only_b[0]))
        if key in seen:
            continue
        seen.add(key)
        out.append((float(sim[i, j]), Conflict(
            kind="name", first=ua.span,
            second=ub.span, first_value=only_a[0], second_value=only_b[0],
            explanation=f"source {ua.source} names {only_a[0]}, source {ub.source} {only_b[0]} in the same statement")))
    return out


def _people(text: str, start: int, end: int, index: NameIndex, proper: frozenset[str] | None) -> list[str]:
    return [n.text for n in find_names(text, start, end, proper=proper)
            if len(n.text.split()) >= 2 and index.person_like(n.text)]
