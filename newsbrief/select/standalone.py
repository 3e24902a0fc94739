"""Brief sentences that stand alone: what a sentence leans on is in the brief before it, or it is not there.

A news sentence often leans on the one before it in its article: a pronoun
("He had no further details."), a linking word ("But over time, ..."), a bare
definite description ("The spokesman, Ed Donovan, said ..."), or a quotation
whose speaker the next or previous sentence names. Taken alone into a brief it
makes the reader stumble. So:

- ``standalone_mask``: selection prefers sentences that lean on nothing (the
  candidates of every selector, ``base.candidate_mask``); a sentence that opens
  with a linking word stays a candidate, because the link can be dropped;
- ``settle``, after selection: a sentence that still leans on its article's
  previous sentence brings that sentence along when the budget allows, else it
  leaves and the freed room is filled; a linking opener whose linked sentence is
  not right before it is dropped as a marked ``Edit``; a sentence that repeats
  most of the content words of one already in the brief leaves (the same fact
  in other words);
- ``arrange``: the reading order. Chronological by article date when the
  articles carry different dates, else earlier-in-its-article first; a sentence
  that leans on the one before it right after that one; the focused brief's answer first.

The rules are read off the Multi-News full-text and DUC 2004 dev briefs
(issue 25); ``bench/readability_bench.py`` measures what is left with a
detector of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsbrief.datatypes import Budget, Edit
from newsbrief.represent.prepared import PreparedCluster

# Linking openers that only make sense after the sentence they link to; dropped when it is absent.
_LINK = re.compile(
    r"^(?:but|however|also|and|or|now(?=,)|so(?! far\b)|still|yet|meanwhile|moreover|furthermore|"
    r"nevertheless|nonetheless|besides|"
    r"additionally|likewise|similarly|instead|indeed|plus|therefore|in addition|as a result|"
    r"at the same time|even so|on the other hand|by contrast|in contrast|in turn|"
    r"for (?:his|her|their) part)"
    r"\b,?\s+(?=[\"“‘']?[A-Za-z0-9])", re.IGNORECASE)
# Openers that refer back; "This year" and the like do not.
# "Thus began ...", "Then came ...": links whose sentence cannot lose them (the verb comes first), and a
# first person outside quotation marks (a transcript's or a column's "I").
_PRONOUN = re.compile(r"^(?:he|she|it|they|him|them|his|her|hers|its|their|theirs|we|our|such|both|neither|thus|"
                      r"then(?![-–])|i|i['’](?:m|ve|d|ll)|my|me|"
                      r"(?:this|that|these|those)(?!\s+(?:year|week|month|morning|afternoon|evening|weekend|"
                      r"summer|winter|spring|fall|autumn|season|time|decade|century)))\b",
                      re.IGNORECASE)
_MIDDLE_LINK = re.compile(r"^[^,]{1,40}, (?:however|though|too|meanwhile|in turn|for (?:his|her|their) part),",
                          re.IGNORECASE)
# Definite descriptions of someone or something introduced earlier ("The spokesman", "The woman").
_DESCRIPTION = re.compile(
    r"^the (?:spokesman|spokeswoman|spokesperson|official|officials|man|woman|men|women|boy|girl|child|suspect|"
    r"suspects|victim|victims|couple|pair|duo|teen|teenager|driver|mother|father|son|daughter|family|company|firm|"
    r"agency|group|move|decision|incident|attack|crash|report|study|statement|letter|former|latter|singer|actor|"
    r"actress|star|two|three|four|plan|deal|bill|measure|lawsuit|complaint|ruling|case|animal|dog|officer|"
    r"officers|shooter|gunman|patient|baby)\b", re.IGNORECASE)
_QUOTE_ONLY = re.compile(r"^[\"“‘][^\"“”]*[\"”’]$")
_PRONOUN_SPEAKER = re.compile(r"[,.!?][\"”’]?\s+(?:he|she|they|it|we)\s+(?:said|says|added|told|wrote|explained|"
                              r"noted|asked|continued|insisted|recalled|argued)\b", re.IGNORECASE)
_QUOTE_MARKS = "\"“‘'"
# A sentence repeats one already in the brief when this share of its content words (of the shorter one's)
# is in it: "the same fact in other words". Chosen by reading the pairs the dev briefs held at 0.4-0.7.
# (Also requiring a share of the longer sentence's words kept more DUC 2006 R-2, +0.26, but let short
# repeats through and cost 0.3 R-2 on the Multi-News full text; not kept.)
REPEAT_SHARE = 0.6
_MIN_REPEAT_TERMS = 4
_MIN_WORDS_BROUGHT = 5  # an antecedent brought along is a sentence, not a headline or a fragment
# A sentence that leans on its predecessor brings it along when both fit (else it leaves the brief); a
# predecessor that leans on its own comes with it, up to this many sentences brought for one.
BRING_ALONG = True
_MAX_BROUGHT = 2


def dependence(text: str, *, first_in_article: bool = False) -> str | None:
    """What a sentence leans on before it: ``link``, ``pronoun``, ``description``, ``quote``; None if nothing.

    Inside a quotation the words refer within it, so only its speaker counts: an unattributed
    quotation leans on a sentence that names the speaker, and '..., he said' on one that names him.
    An article's first sentence introduces what it names, so its definite descriptions count as names.
    """
    stripped = text.strip()
    if _QUOTE_ONLY.match(stripped):
        return "quote"
    if stripped[:1] in _QUOTE_MARKS:
        return "pronoun" if _PRONOUN_SPEAKER.search(stripped) else None
    link = _LINK.match(stripped)
    if link:  # "But he ..." leans on more than its link: what is left must stand alone
        return dependence(stripped[link.end():], first_in_article=first_in_article) or "link"
    if _PRONOUN.match(stripped) or _MIDDLE_LINK.match(stripped) or _PRONOUN_SPEAKER.search(stripped):
        return "pronoun"
    if not first_in_article and _DESCRIPTION.match(stripped):
        return "description"
    return None


def standalone_mask(cluster: PreparedCluster) -> np.ndarray:
    """True for each sentence that leans on no earlier sentence (a linking opener aside: it can be dropped)."""
    key = ("standalone",)
    cached = cluster.memo.get(key)
    if cached is None:
        cached = np.array([kind in (None, "link") for kind in _dependences(cluster)], dtype=bool)
        cached.flags.writeable = False
        cluster.memo[key] = cached
    return cached  # type: ignore[return-value]


def _dependences(cluster: PreparedCluster) -> list[str | None]:
    """Each sentence's ``dependence`` in its article, found once a cluster (the mask, ``settle`` and
    ``arrange`` all ask)."""
    key = ("dependence",)
    kinds = cluster.memo.get(key)
    if kinds is None:
        kinds = cluster.memo[key] = [dependence(s.text, first_in_article=s.index == 0) for s in cluster.sentences]
    return kinds  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Pick:
    """A sentence going into the brief, and the text it shows (its source sentence with ``edits`` made)."""

    index: int
    text: str
    edits: tuple[Edit, ...] = ()


# What a dateline left before a sentence once cleaning took the place name: "— A quick-thinking dispatcher ...".
_DEBRIS = re.compile(r"^(?:[—–-]+|\.\.\.|…)\s*(?=[\"“‘']?[A-Za-z0-9])")


_UNLINKED = "linking word dropped: the sentence it links to is not in the brief"


def drop_link(text: str, *, pattern: re.Pattern[str] = _LINK, why: str = _UNLINKED) -> tuple[str, tuple[Edit, ...]]:
    """``text`` without its linking opener (the next letter capitalised), and the edit; as is if none."""
    match = pattern.match(text)
    if match is None:
        return text, ()
    rest = text[match.end():]
    head = next((k for k, ch in enumerate(rest) if ch.isalpha()), None)
    if head is None:
        return text, ()
    cut = match.end() + head + 1  # the edit spans the opener and the letter recased after it
    now = text[match.end():cut]
    now = now[:-1] + now[-1].upper()
    edit = Edit(0, cut, text[:cut], now, why=why)
    return edit.apply(text), (edit,)


def _context(cluster: PreparedCluster, index: int, chosen: dict[int, Pick]) -> list[int] | None:
    """The sentences ``index`` needs before it that are not in the brief yet (earliest first): its
    article's previous sentence, and that one's if it leans on it too, up to ``_MAX_BROUGHT``; None
    when what it leans on cannot come along (a fragment, debris, or a longer chain)."""
    needed: list[int] = []
    current = index
    while _leans(cluster, current) and dependence(cluster.sentences[current].text) != "link":
        before = _antecedent(cluster, current)
        if before is None or before in chosen:
            break
        if not BRING_ALONG or len(needed) >= _MAX_BROUGHT or not _can_bring(cluster, before):
            return None
        needed.insert(0, before)
        current = before
    return needed


def _can_bring(cluster: PreparedCluster, index: int) -> bool:
    """Whether a sentence may come along as another's antecedent: prose, not debris."""
    return bool(cluster.is_prose[index] and not cluster.is_junk[index]
                and len(cluster.sentences[index].text.split()) >= _MIN_WORDS_BROUGHT)


