"""Conflicts: two sources that give different values for the same thing.

Sentences of different sources that state the same fact (TF-IDF alignment, see
``agreement.py``) are compared slot by slot. A slot is a value with its
anchors: a number with the word it counts and the content word before it
("killed 12 people" → ``kill _ peopl``), a date or weekday with the word before
it, a place after the same word. Two slots conflict only if their anchors match,
each is the only slot with those anchors in its sentence, and their values
cannot both be true: hedges ("about", "more than", "up to") and rounding widen a
value into an interval, and intervals that overlap are compatible. Places are
compared only at the same level (country with country, US state with state), so
"Washington" and "the United States" do not clash. Offices, ages and names of
people (``people.py``) and the speaker of one quote complete the kinds. This is
the "contradiction by numeric and entity mismatch" family of de Marneffe,
Rafferty & Manning (2008), restricted to aligned sentence pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

from newsbrief.analyse import counts, events
from newsbrief.analyse.ages import age_conflicts
from newsbrief.analyse.agreement import SAME_FACT, Alignment, Unit
from newsbrief.analyse.amounts import amount_disagreements, rate_of
from newsbrief.analyse.dates import DATE_SIMILARITY, date_conflicts
from newsbrief.analyse.durations import duration_conflicts
from newsbrief.analyse.fixed_names import fixed_name_conflicts
from newsbrief.analyse.offices import office_conflicts
from newsbrief.analyse.people import STRICT_SIMILARITY, name_conflicts, person_conflicts
from newsbrief.analyse.places import block_conflicts
from newsbrief.analyse.quotes import SpeakerClash
from newsbrief.analyse.spellings import spelling_conflicts
from newsbrief.analyse.substitutions import SUBSTITUTION_SIMILARITY, substitution_conflicts
from newsbrief.analyse.timings import time_conflicts
from newsbrief.datatypes import Conflict, Span, Update
from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import find_names, name_key, place_class
from newsbrief.represent.tokens import stop_words
from newsbrief.represent.values import Slot, compatible, find_slots

__all__ = ["MAX_CONFLICTS", "Slot", "find_conflicts", "find_slots"]

# Sentences must be at least this similar (TF-IDF cosine) for their slots to be
# compared; weekdays, places and names, which differ between separate events
# told in the same words, need near-copies.
# Swept 0.35-0.6 on bench/labels/conflicts.jsonl: below 0.5 the pairs are often
# about different scopes ("damage worth 10 billion to all property" / "4 billion
# to crops"); at 0.5 every false alarm went and three labelled conflicts were lost.
NUMBER_SIMILARITY = 0.5
# Near-copies (one wire story in two versions): values pair by what they count alone.
NEAR_COPY = 0.65
MAX_CONFLICTS = 12


def _explain(kind: str, a: Slot, b: Slot, source_a: int, source_b: int) -> str:
    what = {"count": "count", "amount": "amount", "number": "number", "date": "date", "weekday": "day",
            "place": "place"}.get(kind, kind)
    return f"source {source_a} gives {a.text!r}, source {source_b} gives {b.text!r} as the {what} in the same statement"


def find_conflicts(texts: Sequence[str], alignment: Alignment, *, index: NameIndex | None = None,
                   proper: frozenset[str] | None = None, clashes: Sequence[SpeakerClash] = (),
                   published: Sequence[object | None] | None = None,
                   limit: int | None = MAX_CONFLICTS) -> tuple[Conflict, ...]:
    """Conflicting values between aligned sentences of different sources (see :func:`find_disagreements`)."""
    return find_disagreements(texts, alignment, index=index, proper=proper, clashes=clashes, published=published,
                              limit=limit)[0]


def find_disagreements(texts: Sequence[str], alignment: Alignment, *, index: NameIndex | None = None,
                       proper: frozenset[str] | None = None, clashes: Sequence[SpeakerClash] = (),
                       published: Sequence[object | None] | None = None,
                       limit: int | None = MAX_CONFLICTS) -> tuple[tuple[Conflict, ...], tuple[Update, ...]]:
    """Conflicting values between aligned sentences of different sources, most certain first, and updates.

    Args:
        texts: each source's text.
        alignment: the cluster's fact units and their similarities.
        index: the cluster's names (to tell aliases and places apart).
        proper: capitalised words seen mid-sentence (see ``entities.proper_words``).
        clashes: quotes attributed to different speakers (from ``quotes.group_quotes``).
        published: each source's publication datetime, if known (ages and offices change).
        limit: most conflicts to return (None: all).

    Returns:
        The conflicts, and the updates: counts that a source published hours later gives differently.
    """
    units, sim = alignment.units, alignment.similarity
    dates = list(published) if published is not None else [None] * len(texts)
    # Only pairs of sources' units close enough to compare, from the sparse similarity, in row order.
    upper = sparse.triu(sim, k=1).tocsr()
    upper.sort_indices()
    all_rows = np.repeat(np.arange(upper.shape[0]), np.diff(upper.indptr))
    close = upper.data >= NUMBER_SIMILARITY
    pair_rows = all_rows[close]
    pair_cols, pair_values = upper.indices[close], upper.data[close]
    partnered = np.zeros(len(units), dtype=bool)
    partnered[pair_rows] = True
    partnered[pair_cols] = True
    # Pairs told in other words are compared only for counts (events.py): units that may hold one.
    counted = np.fromiter((_maybe_count(u.text) for u in units), dtype=bool, count=len(units))
    priced = np.fromiter((bool(_MAYBE_AMOUNT.search(u.text)) for u in units), dtype=bool, count=len(units))
    wide = (upper.data >= events.WIDE_SIMILARITY) & counted[all_rows] & counted[upper.indices]
    wide_rows, wide_cols, wide_values = all_rows[wide], upper.indices[wide], upper.data[wide]
    # Years are compared between units that name one (events.year_disagreements), at the same-fact cosine.
    has_year = np.fromiter((bool(_MAYBE_YEAR.search(u.text)) for u in units), dtype=bool, count=len(units))
    dated = (upper.data >= SAME_FACT) & has_year[all_rows] & has_year[upper.indices]
    partnered[wide_rows] = True
    partnered[wide_cols] = True
    slots = [find_slots(texts[u.source - 1], u.start, u.end, index=index, proper=proper)
             if partnered[k] or (counted[k] and counts.may_frame(u.text)) or priced[k] else []
             for k, u in enumerate(units)]
    places = [_places(texts[u.source - 1], u.start, u.end, index, proper) if slots[k] else set()
              for k, u in enumerate(units)]
    found: list[tuple[float, Conflict]] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for i, j, value in zip(pair_rows.tolist(), pair_cols.tolist(), pair_values.tolist(), strict=True):
        if units[i].source == units[j].source or not slots[i] or not slots[j]:
            continue
        if _different_places(places[i], places[j]):
            continue  # "32 people in Lyon" / "62 people across France": not the same count
        near_copy = value >= NEAR_COPY and _one_number(slots[i]) and _one_number(slots[j])
        clashing = []
        for a, b in _paired_slots(slots[i], slots[j], loose=value >= STRICT_SIMILARITY,
                                  near_copy=near_copy):
            if a.kind in ("weekday", "place", "date") and value < STRICT_SIMILARITY:
                continue
            if _shares_value(a, slots[j]) or _shares_value(b, slots[i]):
                continue  # each sentence also states the other's value: the slots are misaligned
            if value < NEAR_COPY and _far_apart(a, b):
                continue  # "$27 billion in sales" / "$2.5 billion" of herbs: told in other words, other scopes
            if a.kind == "amount" and rate_of(texts[units[i].source - 1], a, units[i].end) != rate_of(
                    texts[units[j].source - 1], b, units[j].end):
                continue  # "$400 per photo shoot" / "$650 a game": rates of other things
            if not compatible(a, b, index):
                clashing.append((a, b))
        kinds = {a.kind for a, _ in clashing}
        if _versions(slots[i], slots[j], units[i].text + " " + units[j].text):
            continue  # one wire story in two versions, several figures moved: an update, not a disagreement
        for a, b in clashing:
            if (kinds & {"date", "weekday"} and kinds - {"date", "weekday"}) or _different_times(
                    slots[i], slots[j], a) or (a.kind != "date" and _developing(units[i].text, units[j].text)):
                continue  # "rose to 231 on Monday" / "to 350 on Tuesday": an update, told twice
            kind = a.kind if a.kind == b.kind else "number"
            ua, ub = units[i], units[j]
            apart = events.hours_apart(dates[ua.source - 1], dates[ub.source - 1])
            if kind == "count" and apart is not None and abs(apart) >= events.UPDATE_HOURS:
                continue  # a toll told hours apart: an update (events.py reports it), not a conflict
            found.append((float(value), Conflict(
                kind=kind, first=ua.span,
                second=ub.span, first_value=a.text, second_value=b.text,
                explanation=_explain(kind, a, b, ua.source, ub.source))))
    updates: list[Update] = []
    similar, anchors = _similar(upper), _anchors(texts, units, index, proper)

    def apart(i: int, j: int) -> bool:
        return _different_places(places[i], places[j])

    frames = counts.read_frames(units, slots, texts, np.flatnonzero(counted).tolist())
    for value, f, found_update in _event_disagreements(texts, units, slots, places, dates,
                                                        (wide_rows, wide_cols, wide_values),
                                                        (pair_rows, pair_cols, pair_values),
                                                        (all_rows[dated], upper.indices[dated], upper.data[dated]),
                                                        [*counts.frame_disagreements(frames, units, slots, similar,
                                                                                     anchors, apart, dates),
                                                         *amount_disagreements(units, slots, texts,
                                                                               np.flatnonzero(priced).tolist(),
                                                                               similar, anchors)], frames):
        if found_update is not None:
            updates.append(found_update)
        else:
            found.append((value, f))
    if index is not None:
        found.extend(person_conflicts(texts, alignment, index, proper, published or [None] * len(texts)))
        found.extend(name_conflicts(texts, alignment, index, proper))
    found.extend(spelling_conflicts(texts, alignment, proper, index))
    found.extend(fixed_name_conflicts(texts, units, sim, index, proper))
    found.extend(age_conflicts(texts, alignment, index, proper, dates))
    found.extend(office_conflicts(texts, alignment, index, proper, dates))
    found.extend(block_conflicts(units))
    found.extend(duration_conflicts(texts, units, similar, anchors, events.WIDE_SIMILARITY))
    found.extend(date_conflicts(texts, units, _pairs(all_rows, upper, DATE_SIMILARITY)))
    found.extend(time_conflicts(texts, units, proper, dates))
    found.extend(substitution_conflicts(units, _pairs(all_rows, upper, SUBSTITUTION_SIMILARITY), index))
    for clash in clashes:
        a, b = clash.first, clash.second
        found.append((1.0, Conflict(
            kind="speaker",
            first=Span(a.source, a.sentence_start, a.sentence_end,
                       texts[a.source - 1][a.sentence_start:a.sentence_end]),
            second=Span(b.source, b.sentence_start, b.sentence_end,
                        texts[b.source - 1][b.sentence_start:b.sentence_end]),
            first_value=a.speaker or "", second_value=b.speaker or "",
            explanation=f"source {a.source} attributes the quote to {a.speaker}, source {b.source} to {b.speaker}")))
    found.sort(key=lambda item: (-item[0], item[1].first.source, item[1].first.start))
    out: list[Conflict] = []
    told: set[tuple[str, frozenset[tuple[int, int, str]]]] = set()
    for _, conflict in found:  # the clearest pair stands for every pair with the same two values
        key = (conflict.kind, frozenset((_norm_value(conflict.first_value), _norm_value(conflict.second_value))))
        # Two finders may give one clash in one pair of statements in other words ("Zaken, 23" / "Zaken, a
        # 23-year-old"): the same figures in the same two spans are one conflict.
        pair = (conflict.kind, frozenset(((conflict.first.source, conflict.first.start, _digits(conflict.first_value)),
                                          (conflict.second.source, conflict.second.start,
                                           _digits(conflict.second_value)))))
        if key not in seen and pair not in told:
            seen.add(key)
            told.add(pair)
            out.append(conflict)
    return tuple(out[:limit]), tuple(updates)


_MAYBE_AMOUNT = re.compile(r"[$£€]|\bdlrs\b")
_MAYBE_YEAR = re.compile(r"\b(?:in|since|during)\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b")
# A digit or a number word, and an event word: a unit that may state a toll (two plain searches; one
# pattern of two look-aheads would rescan the sentence from every position).
_MAYBE_NUMBER = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|"
                           r"forty|fifty|hundred)\b")
_MAYBE_EVENT = re.compile(r"\b(?:kill|die|dead|death|toll|injur|wound|hurt|missing|arrest|evacu|rescu|hospital|"
                          r"displac|homeless|strand|detain|drown|trap|surviv|fled|infect|sicken|aboard|carrying|"
                          r"hostage|freed|released|custody|charged|convicted|jailed|executed|abducted|kidnapped)")


def _pairs(rows: np.ndarray, upper: sparse.csr_matrix, floor: float) -> list[tuple[int, int, float]]:
    """Unit pairs (i < j) at or above a cosine, from the upper triangle, selected in numpy before any Python loop."""
    keep = upper.data >= floor
    return list(zip(rows[keep].tolist(), upper.indices[keep].tolist(), upper.data[keep].tolist(), strict=True))


def _maybe_count(text: str) -> bool:
    # Both patterns are lower case and searched in the lowered text: a case-insensitive alternation of forty words
    # costs about three times as much (0.38 s against 0.14 s over the 13,453 units of the tune clusters).
    low = text.lower()
    return bool(_MAYBE_NUMBER.search(low)) and bool(_MAYBE_EVENT.search(low))


def _event_disagreements(texts: Sequence[str], units: Sequence[Unit], slots: Sequence[list[Slot]],
                         places: Sequence[set[str]], dates: Sequence[object | None],
                         wide: tuple[np.ndarray, np.ndarray, np.ndarray],
                         close: tuple[np.ndarray, np.ndarray, np.ndarray],
                         aligned: tuple[np.ndarray, np.ndarray, np.ndarray],
                         framed: Sequence[tuple[float, events.Found, Slot, Slot]],
                         frames: counts.Frames) -> list[tuple[float, Conflict, Update | None]]:
    """Counts of one event told in other words (any aligned pair) and claims denied (near-copies)."""
    def usable(rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> list[tuple[int, int, float]]:
        # Below the same-fact cosine, a place named on one side only may be the scope ("in Honduras" / the region).
        return [(i, j, v) for i, j, v in zip(rows.tolist(), cols.tolist(), values.tolist(), strict=True)
                if units[i].source != units[j].source and not _different_places(places[i], places[j])
                and (v >= SAME_FACT or places[i] == places[j])]

    out: list[tuple[float, Conflict, Update | None]] = []
    # Frames have compared their days already (a date naming the event is no day a figure was told at), and
    # tell a moving figure by the cluster's values (``counts._moving``); only near-copies are versions of a story.
    counted = [*((x, True, True) for x in events.count_disagreements(units, slots, texts, usable(*wide), dates)),
               *((x, False, x[0] >= counts.score(NUMBER_SIMILARITY)) for x in framed
                 if not _different_places(places[x[1].i], places[x[1].j]))]
    for (value, f, a, b), timed, copies in counted:
        event = events.event_of(texts[units[f.i].source - 1], a, units[f.i].start, units[f.i].end)
        if counts.moved(frames, event, (f.i, a), (f.j, b), lambda i, j: _different_places(places[i], places[j])):
            continue  # the cluster tells the count a third way: a toll that rose while it was told
        if (timed and _different_times(slots[f.i], slots[f.j], a)) or (copies and _versions(
                slots[f.i], slots[f.j], units[f.i].text + " " + units[f.j].text)) or _developing(
                units[f.i].text, units[f.j].text):
            continue  # "rose to 231 on Monday" / "to 350 on Tuesday"; a toll in two versions of one story
        ua, ub = units[f.i], units[f.j]
        first, second = ua.span, ub.span
        if f.update:
            (early, early_value), (late, late_value) = sorted(
                [(first, a.text), (second, b.text)], key=lambda side: dates[side[0].source - 1])
            out.append((value, None, Update("count", early, late, early_value, late_value,
                                              dates[early.source - 1], dates[late.source - 1])))
            continue
        out.append((value, Conflict(f.kind, first, second, a.text, b.text,
                                    _explain(f.kind, a, b, ua.source, ub.source)), None))
    for value, f in events.year_disagreements(units, usable(*aligned)):
        ua, ub = units[f.i], units[f.j]
        out.append((value, Conflict(
            "date", ua.span, ub.span,
            f.first_value, f.second_value,
            f"source {ua.source} dates it {f.first_value!r}, source {ub.source} {f.second_value!r}"), None))
    for value, f in events.claim_disagreements(units, usable(*close)):
        ua, ub = units[f.i], units[f.j]
        out.append((value, Conflict(
            "claim", ua.span, ub.span,
            f.first_value, f.second_value,
            f"source {ua.source} says {f.first_value!r}, source {ub.source} says {f.second_value!r} "
            "in the same statement"), None))
    return out


def _similar(upper: sparse.csr_matrix) -> Callable[[int, int], float]:
    """The alignment cosine of two units (0 when not aligned)."""
    return lambda i, j: float(upper[min(i, j), max(i, j)])


def _anchors(texts: Sequence[str], units: Sequence[Unit], index: NameIndex | None,
             proper: frozenset[str] | None) -> Callable[[int], set[str]]:
    """The names a unit gives as alias-group keys (read once a unit, on first need): what two statements told
    in other words must have in common to be about one thing."""
    key_of = index.group_of if index is not None else name_key
    cache: dict[int, set[str]] = {}

    def anchors(k: int) -> set[str]:
        got = cache.get(k)
        if got is None:
            u = units[k]
            got = cache[k] = {key_of(n.text) for n in find_names(texts[u.source - 1], u.start, u.end, proper=proper)
                              if n.text.lower() not in _WEAK_NAMES}
        return got
    return anchors


# Names too common in news to say two statements are about one thing.
_WEAK_NAMES = frozenset(["u.s.", "us", "united states", "america", "ap", "reuters", "cnn", "associated press"])


# Figures that differ between two tellings of one statement, from which on it is two versions of a story.
MOVED_FIGURES = 2


def _versions(first: Sequence[Slot], second: Sequence[Slot], texts: str) -> bool:
    """Whether a telling of a deadly or stormy event gives MOVED_FIGURES figures the other does not ("six drownings,
    two people hit by falling trees" / "18 drownings, three people hit"; "winds of 120 kph, gusts up to 150" / "130
    ... 160"): an undated wire story updated as the toll or the storm moved. A poll's figures in two versions of one
    story ("trailing by 10 points" / "by 15"), or the wounded of one attack, do not move by themselves: those stay
    disagreements."""
    if not _MOVING.search(texts):
        return False
    mine = Counter(s.value for s in first if s.kind in ("number", "count", "amount"))
    theirs = Counter(s.value for s in second if s.kind in ("number", "count", "amount"))
    return max(sum((mine - theirs).values()), sum((theirs - mine).values())) >= MOVED_FIGURES


# What moves while it is told: the toll of a disaster and its storm (the wounded of one attack are counted once).
_MOVING = re.compile(r"\b(?:fatalit\w+|dead|deaths?|died|killed|toll|drown\w*|winds?|gusts?|storm|typhoon|hurricane|"
                     r"cyclone)\b", re.IGNORECASE)


def _far_apart(a: Slot, b: Slot) -> bool:
    """Two figures more than ``events.MAX_COUNT_RATIO`` apart (a near-copy's "$48.2 billion" / "$48.2 million" is
    a slip; in other words, other scopes)."""
    if a.kind not in ("number", "count", "amount") or a.value <= 0 or b.value <= 0:
        return False
    small, large = sorted((abs(a.value), abs(b.value)))
    return large / small > events.MAX_COUNT_RATIO


def _one_number(slots: Sequence[Slot]) -> bool:
    return sum(s.kind in ("number", "count", "amount") for s in slots) == 1


def _places(text: str, start: int, end: int, index: NameIndex | None, proper: frozenset[str] | None) -> set[str]:
    """The places a sentence names (gazetteer, NER's GPE/LOC, or a name after "in"), as alias-group keys."""
    out = set()
    stops = stop_words()
    for n in find_names(text, start, end, proper=proper):
        label = index.label(n.text) if index is not None else None
        after = re.match(r"\s+([a-z]+)", text[n.end:end])
        if after and after.group(1) not in stops:
            continue  # used as an adjective: "an Arctic cold wave"
        located = re.search(r"\b(?:in|across|throughout|near|outside)\s+(?:the\s+)?$", text[start:n.start])
        if place_class(n.text) or label in ("GPE", "LOC") or located:
            out.add(index.group_of(n.text) if index is not None else name_key(n.text))
    return out


def _different_places(a: set[str], b: set[str]) -> bool:
    return bool(a) and bool(b) and not (a & b)


def _shares_value(slot: Slot, others: Sequence[Slot]) -> bool:
    if slot.kind == "place":
        return any(o.kind == "place" and name_key(o.text) == name_key(slot.text) for o in others)
    return any(o.kind == slot.kind and o.value == slot.value for o in others)


def _digits(text: str) -> str:
    """The figures a value gives, or the value itself when it gives none (names are told apart in full)."""
    return " ".join(re.findall(r"\d+", text)) or _norm_value(text)


def _norm_value(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def _paired_slots(first: Sequence[Slot], second: Sequence[Slot], *, loose: bool,
                  near_copy: bool = False) -> list[tuple[Slot, Slot]]:
    """Slots with the same anchors, when each is the only one with them in its sentence."""
    pairs = []
    for a in first:
        same_b = [y for y in second if a.matches(y, loose=loose, near_copy=near_copy)]
        if len(same_b) != 1:
            continue
        same_a = [x for x in first if x.matches(same_b[0], loose=loose, near_copy=near_copy)]
        if len(same_a) == 1:
            pairs.append((a, same_b[0]))
    return pairs


# "has risen to 151" / "rose to 156": a count the sources say is moving.
_DEVELOPING = re.compile(r"\b(?:rose|risen|rises|rising|climbed|jumped|increased|grew|reached)\b|\bso far\b",
                         re.IGNORECASE)


def _developing(a: str, b: str) -> bool:
    """Whether either statement tells a figure as it moves ("the toll has risen to 151", "so far", "in two days of
    fighting"): two such
    figures are an update told twice, even when the stories carry no dates."""
    return bool(_DEVELOPING.search(a) or _DEVELOPING.search(b) or counts.RUNNING.search(a)
                or counts.RUNNING.search(b))


def _different_times(first: Sequence[Slot], second: Sequence[Slot], slot: Slot) -> bool:
    """Numbers told of different days are updates ("rose to 231 Monday" / "to 350 Tuesday"), not conflicts;
    so is a figure one source gives for a day and the other without one ("reached 85 on Saturday" / "has
    reached 83"): the count was told at two moments."""
    if slot.kind in ("date", "weekday"):
        return False
    days_a = {(s.kind, s.low) for s in first if s.kind in ("date", "weekday")}
    days_b = {(s.kind, s.low) for s in second if s.kind in ("date", "weekday")}
    return days_a != days_b
