"""Shared test helpers: build inputs by hand, find the demo and the shared data."""

from __future__ import annotations

import json
import os
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from pathlib import Path

import pytest

from newsbrief.datatypes import Article

# The CLI forks a helper to load spaCy while a cold brief is made; in this long-lived test process
# (and the commands it starts) NER loads in place. tests/test_names_ner_helper.py turns it on.
os.environ["NEWSBRIEF_NER_HELPER"] = "0"

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "newsbrief" / "resources" / "demo"
DEMO_PATHS = [DEMO_DIR / "source-1.txt", DEMO_DIR / "source-2.txt"]
DATA_DIR = ROOT.parent / "shared" / "data"
TEST_DATA = Path(__file__).resolve().parent / "data"


def make_article(text: str, *, source: str | None = None, **fields: object) -> Article:
    """An Article from text, as a reader would make it."""
    return Article.make(text, source=source, **fields)  # type: ignore[arg-type]


def demo_articles() -> list[Article]:
    """The bundled seed story: two outlets on the Trump-Kim letter."""
    return [Article.make(p.read_text("utf-8"), path=str(p)) for p in DEMO_PATHS]


def data_file(name: str) -> Path:
    """A file of ../shared/data, or skip the test when the data is not beside the repo."""
    path = DATA_DIR / name
    if not path.exists():
        pytest.skip(f"{path} not found (the shared research data sits beside the repo)")
    return path


def data_clusters(name: str, limit: int | None = None) -> Iterator[dict]:
    """Cluster records of a shared data file (first ``limit`` lines)."""
    with data_file(name).open(encoding="utf-8") as handle:
        for line in islice(handle, limit):
            yield json.loads(line)


def spliced(texts: list[str], n: int, *, glues: list[str], upper: float, seed: int) -> list[str]:
    """Seeded splices of two texts, with glue between them and random letters upper-cased: texts no
    one wrote, for checking that a quick filter never skips what the search it guards would find."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = rng.choice(texts), rng.choice(texts)
        text = a[: rng.randrange(len(a) + 1)] + rng.choice(glues) + b[rng.randrange(len(b)):]
        out.append("".join(c.upper() if rng.random() < upper else c for c in text))
    return out


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch | None = None,
            stdin: bytes = b"") -> tuple[int, str, str]:
    """Run the ``newsbrief`` CLI in-process; returns (exit status, stdout, stderr).

    With ``monkeypatch``, stdin reads ``stdin``; without, it is left as pytest set it.
    """
    import io
    import sys

    from newsbrief.cli import main

    if monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@contextmanager
def loopback_http(handler: type[BaseHTTPRequestHandler],
                  server_class: type[ThreadingHTTPServer] = ThreadingHTTPServer) -> Iterator[str]:
    """A real HTTP server on a free 127.0.0.1 port, in a thread; yields its base URL."""
    httpd = server_class(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
