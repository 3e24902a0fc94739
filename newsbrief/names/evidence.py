"""What the words around each mention say a name is: a person, a place, an organisation, or no entity.

spaCy's small model labels a name from four tokens either side of two of its
sightings; a reader decides from every sighting. Each mention here casts votes
from its own context: "Sen." or ", 34," for a person, "in" or "-based" for a
place, "spokesman" or "Inc." for an organisation, and against an entity at all
for a work's title ("the film 'Born Killers'", "the House of Cards star"), an
award or thing used as a common noun ("an Oscar", "a Maserati"), a fictional
character ("Will Smith plays Nicky") or a fragment of a longer name ("Swissair
Flight 111", "the 5th Fleet"). ``entities.extract_entities`` adds the model's
labels as votes and keeps the entity only if the name votes outweigh the rest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from newsbrief.names.aliases import org_by_form
from newsbrief.names.given import is_given_name
from newsbrief.names.patterns import ORG_TAIL, TITLE_WORDS, US_STATES, name_key, place_class
from newsbrief.represent.tokens import stop_words

# Votes an entity's mentions cast; NONE is "not an entity of ours".
PERSON, PLACE, ORG, NONE = "PERSON", "GPE", "ORG", "NONE"

_WORK_BEFORE = re.compile(
    r"(?i)\b(?:film|movie|thriller|drama|comedy|series|show|sitcom|album|song|single|novel|book|memoir|documentary|"
    r"musical|play|hit|called|titled|entitled|starring|star of|appeared (?:on|in)|roles? in|worked on|episode of)"
    r"\s+[\"“‘']?$")
_WORK_AFTER = re.compile(r"^[\"”’']?[’']?s?\s+(?:winner|winning|nominee|nomination|season|episode|cast)\b")
_STAR_AFTER = re.compile(r"^[\"”’']?\s+(?:star|actor|actress)\b")  # "the House of Cards star"; also "a Hollywood star"
# A name used as a common noun: "an honorary Oscar", "a Maserati", "a CCTV camera".
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Aa]nother|[Ee]ach|[Ee]very)\s+(?:[a-z][\w-]*\s+)?$")
_COMPOUND_AFTER = re.compile(r"^ [A-Z0-9]")  # "an Airbus A330", "a Boeing 747": the article is the compound's
# A character in a film or play: "Will Smith plays Nicky", "Horst (Brennan Brown)".
_ROLE_BEFORE = re.compile(r"(?i)\b(?:plays|played|playing|portrays|portrayed|portraying|character|role of)\s+$")
_ROLE_AFTER = re.compile(r"^\s\((?:(?:[A-Z][\w’'-]+\s){1,2}[A-Z][\w’'-]+|(?!(?:Republican|Democrat|Independent|"
                         r"Ret|Pictured|File|Photo)\))[A-Z][a-z]{2,})\)")  # "Jess Barrett (Robbie)": the actor
# The writer's own note closing a page: "Mick LaSalle is The San Francisco Chronicle’s movie critic."
_BYLINE_AFTER = re.compile(r" is (?:an? |[Tt]he )?(?:[\w’'.-]+ ){0,5}(?:critic|columnist|correspondent|reporter|"
                           r"contributor|staff writer|contributing writer)\b[^.]{0,40}\.\s+(?:E-?mail|Follow|Contact)")
# Part of a longer name: "the 5th Fleet", "207 Quikstop", "Swissair Flight 111"; a hashtag, handle or web address.
_NUMBER_BEFORE = re.compile(r"\b\d+(?:st|nd|rd|th)(?:/\d+(?:st|nd|rd|th))? $")
_HANDLE_BEFORE = re.compile(r"[#@+]$")
_DOMAIN_AFTER = re.compile(r"^(?:\.(?:com|org|net|co\.uk|gov)\b|@)")

# A title in a list of works: "films and dramas, including Point Break, True Romance and Wyatt Earp",
# "Saving Private Ryan in 1998 and Black Hawk Down"; "arcs on USA's Shooter" (the network's possessive is not one).
_WORK_LIST = re.compile(
    r"\b(?:films?|movies?|dramas?|comedies|thrillers?|shows?|series|sitcoms?|roles?|arcs?|credits|albums?|songs?|"
    r"singles|books?|novels?)\b(?:[^.;:!?\n]{0,60}?\b(?:including|especially|such as|like|notably)|\s+(?:in|on))\s+")
# A literal every alternative of _WORK_LIST's first group holds ("arc" of "arcs?", "comed" of "comedies").
_WORK_WORDS = ("film", "movie", "drama", "comedies", "thriller", "show", "series", "sitcom", "role", "arc", "credits",
               "album", "song", "singles", "book", "novel")
_LIST_ITEMS = re.compile(r"(?:(?:[A-Z0-9][\w'’.&:-]*|in|and|or)[\s,()]*)*")
# Web-archive furniture a crawled page carries: "Alexa Internet has been donating their crawl data to the
# Internet Archive. ... added to the Wayback Machine after an embargo period."
_ARCHIVE_PHRASES = ("crawl data to the Internet Archive", "Wayback Machine after an embargo")

# ", 55," or ", who" follows a person only (a place never, an organisation takes "which"): it outweighs a few
# model sightings of a one-word name ("Suharto, who ruled Indonesia", which the model calls a place).
PERSON_CUE_WEIGHT = 3
_PERSON_AFTER = re.compile(r"^(?:,\s\d{1,3},|,\s(?:who|whose)\b|\s\(\d{1,3}\)|\s(?:himself|herself)\b)")
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|across|into|throughout|towards?)\s+$")
_PLACE_AFTER = re.compile(r"^(?:-based\b|,\s(?:[A-Z][a-z]+\.?\s?){1,2}(?:\(AP\)|\(Reuters\)|—|-{1,2}\s)"
                          r"|\s\((?:AP|Reuters|AFP)\))")
_ORG_AFTER = re.compile(r"^(?:[’']s?\s)?\s?(?:spokesman|spokeswoman|spokesperson|officials?|executives?|employees?|"
                        r"shares|stock|headquarters|chief executive|board of directors)\b")

_AND_ORG_AFTER = re.compile(r"^ and (?:[A-Z][\w-]+ ){1,3}(?:" + "|".join(
    sorted(w.capitalize() for w in ORG_TAIL if w.isalpha())) + r")\b")
_RUN_AFTER = re.compile(r"^ [A-Z][a-z]")
_RUN_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")


def mention_votes(text: str, start: int, end: int) -> Counter[str]:
    """The votes one mention ``text[start:end]`` casts from the words around it (none if they say nothing).

    A mention inside a longer capitalised run ("The Hollywood Reporter") is another name's and casts none.
    """
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    votes: Counter[str] = Counter()
    run = _RUN_BEFORE.search(before)
    if _RUN_AFTER.match(after) or (run and run.group(1).lower() not in stop_words()):
        return votes
    # The cue words before a name that end in spaces (or a quote mark) stand just before the spaces that close
    # ``before``: searched from there, not from each of its 40 characters (see ``closing_words_at``).
    cues_at = closing_words_at(before)
    if (_WORK_BEFORE.search(before, cues_at) or _WORK_AFTER.match(after) or _ROLE_BEFORE.search(before, cues_at)
            or _plays_with_actor(after) or _BYLINE_AFTER.match(text, end) or _NUMBER_BEFORE.search(before)
            or _HANDLE_BEFORE.search(before)
            or _DOMAIN_AFTER.match(after) or _in_titled_quote(text, start, end) or _in_work_list(text, start, end)
            or _archive_note(text, max(0, start - 120), end + 120)):
        votes[NONE] += 2
    elif (_ARTICLE_BEFORE.search(before) and not _COMPOUND_AFTER.match(after)
          and not _modifies_noun(after)) or _STAR_AFTER.match(after):
        votes[NONE] += 1
    if " " not in text[start:end] and _AND_ORG_AFTER.match(after):
        votes[NONE] += 2  # "Arts" of "the Arts and Humanities Research Council"
    if _PERSON_AFTER.match(after):
        votes[PERSON] += PERSON_CUE_WEIGHT
    if _PLACE_AFTER.match(after) or (_PLACE_BEFORE.search(before, cues_at) and not after.startswith(("’s", "'s"))):
        votes[PLACE] += 1
    if _ORG_AFTER.match(after):
        votes[ORG] += 1
    return votes


# Longer than any cue of _WORK_BEFORE, _ROLE_BEFORE and _PLACE_BEFORE (the longest: "appeared on", 11; a test checks).
_LONGEST_CUE = 12
_CLOSING_MARKS = "\"“‘'"


def closing_words_at(before: str) -> int:
    """Where a cue of _WORK_BEFORE, _ROLE_BEFORE or _PLACE_BEFORE can start in ``before`` at the earliest.

    Each is a word ending in a letter, then spaces (``\\s``, which is ``str.isspace``) and at most
    a quote mark up to the end: the word ends where the closing run of spaces and quote marks
    starts, so it starts at most _LONGEST_CUE characters before (IGNORECASE matches one
    character with one character). A search from here finds what a search of the whole finds.
    """
    i = len(before)
    while i and (before[i - 1].isspace() or before[i - 1] in _CLOSING_MARKS):
        i -= 1
    return max(0, i - _LONGEST_CUE)


def _archive_note(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a phrase of the archive's note: plain text, so ``str.find`` (no regex)."""
    return any(text.find(phrase, start, end) >= 0 for phrase in _ARCHIVE_PHRASES)


