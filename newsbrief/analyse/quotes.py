"""Direct quotations, who said them, and which sources carry them.

Quotations are the text between quote marks (straight or curly), found inside
the segmenter's sentences (which keep a quote of several sentences whole); their
speakers come from ``speakers.py``. The same quotation in several sources, whole
or in pieces, becomes one :class:`Quote`, its speaker the one the sources give
(named ones count double), normalised to one name per person.

Every quote returned is checked by :func:`verify_quote`: its text must stand
verbatim (quote characters and whitespace aside) between quote marks in a source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from newsbrief.analyse.cue_words import SPEECH_VERB, WORD
from newsbrief.analyse.quote_marks import DOUBLE_MARKS, OPEN_MARKS, SINGLE_MARKS, STRAIGHT_MARK, quote_spans
from newsbrief.analyse.speakers import Resolver
from newsbrief.datatypes import Quote, Sentence, Span
from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import find_names

# Quotes shorter than this are mostly scare quotes ("difficult") and titles;
# 4 words keeps the seed's partial quotes and drops those.
MIN_QUOTE_WORDS = 4
# Speaker conflicts need a passage long enough that two people are unlikely to
# have said it independently.
MIN_CONFLICT_WORDS = 6


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One quoted passage in one source, and its speaker if the text names one."""

    source: int  # 1-based source number
    sentence: int  # position in that source's sentence list
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    speaker: str | None = None  # canonical name
    cue: str = ""  # after, before, according, reported, continued ("" = none)
    named: bool = False  # the speaker's name (not a pronoun) stands in this sentence
    open_end: bool = False  # no closing mark: the quotation runs on into the next paragraph


# A sentence that is only an attribution: a subject, maybe an adverb, a speech verb, maybe a time.
_ATTRIBUTION_ONLY = re.compile(rf"^[^\W\d][\w.’' -]{{0,60}}?\s(?:\w+ly\s|later\s|then\s|also\s)?{SPEECH_VERB.pattern}"
                               r"(?:\s+(?:on\s+)?\w+)?\.?$")


# "Trump wrote on Twitter, …": a sentence that opens with a name and a verb of saying.
_OPENS_WITH_ATTRIBUTION = re.compile(rf"(?:[A-Z][\w.’'-]*\s+){{1,4}}?(?:\w+ly\s+)?{SPEECH_VERB.pattern}")


# "- “Pauline”" ending a quotation's paragraph: the one who wrote or said it.
_SIGNATURE = re.compile(r"\s*[-—–]+\s*[\"“]?([A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,3})[\"”]?\s*")


def normalise_quote(text: str) -> str:
    """Quote text for comparison: no double-quote marks, one kind of apostrophe, single spaces."""
    text = re.sub(f"[{DOUBLE_MARKS}]", "", text)
    text = re.sub(f"[{SINGLE_MARKS}']", "'", text)
    return re.sub(r"\s+", " ", text).strip()


def _grouping_key(text: str) -> str:
    return normalise_quote(text).casefold().strip(" ,.;:!?…—–-'")


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Content bounds without surrounding spaces and a closing comma or dash."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


def _looks_like_title(text: str) -> bool:
    words = WORD.findall(text)
    if len(words) <= 6 and text.endswith(".") and not text.endswith(".."):
        text = text[:-1]  # "for "Gay Awareness Week 1998."": the period of the sentence, inside the marks
    if re.search(r"[!?;]|\.\s", text):
        return False  # "Absolutely not! Outrageously not": speech, however cased
    long_words = [w for w in words if len(w) > 3 and not w.isdigit()]
    return bool(long_words) and all(w[0].isupper() for w in long_words) and text[-1:] not in ".?!"


