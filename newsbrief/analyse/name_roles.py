"""The role a name plays in a stretch of text: head of a subject phrase, possessive, object or modifier.

A verb of saying has one subject; the names around it ("a letter from Kim",
"Trump's show", "Budget Committee chairman") are not it. These tests, and what
kind of thing a name is (person, place, speaker at all), are shared by the
pronoun resolver and the attribution frames built on this class.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsbrief.analyse.cue_words import WORD
from newsbrief.datatypes import Sentence
from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import SPEAKER_LABELS, NameSpan, find_names, place_class

if TYPE_CHECKING:
    from newsbrief.analyse.quotes import QuoteMention

_PREPOSITIONS = frozenset([
    "for", "of", "at", "from", "with", "in", "on", "to", "by", "about", "into", "near", "against", "among"
])
_CLAUSE_WORDS = frozenset(["and", "or", "but", "that", "which", "who", "when", "while", "whose", "where"])
# "Polizzi's told the press", "Lee's been saying": 's for has or is, the name the subject.
_CONTRACTED = re.compile(r"['’]s\s+(?:been|told|said|got|gotten|done|made|never|always|already|also|not|just|"
                         r"going|saying|telling)\b")
_NOT_HEADS = frozenset([
    "of", "for", "at", "from", "with", "in", "on", "to", "by", "about", "and", "or", "but", "who", "which", "said",
    "says", "told", "added"
])
_ORG_NOUNS = frozenset([
    "report", "study", "notice", "newspaper", "paper", "daily", "weekly", "magazine", "agency", "company", "firm",
    "group", "party", "ministry",
    "network", "channel", "television", "radio", "website", "statement"
])
# "Chuck Hagel spoke by telephone": a verb in the past, not a noun the name modifies.
_PAST_VERBS = frozenset([
    "spoke", "told", "met", "went", "came", "took", "gave", "made", "won", "lost", "left", "ran", "saw", "got", "put",
    "sent", "led", "held", "began", "became", "wrote", "knew", "thought", "felt", "found", "brought", "kept", "paid",
    "sat", "stood", "heard", "meant", "sought", "taught", "built", "bought", "fought", "fell", "flew", "drove",
    "broke", "chose", "spent", "struck", "threw", "wore", "sang", "swore", "forgot", "hid", "rose", "shot", "quit",
])


# "Egeland later recanted", "The Washington Post further explains": an adverb after a name leaves it the head.
_ADVERBS = frozenset(["later", "further", "also", "then", "again", "once", "still", "now", "too", "first",
                      "previously", "earlier", "herself", "himself", "itself", "soon", "often", "never"])


class NameRoles:
    """Names of one cluster's sources and the role each plays (holds the texts, names and results so far)."""

    def __init__(self, texts: Sequence[str], sentences: Sequence[Sequence[Sentence]], index: NameIndex,
                 proper: frozenset[str] | None):
        self.texts = texts
        self.sentences = sentences
        self.index = index
        self.proper = proper
        self.by_sentence: dict[tuple[int, int], list[QuoteMention]] = {}
        self.in_source: dict[int, set[str]] = {}
        self.names: dict[int, list[NameSpan]] = {}

    def _names_in(self, source: int) -> list[NameSpan]:
        """Every name of a source's kept sentences, in text order (found once per source)."""
        if source not in self.names:
            text = self.texts[source - 1]
            self.names[source] = [n for sent in self.sentences[source - 1]
                                  for n in find_names(text, sent.start, sent.end, proper=self.proper)]
        return self.names[source]

    def _groups_in(self, source: int) -> set[str]:
        if source not in self.in_source:
            self.in_source[source] = {self.index.group_of(n.text) for n in self._names_in(source)}
        return self.in_source[source]

    def _head_name(self, text: str, start: int, end: int) -> tuple[str | None, bool]:
        """The head name of a subject phrase ``text[start:end]``; (None, False) if it names nobody.

        The second value says whether the phrase was unusable (several people, "and").
        """
        # In each comma piece the head of an English noun phrase comes last:
        # "North Korea's former spy chief Kim Yong Chol", "his adviser, John Bolton".
        piece_start = start
        for piece_end in [m.start() for m in re.finditer(",", text[start:end])] + [end - start]:
            piece_end += start
            names = self._subject_names(text, piece_start, piece_end)
            if len(names) > 1 and re.search(r"\band\b", text[names[0].end:names[-1].start]):
                return None, True
            if names:
                return names[-1].text, False
            piece_start = piece_end + 1
        return None, False

    def _subject_names(self, text: str, start: int, end: int) -> list[NameSpan]:
        """Names in ``text[start:end]`` that may head its subject: no possessive, object or modifier."""
        return [n for n in find_names(text, start, end, proper=self.proper)
                if not is_possessive(text, n) and not self._after_preposition(text, start, n.start)
                and not modifies_noun(text, n.end, end)]

    def _as_speaker(self, name: str) -> tuple[str | None, bool]:
        """A subject's name as (canonical speaker, named), or (None, False) for a group, law or work."""
        return (self.index.canonical(name), True) if self._can_speak(name) else (None, False)

    def _after_preposition(self, text: str, piece_start: int, name_start: int) -> bool:
        """Whether the name is the object of a preposition ("a letter from North Korean leader Kim").

        A clause word or a verb after the preposition ends its phrase: in "balked at
        the idea and interrupted Keilar" Keilar is the verb's object, not "at"'s.
        A preposition or "and" between capitalised words is inside a name ("Texans
        Right to Life spokeswoman Conway", "Academy of Arts and Letters"), unless a
        person's name ends before it ("Dr. Jeff Chapa of Cleveland Clinic").
        """
        cased = WORD.findall(text[piece_start:name_start])
        words = [w.lower() for w in cased]

        def inside_a_name(i: int) -> bool:
            if not (0 < i < len(words) - 1 and cased[i - 1][0].isupper() and cased[i + 1][0].isupper()):
                return False
            run = i
            while run > 0 and cased[run - 1][0].isupper():
                run -= 1
            return not self._is_person(" ".join(cased[max(run, i - 2):i]))

        at = max((i for i, w in enumerate(words) if w in _PREPOSITIONS and not inside_a_name(i)), default=-1)
        return at >= 0 and not any((w in _CLAUSE_WORDS and not inside_a_name(at + 1 + j)) or w.endswith("ed")
                                   for j, w in enumerate(words[at + 1:]))

    def is_person(self, name: str) -> bool:
        return self._is_person(name)

    def _is_place(self, name: str) -> bool:
        return bool(name) and (place_class(name) is not None or self.index.label(name) in ("GPE", "LOC"))

    def _can_speak(self, name: str) -> bool:
        """People, organisations and countries speak; groups, laws and works do not."""
        return self.index.label(name) in SPEAKER_LABELS or self.index.person_like(name)

    def _is_person(self, name: str) -> bool:
        """A person for pronoun resolution: NER says so, or (without NER) a multi-word non-place name."""
        label = self.index.label(name)
        if label == "PERSON" or self.index.person_like(name):
            return True
        return (label is None and not self.index.has_model and place_class(name) is None
                and len(name.split()) > 1)


def modifies_noun(text: str, end: int, stop: int) -> bool:
    """Whether the name ending at ``end`` modifies a noun after it ("Budget Committee chairman").

    A word that names what kind of organisation it is ("Daily Planet newspaper")
    leaves the name the head.
    """
    nxt = re.match(r"\s+([a-z][\w-]*)", text[end:stop])
    return (bool(nxt) and nxt.group(1) not in _NOT_HEADS and nxt.group(1) not in _ORG_NOUNS
            and not nxt.group(1).endswith(("ed", "s", "ly")) and nxt.group(1) not in _ADVERBS
            and nxt.group(1) not in _PAST_VERBS)


def is_possessive(text: str, name: NameSpan) -> bool:
    """A possessive name ("Trump's show"), not a contraction of has/is ("Polizzi's told the press")."""
    return name.possessive and not _CONTRACTED.match(text, name.end)
