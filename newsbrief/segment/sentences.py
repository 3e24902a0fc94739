"""Sentence segmentation with offsets into the original text.

Paragraphs (lines) are split first, so a sentence never crosses a line break;
each line is split by Bling Fire's finite-state sentence breaker, and pieces that
leave a quotation open are merged back until the quote closes, so a quoted
passage of several sentences stays one sentence ("quotes kept intact").
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterable, Sequence

import blingfire
import numpy as np

from newsbrief.datatypes import Sentence

# A quote run longer than this many pieces is assumed unbalanced (a stray mark)
# and left as Bling Fire split it.
_MAX_QUOTE_MERGE = 8
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"
_LINE = re.compile(r"[^\n]+")
# "under control by 4 a.m. Firefighters spent hours": Bling Fire takes "a.m." for an abbreviation inside a
# sentence. After a clock time it ends one when a capitalised word follows that is not part of the time
# ("4 p.m. Friday", "9 a.m. ET", "10 a.m. Eastern"). "U.S. officials" and other abbreviations are untouched.
_CLOCK_END = re.compile(r"\b\d{1,2}(?::\d{2})?\s?[ap]\.m\.(?=\s+[A-Z])", re.IGNORECASE)
_MIN_WORDS_BEFORE_CLOCK = 3
_TIME_WORDS = frozenset(re.findall(r"\w+", """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
    january february march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec et est edt pt pst pdt ct cst cdt mt mst mdt gmt utc bst cet ist jst local eastern
    pacific central mountain atlantic hawaii alaska time today tomorrow yesterday tonight
"""))
# The native sentence breaker behind Bling Fire's Python wrapper (None if a release moves it).
_NATIVE_SENTENCES = getattr(getattr(blingfire, "blingfire", None), "TextToSentencesWithOffsets", None)


def line_spans(text: str, spans: Iterable[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Non-blank lines as ``(start, end)``, trimmed of surrounding whitespace."""
    regions = spans if spans is not None else [(0, len(text))]
    out: list[tuple[int, int]] = []
    for region_start, region_end in regions:
        for match in _LINE.finditer(text, region_start, region_end):
            start, end = _strip(text, match.start(), match.end())
            if start < end:
                out.append((start, end))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quote_balance(piece: str) -> int:
    """How many quotations this piece opens (positive) or closes (negative)."""
    balance = sum(piece.count(q) for q in _OPEN_QUOTES) - sum(piece.count(q) for q in _CLOSE_QUOTES)
    if piece.count('"') % 2:
        balance += 1
    return balance


