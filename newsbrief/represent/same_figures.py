"""Whether two figures are the same figure: the comparison citing and conflicts share.

Kept apart from ``facts`` (which reads what a sentence states and judges a source) because it knows
nothing of sentences: only of two values, their hedges, units and kinds, as ``values.py`` reads them.
"""

from __future__ import annotations

from newsbrief.represent.figures import VAGUE_RANGES
from newsbrief.represent.values import Slot

# How far a hedged figure ("about 12", "more than 100") reaches, relative to the figure, when citing.
HEDGE_WIDTH = 0.2


def same_number(a: Slot, b: Slot) -> bool:
    """The same value, whatever words surround it (support is lenient on wording, strict on values).

    Stricter than :func:`values.compatible`, which asks whether both can be
    true: "at least 12" and "at least 19" can, but a source that says 19 does
    not support a sentence that says 12. A hedge widens a value by at most a
    fifth; rounding and conversions widen it as they do for conflicts.
    """
    if a.kind == "amount" and b.kind == "amount" and a.unit != b.unit:
        return False
    if a.unit in MEASURES and b.unit in MEASURES and a.unit != b.unit:
        return False
    if a.text.replace(" ", "").lower() == b.text.replace(" ", "").lower():
        return True  # "20-30 feet" / "20-30ft": one figure, whatever unit each side was read in
    low_a, high_a = stated_interval(a)
    low_b, high_b = stated_interval(b)
    return max(low_a, low_b) <= min(high_a, high_b)


def stated_interval(slot: Slot, width: float = HEDGE_WIDTH) -> tuple[float, float]:
    """The slot's interval kept within ``width`` of the value it states ("dozens" keeps its whole range)."""
    if slot.text.lower() in VAGUE_RANGES:
        return slot.low, slot.high
    near = sorted((slot.value * (1 - width), slot.value * (1 + width)))
    return max(slot.low, near[0]), min(slot.high, near[1])


def states_number(a: Slot, b: Slot) -> bool:
    """:func:`same_number` for citing: when both figures are hedged or round, each reaches half as far, so
    that two hedges do not add up ("about 95 percent" / "about 68 percent" overlap at a fifth each)."""
    if not same_number(a, b) or (a.unit in SHARES) != (b.unit in SHARES):
        return False  # "40 percent" is not stated by "40 voters" (``same_number``, read by conflicts, keeps it)
    if not (hedged(a) and hedged(b)) or a.text.replace(" ", "").lower() == b.text.replace(" ", "").lower():
        return True
    low_a, high_a = stated_interval(a, HEDGE_WIDTH / 2)
    low_b, high_b = stated_interval(b, HEDGE_WIDTH / 2)
    return max(low_a, low_b) <= min(high_a, high_b)


def hedged(slot: Slot) -> bool:
    """Whether a figure reaches further than a tenth of its value ("about 95", "at least 85", "1,000")."""
    return slot.high - slot.low > HEDGE_WIDTH * abs(slot.value)


def same_measure(a: Slot, b: Slot) -> bool:
    """Whether two values could be figures for one thing: then different values contradict.

    Figures of one unit, or where either side's unit is unknown ("a delegation of more than 400"), or two
    counts of people ("22 people" / "19 men"): a sentence that gives "37 yachts" is not supported by a
    span whose only such figure is another. Figures of different known units are of different things
    ("three neighboring states" / "two vehicles", "$10,000" / "two of her employees"): read on the
    issue-23 labels (tune), those pairs were partial support or another fact, not contradictions.
    """
    if (a.kind == "amount") != (b.kind == "amount") or (a.kind == "amount" and a.unit != b.unit):
        return False
    if a.unit in MEASURES and b.unit in MEASURES and a.unit != b.unit:
        return False
    if (a.unit in SHARES) != (b.unit in SHARES):
        return False  # a share is no count: "one in seven" / "37,847 (about 15 percent) were younger than 50"
    return not a.unit or not b.unit or a.unit == b.unit or a.kind == b.kind == "count"


# Metric units from ``values._UNITS``: two different ones measure different things.
MEASURES = frozenset(["km", "m", "kph", "kg", "t", "ha", "celsius", "%"])
# How a share is written (``values`` stems "percent"; shares read as "one in seven" use it too).
SHARES = frozenset(["%", "percent"])
