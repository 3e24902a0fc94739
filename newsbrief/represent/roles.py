"""Who did what to whom: the named participants of a sentence's deeds, read from the surface of the sentence.

A source that tells the same deed with its participants in other roles does not state a claim: "Kim supports
Clinton" is not stated by "Clinton restated his support for Kim's policy", nor "the United States rejected the
request" by "U.S. officials were rebuffed in their request". Word overlap, figures and names all agree there; only
the roles differ. A deed is read as a *frame*: the deed's key (a stem, with a few synonyms joined) and the name
that does it (agent) and the name it is done to (patient), from four plain shapes of English:

- active: "Clinton beat Dole", "Yilmaz's party supported Erez" (a name, or a body of a named person, before a
  past or present verb form, and a name right after it);
- passive: "Dole was beaten by Clinton" (the subject is the patient, the name after "by" the agent);
- held support: "Ecevit has the support of Yilmaz", "got backing from Yilmaz" (the subject receives, the name
  after "of"/"from" gives);
- possessed deed: "Clinton's support for Kim", "Ecevit's backing" (the owner gives, the name after "for" receives).

A possessive pronoun stands for its reporting verb's subject or the last name before it ("Clinton restated his
support": Clinton's). Denials are read here too (``read_denials``): "Sudan denies involvement" is not stated by,
and does not state, "troops from ... the Sudan are involved". No parser:
spaCy's parser costs 0.7 s to load and 4 ms a sentence here, and attached "Premier Mesut Yilmaz" to the wrong
word in the first labelled case; these shapes cost microseconds and are read only when a sentence names someone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from newsbrief.names.patterns import NameSpan, name_key
from newsbrief.represent.tokens import stem, stop_words


class Frame(NamedTuple):
    """One deed and its named participants ("" where the sentence names none in that role)."""

    deed: str  # the deed's key: a stem, or the first stem of its synonym group
    agent: str  # name key of who does it
    patient: str  # name key of whom it is done to


# (claim's name key, source's name key) -> whether they name one participant ("kim" / "kim dae-jung").
SameName = Callable[[str, str], bool]

# Deeds told in other words by other reports; the first stem names the group.
_SYNONYMS = [("support", "back", "endors"), ("reject", "rebuf", "rebuff", "spurn", "refus"),
             ("defeat", "beat", "beaten"), ("accus", "blame"), ("kill", "murder", "slay", "slain"),
             ("attack", "assault"), ("hire", "employ"), ("sue",), ("fire", "dismiss", "sack")]
_GROUP = {s: group[0] for group in _SYNONYMS for s in group}
# Deeds done together, where a swap changes nothing: "Kim met Clinton" is "Clinton met Kim".
_SYMMETRIC = frozenset(stem(w) for w in [
    "meet", "met", "talk", "spoke", "speak", "marry", "married", "wed", "date", "fight", "fought", "clash", "battle",
    "play", "face", "tie", "draw", "negotiate", "join", "partner", "merge", "ally", "embrace", "hug", "kiss",
    "greet", "call", "phoned", "phone", "visit", "agree", "compete", "debate", "trade", "swap", "sign", "share",
    "resemble", "match", "join", "unite", "reconcile", "correspond", "divorce", "split", "collide", "engage"])
# Words that report, not do: "said" has no patient, and a report is not the deed it reports.
_REPORTING = frozenset(["said", "says", "told", "tells", "added", "adds", "stated", "states", "announced",
                        "announces", "reported", "reports", "noted", "notes", "according", "asked", "asks",
                        "wrote", "writes", "explained", "explains", "insisted", "insists", "claimed", "claims",
                        "quoted", "quotes", "cited", "cites"])
# Participles after "be" that tell a state, not a deed done to the subject ("Washington is concerned").
_STATES = frozenset(["concerned", "worried", "interested", "pleased", "satisfied", "disappointed", "surprised",
                     "shocked", "determined", "committed", "prepared", "expected", "supposed", "scheduled", "based",
                     "located", "involved", "married", "related", "aged", "known", "called", "named", "used",
                     "set", "due", "engaged", "opposed", "convinced", "tired", "frustrated", "entitled", "allowed"])
# Past forms that do not end in -ed.
_IRREGULAR = frozenset(["beat", "beats", "won", "led", "hit", "shot", "struck", "sent", "took", "caught", "fought",
                        "sought", "slew", "slain", "bit", "threw", "sold", "bought", "paid", "told", "left", "chose",
                        "overtook", "overthrew", "ousted", "held", "freed", "fled", "met", "spoke", "wed"])
_BE = frozenset(["was", "were", "is", "are", "been", "being", "be", "got", "get", "gets"])
# Words that may stand between a subject and its verb ("Ecevit already has", "Kim firmly said").
_BETWEEN = frozenset(["already", "also", "has", "have", "had", "will", "would", "did", "does", "do", "then",
                      "later", "again", "just", "still", "now", "recently", "once", "formally", "publicly"])
_NEGATION = frozenset(["not", "never", "no", "nt", "n't", "cannot"])
_LEAD_IN = _BETWEEN | _BE | _NEGATION
# Verbs that hold a deed done by another: "has the support of", "got backing from".
_HOLD = frozenset(["has", "have", "had", "got", "gets", "gained", "gains", "won", "wins", "received", "receives",
                   "enjoys", "enjoyed", "secured", "secures", "lost", "loses", "lacks", "lacked", "sought", "seeks",
                   "won"])
_DETERMINERS = frozenset(["the", "a", "an", "his", "her", "their", "its", "this", "our", "some", "any",
                          "strong", "full", "firm", "public", "formal", "open", "unanimous", "tacit", "key"])
_POSSESSIVE_PRONOUNS = frozenset(["his", "her", "their", "its"])
# Bodies that act for the person who owns them: "his party supported Erez" is Yilmaz's deed, told of Yilmaz.
_BODIES = frozenset(["party", "government", "administration", "country", "team", "side", "camp", "army", "forces",
                     "troops", "nation", "company", "firm", "campaign", "office", "ministry", "delegation"])
# Words after which a name opens a clause, so may be its subject ("said his party supported", "and Kim beat").
_OPENERS = frozenset([",", ";", ":", "(", "—", "and", "that", "but", "while", "when", "after", "as", "because"])
# Common nouns after a name that act for it: "U.S. officials", "Turkish troops".
_ACTING_FOR = frozenset(["officials", "leaders", "negotiators", "diplomats", "authorities", "police", "forces",
                         "troops", "government", "administration", "delegation", "envoys", "prosecutors"])
# Words that stand for a name ("his", "U.S. officials"): the second pass is read only where one is.
_REFERRING = _POSSESSIVE_PRONOUNS | _ACTING_FOR
# Tokens: a word, or a mark that ends a phrase.
_TOKEN = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*|[,;:.!?()—]")
# Names a frame may take: at most this many tokens between a deed and the name it is done to.
_REACH = 4


class _Tok(NamedTuple):
    word: str  # lower-cased word, a mark, or "" for a name
    name: str  # name key ("" for a word)
    possessive: bool  # a name followed by 's
    pronoun: bool = False  # a possessive pronoun standing for the last name before it


def read_frames(span: str, found: Sequence[NameSpan]) -> tuple[Frame, ...]:
    """The frames of ``span`` (see the module docstring); ``found`` are its names (``names.patterns.find_names``)."""
    if not found:
        return ()
    toks = _tokens(span, found)
    stops = stop_words()
    out: list[Frame] = []
    for i in range(1, len(toks)):
        word, before = toks[i].word, toks[i - 1]
        if not (before.name or before.word in _LEAD_IN or before.word.endswith("ly") or word in _HOLD):
            continue  # a frame's verb follows its subject, or words that stand between ("Ecevit already has")
        if not word or (word in stops and word not in _HOLD) or not word.isalpha():
            continue
        out.extend(_frames_at(toks, i))
    return tuple(dict.fromkeys(f for f in out if (f.agent or f.patient) and f.agent != f.patient))


def role_clash(claim: Sequence[Frame], source: Sequence[Frame], same_name: SameName) -> tuple[str, str] | None:
    """The claim's participant that the source puts in the other role of the same deed, as (the claim's
    "agent deed" or "deed patient", the source's), or None.

    A clash is a swap ("Kim supports Clinton" / "Clinton ... support for Kim"), or the claim's doer told as the
    one it is done to ("the United States rejected" / "U.S. officials were rebuffed"), or the one it is done to
    told as a doer ("the support of Yilmaz" for Ecevit / "Ecevit's backing" of Erez). Never when the source also
    tells the deed in the claim's roles, and never for deeds done together ("met", "talked")."""
    for c in claim:
        if c.deed in _SYMMETRIC:
            continue
        theirs = [s for s in source if s.deed == c.deed]
        if not theirs or any(_all_roles(c, s, same_name) for s in theirs):
            continue  # the source tells the deed with every participant the claim names, in the claim's roles
        for s in theirs:
            if c.agent and s.patient and same_name(c.agent, s.patient) and not _fills(s.agent, c.agent, same_name):
                return f"{c.agent} {c.deed}", f"{s.deed} {s.patient}"
            if c.patient and s.agent and same_name(c.patient, s.agent) and not _fills(s.patient, c.patient,
                                                                                        same_name):
                return f"{c.deed} {c.patient}", f"{s.agent} {s.deed}"
        other = _replaced(c, theirs, same_name)
        if other is not None:
            return other
    return None