def _in_work_list(text: str, start: int, end: int) -> bool:
    """Whether the name stands in a list of works that a film, show or book word opens, within its sentence."""
    if text.startswith(("’s", "'s"), end):
        return False
    before = text[max(0, start - 160):start]
    if not any(word in before for word in _WORK_WORDS):
        return False  # every match of _WORK_LIST holds one of these (case kept, as the pattern has it)
    return any(_LIST_ITEMS.fullmatch(before, cue.end()) for cue in _WORK_LIST.finditer(before))


def _plays_with_actor(after: str) -> bool:
    """Whether the actor's name follows in brackets ("Horst (Brennan Brown)", "Jess Barrett (Robbie)"); a
    state or a party there ("Ted Cruz (Texas)", "(Republican)") names no actor."""
    role = _ROLE_AFTER.match(after)
    return bool(role) and not place_class(role.group(0)[2:-1])


_NEXT_WORD = re.compile(r"^[’']?s?\s([a-z]+)\b")


def _modifies_noun(after: str) -> bool:
    """Whether a content word follows: "a University of Washington research study", "an Airbus spokesman"
    name the university and the company; the article is the noun's."""
    word = _NEXT_WORD.match(after)
    return bool(word) and word.group(1) not in stop_words()


_QUOTE_PAIRS = {"“": "”", "‘": "’", "\"": "\"", "'": "'"}


