"""A cluster's names merged into alias groups, each with one canonical name and label.

Names are grouped by key (``Kim Jong-un`` = ``Kim Jong Un``), without titles
(``President Donald Trump`` = ``Donald Trump``), and a lone family or given name
joins the one longer name it fits (``Trump`` → ``Donald Trump``; ``Kim`` stays
apart when ``Kim Jong Un`` and ``Kim Yong Chol`` both fit).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from newsbrief.names.given import is_given_name
from newsbrief.names.patterns import NICKNAME, ORG_TAIL, TITLE_WORDS, has_person_title, name_key, place_class

_FEMALE_TITLES = frozenset({"mrs.", "ms.", "miss", "lady", "queen", "princess", "dame"})
_MALE_TITLES = frozenset({"mr.", "king", "prince", "sir", "lord"})


class NameIndex:
    """Every name seen in a cluster, merged into groups of aliases with one canonical name."""

    def __init__(self) -> None:
        self._surfaces: Counter[str] = Counter()
        self._labels: dict[str, Counter[str]] = defaultdict(Counter)
        self._group: dict[str, str] = {}  # key -> group key
        self._titled: dict[str, str] = {}  # "President Donald Trump" -> key of "Donald Trump"
        self._titles: set[tuple[str, str]] = set()  # ("president", "donald trump")
        self._genders: dict[str, set[str]] = {}  # group key -> genders its titles show
        self.has_model = False  # whether NER ran (else labels are guesses from titles and gazetteers)
        self._place_context: set[str] = set()  # keys seen after "in", "from", "at"
        self._built = False

    def add(self, surface: str, label: str | None = None, *, weight: int = 1, title: str = "") -> None:
        """Count one sighting of a name (title already stripped), with a label if known.

        A person title seen with it ("President") makes "President Trump" an alias too.
        """
        surface = re.sub(r"[’']s$", "", surface.strip())
        if not name_key(surface):
            return
        self._surfaces[surface] += weight
        if label:
            self._labels[name_key(surface)][label] += weight
        if title and has_person_title(title):
            self._titled[f"{title} {surface}"] = name_key(surface)
            self._titles.add((title.lower(), name_key(surface)))
        self._built = False

    def seen_as_place(self, surface: str) -> None:
        """Note a sighting after "in", "from" or "at": evidence that the name is a place."""
        self._place_context.add(name_key(surface))
        self._built = False

    def label_of_key(self, key: str) -> str | None:
        counts = self._labels.get(key)
        if counts:
            return counts.most_common(1)[0][0]
        if place_class(key):
            return "GPE"
        last = key.split()[-1] if key else ""
        if last in ORG_TAIL:
            return "ORG"
        return None

    def _build(self) -> None:
        """Group the names: each one- or two-word name joins the one longer name it fits.

        Longer names are looked up by their first and last words (an index, not a
        scan of every name), so building is linear in the distinct names.
        """
        keys: Counter[str] = Counter()
        for surface, n in self._surfaces.items():
            keys[name_key(surface)] += n
        group = {k: k for k in keys}
        tokens = {k: k.split() for k in keys}
        labels = {k: self.label_of_key(k) for k in keys}
        places = {k for k in keys if place_class(k)}
        by_words: dict[tuple[str, ...], list[str]] = defaultdict(list)  # ("head", ...), ("tail", ...), ("ends", ...)
        for k, ts in tokens.items():
            if len(ts) < 2:
                continue
            by_words[("head", ts[0])].append(k)
            by_words[("tail", ts[-1])].append(k)
            if len(ts) > 2:
                by_words[("head", ts[0], ts[1])].append(k)
                by_words[("tail", ts[-2], ts[-1])].append(k)
                by_words[("ends", ts[0], ts[-1])].append(k)
        _join_variants(keys, tokens, labels, places, group)
        _join_short_forms(keys, tokens, group)
        # Two-word names first, so that a lone word sees "Donald Trump" and "Donald J. Trump" as one person.
        by_initials: dict[str, list[str]] = defaultdict(list)
        for k, ts in tokens.items():
            content = [t for t in ts if t not in _ACRONYM_SKIP]
            if len(content) >= 2:
                by_initials["".join(t[0] for t in content)].append(k)
            if len(ts) > len(content) >= 2:  # "IOM" of "Institute of Medicine" spells its "of" too
                by_initials["".join(t[0] for t in ts if t != "&")].append(k)
        singles = sorted((k for k in keys if len(tokens[k]) < 3), key=lambda k: -len(tokens[k]))
        by_skeleton: dict[str, list[str]] = defaultdict(list)  # a person's surname spelt by its consonants
        for k, ts in tokens.items():
            if len(ts) >= 2 and labels[k] == "PERSON" and len(ts[-1]) >= MIN_SKELETON_WORD:
                by_skeleton[consonant_skeleton(ts[-1])].append(k)
        surnames: set[str] = set()
        for short in singles:
            label = labels[short]
            if short in places:
                # "Jordan" of "Lt. Col. Steven Lee Jordan", never "in Jordan": his surname, not the country
                person = _surname_of_one(short, by_words.get(("tail", short), ()), labels)
                if person and short not in self._place_context:
                    group[short] = person
                    surnames.add(short)
                continue
            st = tokens[short]
            # The small model often calls a lone surname ORG ("Lee" of "Ann Lee"): it may
            # still join a person's full name; places join places only.
            # A person's name inside an organisation's ("Ann Lee Party") is not its alias.
            allowed = {"ORG": {"PERSON", "ORG"}, "PERSON": {None, "PERSON"}, None: {None, "PERSON"}}.get(
                label, {label})
            # Longer names that end or start with it, or ("Ann Lee") start and end with its two words.
            candidates = {*by_words.get(("head", *st), ()), *by_words.get(("tail", *st), ()),
                          *(by_words.get(("ends", *st), ()) if len(st) == 2 else ())}
            fits = [k for k in candidates if len(tokens[k]) > len(st)
                    and (labels[k] in allowed
                         or (len(st) == 1 and label in (None, "PERSON") and _person_shaped(tokens[k], st))
                         # "Cardona" the model called a place, never seen "in Cardona": Santos Cardona's surname;
                         # "Swift" it called a work or a nationality: Taylor Swift's
                         or (len(st) == 1 and label in ("GPE", "LOC", "OTHER") and labels[k] == "PERSON"
                             and tokens[k][-1] == st[0] and short not in self._place_context)
                         # "Mitch" of "Hurricane Mitch": the storm, whatever the model called the name alone
                         or (len(st) == 1 and tokens[k][0] in _EVENT_HEAD and tokens[k][-1] == st[0]))
                    and (label == "ORG" or tokens[k][-1] not in ORG_TAIL)
                    and k not in places  # "Ann Lee" is "Ann Marie Lee"
                    and not _another_given_name(tokens[k], st)]
            # Keep the longest forms only: "Moon" fits "Moon Jae-in", not also its clipped "Moon Jae".
            fits = [k for k in fits if not any(
                len(tokens[o]) > len(tokens[k]) and (tokens[o][:len(tokens[k])] == tokens[k]
                                                     or tokens[o][-len(tokens[k]):] == tokens[k])
                and not _another_given_name(tokens[o], tokens[k]) for o in fits)]
            if not fits:
                if len(st) == 1 and label in ("ORG", "GPE", None) and 2 <= len(short) <= 5:
                    expansion = _acronym_of(short, by_initials, labels)
                    if expansion:
                        group[short] = expansion  # "FAA" of "Federal Aviation Administration"
                if len(st) == 1 and label in ("PERSON", "ORG", None) and group[short] == short:
                    surname = _transliterated_surname(short, by_skeleton)
                    if surname:
                        group[short] = surname  # "Qaddafi" of "Moammar Gadhafi"
                continue
            if any(labels[k] == "PERSON" for k in fits):
                surnames.add(short)  # "Lee" of "Tom Lee" and "Thomas Lee": a person, whichever
            # A lone name joins the one longer name it fits; with two ("Kim" for Kim
            # Jong Un and Kim Yong Chol, "Clinton" for Bill and Hillary) it stays apart.
            storms = [k for k in fits if tokens[k][0] in _EVENT_HEAD]
            fits = storms or fits  # "Mitch" of "Hurricane Mitch", not of an aid drive "Operation Mitch"
            targets = {_root(group, k) for k in fits}
            if len(targets) == 1 or storms:
                group[short] = fits[0]
        for surface in self._surfaces:  # "Snooki" of Nicole "Snooki" Polizzi: the nickname is hers
            nick = NICKNAME.search(surface)
            if nick and name_key(nick.group(1)) in group and name_key(surface) in group:
                group[name_key(nick.group(1))] = name_key(surface)
        for k in list(group):  # follow chains (Kim -> Kim Jong -> Kim Jong Un)
            seen = {k}
            while group[group[k]] != group[k] and group[k] not in seen:
                seen.add(group[k])
                group[k] = group[group[k]]
        self._group = group
        self._keys = keys
        members: dict[str, list[str]] = defaultdict(list)
        for surface in self._surfaces:
            members[group[name_key(surface)]].append(surface)
        self._members = members
        by_group: dict[str, Counter[str]] = defaultdict(Counter)
        for key, target in group.items():
            by_group[target].update(self._labels.get(key, {}))
        # The full name's own label wins: models label "Ann Lee" better than "Lee".
        self._group_labels = {
            g: (self.label_of_key(g) if self._labels.get(g) else None)
            or (by_group[g].most_common(1)[0][0] if by_group[g] else self.label_of_key(g))
            for g in set(group.values())}
        # A full name whose last word alone also stands for it ("Evans" for "Cadel Evans") is a
        # person's, whatever the model said from a few words around it: organisations and places are
        # not called by their last word. A name with an organisation's or a place's word is left alone.
        called_by_last = {group[k] for k in keys if len(tokens[k]) == 1 and group[k] != k
                          and tokens[group[k]][-1] == k}
        for g in self._group_labels:
            kind = _kind_by_form(g, self._group_labels[g])
            if kind:
                self._group_labels[g] = kind
            elif (g in called_by_last and self._group_labels[g] in ("ORG", "GPE", "LOC") and g not in places
                  and not {tokens[g][-1], tokens[g][0]} & (ORG_TAIL | _PLACE_TAIL)):
                self._group_labels[g] = "PERSON"
        self._surnames = {group[short] for short in surnames}
        for short in surnames:
            if group[short] == short and self._group_labels.get(short) in (None, "ORG", "OTHER"):
                self._group_labels[short] = "PERSON"
        self._genders = self._genders_by_group()
        self._built = True

    def group_of(self, surface: str) -> str:
        """The group key of a surface form (its own key if never seen)."""
        if not self._built:
            self._build()
        key = name_key(surface)
        return self._group.get(key, key)

    def canonical(self, surface: str) -> str:
        """The display name of the person or thing ``surface`` names.

        The full form (two words or more) seen most often, the longer on a tie: "Sam
        Rainsy" over one source's "Sam Ram Rainsy", "Federal Aviation Administration" over "FAA".
        """
        if not self._built:
            self._build()
        members = self._members.get(self.group_of(surface))
        if not members:
            return re.sub(r"[’']s$", "", surface.strip())
        full = [m for m in members if len(m.split()) > 1] or members  # "Katona-Apte" is no full name
        seen: Counter[str] = Counter()
        for m in full:
            seen[name_key(m)] += self._surfaces[m]
        # A last word also seen alone backs its spelling ("Polizzi" three times over one "Pollizzi").
        # (read off the members, which keep the order of ``_surfaces``: not a scan of every name seen)
        alone = {name_key(m): self._surfaces[m] for m in members if len(m.split()) == 1}
        best = max(full, key=lambda s: (seen[name_key(s)], len(name_key(s).split()),
                                        alone.get(name_key(s).split()[-1], 0), self._surfaces[s], -members.index(s)))
        return re.sub(r"\s+", " ", NICKNAME.sub(" ", best))  # "Nicole Polizzi", not with "Snooki" inside

    def aliases(self, surface: str) -> tuple[str, ...]:
        """Every form of the name seen, with titled forms ("President Trump")."""
        if not self._built:
            self._build()
        group = self.group_of(surface)
        titled = [t for t, key in self._titled.items() if self._group.get(key, key) == group]
        return tuple(sorted({*self._members.get(group, ()), *titled}))

    def gender(self, surface: str) -> str | None:
        """"f" or "m" when the name was seen with a gendered title (Mrs., Mr., King), else None."""
        if not self._built:
            self._build()
        found = self._genders.get(self.group_of(surface), ())
        return next(iter(found)) if len(found) == 1 else None

    def _genders_by_group(self) -> dict[str, set[str]]:
        """The genders each group's titles show ("Mrs." f, "King" m), found once per build, not per question."""
        out: dict[str, set[str]] = defaultdict(set)
        for words, key in self._titles:
            ws = set(words.split())
            group = self._group.get(key, key)
            if ws & _FEMALE_TITLES:
                out[group].add("f")
            if ws & _MALE_TITLES:
                out[group].add("m")
        return out

    def titled_person(self, title: str, *, within: set[str] | None = None) -> str | None:
        """The one person seen with this title ("president" → "Bill Clinton"); None if none or several."""
        title = title.lower().strip()
        if not title or not all(w in TITLE_WORDS for w in title.split()):
            return None
        if not self._built:
            self._build()
        groups = {self._group.get(key, key) for words, key in self._titles
                  if re.search(rf"(?<![\w-]){re.escape(title)}$", words)}
        groups = {g for g in groups if self._group_labels.get(g) in (None, "PERSON")
                  and (within is None or g in within)}
        return self.canonical(next(iter(groups))) if len(groups) == 1 else None

    def label(self, surface: str) -> str | None:
        """The label of a name's alias group: its full name's, else the members' majority."""
        if not self._built:
            self._build()
        group = self.group_of(surface)
        if group in self._group_labels:
            return self._group_labels[group]
        return self.label_of_key(group)

    def is_person(self, surface: str) -> bool:
        return self.label(surface) == "PERSON"

    def person_like(self, surface: str) -> bool:
        """A person, or the last name of one ("Lee", which NER called a place, of "Ann Lee")."""
        if not self._built:
            self._build()
        return self.label(surface) == "PERSON" or self.group_of(surface) in self._surnames

    def groups(self) -> dict[str, list[str]]:
        if not self._built:
            self._build()
        return dict(self._members)