def _replaced(c: Frame, theirs: Sequence[Frame], same_name: SameName) -> tuple[str, str] | None:
    """The claim's patient replaced by another named one, the same agent doing the same deed ("the support of
    Yilmaz" for Ecevit / "his party supported Erez"). Both frames name both roles, and no frame of the source
    names the claim's patient in that role (a deed done to two: "supported Erez and Ecevit")."""
    if not (c.agent and c.patient):
        return None
    if any(_fills(s.patient, c.patient, same_name) for s in theirs):
        return None
    for s in theirs:
        if s.patient and _fills(s.agent, c.agent, same_name) and not same_name(c.patient, s.patient):
            return f"{c.deed} {c.patient}", f"{s.deed} {s.patient}"
    return None


def _fills(role: str, name: str, same_name: SameName) -> bool:
    return bool(role) and same_name(name, role)


def _all_roles(c: Frame, s: Frame, same_name: SameName) -> bool:
    """Whether ``s`` tells every participant ``c`` names in the role ``c`` gives it."""
    return (not c.agent or _fills(s.agent, c.agent, same_name)) and (
        not c.patient or _fills(s.patient, c.patient, same_name))


def _tokens(span: str, found: Sequence[NameSpan]) -> list[_Tok]:
    """Words and marks of ``span``, a name one token; possessive pronouns and bodies of a named person ("his
    party") stand for the last name before them."""
    low = span.lower().replace("’", "'")
    toks: list[_Tok] = []
    at = 0
    possessive = False
    for n in [*found, None]:
        words = _TOKEN.findall(low, at, len(span) if n is None else n.start)
        if possessive and words and words[0] in ("s", "'s"):
            words = words[1:]
        toks += [_Tok(w[:-2] if w.endswith("'s") and len(w) > 2 else w, "", False) for w in words]
        if n is None:
            break
        possessive = n.possessive or low[n.end:n.end + 2] == "'s"
        toks.append(_Tok("", name_key(n.text), possessive))
        at = n.end
    if not _REFERRING.intersection(t.word for t in toks):
        return toks
    out: list[_Tok] = []
    for k, t in enumerate(toks):
        if t.word in _POSSESSIVE_PRONOUNS and (owner := _owner(out)):
            # "his support" is the owner's; "his party supported" is the owner's deed too
            nxt = toks[k + 1].word if k + 1 < len(toks) else ""
            body = nxt in _BODIES
            out.append(_Tok("", owner, not body, not body))
            if body:
                toks[k + 1] = _Tok("\0", "", False)  # the body is its owner's: skip it
        elif t.word in _ACTING_FOR and out and out[-1].name and not out[-1].possessive:
            continue  # "U.S. officials were rebuffed": the officials act for the name
        elif t.word != "\0":
            out.append(t)
    return out


