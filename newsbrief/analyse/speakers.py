"""Who said a quotation: quote marks, attribution cues and the people they point to.

The speaker comes from the attribution around the quote, tried in order of
reliability, in the manner of rule-based quote attribution for news (Pouliquen
et al., 2007; Pareti, 2016):

1. after the quote: ``"…," Moon said`` · ``"…," said John Bolton, …`` · ``"…," he added``;
2. before it, introducing it: ``Trump told a crowd: "…"``;
3. ``according to X`` in the same sentence;
4. before it, reporting it: ``Trump told reporters that talks were going "very well"``;
5. a closing attribution of the whole sentence: ``… "in the dark" due to power cuts, said X.``

``he``/``she`` goes to a person named before it in the sentence, else to the last
person named (not as a possessive, not after a preposition) or quoted in the
sentences just before, whose gender fits (titles, and first names as the training
text uses them: ``genders.py``), and to nobody if an unnamed speaker ("an analyst
said") or an unnamed person ("a valet driver", "one person, who refused to give
his name", a pseudonym in quote marks) came in between. A cue whose subject is unnamed ("a source said", "officials
said") gives no speaker: an unattributed quote is better than a misattributed one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsbrief.analyse.genders import first_name_gender
from newsbrief.datatypes import Sentence
from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import SPEAKER_LABELS, NameSpan, find_names, place_class

if TYPE_CHECKING:
    from newsbrief.analyse.quotes import QuoteMention

OPEN_MARKS = "“«„"
CLOSE_MARKS = "”»‟"
STRAIGHT_MARK = '"'
DOUBLE_MARKS = '"“”„‟«»'
SINGLE_MARKS = "‘’‚‛`´"
_VERBS = [
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "stated", "declared", "explained",
    "noted", "notes", "wrote", "writes", "insisted", "insists", "warned", "warns", "acknowledged", "announced",
    "argued", "argues", "commented", "continued", "recalled", "replied", "responded", "remarked", "observed",
    "conceded", "complained", "quipped", "predicted", "urged", "cautioned", "emphasized", "emphasised", "stressed",
    "suggested", "testified", "vowed", "maintained", "claimed", "contended", "concluded", "admitted", "agreed",
    "shouted", "yelled", "whispered", "tweeted", "saying", "adding", "telling", "arguing", "calling", "called",
    "describing", "described", "joked", "boasted", "charged", "countered", "demanded", "promised", "pledged",
    "assured", "cried", "exclaimed", "asserted", "affirmed", "proclaimed", "lamented", "confirmed", "denied",
    "declaring", "insisting", "warning", "noting", "explaining", "thought", "thinking", "accused", "accusing",
    "recalls", "remembered", "clarified", "reiterated", "recounted", "explains", "adds", "posted", "answered",
    "retorted", "pleaded", "hinted", "mused", "reasoned", "claims", "read", "reads", "elaborated",
    "reported", "reports", "recalling", "urges", "demands", "pleads", "speculates", "speculated", "observing",
    "observes"
]
SPEECH_VERB = re.compile(r"\b(?:" + "|".join(sorted(_VERBS, key=len, reverse=True)) + r"|pointed out|went on)\b")
_INVERTED_VERBS = {"said", "says", "added", "adds", "asked", "asks", "wrote", "writes", "continued", "read", "reads",
                   "explained", "noted", "insisted", "declared", "replied", "responded", "recalled", "warned",
                   "reported", "reports"}
_PERSONAL = frozenset(["he", "she", "they", "it", "we", "i", "you", "that", "which", "who"])
# "Leary believes the purpose was status." followed by a quotation alone: the believer's words.
_BELIEF_VERB = re.compile(r"\b(?:believes|thinks|feels|hopes|fears|worries|insists|argues|contends|maintains)\b")
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_LEAD_FILLER = re.compile(r"^(?:(?:and|but|so|then|recently|also|later|earlier|again|once|even|who|as|while|"
                          r"yet|now|further|finally|only|still|however|meanwhile|instead)\b[\s,]*)+", re.IGNORECASE)
# "Afterwards he said:", "Later, she said": time and manner words before a pronoun subject.
_LEAD_ADVERB = re.compile(r"^(?:(?:afterwards?|previously|today|yesterday|tonight|recently|\w+ly)\s*,?\s+)+"
                          r"(?=(?:he|she)\b)")
_NEW_CLAUSE = re.compile(r"^\s*(?:and|but|while|as|because|though|although|or|so|which|when|if)\b", re.I)
_SIDE_CLAUSE = re.compile(r"(?i:who|which|whose|where|when|while|although|though|after|before|as|if|"
                          r"because|since|during|despite|in|on|at|with|for|from|by|to|of|\w+ing)$")
_PREPOSITIONS = frozenset([
    "for", "of", "at", "from", "with", "in", "on", "to", "by", "about", "into", "near", "against", "among"
])
_CLAUSE_WORDS = frozenset(["and", "or", "but", "that", "which", "who", "when", "while", "whose", "where"])
WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")



_MARK = re.compile('["“”«»„‟]|\ufffd\\?')
# A closing ” read in the wrong code page comes out as "\ufffd?" (its last byte lost): a closing mark.
BROKEN_CLOSE = "\ufffd?"


def quote_spans(text: str, start: int, end: int, *, open_to_end: bool = False) -> list[tuple[int, int, int, int]]:
    """Quoted passages in ``text[start:end]`` as (mark start, content start, content end, mark end).

    Curly marks pair by nesting, straight marks alternate. An opening mark left
    unclosed counts only if ``open_to_end`` (the news convention for a quote
    that runs on into the next paragraph), and then runs to ``end``.
    """
    spans: list[tuple[int, int, int, int]] = []
    stack: list[int] = []
    straight: int | None = None
    for mark in _MARK.finditer(text, start, end):
        pos, ch = mark.start(), mark.group()
        if ch == BROKEN_CLOSE:
            if stack or straight is not None:
                open_pos = stack.pop() if stack else straight
                if not stack:
                    spans.append((open_pos, open_pos + 1, pos, pos + 2))
                straight = None if open_pos == straight else straight
            continue
        if ch in OPEN_MARKS and stack and len(stack) == 1 and (pos + 1 >= end or text[pos + 1].isspace()):
            # "…workup, “ Winawer added": an opening mark with a space after it closes the quotation.
            open_pos = stack.pop()
            if straight is None:
                spans.append((open_pos, open_pos + 1, pos, pos + 1))
        elif ch in OPEN_MARKS:
            stack.append(pos)
        elif ch in CLOSE_MARKS and stack:
            open_pos = stack.pop()
            if not stack and straight is None:
                spans.append((open_pos, open_pos + 1, pos, pos + 1))
        elif ch in CLOSE_MARKS and straight is not None:
            spans.append((straight, straight + 1, pos, pos + 1))  # a straight mark opened it: "…,” Lee said
            straight = None
        elif ch == STRAIGHT_MARK:
            role = _straight_role(text, pos, start, end)
            if straight is None and role == "close" and len(stack) == 1:
                open_pos = stack.pop()  # a curly mark opened it: “…," Lee said
                spans.append((open_pos, open_pos + 1, pos, pos + 1))
            elif straight is None:
                if role != "close":
                    straight = pos
            elif role == "open":
                # The earlier mark never closed (a broken `` '' in the source). If a full sentence
                # stands between ("…snorkeling." "Even …") and no one is said to speak in it, that
                # was its quotation; else drop it.
                closed = re.search(r"[.!?]\s+$", text[straight:pos])
                if (closed and not stack and len(WORD.findall(text[straight:pos])) >= 4
                        and not SPEECH_VERB.search(text, straight, pos)):
                    spans.append((straight, straight + 1, straight + closed.start() + 1, straight + closed.start() + 1))
                straight = pos
            else:
                if not stack:
                    spans.append((straight, straight + 1, pos, pos + 1))
                straight = None
    unclosed = stack[0] if stack else straight
    if unclosed is not None and open_to_end and not any(s[0] <= unclosed < s[3] for s in spans):
        spans.append((unclosed, unclosed + 1, end, end))
    spans.sort()
    return spans


def _straight_role(text: str, pos: int, start: int, end: int) -> str:
    """Whether a straight double quote opens or closes, judged by the characters beside it."""
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    if (before.isspace() or before in "([{—–-") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-'`"):
        return "close"
    return "either"


class Resolver:
    """Speaker resolution over one cluster (holds the texts, names and results so far)."""

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

    def _titled_in_source(self, source: int, before: int, title: str) -> str | None:
        """"The pope urged": the one person the source names right after that title ("Pope John Paul II")."""
        text = self.texts[source - 1]
        ends_with_title = re.compile(rf"(?i)\b{re.escape(title)}[\s,]+$")
        people = {self.index.canonical(n.text) for n in self._names_in(source)
                  if n.start < before and self._is_person(n.text)
                  and ends_with_title.search(text, max(0, n.start - len(title) - 2), n.start)}
        return next(iter(people)) if len(people) == 1 else None

    # -- names in a stretch of text ------------------------------------------------
    def _head_name(self, text: str, start: int, end: int) -> tuple[str | None, bool]:
        """The head name of a subject phrase ``text[start:end]``; (None, False) if it names nobody.

        The second value says whether the phrase was unusable (several people, "and").
        """
        # In each comma piece the head of an English noun phrase comes last:
        # "North Korea's former spy chief Kim Yong Chol", "his adviser, John Bolton".
        piece_start = start
        for piece_end in [m.start() for m in re.finditer(",", text[start:end])] + [end - start]:
            piece_end += start
            names = [n for n in find_names(text, piece_start, piece_end, proper=self.proper)
                     if not _possessive(text, n) and not self._after_preposition(text, piece_start, n.start)
                     and not _modifier(text, n.end, piece_end)]
            if len(names) > 1 and re.search(r"\band\b", text[names[0].end:names[-1].start]):
                return None, True
            if names:
                return names[-1].text, False
            piece_start = piece_end + 1
        return None, False

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

    def _subject(self, source: int, sentence: int, text: str, start: int, end: int) -> tuple[str | None, bool]:
        """Resolve a subject phrase to a canonical speaker; the flag says the phrase named or pointed at someone."""
        phrase = text[start:end]
        lead = _LEAD_FILLER.match(phrase.strip())
        stripped = phrase.strip()[lead.end():] if lead else phrase.strip()
        low = re.sub(r"(?<=[a-z]{2})\.$", "", _LEAD_ADVERB.sub("", stripped.lower().strip(" ,")))  # "the actor."
        pronoun = re.fullmatch(r"(he|she)(?:\s+(?:also|then|later|again|once|further|so|remembers|remembered|recalls|"
                               r"recalled|went on|goes on|continued|continues|\w+ly)){0,2}", low)
        if pronoun:
            return self._pronoun(source, sentence, start, pronoun.group(1)), False
        if low in ("i", "we", "they", "you", "it", "one", "this", "that"):
            return None, False
        if _POLICE.fullmatch(low):
            force = self._police_force(source)  # "police said": the one police force the source names
            return force, force is not None
        name, _ = self._head_name(text, start, end)
        if name is not None and not self._can_speak(name):
            return None, False  # "Republicans said", a law or a title: no person
        if name is None:
            titled = re.fullmatch(r"(?:the|this)\s+((?:[\w.-]+\s+){0,2}[\w.-]+)", low)
            if titled:
                person = self.index.titled_person(titled.group(1), within=self._groups_in(source))
                noun = titled.group(1).split()[-1]
                if noun not in _PERSON_DESCRIPTIONS and noun not in _PERSON_TITLES and "-" in noun:
                    noun = noun.rsplit("-", 1)[-1]  # "star-turned-author"
                if person is None and _PERSON_TITLES.intersection(titled.group(1).split()):
                    # "the pope", "the Minister for London", "the Republican president-elect"
                    person = self._titled_in_source(source, start, titled.group(1))
                    if person is None and noun in _PERSON_TITLES:
                        person = self._titled_in_source(source, start, noun)
                if person is None and noun in _DOCUMENT_NOUNS:
                    person = self._document_owner(source, sentence, start, noun)
                elif person is None and noun in _ORG_DESCRIPTIONS:
                    person = self._last_org(source, sentence, start, noun)
                elif person is None and noun in _PERSON_DESCRIPTIONS:
                    person = self._described(source, sentence, start, _PERSON_DESCRIPTIONS[noun])
                return person, person is not None
            return None, False
        return self.index.canonical(name), True

    def _described(self, source: int, sentence: int, before: int, gender: str) -> str | None:
        """"The New York native told …": the person a description points back to, as a pronoun would.

        Without a gender in the noun ("the native"), any person fits.
        """
        return self._pronoun(source, sentence, before, {"f": "she", "m": "he"}.get(gender, "any"))

    def _police_force(self, source: int) -> str | None:
        """The one organisation with "police" in its name that a source names, else None."""
        text = self.texts[source - 1]
        forces = {self.index.canonical(n.text) for sent in self.sentences[source - 1]
                  for n in find_names(text, sent.start, sent.end, proper=self.proper)
                  if "police" in n.text.lower().split()[1:] and self.index.label(n.text) == "ORG"
                  and not _inside_quotes(text, sent.start, n.start)}
        return next(iter(forces)) if len(forces) == 1 else None

    def _document_owner(self, source: int, sentence: int, before: int, noun: str) -> str | None:
        """"The report reads": whoever owns the report named last ("the iSight report", "a report from iSight").

        Only an owner written into the same noun phrase counts, so a report
        nobody is named with speaks for nobody.
        """
        text = self.texts[source - 1]
        owned = re.compile(rf"(?:['’]s)?\s+{noun}s?\b")
        of = re.compile(rf"\b{noun}s?,?\s+(?:from|by)\s+(?:[\w-]+\s+){{0,3}}$", re.IGNORECASE)
        for back in range(sentence, max(-1, sentence - 6), -1):
            sent = self.sentences[source - 1][back]
            stop = before if back == sentence else sent.end
            owners = [n.text for n in find_names(text, sent.start, stop, proper=self.proper)
                      if not _inside_quotes(text, sent.start, n.start) and self._can_speak(n.text)
                      and (owned.match(text, n.end) or of.search(text, sent.start, n.start))]
            if owners:
                return self.index.canonical(owners[-1])
        return None

    def _last_org(self, source: int, sentence: int, before: int, noun: str) -> str | None:
        """"The company said": the organisation named nearest before it that the noun fits.

        An organisation whose name holds the noun ("the agency" → "Environmental
        Protection Agency") fits; a business noun ("the company", "the firm") fits a
        business, not a body such as a council or the United Nations. In the
        nearest sentence that names one, the first (its subject, not a name in a
        relative clause: "McNeil, which makes Tylenol, said") is taken. Names
        inside quotation marks do not count.
        """
        text = self.texts[source - 1]
        for back in range(sentence, max(-1, sentence - 8), -1):
            sent = self.sentences[source - 1][back]
            stop = before if back == sentence else sent.end
            fitting = []
            for n in find_names(text, sent.start, stop, proper=self.proper):
                if (_possessive(text, n) or _inside_quotes(text, sent.start, n.start)
                        or self.index.label(n.text) != "ORG" or self.index.person_like(n.text)):
                    continue
                words = n.text.lower().split()
                if words == [noun]:
                    continue  # "the Party": the noun itself, capitalised, names no one organisation
                if noun in words or noun.rstrip("s") in words or (
                        noun in _BUSINESS_NOUNS and words[-1] not in _BODY_TAILS and len(words) <= 4):
                    fitting.append(self.index.canonical(n.text))
            named = [f for f in fitting if noun in f.lower().split()]
            if named or (fitting and back > sentence - 4):  # a business noun reaches back less far
                return (named or fitting)[0]
        return None

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

    def _gender_fits(self, name: str, title: str, pronoun: str) -> bool:
        if pronoun == "any":
            return True
        gender = (_title_gender(title) or self.index.gender(name)
                  or first_name_gender(self.index.canonical(name)) or first_name_gender(name))
        return gender is None or gender == ("f" if pronoun == "she" else "m")

    def _candidates(self, source: int, sentence: int, end: int | None, pronoun: str) -> list[tuple[int, str]] | None:
        """People a pronoun may point back to in one sentence, in text order; None to look further back.

        Possessives ("Trump's show") and names after a preposition ("a letter
        from Kim") are not subjects. A sentence that itself starts with the same
        pronoun before naming anyone continues the earlier referent.
        """
        text = self.texts[source - 1]
        sent = self.sentences[source - 1][sentence]
        stop = sent.end if end is None else end
        out: list[tuple[int, str]] = []
        for n in find_names(text, sent.start, stop, proper=self.proper):
            owns_words = _possessive(text, n) and _OWN_WORDS.match(text, n.end, stop)
            if ((_possessive(text, n) and not owns_words)
                    or _inside_quotes(text, sent.start, n.start) or not self._is_person(n.text)):
                continue
            piece_start = max(text.rfind(",", sent.start, n.start), sent.start)
            if not owns_words and (self._after_preposition(text, piece_start, n.start)
                                   or _ADDRESSED.search(text, sent.start, n.start)):
                continue  # "a letter from Kim", "told DeGeneres": not the one a later pronoun means
            if self._gender_fits(n.text, n.title, pronoun):
                out.append((n.start, self.index.canonical(n.text)))
        for m in self.by_sentence.get((source, sentence), ()):
            if m.speaker and m.start < stop:
                out.append((m.end, m.speaker))
        out.sort()
        if end is None and not out and _PRONOUN_SUBJECT[pronoun].match(text, sent.start, stop):
            return None  # "But she then told the crowd…": the same person as before
        if end is None and out and _PRONOUN_SUBJECT[pronoun].match(text, sent.start, min(stop, out[0][0])):
            return None
        return out

    def _nearest_person(self, source: int, sentence: int, before: int, pronoun: str) -> str | None:
        """The person named last before ``before`` in the sentence, if the pronoun fits; else None."""
        text = self.texts[source - 1]
        sent = self.sentences[source - 1][sentence]
        people = [n for n in find_names(text, sent.start, before, proper=self.proper)
                  if not _inside_quotes(text, sent.start, n.start) and self._is_person(n.text)]
        if not people or not self._gender_fits(people[-1].text, people[-1].title, pronoun):
            return None
        return self.index.canonical(people[-1].text)

    def _pronoun(self, source: int, sentence: int, before: int, pronoun: str) -> str | None:
        """He/she: a person named before it in the sentence, else the last one named in the sentences before."""
        here = self._candidates(source, sentence, before, pronoun)
        if here:
            return here[0][1]
        text = self.texts[source - 1]
        if self._unnamed_people(source, text, self.sentences[source - 1][sentence].start, before, pronoun):
            return None  # "When the valet learned …, he shook his head": someone the text does not name
        for back in range(sentence - 1, max(-1, sentence - 6), -1):
            found = self._candidates(source, back, None, pronoun)
            if found is None:
                continue
            prev = self.sentences[source - 1][back]
            # "Spokesman Ivan Mejia said the Coco, Segovia and Cruta rivers …. "…," he said": the one who spoke.
            spoke = self.reporter(source, back) if found else None
            if spoke is not None and any(name == spoke for _, name in found):
                return spoke
            unnamed = self._unnamed_people(source, text, prev.start, prev.end, pronoun)
            if unnamed and (not found or unnamed[-1] > found[-1][0] or unnamed[0] == prev.start):
                # "… with one person, who refused to give his name, …", "The journalist realized …":
                # the last one the text points at has no name.
                return None
            if found:
                # The subject of the sentence before ("Bacall, born Betty Joan Perske, died …. She told …")
                # rather than a name later in it, when the sentence opens with that name.
                first = found[0]
                if len(WORD.findall(self.texts[source - 1][prev.start:first[0]])) <= 1:
                    return first[1]
                return found[-1][1]
            prev = self.sentences[source - 1][back]
            if _INDEFINITE_SPEAKER.search(self.texts[source - 1], prev.start, prev.end):
                return None  # "An analyst … commented that …": someone unnamed spoke last
        return None

    def _unnamed_people(self, source: int, text: str, start: int, end: int, pronoun: str) -> list[int]:
        """Where ``text[start:end]`` points at a person it does not name: "a valet driver", "the
        journalist", "one person", a pseudonym in quote marks ("“John” told …").

        A noun followed by a name ("the spokesman, John Lee", "a valet named Lee") or one
        the cluster has seen as some named person's title ("the chief") does not count.
        Positions are the noun phrases' starts (the sentence start for a pseudonym).
        """
        out = []
        if _PSEUDONYM.match(text, start, end):
            out.append(start)
        for m in _UNNAMED_PERSON.finditer(text, start, end):
            if _inside_quotes(text, start, m.start()) or _NAMED_NEXT.match(text, m.end(), end):
                continue
            noun = m.group("noun").lower()
            if _NOUN_GENDER.get(noun, pronoun) != pronoun:
                continue  # "the woman told her son …. He said": not the one "he" means
            if m.group("det").lower() == "the" and self.index.titled_person(noun, within=self._groups_in(source)):
                continue
            out.append(m.start() if m.start() > start + 1 else start)
        return sorted(out)

    # -- cues ------------------------------------------------------------------------
    def after(self, source: int, sentence: int, text: str, q_end: int, content: str,
              seg_start: int, seg_end: int) -> tuple[bool, str | None, bool]:
        """``"…," X said``: (cue found, speaker, named)."""
        seg = text[seg_start:seg_end]
        closed = content.rstrip().rstrip(SINGLE_MARKS + "'")
        # "…giants." he so famously said: a full stop inside the marks, the sentence going on in lower case.
        if not (closed[-1:] in ",?!—–-…" or seg.lstrip()[:1] in ",—–"
                or (closed.endswith(".") and re.match(r"\s*(?:he|she)\s", seg))):
            return False, None, False
        body = seg.lstrip(" ,—–-")
        offset = seg_start + len(seg) - len(body)
        if _NEW_CLAUSE.match(body):
            return False, None, False
        stop = re.search(r"[;:]|[!?](?:\s|$)", body)  # inside one sentence a period is an abbreviation
        body_end = stop.start() if stop else len(body)
        verb = SPEECH_VERB.search(body, 0, body_end)
        if not verb:
            return False, None, False
        pre = body[:verb.start()].strip(" ,")
        if pre:
            if len(WORD.findall(pre)) > 25:
                return False, None, False
            speaker, named = self._subject(source, sentence, text, offset, offset + verb.start())
            if speaker is None and verb.group() in ("thought", "called", "described"):
                return False, None, False  # "“…” — remarks some thought were aimed at Trump": no act of saying
            return True, speaker, named
        if verb.group() not in _INVERTED_VERBS:
            return False, None, False
        # "…," said John Bolton, the adviser — the subject follows the verb.
        rest_start = offset + verb.end()
        rest = text[rest_start:offset + body_end]
        time = re.match(r"\s*(?:on\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                        r"today|yesterday|tonight|this week|last week)\b", rest)
        if time:
            rest_start += time.end()
        speaker, named = self._subject(source, sentence, text, rest_start, offset + body_end)
        return True, speaker, named

    def before(self, source: int, sentence: int, text: str, seg_start: int, q_start: int,
               sent_start: int) -> tuple[str, str | None, bool]:
        """``X said: "…"`` (intro) or ``X said that … "…"`` (reported): (cue, speaker, named)."""
        seg = text[seg_start:q_start]
        verbs = list(SPEECH_VERB.finditer(seg))
        if not verbs:
            return "", None, False
        verb = verbs[-1]
        gap = seg[verb.end():]
        if re.search(r"[.!?;]\s", gap):
            return "", None, False
        if _CAUSATIVE.search(gap):
            return "", None, False  # "Le Monde commented …, prompting the BEA to warn against "…"": another's words
        intro = bool(re.search(r"[:,]\s*$", gap)) and len(WORD.findall(gap)) <= 6
        # "The board said in a statement that there was not enough information … whether it was "…"": a
        # that-clause carries the speaker's words further than a bare phrase (60 words, no other verb of saying).
        reach = 60 if _THAT_CLAUSE.match(gap) and not _BELIEF_VERB.search(gap) else 30
        if not intro and len(WORD.findall(gap)) > reach:
            return "", None, False
        verb_start = seg_start + verb.start()
        boundary = _clause_boundary(text, seg_start, verb_start)
        clause_start = boundary + 1 if boundary >= 0 else seg_start
        between = seg[verbs[-2].end():verb.start()] if len(verbs) > 1 else ""
        if (intro and between and seg_start + verbs[-2].end() > clause_start
                and not re.search(r"\b(?:who|which|that|and|but)\s*$", between)):
            # "Cole said the suspect told deputies, "…"": the words are the suspect's, not Cole's.
            clause_start = seg_start + verbs[-2].end()
        phrase = text[clause_start:verb_start]
        if intro and re.search(r"(?i)\bas\s*$", phrase) and verb.group().endswith("ed"):
            # "as reported in MODERN in 2012, "…"": the publication named after the verb, if any.
            source_of = re.match(r"\s+(?:in|by)\s+", gap)
            names = find_names(text, verb_start + len(verb.group()), q_start, proper=self.proper) if source_of else ()
            speaker = names[0].text if names and self._can_speak(names[0].text) else None
            return ("before" if intro else "reported"), speaker and self.index.canonical(speaker), False
        if _PASSIVE.search(phrase) and verb.group().endswith("ed"):
            return ("before" if intro else "reported"), None, False  # "Cardona was charged with …": no speaker
        relative = _RELATIVE_PRONOUN.search(phrase)
        if relative:
            # "a dissent by Justice Breyer in which he said": the one named last before the clause.
            speaker = self._nearest_person(source, sentence, clause_start + relative.start(),
                                           relative.group(1).lower())
            return ("before" if intro else "reported"), speaker, False
        subordinate = _SUBORDINATE_PRONOUN.search(phrase)
        if subordinate:
            # "… interrupted Keilar … when she said,": the pronoun is the subject.
            clause_start += subordinate.start(1)
            phrase = text[clause_start:verb_start]
        lead = _LEAD_FILLER.match(phrase.strip())
        core = phrase.strip()[lead.end():] if lead else phrase.strip()
        coordinated = bool(re.search(r"\b(?:and|but)$", core))
        opening = self._opening_subject(text, clause_start, verb_start) if coordinated else None
        coordinated = coordinated and (opening is not None or not self._head_name(text, clause_start, verb_start)[0])
        # "… the talks in Lyon, France, said": a place after a comma ends a location, it is no subject.
        located = boundary >= 0 and text[boundary] == "," and self._is_place(core)
        if located:
            speaker, named = self._earlier_subject(source, sentence, text, sent_start, boundary)
        elif opening is not None:
            # "Estrada called Anwar his friend and said": the subject that opens the clause.
            speaker, named = (self.index.canonical(opening), True) if self._can_speak(opening) else (None, False)
        elif coordinated:
            # "Lee called it a "great" day … and said …": the first verb's subject.
            speaker, named = self._nearest_subject(text, sent_start, seg_start)
        elif verb.group().endswith("ing") and (object_name := self._name_before(text, clause_start, verb_start)):
            # "The paper quoted production manager Cassidy Lunnen recalling that "…"": the one named right before.
            speaker, named = self.index.canonical(object_name), True
        elif not WORD.search(core) or verb.group().endswith("ing"):
            # "Lee, smiling at the crowd, said:" / "…, arguing it would help "…"": the
            # subject stands in an earlier comma piece of the sentence.
            speaker, named = self._earlier_subject(source, sentence, text, sent_start, clause_start)
        else:
            speaker, named = self._subject(source, sentence, text, clause_start, verb_start)
            words = WORD.findall(core)
            if (speaker is None and boundary >= 0 and text[boundary] == "," and core[:1].islower()
                    and not _SIDE_CLAUSE.match(words[0]) and not _PERSONAL.intersection(words)
                    and not self._head_name(text, clause_start, verb_start)[0]):
                # "John Sifton, researcher at Human Rights Watch said": the appositive names no one.
                speaker, named = self._earlier_subject(source, sentence, text, sent_start, clause_start)
        return ("before" if intro else "reported"), speaker, named

    def _name_before(self, text: str, start: int, end: int) -> str | None:
        """The person whose name ends right before ``end`` ("… Cassidy Lunnen recalling"), else None."""
        names = find_names(text, start, end, proper=self.proper)
        if not names or text[names[-1].end:end].strip() or _possessive(text, names[-1]):
            return None
        return names[-1].text if self._is_person(names[-1].text) else None

    def _opening_subject(self, text: str, start: int, end: int) -> str | None:
        """The name that opens a clause as its subject ("Estrada called Anwar …"), followed by a lower-case verb."""
        lead = _LEAD_FILLER.match(text[start:end].strip())
        start = start + len(text[start:end]) - len(text[start:end].lstrip()) + (lead.end() if lead else 0)
        names = find_names(text, start, end, proper=self.proper)
        if not names or _possessive(text, names[0]) or WORD.search(text, start, names[0].start - len(names[0].title)):
            return None
        return names[0].text if re.match(r"\s+[a-z]", text[names[0].end:end]) else None

    def _earlier_subject(self, source: int, sentence: int, text: str, sent_start: int,
                         end: int) -> tuple[str | None, bool]:
        """The first eligible name of the nearest comma piece before ``end`` that is not a side clause."""
        cuts = [sent_start - 1] + [m.start() + sent_start for m in re.finditer(r"[,;(—]", text[sent_start:end])]
        pieces = [(a + 1, b) for a, b in zip(cuts, [*cuts[1:], end], strict=True)]
        relative = next((i for i, (a, b) in enumerate(pieces) if i and _RELATIVE_OPENER.match(text, a, b)), None)
        if relative is not None:
            # "Monica Hawkins, whose cousin, Jay Jasan, died on the flight, said": the
            # relative clause runs up to the verb; its names are not the subject.
            pieces = pieces[:relative]
        for a, b in reversed(pieces):
            if _inside_quotes(text, sent_start, a) or _inside_quotes(text, sent_start, max(a, b - 1)):
                continue
            while a < b and (text[a].isspace() or text[a] in DOUBLE_MARKS):
                a += 1
            words = WORD.findall(text[a:b])
            if not words or _SIDE_CLAUSE.match(words[0]):
                continue  # a side clause ("acknowledging that …", "who …")
            lead = _LEAD_FILLER.match(text[a:b].strip())
            if lead and lead.end() == len(text[a:b].strip()):
                continue
            names = [n for n in find_names(text, a, b, proper=self.proper)
                     if not _possessive(text, n) and not self._after_preposition(text, a, n.start)
                     and not _modifier(text, n.end, b)]
            if len(words) <= 2 and names and self._is_place(names[0].text):
                continue  # "in Lyon, France,": the end of a location, not a subject
            if names and words[0].lower() in ("a", "an") and not _INDEFINITE_SPEAKER.match(text, a, b):
                continue  # "Harold Bloom, a member of the American Academy of Arts and Letters, said": an appositive
            if names:
                name = names[0].text
                if not self._can_speak(name):
                    return None, False
                return self.index.canonical(name), True
            if lead:  # "But he said he would consult parliament, adding, "…"": the pronoun after "But"
                a += len(text[a:b]) - len(text[a:b].lstrip()) + lead.end()
                words = WORD.findall(text[a:b])
            if re.match(r"(?:he|she)\b", text[a:b], re.IGNORECASE):
                return self._subject(source, sentence, text, a, a + len(words[0]))
            if len(words) <= 6 and re.match(r"(?i)\s*(?:the|this)\s", text[a:b]):
                described = self._subject(source, sentence, text, a, b)  # "The reality star-turned-author, whose …,"
                if described[0] is not None:
                    return described
        return None, False

    def final(self, source: int, sentence: int, text: str, q_end: int, sent_start: int,
              sent_end: int) -> tuple[bool, str | None, bool]:
        """``… "literally in the dark" due to power failures, said X.``: a closing attribution covers the sentence."""
        tail = _FINAL.search(text, q_end, sent_end)
        if not tail or _inside_quotes(text, sent_start, tail.start()):
            return False, None, False
        return self.after(source, sentence, text, q_end, ",", tail.start(), sent_end)

    def dialogue_label(self, text: str, sent_start: int, q_start: int) -> str | None:
        """``Keilar: "You say …"``: a transcript's speaker label, one name and a colon before the quote."""
        label = _DIALOGUE_LABEL.fullmatch(text, sent_start, q_start)
        if not label:
            return None
        names = find_names(text, sent_start, q_start, proper=self.proper)
        if len(names) != 1 or names[0].end != label.end(1) or names[0].text.isupper():
            return None  # "LEADERSHIP: "…"": a list of points, not a transcript
        name = names[0].text
        if not (self.index.person_like(name) or self.index.label(name) == "ORG"):
            return None
        return self.index.canonical(name)

    def reporter(self, source: int, sentence: int) -> str | None:
        """The named subject of a speech verb in a sentence without quotes ("Lee said the bridge …")."""
        if sentence < 0:
            return None
        text = self.texts[source - 1]
        sent = self.sentences[source - 1][sentence]
        verb = SPEECH_VERB.search(text, sent.start, sent.end) or _BELIEF_VERB.search(text, sent.start, sent.end)
        if not verb or verb.group().endswith("ing"):
            return None
        speaker, several = self._head_name(text, sent.start, verb.start())
        if speaker is None or several or not self._can_speak(speaker):
            return None
        return self.index.canonical(speaker)

    def _nearest_subject(self, text: str, sent_start: int, end: int) -> tuple[str | None, bool]:
        """The last name before ``end`` that can be a subject (not quoted, possessive, after a preposition)."""
        cuts = [sent_start - 1] + [m.start() + sent_start for m in re.finditer(r"[,;(—]", text[sent_start:end])]
        for a, b in reversed([(a + 1, b) for a, b in zip(cuts, [*cuts[1:], end], strict=True)]):
            names = [n for n in find_names(text, a, b, proper=self.proper)
                     if not _possessive(text, n) and not self._after_preposition(text, a, n.start)
                     and not _modifier(text, n.end, b) and not _inside_quotes(text, sent_start, n.start)]
            if names:
                name = names[-1].text
                if not self._can_speak(name):
                    return None, False
                return self.index.canonical(name), True
        return None, False

    def according(self, source: int, sentence: int, text: str, start: int, end: int) -> tuple[bool, str | None, bool]:
        match = _ACCORDING.search(text, start, end)
        if not match:
            return False, None, False
        stop = re.search(r"[,;.:]", text[match.end():end])
        phrase_end = match.end() + stop.start() if stop else end
        speaker, named = self._subject(source, sentence, text, match.end(), phrase_end)
        return True, speaker, named


# Titles "the X said" may point back to: ranks and offices, not descriptions ("the actor", "the host").
_PERSON_TITLES = frozenset([
    "pope", "president", "king", "queen", "prince", "princess", "emperor", "sultan", "sheikh", "senator", "governor",
    "mayor", "judge", "justice", "ayatollah", "chancellor", "premier", "ambassador", "sheriff", "bishop", "cardinal",
    "archbishop", "coach", "professor", "admiral", "general", "colonel", "captain", "commissioner", "detective",
    "minister", "president-elect", "secretary-general",
])
# "a valet driver", "the journalist", "one person": people a story points at without a name.
_PERSON_NOUNS = (
    "man|woman|men|women|boy|girl|person|driver|valet|witness|neighbou?r|resident|passenger|customer|employee|"
    "worker|guard|bystander|stranger|caller|visitor|tourist|shopper|student|teenager|teen|victim|suspect|gunman|"
    "attacker|journalist|reporter|source|insider|staffer|aide|assistant|friend|survivor|fan|viewer|"
    "patient|nurse|doctor|owner|clerk|waiter|waitress|bartender|passerby|onlooker|local|villager|protester|"
    "demonstrator|soldier|officer|detective|investigator|juror|mother|father|parent|son|daughter|husband|wife|"
    "boyfriend|girlfriend|employer|colleague|coworker|co-worker|classmate|teacher|pilot|gambler|player"
)
_UNNAMED_PERSON = re.compile(
    rf"(?i)\b(?P<det>a|an|the|one|another)\s+(?:[a-z][\w-]*\s+){{0,2}}?(?P<noun>{_PERSON_NOUNS})\b(?!['’]s)")
_NOUN_GENDER = {
    **dict.fromkeys(["woman", "women", "girl", "mother", "daughter", "wife", "girlfriend", "waitress"], "she"),
    **dict.fromkeys(["man", "men", "boy", "father", "son", "husband", "boyfriend", "gunman"], "he"),
}
# "the spokesman, John Lee", "a valet named Lee", "the driver (Lee)": a name right after the noun.
_NAMED_NEXT = re.compile(r"\s*(?:,\s*|\(|\s(?:named|called|identified as)\s+)?\s*[A-Z][a-z]")
_PSEUDONYM = re.compile(r"\s*(?:\d+\.\s*)?[\"“][A-Z][\w.-]*[\"”]\s+[a-z]")
# "Polizzi's told the press", "Lee's been saying": 's for has or is, the name the subject.
_CONTRACTED = re.compile(r"['’]s\s+(?:been|told|said|got|gotten|done|made|never|always|already|also|not|just|"
                         r"going|saying|telling)\b")
# ", prompting the BEA to warn": a participle that hands the words to someone else.
_CAUSATIVE = re.compile(r",\s+(?:prompting|forcing|leading|causing|urging|asking|inviting|allowing|persuading|"
                        r"pushing|spurring|getting)\s")
_THAT_CLAUSE = re.compile(r"(?:\s+(?:on|in|at|to)\s+(?:\w+\s+){0,3}?\w+)?,?\s+that\b")
# "Cardona was charged and convicted …", "she was asked": the subject did not speak.
_PASSIVE = re.compile(r"(?i)\b(?:was|were|is|are|be|been|being|get|gets|got)(?:\s+\w+ly)?\s+(?:and\s+)?$")
_RELATIVE_OPENER = re.compile(r"\s*(?:who|whose|whom)\b")
# "Cohen's statement on the campaign: "…," he said": a possessive that owns the words is their speaker.
_OWN_WORDS = re.compile(r"['’]s?\s+(?:\w+\s+)?(?:statement|words|response|reply|answer|remarks?|comments?|message|"
                        r"account|explanation|testimony|apology)\b")
# "a dissent by Justice Breyer in which he said": a relative clause's pronoun means the one just named.
_RELATIVE_PRONOUN = re.compile(r"(?i)\b(?:in|during|at|with|for|of|after|before)\s+which\s+(he|she)\s*$")
# "… when she said,": a pronoun after a subordinating word is the speech verb's subject.
_SUBORDINATE_PRONOUN = re.compile(r"(?i)\b(?:when|as|while|because|after|before|where|until|since|once|"
                                  r"and|but|then|so)\s+((?:he|she)(?:\s+\w+ly)?)\s*$")
# "… told DeGeneres, "…." She went on": the one addressed, right after the verb, is not the subject.
_ADDRESSED = re.compile(r"\b(?:told|tells|asked|asks|telling|asking)\s+$")
_FEMALE = frozenset(["mrs.", "ms.", "miss", "lady", "queen", "princess", "dame", "sister", "chairwoman", "spokeswoman"])
_MALE = frozenset(["mr.", "king", "prince", "sir", "lord", "father", "chairman", "spokesman"])


_NOT_HEADS = frozenset([
    "of", "for", "at", "from", "with", "in", "on", "to", "by", "about", "and", "or", "but", "who", "which", "said",
    "says", "told", "added"
])


# ", said city spokesman Tom Ford." / ", Ford said." at the very end of a sentence.
_FINAL = re.compile(r",\s+(?:(?:said|says|added|wrote)\s+[^,;:\"“”]{2,80}|[^,;:\"“”]{2,60}\s(?:said|says|added|wrote)"
                    r"(?:\s+\w+){0,3})(?:,\s+(?:who|whose|a|an|the)\s[^;:\"“”]{0,120})?\.?$")
_ORG_NOUNS = frozenset([
    "report", "study", "notice", "newspaper", "paper", "daily", "weekly", "magazine", "agency", "company", "firm",
    "group", "party", "ministry",
    "network", "channel", "television", "radio", "website", "statement"
])
_DIALOGUE_LABEL = re.compile(r"\s*((?:[^\W\d_][\w.’'-]*\s){0,3}[^\W\d_][\w.’'-]*)\s*:\s*")
# "The company said": descriptions that point back to the organisation named last.
_ORG_DESCRIPTIONS = frozenset([
    "company", "firm", "agency", "organization", "organisation", "ministry", "department", "bank", "network",
    "newspaper", "paper", "magazine", "channel", "broadcaster", "retailer", "airline", "carrier", "automaker",
    "group", "club", "team", "league", "union", "university", "school", "hospital", "court", "office", "board",
    "commission", "committee", "council", "foundation", "charity", "studio", "publisher", "insurer", "lender",
    "party",
    "startup", "giant", "corporation", "conglomerate", "service", "streamer"
])
# "police said", "a police statement said": the police force as one speaker.
_POLICE = re.compile(r"(?:the\s+|a\s+)?police(?:\s+(?:department|statement|release))?")
# "The report reads": a document speaks for the organisation it was named with.
_DOCUMENT_NOUNS = frozenset(["report", "study", "notice", "memo", "filing", "release", "survey", "analysis"])
# "The actress said": descriptions of a person named before (with the gender the noun gives). Not
# "the official" or "the spokesman": those are often people the article never names; titles ("the mayor")
# go to the one person seen with the title, or to nobody.
_PERSON_DESCRIPTIONS = {
    "native": "", "actress": "f", "actor": "m", "star": "", "singer": "", "comedian": "", "veteran": "",
    "legend": "", "icon": "", "author": "", "novelist": "", "rapper": "", "musician": "", "filmmaker": "",
    "businessman": "m", "businesswoman": "f", "billionaire": "", "mogul": "", "politician": "",
    "lawmaker": "", "congressman": "m", "congresswoman": "f", "candidate": "", "nominee": "", "athlete": "",
    "champion": "", "quarterback": "", "widow": "f", "widower": "m", "grandmother": "f", "grandfather": "m",
}
# Nouns for a business: "the company" is Netflix, not the city council it met.
_BUSINESS_NOUNS = frozenset([
    "company", "firm", "retailer", "airline", "carrier", "automaker", "startup", "giant", "corporation",
    "conglomerate", "studio", "publisher", "insurer", "lender", "streamer", "network", "broadcaster", "bank",
    "chain", "maker", "manufacturer", "brand"
])
_BODY_TAILS = frozenset([
    "nations", "council", "committee", "commission", "court", "party", "ministry", "department", "agency",
    "parliament", "congress", "senate", "assembly", "government", "union", "movement", "police", "army", "navy",
    "university", "school", "hospital", "church", "board", "office", "house", "forces", "force", "league"
])
_INDEFINITE_SPEAKER = re.compile(
    r"(?i)\b(?:a|an|another|one)\s+(?:[\w.’'-]+\s+){0,8}?(?:said|says|told|commented|added|noted|stated|"
    r"explained|warned|wrote)\b")


def _modifier(text: str, end: int, stop: int) -> bool:
    """Whether the name ending at ``end`` modifies a noun after it ("Budget Committee chairman").

    A word that names what kind of organisation it is ("Daily Planet newspaper")
    leaves the name the head.
    """
    nxt = re.match(r"\s+([a-z][\w-]*)", text[end:stop])
    return (bool(nxt) and nxt.group(1) not in _NOT_HEADS and nxt.group(1) not in _ORG_NOUNS
            and not nxt.group(1).endswith(("ed", "s", "ly")) and nxt.group(1) not in _ADVERBS
            and nxt.group(1) not in _PAST_VERBS)


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


_PRONOUN_SUBJECT = {p: re.compile(rf"(?i)(?:[^,.]{{0,60}},\s*)?(?:(?:but|and|so|then|yet|now|still|also|later)\s+)?"
                                  rf"{p}\b") for p in ("he", "she", "(?:he|she)")}
_PRONOUN_SUBJECT["any"] = _PRONOUN_SUBJECT.pop("(?:he|she)")


def _possessive(text: str, name: NameSpan) -> bool:
    """A possessive name ("Trump's show"), not a contraction of has/is ("Polizzi's told the press")."""
    return name.possessive and not _CONTRACTED.match(text, name.end)


def _clause_boundary(text: str, start: int, end: int) -> int:
    """The last ``, ; : ( —`` before ``end`` that is not inside a closed parenthesis, else -1.

    "Pat McQuaid, president of Union Cycliste Internationale (UCI) told": the
    clause starts after "McQuaid,", not inside "(UCI)".
    """
    depth = 0
    for pos in range(end - 1, start - 1, -1):
        ch = text[pos]
        if ch == ")":
            depth += 1
        elif ch == "(" and depth:
            depth -= 1
        elif not depth and ch in ",;:(—":
            return pos
    return -1


def _title_gender(title: str) -> str | None:
    words = {w.lower() for w in title.split()}
    if words & _FEMALE:
        return "f"
    if words & _MALE:
        return "m"
    return None


def _inside_quotes(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation that opens after ``start``."""
    return any(cs <= pos < ce for _, cs, ce, _ in quote_spans(text, start, pos + 1, open_to_end=True))
