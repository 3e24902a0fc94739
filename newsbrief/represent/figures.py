"""Figures a sentence gives that ``values.find_slots`` does not read: joined to their noun, told by their order,
shares ("one in seven"), ages, relative years, times of day.

``facts.read_facts`` adds these to the values of ``values.py``; each reader here
is one pattern with the reason it is read the way it is.
"""

from __future__ import annotations

import re

from newsbrief.represent.polarity import SKIP_WORDS, WORD
from newsbrief.represent.tokens import stem, stop_words
from newsbrief.represent.values import Slot

# "the two leaders", "both three-year terms": a figure that refers back to what the text has told, not a count
# a source must give again (the seed pair's "a summit between the two leaders" / "between Trump and Kim").
_REFERRING = re.compile(r"\b(?:the|these|those|both)\s*$", re.IGNORECASE)
# "Lizandra Cosme, 32,", "Sizemore, then 42,": an age given with a name.
_AGE = re.compile(r"\b[A-Z][\w’'-]*\s([A-Z][\w’'-]+),\s+(?:then\s+|now\s+|aged\s+)?(\d{1,3})(?=,|\s+and\b|\))")
# "this year" / "last year": a year told relative to the report. Weeks and days are left out: two reports a
# day apart say "this week" and "last week", "today" and "yesterday", of one event.
_YEAR = re.compile(r"\b(this|last|next)\s+year\b", re.IGNORECASE)
# "a 550-member delegation", "10-year-olds", "a 7.6-million kronor prize": a figure joined to what it counts,
# which ``values.find_slots`` leaves out (it reads "20-30" and "221-214" there). Units of measure are left out
# too: ``values`` converts them, this does not.
# The number words a compound figure, a share or a duration is written with, and their values.
NUMBER_WORDS = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])}
_COMPOUND = re.compile(r"(?<![\w.,-])(\d+(?:\.\d+)?|(?i:" + "|".join(NUMBER_WORDS) + r"))-"
                       r"(?:(million|billion)-?\s?)?([a-z]+)\b(?!-\d)")
_MEASURE_WORDS = frozenset(["mile", "kilomet", "kilometr", "km", "foot", "feet", "ft", "meter", "metr", "yard",
                            "pound", "lb", "ton", "tonn", "acr", "hectar", "degre", "knot", "mph", "kph", "kg",
                            "inch", "centimet", "mm", "cm", "gallon", "litr", "liter", "ounc"])


def compound_figures(span: str) -> list[Slot]:
    """Figures joined to their noun by a hyphen ("550-member", "11-year-old"), as slots of that noun."""
    out = []
    for m in _COMPOUND.finditer(span):
        unit = stem(m.group(3).lower())
        if unit in _MEASURE_WORDS:
            continue
        scale = {"million": 1e6, "billion": 1e9}.get(m.group(2) or "", 1.0)
        digits = m.group(1)
        value = float(NUMBER_WORDS.get(digits.lower(), 0) if digits[0].isalpha() else digits) * scale
        rounding = 0.5 * 10 ** -len(digits.split(".")[1]) * scale if "." in digits else (0.5 * scale if scale > 1
                                                                                           else 0.0)
        out.append(Slot("number", m.start(), m.end(), m.group(), value - rounding, value + rounding, "", unit,
                        value=value))
    return out


# "dozens were wounded", "hundreds of people": a figure told by its order only, as the range it allows.
_VAGUE = re.compile(r"\b(dozens|hundreds|thousands)\s+(?:of\s+)?(?:\w+\s+){0,2}?([a-z]+)\b", re.IGNORECASE)
VAGUE_RANGES = {"dozens": (24.0, 99.0), "hundreds": (200.0, 999.0), "thousands": (2000.0, 999_999.0)}