def _in_titled_quote(text: str, start: int, end: int) -> bool:
    """Whether quote marks hug the name: a title ("the 2003 film 'Born Killers'", "in “Focus.”"), not a name."""
    if start == 0 or end >= len(text):
        return False
    closing = _QUOTE_PAIRS.get(text[start - 1])
    if closing is None or (start > 1 and text[start - 2].isalnum()):
        return False
    after = text[end:end + 2]
    return after.startswith(closing) or (after[:1] in ",." and after[1:] == closing)


def name_form_votes(name: str) -> Counter[str]:
    """Votes the name's own words cast: an award, a flight, a period or a demonym is no entity of ours; a
    platform ("Twitter") is an organisation, a "-shire" a place."""
    words = name.lower().replace("’", "'").split()
    votes: Counter[str] = Counter()
    if not words:
        return votes
    if ((len(words) > 1 and words[-1] in _NOT_ENTITY_TAILS) or " ".join(words) in _AWARDS | _DEMONYMS
            or (len(words) > 1 and words[-1] in _ADJECTIVE_TAILS) or words[-1] in _TITLE_TAILS
            or _CITATION.fullmatch(name) or _broken(name, words)):
        votes[NONE] += 3
    elif " ".join(words) in _PLATFORMS:
        votes[ORG] += SETTLED
    elif org_by_form(name_key(name)):
        votes[ORG] += ORG_FORM_WEIGHT
    elif words[-1].endswith("shire") and len(words[-1]) > 5:
        votes[PLACE] += SETTLED  # Wiltshire, West Yorkshire: a county, whatever the model said
    return votes


