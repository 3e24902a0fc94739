"""Peers behind the Summarizer contract: lead order, budget filling, sumy offline, names."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, data_clusters

from newsbrief.datatypes import Budget
from newsbrief.errors import UnknownAlgorithmError
from newsbrief.evaluate.peers import (
    LeadSummarizer,
    NewsbriefSummarizer,
    OfflineTokenizer,
    OracleSummarizer,
    Summarizer,
    create_system,
    fill_budget,
    system_names,
)

DOCS = [
    "Alpha one is first. Alpha two is second. Alpha three is third.",
    "Beta one leads here. Beta two follows.",
    "Gamma one opens the story.",
]


def test_peers_lead_is_round_robin_over_documents() -> None:
    out = LeadSummarizer().summarize(DOCS, Budget("sentences", 5))
    assert out == ["Alpha one is first.", "Beta one leads here.", "Gamma one opens the story.",
                   "Alpha two is second.", "Beta two follows."]


def test_peers_fill_budget_stops_once_reached_and_skips_repeats() -> None:
    texts = ["one two three", "One  two three", "four five", "six seven eight", "nine"]
    assert fill_budget(texts, Budget("words", 4)) == ["one two three", "four five"]
    assert fill_budget(texts, Budget("words", 100)) == ["one two three", "four five", "six seven eight", "nine"]
    assert fill_budget(texts, Budget("sentences", 2)) == ["one two three", "four five"]
    assert fill_budget([], Budget("words", 3)) == []


def test_peers_offline_tokenizer_needs_no_nltk_data() -> None:
    tokenizer = OfflineTokenizer()
    assert tokenizer.to_sentences("Mr. Smith arrived. He left at 5 p.m. on Monday.") == (
        "Mr. Smith arrived.", "He left at 5 p.m. on Monday.")
    assert tokenizer.to_words("Obama’s well-known plan, 2012: don't stop") == (
        "Obama's", "well-known", "plan", "don't", "stop")


@pytest.mark.parametrize("name", ["lexrank", "textrank", "lsa"])
def test_peers_sumy_rankers_return_source_sentences_within_budget(name: str) -> None:
    pytest.importorskip("sumy")
    documents = next(data_clusters("duc2004_dev.jsonl", 1))["documents"][:4]
    system = create_system(name)
    assert isinstance(system, Summarizer)
    out = system.summarize(documents, Budget("words", 100))
    source = " ".join(documents)
    assert out and all(" ".join(s.split()) in " ".join(source.split()) for s in out)
    words = Budget("words", 100).measure(out)
    assert words >= 100 and Budget("words", 100).measure(out[:-1]) < 100  # the last one reaches the budget


_RANKING_SCRIPT = """
import json, sys
from newsbrief.evaluate.peers import create_system
from newsbrief.datatypes import Budget
docs = json.loads(sys.stdin.read())
print(json.dumps({n: create_system(n).rank(docs)[:8] for n in ("lexrank", "textrank", "lsa")}))
"""


def test_peers_sumy_rankings_do_not_depend_on_the_hash_seed() -> None:
    # sumy iterates sets of words; our wrapper must still give the same ranking in every process.
    pytest.importorskip("sumy")
    docs = json.dumps(next(data_clusters("duc2004_dev.jsonl", 1))["documents"][:2])
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _RANKING_SCRIPT], input=docs, capture_output=True,
                              text=True, env=env, cwd=ROOT, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def test_peers_create_system_knows_every_name() -> None:
    names = system_names()
    for name in ("newsbrief", "lead", "lexrank", "textrank", "lsa", "oracle"):
        assert name in names
    assert isinstance(create_system("oracle"), OracleSummarizer)
    assert create_system("newsbrief") == NewsbriefSummarizer()
    assert create_system("newsbrief").name == "newsbrief"


def test_peers_unknown_system_lists_the_known_ones() -> None:
    with pytest.raises(UnknownAlgorithmError) as info:
        create_system("lexrnak")
    message = str(info.value)
    assert "unknown system 'lexrnak'" in message
    assert "lead, lexrank, lsa, newsbrief, oracle, textrank" in message
    assert "newsbrief:<method>" in message


def test_peers_unknown_newsbrief_method_lists_the_methods() -> None:
    with pytest.raises(UnknownAlgorithmError, match=r"unknown newsbrief method 'nope'.*available: .*lead"):
        create_system("newsbrief:nope")
    method = next(n for n in system_names() if n.startswith("newsbrief:"))
    assert create_system(method).name == method


def test_peers_newsbrief_summarizer_fills_the_budget() -> None:
    record = next(data_clusters("duc2004_dev.jsonl", 1))
    out = NewsbriefSummarizer().summarize(record["documents"], Budget("words", 100))
    assert out and Budget("words", 100).measure(out) <= 100
