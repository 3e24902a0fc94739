"""Near-copies of one statement that put a different name in the same place.

Two versions of one wire story, or two outlets copying one release, differ in
one name: "On hearing of the protest, Laramie's City Council held an emergency
meeting" / "…, the Casper City Council held an emergency meeting"; "Roque
Rodrigues, a Lisbon spokesman for the National Council of Timorese Resistance"
/ "… for the Socialist Party of Timor". Everything else being equal, the two
cannot both be right. A pair counts when

- the statements are near-copies (TF-IDF cosine at least ``SUBSTITUTION_SIMILARITY``);
- their words differ in exactly one run, on both sides a name (capitalised
  words, "of"/"for"/"and" inside), not a day or a month;
- the two names are not one name told two ways: not aliases in the cluster's
  name index, not a first name changed before a shared surname ("Bob" /
  "Robert Livingston": nicknames), not one name inside the other;
- places are compared only at the same level (a city with a city);
- neither is a person nor an office ("Prime Minister" / "President Ann Lee" is a ``title`` conflict of
  ``people.py``): a quote's speaker changed is a ``speaker`` conflict (``quotes.py``), a person named
  in another's place a ``name`` one (``people.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from newsbrief.analyse.agreement import Unit
from newsbrief.datatypes import Conflict
from newsbrief.names.aliases import NameIndex, consonant_skeleton
from newsbrief.names.patterns import has_person_title, place_class
from newsbrief.represent.calendar_words import MONTHS, WEEKDAYS

# Near-copies: one statement in two versions. Swept 0.5-0.8 on the tune split of bench/labels: the same two found
# and no false alarm throughout; 0.7 keeps a margin for piles where unrelated statements share a frame.
SUBSTITUTION_SIMILARITY = 0.7
MAX_NAME_WORDS = 6
# Words the two must share before the name for the rest after its clause to be allowed to differ.
SHARED_LEAD = 5
# Names this alike (difflib ratio) are one name written two ways, not two names.
SPELLING_RATIO = 0.8
_TOKEN = re.compile(r"[’']s\b|\w[\w.-]*(?:[’']\w+(?<![’']s))*|[^\w\s]")  # "Laramie's" -> "Laramie", "'s"
_LINKS = frozenset({"of", "for", "and", "de", "la", "del", "al", "&"})
_DROPPED = frozenset({"the", "'s", "’s", "a", "an"})
_SMALL = frozenset({"in", "on", "at", "to", "by", "with", "from", "as", "or", "is"})  # lower case in a headline
_NOT_NAMES = frozenset(WEEKDAYS + MONTHS + ("Mr.", "Mrs.", "Ms.", "Dr.", "I"))


def substitution_conflicts(units: Sequence[Unit], pairs: Iterable[tuple[int, int, float]],
                           index: NameIndex | None) -> list[tuple[float, Conflict]]:
    """Near-copies of different sources whose one difference is a name put in place of another.

    ``pairs`` are the unit pairs (i, j, cosine) at or above SUBSTITUTION_SIMILARITY.
    """
    out: list[tuple[float, Conflict]] = []
    for i, j, value in pairs:
        if units[i].source == units[j].source:
            continue
        ua, ub = units[i], units[j]
        if _title_case(ua.text) or _title_case(ub.text):
            continue  # a headline capitalises its verbs: "Seminar on Solar Energy Opens" / "... Ends" names nothing
        found = _substituted(ua.text, ub.text)
        if found is None:
            continue
        a, b = found
        if _same_name(a, b, index) or _person(a, index) or _person(b, index) or has_person_title(a) or has_person_title(
                b):
            continue  # people put in each other's place are speakers (quotes.py) or names (people.py)
        kind = "place" if _place(a, index) and _place(b, index) else "name"
        if kind == "place" and place_class(a) != place_class(b):
            continue  # "Tokyo" / "Japan": a city and its country, not two places
        out.append((float(value), Conflict(
            kind=kind, first=ua.span,
            second=ub.span, first_value=a, second_value=b,
            explanation=f"source {ua.source} names {a!r}, source {ub.source} {b!r} in the same statement")))
    return out


# Share of a statement's words (link words and articles aside) that start with a capital from which on it is a
# headline in title case, where a capital tells no name.
TITLE_CASE = 0.75


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in _LINKS | _DROPPED | _SMALL]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= TITLE_CASE * len(words)


def _words(text: str) -> list[str]:
    """Tokens without articles and possessives; a full stop after a word ends the sentence, not the name."""
    return [t[:-1] if t.endswith(".") and "." not in t[:-1] and len(t) > 3 else t for t in _TOKEN.findall(text)
            if t.lower() not in _DROPPED]


def _substituted(first: str, second: str) -> tuple[str, str] | None:
    """The one run of words two near-copies differ in, when both sides of it are names; None otherwise."""
    a, b = _words(first), _words(second)
    ops = _merged([op for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"], a)
    if not ops or ops[0][0] != "replace":
        return None
    _, a0, a1, b0, b1 = ops[0]
    run_a, run_b = a[a0:a1], b[b0:b1]
    if "," in run_a or "," in run_b:  # the name ends at its comma; what follows is another clause
        run_a, run_b = run_a[:run_a.index(",")] if "," in run_a else run_a, run_b[
            :run_b.index(",")] if "," in run_b else run_b
        clause_differs = True
    else:
        clause_differs = len(ops) > 1 and a[a1:a1 + 1] == b[b1:b1 + 1] == [","]
    if (len(ops) > 1 or clause_differs) and not (clause_differs and a0 >= SHARED_LEAD):
        return None  # beyond one name, only a clause after it may differ: "a spokesman for X, said he" / "for Y,"
    if not (_is_name(run_a) and _is_name(run_b)):
        return None
    return " ".join(run_a), " ".join(run_b)


def _merged(ops: list[tuple[str, int, int, int, int]], a: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """Runs of difference joined across a link word they share ("National Council of Timorese Resistance" /
    "Socialist Party of Timor" differ around an equal "of")."""
    out: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if out and all(w in _LINKS for w in a[out[-1][2]:op[1]]) and op[1] - out[-1][2] <= 1:
            _, a0, _, b0, _ = out[-1]
            out[-1] = ("replace", a0, op[2], b0, op[4])
        else:
            out.append(op)
    return out


def _is_name(words: Sequence[str]) -> bool:
    if not words or len(words) > MAX_NAME_WORDS or words[0] in _LINKS or words[-1] in _LINKS:
        return False
    return all(w in _LINKS or (w[:1].isupper() and w not in _NOT_NAMES and any(c.islower() for c in w))
               for w in words)


def _same_name(a: str, b: str, index: NameIndex | None) -> bool:
    """Two ways of writing one name: aliases, one inside the other, or a first name changed before one surname."""
    wa, wb = a.split(), b.split()
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    if SequenceMatcher(None, a.lower(), b.lower()).ratio() >= SPELLING_RATIO:
        return True  # "Syrian-Israel" / "Syrian-Israeli": one name's forms (spellings.py judges slips)
    if a[:1] == b[:1] and consonant_skeleton(a) == consonant_skeleton(b):
        return True  # "Jeddah" / "Jidda": one name transliterated two ways, not two cities
    if len(wa) == len(wb) == 1 and index is not None and index.group_of(a) == index.group_of(b):
        return True
    return index is not None and index.group_of(a) == index.group_of(b) and index.label(a) is not None


def _person(name: str, index: NameIndex | None) -> bool:
    return index is not None and (index.label(name) == "PERSON" or index.person_like(name))


def _place(name: str, index: NameIndex | None) -> bool:
    return place_class(name) is not None or (index is not None and index.label(name) in ("GPE", "LOC"))