# An organisation's word closing the name ("Oxfam International") outweighs a few model sightings as a person.
ORG_FORM_WEIGHT = 3
# Votes that settle the kind whatever the model said, however often it saw the name.
SETTLED = 1000
def _broken(name: str, words: list[str]) -> bool:
    """Whether the name is no name but a piece of page: a reference's marks ("College.[68][69] Doctors",
    "I]t"), a list run together ("University of Reading, Historic England", "Minter, Juice"; not "Washington,
    D.C."), a title alone ("Drs"), a prize ("Best Supporting Actress"), a period ("Neolithic") or a page's
    buttons ("Copy", "Follow Embed List Rules Vote")."""
    if "[" in name or "]" in name:
        return True
    if ", " in name:
        tail = name.split(", ", 1)[1]
        if not (place_class(tail) or "." in tail or tail.lower() in US_STATES or tail.lower() in _COMPANY_WORDS):
            return True
    return (" ".join(words) in TITLE_WORDS or (words[0] == "best" and len(words) > 2) or " ".join(words) in _PERIODS
            or " ".join(words) in _PAGE_BUTTONS or "embed" in words)


_COMPANY_WORDS = frozenset(["inc", "inc.", "ltd", "ltd.", "llc", "plc", "co.", "corp.", "jr.", "sr."])
_PERIODS = frozenset(["neolithic", "paleolithic", "palaeolithic", "mesolithic", "jurassic", "cretaceous",
                      "triassic", "biblical", "medieval", "victorian"])
_PAGE_BUTTONS = frozenset(["copy", "share", "follow", "tweet", "email", "print", "advertisement", "subscribe",
                           "comments", "close"])
# Companies the small model often takes for people ("on Twitter"): their names are the evidence.
_PLATFORMS = frozenset(["twitter", "facebook", "instagram", "youtube", "google", "snapchat", "tiktok", "reddit",
                        "linkedin", "kickstarter", "wikipedia", "netflix", "spotify", "tumblr", "gofundme",
                        "whatsapp", "uber", "airbnb", "amazon", "apple", "microsoft", "yahoo"])
# "Swissair Flight" (of "Swissair Flight 111"), "Bronze Age", "Golden Globe", "Tony Awards".
_NOT_ENTITY_TAILS = frozenset(["flight", "age", "award", "awards", "prize", "globe", "globes", "oscars", "grammys",
                               "emmys", "era", "period", "scale", "syndrome", "disorder", "disease", "actress",
                               "actor", "week"])
_AWARDS = frozenset(["oscar", "oscars", "grammy", "grammys", "emmy", "emmys", "bafta", "tony awards", "earth"])
# A rank or office closing a capitalised run is a title before a name ("Army Spc. Charles Graner",
# "Broward Sheriff Scott Israel"), not a name of its own.
_TITLE_TAILS = frozenset(["spc", "pvt", "pfc", "cpl", "sgt", "lt", "capt", "cmdr", "sheriff", "counsel", "chief",
                          "director", "detective", "officer", "commissioner", "spokesman", "spokeswoman"])
_ADJECTIVE_TAILS = frozenset(["democratic", "republican", "catholic", "muslim", "jewish", "christian", "islamic"])
_DEMONYM_TEXT = """
british english scottish welsh irish french german germans american americans australian australians aussie
aussies canadian canadians chinese japanese russian russians italian italians spanish mexican mexicans israeli
israelis palestinian palestinians iraqi iraqis iranian iranians afghan afghans pakistani pakistanis indian
indians african africans european europeans asian asians arab arabs muslim muslims christian christians jewish
catholic catholics democrat democrats republican republicans kurd kurds kurdish syrian syrians egyptian
egyptians turkish greek dutch swedish danish norwegian polish korean koreans vietnamese brazilian brazilians
cuban cubans latino latinos hispanic texan texans californian californians londoner londoners parisian
parisians
"""
_DEMONYMS = frozenset(_DEMONYM_TEXT.split()) | {"new yorker", "new yorkers"}
# "Wong S", "Abdelsattar Z": authors in a reference list, surname then initial.
_CITATION = re.compile(r"[^\W\d_][\w’'-]+ [A-WYZ]")


