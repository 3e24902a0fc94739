"""Names in running text by pattern: capitalised name sequences, titles, places.

A regular expression finds capitalised name sequences (with particles such as
"bin" or "van", initials and hyphenated parts), cuts off titles ("South Korean
President Moon Jae-in" → "Moon Jae-in") and sentence-initial words that are not
names. Names are compared by key (``Kim Jong-un`` = ``Kim Jong Un``); a small
gazetteer of countries, US states and regions tells places apart without a
model. ``aliases.NameIndex`` groups a cluster's names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsbrief.datatypes import Sentence
from newsbrief.represent.calendar_words import MONTH_SHORT, MONTHS, WEEKDAYS
from newsbrief.represent.tokens import stop_words

# NER labels that may speak: people, organisations, countries (and names NER did not label).
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", None})

# Title abbreviations may only open a name ("Sen. Tom Ford"), company and
# generational ones only close it ("Ford Motor Co.", "Martin Luther King Jr."), so
# "Hun Sen. Ann Lee" is two names.
_LEAD_ABBREV = r"(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Col|Lt|Capt|Sgt|Adm|Maj|Rev|Prof|Mt|Ft|Sheik)\."
_TAIL_ABBREV = r"(?:Jr|Sr|Co|Corp|Inc|Ltd)\."
# Capitals and letters of Latin script with accents ("Sánchez", "Núñez", "Ødegaard"): [A-Z] alone cut them.
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper() and c != "×")
_U = f"[{UPPER}]"
_L = r"[^\W\d_]"
_WORD_TOKEN = (r"(?!(?:Jr|Sr|Co|Corp|Inc|Ltd|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Col|Lt|Capt|Sgt|Adm|Maj|Rev|Prof|"
               rf"Mt|Ft|Sheik)\.)(?:(?:al|el|bin|ibn|de|van|von)-)?{_U}{_L}*"
               rf"(?:-{_U}{_L}+|-[a-z]{{1,3}}(?![\w-])|[’']{_U}{_L}+)*")
_TOKEN = rf"(?:{_U}\.){{1,3}}(?!\w)|{_WORD_TOKEN}"
_PARTICLE = r"(?:bin|ibn|al|el|de|del|della|der|van|von|da|dos|du|la|le|di|y)"
_NAME = re.compile(rf"(?<![\w’'-])(?:(?:{_LEAD_ABBREV}) )*(?:{_TOKEN})(?:(?: {_PARTICLE})? (?:{_TOKEN}))*"
                   rf"(?:,? {_TAIL_ABBREV}|(?<={_L}) {_TAIL_ABBREV})?")
_POSSESSIVE = re.compile(r"^[’']s?(?!\w)")
# Words that stand before a name as its title; the name starts after the last one.
TITLE_WORDS = frozenset([
    "president", "vice", "prime", "minister", "premier", "chancellor", "king", "queen", "prince", "princess",
    "emperor", "sultan", "sheikh", "sen.", "senator", "rep.", "representative", "gov.", "governor", "mayor", "mr.",
    "mrs.", "ms.", "miss", "dr.", "gen.", "col.", "colonel", "lt.", "capt.", "captain", "sgt.", "sergeant", "adm.",
    "admiral", "maj.", "judge", "justice", "pope", "rev.", "reverend", "ayatollah", "secretary", "chairman",
    "chairwoman", "chief", "ambassador", "speaker", "sir", "lord", "lady", "dame", "deputy", "attorney",
    "commissioner", "director", "detective", "officer", "sheriff", "coach", "professor", "prof.", "bishop",
    "cardinal", "archbishop", "father", "president-elect", "secretary-general", "lieutenant", "corporal", "spokesman",
    "spokeswoman", "leader", "envoy", "foreign", "defense", "defence", "interior", "finance", "treasury",
    "opposition", "first", "former", "acting", "ex-president", "state", "staff", "affairs", "commerce", "labor",
    "energy", "actor", "actress", "singer", "rapper", "comedian", "producer", "ceo", "founder", "co-founder",
    "executive", "anchor", "host", "lawyer", "spokesperson", "rev", "dr", "mr", "mrs", "ms",
    "journalist", "author", "novelist", "writer", "photographer", "activist", "economist", "historian", "drs", "drs."
])
_PERSON_TITLES = TITLE_WORDS - frozenset([
    "foreign", "defense", "defence", "interior", "finance", "treasury", "opposition", "first", "former", "acting",
    "state", "staff", "affairs", "commerce", "labor", "energy"
])
# Calendar words as a name's first or last token folds them ("jan." keeps its full stop).
_CAL = frozenset([m.lower() for m in MONTHS] + [s.lower() + "." for s in MONTH_SHORT] + [w.lower() for w in WEEKDAYS])
ORG_TAIL = frozenset([
    "inc.", "inc", "corp.", "corp", "co.", "company", "ltd.", "ltd", "party", "committee", "council", "ministry",
    "department", "agency", "house", "court", "army", "navy", "force", "forces", "union", "association",
    "organization", "organisation", "bank", "group", "university", "college", "institute", "times", "post", "journal",
    "news", "press", "network", "television", "radio", "service", "office", "commission", "board", "fund",
    "foundation", "league", "federation", "assembly", "parliament", "congress", "senate", "police", "guard"
])

_PLACE_TEXT = """
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain
bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burkina
burundi cambodia cameroon canada chad chile china colombia comoros congo costa-rica croatia cuba cyprus
czech-republic denmark djibouti dominica dominican-republic ecuador egypt el-salvador eritrea estonia ethiopia
fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti honduras
hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kosovo
kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg macedonia
madagascar malawi malaysia maldives mali malta mauritania mauritius mexico moldova monaco mongolia montenegro
morocco mozambique myanmar burma namibia nepal netherlands holland new-zealand nicaragua niger nigeria
north-korea south-korea norway oman pakistan palestine panama paraguay peru philippines poland portugal qatar
romania russia rwanda samoa saudi-arabia senegal serbia seychelles sierra-leone singapore slovakia slovenia
somalia south-africa spain sri-lanka sudan south-sudan suriname swaziland sweden switzerland syria taiwan
tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan
venezuela vietnam yemen yugoslavia zambia zimbabwe united-states us united-kingdom uk britain great-britain
england scotland wales northern-ireland america chechnya tibet east-timor
"""
_STATE_TEXT = """
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana
iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
nebraska nevada new-hampshire new-jersey new-mexico new-york-state north-carolina north-dakota ohio oklahoma
oregon pennsylvania rhode-island south-carolina south-dakota tennessee texas utah vermont virginia
west-virginia wisconsin wyoming
"""
_REGION_TEXT = """
asia europe africa antarctica oceania caribbean balkans middle-east latin-america south-america north-america
central-america gulf pacific atlantic mediterranean scandinavia siberia
"""


def _words_of(text: str) -> frozenset[str]:
    return frozenset(w.replace("-", " ") for w in text.split())


COUNTRIES = _words_of(_PLACE_TEXT)
US_STATES = _words_of(_STATE_TEXT)
REGIONS = _words_of(_REGION_TEXT)
_PLACE_ALIASES = {"us": "united states", "usa": "united states", "america": "united states",
                  "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
                  "un": "united nations", "holland": "netherlands", "burma": "myanmar",
                  "the united states": "united states", "the united kingdom": "united kingdom"}


def split_title(words: Sequence[str]) -> int:
    """How many leading words of a name are its title (0 if none).

    The name starts after the last title word, so "South Korean President Moon
    Jae-in" keeps "Moon Jae-in"; an organisation ("State Department") or a
    suffix ("King Jr.") is not cut.
    """
    if not words or words[-1].lower() in ORG_TAIL:
        return 0
    cut = 0
    for i, word in enumerate(words[:-1]):
        if word.lower() in TITLE_WORDS and words[i + 1] not in ("Jr.", "Sr.", "II", "III"):
            cut = i + 1
    return cut


# A nickname in quote marks inside a full name: Nicole “Snooki” Polizzi.
NICKNAME = re.compile(r"(?<=\w)\s+[\"“‘']\s?([^\W\d_][\w-]*)\s?[\"”’']\s+(?=\w)")


@lru_cache(maxsize=65536)
def name_key(surface: str) -> str:
    """A comparison key: case, dots, hyphens and possessives do not count."""
    text = re.sub(r"[’']s$", "", surface.strip())
    text = NICKNAME.sub(" ", text)  # Nicole "Snooki" Polizzi is Nicole Polizzi
    text = text.replace(".", "").replace("-", " ").replace("’", "'")
    text = re.sub(r"\s+", " ", text).strip().lower()
    if text.startswith("the "):
        text = text[4:]
    if text.startswith("us "):
        text = "united states " + text[3:]  # "U.S. Army" is "United States Army"
    return _PLACE_ALIASES.get(text, text)


def place_class(surface: str) -> str | None:
    """``country``, ``state`` or ``region`` for a known place name, else None."""
    key = name_key(surface)
    if key in COUNTRIES or key in {"united states", "united kingdom"}:
        return "country"
    if key in US_STATES:
        return "state"
    if key in REGIONS:
        return "region"
    return None


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A capitalised name found by pattern: where, what, and what stood around it."""

    start: int
    end: int
    text: str
    title: str  # the title words stripped from its front ("" if none)
    possessive: bool  # followed by 's: a modifier, not a subject