def _antecedent(cluster: PreparedCluster, index: int) -> int | None:
    """The sentence before ``index`` in its article (flat index), or None for an article's first."""
    sentence = cluster.sentences[index]
    if sentence.index == 0 or index == 0:
        return None
    previous = cluster.sentences[index - 1]
    return index - 1 if previous.doc_index == sentence.doc_index else None


def repeats_any(terms: set[str], taken: Sequence[set[str]]) -> bool:
    """Whether a sentence of content ``terms`` states the fact of one of ``taken`` (see REPEAT_SHARE)."""
    if len(terms) < _MIN_REPEAT_TERMS:
        return False
    for other in taken:
        shared = len(terms & other)
        if len(other) >= _MIN_REPEAT_TERMS and shared >= REPEAT_SHARE * min(len(terms), len(other)):
            return True
    return False


class _Room:
    """What is left of the budget as picks are made."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.extra = 1 if budget.unit == "bytes" else 0
        self.left = float(budget.limit + self.extra)

    def cost(self, text: str) -> float:
        return float(self.budget.cost(text) + self.extra)

    def fits(self, *texts: str) -> bool:
        return sum(self.cost(t) for t in texts) <= self.left

    def take(self, text: str) -> None:
        self.left -= self.cost(text)


def settle(cluster: PreparedCluster, ranked: Sequence[int], budget: Budget, *, first: int | None = None,
           fill: Sequence[int] = ()) -> list[Pick]:
    """The brief's picks from the selector's ``ranked`` sentences (best first), each standing alone.

    Args:
        ranked: the selector's choice, best first; taken while it fits ``budget``.
        first: a sentence that must come first and stay (a focused brief's answer).
        fill: further sentences, best first, that may fill room a dropped sentence freed.

    Returns:
        Picks in priority order: ``first``, then each kept sentence preceded by any sentence it
        brought along. ``arrange`` gives the reading order.
    """
    room = _Room(budget)
    chosen: dict[int, Pick] = {}
    order: list[int] = []
    taken_terms: list[set[str]] = []
    queue = ([first] if first is not None else []) + [i for i in ranked if i != first]
    queued = set(queue)
    queue += [i for i in fill if i not in queued]
    count_limit = budget.limit if budget.unit == "sentences" else None
    for index in queue:
        if index in chosen:
            continue
        if count_limit is not None and len(order) >= count_limit:
            break
        text = cluster.sentences[index].text
        if not room.fits(text):
            continue  # whatever it brought along, it would not fit after it (the last check below)
        terms = set(cluster.terms[index])
        if index != first and repeats_any(terms, taken_terms):
            continue
        bring = _context(cluster, index, chosen)
        if bring is None or (bring and not (
                room.fits(*(cluster.sentences[k].text for k in bring), text)
                and (count_limit is None or len(order) + len(bring) + 1 <= count_limit))):
            if index != first:
                continue  # it would dangle: leave it, the room goes to the next
            bring = []
        for extra in bring:
            chosen[extra] = Pick(extra, cluster.sentences[extra].text)
            order.append(extra)
            room.take(cluster.sentences[extra].text)
            taken_terms.append(set(cluster.terms[extra]))
        if not room.fits(text):
            continue
        chosen[index] = Pick(index, text)
        order.append(index)
        room.take(text)
        taken_terms.append(terms)
    return [_unlinked(cluster, chosen[i], chosen) for i in order]


def _unlinked(cluster: PreparedCluster, pick: Pick, chosen: dict[int, Pick]) -> Pick:
    """The pick without its linking opener when the sentence it links to is not in the brief, and without
    a dash or ellipsis a dateline left before it."""
    if _DEBRIS.match(pick.text):
        text, edits = drop_link(pick.text, pattern=_DEBRIS, why="dateline dash dropped: its place name was cleaned")
        return Pick(pick.index, text, edits)
    if _antecedent(cluster, pick.index) in chosen or not _LINK.match(pick.text):
        return pick
    text, edits = drop_link(pick.text)
    return Pick(pick.index, text, edits)


def arrange(cluster: PreparedCluster, picks: Sequence[int], *, first: int | None = None) -> list[int]:
    """The reading order of ``picks``: ``first`` (with what it leans on) at the top, then chronological by
    article date where the articles' dates differ, else earlier in its article first; a sentence that
    leans on its article's previous sentence right after it when both are in the brief."""
    chosen = set(picks)
    dated = {cluster.articles[cluster.sentences[i].doc_index].published for i in picks}
    chronological = None not in dated and len(dated) > 1

    def key(index: int) -> tuple[float, ...]:
        sentence = cluster.sentences[index]
        published = cluster.articles[sentence.doc_index].published
        when = published.timestamp() if published else 0.0
        if chronological:
            return (when, sentence.doc_index, sentence.index, index)
        return (sentence.index, when, sentence.doc_index, index)

    def glued(index: int) -> bool:  # leans on its article's previous sentence, and that one is in the brief
        return _antecedent(cluster, index) in chosen and _leans(cluster, index)

    heads = sorted((i for i in picks if not glued(i)), key=key)
    if first is not None:
        head = first
        while glued(head):
            head = _antecedent(cluster, head)  # type: ignore[assignment]
        heads.remove(head)
        heads.insert(0, head)
    out: list[int] = []
    for head in heads:
        index: int | None = head
        while index is not None:
            out.append(index)
            after = index + 1
            index = after if after < len(cluster.sentences) and after in chosen and glued(after) else None
    return out


def _leans(cluster: PreparedCluster, index: int) -> bool:
    return _dependences(cluster)[index] is not None
