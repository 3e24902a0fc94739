"""One event given two times by two sources, found by the event a time dates, not by sentence similarity.

``dates.py`` and ``conflicts.py`` compare the dates of statements that are
aligned (TF-IDF cosine 0.3 and up). Outlets date one event in sentences that
share few words: "the Sept. 3 crash that took 229 lives" / "The plane ...
crashed Sept. 2 ..., killing all 229 people"; "DWSD announced a $1 million fund
on Tuesday" / "The Detroit Water and Sewerage Department on Wednesday announced
plans to use $1 million"; a car "that fled the scene about 4:20 a.m." / "about
4:30 a.m.". What ties such statements is the *event frame* of each time
expression: the event words next to it in its clause (``crash``, ``announc``,
``flee``; a few synonym classes put "slammed into" with "hit land", "ousted"
with "seized control") and the participants its statement names (names seen
capitalised mid-sentence, figures). Two frames of different sources are one
event when they share an event class and a participant; their times then
conflict when they cannot both hold:

- days (``Sept. 2`` / ``Sept. 3``) less than a week apart; weekdays; seasons
  ("in the spring" / "in the summer"); clock times beyond their reach ("about
  4:20" reaches five minutes either way, "about 10 p.m." half an hour, "10 p.m."
  five minutes, "10:40 p.m." two);
- a bound ("since", "until", "by", "for Friday"), a plan or forecast ("will",
  "expected", "scheduled"), a date told of the report ("said Tuesday"), a
  time zone or a restated time in brackets, is no frame;
- a source that dates the event class two ways, or writes the other's time
  anywhere in its text, tells of two events (a typhoon that hit one island on
  Wednesday and another on Thursday), so it is not used.

Weekdays are compared as written (a dated story's "Tuesday" is another's
"Tuesday"); when sources carry publication dates, a weekday that dates a past
verb is also read as the day it was and set against the days other sources
write. "Yesterday" and "today" are never read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from newsbrief.analyse.agreement import Unit
from newsbrief.analyse.dates import MONTH_WORD
from newsbrief.datatypes import Conflict
from newsbrief.represent.tokens import stem

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = MONTH_WORD
# One time expression: a clock time, a day of a month, a weekday, a season. The look-ahead on the first character
# lets the search skip most positions (0.48 s -> 0.10 s over the texts of the 98 tune clusters).
_TIME = re.compile(
    r"\b(?=[0-9A-Zsafw])(?:"
    r"(?P<clock>\b(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<half>[ap])\.?m\.?(?![\w]))"
    r"|(?P<day>\b(?P<month>" + _MONTH + r")\s+(?P<dom>[12]?\d|3[01])\b(?!\s*[-–:]|\d)"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?)"
    r"|(?P<monthly>(?<=[Ii]n\s)(?P<name>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b(?!\s+\d{1,2}\b)(?:,?\s+(?P<in_year>(?:19|20)\d\d)\b)?)"
    r"|(?P<weekday>\b(?:" + "|".join(_WEEKDAYS) + r")\b)"
    r"|(?P<season>\b(?:spring|summer|autumn|fall|winter)\b))")
# A time after these words bounds a period or tells of a plan ("since Oct. 29", "until March", "for Friday").
_BOUNDS = frozenset(["since", "until", "till", "through", "thru", "by", "before", "after", "from", "to", "between",
                     "for", "within", "starting", "beginning", "ending", "each", "every", "next", "as of", "end of",
                     "week of", "as early as", "as soon as", "no later than", "later than", "earlier than"])
# A hedge widens a clock time; "shortly before" and the like are bounds (above).
_HEDGE = re.compile(r"\b(?:about|around|approximately|roughly|some|nearly|almost|circa|approx\.)\s+(?:at\s+)?$",
                    re.IGNORECASE)
_ZONE_AFTER = re.compile(r"^\s*\(?(?:[A-Z]{2,4}T|GMT|UTC|UT|ET|CT|MT|PT|local\s+time)\b")
# The statement tells of a plan, forecast or possibility, not of what happened.
_PLANNED = re.compile(
    r"\b(?:will|would|shall|could|(?-i:may)|might|should|'ll|expected|expects?|scheduled|slated|set\s+to|due\s+to|"
    r"plans?\s+to|planned|planning|going\s+to|intends?|hopes?\s+to|to\s+be\s+held|is\s+to|are\s+to|was\s+to|"
    r"were\s+to|if|unless|whether|upcoming|forthcoming|awaited|ahead\s+of|leading\s+up\s+to|anticipation)\b",
    re.IGNORECASE)
# Clause edges: the event words of a time are read between them.
_EDGE = re.compile(r"[,;:()\[\]\"“”—–]|\s-\s|\b(?:when|where|while|which|who|whom|whose|that|after|before|because|"
                   r"and|but|as|although|though|since|until)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_FIGURE = re.compile(r"(?<![\w.:/])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(million|billion|trillion|thousand))?"
                     r"(?![\w:])", re.IGNORECASE)
_NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*|\b[A-Z]{2,}\b")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Events that happen once to their participants (a plane crashes once, a man dies once, a fund is announced once),
# as stems of their verbs and nouns; the class is the first word. Activities that recur over a story's days
# (searching, meeting, protesting, voting, a court's sessions) date nothing that another source could contradict.
_ONCE = (
    ("coup", "oust", "ouster", "overthrow", "overthrew", "overthrown", "toppl", "depos", "coup"),
    ("landfal", "landfal", "slam"),
    ("crash", "crash", "plung", "plummet"),
    ("die", "die", "death", "slain"),
    ("born", "born", "birth"),
    ("resign", "resign", "quit", "resign"),
    ("funer", "funer", "buri", "buria"),
    ("flee", "flee", "fled"),
    ("arrest", "arrest", "detain", "captur", "apprehend"),
    ("sentenc", "sentenc", "convict", "acquit"),
    ("elect", "elect", "reelect", "re-elect"),
    ("marri", "marri", "wed"),
    ("announc", "announc", "unveil"),
    ("visit", "visit"),
    ("releas", "releas", "freed"),
    ("attack", "attack", "bomb", "blast", "explos", "explod", "erupt"),
    ("kill", "kill", "murder", "assassin", "stab"),
    ("kidnap", "kidnap", "abduct"),
    ("execut", "execut", "hang", "hanged"),
    ("invad", "invad", "invas", "annex"),
    ("sink", "sink", "sank", "sunk", "capsiz"),
    ("collaps", "collaps"),
    ("launch", "launch", "liftoff", "blast"),
    ("land", "land"),
    ("indict", "indict", "charg", "plead"),
    ("sign", "sign"),
    ("approv", "approv", "pass", "adopt", "ratifi"),
    ("win", "won", "win"),
    ("open", "open"),
    ("file", "file", "su", "sue", "lawsuit"),
    ("rule", "rule", "verdict"),
    ("divorc", "divorc"),
)
_CLASS = {w: group[0] for group in _ONCE for w in group[1:]}
# Classes whose events a story may hold several of (many announcements, visits, attacks): one shared name is not
# enough to make two of them one event; they need a shared figure or two shared names.
_WEAK = frozenset(["announc", "visit", "releas", "attack", "arrest", "sentenc", "kill", "kidnap", "execut",
                   "launch", "land", "indict", "sign", "approv", "win", "open", "file", "rule"])
# Events told in two or more words.
_PHRASES = ((re.compile(r"\b(?:seiz\w*|took|taken|grabb\w*)\s+(?:the\s+)?(?:control|power)\b", re.IGNORECASE), "coup"),
            (re.compile(r"\b(?:hit|made|came)\s+(?:land|landfall|ashore)\b", re.IGNORECASE), "landfal"),
            (re.compile(r"\bstep(?:s|ped)?\s+down\b", re.IGNORECASE), "resign"))
# Past forms without -ed that end the search for a time's verb (the verb it dates is the nearest one).
_IRREGULAR = frozenset([
    "fled", "hit", "struck", "slain", "overthrew", "overthrown", "born", "quit", "shot", "met", "won", "wed", "sank",
    "fell", "broke", "stole", "froze", "took", "made", "came", "went", "said", "told", "began", "gave", "got",
    "left", "held", "led", "lost", "paid", "put", "ran", "saw", "sent", "set", "sold", "spoke", "stood", "threw",
    "wore", "wrote", "caught", "brought", "bought", "built", "drove", "fought", "found", "heard", "kept", "knew",
    "laid", "read", "rode", "rose", "sat", "shook", "slew", "swore", "taught", "thought", "understood", "woke"])
# Words skipped between a time and the noun it dates ("the Sept. 3 crash", "the crash on Sept. 3").
_BETWEEN = frozenset(["on", "at", "in", "the", "early", "late", "about", "around", "last", "this", "morning", "night",
                      "evening", "afternoon", "s", "’s", "'s"])
_NOT_NAMES = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                        "February", "March", "April", "May", "June", "July", "August", "September", "October",
                        "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
                        "Oct", "Nov", "Dec", "The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We",
                        "I", "His", "Her", "Their", "This", "That", "But", "And", "Mr", "Mrs", "Ms", "Dr"])
# Days of one event told two ways are close (a slip, a night, a time zone: Sept. 2 / Sept. 3, March 21 / March 22);
# a week or more apart they are two events (Cathay Pacific announced a deal Nov. 10 and its withdrawal Dec. 2).
MAX_DAYS_APART = 6
# How far a clock time reaches, in minutes; two times conflict when their reaches do not overlap. "about 4:20" is
# rounded to five minutes and reaches 5 either way (so "about 4:20" and "about 4:30" cannot both hold, "about 4:20"
# and "4:25" can); a round hour reaches 5 ("10 p.m." for 10:05), 30 when hedged ("about 10 p.m."); a time to the
# minute reaches 2 (two clocks, or the call and the dispatch a minute apart). Not swept: the tune split holds one
# pair of times of one event (4:20 / 4:30, hedged).
HEDGE_MINUTES = 5
HEDGE_HOUR = 30
EXACT_SLACK = 2


@dataclass(frozen=True, slots=True)
class Frame:
    """A time expression of one unit with the event it dates and the participants of its statement."""

    unit: int
    source: int
    grain: str  # clock, day, month, weekday, season
    value: int  # minutes after midnight; (year * 100 + month) * 100 + day; year * 100 + month; weekday 0-6; season 0-3
    reach: int  # clock: minutes either way
    shown: str
    events: frozenset[str]
    participants: frozenset[str]  # of the whole statement
    near: frozenset[str]  # of the time's own clause: who the dated event happens to
    past: bool = False  # dated through a past verb ("crashed Sunday"), not a noun ("the Sunday vote")
    derived: bool = False  # a weekday read as the day it was, by its source's publication date


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
        for m in _TIME.finditer(text):
            timed.add((source, m.start()))
            value = _value(m, text)
            if value is not None:
                written[(source, value[0])].add(value[1])
    starts: dict[int, list[int]] = defaultdict(list)
    for source, position in timed:
        starts[source].append(position)
    for positions in starts.values():
        positions.sort()
    frames = [f for k, u in enumerate(units) if _holds(starts.get(u.source, ()), u.start, u.end)
              for f in _frames(k, u, proper)]
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


def _frames(k: int, unit: Unit, proper: frozenset[str] | None) -> list[Frame]:
    """The time expressions of a unit that date what happened, each with its event words."""
    text = unit.text
    out = []
    participants: frozenset[str] | None = None
    for m in _TIME.finditer(text):
        value = _value(m, text)
        if value is None:
            continue
        grain, number, reach = value
        if _bounded(text[max(0, m.start() - 30):m.start()]) or _PLANNED.search(text, 0, m.start()):
            continue
        if grain == "weekday" and _reported_on(text, m.end()):
            continue  # "said Friday": when it was reported, not when it happened
        # "the Sept. 3, 1998, crash": the comma closing a year is no clause edge
        end = m.end() + 1 if m.group("year") and text.startswith(",", m.end()) else m.end()
        left_edge, right_edge = _clause(text, m.start(), end)
        events, past = _event_words(text, m.start(), end, left_edge, right_edge)
        if not events:
            continue
        if participants is None:
            participants = _participants(text, proper)
        if not participants:
            continue
        near = _participants(text[left_edge:right_edge], proper) & participants
        hedge = _HEDGE.search(text, max(0, m.start() - 20), m.start()) if grain == "clock" else None
        shown = text[hedge.start():m.end()] if hedge else m.group(0)  # "about 4:20 a.m.": the hedge is told too
        out.append(Frame(k, unit.source, grain, number, reach, shown, events, participants, near, past))
    return out


def _value(m: re.Match[str], text: str) -> tuple[str, int, int] | None:
    """(grain, value, reach) of one time expression; None for a time that is restated or zoned."""
    if m.group("clock"):
        after = text[m.end():m.end() + 12]
        if _ZONE_AFTER.match(after) or text[max(0, m.start() - 1):m.start()] == "(":
            return None  # "9:45 a.m. (0745 GMT)", "4:51 a.m. PST": zones are compared by nobody here
        minutes = int(m.group("hour")) % 12 * 60 + int(m.group("minute") or 0) + (720 if m.group("half") in "pP"
                                                                                     else 0)
        hedged = _HEDGE.search(text[max(0, m.start() - 20):m.start()]) is not None
        if m.group("minute") and m.group("minute") != "00":
            return "clock", minutes, HEDGE_MINUTES if hedged else EXACT_SLACK
        return "clock", minutes, HEDGE_HOUR if hedged else HEDGE_MINUTES
    if m.group("day"):
        month = _MONTHS.index(m.group("month")[:3].lower())
        return "day", int(m.group("year") or 0) * 10_000 + (month + 1) * 100 + int(m.group("dom")), 0
    if m.group("monthly"):
        month = _MONTHS.index(m.group("name")[:3].lower())
        return "month", int(m.group("in_year") or 0) * 100 + month + 1, 0
    if m.group("weekday"):
        return "weekday", _WEEKDAYS.index(m.group("weekday")), 0
    season = m.group("season").lower()
    if not re.search(r"\b(?:in|during)\s+the\s+$", text[max(0, m.start() - 12):m.start()], re.IGNORECASE) or re.match(
            r"\s+(?:of\s+)?(?:19|20)\d\d", text[m.end():m.end() + 10]):
        return None  # "prices fall", "last summer", "the fall of 1981": only "in the spring" names one season
    return "season", ("spring", "summer", "autumn", "winter").index("autumn" if season == "fall" else season), 0


def _bounded(before: str) -> bool:
    """Whether the words right before a time bound it ("since", "as early as", "by" or "on" after one)."""
    words = before.lower().split()[-4:]
    if words and words[-1] == "on":
        words = words[:-1]
    return any(" ".join(words[-n:]) in _BOUNDS for n in (1, 2, 3, 4) if len(words) >= n)


def _reported_on(text: str, end: int) -> bool:
    """Whether the weekday ending at ``end`` follows a reporting verb ("said Friday", "told reporters on Friday")."""
    before = re.search(r"(\w+)\s+(?:on\s+)?\S*$", text[max(0, end - 40):end])
    word = before.group(1).lower() if before else ""
    return stem(word) in _REPORTING


_REPORTING = frozenset(stem(w) for w in ("said", "say", "says", "told", "tell", "reported", "added", "stated",
                                         "confirmed", "noted", "wrote", "explained"))


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The edges of the clause a time stands in (commas, quotes, conjunctions and relative words end it; a
    description between commas right before the time does not)."""
    left_edge = max((e.end() for e in _EDGE.finditer(text, max(0, start - 120), start)), default=0)
    right_stop = _EDGE.search(text, end)
    right_edge = right_stop.start() if right_stop else len(text)
    opened = text.rfind(",", max(0, left_edge - 80), left_edge - 1)
    if (text[left_edge - 1:left_edge] == "," and opened >= 0 and _APPOSITION.match(text, opened + 1, left_edge - 1)
            and all(w.lower() in _BETWEEN for w in _WORD.findall(text, left_edge, start))):
        # "ousted Toure, the president of Mali, on March 22": the time belongs to the clause before the apposition
        left_edge = max((e.end() for e in _EDGE.finditer(text, max(0, opened - 120), opened)), default=0)
    return left_edge, right_edge