_OPENERS = re.compile(r"[\s\"“‘'(\[—–-]*")
_MID_CAPITAL = re.compile(r"(?<=[\w,;:] )(?!(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Col|Lt|Capt|Sgt|Adm|Maj|Rev|Prof|Mt|Ft"
                          rf"|Sheik)\.){_U}{_L}+\b")
_ABBREV_AFTER = re.compile(r" (Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Col|Lt|Capt|Sgt|Adm|Maj|Rev|Prof|Mt|Ft|Sheik)\.")


_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")
# Words that often open a sentence and never a name, for clusters too small to show them in lower case.
_STARTERS = frozenset([
    "among", "despite", "according", "during", "after", "before", "last", "next", "meanwhile", "however", "although",
    "while", "since", "until", "opinion", "asked", "speaking", "earlier", "later", "today", "yesterday", "tonight",
    "instead", "still", "even", "also", "following", "including", "under", "without", "within", "across",
    "throughout"
])


class ProperWords(frozenset[str]):
    """The words of one cluster with their case (see :func:`proper_words`), and the names found with them.

    Every stage asks :func:`find_names` about the same sentences, so the names are
    kept here, with the cluster, and go when it does. A process-wide cache keyed by
    the word set cost more than it saved: briefing the same pile again compared
    each new key's word set with the old one's, element by element (a second brief
    of 1,000 articles took 60 CPU s instead of 9), and it kept old articles' texts alive.
    """

    __slots__ = ("lines", "names")
    names: dict[tuple[str, int, int], tuple[NameSpan, ...]]
    lines: dict[tuple[str, int], tuple[bool, bool]]  # (text, line start) -> (headline or credit, credit)

    def __new__(cls, words: Iterable[str] = ()) -> ProperWords:
        made = super().__new__(cls, words)
        made.names = {}
        made.lines = {}
        return made


