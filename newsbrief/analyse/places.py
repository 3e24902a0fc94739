"""One address given two ways: the same street, another block ("the 900 block of Buffalo Springs Drive" / "the
800 block of Buffalo Springs Drive").

A US police report places an event by the hundred-block of a street. The
street names the slot, so the two statements need not be aligned: two sources
that each give one block of the same street, and different ones, disagree about
where it happened. A source that gives two blocks of one street speaks of two
places, and is not used for that street.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.analyse.agreement import Unit
from newsbrief.datatypes import Conflict

_BLOCK = re.compile(r"\b(\d{1,2}(?:00|,000)|\d{3,5})\s+block\s+of\s+((?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*)")


def block_conflicts(units: Sequence[Unit]) -> list[tuple[float, Conflict]]:
    """Two sources giving one street different blocks, each keeping to one block of it. Linear in the units."""
    stated: dict[str, dict[int, dict[str, int]]] = {}  # street -> source -> block -> unit
    for k, unit in enumerate(units):
        if "block of" not in unit.text:
            continue
        for m in _BLOCK.finditer(unit.text):
            street = m.group(2).rstrip(".").lower()
            stated.setdefault(street, {}).setdefault(unit.source, {}).setdefault(m.group(1).replace(",", ""), k)
    out: list[tuple[float, Conflict]] = []
    for street, by_source in stated.items():
        one = {source: next(iter(blocks.items())) for source, blocks in by_source.items() if len(blocks) == 1}
        sources = sorted(one)
        seen: set[frozenset[str]] = set()
        for x, a in enumerate(sources):
            for b in sources[x + 1:]:
                (block_a, ka), (block_b, kb) = one[a], one[b]
                if block_a == block_b or frozenset((block_a, block_b)) in seen:
                    continue
                seen.add(frozenset((block_a, block_b)))
                ua, ub = units[ka], units[kb]
                out.append((0.5, Conflict(
                    kind="place", first=ua.span,
                    second=ub.span, first_value=f"{block_a} block",
                    second_value=f"{block_b} block",
                    explanation=f"source {a} places it in the {block_a} block of {street.title()}, source {b} "
                                f"in the {block_b} block")))
    return out
