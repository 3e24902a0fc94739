"""Quotation marks: which passages of a text stand between them.

Pairing marks is its own job because sources mix curly and straight marks,
lose closing marks and break them in the wrong code page; every other part of
attribution only asks "is this inside a quotation?".
"""

from __future__ import annotations

import re

from newsbrief.analyse.cue_words import SPEECH_VERB, WORD

OPEN_MARKS = "“«„"
CLOSE_MARKS = "”»‟"
STRAIGHT_MARK = '"'
DOUBLE_MARKS = '"“”„‟«»'
SINGLE_MARKS = "‘’‚‛`´"
_MARK = re.compile('["“”«»„‟]|\ufffd\\?')
# A closing ” read in the wrong code page comes out as "\ufffd?" (its last byte lost): a closing mark.
BROKEN_CLOSE = "\ufffd?"


def quote_spans(text: str, start: int, end: int, *, open_to_end: bool = False) -> list[tuple[int, int, int, int]]:
    """Quoted passages in ``text[start:end]`` as (mark start, content start, content end, mark end).

    Curly marks pair by nesting, straight marks alternate. An opening mark left
    unclosed counts only if ``open_to_end`` (the news convention for a quote
    that runs on into the next paragraph), and then runs to ``end``.
    """
    spans: list[tuple[int, int, int, int]] = []
    stack: list[int] = []
    straight: int | None = None
    for mark in _MARK.finditer(text, start, end):
        pos, ch = mark.start(), mark.group()
        if ch == BROKEN_CLOSE:
            if stack or straight is not None:
                open_pos = stack.pop() if stack else straight
                if not stack:
                    spans.append((open_pos, open_pos + 1, pos, pos + 2))
                straight = None if open_pos == straight else straight
            continue
        if ch in OPEN_MARKS and stack and len(stack) == 1 and (pos + 1 >= end or text[pos + 1].isspace()):
            # "…workup, “ Winawer added": an opening mark with a space after it closes the quotation.
            open_pos = stack.pop()
            if straight is None:
                spans.append((open_pos, open_pos + 1, pos, pos + 1))
        elif ch in OPEN_MARKS:
            stack.append(pos)
        elif ch in CLOSE_MARKS and stack:
            open_pos = stack.pop()
            if not stack and straight is None:
                spans.append((open_pos, open_pos + 1, pos, pos + 1))
        elif ch in CLOSE_MARKS and straight is not None:
            spans.append((straight, straight + 1, pos, pos + 1))  # a straight mark opened it: "…,” Lee said
            straight = None
        elif ch == STRAIGHT_MARK:
            role = _straight_role(text, pos, start, end)
            if straight is None and role == "close" and len(stack) == 1:
                open_pos = stack.pop()  # a curly mark opened it: “…," Lee said
                spans.append((open_pos, open_pos + 1, pos, pos + 1))
            elif straight is None:
                if role != "close":
                    straight = pos
            elif role == "open":
                # The earlier mark never closed (a broken `` '' in the source). If a full sentence
                # stands between ("…snorkeling." "Even …") and no one is said to speak in it, that
                # was its quotation; else drop it.
                closed = re.search(r"[.!?]\s+$", text[straight:pos])
                if (closed and not stack and len(WORD.findall(text[straight:pos])) >= 4
                        and not SPEECH_VERB.search(text, straight, pos)):
                    spans.append((straight, straight + 1, straight + closed.start() + 1, straight + closed.start() + 1))
                straight = pos
            else:
                if not stack:
                    spans.append((straight, straight + 1, pos, pos + 1))
                straight = None
    unclosed = stack[0] if stack else straight
    if unclosed is not None and open_to_end and not any(s[0] <= unclosed < s[3] for s in spans):
        spans.append((unclosed, unclosed + 1, end, end))
    spans.sort()
    return spans


def _straight_role(text: str, pos: int, start: int, end: int) -> str:
    """Whether a straight double quote opens or closes, judged by the characters beside it."""
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    if (before.isspace() or before in "([{—–-") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-'`"):
        return "close"
    return "either"


def inside_quotes(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation that opens after ``start``."""
    return any(cs <= pos < ce for _, cs, ce, _ in quote_spans(text, start, pos + 1, open_to_end=True))
