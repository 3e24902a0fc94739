"""Every section of a brief stays within a memory limit on a pile of near-identical sentences (issue 28).

Twenty articles of sentences drawn from one sixteen-word vocabulary make every sentence similar to
nearly every other: the exact pair search once held tens of millions of pairs and ran out of memory.
The brief runs in a child process whose address space is capped, so the limit is the test's.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

resource = pytest.importorskip("resource")

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["the", "mayor", "said", "council", "bridge", "vote", "budget", "police", "officials", "monday", "tuesday",
         "city", "state", "president", "minister", "report"]
LIMIT = 2 * 2 ** 30  # address space, which is more than the resident memory the brief touches


def _pile(path: Path, articles: int = 20, sentences: int = 300) -> Path:
    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as out:
        for i in range(articles):
            text = " ".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
                            for _ in range(sentences))
            out.write(json.dumps({"id": f"p{i}", "text": text}) + "\n")
    return path


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def test_memory_one_vocabulary_pile_briefs_every_section_under_the_limit(tmp_path: Path) -> None:
    pile = _pile(tmp_path / "pile.jsonl")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSBRIEF_NER_HELPER": "0"}
    done = subprocess.run([sys.executable, "-m", "newsbrief.cli", "brief", str(pile), "--format", "json"],
                          env=env, capture_output=True, text=True, timeout=900, preexec_fn=_cap)
    assert done.returncode == 0, done.stderr[-2000:]
    brief = json.loads(done.stdout)
    assert brief["sentences"] and brief["agreement"]  # the sections ran, bounded, not skipped
    assert "Traceback" not in done.stderr