def _owner(before: list[_Tok]) -> str:
    """Whose a possessive pronoun is: after a reporting verb, its subject's ("Kim, who ..., firmly said his
    government"); otherwise the last name before it ("Clinton restated his support")."""
    j = len(before) - 1
    if j >= 0 and before[j].word in ("that",):
        j -= 1
    if j >= 0 and before[j].word in _REPORTING:
        j -= 1
        while j >= 0 and (before[j].word in _BETWEEN or before[j].word.endswith("ly")):
            j -= 1
        if j >= 0 and before[j].name and not before[j].pronoun:
            return before[j].name
        if j >= 0 and before[j].word == ",":  # past a relative clause: "Kim, who has moved ..., said"
            for k in range(j - 1, 0, -1):
                if before[k].word == "who" and before[k - 1].word == "," and k >= 2 and before[k - 2].name:
                    return before[k - 2].name
                if before[k].word in (".", ";"):
                    break
    return next((t.name for t in reversed(before) if t.name), "")


def _verb_form(word: str) -> bool:
    """A past or present verb form that can take a patient ("rejected", "supports", "beat")."""
    if word in _REPORTING or word in stop_words() or len(word) < 3:
        return False
    return word in _IRREGULAR or word.endswith("ed") or (word.endswith("s") and not word.endswith("ss"))


