"""Event frames: what a time expression in a statement dates, and who takes part in it.

A time ("Sept. 2", "in July", "Wednesday", "in the spring", "about 4:20 a.m.")
dates the event next to it in its clause: the nearest past verb before it
("fled the scene about 4:20 a.m."), the verb right after it ("on Wednesday
announced"), or the singular noun beside it ("the Sept. 3 crash", "the crash on
Sept. 3"); an opening time dates its main clause's first verb ("On Tuesday, the
junta ousted"), and a description between commas does not part a time from its
verb. Only events that happen once to their participants are kept (``ONCE``):
a plane crashes once, a fund is announced once, while searching, meeting or
protesting recur over a story's days and date nothing another source could
contradict. The participants are the statement's names (capitalised words seen
mid-sentence, when known) and figures. ``timings.py`` pairs the frames of two
sources.

No frame is read for a bound ("since", "until", "for Friday"), a plan or
forecast ("will", "expected", "leading up to"), the day a statement was made
("said Friday"), a clock time with a zone or restated in brackets, or a season
not told as "in the spring".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.analyse.agreement import Unit
from newsbrief.analyse.dates import MONTH_WORD
from newsbrief.represent.calendar_words import CALENDAR_NAMES, MONTHS, WEEKDAYS
from newsbrief.represent.tokens import stem

__all__ = ["TIME", "WEAK", "Frame", "time_value", "unit_frames"]

_MONTHS = tuple(m[:3].lower() for m in MONTHS)  # "jan" ... "dec": a month's number from any of its forms
_WEEKDAYS = WEEKDAYS
_MONTH = MONTH_WORD
# One time expression: a clock time, a day of a month, a weekday, a season. The look-ahead on the first character
# lets the search skip most positions (0.48 s -> 0.10 s over the texts of the 98 tune clusters).
TIME = re.compile(
    r"\b(?=[0-9A-Zsafw])(?:"
    r"(?P<clock>\b(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<half>[ap])\.?m\.?(?![\w]))"
    r"|(?P<day>\b(?P<month>" + _MONTH + r")\s+(?P<dom>[12]?\d|3[01])\b(?!\s*[-–:]|\d)"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?)"
    r"|(?P<monthly>(?<=[Ii]n\s)(?P<name>" + "|".join(MONTHS) + r")\b(?!\s+\d{1,2}\b)"
    r"(?:,?\s+(?P<in_year>(?:19|20)\d\d)\b)?)"
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
WEAK = frozenset(["announc", "visit", "releas", "attack", "arrest", "sentenc", "kill", "kidnap", "execut",
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
_NOT_NAMES = CALENDAR_NAMES | frozenset(["The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "I",
                                         "His", "Her", "Their", "This", "That", "But", "And", "Mr", "Mrs", "Ms", "Dr"])
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


def unit_frames(k: int, unit: Unit, proper: frozenset[str] | None) -> list[Frame]:
    """The time expressions of a unit that date what happened, each with its event words."""
    text = unit.text
    out = []
    participants: frozenset[str] | None = None
    for m in TIME.finditer(text):
        value = time_value(m, text)
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


def time_value(m: re.Match[str], text: str) -> tuple[str, int, int] | None:
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


