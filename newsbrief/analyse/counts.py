"""Counts of one kind of people in one event, wherever two sources state them (quantity frames).

``events.count_disagreements`` compares counts only between sentences the
alignment pairs (TF-IDF cosine 0.2 and up), and there only when each gives one
figure. Outlets state a toll in sentences that share few words ("killed 224
people, including 12 Americans" / "the more than 250 people killed in the
embassy attacks": cosine 0), and a toll usually comes with its parts ("including
12 Americans") or a second count ("and wounded 21"). Here each figure of people
is read as a *frame* (Fillmore's frame semantics, applied to quantities as in
Roy, Vieira & Roth, 2015, "Reasoning about Quantities in Natural Language"):

- the value as an interval (hedges, and the rounding a round figure may hide:
  "250" for 248),
- what is counted (people in general, or a kind of people: soldiers, Americans),
- the event word that governs it (killed, injured, arrested, in custody…),
- and whether it is a *part* ("including 12 Americans", "among them five
  children"), which never stands for the count.

Two frames of one kind and one event, each the only such frame of its
sentence, in sentences of different sources that name the same thing (a name
in common, or aligned by the cosine), that do not name different places or
days and do not tell a moving figure, are one count: values that cannot both be
true disagree. A figure the cluster gives a third way, near the two, is a
developing count (an undated story's toll as it rose), not a disagreement.
Linear in the units that may state a count (a cheap search picks them); pairs
are compared only inside a frame's bucket.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from newsbrief.analyse import events
from newsbrief.analyse.agreement import Unit
from newsbrief.represent.values import Slot

# Words for people in general: a count of "people", "persons" or of no noun after "killed" is one count.
_GENERIC = frozenset(["peopl", "person", ""])
# Kinds of people a toll counts (stems, as ``values`` gives them): other counted nouns (rockets, bills, nations)
# measure things whose scope a sentence rarely states.
_KINDS = frozenset(["peopl", "person", "civilian", "soldier", "children", "victim", "passeng", "worker", "resid",
                    "troop", "polic", "offic", "student", "refuge", "member", "hostag", "prison", "women", "men",
                    "american", "rebel", "villag", "bodi", "survivor", "casualti", "miner", "protest",
                    "demonstr", "isra", "palestinian", "militant", "suspect", "crew", "pilgrim", "migrant",
                    "israel", "activist", "dissid", "fan", "spectat", "tourist", "sailor"])
# "including 12 Americans", "among them five children", "of whom 30 were": a part of a count, never the count; the
# part runs to the next comma, dash or bracket.
_PART_CLAUSE = re.compile(r"\b(?:including|among\s+(?:them|whom|those)|of\s+(?:whom|them)|besides|excluding|"
                          r"except)\b[^,;:()—]*", re.IGNORECASE)
# "the other 14 sailors", "another 22 bodies", "a further 30": the rest of a count, not the count.
_MORE = re.compile(r"\b(?:other|another|remaining|additional|further|more|extra)\s*$", re.IGNORECASE)
# Two figures for one count this far apart are about other scopes (the island / the region), not a slip. The
# labelled count disagreements of the tune split differ by at most 1.4x (21 / 24, 224 / 250, 3 / 4).
MAX_RATIO = 2.0
# A count told over a period that is still running is a running total, which moves: "killed in two days of
# attacks", "over the past week", "since Wednesday", "so far", "to date".
RUNNING = re.compile(r"\b(?:in|over|during|after)\s+(?:the\s+)?(?:(?:past|last|first)\s+)?(?:\w+\s+)?(?:days?|weeks?|"
                      r"hours?|months?)\s+of\b|\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:days?|weeks?|"
                      r"hours?|months?)\b|\bsince\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|last|"
                      r"midweek|the\s+start)\b|\bso\s+far\b|\bto\s+date\b", re.IGNORECASE)
# A day named by one statement only keeps frames apart, as on the aligned paths: the count may have been told at
# another moment. Relaxing it (only two different days keep them apart) gained no labelled conflict on tune once
# kinds of people were compared one way only; precision first.
ONE_SIDED_DAYS = True
# Alignment cosine at which two sentences are about the same thing without a name in common.
ANCHOR_SIMILARITY = events.WIDE_SIMILARITY


_NUMBER_WORD = (r"(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|forty|"
                r"fifty|hundred)\b)")
# Searched in the lowered text before a unit's values are read: a figure with a kind of people after it, or a figure
# within a few words after a word of a toll ("killed at least 12", "injuring an estimated 5,000"). Every frame
# ``frames_of`` reads matches one of the two, so units that match neither need not be read.
_MAY_FRAME = re.compile(r"\b" + _NUMBER_WORD + r"[\w,.]*\s+(?:[a-z-]+\s+)?(?:people|persons?|civilians|soldiers|"
                        r"children|victims|passengers|workers|residents|troops|police|officers|students|refugees|"
                        r"members|hostages|prisoners|women|men|americans|rebels|villagers|bodies|survivors|"
                        r"casualties|miners|protesters|demonstrators|israelis|palestinians|militants|suspects|crew|"
                        r"pilgrims|migrants|activists|dissidents|fans|spectators|tourists|sailors)\b"
                        r"|\b(?:kill|injur|wound|arrest|detain|evacu|rescu)\w*\W+(?:[a-z]+\W+){0,3}?" + _NUMBER_WORD)


def may_frame(text: str) -> bool:
    """Whether a unit may give a frame (a cheap test on its text, before its values are read)."""
    return _MAY_FRAME.search(text.lower()) is not None


def frames_of(text: str, unit: Unit, slots: Sequence[Slot]) -> list[tuple[str, str, Slot]]:
    """``(counted, event, slot)`` for each count of people in the unit that is not a part of another count."""
    parts = [m.span() for m in _PART_CLAUSE.finditer(text, unit.start, unit.end)]
    blanked = _blank_parts(text, parts)
    out = []
    for s in slots:
        if s.kind not in ("count", "number") or s.unit == "%" or s.value < 1 or s.value != int(s.value):
            continue
        counted = "people" if s.unit in _GENERIC else s.unit
        if counted != "people" and counted not in _KINDS:
            continue
        if any(a <= s.end and s.start < b for a, b in parts) or _MORE.search(text, unit.start, s.start):
            continue
        event = events.event_of(blanked, s, unit.start, unit.end)
        if not event or (s.unit == "" and s.left != event and s.left not in _EVENT_LEFT):
            continue  # a bare figure counts people only right after its event word ("killed more than 250,")
        out.append((counted, event, s))
    return out


# Stems of event words a bare figure may follow.
_EVENT_LEFT = frozenset(["kill", "injur", "wound", "arrest", "detain", "evacu", "rescu"])


def _blank_parts(text: str, parts: Sequence[tuple[int, int]]) -> str:
    """The text with each part clause blanked (same offsets), so that the event word of a count is sought
    across its parts: "A total of 248 people, including a dozen Americans, were killed"."""
    for start, end in parts:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def interval(slot: Slot) -> tuple[float, float]:
    """The slot's interval, widened by the rounding a round figure under a thousand may hide ("250" for 248)."""
    low, high = slot.low, slot.high
    value = slot.value
    if low == high == value and 100 <= value < 1000 and value % 10 == 0:
        step = 10 ** (len(str(int(value))) - len(str(int(value)).rstrip("0")))
        low, high = value - step / 2, value + step / 2
    return low, high