def proper_words(texts: Sequence[str], sentences: Sequence[Sequence[Sentence]]) -> ProperWords:
    """The words seen inside sentences, with their case: evidence for telling names from words.

    A capitalised word seen after a sentence's start is a proper noun; a word
    seen in lower case is an ordinary word. Sentence-initial words are judged by it.
    """
    found: set[str] = set()
    for i, sents in enumerate(sentences):
        for sent in sents:
            found.update(_MID_CAPITAL.findall(texts[i], sent.start, sent.end))
            found.update(_LOWER_WORD.findall(texts[i], sent.start, sent.end))
    return ProperWords(found)


def find_names(text: str, start: int = 0, end: int | None = None, *,
               proper: frozenset[str] | None = None) -> tuple[NameSpan, ...]:
    """Capitalised name sequences in ``text[start:end]``, titles and function words cut off.

    Offsets are into ``text``; ``start`` should be a sentence start. Leading stop
    words ("The", "But") are dropped; so is a sentence's first word when
    ``proper`` (see :func:`proper_words`) shows it is an ordinary word
    ("Among", "Despite"), or is a lone word never seen inside a sentence
    ("Officials"), but not a name ("Ann Lee told reporters"). With ``proper`` from
    :func:`proper_words`, results are kept with it: every stage asks about the same sentences.
    """
    end = len(text) if end is None else end
    if not isinstance(proper, ProperWords):
        return _find_names(text, start, end, proper)
    key = (text, start, end)
    found = proper.names.get(key)
    if found is None:
        found = proper.names[key] = _find_names(text, start, end, proper)
    return found