def vague_figures(span: str) -> list[Slot]:
    """"dozens", "hundreds", "thousands" as slots of the word they count (the first content word after)."""
    out = []
    stops = stop_words()
    for m in _VAGUE.finditer(span):
        after = [w for w in WORD.findall(span[m.end(1):m.end(1) + 40]) if w[0].isalpha()]
        unit = next((stem(w.lower()) for w in after if w.lower() not in stops and w.lower() not in SKIP_WORDS), "")
        low, high = VAGUE_RANGES[m.group(1).lower()]
        out.append(Slot("number", m.start(1), m.end(1), m.group(1), low, high, "", unit, value=low))
    return out



# "one in seven", "1 in 4", "two out of three": a share, read as the percentage it stands for.
_RATIO_NUMBER = r"(\d+|" + "|".join(NUMBER_WORDS) + r")"
_RATIO = re.compile(r"(?<![\w.,-])" + _RATIO_NUMBER + r"\s+(?:in|out\s+of)\s+(?:every\s+)?" + _RATIO_NUMBER
                    + r"\b(?![.,]?\d|\s*(?:percent|per\s+cent|%)|\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?"
                    r"|years?|decades?|games?|matches|races?|innings|attempts?|tries)\b)", re.IGNORECASE)
# A share's second figure is small: "killed 10 in 2004" is a count and a year, not one in two hundred.
_RATIO_MAX_WHOLE = 1000


def ratio_figures(span: str) -> list[Slot]:
    """Shares told as "one in seven" as percent slots, reaching as far as the rounding of the second figure
    ("one in seven" is 13.3-15.4 %: "nearly 15 percent" states it, "30 percent" does not)."""
    out = []
    for m in _RATIO.finditer(span):
        part, whole = (float(NUMBER_WORDS.get(g.lower(), 0) if g[0].isalpha() else g) for g in m.groups())
        if not 0 < part < whole <= _RATIO_MAX_WHOLE:
            continue  # "1 in 1", "3 in 2", "10 in 2004": no share
        value = 100 * part / whole
        out.append(Slot("number", m.start(), m.end(), m.group(), 100 * part / (whole + 0.5),
                        100 * part / (whole - 0.5), "", "percent", value=value))
    return out


# "37,847 (about 15 percent) were younger than 50": a share in brackets, which ``values`` leaves out with the
# conversions it brackets ("8 mph (13 kph)"); a share restates no unit, it gives the count's share.
_BRACKETED_SHARE = re.compile(r"\((about|some|nearly|almost|roughly|approximately|around)?\s*(\d+(?:\.\d+)?)"
                              r"\s*(?:percent|per\s+cent|%)\)", re.IGNORECASE)
# How far a hedged share in brackets reaches ("about 15 percent": 12-18), as ``same_figures.HEDGE_WIDTH`` does.
_SHARE_HEDGE = 0.2


def bracketed_shares(span: str) -> list[Slot]:
    """Percentages in brackets ("(about 15 percent)") as percent slots."""
    out = []
    for m in _BRACKETED_SHARE.finditer(span):
        value = float(m.group(2))
        reach = value * _SHARE_HEDGE if m.group(1) else 0.5
        high = value if m.group(1) in ("nearly", "almost") else value + reach
        out.append(Slot("number", m.start() + 1, m.end() - 1, m.group(0)[1:-1], value - reach, high, "", "percent",
                        value=value))
    return out


# "4:20 a.m.", "11 p.m.": a time of day.
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\b\.?", re.IGNORECASE)


def refers_back(span: str, start: int) -> bool:
    """Whether the figure at ``start`` refers back ("the two leaders"): no count a source must give again."""
    return _REFERRING.search(span, 0, start) is not None


def ages(span: str) -> tuple[tuple[str, int], ...]:
    """(a person's last name, lower-cased; the age given with it) per "Lizandra Cosme, 32,"."""
    return tuple((m.group(1).lower(), int(m.group(2))) for m in _AGE.finditer(span))


