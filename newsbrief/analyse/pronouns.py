"""He and she: the named person a pronoun points back to, or nobody.

``he``/``she`` goes to a person named before it in the sentence, else to the last
person named (not as a possessive, not after a preposition) or quoted in the
sentences just before, whose gender fits (titles, and first names as the training
text uses them: ``genders.py``), and to nobody if an unnamed speaker ("an analyst
said") or an unnamed person ("a valet driver", "one person, who refused to give
his name", a pseudonym in quote marks) came in between.
"""

from __future__ import annotations

import re

from newsbrief.analyse.cue_words import BELIEF_VERB, INDEFINITE_SPEAKER, SPEECH_VERB, WORD
from newsbrief.analyse.genders import first_name_gender
from newsbrief.analyse.name_roles import NameRoles, is_possessive
from newsbrief.analyse.quote_marks import inside_quotes
from newsbrief.names.patterns import find_names

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
# "Cohen's statement on the campaign: "…," he said": a possessive that owns the words is their speaker.
_OWN_WORDS = re.compile(r"['’]s?\s+(?:\w+\s+)?(?:statement|words|response|reply|answer|remarks?|comments?|message|"
                        r"account|explanation|testimony|apology)\b")
# "… told DeGeneres, "…." She went on": the one addressed, right after the verb, is not the subject.
_ADDRESSED = re.compile(r"\b(?:told|tells|asked|asks|telling|asking)\s+$")
_FEMALE = frozenset(["mrs.", "ms.", "miss", "lady", "queen", "princess", "dame", "sister", "chairwoman", "spokeswoman"])
_MALE = frozenset(["mr.", "king", "prince", "sir", "lord", "father", "chairman", "spokesman"])
_PRONOUN_SUBJECT = {p: re.compile(rf"(?i)(?:[^,.]{{0,60}},\s*)?(?:(?:but|and|so|then|yet|now|still|also|later)\s+)?"
                                  rf"{p}\b") for p in ("he", "she", "(?:he|she)")}
_PRONOUN_SUBJECT["any"] = _PRONOUN_SUBJECT.pop("(?:he|she)")


class PronounResolver(NameRoles):
    """Pronouns resolved to the people named before them in one source."""

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
            owns_words = is_possessive(text, n) and _OWN_WORDS.match(text, n.end, stop)
            if ((is_possessive(text, n) and not owns_words)
                    or inside_quotes(text, sent.start, n.start) or not self._is_person(n.text)):
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
                  if not inside_quotes(text, sent.start, n.start) and self._is_person(n.text)]
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
            if INDEFINITE_SPEAKER.search(self.texts[source - 1], prev.start, prev.end):
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
            if inside_quotes(text, start, m.start()) or _NAMED_NEXT.match(text, m.end(), end):
                continue
            noun = m.group("noun").lower()
            if _NOUN_GENDER.get(noun, pronoun) != pronoun:
                continue  # "the woman told her son …. He said": not the one "he" means
            if m.group("det").lower() == "the" and self.index.titled_person(noun, within=self._groups_in(source)):
                continue
            out.append(m.start() if m.start() > start + 1 else start)
        return sorted(out)

    def reporter(self, source: int, sentence: int) -> str | None:
        """The named subject of a speech verb in a sentence without quotes ("Lee said the bridge …")."""
        if sentence < 0:
            return None
        text = self.texts[source - 1]
        sent = self.sentences[source - 1][sentence]
        verb = SPEECH_VERB.search(text, sent.start, sent.end) or BELIEF_VERB.search(text, sent.start, sent.end)
        if not verb or verb.group().endswith("ing"):
            return None
        speaker, several = self._head_name(text, sent.start, verb.start())
        if speaker is None or several or not self._can_speak(speaker):
            return None
        return self.index.canonical(speaker)


def _title_gender(title: str) -> str | None:
    words = {w.lower() for w in title.split()}
    if words & _FEMALE:
        return "f"
    if words & _MALE:
        return "m"
    return None
