"""Details of a sentence beside its figures: when it says a deed happened, over what span its figures run,
in what role it names a place or person, and the words it quotes.

Support needs them (``facts.judge``): a source that gives a sentence's figures "since midweek" does not state
them "on Friday"; one that has the official "flown to U.N. headquarters in Geneva" does not state "flown to
Moscow"; a quotation is verbatim, so a source that quotes other words does not fully state it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from newsbrief.names.patterns import NameSpan, name_key
from newsbrief.represent.calendar_words import CALENDAR_NAMES
from newsbrief.represent.polarity import WORD
from newsbrief.represent.tokens import stem, stop_words

# Days and months a sentence names ("said Monday night", "will join in November"). ``values.find_slots``
# reads a day only where it dates a statement of five content words; a detail a claim gives and a source does not
# is partial support, so the judge reads every one.
_DAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June"
                  r"|July|August|September|October|November|December|May(?=\s+\d)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?"
                  r"|Oct|Nov|Dec)(?=\.))\b")


def calendar_words(span: str) -> frozenset[str]:
    """The weekdays and months ``span`` names, lower-cased."""
    return frozenset(_MONTH_OF.get(m.group(1)[:3].lower(), m.group(1).lower()) for m in _DAY.finditer(span))


_MONTH_OF = {m[:3]: m for m in ["january", "february", "march", "april", "june", "july", "august", "september",
                                "october", "november", "december"]}


# "since midweek", "so far", "over the past three days", "to date": a figure told for an interval up to the
# report, not for one day. A count a claim gives "on Friday" and a source gives "since midweek" is two counts.
_INTERVAL = re.compile(
    r"\bsince\s+(?:(?:early|late|last|mid-?)\s*)?(?:midweek|the\s+weekend|the\s+start|the\s+beginning|the\s+outbreak"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|week|month|year)\b|\bso\s+far\b|\bto\s+date\b|\bin\s+all\b(?=\s*[,.;]|$)"
    r"|\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:hours|days|weeks|months|years)\b",
    re.IGNORECASE)
# "hit Israel on Friday", "on Tuesday", "last Sunday": a day that dates the deed (a day after "said" dates the
# report, which an interval count can carry too: "officials said Friday that 12 have died so far").
_ON_DAY = re.compile(r"\b(?:on|last|this)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
                     re.IGNORECASE)
_REPORT_VERBS = frozenset(["said", "says", "told", "announced", "reported", "added", "stated", "confirmed",
                           "estimated", "according"])


def interval(span: str) -> str:
    """The words that make ``span``'s figures an interval's total ("since midweek"), or ""."""
    m = _INTERVAL.search(span) if _INTERVAL_HINT.search(span) else None
    return m.group(0) if m else ""


# The words an interval needs (a cheap test before the pattern).
_INTERVAL_HINT = re.compile(r"since|so far|to date|in all|past|last", re.IGNORECASE)


def deed_days(span: str) -> frozenset[str]:
    """The weekdays that date a deed in ``span`` ("on Friday", not "said on Friday"), lower-cased."""
    out: set[str] = set()
    if "day" not in span:
        return frozenset()
    for m in _ON_DAY.finditer(span):
        before = WORD.findall(span[max(0, m.start() - 25):m.start()])
        if not before or before[-1].lower() not in _REPORT_VERBS:
            out.add(m.group(1).lower())
    return frozenset(out)


# Prepositions that give a deed's place or party ("flown to", "held in", "fled from").
_PREPOSITIONS = frozenset(["to", "in", "at", "from", "into", "toward", "towards", "near", "inside", "outside"])
# Marks that end the clause a name's role is read in.
_CLAUSE_MARKS = frozenset([",", ";", ":", "—", "(", ")", "!", "?"])
# Words read before a name for its role.
_ROLE_WINDOW = 7


def anchors(span: str, found: Sequence[NameSpan], keys: set[str] | frozenset[str]
            ) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """(name key, the "deed preposition" pair right before it, and every such pair of its clause before it) per
    name that stands right after a preposition: "flown to Moscow" gives Moscow ``{"flown to"}`` twice; "flown
    to U.N. headquarters in Geneva" gives Geneva ``{}`` and ``{"flown to"}``; "from suburban St. Louis" gives
    St. Louis nothing."""
    out = []
    for n in found:
        key = name_key(n.text)
        if key not in keys or key.split()[0].rstrip(".") in CALENDAR_KEYS:
            continue  # "by Oct. 1": a date, not a party or place
        right = _RIGHT_AFTER.search(span, max(0, n.start - 16), n.start)
        if right is None or _MODIFIER.match(span, n.end):
            continue  # not right after a preposition, or "an American airliner": a name that fills no role
        start = max(0, n.start - 80)
        wide = _role_pairs(span[start:n.start])
        if wide:  # a deed before it in its clause
            near = _role_pairs(" ".join(WORD.findall(span[start:right.start() + len(right.group(1))])[-2:]))
            out.append((key, near, wide))
    return tuple(out)


# A name right after its preposition ("to Moscow", "in the House of Commons"): the deed's own place or party.
_RIGHT_AFTER = re.compile(r"\b(" + "|".join(sorted(_PREPOSITIONS)) + r")\s+(?:the\s+)?$", re.IGNORECASE)
# A name followed by a common noun it qualifies ("American airliner", "Philippine carrier").
_MODIFIER = re.compile(r"['’]?s?\s+(?!(?:and|or|who|which|that|where|when|with|for|from|into|over|after|before"
                       r"|since|said|says|told|was|were|is|are|has|had|have|will|would|on|at|in|to|of|by)\b)[a-z]{3,}\b")

CALENDAR_KEYS = frozenset(n.lower() for n in CALENDAR_NAMES)


def _role_pairs(before: str) -> frozenset[str]:
    """The "verb preposition" pairs in the last clause of ``before`` (at most _ROLE_WINDOW words)."""
    stops = stop_words()
    words: list[str] = []
    for w in reversed(WORD.findall(before)):
        if w in _CLAUSE_MARKS:
            break
        if w != ".":
            words.append(w.lower())
        if len(words) >= _ROLE_WINDOW:
            break
    words.reverse()
    return frozenset(f"{stem(a)} {b}" for a, b in pairwise(words)
                     if b in _PREPOSITIONS and _deed(a) and a not in stops and a not in _REPORT_VERBS)


# Verb forms that take a place or party: "flown to", "taken to", "moved into", "fled from". A noun before the
# preposition ("the gallery in", "director of psychiatry at", "professor at") gives a setting or a post, which
# two true reports name differently ("the House of Commons" / "Parliament"), or another person's: read on
# 13,472 candidate pairs of unlabelled dev clusters, such pairs were no contradiction.
_IRREGULAR_DEEDS = frozenset(["went", "came", "fled", "flew", "sent", "took", "held", "met", "left", "brought",
                              "ran", "drove", "rode", "sailed", "headed", "bound", "born", "put", "kept", "sat",
                              "stood", "lay", "hid", "fell", "got", "arrived", "returned", "travelled", "traveled"])


def _deed(word: str) -> bool:
    """Whether ``word`` reads as a verb form that a place or party follows (past, participle or -ing form)."""
    return word.isalpha() and (word in _IRREGULAR_DEEDS or (len(word) > 4 and word.endswith(("ed", "en", "wn",
                                                                                                "ing"))))


# Quotations of fewer words are often a phrase worked into the reporter's sentence ("a sex war" that is "going on
# in Washington today"), which other reports paraphrase; read on the issue-23 support labels (tune).
_MIN_QUOTED_WORDS = 6
_QUOTATION = re.compile(r"[\"“]([^\"“”]+)[\"”]")


def quoted_terms(span: str) -> tuple[tuple[str, str], ...]:
    """(stem, word as written) of each content word inside the span's quotation marks."""
    out: dict[str, str] = {}
    stops = stop_words()
    for m in _QUOTATION.finditer(span):
        words = WORD.findall(m.group(1).replace("’", "'"))  # one apostrophe: "Johnson’s" is "Johnson's"
        if sum(w[0].isalnum() for w in words) < _MIN_QUOTED_WORDS:
            continue
        for w in words:
            if w[0].isalpha() and len(w) > 2 and w.lower() not in stops:
                out.setdefault(stem(w.lower()), w)
    return tuple(out.items())


def locators(span: str, found: Sequence[NameSpan]) -> tuple[tuple[str, str], ...]:
    """Names that only locate the name before them ("Harford County, Maryland", "Omak, Okanogan County"): (name key,
    the located name's key). Not a list ("Britain, France and Italy"): the locator ends its clause."""
    out: dict[str, str] = {}
    for before, n, after in zip(found, found[1:], [*found[2:], None], strict=False):
        if span[before.end:n.start] != ", " or span[n.end:n.end + 1] not in (",", ".", ")", ";", ""):
            continue
        if after is not None and span[n.end:after.start] in (", ", ", and ", " and "):
            continue  # a list of names, not a place and its locator
        if span[n.end:n.end + 5].startswith((", and", ",and")):
            continue
        out[name_key(n.text)] = name_key(before.text)
    return tuple(out.items())
