"""A story's term vector as the store keeps it: its terms joined in one string, their weights packed as doubles.

The clusterer reads a candidate story's vector for every story it scores that is not cached, and writes
the vector of every story a batch changed. Kept as JSON, decoding and encoding vectors of up to
``MAX_STORY_TERMS`` terms was the cost that grew with the store (issue #27, ninth session, second round:
JSON decode and encode took 3-4x and 13x longer than this form on 1,000 terms). Doubles are stored
bit for bit, so a story scores the same whichever way it was read.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Mapping

# Terms are word characters (``represent.tokens``): the unit separator never occurs in one.
SEPARATOR = "\x1f"


def pack(vector: Mapping[str, float]) -> tuple[str, bytes]:
    """The vector as (terms, little-endian doubles), in the vector's order."""
    weights = array("d", vector.values())
    if sys.byteorder == "big":
        weights.byteswap()
    return SEPARATOR.join(vector), weights.tobytes()


def unpack(terms: str, weights: bytes) -> dict[str, float]:
    """The vector ``pack`` packed, in the same order."""
    if not terms:
        return {}
    values = array("d", weights)
    if sys.byteorder == "big":
        values.byteswap()
    return dict(zip(terms.split(SEPARATOR), values, strict=True))
