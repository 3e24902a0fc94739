"""Lines of a file of any size, each at most a given length: memory stays flat in the file's size.

``newsbrief ingest`` streams a month of a feed as one JSONL file (56,000 articles, 54 MB); the
``max_input_bytes`` limit that protects ``brief`` from one huge file then bounds each record instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

# Read an over-long line away in pieces of this size, never holding more than one.
_PIECE = 1 << 20


def bounded_lines(stream: BinaryIO, max_bytes: int, too_long: list[int]) -> Iterator[bytes]:
    """Every line of ``stream`` (with its ending); a line over ``max_bytes`` comes out as ``b"\\n"``.

    The numbers (1-based) of the lines cut out are appended to ``too_long`` as they are met, so the caller
    can report them; a blank line keeps the numbering of the lines after it.
    """
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) <= max_bytes:
            yield line
            continue
        while not line.endswith(b"\n"):  # read the rest of the line away
            line = stream.readline(_PIECE)
            if not line:
                break
        too_long.append(number)
        yield b"\n"
