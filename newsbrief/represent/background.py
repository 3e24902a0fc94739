"""How common each term is in news at large: the background that a small pile's own counts cannot give.

Inside ten articles on one event the event's words are in every article, so an
inverse document frequency taken from those ten weighs them least; counted
over tens of thousands of news articles (``resources/background_df.txt``, built
by ``scripts/build_background_df.py``) they are rare and weigh most.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Background:
    """Document frequencies of stemmed content terms over ``documents`` articles."""

    documents: int
    df: Mapping[str, int]


EMPTY = Background(documents=0, df={})


@lru_cache(maxsize=1)
def background() -> Background:
    """The shipped table, or an empty one (pile counts alone) when it is missing or unreadable."""
    try:
        text = resources.files("newsbrief.resources").joinpath("background_df.txt").read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return EMPTY
    documents = 0
    df: dict[str, int] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        term, _, count = line.partition("\t")
        if not count.isdigit():
            continue
        if term == "documents" and not documents:
            documents = int(count)
        else:
            df[term] = int(count)
    return Background(documents=documents, df=df) if documents else EMPTY
