"""One person given two offices by two sources, wherever in the articles each states it.

``people.person_conflicts`` compares offices only between aligned statements
and only among heads of state and government. Outlets name a person's office in
unrelated sentences ("Japanese Prime Minister Kiichi Miyazawa told reporters" /
"Japan's finance minister, Kiichi Miyazawa"), so here the slot is the person, as
in ``ages.py``: every office written before a name ("Prime Minister X", "Japan's
finance minister, X") or in apposition after it ("X, the finance minister") is
read, and two sources that each give one current office for one person, and
different ones, disagree. A source that gives one person two current offices
(a prime minister who also holds defence) is not used for that person, and an
office told as former, acting, deputy or elect is no current office.

Offices change, so sources dated more than a few days apart are not compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.analyse.ages import one_value_each, person_of
from newsbrief.analyse.agreement import Alignment
from newsbrief.datatypes import Conflict
from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import find_names
from newsbrief.represent.tokens import stop_words

# Offices one person holds one at a time: heads of state or government and a government's ministers.
_PORTFOLIO = (r"(?:finance|foreign|defen[cs]e|interior|justice|trade|economy|economics|health|education|"
              r"agriculture|labou?r|energy|oil|transport|home|information)")
_OFFICE = (rf"(?:prime\s+minister|premier|president|chancellor|{_PORTFOLIO}\s+minister|"
           rf"minister\s+(?:of|for)\s+{_PORTFOLIO})")
# An office not (or no longer, or not yet) held: no current office.
_NOT_CURRENT = re.compile(r"\b(?:former|ex|acting|deputy|vice|elect|interim|then|late|future|would-be)\b",
                          re.IGNORECASE)
# "Japan's finance minister, " / "the finance minister, " right before a name.
_BEFORE = re.compile(rf"(?<!\S)((?:[\w'’.-]+\s+)?(?:[\w'’.-]+\s+)?{_OFFICE}),?\s+$", re.IGNORECASE)
# ", the finance minister" / ", a former prime minister" right after a name.
_AFTER = re.compile(rf",\s+(?:the|a|an|[A-Z][\w.]*(?:['’]s)?)\s+((?:[\w-]+\s+)?{_OFFICE})\b", re.IGNORECASE)
# Any sign of an office in a unit: only those units are read for names.
_MAYBE_OFFICE = re.compile(r"inister|[Pp]resident|[Pp]remier|[Cc]hancellor")


def office_conflicts(texts: Sequence[str], alignment: Alignment, index: NameIndex | None,
                     proper: frozenset[str] | None, published: Sequence[object | None],
                     ) -> list[tuple[float, Conflict]]:
    """Two sources giving one person different current offices, each keeping to one office for that person.

    Linear in the units: a cheap search picks the units that may name an office, and only those are read for names.
    """
    if index is None:
        return []  # without the name index, "President" may be a company's
    # source -> person -> [(office, shown text, unit index, name as written)]
    stated: dict[int, dict[str, list[tuple[str, str, int, str]]]] = {}
    for k, unit in enumerate(alignment.units):
        if not _MAYBE_OFFICE.search(unit.text):
            continue
        text = texts[unit.source - 1]
        for name in find_names(text, unit.start, unit.end, proper=proper):
            if not index.person_like(name.text) or index.label(name.text) in ("GPE", "LOC", "ORG", "NORP"):
                continue
            found = _office(text, name.title, name.start, name.end, unit.start, unit.end)
            if found is None:
                continue
            office, shown_start, shown_end = found
            person = person_of(text, name.text, name.start, index)
            stated.setdefault(unit.source, {}).setdefault(person, []).append(
                (office, text[shown_start:shown_end], k, name.text))
    out: list[tuple[float, Conflict]] = []
    for a, b, person, office_a, office_b in one_value_each(stated, published):
        shown_a, ka, written = next((s, k, w) for o, s, k, w in stated[a][person] if o == office_a)
        shown_b, kb = next((s, k) for o, s, k, _ in stated[b][person] if o == office_b)
        ua, ub = alignment.units[ka], alignment.units[kb]
        who = index.canonical(written)
        out.append((0.6, Conflict(
            kind="title", first=ua.span,
            second=ub.span, first_value=shown_a, second_value=shown_b,
            explanation=f"source {a} calls {who} {office_a}, source {b} {office_b}")))
    return out


def _office(text: str, title: str, start: int, end: int, unit_start: int, unit_end: int,
            ) -> tuple[str, int, int] | None:
    """The office written with the name at ``start:end`` (``""`` if told as not current) and the span showing it."""
    before = _BEFORE.search(text, unit_start, start)
    after = _AFTER.match(text, end, unit_end)
    words = ""
    if title and re.search(_OFFICE + r"\s*$", title, re.IGNORECASE):
        begins = text.rfind(title.split()[0], max(unit_start, start - len(title) - 8), start)
        words, shown = title, (begins if begins >= 0 else start, end)
        lead = re.search(r"(\S+)\s+$", text[max(unit_start, shown[0] - 20):shown[0]])
        words = lead.group(1) + " " + words if lead else words  # "former Prime Minister X"
    elif before is not None:
        words, shown = before.group(1), (before.start(1), end)
        first = words.split()[0]
        if first.islower() and first in stop_words() and first not in ("the", "a", "an"):
            words, shown = words[len(first):].lstrip(), (text.index(words.split()[1], shown[0]), end)  # "with"
    elif after is not None:
        words, shown = after.group(0), (start, after.end())
    if not words:
        return None
    if _NOT_CURRENT.search(words):
        return "", shown[0], shown[1]
    office = re.search(_OFFICE, words, re.IGNORECASE)
    if office is None:
        return None
    key = re.sub(r"\s+", " ", office.group(0).lower())
    key = key.replace("premier", "prime minister").replace("defence", "defense")
    minister_of = re.match(r"minister (?:of|for) (\w+)", key)
    return (f"{minister_of.group(1)} minister" if minister_of else key), shown[0], shown[1]