_ACRONYM_SKIP = frozenset(["of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&"])


def _acronym_of(short: str, by_initials: dict[str, list[str]], labels: dict[str, str | None]) -> str | None:
    """The one organisation or place whose initials spell ``short`` ("aclu" → "american civil liberties union")."""
    found = [k for k in by_initials.get(short, ()) if labels[k] in ("ORG", "GPE", "LOC", None)]
    return found[0] if len(found) == 1 else None


# Company forms ("Boeing Co.", "Boeing Company") and AP state abbreviations ("Fla.") that stand for a name
# the cluster also gives in full.
_COMPANY_TAILS = frozenset(["co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "plc", "llc"])
_STATE_ABBREVIATIONS = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california", "colo": "colorado",
    "conn": "connecticut", "fla": "florida", "ill": "illinois", "kan": "kansas", "ky": "kentucky",
    "md": "maryland", "mass": "massachusetts", "mich": "michigan", "minn": "minnesota", "miss": "mississippi",
    "mont": "montana", "neb": "nebraska", "nev": "nevada", "okla": "oklahoma", "tenn": "tennessee",
    "vt": "vermont", "wis": "wisconsin", "wyo": "wyoming", "nh": "new hampshire", "nj": "new jersey",
    "nm": "new mexico", "nc": "north carolina", "nd": "north dakota", "sc": "south carolina", "sd": "south dakota",
    "ri": "rhode island", "wva": "west virginia"}


def _join_short_forms(keys: Counter[str], tokens: dict[str, list[str]], group: dict[str, str]) -> None:
    """"Boeing Co." and "Boeing Company" join "Boeing"; "Fla" joins "Florida" when the cluster names it."""
    spelt = _spelt_tails(tokens)
    for k, ts in tokens.items():
        if group[k] != k:
            continue
        if len(ts) > 1 and ts[-1] in _COMPANY_TAILS and " ".join(ts[:-1]) in keys:
            group[k] = " ".join(ts[:-1])
        elif _STATE_ABBREVIATIONS.get(k) in keys:
            group[k] = _STATE_ABBREVIATIONS[k]
        elif len(ts) == 2 and ts[1] in _OF_HEADS and f"{ts[1]} of {ts[0]}" in keys:
            group[k] = f"{ts[1]} of {ts[0]}"  # "Reading University" is the University of Reading
        elif len(ts) >= 2 and (tuple(ts[:-1]), ts[-1]) in spelt:
            group[k] = spelt[(tuple(ts[:-1]), ts[-1])]  # "Cedar Hill ISD" of "Cedar Hill Independent School District"


_OF_HEADS = frozenset(["university", "college", "institute", "bank", "museum"])


def _spelt_tails(tokens: dict[str, list[str]]) -> dict[tuple[tuple[str, ...], str], str]:
    """(first words, acronym of the rest) -> the name, for every way of splitting each name of three words or
    more: ("cedar", "hill"), "isd" -> "cedar hill independent school district". Linear in the names' words²."""
    spelt: dict[tuple[tuple[str, ...], str], str] = {}
    for k, ts in tokens.items():
        for i in range(1, len(ts) - 1):
            tail = [w for w in ts[i:] if w not in _ACRONYM_SKIP]
            if len(tail) >= 2:
                spelt.setdefault((tuple(ts[:i]), "".join(w[0] for w in tail)), k)
    return spelt


def _root(group: dict[str, str], key: str) -> str:
    seen = {key}
    while group[key] != key and group[key] not in seen:
        key = group[key]
        seen.add(key)
    return key


def _similar_word(a: str, b: str) -> bool:
    """One name word spelt two ways ("mursi"/"morsi", "mohammed"/"mohamed", a typo's swapped letters
    "ilsa"/"isla") or a given name and its short form ("steve"/"stephen"); initials only match themselves."""
    if a == b or (a, b) in _SHORT_FORMS or (b, a) in _SHORT_FORMS:
        return True
    if len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return False
    return sorted(a) == sorted(b) or SequenceMatcher(None, a, b).ratio() >= 0.8


# Short forms of given names that start with the same letter (so that both fall in one bucket of _join_variants).
_SHORT_FORMS = frozenset([
    ("stephen", "steve"), ("steven", "steve"), ("michael", "mike"), ("thomas", "tom"), ("james", "jim"),
    ("david", "dave"), ("daniel", "dan"), ("christopher", "chris"), ("andrew", "andy"), ("alexander", "alex"),
    ("benjamin", "ben"), ("samuel", "sam"), ("nicholas", "nick"), ("patrick", "pat"), ("matthew", "matt"),
    ("gregory", "greg"), ("jeffrey", "jeff"), ("kenneth", "ken"), ("ronald", "ron"), ("donald", "don"),
    ("timothy", "tim"), ("joseph", "joe"), ("frederick", "fred"), ("jonathan", "jon"), ("katherine", "kate"),
    ("susan", "sue"), ("jennifer", "jen"), ("charles", "charlie"), ("william", "will"), ("edward", "ed"),
    ("philip", "phil"), ("raymond", "ray"), ("lawrence", "larry"), ("gerald", "gerry"), ("henry", "hank"),
    ("margaret", "meg"), ("robert", "rob"), ("richard", "rick"), ("douglas", "doug")])


def _join_variants(keys: Counter[str], tokens: dict[str, list[str]], labels: dict[str, str | None],
                   places: set[str], group: dict[str, str]) -> None:
    """Spelling variants of one person's full name join the form seen most ("Mohamed Mursi" → "Mohamed Morsi").

    Both names have the same number of words, one word at least the same and the
    others spelt alike; neither is a place or an organisation. Names are compared
    within buckets of their first and last letters, so this stays near linear.
    """
    buckets: dict[tuple[int, str, str], list[str]] = defaultdict(list)
    for k, ts in tokens.items():
        if len(ts) >= 2 and k not in places and labels[k] in ("PERSON", None):
            buckets[(len(ts), ts[0][:1], ts[-1][:1])].append(k)
    for names in buckets.values():
        if len(names) < 2 or len(names) > 200:
            continue
        names.sort(key=lambda k: (-keys[k], k))
        for i, k in enumerate(names):
            if group[k] != k:
                continue
            for other in names[:i]:
                a, b = tokens[k], tokens[other]
                if group[other] == other and any(x == y for x, y in zip(a, b, strict=True)) and all(
                        _similar_word(x, y) for x, y in zip(a, b, strict=True)):
                    group[k] = other
                    break


# The last word of a name says what it is, whatever the model guessed from a few words around it.
_PLACE_TAIL = frozenset([
    "city", "square", "gardens", "garden", "park", "street", "avenue", "road", "boulevard", "island", "islands",
    "river", "lake", "mountain", "mountains", "bay", "valley", "county", "province", "region", "district",
    "village", "beach", "bridge", "airport", "harbor", "harbour", "canal", "sea", "ocean", "coast", "desert",
    "strait", "peninsula", "heights", "hills", "falls", "springs", "plaza", "stadium", "arena"
])
PLACE_TAIL = _PLACE_TAIL  # the same words, for the entity's evidence
_EVENT_HEAD = frozenset(["hurricane", "typhoon", "cyclone", "storm", "tropical"])


def _kind_by_form(key: str, label: str | None) -> str | None:
    """A label the name's own words give ("Trafalgar Square" a place, "Sam Rainsy Party" an
    organisation, "Hurricane Mitch" no entity of ours), or None to keep the model's."""
    words = key.split()
    if len(words) < 2:
        return None
    if words[0] in _EVENT_HEAD:
        return "OTHER"
    if org_by_form(key):  # before the place words: a school "district" is an organisation
        return "ORG"
    if words[-1] in _PLACE_TAIL and label not in ("LOC", "GPE"):
        return "LOC" if label != "ORG" or words[-1] not in ("stadium", "arena") else label
    if words[-1] in ORG_TAIL and label in ("PERSON", "GPE", "LOC", None) and words[-1] not in ("house", "times"):
        return "ORG"
    return None


def org_by_form(key: str) -> bool:
    """Whether a name's own words make it an organisation's beyond ORG_TAIL: "Oxfam International",
    "Cedar Hill School District", "Technical Society of Zurich" (``key``: a :func:`name_key`)."""
    words = key.split()
    return len(words) > 1 and (words[-1] in _MORE_ORG_TAIL or words[-2:] == ["school", "district"]
                               or _org_of(words))


# Last words of organisations' names beside ORG_TAIL: "Oxfam International", "Chicago Tribune".
_MORE_ORG_TAIL = frozenset(["international", "tribune", "society", "academy", "airlines", "airways", "club",
                            "gazette", "herald", "magazine", "institution", "authority", "alliance", "coalition"])


def _org_of(words: list[str]) -> bool:
    """Whether the name is an organisation "of" somewhere: "Technical Society of Zurich", "David Geffen
    School of Medicine" (not "City of London", "Bay of Bengal", nor the series "House of Cards")."""
    if "of" not in words[1:]:
        return False
    head = words[words.index("of") - 1]
    return (head in ORG_TAIL | _MORE_ORG_TAIL or head == "school") and head != "house"  # "House of Cards"


def _surname_of_one(short: str, longer: list[str] | tuple[str, ...], labels: dict[str, str | None]) -> str | None:
    """The one person's full name that ends with ``short``, or None when no person's or several do."""
    people = [k for k in longer if labels[k] == "PERSON" and k.split()[-1] == short]
    return people[0] if len(people) == 1 else None


def _another_given_name(long_: list[str], short: list[str]) -> bool:
    """Whether ``long_`` is ``short`` (two words) after one more given name: "Stephen Humphrey Bogart" is
    Humphrey Bogart's son, not Humphrey Bogart; "Gov. Greg Abbott" and "Add Donald Trump" are not so read."""
    return (len(short) == 2 and len(long_) == 3 and long_[1:] == short and len(long_[0]) >= 3
            and long_[0] not in TITLE_WORDS and is_given_name(long_[0]))


# A surname of at least this many letters may be matched by its consonants: shorter ones collide (Lee/Lea).
MIN_SKELETON_WORD = 6
# How alike two spellings of one surname must still be (difflib ratio): Gadhafi/Qaddafi 0.71, Martin/Morton 0.67.
SKELETON_RATIO = 0.7
_VOWELS = re.compile(r"[aeiouyhw]")
_HARD_C = str.maketrans("qgc", "kkk")


def consonant_skeleton(word: str) -> str:
    """A name's consonants with doubles collapsed and q/g/c/k as one sound: Gadhafi, Qaddafi and
    Kadafi are all "kdf"; Linnaeus and Linneaus "lns"."""
    consonants = _VOWELS.sub("", word.lower().translate(_HARD_C))
    return re.sub(r"(.)\1+", r"\1", consonants)


def _transliterated_surname(short: str, by_skeleton: dict[str, list[str]]) -> str | None:
    """The one person whose surname is ``short`` spelt another way (a transliteration or a typo: same
    consonants, mostly the same letters), or None when none or several are."""
    if len(short) < MIN_SKELETON_WORD or not short.isalpha():
        return None
    found = {k for k in by_skeleton.get(consonant_skeleton(short), ())
             if k.split()[-1] != short and SequenceMatcher(None, short, k.split()[-1]).ratio() >= SKELETON_RATIO}
    if len({k.split()[-1] for k in found}) != 1:
        return None
    return min(found, key=lambda k: (-len(k), k))


def _person_shaped(long_: list[str], short: list[str]) -> bool:
    """Whether a name the model called an organisation or place may be a person's ("Cadel Evans"),
    ``short`` being its last word alone: no organisation's or place's word in it."""
    return long_[-1] == short[-1] and not {long_[0], long_[-1]} & (ORG_TAIL | _PLACE_TAIL)