def _participle(word: str) -> bool:
    """A past participle ("rebuffed", "beaten", "shot") after a form of "be": a passive."""
    return word not in stop_words() and word not in _REPORTING and len(word) > 3 and (
        word in _IRREGULAR or word.endswith(("ed", "en", "wn")))


def _key(word: str) -> str:
    s = stem(word)
    return _GROUP.get(s, _GROUP.get(word, s))


def _frames_at(toks: list[_Tok], i: int) -> list[Frame]:
    """Frames whose deed word is ``toks[i]``."""
    word = toks[i].word
    subject, be, negated = _subject_before(toks, i)
    out: list[Frame] = []
    if negated:
        return out  # "did not support": polarity's job
    if word in _HOLD and not be:
        # "Ecevit has the support of Yilmaz": the deed is the noun after the holding verb
        j = i + 1
        while j < len(toks) and toks[j].word in _DETERMINERS:
            j += 1
        if j + 1 < len(toks) and toks[j].word.isalpha() and toks[j + 1].word in ("of", "from"):
            giver = _name_after(toks, j + 2)
            if giver or subject:
                out.append(Frame(_key(toks[j].word), giver, subject))
        if word in stop_words():
            return out
    if i > 0 and toks[i - 1].possessive and toks[i - 1].name and i + 1 < len(toks) and toks[i + 1].word == "for":
        # "Clinton's support for Kim": only with "for" is the owner the doer ("Graham's conviction" is done to him)
        receiver = _name_after(toks, i + 2)
        if receiver:
            out.append(Frame(_key(word), toks[i - 1].name, receiver))
        return out
    if not subject:
        return out
    if be:
        by = _name_after(toks, i + 1) if i + 1 < len(toks) and toks[i + 1].word == "by" else ""
        if _participle(word) and word not in _STATES:
            out.append(Frame(_key(word), by, subject))
        return out
    if not _verb_form(word) or (i + 1 < len(toks) and toks[i + 1].word == "to"):
        return out  # "Wang tried to mount his own defense": the deed is the verb after "to", not "tried"
    j = i + 1
    while j < len(toks) and toks[j].word in _DETERMINERS:
        j += 1
    patient = toks[j].name if j < len(toks) and toks[j].name and j - i <= _REACH else ""
    out.append(Frame(_key(word), subject, patient))
    return out


def _subject_before(toks: list[_Tok], i: int) -> tuple[str, bool, bool]:
    """(the name that is the subject of the verb at ``i``, whether a form of "be" stands between, whether a
    negation does). The name must open its clause: not after "of", "to", "by" ..."""
    be = negated = False
    j = i - 1
    while j >= 0 and (toks[j].word in _BETWEEN or toks[j].word in _BE or toks[j].word in _NEGATION
                      or toks[j].word.endswith("ly")):
        be = be or toks[j].word in _BE
        negated = negated or toks[j].word in _NEGATION
        j -= 1
    if j < 0 or not toks[j].name or toks[j].possessive:
        return "", be, negated
    before = toks[j - 1].word if j > 0 else ","
    if before == "the":
        before = toks[j - 2].word if j > 1 else ","
    if before and before not in _OPENERS and before not in _REPORTING:
        return "", be, negated
    return toks[j].name, be, negated


def _name_after(toks: list[_Tok], j: int) -> str:
    """The first name within reach after ``j``, past determiners, common words and one comma ("the support of
    her arch-rival, outgoing Premier Mesut Yilmaz"): an appositive names the one the common words describe, and
    a possessive pronoun ("her") only says whose they are."""
    commas = 0
    for k in range(j, min(len(toks), j + _REACH + 3)):
        t = toks[k]
        if t.name and not t.pronoun:
            return t.name
        if t.word == ",":
            commas += 1
            if commas > 1:
                return ""
        elif t.word in (";", ":", ".", "(", ")", "—", "and", "or", "who", "which", "that", "but"):
            return ""
    return ""


