"""Values a sentence states, with the words that anchor them: numbers, amounts, counts, dates, weekdays, places.

One extraction shared by citing (``cite/support.py``, through ``facts.py``) and
the cross-source analysis (``analyse/conflicts.py``), so that a source cited for
a sentence and a source in conflict with it are judged on the same reading of
both. A value is an interval: hedges ("about", "more than", "up to"), rounding
and unit conversions (miles/km, knots/mph, Fahrenheit/Celsius) widen it, and
intervals that overlap are compatible.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import NameSpan, find_names, name_key, place_class
from newsbrief.represent.scan import anchored_finditer
from newsbrief.represent.tokens import stem, stop_words

_SMALL = {w: n for n, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_SMALL.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
               "a dozen": 12, "hundred": 100, "a hundred": 100, "one hundred": 100})
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}
_HEDGES = {
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx", "some": "approx",
    "an estimated": "approx", "estimated": "approx", "close to": "approx", "nearly": "below", "almost": "below",
    "just under": "below", "more than": "above", "over": "above", "at least": "above", "upwards of": "above",
    "just over": "above", "well over": "above", "up to": "upto", "less than": "upto", "fewer than": "upto",
    "under": "upto", "at most": "upto", "no more than": "upto", "as many as": "upto", "as much as": "upto",
}
_HEDGE = "|".join(sorted((re.escape(h) for h in _HEDGES), key=len, reverse=True))
_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = "|".join(sorted((re.escape(w) for w in _SMALL), key=len, reverse=True))
_VALUE = re.compile(
    rf"(?:(?P<hedge>{_HEDGE})\s+)?(?P<minus>minus\s|(?<=\s)-(?=\d))?(?P<cur>US\$|\$|£|€|dlrs\.?(?=\s))?\s?"
    # A numeral ends where its digits do ("1970s" is not 197, "34th" not 3); "$199m" and "$2.5bn" carry their scale.
    rf"(?P<num>(?:{_NUMERAL})(?![.,]?\d)(?(cur)(?!(?!(?:m|bn)\b)[A-Za-z])|(?![A-Za-z]))"
    rf"|(?<![\w-])(?:{_WORDNUM})(?![\w-]))"
    rf"(?P<half>\s+and\s+a\s+half\b)?"
    rf"(?:\s*(?:-|to|and)\s*(?P<num2>{_NUMERAL}))?"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m)\b)?"
    rf"(?P<pct>\s?%|\s(?:percent|per cent)\b)?", re.IGNORECASE)
_MONTHS = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december"
]
# A text with no digit and no number word gives no figure: _VALUE is not run over it.
_ANY_FIGURE = re.compile(rf"\d|(?<![\w-])(?:{_WORDNUM})(?![\w-])", re.IGNORECASE)
# How far before its numeral (an _ANY_FIGURE match) a _VALUE match can start: the longest hedge (13), three
# spaces, "minus ", "dlrs." and one space make 28 (a test checks); a sentence with four spaces in a row is
# searched whole (see _value_matches).
_VALUE_REACH = 32
_LONG_SPACE = re.compile(r"\s{4}")
_DATE = re.compile(r"\b(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})\b"
                   r"(?!:)(?:,?\s+(?P<year>\d{4}))?")
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
# "met in June": a month alone, which stands for any of its days.
_MONTH = re.compile(r"\b(?:in|since|during|until|by|early|late|mid-|last|next)\s*(?P<month>" + "|".join(_MONTH_NAMES)
                    + r")\b(?!\s+\d)")
_IRREGULAR = {"rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow",
              "hit": "hit", "stood": "stand", "left": "leav", "lost": "lose", "won": "win", "took": "take",
              "taken": "take", "gave": "give", "given": "give", "made": "make", "put": "put"}
_UNIT_STOPS = frozenset([
    "in", "on", "at", "for", "from", "by", "to", "with", "into", "near", "across", "throughout", "since", "during"
])
# Words after a number that say nothing about what it counts.
_NOT_UNITS = frozenset([
    "others", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"
])
_QUANTITY_BEFORE = re.compile(r"(?:\b(?:to|at|by|of|from|about|than|over|under|is|was|were|are|be|been|reached|"
                              r"totaled|totalled|stood|hit|put|nearly|almost|some|around|least|most)|\w+(?:ed|ing))"
                              r"\s+(?:\$|US\$|dlrs\.?\s|minus\s)?$", re.IGNORECASE)
_CALENDAR = frozenset(_MONTHS) | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_REPORTING = frozenset(stem(w) for w in [
    "said", "say", "says", "told", "announced", "reported", "added", "stated", "declared"])
_PEOPLE = frozenset(stem(w) for w in [
    "people", "persons", "person", "dead", "civilians", "soldiers", "children", "victims", "passengers", "workers",
    "residents", "troops", "police", "officers", "students", "refugees", "members", "fans", "hostages", "prisoners",
    "women", "men", "americans", "rebels", "villagers", "deaths", "bodies", "survivors", "casualties", "miners",
    "protesters", "demonstrators"])
_TOKEN = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*|[%$£€]")


@dataclass(frozen=True, slots=True)
class Slot:
    """A value in a sentence with the words that anchor it."""

    kind: str  # number, amount, count, date, weekday, place, name
    start: int
    end: int
    text: str
    low: float
    high: float
    left: str  # stem of the content word before (hedges skipped)
    unit: str  # stem of the word it measures, currency or "%"
    right: str = ""  # stem of the content word after the unit (kept for percentages, bare numbers, places)
    left_name: bool = False  # the word before is a name ("France's 67 million people"): not a role
    value: float = 0.0  # the number as stated, before hedges and rounding

    def matches(self, other: Slot, *, loose: bool, near_copy: bool = False) -> bool:
        """Same anchors; with ``loose``, a name before either value does not count; in near-copies, nor the word."""
        if self.anchor == other.anchor:
            return True
        if near_copy and self.anchor[0] == other.anchor[0] and self.unit == other.unit:
            return True  # callers allow this only for the one value of its kind in each sentence
        # Only a count of people may lose its word before: "France's 67 million people" / "its 68
        # million people"; "the mayor's nine years in office" and "six years ago" are other things.
        return (loose and (self.left_name or other.left_name) and self.kind == other.kind == "count"
                and self.anchor[2:] == other.anchor[2:])

    @property
    def anchor(self) -> tuple[str, str, str, str]:
        family = "number" if self.kind in ("number", "count", "amount") else self.kind
        return family, self.left, self.unit, self.right


def parse_number(text: str) -> float | None:
    """A numeral or number word ("1,200", "twenty", "a dozen") as a float, None if it is neither."""
    text = text.lower().replace(",", "")
    if text in _SMALL:
        return float(_SMALL[text])
    try:
        return float(text)
    except ValueError:
        return None


def _precision(num: str, scale: float) -> float:
    """Half the unit of the last significant digit: what rounding may hide."""
    num = num.replace(",", "")
    if "." in num:
        return 0.5 * 10 ** -len(num.split(".")[1]) * scale
    if num.isdigit() and int(num) >= 1000:
        zeros = len(num) - len(num.rstrip("0"))
        return 0.5 * 10 ** zeros * scale
    return 0.5 * scale if scale > 1 else 0.0


@lru_cache(maxsize=1)
def _stops_around() -> frozenset[str]:
    """The stop words that neither side of a value is read from: "over" and "under" say which way it leans."""
    return stop_words() - {"over", "under"}


def _words_around(text: str, start: int, end: int, sent_start: int, sent_end: int) -> tuple[str, str]:
    """The content stems just before ``start`` and just after ``end`` (within three tokens)."""
    stops = _stops_around()
    left_tokens = _TOKEN.findall(text[sent_start:start])[-4:]
    left = ""
    for tok in reversed(left_tokens):
        low = tok.lower()
        if low in stops or low in _HEDGES or low in ("least", "than", "estimated", "an", "as"):
            continue
        left = _IRREGULAR.get(low, stem(low))
        break
    right = ""
    clause = re.match(r"[^,;:.()—]*", text[end:sent_end]).group()  # the unit stands before any comma
    for tok in _TOKEN.findall(clause)[:3]:
        low = tok.lower()
        if low in _UNIT_STOPS:
            break  # "injuring 40 others in Lyon": what follows a preposition is no unit
        if low in stops or low.isdigit() or low in _NOT_UNITS:
            continue
        right = stem(low)
        break
    return left, right


def find_slots(text: str, start: int, end: int, *, index: NameIndex | None = None,
               proper: frozenset[str] | None = None, names: Sequence[NameSpan] | None = None) -> list[Slot]:
    """Numbers, amounts, counts, dates, weekdays and places in ``text[start:end]``.

    ``names``: ``find_names(text, start, end, proper=proper)``, when the caller has them already.
    """
    slots: list[Slot] = []
    taken: list[tuple[int, int]] = []
    flags: list[tuple[bool, bool]] = []

    def said() -> tuple[bool, bool]:
        """(dated, timed), counted on first need: most sentences give no figure and no day."""
        if not flags:
            flags.append(_statement(text, start, end))
        return flags[0]

    for m in _DATE.finditer(text, start, end):
        left, _ = _words_around(text, m.start(), m.end(), start, end)
        if not said()[1] or not left or _reported_on(text, start, m.start()):
            taken.append((m.start(), m.end()))
            continue
        month = [n[:3].lower() for n in _MONTH_NAMES].index(m.group("month")[:3].lower())
        day = float(month * 100 + int(m.group("day")))
        slots.append(Slot("date", m.start(), m.end(), m.group(), day, day, left, "date", value=day))
        taken.append((m.start(), m.end()))
    for m in _MONTH.finditer(text, start, end):
        if not said()[1]:
            break
        month = _MONTH_NAMES.index(m.group("month"))
        left, _ = _words_around(text, m.start(), m.end(), start, end)
        if left:
            slots.append(Slot("date", m.start("month"), m.end(), m.group("month"), month * 100 + 1.0,
                              month * 100 + 31.0, left, "date", value=month * 100.0))
    for m in _WEEKDAY.finditer(text, start, end):
        left, right = _words_around(text, m.start(), m.end(), start, end)
        if right in _REPORTING or not said()[1] or not left or _reported_on(text, start, m.start()):
            continue  # "said Friday": when it was reported, not when it happened
        day = float(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].index(m.group()))
        slots.append(Slot("weekday", m.start(), m.end(), m.group(), day, day, left, "weekday", value=day))
    figures = _ANY_FIGURE.search(text, start, end) is not None and said()[0]  # a wire time stamp is no statement
    for m in _value_matches(text, start, end) if figures else ():
        if any(a <= m.start("num") < b for a, b in taken):
            continue
        slot = _number_slot(text, m, start, end)
        if slot is not None:
            slots.append(slot)
    if names is None:
        names = find_names(text, start, end, proper=proper)
    places = [n for n in names if place_class(n.text) in ("country", "state") and not n.possessive]
    for name in places:
        if _in_list(text, name.start, name.end, start, end):
            continue  # "Australia, Brunei, Canada and Chile": members of a list, not alternatives
        if index is not None and index.label(name.text) not in (None, "GPE"):
            continue
        left, right = _words_around(text, name.start, name.end, start, end)
        slots.append(Slot("place", name.start, name.end, name.text, 0.0, 0.0, left, place_class(name.text) or "",
                          right))
    return slots


def _value_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_VALUE.finditer(text, start, end)``, searched from near each numeral (``represent/scan.py``)."""
    if _LONG_SPACE.search(text, start, end):
        return _VALUE.finditer(text, start, end)
    return anchored_finditer(_VALUE, _ANY_FIGURE, text, start, end, reach=_VALUE_REACH)


