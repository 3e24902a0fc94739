"""One place that rewrites a marked section of bench/RESULTS.md and leaves the rest alone.

Each benchmark owns the block between ``<!-- NAME:start -->`` and
``<!-- NAME:end -->``; a block not yet in the file is appended.
"""

from __future__ import annotations

from pathlib import Path

RESULTS_MD = Path(__file__).resolve().parent / "RESULTS.md"


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def write_section(name: str, block: str, path: Path = RESULTS_MD) -> None:
    """Replace section ``name`` (``block`` includes its markers) or append it."""
    start, end = markers(name)
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n\n"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        text = head + block.rstrip("\n") + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block.rstrip("\n") + "\n"
    path.write_text(text, "utf-8")