def extract_quotes(texts: Sequence[str], sentences: Sequence[Sequence[Sentence]], index: NameIndex, *,
                   proper: frozenset[str] | None = None) -> list[QuoteMention]:
    """Every quoted passage of at least MIN_QUOTE_WORDS words, with its speaker where the text names one.

    Args:
        texts: each source's text (source ``i + 1`` is ``texts[i]``).
        sentences: each source's kept sentences, in text order.
        index: the cluster's names, to tell people apart and normalise them.
        proper: capitalised words seen mid-sentence (see ``entities.proper_words``).

    Returns:
        Mentions in source order, then text order.
    """
    resolver = Resolver(texts, sentences, index, proper)
    out: list[QuoteMention] = []
    for i, sents in enumerate(sentences):
        text, source = texts[i], i + 1
        for k, sent in enumerate(sents):
            next_opens = (k + 1 < len(sents)
                          and text[sents[k + 1].start:sents[k + 1].start + 1] in OPEN_MARKS + STRAIGHT_MARK)
            # A quotation still open when the next sentence opens another ends here: at a paragraph's end
            # (news style for a quote that runs on), or inside one where the source lost the closing mark.
            spans = quote_spans(text, sent.start, sent.end, open_to_end=next_opens)
            if not spans:
                continue
            gaps = _gaps(spans, sent.start, sent.end)
            frame = "".join(text[a:b] for a, b in gaps)
            # A sentence that is only quotation, or opens with one and names nobody and
            # no act of saying in between ("…," given the poet's politics, "…"), goes on
            # with the previous sentence's speaker.
            pure = not WORD.search(frame) or (
                spans[0][0] == sent.start and not SPEECH_VERB.search(frame) and not any(
                    resolver.is_person(n.text) for a, b in gaps
                    for n in find_names(text, a, b, proper=proper) if not n.possessive))
            found: list[QuoteMention] = []
            short: list[QuoteMention] = []  # too short to show, but they carry a speaker on
            cue_in_next = False
            for n, (mark_start, c_start, c_end, mark_end) in enumerate(spans):
                start, end = _trim(text, c_start, c_end)
                content = text[c_start:c_end]
                too_short = word_count(text[start:end]) < MIN_QUOTE_WORDS
                seg_before = spans[n - 1][3] if n else sent.start
                seg_after = spans[n + 1][0] if n + 1 < len(spans) else sent.end
                cue, speaker, named = "", None, False
                hit, speaker, named = resolver.after(source, k, text, mark_end, content, mark_end, seg_after)
                if hit:
                    cue = "after"
                else:
                    cue, speaker, named = resolver.before(source, k, text, seg_before, mark_start, sent.start)
                    if cue == "reported":
                        hit, who, was_named = resolver.according(source, k, text, sent.start, sent.end)
                        if hit:
                            cue, speaker, named = "according", who, was_named
                    elif not cue:
                        hit, speaker, named = resolver.according(source, k, text, sent.start, sent.end)
                        cue = "according" if hit else ""
                if not cue:
                    hit, speaker, named = resolver.final(source, k, text, mark_end, sent.start, sent.end)
                    cue = "final" if hit else ""
                if not cue and not n:
                    speaker = resolver.dialogue_label(text, sent.start, mark_start)
                    cue, named = ("label", True) if speaker else ("", False)
                earlier_here = sorted(found + short, key=lambda m: m.start)
                if not cue and n and earlier_here and earlier_here[-1].speaker:
                    cue, speaker = "continued", earlier_here[-1].speaker  # "A," Moon said. "B."
                elif speaker is None and n and earlier_here and earlier_here[-1].speaker \
                        and earlier_here[-1].cue == "after" and earlier_here[-1].sentence == k \
                        and text[seg_before:mark_start].rstrip().endswith(",") \
                        and word_count(text[seg_before:mark_start]) <= 14:
                    # "A," says Lee, a director, "B.": not "… a group dedicated to defending "B.""
                    cue, speaker = "continued", earlier_here[-1].speaker
                if not cue and k + 1 < len(sents) and n + 1 == len(spans):
                    cue, speaker, named, cue_in_next = _next_sentence_cue(resolver, source, sents, k, text,
                                                                          mark_end, content)
                if not cue and pure and k:
                    earlier = resolver.by_sentence.get((source, k - 1))
                    if earlier and earlier[-1].speaker:
                        cue, speaker = "continued", earlier[-1].speaker
                    elif not earlier:
                        # "Lee promised that … ." followed by a quotation alone.
                        speaker = resolver.reporter(source, k - 1)
                        cue = "continued" if speaker else ""
                if _looks_like_title(text[start:end]):
                    continue  # "won a Tony for "Woman of the Year"": a title, whatever verb stands near
                mention = QuoteMention(source, k, start, end, text[start:end], sent.start, sent.end,
                                       speaker, cue, named and speaker is not None, c_end == mark_end)
                (short if too_short else found).append(mention)
            if found or short:
                resolver.by_sentence[(source, k)] = sorted(found + short, key=lambda m: m.start)
                if cue_in_next:  # the next sentence is the attribution: quotes after it continue
                    resolver.by_sentence.setdefault((source, k + 1), [resolver.by_sentence[(source, k)][-1]])
                out.extend(found)
    return _run_on_speakers(out)