def relative_years(span: str) -> frozenset[str]:
    """The years told relative to the report: "this", "last", "next" (year)."""
    return frozenset(m.group(1).lower() for m in _YEAR.finditer(span))


def clock_times(span: str) -> tuple[tuple[int, str], ...]:
    """Times of day: (minutes after midnight, as written)."""
    return tuple((int(m.group(1)) % 12 * 60 + int(m.group(2) or 0) + (720 if m.group(3).lower()[0] == "p" else 0),
                  m.group(0)) for m in _CLOCK.finditer(span))


# "Xu, 55," (one name alone, e.g. at a sentence's start) and "the 49-year-old Sementilli": ages `_AGE` misses.
_LONE_AGE = re.compile(r"\b([A-Z][\w’'-]+),\s+(?:then\s+|now\s+|aged\s+)?(\d{1,3})(?=,|\s+and\b|\))")
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s+(?:[a-z]+\s+){0,2}?(?:[A-Z][\w’'-]+\s+)*([A-Z][\w’'-]+)")
CALENDAR_WORDS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                             "january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"])


# Where an age may stand at all (a cheap test before the two patterns): ", 55", ", then 42", "49-year-old".
_AGE_HINT = re.compile(r",\s+(?:then\s+|now\s+|aged\s+)?\d|\d-year-old")


def all_ages(span: str) -> tuple[tuple[str, int], ...]:
    """:func:`ages`, plus a lone name's age ("Xu, 55,") and an age before the name ("the 49-year-old Sementilli")."""
    found = list(ages(span))
    if not _AGE_HINT.search(span):
        return tuple(found)
    named = {name for name, _ in found}
    for name, age in ((m.group(1).lower(), int(m.group(2))) for m in _LONE_AGE.finditer(span)):
        if name not in named and name not in CALENDAR_WORDS:
            found.append((name, age))
    for m in _AGE_BEFORE.finditer(span):
        if m.group(2).lower() not in named and m.group(2).lower() not in CALENDAR_WORDS:
            found.append((m.group(2).lower(), int(m.group(1))))
    return tuple(found)


# "down from officials' earlier estimate of 7,000", "up from 12", "initially put at 40": a figure the source
# says no longer holds. A claim that gives it as the figure is not stated by that source.
_SUPERSEDED = re.compile(r"(?:\b(?:down|up|revised|lowered|raised|rose|fell|dropped|climbed|increased|decreased"
                         r"|jumped|grew)\s+from|\b(?:earlier|previous|initial|original|prior|old)\s+(?:[\w’']+\s+){0,2}"
                         r"(?:of|at)|\b(?:initially|originally|previously|earlier)\s+(?:[\w’']+\s+){0,2}(?:at|as))"
                         r"\s*(?:an?\s+|the\s+)?(?:about\s+|around\s+|some\s+|nearly\s+|more\s+than\s+)?$",
                         re.IGNORECASE)


# "up from 4.1 percent last year", "down from 12 in 2014", "from 40 a year earlier": a past period's value, not a
# revised figure; a claim may give it for that period.
_PAST_PERIOD = re.compile(r"[\d.,%$€£ ]*(?:[a-z]+\s+){0,2}?(?:last\s+(?:year|month|week|quarter|season)"
                          r"|in\s+(?:19|20)\d\d|(?:a|one|two|three|the)\s+(?:year|month|week|quarter|decade)s?\s+"
                          r"(?:earlier|ago|before)|(?:the\s+)?(?:previous|prior)\s+(?:year|month|week|quarter|season))\b",
                          re.IGNORECASE)


def superseded(span: str, start: int, end: int | None = None) -> bool:
    """Whether the figure at ``start`` (ending at ``end``) is one the span says was revised ("down from ... 7,000");
    not a past period's value ("up from 4.1 percent last year")."""
    if _SUPERSEDED.search(span[max(0, start - 60):start]) is None:
        return False
    return end is None or _PAST_PERIOD.match(span, end, end + 40) is None