# A description set off by commas before a time: ", the president of Mali,", ", a former aide,".
_APPOSITION = re.compile(r"\s*(?:the|a|an|his|her|its|their)\s[^,;:()]*$", re.IGNORECASE)


def _event_words(text: str, start: int, end: int, left_edge: int, right_edge: int) -> tuple[frozenset[str], bool]:
    """The event a time dates, as a class of ``_ONCE``: the nearest verb before it in its clause ("fled the scene
    about 4:20 a.m."), the verb right after it ("on Wednesday announced"), or the noun next to it ("the Sept. 3
    crash", "the crash on Sept. 3"); empty when that word is no event of the list (a time that dates a search,
    a meeting, a statement). A noun is read in the singular only: "opens Wednesday" tells a schedule. The flag
    says whether a past verb (or a phrase of one) gave the event."""
    found = {event for pattern, event in _PHRASES if pattern.search(text, left_edge, right_edge)}
    past = bool(found)
    left = [w for w in _WORD.findall(text, left_edge, start)][::-1]
    for n, word in enumerate(left):
        low = word.lower()
        if _noun(low) and all(w.lower() in _BETWEEN for w in left[:n]):
            found.add(_class(low))  # "the crash on Sept. 3"
            break
        if _verb(low):
            if _class(low):
                found.add(_class(low))
                past = True
            break
    right = [w for w in _WORD.findall(text, end, right_edge) if w.lower() not in _BETWEEN][:1]
    if right and (_noun(right[0].lower()) or (_verb(right[0].lower()) and _class(right[0].lower()))):
        found.add(_class(right[0].lower()))  # "the Sept. 3 crash", "on Wednesday announced"
        past = past or _verb(right[0].lower())
    if not found and all(w.lower() in _BETWEEN for w in left) and text.startswith(",", right_edge):
        # "On Tuesday, the junta ousted ...": an opening time dates the main clause's first verb
        stop = _EDGE.search(text, right_edge + 1)
        verb = next((w.lower() for w in _WORD.findall(text, right_edge + 1, stop.start() if stop else len(text))
                     if _verb(w.lower())), None)
        if verb is not None and _class(verb):
            found.add(_class(verb))
            past = True
    return frozenset(found), past