def _next_sentence_cue(resolver: Resolver, source: int, sents: Sequence[Sentence], k: int, text: str,
                       mark_end: int, content: str) -> tuple[str, str | None, bool, bool]:
    """The attribution of a sentence's last quotation standing in the next sentence of its paragraph.

    Returns (cue, speaker, named, whether the next sentence is an attribution
    that later quotes continue); ("", None, False, False) if there is none.
    """
    sent, follows = sents[k], sents[k + 1]
    if follows.paragraph != sent.paragraph or WORD.search(text[mark_end:sent.end]):
        return "", None, False, False
    tries = (
        # "What now?" / "he asked the crowd.": split after "?"
        (text[follows.start:follows.start + 1].islower(), content),
        # "What I meant to say is …." / "Mr Cohen later clarified.": the next sentence only attributes.
        (word_count(follows.text) <= 8 and bool(_ATTRIBUTION_ONLY.search(follows.text)), ","),
        # "“Stay strong Israel!” / “Trump wrote on Twitter, referring to …": split after "!".
        (content.rstrip()[-1:] in "?!" and bool(_OPENS_WITH_ATTRIBUTION.match(follows.text)), content),
    )
    for applies, closing in tries:
        if applies:
            hit, speaker, named = resolver.after(source, k + 1, text, mark_end, closing, follows.start, follows.end)
            if hit:
                return "after", speaker, named, True
    signed = _SIGNATURE.fullmatch(follows.text)
    if signed and (k + 2 == len(sents) or sents[k + 2].paragraph != sent.paragraph):
        # "“… since.” - “Pauline”": a paragraph signed by its speaker.
        return "after", resolver.index.canonical(signed.group(1)), True, False
    return "", None, False, False


def _run_on_speakers(mentions: list[QuoteMention]) -> list[QuoteMention]:
    """A quotation left open at a paragraph's end is the same speaker's as the paragraph that continues it.

    News style opens every paragraph of a long quotation and closes only the
    last, where the attribution usually stands: that speaker goes back up the run.
    """
    out = list(mentions)
    for j in range(len(out) - 2, -1, -1):
        m, nxt = out[j], out[j + 1]
        if (m.open_end and not m.cue and nxt.speaker and nxt.source == m.source
                and nxt.sentence == m.sentence + 1 and nxt.start - nxt.sentence_start <= 1):
            out[j] = replace(m, speaker=nxt.speaker, cue="continued", named=False)
    return out


def _gaps(spans: Sequence[tuple[int, int, int, int]], start: int, end: int) -> list[tuple[int, int]]:
    gaps, pos = [], start
    for mark_start, _, _, mark_end in spans:
        gaps.append((pos, mark_start))
        pos = mark_end
    gaps.append((pos, end))
    return gaps


@dataclass(frozen=True, slots=True)
class SpeakerClash:
    """The same quotation attributed by name to two different people in two sources."""

    first: QuoteMention
    second: QuoteMention