_LINE_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
# Figure and table captions of science pages, photo credits: capitalised, never an entity.
_JUNK_HEADS = frozenset(["fig", "figure", "table", "supplementary", "extended", "photo", "image", "video",
                         "credit", "getty", "watch", "listen", "read", "click", "subscribe", "advertisement"])
# A name ending in a job is a description ("CNN Chief White House Correspondent"), not a name.
_JOB_TAILS = frozenset(["correspondent", "reporter", "editor", "columnist", "writer", "analyst", "contributor",
                        "producer", "spokesman", "spokeswoman", "spokesperson"])
_CREDIT_AFTER = re.compile(r"\s*/\s*(?:\w+\s+){0,2}\w+\s*$|\s*/\s*[A-Z]|\s*\(@\w+\)")
# "(Additional reporting by Carlos Valdez and Enrique Mandujano; Editing by Eric Beech)", "Photograph: Kevin Standage"
_CREDIT_BEFORE = re.compile(r"(?i)\b(?:reporting|editing|writing|written|photograph(?:ed)?|photos?|pictures?|"
                            r"credit|images?|compiled)\s*(?:by\b|:)[^;()\n.:]{0,60}$")
# Page furniture and wire codes written in capitals.
_JUNK_WORDS = frozenset(["caption", "excerpt", "reprints", "messaging", "images", "newsletter", "gallery",
                         "slideshow", "advertisement", "comments", "pinterest", "stumbleupon", "whatsapp"])
_TIME_ZONES = frozenset(["gmt", "bst", "est", "edt", "pst", "pdt", "cst", "cdt", "cet", "cest", "utc", "mst"])


# Lines that credit the people who made the page, not people in the news.
_CREDIT_LINE = re.compile(
    r"(?i)\bcontributed\b[^\n]{0,60}\b(?:report|reporting|story|article)\b|^\s*(?:by|photo|photograph|image|"
    r"video|credit|reporting|editing|writing|additional reporting|follow|contact|email|e-mail|pictured)\b[^\n]{0,3}"
    r"|\b(?:AP|Reuters|AFP|Getty Images|EPA) (?:Photo|photo)\b|\((?:AP|Reuters|AFP|Getty) ?(?:Photo|Images)")


_ORG_WORD = re.compile(r"(?i)\b(?:press|news|times|post|journal|agency|reuters|network|television|radio)\b")


