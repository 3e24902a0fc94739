"""One event dated on two different days (or in two months) by two sources, told in other words.

``conflicts.py`` compares dates only between near-copies whose dates follow the
same word. Outlets date one event in their own words ("In a BuzzFeed article
posted Oct. 30, actor Anthony Rapp alleged" / "told BuzzFeed in an interview on
Oct. 29"; "approved a U.S.-British plan in August" / "In July, the U.N. Security
Council backed a U.S.-British plan"). Two statements are taken to date one event
when

- they are aligned (TF-IDF cosine at least ``DATE_SIMILARITY``) and name someone
  or something in common (a capitalised word that is not a month or a weekday);
- each dates exactly one thing, at the same grain (a day of a month, or a
  month), not as a bound ("since Oct. 29", "until March") or a range
  ("Nov. 12-18");
- the dates are close (days within a month of each other, adjacent months of one
  year): farther apart they are other events, not one date told two ways;
- neither source ever writes the other's date: a source that gives both knows
  two events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsbrief.analyse.agreement import Unit
from newsbrief.datatypes import Conflict
from newsbrief.represent.calendar_words import CALENDAR_NAMES, MONTHS

# Statements this similar may tell one event. Swept 0.2-0.45 on the tune split of bench/labels: 0.25-0.3 found both
# labelled pairs there with no false alarm; 0.2 added "Dec. 18" (a pullback) / "Dec. 12" (a visit); from 0.35 the
# Security Council's "in August" / "In July" (cosine 0.34) was lost. 0.3 for a margin over the false alarm.
DATE_SIMILARITY = 0.3
MAX_DAYS_APART = 31
_MONTHS = MONTHS
# A month as news writes it before a day ("Sept.", "Sep", "September"); shared with timings.py.
MONTH_WORD = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|Aug(?:ust|\.)?|"
              r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_MONTH = r"(?P<month>" + MONTH_WORD + ")"
# "Oct. 30", "March 21, 2012"; a range ("Nov. 12-18") or a time ("Oct. 30:") is not one day.
_DAY = re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})\b(?!\s*[-–:]|\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?")
# "in August", "In July 1998": a month alone after "in".
_IN_MONTH = re.compile(r"\b[Ii]n\s+(?:early\s+|late\s+|mid-)?(?P<month>" + "|".join(_MONTHS) + r")\b"
                       r"(?!\s+\d{1,2}\b(?!\d))(?:\s+(?P<year>(?:19|20)\d\d))?")
# A date after these words bounds a period ("since Oct. 29") rather than dating an event.
_BOUND = re.compile(r"\b(?:since|until|till|through|by|before|after|from|to|between|as of|starting|beginning|"
                    r"ending|end of|week of)\s+(?:early\s+|late\s+|mid-)?$", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w'-]*[a-z][\w'-]*")
_NOT_NAMES = CALENDAR_NAMES | frozenset(
    ["The", "In", "On", "A", "An", "But", "And", "He", "She", "It", "They", "We", "I", "His", "Her", "Their", "This",
     "That", "When", "After", "Before", "Last", "Earlier", "Later", "Mr", "Mrs", "Ms", "Dr"])


def date_conflicts(texts: Sequence[str], units: Sequence[Unit],
                   pairs: Iterable[tuple[int, int, float]]) -> list[tuple[float, Conflict]]:
    """Aligned statements of two sources that date one event on different days or in different months.

    ``pairs`` are the unit pairs (i, j, cosine) at or above DATE_SIMILARITY. Linear in them; each unit's dates are
    read once.
    """
    read: dict[int, tuple[str, int, int, int | None, str] | None] = {}

    def dated(k: int) -> tuple[str, int, int, int | None, str] | None:
        if k not in read:
            read[k] = _one_date(texts[units[k].source - 1], units[k].start, units[k].end)
        return read[k]

    out: list[tuple[float, Conflict]] = []
    for i, j, value in pairs:
        if units[i].source == units[j].source:
            continue
        a, b = dated(i), dated(j)
        if a is None or b is None or a[0] != b[0] or not _differ(a, b):
            continue
        ua, ub = units[i], units[j]
        shared = _names(ua.text) & _names(ub.text)
        if not shared:
            continue
        if _writes(texts[ua.source - 1], b, units, ua.source, shared) or _writes(
                texts[ub.source - 1], a, units, ub.source, shared):
            continue  # a source that gives both dates of the same people or things tells of two events
        out.append((float(value), Conflict(
            kind="date", first=ua.span,
            second=ub.span, first_value=a[4], second_value=b[4],
            explanation=f"source {ua.source} dates it {a[4]}, source {ub.source} {b[4]}")))
    return out


def _one_date(text: str, start: int, end: int) -> tuple[str, int, int, int | None, str] | None:
    """The one date a statement gives: (grain, month, day or 0, year or None, as written); None if not exactly one."""
    found = []
    for m in _DAY.finditer(text, start, end):
        found.append(("day", m, int(m.group("day"))))
    for m in _IN_MONTH.finditer(text, start, end):
        found.append(("month", m, 0))
    if len(found) != 1:
        return None
    grain, m, day = found[0]
    if _BOUND.search(text[max(start, m.start() - 20):m.start()]) or not 0 <= day <= 31:
        return None
    month = 1 + [n[:3] for n in _MONTHS].index(m.group("month")[:3].title())
    year = int(m.group("year")) if m.group("year") else None
    shown = m.group(0) if grain == "day" else m.group(0).split(None, 1)[1]
    return grain, month, day, year, shown


def _differ(a: tuple[str, int, int, int | None, str], b: tuple[str, int, int, int | None, str]) -> bool:
    """Different dates close enough to be one event told two ways."""
    _, month_a, day_a, year_a, _ = a
    _, month_b, day_b, year_b, _ = b
    if year_a is not None and year_b is not None and year_a != year_b:
        return False  # year_disagreements (events.py) compares years
    if a[0] == "month":
        return month_a != month_b and abs(month_a - month_b) <= 1
    apart = abs((month_a * 31 + day_a) - (month_b * 31 + day_b))
    return 0 < apart <= MAX_DAYS_APART


def _writes(text: str, date: tuple[str, int, int, int | None, str], units: Sequence[Unit], source: int,
            shared: set[str]) -> bool:
    """Whether a source writes this date (any spelling of its month) in a statement about what the pair shares
    (at least half its shared names): "Oct. 30" of another man's post in the same story is another event."""
    grain, month, day, _, _ = date
    name = _MONTHS[month - 1]
    pattern = re.compile(rf"\b{name}\b" if grain == "month" else rf"\b{name[:3]}[a-z]*\.?\s+{day}\b(?!\d)")
    if pattern.search(text) is None:
        return False  # the common case: one regex over the article, no unit read
    return any(u.source == source and pattern.search(u.text) and 2 * len(_names(u.text) & shared) >= len(shared)
               for u in units)


def _names(text: str) -> set[str]:
    return {w for w in _CAPITALISED.findall(text) if w not in _NOT_NAMES}
