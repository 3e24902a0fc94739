"""One event given two times by two sources, found by the event a time dates, not by sentence similarity.

``dates.py`` and ``conflicts.py`` compare the dates of statements that are
aligned (TF-IDF cosine 0.3 and up). Outlets date one event in sentences that
share few words: "the Sept. 3 crash that took 229 lives" / "The plane ...
crashed Sept. 2 ..., killing all 229 people"; "DWSD announced a $1 million fund
on Tuesday" / "The Detroit Water and Sewerage Department on Wednesday announced
plans to use $1 million"; a car "that fled the scene about 4:20 a.m." / "about
4:30 a.m.". What ties such statements is the *event frame* of each time
(``frames.py``): the once-only event it dates (a few synonym classes put
"slammed into" with "hit land", "ousted" with "seized control") and the
participants its statement names. Two frames of different sources are one event
when they share an event class and a participant (a figure of 10 or more, or a
full name in both clauses, for the weak classes a story holds several of:
announcements, arrests, attacks); their times then conflict when they cannot
both hold:

- days (``Sept. 2`` / ``Sept. 3``) less than a week apart; adjacent months;
  weekdays; seasons ("in the spring" / "in the summer"); clock times beyond
  their reach ("about 4:20" reaches five minutes either way, "about 10 p.m."
  half an hour, "10 p.m." five minutes, "10:40 p.m." two);
- a source that dates the event class two ways, or writes the other's day
  anywhere in its text, tells of two events (a typhoon that hit one island on
  Wednesday and another on Thursday), so it is not used.

Weekdays are compared as written (a dated story's "Tuesday" is another's
"Tuesday"); when sources carry publication dates, a weekday that dates a past
verb is also read as the day it was and set against the days other sources
write. "Yesterday" and "today" are never read.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from newsbrief.analyse.agreement import Unit
from newsbrief.analyse.frames import TIME, WEAK, Frame, time_value, unit_frames
from newsbrief.datatypes import Conflict

# Days of one event told two ways are close (a slip, a night, a time zone: Sept. 2 / Sept. 3, March 21 / March 22);
# a week or more apart they are two events (Cathay Pacific announced a deal Nov. 10 and its withdrawal Dec. 2).
MAX_DAYS_APART = 6


def time_conflicts(texts: Sequence[str], units: Sequence[Unit], proper: frozenset[str] | None,
                   published: Sequence[object | None] | None = None) -> list[tuple[float, Conflict]]:
    """Frames of two sources that date one event (a shared event class and participant) at times that cannot both
    hold, each source dating that event one way only. Linear in the units with a time; frames are paired through
    an index of (grain, event class), not all against all.

    With ``published`` (each source's datetime, or None), a weekday that dates a past verb is also read as the day
    it was (the last such weekday up to the publication day) and compared with the other sources' days: "won
    re-election Sunday" in a Wednesday, Oct. 7 story is Oct. 4, against another's "Oct. 5 re-election"."""
    # Each text is searched for times once; only the units holding one are read.
    timed: set[tuple[int, int]] = set()  # (source, position of a time)
    written: dict[tuple[int, str], set[int]] = defaultdict(set)  # (source, grain) -> every time it writes
    for source, text in enumerate(texts, start=1):
        for m in TIME.finditer(text):
            timed.add((source, m.start()))
            value = time_value(m, text)
            if value is not None:
                written[(source, value[0])].add(value[1])
    starts: dict[int, list[int]] = defaultdict(list)
    for source, position in timed:
        starts[source].append(position)
    for positions in starts.values():
        positions.sort()
    frames = [f for k, u in enumerate(units) if _holds(starts.get(u.source, ()), u.start, u.end)
              for f in unit_frames(k, u, proper)]
    frames += [d for f in frames if (d := _as_day(f, published)) is not None]
    by_key: dict[tuple[str, str], list[Frame]] = defaultdict(list)
    for f in frames:
        for event in f.events:
            by_key[(f.grain, event)].append(f)
    # A story told over a week writes every weekday: for weekdays, only those that date an event of the list count.
    for source in {f.source for f in frames}:
        written[(source, "weekday")] = {f.value for f in frames if f.source == source and f.grain == "weekday"}
    out: list[tuple[float, Conflict]] = []
    seen: set[tuple[int, int, int, int]] = set()
    for (grain, event), group in by_key.items():
        per_source: dict[int, list[Frame]] = defaultdict(list)
        for f in group:
            per_source[f.source].append(f)
        for a_source, a_frames in per_source.items():
            for b_source, b_frames in per_source.items():
                if a_source >= b_source:
                    continue
                for a in a_frames:
                    for b in b_frames:
                        key = (a.unit, b.unit, a.value, b.value)
                        if a.derived and b.derived:
                            continue  # weekdays are compared as written; a read day only against a written one
                        if key in seen or not _shared(a, b, event) or _compatible(a, b):
                            continue
                        if not _one_way(a, a_frames) or not _one_way(b, b_frames):
                            continue  # a source that times this event two ways tells of two events
                        if b.value in written[(a_source, grain)] or a.value in written[(b_source, grain)]:
                            continue  # each source also writes the other's time: two events
                        seen.add(key)
                        out.append((0.55, _conflict(a, b, units, event)))
    return out


def _as_day(frame: Frame, published: Sequence[object | None] | None) -> Frame | None:
    """A weekday that dates a past verb, as the day it was by its source's publication date (None if undated)."""
    when = published[frame.source - 1] if published is not None and frame.grain == "weekday" and frame.past else None
    if not isinstance(when, datetime):
        return None
    day = when.date() - timedelta(days=(when.weekday() - frame.value) % 7)
    return replace(frame, grain="day", value=day.year * 10_000 + day.month * 100 + day.day, derived=True)


def _holds(positions: Sequence[int], start: int, end: int) -> bool:
    """Whether a sorted list of positions has one in ``start:end``."""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def _shared(a: Frame, b: Frame, event: str) -> bool:
    """Whether two frames name the same participants: one in their statements will do for an event that happens
    once to them; an event of a weak class needs a shared figure of 10 or more, or two name words (a full name,
    a title and a name) in both times' own clauses: "an appeals court blocked a killer's execution Tuesday" /
    "refused to block the execution Thursday of Gary Graham" share Gov. Bush, who is not whose execution it is; "a
    plan announced on Tuesday by Republicans in the House" / "House Republican leaders unveiled a tax-cut package
    Thursday" share the House, which announces many things."""
    shared = a.participants & b.participants
    if event not in WEAK:
        return bool(shared)
    return any(p[0].isdigit() and float(p) >= 10 for p in shared) or len(a.near & b.near) >= 2


def _compatible(a: Frame, b: Frame) -> bool:
    if a.grain == "clock":
        return abs(a.value - b.value) < a.reach + b.reach
    if a.grain in ("day", "month"):
        scale = 10_000 if a.grain == "day" else 100
        year_a, rest_a = divmod(a.value, scale)
        year_b, rest_b = divmod(b.value, scale)
        if year_a and year_b and year_a != year_b:
            return True  # years are compared by events.year_disagreements; other years may be other events
        if a.grain == "month":
            return rest_a == rest_b or abs(rest_a - rest_b) > 1  # "in July" / "in August"; farther: two events
        apart = abs((rest_a // 100) * 31 + rest_a % 100 - (rest_b // 100) * 31 - rest_b % 100)
        return rest_a == rest_b or apart > MAX_DAYS_APART
    return a.value == b.value


def _one_way(frame: Frame, frames: Sequence[Frame]) -> bool:
    """Whether every frame of this source for the event (with a shared participant) gives one time."""
    return all(_compatible(frame, f) or not (f.participants & frame.participants) for f in frames)


def _conflict(a: Frame, b: Frame, units: Sequence[Unit], event: str) -> Conflict:
    ua, ub = units[a.unit], units[b.unit]
    kind = "weekday" if a.grain == "weekday" else "date"
    return Conflict(kind=kind, first=ua.span, second=ub.span, first_value=a.shown, second_value=b.shown,
                    explanation=f"source {ua.source} times it {_told(a)}, source {ub.source} {_told(b)}")


def _told(frame: Frame) -> str:
    """A frame's time as written, and the day a weekday was by its source's date ("Sunday (Oct. 4)")."""
    if not frame.derived:
        return frame.shown
    month, day = divmod(frame.value % 10_000, 100)
    return f"{frame.shown} ({_MONTH_NAMES[month - 1]} {day}, by its date)"


_MONTH_NAMES = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