def not_a_name(text: str, start: int, end: int, stop: int | None = None) -> bool:
    """Whether the capitalised words ``text[start:end]`` are page furniture, not a name in the news.

    Figure and table captions, photo and reporting credits, a tweet's author, time
    zones, boilerplate ("Hide Caption") and job descriptions ("White House Correspondent").
    """
    words = text[start:end].lower().split()
    if not words:
        return True
    stop = len(text) if stop is None else stop
    return bool(words[0].rstrip(".") in _JUNK_HEADS or words[-1] in _JOB_TAILS or _JUNK_WORDS.intersection(words)
                or (len(words) == 1 and words[0] in _TIME_ZONES) or _CREDIT_AFTER.match(text, end, stop)
                or _credit_before(text, start))


def _credit_before(text: str, start: int) -> bool:
    """``_CREDIT_BEFORE`` in the 80 characters before ``start``, searched only when they hold "by" or ":".

    Every match ends in ``by`` or ``:``, and under IGNORECASE only "b"/"B" and "y"/"Y"
    match "b" and "y" (a test checks every code point), so a window without either
    cannot match: most names skip the search.
    """
    lo = max(0, start - 80)
    window = text[lo:start]
    if ":" not in window and "by" not in window.lower():
        return False
    return _CREDIT_BEFORE.search(text, lo, start) is not None