def _merge_open_quotes(line: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join pieces that leave a quotation open with the pieces that close it."""
    merged: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        start, end = pieces[i]
        balance = _quote_balance(line[start:end])
        j = i
        straight_open = line[start:end].count('"') % 2 == 1
        while balance > 0 and j + 1 < len(pieces) and j - i < _MAX_QUOTE_MERGE:
            j += 1
            piece = line[pieces[j][0]:pieces[j][1]]
            if straight_open and piece.count('"') % 2 == 1:
                balance -= 1
                straight_open = False
            balance += sum(piece.count(q) for q in _OPEN_QUOTES) - sum(piece.count(q) for q in _CLOSE_QUOTES)
        if balance <= 0 and j > i:
            merged.append((start, pieces[j][1]))
            i = j + 1
        else:
            merged.append((start, end))
            i += 1
    return merged


class _Buffers:
    """Bling Fire's output buffers, reused for every line of one text.

    Three fresh, zeroed buffers for each line cost about as much as the native
    split of a 222-character line (measured apart: 45 us against 12 us); made
    once per text, a DUC 2003 article of ~9 lines splits in 0.83 ms instead of
    0.97 ms. Each text gets its own buffers, so threads never share one.
    """

    def __init__(self) -> None:
        self.capacity = 0

    def fit(self, capacity: int) -> _Buffers:
        if capacity > self.capacity:
            self.capacity = max(capacity, 2 * self.capacity, 1024)
            self.out = ctypes.create_string_buffer(self.capacity)
            self.starts = (ctypes.c_int32 * self.capacity)()
            self.ends = (ctypes.c_int32 * self.capacity)()
        return self


def _sentence_offsets(line: str, buffers: _Buffers | None = None) -> list[tuple[int, int]]:
    """Bling Fire's sentence spans in ``line``, as character offsets.

    The same spans as ``blingfire.text_to_sentences_and_offsets``, whose wrapper maps
    byte offsets to characters in a Python loop over every byte: a third of a brief's
    time. Here ASCII needs no mapping and other text is mapped with numpy.
    """
    if _NATIVE_SENTENCES is None:
        return blingfire.text_to_sentences_and_offsets(line)[1]
    data = line.encode("utf-8")
    capacity = len(data) * 2  # what the wrapper gives; the native call's work grows with it
    room = (buffers or _Buffers()).fit(capacity)
    length = _NATIVE_SENTENCES(ctypes.c_char_p(data), ctypes.c_int(len(data)), ctypes.byref(room.out),
                               ctypes.byref(room.starts), ctypes.byref(room.ends), ctypes.c_int(capacity))
    if length == -1 or length > capacity:
        return []
    # What the wrapper reads from its fresh, zeroed buffer: the output up to its first NUL.
    written = ctypes.string_at(room.out, length).split(b"\0", 1)[0]
    count = written.count(b"\n") + 1
    byte_spans = zip(room.starts[:count], room.ends[:count], strict=True)
    if len(data) == len(line):
        return [(start, min(end + 1, len(line))) for start, end in byte_spans]
    raw = np.frombuffer(data, dtype=np.uint8)
    char_of_byte = np.cumsum((raw & 0xC0) != 0x80) - 1  # continuation bytes belong to their lead byte's character
    last = len(data) - 1
    return [(int(char_of_byte[min(start, last)]), int(char_of_byte[min(end, last)]) + 1) for start, end in byte_spans]


def split_line(line: str, buffers: _Buffers | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside one line of text (no newlines)."""
    if not line.strip():
        return []
    pieces = [_strip(line, s, e) for s, e in _sentence_offsets(line, buffers)]
    if ".m." in line or ".M." in line:  # a clock time ("4 a.m.") holds one; most lines have none
        pieces = [piece for s, e in pieces if s < e for piece in _split_after_clock(line, s, e)]
    else:
        pieces = [(s, e) for s, e in pieces if s < e]
    return _merge_open_quotes(line, pieces)


def _split_after_clock(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """The piece ``line[start:end]`` cut after each clock time that ends a sentence (see ``_CLOCK_END``)."""
    out: list[tuple[int, int]] = []
    for match in _CLOCK_END.finditer(line, start, end):
        following = line[match.end():end].split(None, 1)
        word = following[0].strip(".,;:") if following else ""
        if word.lower() in _TIME_WORDS or not word[:1].isupper():
            continue
        if len(line[start:match.start()].split()) < _MIN_WORDS_BEFORE_CLOCK:  # "By 4 a.m. John Smith was there."
            continue
        out.append((start, match.end()))
        start = match.end()
        while start < end and line[start].isspace():
            start += 1
    out.append((start, end))
    return out


def split_sentences(text: str, *, article_id: str = "", doc_index: int = 0,
                    spans: Sequence[tuple[int, int]] | None = None) -> list[Sentence]:
    """Split ``text`` (or only the kept ``spans`` of it) into sentences with offsets.

    Args:
        text: the article's original text.
        article_id: the id the sentences point back to.
        doc_index: the article's position in its input, copied onto each sentence.
        spans: character regions to segment (cleaning's kept spans); all text if None.

    Returns:
        Sentences in text order, numbered from 0, each with ``text[start:end]``.
    """
    sentences: list[Sentence] = []
    buffers = _Buffers()
    for paragraph, (line_start, line_end) in enumerate(line_spans(text, spans)):
        line = text[line_start:line_end]
        for start, end in split_line(line, buffers):
            sentences.append(Sentence(article_id=article_id, index=len(sentences),
                                      start=line_start + start, end=line_start + end,
                                      text=line[start:end], paragraph=paragraph, doc_index=doc_index))
    return sentences


def split_text(text: str) -> list[str]:
    """Sentences of a plain string (for references, peers and quick use)."""
    return [s.text for s in split_sentences(text)]
