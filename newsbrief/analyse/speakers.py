"""Who said a quotation: the attribution frames around it, tried in order of reliability.

The speaker comes from the attribution around the quote, in the manner of
rule-based quote attribution for news (Pouliquen et al., 2007; Pareti, 2016):

1. after the quote: ``"…," Moon said`` · ``"…," said John Bolton, …`` · ``"…," he added``;
2. before it, introducing it: ``Trump told a crowd: "…"``;
3. ``according to X`` in the same sentence;
4. before it, reporting it: ``Trump told reporters that talks were going "very well"``;
5. a closing attribution of the whole sentence: ``… "in the dark" due to power cuts, said X.``

Each frame finds the subject of its verb of saying; what that subject names
(a name, a pronoun, a title or description) is ``subjects.py``'s job, pronouns
``pronouns.py``'s, quotation marks ``quote_marks.py``'s.
"""

from __future__ import annotations

import re

from newsbrief.analyse.cue_words import (
    BELIEF_VERB,
    INDEFINITE_SPEAKER,
    LEAD_FILLER,
    SIDE_CLAUSE,
    SPEECH_VERB,
    WORD,
)
from newsbrief.analyse.name_roles import is_possessive
from newsbrief.analyse.quote_marks import (
    CLOSE_MARKS,
    DOUBLE_MARKS,
    OPEN_MARKS,
    SINGLE_MARKS,
    STRAIGHT_MARK,
    inside_quotes,
    quote_spans,
)
from newsbrief.analyse.subjects import SubjectResolver
from newsbrief.names.patterns import find_names

# Names other modules imported from here before the split.
__all__ = ["CLOSE_MARKS", "DOUBLE_MARKS", "OPEN_MARKS", "SINGLE_MARKS", "SPEECH_VERB", "STRAIGHT_MARK", "WORD",
           "Resolver", "quote_spans"]

_INVERTED_VERBS = {"said", "says", "added", "adds", "asked", "asks", "wrote", "writes", "continued", "read", "reads",
                   "explained", "noted", "insisted", "declared", "replied", "responded", "recalled", "warned",
                   "reported", "reports"}
_PERSONAL = frozenset(["he", "she", "they", "it", "we", "i", "you", "that", "which", "who"])
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_NEW_CLAUSE = re.compile(r"^\s*(?:and|but|while|as|because|though|although|or|so|which|when|if)\b", re.I)
# ", prompting the BEA to warn": a participle that hands the words to someone else.
_CAUSATIVE = re.compile(r",\s+(?:prompting|forcing|leading|causing|urging|asking|inviting|allowing|persuading|"
                        r"pushing|spurring|getting)\s")
_THAT_CLAUSE = re.compile(r"(?:\s+(?:on|in|at|to)\s+(?:\w+\s+){0,3}?\w+)?,?\s+that\b")
# "Cardona was charged and convicted …", "she was asked": the subject did not speak.
_PASSIVE = re.compile(r"(?i)\b(?:was|were|is|are|be|been|being|get|gets|got)(?:\s+\w+ly)?\s+(?:and\s+)?$")
_RELATIVE_OPENER = re.compile(r"\s*(?:who|whose|whom)\b")
# "a dissent by Justice Breyer in which he said": a relative clause's pronoun means the one just named.
_RELATIVE_PRONOUN = re.compile(r"(?i)\b(?:in|during|at|with|for|of|after|before)\s+which\s+(he|she)\s*$")
# "… when she said,": a pronoun after a subordinating word is the speech verb's subject.
_SUBORDINATE_PRONOUN = re.compile(r"(?i)\b(?:when|as|while|because|after|before|where|until|since|once|"
                                  r"and|but|then|so)\s+((?:he|she)(?:\s+\w+ly)?)\s*$")
# ", said city spokesman Tom Ford." / ", Ford said." at the very end of a sentence.
_FINAL = re.compile(r",\s+(?:(?:said|says|added|wrote)\s+[^,;:\"“”]{2,80}|[^,;:\"“”]{2,60}\s(?:said|says|added|wrote)"
                    r"(?:\s+\w+){0,3})(?:,\s+(?:who|whose|a|an|the)\s[^;:\"“”]{0,120})?\.?$")
_DIALOGUE_LABEL = re.compile(r"\s*((?:[^\W\d_][\w.’'-]*\s){0,3}[^\W\d_][\w.’'-]*)\s*:\s*")