def group_quotes(mentions: Sequence[QuoteMention], index: NameIndex, texts: Sequence[str]) -> tuple[
        list[Quote], list[SpeakerClash]]:
    """One Quote per passage across sources, each verbatim in every span it lists.

    Mentions group when one's words contain another's. Where every source has
    the same words, that is one Quote. Where a source splits the passage
    (``"A," Trump said. "B."``), its pieces become the quotes, each also found
    inside the other sources' whole passage; a fragment that does not cover the
    passage is a quote of its own beside the whole. The speaker is the one most
    sources give (a name in the sentence counts double a pronoun); a tie gives none.
    """
    order = sorted(range(len(mentions)), key=lambda j: -len(mentions[j].text))
    groups: list[list[int]] = []
    keys: list[str] = []
    index_of_key: dict[str, int] = {}
    by_token: dict[str, list[int]] = {}  # a whole word -> the groups whose key holds it, in order
    for j in order:
        key = _grouping_key(mentions[j].text)
        g = index_of_key.get(key)
        if g is None:
            g = _containing_group(key, keys, by_token)
        if g is not None:
            groups[g].append(j)
            continue
        index_of_key[key] = len(keys)
        for token in set(key.split(" ")):
            by_token.setdefault(token, []).append(len(keys))
        groups.append([j])
        keys.append(key)
    quotes: list[tuple[tuple[int, int, int], Quote]] = []
    clashes: list[SpeakerClash] = []
    for members, key in zip(groups, keys, strict=True):
        ms = sorted((mentions[j] for j in members), key=lambda m: (m.source, m.start))
        speaker = _vote(ms, index)
        clashes.extend(_clashes(ms, index, texts))
        for text, spans in _passages(ms, key, texts):
            sort_key = (-len({s.source for s in spans}), spans[0].source, spans[0].start)
            quotes.append((sort_key, Quote(text=text, speaker=speaker, spans=spans)))
    quotes.sort(key=lambda item: item[0])
    return [q for _, q in quotes], clashes


def _containing_group(key: str, keys: Sequence[str], by_token: dict[str, list[int]]) -> int | None:
    """The first group whose key contains ``key``, looked up through a word the two must share.

    A word of ``key`` with a space on each side is a whole word of any key that
    contains it, so only the groups holding its rarest such word are tried: each
    mention costs a few substring tests instead of one per group.
    """
    inner = key.split(" ")[1:-1]
    if not inner:
        return next((g for g, gkey in enumerate(keys) if key in gkey), None)
    rarest = min(inner, key=lambda t: len(by_token.get(t, ())))
    return next((g for g in by_token.get(rarest, ()) if key in keys[g]), None)


def _vote(ms: Sequence[QuoteMention], index: NameIndex) -> str | None:
    votes: Counter[str] = Counter()
    names: dict[str, str] = {}
    for m in ms:
        if m.speaker:
            group = index.group_of(m.speaker)
            votes[group] += 2 if m.named else 1
            names.setdefault(group, m.speaker)
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return names[ranked[0][0]]
    return None


def _passages(ms: Sequence[QuoteMention], key: str, texts: Sequence[str]) -> list[tuple[str, tuple[Span, ...]]]:
    """The texts to show for one group, each with its span in every source that carries it."""
    whole = [m for m in ms if _grouping_key(m.text) == key]
    pieces = [m for m in ms if _grouping_key(m.text) != key]
    longest = max(whole, key=lambda m: (len(m.text), -m.source))
    out: list[tuple[str, tuple[Span, ...]]] = []
    covered: dict[int, int] = {}
    for m in pieces:
        covered[m.source] = covered.get(m.source, 0) + word_count(m.text)
    split = any(n >= 0.8 * word_count(longest.text) for n in covered.values())
    if not pieces or not split:
        out.append((longest.text, tuple(Span(m.source, m.start, m.end, m.text) for m in whole)))
    seen: set[str] = set()
    for piece in pieces:
        text = piece.text.rstrip(".,;:!?…")
        if _grouping_key(text) in seen:
            continue
        seen.add(_grouping_key(text))
        spans = []
        for m in ms:  # every mention that carries this piece, whole or as the same piece
            found = _locate(texts[m.source - 1], m.start, m.end, text)
            if found is not None and all(s.source != m.source or s.start != found[0] for s in spans):
                spans.append(Span(m.source, found[0], found[1], texts[m.source - 1][found[0]:found[1]]))
        if spans:
            out.append((text, tuple(sorted(spans, key=lambda s: (s.source, s.start)))))
    return out


def _locate(text: str, start: int, end: int, piece: str) -> tuple[int, int] | None:
    """Where ``piece`` stands in ``text[start:end]``, quote characters and spacing aside."""
    at = text.find(piece, start, end)
    if at >= 0:
        return at, at + len(piece)
    words = [re.escape(w) for w in normalise_quote(piece).replace("'", "’").split()]
    if not words:
        return None
    pattern = r"[\s\"“”„‟«»]+".join(w.replace("’", "[’'‘`´]") for w in words)
    match = re.compile(pattern).search(text, start, end)
    return (match.start(), match.end()) if match else None