_TOKEN = re.compile(r"[\w-]+")


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each word occurs, case kept ("Twitter's" counts as "Twitter"): one pass over the texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_TOKEN.findall(text))
    return counts


def common_word_votes(name: str, counts: Counter[str]) -> Counter[str]:
    """Against a one-word name the cluster writes more often in lower case than capitalised: a common word
    capitalised where a sentence or heading opens ("Advocacy", "Surveillance") or shouted ("VOTE!!").
    ``counts``: :func:`word_counts` of the cluster."""
    votes: Counter[str] = Counter()
    if " " in name or not name.isalpha() or name.lower() in _NAME_WORDS:
        return votes
    if counts[name.lower()] > counts[name] or (name.isupper() and len(name) >= 4 and counts[name.lower()]):
        votes[NONE] += 3  # "VOTE!!" where the cluster also writes "vote": a shout, not an acronym
    return votes


# Names that are also common words of news ("a bush", "turkey", "china" ware): never judged by their case.
_NAME_WORDS = frozenset(["bush", "turkey", "china", "jordan", "congress", "parliament", "senate", "apple",
                         "amazon", "sun", "times", "post", "mark", "rose", "hope", "will", "may", "guard"])


def is_defined_acronym(acronym: str, texts: Iterable[str]) -> bool:
    """Whether a text spells the acronym out in lower case ("blood alcohol concentration (BAC)"): a term, not a name."""
    if not (2 <= len(acronym) <= 6 and acronym.isupper() and acronym.isalpha()):
        return False
    for text in texts:
        at = text.find(f"({acronym})")
        if at < 0:
            continue
        words = re.findall(r"[^\W\d_]+", text[max(0, at - 120):at])
        letters = "".join(w[0] for w in words[-len(acronym):])
        if letters.lower() == acronym.lower() and all(w.islower() for w in words[-len(acronym):]):
            return True
    return False


def is_entity(votes: Counter[str]) -> bool:
    """Whether the votes (the model's included) make the name an entity of ours: more for a kind than against."""
    return not votes[NONE] or votes[NONE] < sum(votes[k] for k in (PERSON, PLACE, ORG))


# The alias index's label (its full name's, or what the name's own words say) counts as this many votes.
INDEX_WEIGHT = 2


def kind(votes: Counter[str], label: str) -> str:
    """The entity's label by evidence: the index's ``label`` as INDEX_WEIGHT votes beside the model's
    sightings and the contexts' votes; the index's label wins a tie."""
    place = "LOC" if label == "LOC" else PLACE
    tally = {PERSON: votes[PERSON], ORG: votes[ORG], place: votes[PLACE]}
    tally[label if label in tally else place] = tally.get(label, 0) + INDEX_WEIGHT
    best = max(tally.values())
    return label if tally.get(label) == best else max(tally, key=lambda k: tally[k])


# Given names of the census that open place names more often than people's ("Santa Monica", "Nova Scotia").
_PLACE_HEADS = frozenset(["santa", "san", "saint", "fort", "port", "mount", "lake", "cape", "nova", "hong", "los",
                          "las", "new", "north", "south", "east", "west", "grand", "little", "great", "palm"])
_PARTICLES = frozenset(["de", "del", "della", "da", "di", "du", "van", "von", "der", "la", "le", "bin", "al", "el"])


def has_given_name(name: str, counts: Counter[str], place_words: frozenset[str]) -> bool:
    """Whether the name reads as a person's: a census given name of three letters or more that opens no
    place name ("Al Qaeda", "Le Monde", "Santa Monica" do not read so), then one to three capitalised words
    ("Rodrigo Santoro"), the last no organisation's or place's word ("Jordan Valley", "Virginia Beach") nor
    one the cluster writes in lower case ("Dallas Cowboys", "Georgia Tech"; ``counts``: :func:`word_counts`)."""
    words = name.split()
    if (not 2 <= len(words) <= 4 or len(words[0]) < 3 or words[0].lower() in _PLACE_HEADS
            or not is_given_name(words[0]) or "&" in name or name.isupper()):
        return False
    if any(not w[:1].isupper() and w not in _PARTICLES for w in words):
        return False
    last = words[-1].lower()
    if last in ORG_TAIL or last in place_words:
        return False
    return not counts[last]