@dataclass(frozen=True, slots=True)
class Frames:
    """A cluster's counts of people by event: those that may pair (one of their event in their sentence), and all."""

    buckets: dict[str, list[tuple[int, str, Slot]]]  # event -> (unit, counted, slot)
    told: dict[str, list[tuple[int, Slot]]]  # event -> every count of it (unit, slot), to see a figure moving


def read_frames(units: Sequence[Unit], slots: Sequence[Sequence[Slot]], texts: Sequence[str],
                candidates: Sequence[int]) -> Frames:
    """The frames of the units that may state a count (``candidates``), bucketed by event: "wounded 21 Israelis"
    and "wounded 24 people" count the same wounded."""
    buckets: dict[str, list[tuple[int, str, Slot]]] = {}
    told_all: dict[str, list[tuple[int, Slot]]] = {}
    for k in candidates:
        unit = units[k]
        found = frames_of(texts[unit.source - 1], unit, slots[k])
        told = [event for _, event, _ in found]
        for (counted, event, s) in found:
            told_all.setdefault(event, []).append((k, s))
            if told.count(event) == 1:  # two counts of one event in a sentence: which is which is not known
                buckets.setdefault(event, []).append((k, counted, s))
    return Frames(buckets, told_all)


def moved(frames: Frames, event: str, a: tuple[int, Slot], b: tuple[int, Slot], apart: Callable[[int, int], bool],
          ) -> bool:
    """Whether the cluster tells the count of ``event`` of units ``a`` and ``b`` a third way near theirs, in a
    statement of the same scope (``apart``: two units name different places): a toll that moved while it was
    told ("82", "at least 129", "151"). "213" killed in Nairobi is no third value for "224" in Kenya and
    Tanzania and "more than 250" in the embassy attacks: another scope."""
    (i, slot_a), (j, slot_b) = a, b
    return _moving(slot_a, slot_b, [s for k, s in frames.told.get(event, ()) if not apart(k, i) and not apart(k, j)])