def _clashes(ms: Sequence[QuoteMention], index: NameIndex, texts: Sequence[str]) -> list[SpeakerClash]:
    named = [m for m in ms if m.named and m.speaker and word_count(m.text) >= MIN_CONFLICT_WORDS]
    # The first mention of each speaker in each source stands for the others: the
    # first clash of two speakers is always between first mentions (a passage
    # repeated a thousand times in one source is compared once, not a million times).
    firsts: dict[tuple[int, str], QuoteMention] = {}
    for m in named:
        firsts.setdefault((m.source, index.group_of(m.speaker or "")), m)
    named = list(firsts.values())
    out: list[SpeakerClash] = []
    seen: set[frozenset[str]] = set()
    for a_pos, a in enumerate(named):
        for b in named[a_pos + 1:]:
            ga, gb = index.group_of(a.speaker or ""), index.group_of(b.speaker or "")
            if a.source == b.source or ga == gb or frozenset((ga, gb)) in seen or _part_of(ga, gb):
                continue  # "Kim" and "Kim Dae-jung" may well be one person
            if _names_other(a, b.speaker, texts) or _names_other(b, a.speaker, texts):
                continue  # "said State Department spokeswoman Victoria Nuland" / "the State Department said"
            seen.add(frozenset((ga, gb)))
            out.append(SpeakerClash(a, b))
    return out


def _names_other(mention: QuoteMention, other: str | None, texts: Sequence[str]) -> bool:
    """Whether the mention's own sentence names the other source's speaker too: a spokeswoman introduced with
    her department speaks for it, and a sentence naming both people leaves who spoke open, so neither is a clash.
    The quoted words themselves are left out: a speaker may well quote a name."""
    if not other:
        return False
    text = texts[mention.source - 1]
    around = text[mention.sentence_start:mention.start] + " " + text[mention.end:mention.sentence_end]
    return re.search(rf"(?<!\w){re.escape(other)}(?!\w)", around, re.IGNORECASE) is not None


def _part_of(a: str, b: str) -> bool:
    """Possibly one person: one name is part of the other, both share a family name
    ("DC Ford" / "Det Con Tom Ford"), or one is the other misspelt ("Tomm" / "Tom Ford")."""
    ta, tb = sorted((a.split(), b.split()), key=len)
    return (tb[:len(ta)] == ta or tb[-len(ta):] == ta or ta[-1] == tb[-1]
            or SequenceMatcher(None, a, b).ratio() >= 0.8)


def is_quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a quotation of its paragraph (between quote marks)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return any(c_start <= start and end <= c_end for c_start, c_end in _quoted_in_line(text, line_start, line_end))


@lru_cache(maxsize=256)
def _quoted_in_line(text: str, line_start: int, line_end: int) -> tuple[tuple[int, int], ...]:
    """The quotations' content spans in one paragraph, found once however many quotes are verified in it.

    A brief verifies each quote span two or three times and a paragraph holds
    several quotes (1,339 checks over 208 paragraphs on the 25 DUC dev clusters),
    and a paragraph of a wire story without line breaks is the whole text. The
    result depends on its arguments only; 256 paragraphs bound what is kept.
    """
    return tuple((c_start, c_end) for _, c_start, c_end, _ in quote_spans(text, line_start, line_end, open_to_end=True))


def verify_quote(quote: Quote, texts: Sequence[str]) -> bool:
    """Whether a quote is real: verbatim, inside quote marks, in every source span it lists.

    Each span must match its source at its offsets, lie between quote marks, and
    hold the quote's words (quote characters, whitespace and a closing
    punctuation mark aside). So the quote stands verbatim in at least one source,
    and a paraphrase beside a quotation can never pass.
    """
    words = normalise_quote(quote.text).rstrip(".,;:!?…")
    if not quote.spans or not words:
        return False
    for span in quote.spans:
        if not 1 <= span.source <= len(texts):
            return False
        text = texts[span.source - 1]
        if not 0 <= span.start < span.end <= len(text) or text[span.start:span.end] != span.text:
            return False
        if normalise_quote(span.text).rstrip(".,;:!?…") != words or not is_quoted(text, span.start, span.end):
            return False
    return True