def _class(word: str) -> str | None:
    return _CLASS.get(stem(word.replace("’", "'").split("'")[0])) or _CLASS.get(word)


def _noun(word: str) -> bool:
    """An event word of the list that is no past verb and no -s form ("crash", "death", "opening")."""
    return bool(_class(word)) and not _verb(word) and not (word.endswith("s") and not word.endswith("ss"))


def _verb(word: str) -> bool:
    """A past form (or participle) of a verb: "crashed", "fled", "was ousted"."""
    return (word.endswith("ed") and len(word) > 4) or word in _IRREGULAR


def _participants(text: str, proper: frozenset[str] | None) -> frozenset[str]:
    """Names (capitalised words seen mid-sentence, when known) and figures other than times a statement gives."""
    names = {w for w in (re.sub(r"['’]s?$", "", w) for w in _NAME.findall(text)) if w not in _NOT_NAMES
             and (proper is None or w in proper or w.isupper())}
    figures = set()
    for m in _FIGURE.finditer(text):
        digits = m.group(1).replace(",", "")
        if re.match(r"\s*(?:[ap]\.?m|,?\s*(?:19|20)\d\d)", text[m.end():m.end() + 8]) or re.search(
                _MONTH + r"\s+$", text[max(0, m.start() - 12):m.start()]):
            continue  # a clock time or a day of a month
        if len(digits) == 4 and digits.startswith(("19", "20")) and not m.group(2):
            continue  # a year dates; it does not take part
        figures.add(f"{float(digits) * _SCALE.get((m.group(2) or '').lower(), 1.0):g}")
    return frozenset(names | figures)


def _shared(a: Frame, b: Frame, event: str) -> bool:
    """Whether two frames name the same participants: one in their statements will do for an event that happens
    once to them; an event of a weak class needs a shared figure of 10 or more, or two name words (a full name,
    a title and a name) in both times' own clauses: "an appeals court blocked a killer's execution Tuesday" /
    "refused to block the execution Thursday of Gary Graham" share Gov. Bush, who is not whose execution it is; "a
    plan announced on Tuesday by Republicans in the House" / "House Republican leaders unveiled a tax-cut package
    Thursday" share the House, which announces many things."""
    shared = a.participants & b.participants
    if event not in _WEAK:
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
