"""A careful reader of the figures a news text gives, for ``trust_bench.py``, independent of ``newsbrief``.

Issue 23 asks that a citation never "give other numbers than the sentence", with
what a reader accepts: "a dozen" = 12, rounding, hedges, unit conversions. The
plain reader of ``trust_bench.numbers`` takes every run of digits for a count,
so a phone number, a clock time or a converted figure in brackets counts as
"another number". This one reads as a reader does, and says in each rule why:

- **Not counts** (blanked before reading): phone numbers ("335-5784"), clock times
  ("1:30 p.m.", "11 pm"), calendar dates ("Aug. 2", "2 August"), years and year
  ranges ("1975-90", "the 1970s"), and a figure in brackets right after a figure
  ("8 mph (12 kph)", "£138m ($220m)"): the same quantity restated in other units.
- **Figures**: digits with thousands commas and decimals, number words from
  "two" to "ninety" and "dozen" ("one" is left out, as the plain reader does: "one of
  the victims" counts nothing), with a scale word joined by a space or hyphen
  ("1.2 million", "7.6-million", "$2.5bn", "$199m"), each with the unit word after it.
- **Equal** (:func:`same_figure`): the same value; or one rounds to the other at
  the precision the rounder one is written in, and they differ by at most 5 %
  ("1.2 million" / 1,234,000; "2,000" / 1,875 differ by 6.7 % and stay two
  figures: the bound is kept tight so that rounding never hides a real case); or the two are one
  measure in two known units (km/miles, kg/pounds, metres/feet, knots/mph/kph,
  Celsius/Fahrenheit) within 3 %.

Nothing here is shared with ``newsbrief/represent/values.py``: a blind spot of the
project's reader must not hide a case from the bench that measures it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
          "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_NOT_COUNTS = re.compile(
    r"\(?\b\d{3}\)?[\s.-]\d{3}[-.]\d{4}\b|\b\d{3}-\d{4}\b"                     # phone numbers
    r"|\b\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?|\b\d{1,2}:\d{2}\b"              # clock times
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"             # Aug. 2, 2004
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"                      # 2 August
    r"|\b(?:1[89]|20)\d{2}\s*[-–/]\s*(?:(?:1[89]|20)\d{2}|\d{2})\b"            # 1975-90, 2003/04
    r"|\b(?:1[89]|20)\d0'?s\b",                                                # the 1970s
    re.IGNORECASE)
# A bracket that restates the figure before it in other units: "8 mph (12 kph)", "£138m ($220m)", "(dlrs 974,000)".
# Only money and known units: "37,847 (about 15 percent)" gives a second figure, a share, and keeps it.
_UNIT_WORDS = ("km|kilometers|kilometres|miles|meters|metres|feet|ft|kg|kilograms|pounds|lbs|tons|tonnes|mph|kph"
               "|knots|celsius|fahrenheit|c|f|acres|hectares")
_RESTATED = re.compile(r"(?<=[\w%.])\s*\((?:about\s+|some\s+|approximately\s+|roughly\s+)?(?:(?:US)?[$£€]\s?\d"
                       r"[^()]{0,20}|dlrs\.?\s*\d[^()]{0,20}|[\d.,]+(?:[\s-]?(?:million|billion))?[\s-]?(?:"
                       + _UNIT_WORDS + r")\b\.?)\)", re.IGNORECASE)
_FIGURE = re.compile(
    r"(?<![\w.])(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|bn|m)\b)?"
    r"|\b(?P<word>" + "|".join(_WORDS) + r")\b(?:[\s-](?P<wscale>thousand|million|billion|trillion)\b)?",
    re.IGNORECASE)
_UNIT_AFTER = re.compile(r"\s*-?\s*([A-Za-z°%]+)")
# Known measures in two systems: (metric unit, factor to it, offset) per word a text writes.
_UNITS: dict[str, tuple[str, float, float]] = {
    "km": ("m", 1000, 0), "kilometers": ("m", 1000, 0), "kilometres": ("m", 1000, 0), "kilometer": ("m", 1000, 0),
    "miles": ("m", 1609.34, 0), "mile": ("m", 1609.34, 0), "meters": ("m", 1, 0), "metres": ("m", 1, 0),
    "feet": ("m", 0.3048, 0), "foot": ("m", 0.3048, 0), "ft": ("m", 0.3048, 0), "yards": ("m", 0.9144, 0),
    "kg": ("kg", 1, 0), "kilograms": ("kg", 1, 0), "pounds": ("kg", 0.4536, 0), "lbs": ("kg", 0.4536, 0),
    "tons": ("kg", 907.2, 0), "tonnes": ("kg", 1000, 0), "mph": ("m/s", 0.447, 0), "kph": ("m/s", 0.2778, 0),
    "km/h": ("m/s", 0.2778, 0), "knots": ("m/s", 0.5144, 0), "celsius": ("C", 1, 0), "c": ("C", 1, 0),
    "fahrenheit": ("C", 5 / 9, -32), "f": ("C", 5 / 9, -32), "degrees": ("deg", 1, 0),
    "acres": ("m2", 4046.9, 0), "hectares": ("m2", 10000, 0),
}
# How near a converted figure must come (whoever converted it rounded it), and how far rounding may move one.
CONVERSION_SLACK = 0.03
ROUNDING_SLACK = 0.05


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str          # the word after the figure, lower-cased ("km", "people"), "" if none
    step: float        # the precision it is written in: 2,000 -> 1000, 1,875 -> 1, 7.6 million -> 100,000


def figures(text: str) -> list[Figure]:
    """The counts and measures a text gives, as a reader takes them (see the module docstring)."""
    text = _RESTATED.sub(" ", _NOT_COUNTS.sub(" ", text))
    out = []
    for m in _FIGURE.finditer(text):
        if m.group("num"):
            digits = m.group("num").replace(",", "")
            if len(m.group("num")) == 4 and digits.isdigit() and 1800 <= float(digits) <= 2099 \
                    and not m.group("scale"):
                continue  # a year ("2,000" with its comma is a figure)
            scale = _SCALES[(m.group("scale") or "").lower()] if m.group("scale") else 1.0
            value = float(digits) * scale
            step = _step(digits) * scale
        else:
            scale = _SCALES[m.group("wscale").lower()] if m.group("wscale") else 1.0
            value = _WORDS[m.group("word").lower()] * scale
            step = scale if scale > 1 else 1.0
        unit = _UNIT_AFTER.match(text, m.end())
        out.append(Figure(round(value, 6), unit.group(1).lower() if unit else "", step))
    return out


def _step(digits: str) -> float:
    """The place of the last significant digit: "2000" -> 1000, "1875" -> 1, "7.6" -> 0.1."""
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def same_figure(a: Figure, b: Figure) -> bool:
    """Whether a reader takes the two for one figure: equal, one the other rounded, or one measure converted."""
    if a.value == b.value:
        return True
    rounder, finer = (a, b) if a.step >= b.step else (b, a)
    if rounder.step > finer.step and round(finer.value / rounder.step) * rounder.step == rounder.value \
            and abs(rounder.value - finer.value) <= ROUNDING_SLACK * abs(finer.value):
        return True
    ua, ub = _UNITS.get(a.unit), _UNITS.get(b.unit)
    if ua and ub and ua[0] == ub[0] and a.unit != b.unit:
        ma, mb = (a.value + ua[2]) * ua[1], (b.value + ub[2]) * ub[1]
        return abs(ma - mb) <= CONVERSION_SLACK * max(abs(ma), abs(mb))
    return False


def classify(sentence: list[Figure], span: list[Figure]) -> str:
    """``same`` (every figure of the sentence in the span), ``none`` (the span gives none), ``other`` (the span
    gives a figure the sentence does not and lacks one it gives) or ``subset`` (some of them, nothing else)."""
    lacked = [a for a in sentence if not any(same_figure(a, b) for b in span)]
    if not lacked:
        return "same"
    if not span:
        return "none"
    if any(not any(same_figure(a, b) for a in sentence) for b in span):
        return "other"
    return "subset"