def _statement(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether ``text[start:end]`` is a statement whose figures (dated) and days (timed) are read.

    A date line ("Saturday, January 8, 2005") or a date with no event word before it says when a story
    ran, not when something happened. Days and dates need more: a statement in its own words, not "X
    said in a statement on Thursday, March 4:".
    """
    stops = stop_words()
    tokens = _TOKEN.findall(text[start:end])
    dated = len([w for w in tokens if w.lower() not in stops and w.lower().rstrip(".") not in _CALENDAR
                 and not w.isdigit()]) >= 5
    timed = len([w for w in tokens if w.lower() not in stops and w[:1].islower()
                 and stem(w.lower()) not in _REPORTING]) >= 5
    return dated, timed


def _in_list(text: str, start: int, end: int, sent_start: int, sent_end: int) -> bool:
    before = text[max(sent_start, start - 6):start]
    after = text[end:min(sent_end, end + 6)]
    return bool(re.search(r"(?:,|\band|\bor)\s+$", before) or re.match(r"\s*(?:,\s+[A-Z]|and\s+[A-Z]|or\s+[A-Z])",
                                                                        after))


def _reported_on(text: str, start: int, pos: int) -> bool:
    """Whether a verb of reporting stands within five words before ``pos`` ("said in a statement on …")."""
    return any(stem(w.lower()) in _REPORTING for w in _TOKEN.findall(text[start:pos])[-5:])


def _number_slot(text: str, m: re.Match[str], start: int, end: int) -> Slot | None:
    num = m.group("num")
    before = text[max(start, m.start() - 2):m.start()]
    after = text[m.end():m.end() + 2]
    if re.match(r"[:/.]\d|-year|th\b|st\b|nd\b|rd\b", text[m.end("num"):m.end("num") + 5]):
        return None  # a time, fraction, ordinal or age written as one word
    if before.endswith(("-", "/", ":", "#", "No", "(")) or after.startswith(("-", "/", ":")):
        return None  # a range, score, number sign, or a conversion in brackets ("8 mph (13 kph)")
    prev_word = re.search(r"(\S+)\s+$", text[start:m.start("num")])
    if (prev_word and re.fullmatch(r"[A-Z][\w-]*", prev_word.group(1)) and num.isdigit() and not m.group("cur")
            and not m.group("hedge")):
        return None  # part of a name: "Boeing 747", "Apollo 13", "Route 66"
    value = parse_number(num)
    if value is None:
        return None
    if num.isdigit() and len(num) == 4 and 1900 <= value <= 2099 and not m.group("cur") and not m.group("scale"):
        return None  # a year
    scale = _SCALE.get((m.group("scale") or "").lower(), 1.0)
    value *= scale * (-1 if m.group("minus") else 1)
    if m.group("half"):  # "two and a half": 2.5, as precise as written
        value += 0.5 * scale
    rounding = _precision(num, scale)
    low, high = value - rounding, value + rounding
    if m.group("num2"):
        second = parse_number(m.group("num2"))
        if second is None or second < value / scale:
            return None  # "221-214": a vote or a score, not a range
        high = second * scale + rounding
    hedge = _HEDGES.get((m.group("hedge") or "").lower())
    if hedge == "approx":
        low, high = value * 0.8, value * 1.2
    elif hedge == "below":
        low, high = value * 0.8, value
    elif hedge == "above":
        low, high = value, math.inf
    elif hedge == "upto":
        low, high = 0.0, value
    if re.match(r"\s+(?:other|more|additional|further|of the|of them)\b", text[m.end():end]):
        return None  # "three other provinces": part of a count, not the count
    left, right = _words_around(text, m.start(), m.end(), start, end)
    unit, after_unit = right, ""
    kind = "number"
    if m.group("cur"):
        kind, unit = "amount", m.group("cur").replace("US", "").replace("dlrs.", "$").replace("dlrs", "$")
    elif m.group("pct"):
        unit, after_unit = "%", right  # "65 percent are stunted" / "16 percent of children …"
    elif right in _PEOPLE:
        kind = "count"
    if not unit and not left:
        return None
    if not unit and kind == "number" and not _QUANTITY_BEFORE.search(text[start:m.start("num")]):
        return None  # "stage 13", "Flight 111": a label, not a quantity
    before_word = re.search(r"([\w’'.-]+)\W*$", text[start:m.start()])
    left_name = bool(before_word and before_word.group(1)[:1].isupper()
                     and m.start() - start > len(before_word.group()))
    unit, low, high, value = _converted(unit, low, high, value, text[m.end():end])
    return Slot(kind, m.start(), m.end(), m.group().strip(), low, high, left, unit, after_unit, left_name, value)


def _converted(unit: str, low: float, high: float, value: float, after: str) -> tuple[str, float, float, float]:
    """A measure in its metric unit, widened by what converting and rounding it may cost.

    "100 miles" and "160 km" are one distance; "95 degrees Fahrenheit" and "35
    Celsius" one temperature. Values in a metric unit are widened too, since
    the other outlet may have converted from the imperial figure.
    """
    if unit == "degre":
        scale = re.match(r"\s*(?:degrees?\s*)?(fahrenheit|celsius|f\b|c\b)", after, re.IGNORECASE)
        if scale is None:
            return unit, low, high, value
        unit = "fahrenheit" if scale.group(1).lower().startswith("f") else "celsius"
    found = _UNITS.get(unit)
    if found is None:
        return unit, low, high, value
    canonical, factor, offset = found
    convert = (lambda v: (v + offset) * factor) if offset else (lambda v: v * factor)
    low, high, value = convert(low), convert(high), convert(value)
    slack = max(abs(value) * CONVERSION_SLACK, 0.5 if canonical == "celsius" else 0.0)
    return canonical, low - slack, high + slack, value


# Stem of a unit word -> (metric unit, factor, offset added before the factor).
_UNITS: dict[str, tuple[str, float, float]] = {
    "mile": ("km", 1.609344, 0.0), "km": ("km", 1.0, 0.0), "kilomet": ("km", 1.0, 0.0),
    "kilometr": ("km", 1.0, 0.0), "feet": ("m", 0.3048, 0.0), "foot": ("m", 0.3048, 0.0),
    "meter": ("m", 1.0, 0.0), "metr": ("m", 1.0, 0.0), "m": ("m", 1.0, 0.0), "yard": ("m", 0.9144, 0.0),
    "mph": ("kph", 1.609344, 0.0), "kph": ("kph", 1.0, 0.0), "km/h": ("kph", 1.0, 0.0),
    "knot": ("kph", 1.852, 0.0), "pound": ("kg", 0.45359, 0.0), "lbs": ("kg", 0.45359, 0.0),
    "kilogram": ("kg", 1.0, 0.0), "kg": ("kg", 1.0, 0.0), "ton": ("t", 1.0, 0.0), "tonn": ("t", 1.0, 0.0),
    "acr": ("ha", 0.404686, 0.0), "hectar": ("ha", 1.0, 0.0),
    "fahrenheit": ("celsius", 5 / 9, -32.0), "celsius": ("celsius", 1.0, 0.0),
}
# A converted figure is rounded by whoever converted it: 3 % either way.
CONVERSION_SLACK = 0.03


def compatible(a: Slot, b: Slot, index: NameIndex | None) -> bool:
    if a.kind == "place":
        if index is not None:
            return index.group_of(a.text) == index.group_of(b.text)
        return name_key(a.text) == name_key(b.text)
    if a.kind == "weekday":
        return a.low == b.low
    if a.kind == "date":  # a day falls in its month: "June 12" agrees with "in June"
        return a.low <= b.high and b.low <= a.high
    low, high = max(a.low, b.low), min(a.high, b.high)
    # Rounding intervals that only touch ("67 million" / "68 million") do not overlap.
    return low < high or (low == high and (a.low == a.high or b.low == b.high))