def frame_disagreements(frames: Frames, units: Sequence[Unit], slots: Sequence[Sequence[Slot]],
                        similar: Callable[[int, int], float], anchors: Callable[[int], set[str]],
                        apart: Callable[[int, int], bool], published: Sequence[datetime | None],
                        ) -> list[tuple[float, events.Found, Slot, Slot]]:
    """Counts of one kind of people for one event that cannot both be true, between units of different sources.

    Args:
        frames: the cluster's frames (:func:`read_frames`).
        units: the cluster's fact units.
        slots: each unit's slots.
        similar: the alignment cosine of two units (0 when not aligned).
        anchors: the names a unit gives, as alias-group keys.
        apart: whether two units name different places (other scopes).
        published: each source's publication time, if known (hours apart: an update).
    """
    out = []
    for event, members in frames.buckets.items():
        for x, (i, counted_a, a) in enumerate(members):
            for j, counted_b, b in members[x + 1:]:
                if units[i].source == units[j].source or not _comparable(counted_a, a, counted_b, b):
                    continue
                low_a, high_a = interval(a)
                low_b, high_b = interval(b)
                if max(low_a, low_b) <= min(high_a, high_b):
                    continue
                small, large = sorted((a.value, b.value))
                if large / small > MAX_RATIO or apart(i, j) or moved(frames, event, (i, a), (j, b), apart):
                    continue
                if any(s.value == b.value for s in slots[i]) or any(s.value == a.value for s in slots[j]):
                    continue  # each sentence also states the other's figure: not the same count
                if not events.same_days(units[i].text, units[j].text, one_sided=ONE_SIDED_DAYS):
                    continue  # told of different days: a toll moves
                cosine = similar(i, j)
                if cosine < ANCHOR_SIMILARITY and not anchors(i) & anchors(j):
                    continue  # nothing named in common: maybe another event
                later = events.hours_apart(published[units[i].source - 1], published[units[j].source - 1])
                update = later is not None and abs(later) >= events.UPDATE_HOURS
                out.append((score(cosine), events.Found(i, j, "count", a.text, b.text, update=update), a, b))
    return out


def score(cosine: float) -> float:
    """How certain a frame disagreement is, by the cosine of its sentences (below the near-copy paths' scores)."""
    return 0.3 + cosine / 2


def _comparable(counted_a: str, a: Slot, counted_b: str, b: Slot) -> bool:
    """Whether two counts of one event count the same people: the same kind, or people against a kind of them
    when the kind is the larger (21 Israelis may be part of 24 people wounded, but not 24 Israelis of 21 people)."""
    if counted_a == counted_b:
        return True
    if "people" not in (counted_a, counted_b):
        return False
    kind, people = (a, b) if counted_b == "people" else (b, a)
    return interval(kind)[0] > interval(people)[1]


def _moving(a: Slot, b: Slot, told: Sequence[Slot]) -> bool:
    """Whether the cluster gives the frame of ``a`` and ``b`` a third value near theirs that neither allows: an
    undated story told as its toll rose ("82", "at least 129", "151", "156"); a figure far off is another scope
    ("11" in Tanzania beside "224" in both embassies)."""
    small, large = sorted((a.value, b.value))
    spans = [interval(a), interval(b)]
    for s in told:
        if not small / MAX_RATIO <= s.value <= large * MAX_RATIO:
            continue
        low, high = interval(s)
        if all(high < s_low or low > s_high for s_low, s_high in spans):
            return True
    return False
