"""One person's name spelt two ways by two sources ("Olivares" / "Oliveras"): at most one is right.

``people.name_conflicts`` finds two different people named in one statement;
this finds one family name that two sources spell differently, in statements
about the same thing (aligned units, any wording). A spelling counts only if
it is one letter changed, added or dropped, or two letters swapped, away from the other, the
name is long enough for that to be a slip (six letters or more), and neither
source ever uses the other's spelling. Short forms ("Durst" / "Robert Durst")
differ by whole words, so they are never spelling variants.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.analyse.agreement import SAME_FACT, Alignment
from newsbrief.datatypes import Conflict, Span
from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import find_names

MIN_LETTERS = 6


def spelling_conflicts(texts: Sequence[str], alignment: Alignment, index: NameIndex | None,
                       proper: frozenset[str] | None) -> list[tuple[float, Conflict]]:
    """Family names spelt two ways in aligned units of two sources that each keep to their own spelling."""
    units, sim = alignment.units, alignment.similarity
    family: dict[int, list[str]] = {}  # unit -> family names of the people it names
    used: dict[int, set[str]] = {}  # source -> every capitalised word it uses in a name
    for k, unit in enumerate(units):
        names = find_names(texts[unit.source - 1], unit.start, unit.end, proper=proper)
        used.setdefault(unit.source, set()).update(w for n in names for w in n.text.split())
        family[k] = [n.text.split()[-1] for n in names
                     if not n.possessive and (index is None or index.person_like(n.text))]
    out: list[tuple[float, Conflict]] = []
    seen: set[frozenset[str]] = set()
    rows, cols = (sim >= SAME_FACT).nonzero()
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        ua, ub = units[i], units[j]
        if ua.source >= ub.source:
            continue
        for a in family[i]:
            for b in family[j]:
                key = frozenset((a, b))
                if a == b or key in seen or b in used[ua.source] or a in used[ub.source]:
                    continue
                if min(len(a), len(b)) < MIN_LETTERS or not one_slip(a.lower(), b.lower()):
                    continue
                seen.add(key)
                out.append((float(sim[i, j]), Conflict(
                    kind="name", first=Span(ua.source, ua.start, ua.end, ua.text),
                    second=Span(ub.source, ub.start, ub.end, ub.text), first_value=a, second_value=b,
                    explanation=f"source {ua.source} spells the name {a}, source {ub.source} {b}")))
    return out


def one_slip(a: str, b: str) -> bool:
    """One letter changed, added or dropped, or two letters swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        # two letters trade places, side by side or not ("Olivares" / "Oliveras")
        return len(diff) == 2 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))
