"""One regular expression that finds the longest of many literal strings, shaped as a trie.

Python's ``re`` tries the branches of ``a|b|c|…`` one after another at every
position, so an alternation of a thousand names costs a thousand comparisons a
character; factored into a trie (``T(?:rump|ony Blair)|B(?:…)``), it follows one
path down the text instead. Both forms match the same text: at each position,
the longest string of the set that the rest of the pattern accepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key that marks the end of a string in a trie node


def literal_alternation(strings: Iterable[str], *, word_start: bool = False) -> str:
    r"""A pattern (no group) equal to the alternation of ``strings`` longest first, as a trie.

    At any position it matches the longest string of the set that is followed by
    whatever the surrounding pattern requires, as ``"|".join(sorted(escaped, key=len,
    reverse=True))`` does. An empty set gives a pattern that never matches.

    ``word_start`` also requires that no word character or hyphen stand just before
    the match, as a leading ``(?<![\w-])`` would; checked after the first character,
    so the pattern starts with a set of literals that ``re`` can skip ahead to.
    """
    trie: dict = {}
    for text in strings:
        node = trie
        for char in text:
            node = node.setdefault(char, {})
        node[_END] = True
    if not trie:
        return "(?!)"
    return _pattern(trie, guard=word_start)


def _pattern(node: dict, *, guard: bool = False) -> str:
    branches = []
    for char in sorted(k for k in node if k != _END):
        escaped = re.escape(char)
        # Nothing of a word before ``char``: the two characters ending here are not [\w-] then ``char``.
        after = rf"(?<![\w-]{escaped})" if guard else ""
        branches.append(escaped + after + _pattern(node[char]))
    if _END in node:
        branches.append("")  # ending here is tried last: a longer string wins
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