class Resolver(SubjectResolver):
    """Speaker resolution over one cluster: the attribution frames of each quotation."""

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
        reach = 60 if _THAT_CLAUSE.match(gap) and not BELIEF_VERB.search(gap) else 30
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
        lead = LEAD_FILLER.match(phrase.strip())
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
            speaker, named = self._as_speaker(opening)
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
                    and not SIDE_CLAUSE.match(words[0]) and not _PERSONAL.intersection(words)
                    and not self._head_name(text, clause_start, verb_start)[0]):
                # "John Sifton, researcher at Human Rights Watch said": the appositive names no one.
                speaker, named = self._earlier_subject(source, sentence, text, sent_start, clause_start)
        return ("before" if intro else "reported"), speaker, named

    def _name_before(self, text: str, start: int, end: int) -> str | None:
        """The person whose name ends right before ``end`` ("… Cassidy Lunnen recalling"), else None."""
        names = find_names(text, start, end, proper=self.proper)
        if not names or text[names[-1].end:end].strip() or is_possessive(text, names[-1]):
            return None
        return names[-1].text if self._is_person(names[-1].text) else None

    def _opening_subject(self, text: str, start: int, end: int) -> str | None:
        """The name that opens a clause as its subject ("Estrada called Anwar …"), followed by a lower-case verb."""
        lead = LEAD_FILLER.match(text[start:end].strip())
        start = start + len(text[start:end]) - len(text[start:end].lstrip()) + (lead.end() if lead else 0)
        names = find_names(text, start, end, proper=self.proper)
        if not names or is_possessive(text, names[0]) or WORD.search(text, start, names[0].start - len(names[0].title)):
            return None
        return names[0].text if re.match(r"\s+[a-z]", text[names[0].end:end]) else None

    def _earlier_subject(self, source: int, sentence: int, text: str, sent_start: int,
                         end: int) -> tuple[str | None, bool]:
        """The first eligible name of the nearest comma piece before ``end`` that is not a side clause."""
        pieces = _comma_pieces(text, sent_start, end)
        relative = next((i for i, (a, b) in enumerate(pieces) if i and _RELATIVE_OPENER.match(text, a, b)), None)
        if relative is not None:
            # "Monica Hawkins, whose cousin, Jay Jasan, died on the flight, said": the
            # relative clause runs up to the verb; its names are not the subject.
            pieces = pieces[:relative]
        for a, b in reversed(pieces):
            if inside_quotes(text, sent_start, a) or inside_quotes(text, sent_start, max(a, b - 1)):
                continue
            while a < b and (text[a].isspace() or text[a] in DOUBLE_MARKS):
                a += 1
            words = WORD.findall(text[a:b])
            if not words or SIDE_CLAUSE.match(words[0]):
                continue  # a side clause ("acknowledging that …", "who …")
            lead = LEAD_FILLER.match(text[a:b].strip())
            if lead and lead.end() == len(text[a:b].strip()):
                continue
            names = self._subject_names(text, a, b)
            if len(words) <= 2 and names and self._is_place(names[0].text):
                continue  # "in Lyon, France,": the end of a location, not a subject
            if names and words[0].lower() in ("a", "an") and not INDEFINITE_SPEAKER.match(text, a, b):
                continue  # "Harold Bloom, a member of the American Academy of Arts and Letters, said": an appositive
            if names:
                return self._as_speaker(names[0].text)
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
        if not tail or inside_quotes(text, sent_start, tail.start()):
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

    def _nearest_subject(self, text: str, sent_start: int, end: int) -> tuple[str | None, bool]:
        """The last name before ``end`` that can be a subject (not quoted, possessive, after a preposition)."""
        for a, b in reversed(_comma_pieces(text, sent_start, end)):
            names = [n for n in self._subject_names(text, a, b) if not inside_quotes(text, sent_start, n.start)]
            if names:
                return self._as_speaker(names[-1].text)
        return None, False

    def according(self, source: int, sentence: int, text: str, start: int, end: int) -> tuple[bool, str | None, bool]:
        match = _ACCORDING.search(text, start, end)
        if not match:
            return False, None, False
        stop = re.search(r"[,;.:]", text[match.end():end])
        phrase_end = match.end() + stop.start() if stop else end
        speaker, named = self._subject(source, sentence, text, match.end(), phrase_end)
        return True, speaker, named


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


def _comma_pieces(text: str, sent_start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[sent_start:end]`` between ``, ; ( —``, as (start, end) after each mark."""
    cuts = [sent_start - 1] + [m.start() + sent_start for m in re.finditer(r"[,;(—]", text[sent_start:end])]
    return [(a + 1, b) for a, b in zip(cuts, [*cuts[1:], end], strict=True)]
