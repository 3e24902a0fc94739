"""How long one thing lasted, given differently by two sources ("in session for two hours and 10 minutes" /
"a two-and-a-half-hour court session").

A duration is read in minutes from every form news text gives it ("2 hours and
23 minutes", "a 143-minute film", "two-and-a-half-hour", "an hour and a half"),
with its hedge ("about", "more than", "nearly") as an interval, and tied to the
thing that lasted: the nearest word of a small lexicon of things that last
(a session, hearing, trial, meeting, operation, flight, standoff…) in its clause.
Two sources that each give one thing one duration, in statements naming
something in common (or aligned by the cosine), and values that cannot both be
true (and are no more than twice apart: farther is another sitting), disagree.
Hours and minutes only: days, months and years measure spans whose ends the
sources often count differently (a "17-day-old crackdown" is "three weeks" old).
Linear in the units: a cheap search picks those with an hour or a minute.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from newsbrief.analyse.agreement import Unit
from newsbrief.datatypes import Conflict
from newsbrief.represent.figures import NUMBER_WORDS
from newsbrief.represent.tokens import stem
from newsbrief.represent.values import parse_number

# Searched in the lowered text: a case-sensitive pattern runs about three times faster than an ignore-case one.
_MAYBE = re.compile(r"(?:\b|-)(?:hours?|minutes?|hrs?|mins?)\b")
_WORDS = {**NUMBER_WORDS, "an": 1, "a": 1, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45,
          "fifty": 50, "ninety": 90}
_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
_N = r"(?:\d+(?:\.\d+)?|" + _WORD + r")"
_HEDGE = (r"(?P<hedge>about|around|roughly|approximately|some|nearly|almost|more\s+than|over|at\s+least|"
          r"less\s+than|under|up\s+to|just\s+over|just\s+under)\s+")
# "two hours and 10 minutes", "2 hours 23 minutes", "an hour and a half", "two and a half hours", "two-and-a-half-hour",
# "143-minute", "90 minutes", "half an hour".
_DURATION = re.compile(
    r"(?<![\w/.,-])(?:" + _HEDGE + r")?(?:"
    r"(?P<h>" + _N + r")(?P<frac>\s+1/2|\s?½)?(?P<hh>[\s-]+and[\s-]+a[\s-]+half)?[\s-]+(?:hours?|hrs?)(?![\w-])"
    r"(?P<half>\s+and\s+a\s+half)?"
    r"(?:,?\s+(?:and\s+)?(?P<hm>\d+|" + _WORD + r")[\s-]+(?:minutes?|mins?)\b)?"
    r"|(?P<m>" + _N + r")[\s-]+(?:minutes?|mins?)(?![\w-])"
    r"|(?P<halfhour>half\s+an\s+hour|half-hour)\b)", re.IGNORECASE)
# Things whose length a report gives: the word a duration measures.
_LASTING = frozenset(stem(w) for w in [
    "session", "hearing", "trial", "meeting", "talks", "operation", "surgery", "flight", "standoff", "siege",
    "speech", "address", "interview", "interrogation", "debate", "deliberations", "blackout", "outage", "delay",
    "chase", "search", "battle", "gunfight", "shootout", "firefight", "ordeal", "walk", "spacewalk", "rescue",
    "journey", "drive", "ride", "performance", "concert", "show", "film", "movie", "march", "rally", "protest",
    "vigil", "ceremony", "procession", "funeral", "service", "lockdown", "curfew", "shutdown", "strike", "eclipse",
    "sentencing", "testimony", "negotiations", "summit", "visit", "tour", "broadcast", "telecast", "game", "match"])
_TOKEN = re.compile(r"[^\W_]+|[,;:()—.]")
_WINDOW = 6
# Two durations of one thing this far apart are two sittings, not a slip.
MAX_RATIO = 2.0
# How far a hedge reaches, as a share of the value ("about two hours": 96 to 144 minutes).
HEDGE_REACH = 0.2
# A duration in whole hours may be rounded to the half hour ("two hours" for 2 h 10 min): a quarter either way.
HOUR_ROUNDING = 15.0


def durations(text: str, start: int, end: int) -> list[tuple[int, int, float, float, float, str]]:
    """``(start, end, low, high, minutes, thing)`` for each duration of a thing that lasts in ``text[start:end]``."""
    out = []
    for m in _DURATION.finditer(text, start, end):
        minutes = _minutes(m)
        if minutes is None or minutes <= 0:
            continue
        thing = _thing(text, m.start(), m.end(), start, end)
        if thing is None:
            continue
        low, high = _interval(m, minutes)
        out.append((m.start(), m.end(), low, high, minutes, thing))
    return out


def _number(word: str) -> float | None:
    word = word.lower()
    return float(_WORDS[word]) if word in _WORDS else parse_number(word)


def _minutes(m: re.Match[str]) -> float | None:
    if m.group("halfhour"):
        return 30.0
    if m.group("m"):
        value = _number(m.group("m"))
        return value
    hours = _number(m.group("h"))
    if hours is None:
        return None
    if m.group("hh") or m.group("half") or m.group("frac"):
        hours += 0.5
    extra = _number(m.group("hm")) if m.group("hm") else 0.0
    return hours * 60 + (extra or 0.0)


def _interval(m: re.Match[str], minutes: float) -> tuple[float, float]:
    hedge = (m.group("hedge") or "").lower().split()
    if not hedge:
        whole_hours = m.group("h") and not (m.group("hh") or m.group("half") or m.group("frac") or m.group("hm"))
        reach = HOUR_ROUNDING if whole_hours and minutes % 60 == 0 else 0.0
        return minutes - reach, minutes + reach
    if hedge[-1] in ("about", "around", "roughly", "approximately", "some"):
        return minutes * (1 - HEDGE_REACH), minutes * (1 + HEDGE_REACH)
    if hedge[-1] in ("nearly", "almost") or hedge[:2] == ["just", "under"]:
        return minutes * (1 - HEDGE_REACH), minutes
    if hedge[0] in ("more", "over", "at") or hedge[:2] == ["just", "over"]:
        return minutes, float("inf")
    return 0.0, minutes  # less than, under, up to


def _thing(text: str, start: int, end: int, sent_start: int, sent_end: int) -> str | None:
    """The nearest word of a thing that lasts within the duration's clause ("court session", "in session for")."""
    before = _TOKEN.findall(text[sent_start:start])
    after = _TOKEN.findall(text[end:sent_end])
    for tokens in (after[:_WINDOW], list(reversed(before))[:_WINDOW]):
        for tok in tokens:
            if tok in ",;:()—.":
                break
            if stem(tok.lower()) in _LASTING and tok[:1].islower():
                return tok.lower()
    return None


