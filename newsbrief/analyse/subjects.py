"""What a subject phrase names: a person or body by name, a pronoun, or a description pointing back to one.

"The pope", "the company", "the report", "police" and "the actress" name nobody
themselves; each points back to the one person, organisation or publication the
source named with that title or noun, and to nobody when that is not clear. A
cue whose subject is unnamed ("a source said", "officials said") gives no
speaker: an unattributed quote is better than a misattributed one.
"""

from __future__ import annotations

import re

from newsbrief.analyse.cue_words import LEAD_FILLER
from newsbrief.analyse.name_roles import is_possessive
from newsbrief.analyse.pronouns import PronounResolver
from newsbrief.analyse.quote_marks import inside_quotes
from newsbrief.names.patterns import find_names

# "Afterwards he said:", "Later, she said": time and manner words before a pronoun subject.
_LEAD_ADVERB = re.compile(r"^(?:(?:afterwards?|previously|today|yesterday|tonight|recently|\w+ly)\s*,?\s+)+"
                          r"(?=(?:he|she)\b)")
# Titles "the X said" may point back to: ranks and offices, not descriptions ("the actor", "the host").
_PERSON_TITLES = frozenset([
    "pope", "president", "king", "queen", "prince", "princess", "emperor", "sultan", "sheikh", "senator", "governor",
    "mayor", "judge", "justice", "ayatollah", "chancellor", "premier", "ambassador", "sheriff", "bishop", "cardinal",
    "archbishop", "coach", "professor", "admiral", "general", "colonel", "captain", "commissioner", "detective",
    "minister", "president-elect", "secretary-general",
])
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


class SubjectResolver(PronounResolver):
    """Subject phrases of speech verbs resolved to a canonical speaker."""

    def _subject(self, source: int, sentence: int, text: str, start: int, end: int) -> tuple[str | None, bool]:
        """Resolve a subject phrase to a canonical speaker; the flag says the phrase named or pointed at someone."""
        phrase = text[start:end]
        lead = LEAD_FILLER.match(phrase.strip())
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

    def _titled_in_source(self, source: int, before: int, title: str) -> str | None:
        """"The pope urged": the one person the source names right after that title ("Pope John Paul II")."""
        text = self.texts[source - 1]
        ends_with_title = re.compile(rf"(?i)\b{re.escape(title)}[\s,]+$")
        people = {self.index.canonical(n.text) for n in self._names_in(source)
                  if n.start < before and self._is_person(n.text)
                  and ends_with_title.search(text, max(0, n.start - len(title) - 2), n.start)}
        return next(iter(people)) if len(people) == 1 else None

    def _police_force(self, source: int) -> str | None:
        """The one organisation with "police" in its name that a source names, else None."""
        text = self.texts[source - 1]
        forces = {self.index.canonical(n.text) for sent in self.sentences[source - 1]
                  for n in find_names(text, sent.start, sent.end, proper=self.proper)
                  if "police" in n.text.lower().split()[1:] and self.index.label(n.text) == "ORG"
                  and not inside_quotes(text, sent.start, n.start)}
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
                      if not inside_quotes(text, sent.start, n.start) and self._can_speak(n.text)
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
                if (is_possessive(text, n) or inside_quotes(text, sent.start, n.start)
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
