"""Disagreements between statements told in other words, and updates of a developing count.

``conflicts.py`` compares values of near-copies (TF-IDF cosine 0.5 and up), where
the words around a value say what it measures. Outlets tell the same toll in
their own words ("At least 12 people were killed when the ferry sank" / "the
sinking killed 40 people"), at cosines down to the alignment's floor. Here a
count is tied to its event instead: the kind of thing counted (``people``,
``soldiers``) and the event word nearest to it (``kill``, ``injur``, ``miss``…).
Two counts of one kind for one event, each the only such count in its
sentence, in sentences that do not name different places or days, are one
figure: if their stated values differ, the sources disagree.

Two kinds of statement are not disagreements:

- an *update*: both sources are dated, hours apart, and give a developing
  count (a toll, a number missing or evacuated) — the later figure replaces the
  earlier; reported with both values and dates;
- a sentence that also states the other's value (misaligned slots).

Contradicting *claims* (kind ``claim``) come from near-copies only: the same
statement, one source affirming what the other denies ("were allowed to
return" / "were not allowed to return"), or one up where the other is down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsbrief.analyse.agreement import Unit
from newsbrief.represent.facts import (
    ANTONYM_KEYS,
    ANTONYM_WORDS,
    NEGATORS,
    Facts,
    denial,
    has_negator,
    predicate_key,
    read_facts,
    same_number,
)
from newsbrief.represent.tokens import stem, stop_words
from newsbrief.represent.values import Slot

# Units below this cosine are not compared even for counts (the alignment's floor).
WIDE_SIMILARITY = 0.2
# Claims contradict only between near-copies: the same statement, one word negated.
CLAIM_SIMILARITY = 0.5
# Words with a known opposite (``facts._ANTONYMS``), found without reading the sentence's facts.
_TURNING = re.compile(r"\b(?:" + "|".join(sorted(ANTONYM_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# Verbs that deny what follows them without a negator.
_DENYING = re.compile(r"\b(?:den(?:y|ies|ied|ying)|refus\w*|reject\w*|dismiss\w*|rul\w+ out|fail\w*)\b",
                      re.IGNORECASE)
# A claim needs a real statement (not "That's for sure.") and two near-copies sharing most content words.
MIN_CLAIM_WORDS = 8
CLAIM_OVERLAP = 0.6
# Two figures for one count this far apart are about different scopes ("14 on the island" / "7,000 in the
# region"), not a disagreement: outlets that disagree on a toll differ by less.
MAX_COUNT_RATIO = 4.0
# Sources published this far apart may report a count that has grown since.
UPDATE_HOURS = 3.0

# Stems of the words that say what happened to the people counted.
_EVENTS = frozenset(stem(w) for w in [
    "killed", "kill", "killing", "died", "dead", "death", "deaths", "toll", "injured", "injuring", "wounded",
    "wounding", "hurt", "missing", "arrested", "evacuated", "rescued", "hospitalized", "hospitalised",
    "displaced", "homeless", "stranded", "detained", "drowned", "trapped", "survived", "survivors", "fled",
    "infected", "sickened", "aboard", "onboard", "carrying", "hostage", "hostages", "freed", "released",
    "custody", "charged", "convicted", "jailed", "executed", "abducted", "kidnapped"])
_GROWING = frozenset(stem(w) for w in [
    "killed", "kill", "died", "dead", "death", "deaths", "toll", "injured", "wounded", "missing", "evacuated",
    "rescued", "hospitalized", "displaced", "homeless", "arrested", "infected", "sickened", "detained"])
_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
                  r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2})\b")
_TOKEN = re.compile(r"[^\W_]+|[,;:()—]")
_WINDOW = 6  # tokens either side of a count in which its event word stands


@dataclass(frozen=True, slots=True)
class Found:
    """A disagreement (or update) between unit ``i`` and unit ``j``: the slots that clash, or the claim key."""

    i: int
    j: int
    kind: str  # count, claim
    first_value: str
    second_value: str
    update: bool = False


def event_of(text: str, slot: Slot, start: int, end: int) -> str:
    """The event word nearest to a count, within its clause (``""`` if none)."""
    before = _TOKEN.findall(text[start:slot.start])
    after = _TOKEN.findall(text[slot.end:end])
    best, distance = "", _WINDOW + 1
    for tokens, order in ((list(reversed(before)), 0), (after, 1)):
        for k, tok in enumerate(tokens[:_WINDOW]):
            if not tok[0].isalnum():
                if tok in ";:()—":
                    break
                continue
            key = stem(tok.lower()) if tok[:1].islower() else ""  # "Emergency Hospital" names, not an event
            if key in _EVENTS and (k, order) < (distance, 0):
                best, distance = key, k
                break
    return _SAME_EVENT.get(best, best)


# Words for one event ("died", "dead", "deaths", "toll" all count the dead).
_SAME_EVENT = {stem(w): stem("killed") for w in ["died", "dead", "death", "deaths", "toll", "kill", "killing",
                                                 "drowned"]}
_SAME_EVENT.update({stem(w): stem("injured") for w in ["wounded", "wounding", "hurt", "injuring"]})


def count_disagreements(units: Sequence[Unit], slots: Sequence[Sequence[Slot]], texts: Sequence[str],
                        pairs: Sequence[tuple[int, int, float]], published: Sequence[datetime | None],
                        ) -> list[tuple[float, Found, Slot, Slot]]:
    """Counts of one kind for one event that differ, between unit pairs of any cosine in ``pairs``."""
    out = []
    keyed: dict[int, dict[tuple[str, str], list[Slot]]] = {}

    def keys(k: int) -> dict[tuple[str, str], list[Slot]]:
        found = keyed.get(k)
        if found is None:
            u = units[k]
            found = {}
            for s in slots[k]:
                if s.kind != "count":
                    continue
                event = event_of(texts[u.source - 1], s, u.start, u.end)
                if event:  # "19 men were wounded" / "22 people were injured": one count of people
                    found.setdefault(("people", event), []).append(s)
            keyed[k] = found
        return found

    for i, j, value in pairs:
        if value < CLAIM_SIMILARITY and (_numbers(slots[i]) != 1 or _numbers(slots[j]) != 1):
            continue  # told in other words, a sentence with two figures may pair the wrong ones ("Of the 129
            # deaths, 67 were in landslides" / "at least 53 were killed in landslides")
        if not same_days(units[i].text, units[j].text):
            continue  # told of different days, or one at a day the other does not name: a toll moves
        mine, theirs = keys(i), keys(j)
        for key in mine.keys() & theirs.keys():
            if len(mine[key]) != 1 or len(theirs[key]) != 1:
                continue  # two counts of one kind in a sentence: which is which is not known
            a, b = mine[key][0], theirs[key][0]
            if same_number(a, b) or any(same_number(a, x) for x in slots[j]) or any(
                    same_number(b, x) for x in slots[i]):
                continue
            low, high = sorted((abs(a.value), abs(b.value)))
            if low == 0 or high / low > MAX_COUNT_RATIO:
                continue
            later = hours_apart(published[units[i].source - 1], published[units[j].source - 1])
            update = later is not None and abs(later) >= UPDATE_HOURS and key[1] in _GROWING
            out.append((value, Found(i, j, "count", a.text, b.text, update=update), a, b))
    return out


def same_days(a: str, b: str, *, one_sided: bool = True) -> bool:
    """Whether two statements name the same days (or none): a count told of another day, or of a day the other
    does not name, may have moved between them. A date that names the event ("the Aug. 7 bombings") is no day
    the count was told at."""
    days_a, days_b = _days(a), _days(b)
    return days_a == days_b or (not one_sided and not (days_a and days_b))


def _days(text: str) -> set[str]:
    """The days a statement tells its figures at; not those that name the event (``_names_event``)."""
    return {m.group() for m in _DAY.finditer(text) if not _names_event(text, m)}


def _names_event(text: str, day: re.Match[str]) -> bool:
    """"the Aug. 7 bombings", "Friday's attack": a day that names the event, not when a figure was told; so does
    a calendar date ("killed in the Nairobi bombing on Aug. 7") unless the figure is told as of it ("by Aug. 9")."""
    if _NAMING.search(text, 0, day.start()) or text.startswith(("'s", "’s"), day.end()):
        return True
    calendar = day.group()[0].isupper() and day.group()[-1].isdigit()
    return calendar and not _AS_OF.search(text, 0, day.start())


_NAMING = re.compile(r"\bthe\s+$", re.IGNORECASE)
_AS_OF = re.compile(r"\b(?:by|as\s+of|through|until|since)\s+$", re.IGNORECASE)


def _numbers(slots: Sequence[Slot]) -> int:
    return sum(s.kind in ("number", "count", "amount") for s in slots)


def claim_disagreements(units: Sequence[Unit], pairs: Sequence[tuple[int, int, float]]) -> list[tuple[float, Found]]:
    """Near-copies of one statement, one affirming what the other denies (or up against down)."""
    out = []
    negated: dict[int, bool] = {}
    turned: dict[int, bool] = {}
    for i, j, value in pairs:
        if value < CLAIM_SIMILARITY:
            continue
        for k in (i, j):
            if k not in negated:
                negated[k] = has_negator(units[k].text)
                turned[k] = bool(_TURNING.search(units[k].text))
        if negated[i] == negated[j] and not (turned[i] and turned[j]):
            continue  # neither a denial against an affirmation nor two words with opposites: read no further
        ta, tb = units[i].text, units[j].text
        if ta.rstrip("”\"' ").endswith("?") or tb.rstrip("”\"' ").endswith("?"):
            continue  # a question affirms nothing
        if min(len(ta.split()), len(tb.split())) < MIN_CLAIM_WORDS:
            continue
        a, b = read_facts(ta), read_facts(tb)
        key = _claim_key(ta, tb, a, b)
        if key is not None:
            out.append((value, Found(i, j, "claim", _stance(a, key), _stance(b, key))))
    return out


def _claim_key(text_a: str, text_b: str, a: Facts, b: Facts) -> str | None:
    """The predicate one sentence affirms and the other denies, when that is their one difference.

    Either both are affirmative and use opposite words (rose / fell, granted /
    denied), or one denies with "not"/"never" a word the other affirms in the
    same form, and neither says anything else the other contradicts: the two
    share most of their content words and all their figures.
    """
    if {s.value for s in a.numbers} != {s.value for s in b.numbers}:
        return None
    theirs = dict(b.polarity)
    clashes = [k for k, sign in a.polarity if theirs.get(k, sign) != sign]
    if len(clashes) != 1:
        return None
    key = clashes[0]
    negated_a, negated_b = has_negator(text_a), has_negator(text_b)
    if not negated_a and not negated_b:
        return key if key in ANTONYM_KEYS else None  # "rose" / "fell"
    if negated_a == negated_b or _overlap(a, b) < CLAIM_OVERLAP:
        return None
    denier, other = (text_a, b) if negated_a else (text_b, a)
    if _DENYING.search(text_b if negated_a else text_a):
        return None  # "denied his country was involved": a denial in other words
    word = denial(denier)
    return key if word is not None and word in other.words and predicate_key(word) == key else None


def _overlap(a: Facts, b: Facts) -> float:
    """Share of content words the two sentences have in common (Jaccard)."""
    stops = stop_words()
    wa = {w for w in a.words if w[0].isalnum() and w not in stops and w not in NEGATORS}
    wb = {w for w in b.words if w[0].isalnum() and w not in stops and w not in NEGATORS}
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _stance(facts: Facts, key: str) -> str:
    sign = dict(facts.polarity)[key]
    word = key if key not in _KEY_WORDS else _KEY_WORDS[key][sign]
    return word if key in _KEY_WORDS or sign > 0 else f"not {word}"


# Each antonym key as a reader reads it, by sign.
_KEY_WORDS = {key: {1: up, -1: down} for key, up, down in [
    ("grant", "granted", "denied"), ("allow", "allowed", "not allowed"), ("convict", "convicted", "acquitted"),
    ("rise", "up", "down"), ("win", "won", "lost"), ("open", "open", "closed"), ("alive", "alive", "dead")]}


def hours_apart(a: datetime | None, b: datetime | None) -> float | None:
    """Hours from ``a`` to ``b`` (None if either is unknown or they cannot be compared)."""
    if not isinstance(a, datetime) or not isinstance(b, datetime):
        return None
    try:
        return (b - a).total_seconds() / 3600.0
    except TypeError:  # one has a time zone, the other not
        return None


# "appointed army commander in 1988", "named chief in May 2014": a year (with its month) after the word it dates.
_YEAR = re.compile(r"\b([A-Za-z]+)\s+(?:in|since|during)\s+(?:(January|February|March|April|May|June|July|August|"
                   r"September|October|November|December)\s+)?((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
# Years this far apart are other events ("in 1998" / "in 2004"), not one date told two ways.
MAX_YEAR_GAP = 3


def year_disagreements(units: Sequence[Unit], pairs: Sequence[tuple[int, int, float]]) -> list[tuple[float, Found]]:
    """One event dated in different years (or months of a year) by two sources about the same person or body.

    Each sentence must date exactly one thing, after the same word ("army commander in 1988" / "army commander
    in 1989"), and the two must name someone in common.
    """
    cache: dict[int, list[tuple[str, int, int | None, str]]] = {}

    def years(k: int) -> list[tuple[str, int, int | None, str]]:
        found = cache.get(k)
        if found is None:
            found = cache[k] = [(stem(m.group(1).lower()), int(m.group(3)),
                                 _MONTHS.index(m.group(2)) if m.group(2) else None,
                                 m.group(0)[len(m.group(1)):].strip())
                                for m in _YEAR.finditer(units[k].text) if m.group(1)[:1].islower()]
        return found

    out = []
    for i, j, value in pairs:
        mine, theirs = years(i), years(j)
        if len(mine) != 1 or len(theirs) != 1:
            continue
        (word_a, year_a, month_a, text_a), (word_b, year_b, month_b, text_b) = mine[0], theirs[0]
        if word_a != word_b or word_a in stop_words():
            continue
        apart = abs(year_a - year_b)
        differ = apart > 0 or (month_a is not None and month_b is not None and month_a != month_b)
        if not differ or apart > MAX_YEAR_GAP:
            continue
        names_a = {w for n in read_facts(units[i].text).names for w in n.split()}
        names_b = {w for n in read_facts(units[j].text).names for w in n.split()}
        if not names_a & names_b:  # "Lahoud" and "Emile Lahoud" name one man
            continue
        out.append((value, Found(i, j, "date", text_a.split(" ", 1)[1], text_b.split(" ", 1)[1])))
    return out