def duration_conflicts(texts: Sequence[str], units: Sequence[Unit], similar: Callable[[int, int], float],
                       anchors: Callable[[int], set[str]], floor: float) -> list[tuple[float, Conflict]]:
    """Two sources each giving one thing that lasted one duration, and durations that cannot both be true."""
    # thing -> source -> [(unit, start, end, low, high, minutes, the thing's word as written)]
    stated: dict[str, dict[int, list[tuple[int, int, int, float, float, float, str]]]] = {}
    # Hours and minutes are sought once a source; only the units holding one are read.
    seen: dict[int, list[int]] = {}
    for k, unit in enumerate(units):
        marks = seen.get(unit.source)
        if marks is None:
            marks = seen[unit.source] = [m.start() for m in _MAYBE.finditer(texts[unit.source - 1].lower())]
        at = bisect_left(marks, unit.start)
        if at == len(marks) or marks[at] >= unit.end:
            continue
        for start, end, low, high, minutes, thing in durations(texts[unit.source - 1], unit.start, unit.end):
            told = stated.setdefault(stem(thing), {}).setdefault(unit.source, [])
            told.append((k, start, end, low, high, minutes, thing))
    out: list[tuple[float, Conflict]] = []
    for by_source in stated.values():
        single = {s: told[0] for s, told in by_source.items() if len({t[5] for t in told}) == 1}
        sources = sorted(single)
        for x, a in enumerate(sources):
            for b in sources[x + 1:]:
                (i, sa, ea, low_a, high_a, va, thing), (j, sb, eb, low_b, high_b, vb, _) = single[a], single[b]
                if max(low_a, low_b) <= min(high_a, high_b) or max(va, vb) / min(va, vb) > MAX_RATIO:
                    continue
                cosine = similar(i, j)
                if cosine < floor and not anchors(i) & anchors(j):
                    continue
                ua, ub = units[i], units[j]
                first, second = texts[a - 1][sa:ea].strip(), texts[b - 1][sb:eb].strip()
                out.append((0.3 + cosine / 2, Conflict(
                    kind="number", first=ua.span, second=ub.span, first_value=first, second_value=second,
                    explanation=f"source {a} gives the {thing} as {first!r}, source {b} as {second!r}")))
    return out
