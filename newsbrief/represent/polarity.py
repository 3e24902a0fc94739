"""What a sentence affirms and what it denies: negation and predicates with an opposite.

"granted permission" / "was denied permission", "is the first time" / "is not
the first time": each predicate gets a sign, +1 or -1, on a key its opposite
shares, so two sentences that state one predicate both ways can be told apart
from two that state it alike (``facts.polarity_clash``). Kept apart from the
modality of a deed (``modality.py``): ``analyse/events.py`` maps the two signs to
words and would break on a third.
"""

from __future__ import annotations

import re

from newsbrief.represent.tokens import stem, stop_words

# Words and marks ("," ends what a negation reaches); the apostrophe keeps "n't" and "O'Neill" whole.
WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*|[,;:.!?()—]")
# Words that deny: a claim conflict needs one side with none of them (see ``analyse/events.py``).
NEGATORS = frozenset(["not", "n't", "never", "no", "without", "nor", "neither", "cannot", "nobody", "none",
                      "nothing", "nowhere"])
# "not only", "no longer", "never before": a negator that does not deny what follows.
_NOT_DENIALS = frozenset(["only", "just", "merely", "longer", "less", "fewer", "more", "later", "sooner", "doubt",
                          "matter", "before", "than"])
# "refused to rule out", "failed to reach": a verb that denies the one after it.
_REFUSALS = frozenset(["refused", "refuses", "refuse", "declined", "declines", "failed", "fails"])
# Words a negation skips on its way to what it denies ("could not yet return").
SKIP_WORDS = frozenset(["yet", "even", "ever", "also", "still", "been", "be", "being", "immediately", "able", "to",
                   "previously", "always", "really", "necessarily", "currently", "formally", "officially",
                   "directly", "publicly", "actually", "yet", "so", "as", "have", "has", "had", "get", "got"])
# Predicates with an opposite: each word maps to a shared key and a sign.
_ANTONYMS: dict[str, tuple[str, int]] = {}
for _key, _up, _down in [
    ("grant", "grant granted grants approve approved approves accept accepted accepts",
     "deny denied denies refuse refused refuses reject rejected rejects turned veto vetoed"),
    ("allow", "allow allowed allows permit permitted permits let", "bar barred bars ban banned bans prohibit "
     "prohibited prohibits forbid forbade forbidden block blocked blocks"),
    ("convict", "convict convicted convicts guilty", "acquit acquitted acquits innocent cleared exonerated"),
    ("rise", "rise rose risen rises rising increase increased increases climb climbed climbs grew grow grows jump "
     "jumped jumps soar soared soars gain gained gains up higher", "fall fell fallen falls falling decrease "
     "decreased decreases decline declined declines drop dropped drops slip slipped slips plunge plunged plunges "
     "tumble tumbled tumbles shrink shrank shrunk down lower"),
    ("win", "win won wins winning victory", "lose lost loses losing defeat defeated"),
    ("open", "open opened opens reopen reopened", "close closed closes shut shuts"),
    ("alive", "alive survived survive survives", "dead died dies killed"),
]:
    for _w in _up.split():
        _ANTONYMS[_w] = (_key, 1)
    for _w in _down.split():
        _ANTONYMS[_w] = (_key, -1)
# The keys of predicates with a known opposite (``rise``: rose / fell).
ANTONYM_KEYS = frozenset(key for key, _ in _ANTONYMS.values())
ANTONYM_WORDS = frozenset(_ANTONYMS)
# "denied the charges" is not "denied permission": the grant sense needs what is granted.
_GRANTED = frozenset(["permission", "access", "entry", "bail", "request", "visa", "visas", "asylum", "parole",
                      "clearance", "application", "appeal", "approval", "licence", "license", "motion", "petition"])



def lowered(text: str) -> list[str]:
    """The words and marks of ``text``, lower-cased, with a typographic apostrophe read as "'"."""
    return [w.lower() for w in WORD.findall(text.replace("’", "'"))]



def polarity(text: str) -> tuple[tuple[str, int], ...]:
    """Each predicate's sign: content words +1, negated ones -1, antonyms on a shared key.

    A negator denies the first content word after it ("not the first time" ->
    ``first`` -1); words stated both ways in one sentence are dropped, since
    the sentence itself says both.
    """
    return read_polarity(lowered(text))


def read_polarity(words: list[str]) -> tuple[tuple[str, int], ...]:
    """:func:`polarity` of words already split and lower-cased (``lowered``)."""
    stops = stop_words()
    signs: dict[str, set[int]] = {}
    pending = False
    for k, word in enumerate(words):
        if not word[0].isalnum():
            pending = False
            continue
        if word in NEGATORS or word.endswith("n't") or (word in _REFUSALS and words[k + 1:k + 2] == ["to"]):
            following = words[k + 1] if k + 1 < len(words) else ""
            pending = following not in _NOT_DENIALS
            continue
        if word in SKIP_WORDS or (word in stops and word not in _ANTONYMS):
            continue
        sign = -1 if pending else 1
        pending = False
        key, flip = _key(word, words[k + 1:k + 4])
        signs.setdefault(key, set()).add(sign * flip)
    return tuple(sorted((k, next(iter(v))) for k, v in signs.items() if len(v) == 1))


def denial(text: str) -> str | None:
    """The one word a sentence denies ("were not allowed" -> ``allowed``), if it has exactly one denial.

    Only "not", "n't" and "never" deny a statement; "no", "neither" or "without"
    quantify or restrict, so a sentence with one of those returns None too.
    """
    stops = stop_words()
    words = [w.lower() for w in WORD.findall(text.replace("’", "'"))]
    negators = [k for k, w in enumerate(words) if w in NEGATORS or w.endswith("n't")]
    if len(negators) != 1 or (words[negators[0]] not in ("not", "never", "cannot") and not words[
            negators[0]].endswith("n't")):
        return None
    for word in words[negators[0] + 1:negators[0] + 5]:
        if not word[0].isalnum() or word in _NOT_DENIALS:
            return None
        if word in SKIP_WORDS or (word in stops and word not in _ANTONYMS):
            continue
        return word
    return None


def predicate_key(word: str) -> str:
    """The polarity key of a word: its antonym pair's, or its stem."""
    found = _ANTONYMS.get(word)
    return found[0] if found is not None else stem(word)


def has_negator(text: str) -> bool:
    words = [w.lower() for w in WORD.findall(text.replace("’", "'"))]
    return any(w in NEGATORS or w.endswith("n't") for w in words)


def _key(word: str, after: list[str]) -> tuple[str, int]:
    found = _ANTONYMS.get(word)
    if found is None:
        return stem(word), 1
    if found[0] == "grant" and not _GRANTED & set(after):
        return stem(word), 1  # "denied the report", "accepted the award": no permission asked
    return found