def is_credit(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` credits a writer or photographer ("By Ann Lee", "… contributed")."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > 400:
        return False
    return bool(_CREDIT_LINE.search(text[line_start:line_end]))


def is_headline(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is a headline, title or caption in Title Case, not running text.

    Headlines run names and verbs together ("Watch Sen. Elizabeth Warren Grill
    Wells Fargo CEO John Stumpf"): a line with three or more capitalised words of
    three letters or more, none in lower case and no closing period names nobody a
    pattern can trust.
    """
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:line_end].rstrip(" \"”’'").endswith("."):
        return False  # a sentence, though every word in it is a name
    stops = stop_words()
    capitalised = 0
    for match in _LINE_WORD.finditer(text, line_start, line_end):
        word = match.group()
        if len(word) < 3 or word.lower() in stops:
            continue
        if not word[0].isupper():
            return False
        capitalised += 1
        if capitalised > 40:
            return False  # a paragraph, however it is cased
    return capitalised >= 3


def _find_names(text: str, start: int, end: int, proper: frozenset[str] | None) -> tuple[NameSpan, ...]:
    stops = stop_words()
    out: list[NameSpan] = []
    # (text, line start) -> (whether that line is a headline or a credit, whether a credit): a line's
    # verdict holds for every sentence on it, so with ``proper`` from proper_words it is kept there.
    lines = proper.lines if isinstance(proper, ProperWords) else {}
    carried = -1  # where a name's last word was taken back from a title ("Hun Sen. Ann Lee")
    for match in _NAME.finditer(text, start, end):
        line = (text, text.rfind("\n", 0, match.start()) + 1)
        verdict = lines.get(line)
        if verdict is None:
            verdict = lines[line] = _line_verdict(text, match.start())
        if verdict[0] and not (verdict[1] and _ORG_WORD.search(match.group())):
            continue  # a credit line's people go; its organisation ("Associated Press writers …") stays
        # The pattern joins its words with single spaces: (start, end, word) of each.
        tokens: list[tuple[int, int, str]] = []
        at = match.start()
        for word in match.group().split(" "):
            tokens.append((at, at + len(word), word))
            at += len(word) + 1
        if tokens[0][0] == carried:
            tokens.pop(0)
        # "Hun Sen." ends a sentence; "Sen. Ann Lee" would be a title: a word seen
        # without its dot inside sentences (in ``proper``) belongs to the name before it.
        tail = _ABBREV_AFTER.match(text, match.end(), end)
        if tail and proper is not None and tail.group(1) in proper:
            last = tokens[-1][2].lower() if tokens else ""
            if last not in stops and last not in proper:
                tokens.append((tail.start(1), tail.end(1), tail.group(1)))
                carried = tail.start(1)
        if (proper is not None and tokens and tokens[0][2] not in proper
                and (tokens[0][2].lower() in proper or tokens[0][2].lower() in _STARTERS or len(tokens) == 1)
                and _OPENERS.fullmatch(text, start, tokens[0][0]) and _sentence_start(text, start)):
            # "Despite Trump's show", "Officials said": an ordinary word that opens the sentence.
            tokens.pop(0)
        # Drop leading stop/calendar words ("The", "But", "Monday").
        while tokens and (tokens[0][2].lower() in stops or tokens[0][2].lower() in _CAL):
            tokens.pop(0)
        while tokens and tokens[-1][2].lower() in _CAL:
            tokens.pop()
        for piece in _clause_pieces(tokens, proper):
            name = _name_span(text, piece, end, stops)
            if name is not None:
                out.append(name)
    return tuple(out)


def _line_verdict(text: str, pos: int) -> tuple[bool, bool]:
    """Whether the line holding ``pos`` is a headline or a credit, and whether a credit."""
    if is_headline(text, pos):
        return True, False
    credit = is_credit(text, pos)
    return credit, credit


# Words that open or carry a clause and stand inside no name.
_CLAUSE_WORDS = frozenset(["when", "what", "where", "why", "how", "if", "while", "because", "is", "are", "was",
                           "were", "will", "would", "can", "could", "should", "does", "did", "has", "have", "had"])


Token = tuple[int, int, str]  # start, end, word


def _clause_pieces(tokens: list[Token], proper: frozenset[str] | None) -> list[list[Token]]:
    """"What To Expect When Snooki's Expecting", "America Is Here": a clause word in a title-cased run parts two names.

    A lone piece that is an ordinary word seen in lower case ("Expect") names nothing.
    """
    cuts = [i for i, (_, _, word) in enumerate(tokens) if i and word.lower() in _CLAUSE_WORDS]
    if not cuts:
        return [tokens]
    pieces, at = [], 0
    for i in [*cuts, len(tokens)]:
        piece = tokens[at:i]
        if piece and not (len(piece) == 1 and proper is not None and piece[0][2].lower() in proper):
            pieces.append(piece)
        at = i + 1
    return pieces


def _name_span(text: str, tokens: list[Token], end: int, stops: frozenset[str]) -> NameSpan | None:
    """The name the tokens of one capitalised run give, its title words cut off; None if it names nothing."""
    if not tokens:
        return None
    cut = split_title([word for _, _, word in tokens])
    title = " ".join(word for _, _, word in tokens[:cut])
    s, e = tokens[cut][0], tokens[-1][1]
    if text[e - 1] == "." and not _INITIAL_OR_TAIL.search(text[s:e]):
        e -= 1  # a sentence-final period, not an initial
    if s >= e:
        return None
    surface = text[s:e]
    folded = surface.lower()
    if folded in stops or folded in TITLE_WORDS or folded in _CAL:
        return None
    if not_a_name(text, s, e, end):
        return None  # "Extended Data Fig", "Supplementary Table", "Alexander Demianchuk / Reuters"
    possessive = e < len(text) and text[e] in "’'" and bool(_POSSESSIVE.match(text[e:e + 3]))
    return NameSpan(s, e, surface, title, possessive)


# A name's closing period that is part of it: an initial ("George W.") or a company or generational abbreviation.
_INITIAL_OR_TAIL = re.compile(rf"(?:^|[\s.]){_U}\.$|(?:Jr|Sr|Co|Corp|Inc|Ltd)\.$")


_BEFORE_OPENING = frozenset(" \t\"“‘'([—–-")  # what may stand between a sentence's end and its next word


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence (not a phrase cut from the middle of one)."""
    i = pos  # walk back over spaces and opening marks (no copy of the text before ``pos``)
    while i > 0 and text[i - 1] in _BEFORE_OPENING:
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n”\"’'"


def has_person_title(title: str) -> bool:
    """Whether stripped title words mark a person ("President", "Mr."), not a ministry."""
    return any(w.lower() in _PERSON_TITLES for w in title.split())