# Verbs that deny a deed: "Sudan denies involvement", "Sudan denied that its troops were involved".
_DENY = frozenset(["deny", "denies", "denied", "denying"])
# How far after "denied that" the denied deed is sought.
_DENIAL_REACH = 6


def read_denials(span: str, found: Sequence[NameSpan]) -> tuple[tuple[str, str], ...]:
    """(name key, the word of the deed it denies) per denial in ``span`` whose subject is named ("Sudan denies
    involvement" gives ("sudan", "involvement")). Not a denial that is itself denied ("did not deny")."""
    if not found or "den" not in span:
        return ()
    toks = _tokens(span, found)
    stops = stop_words()
    out = []
    for i, t in enumerate(toks):
        if t.word not in _DENY:
            continue
        subject, _, negated = _subject_before(toks, i)
        if not subject or negated:
            continue
        deed = ""
        if i + 1 < len(toks) and toks[i + 1].word == "that":
            for k in range(i + 2, min(len(toks) - 1, i + 2 + _DENIAL_REACH)):
                if toks[k].word in _BE and toks[k + 1].word.isalpha() and toks[k + 1].word not in stops:
                    deed = toks[k + 1].word  # "denied that its troops were involved"
                    break
        else:
            k = i + 1
            while k < len(toks) and toks[k].word in _DETERMINERS:
                k += 1
            if k < len(toks) and toks[k].word.isalpha() and toks[k].word not in stops and not _given_to(toks, k + 1):
                deed = toks[k].word  # "denies involvement", "denied any wrongdoing"
        if deed and deed not in _NOT_DEEDS:
            out.append((subject, deed))
    return tuple(out)


def _given_to(toks: list[_Tok], k: int) -> bool:
    """Whether "to" follows in the clause: "denied recognition at its convention to the Log Cabin Republicans"
    withholds a thing from someone, it denies no deed."""
    for t in toks[k:k + _DENIAL_REACH]:
        if t.word == "to":
            return True
        if t.word in (",", ";", ":", ".", "(", "—"):
            return False
    return False


# Words after "denied" that are no deed of the subject's: "denied permission", "denied bail" are done to it.
_NOT_DEEDS = frozenset(["permission", "access", "bail", "entry", "request", "requests", "visa", "visas", "parole",
                        "reports", "report", "claims", "allegations", "charges", "rumors", "rumours", "it", "them"])


# Stems of words that tell a charge: "Smith was accused of wrongdoing" is not contradicted by "Smith denied it".
_CHARGES = frozenset(stem(w) for w in ["accused", "alleged", "allegation", "charged", "suspected", "blamed",
                                       "implicated", "linked"])


def denial_clash(span: str, found: Sequence[NameSpan], claim_denials: Sequence[tuple[str, str]],
                 source_denials: Sequence[tuple[str, str]], same_name: SameName) -> tuple[str, str] | None:
    """A deed the source says a named party denies ("Sudan denies involvement") where ``span`` (the claim) tells
    it of that party in one clause ("troops from Chad and the Sudan are involved"), telling no denial itself."""
    if claim_denials or not found:
        return None
    toks = _tokens(span, found)
    words = {t.word for t in toks}
    if words & _DENY or {stem(w) for w in words if w.isalpha()} & _CHARGES:
        return None  # a claim that tells the denial, or the charge it answers ("was accused of")
    for who, deed in source_denials:
        if _told_of(toks, who, deed, same_name):
            return f"{who} {deed}", f"{who} denies {deed}"
    return None


def _told_of(toks: list[_Tok], who: str, deed: str, same_name: SameName) -> bool:
    """Whether the deed (the denied word) follows a name of ``who`` in its clause, in the denied word's own family
    ("involved" for "involvement"; "response" is not "responsibility" though both stem to "respons")."""
    for i, t in enumerate(toks):
        if not (t.name and same_name(t.name, who)):
            continue
        for u in toks[i + 1:i + 1 + _CLAUSE_REACH]:
            if u.word in (",", ";", ":", ".", "(", ")", "—", "but", "while", "although"):
                break
            if u.word.isalpha() and _same_family(u.word, deed):
                return True
    return False


# Tokens after a party's name that the deed told of it may stand in ("troops from ... the Sudan are involved").
_CLAUSE_REACH = 8


def _same_family(word: str, denied: str) -> bool:
    """One word family: the same stem, and the letter after the stem the same ("involved"/"involvement")."""
    s = stem(word)
    return s == stem(denied) and word[:len(s) + 1] == denied[:len(s) + 1]
