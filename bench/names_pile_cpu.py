"""CPU of the names, entities, pile and inline-cleaning stages of one brief, the minimum of several runs.

    PYTHONPATH=<tree> .venv/bin/python bench/names_pile_cpu.py    # 25 DUC 2004 dev clusters

As ``prepare_select_cpu.py``: the newsbrief imported is the one on PYTHONPATH, so one copy measures any
tree, and the minimum of 7 runs is steady on a loaded machine. Names are found with a fresh
``proper_words`` each run (a new cluster's cache is empty). The entities run on the pattern names
labelled as NER would label them (the model's share is not what is measured here).
"""

from __future__ import annotations

import json
from pathlib import Path

from prepare_select_cpu import _least_ms  # (it also empties the junk-sentence cache: no stage here reads it)

from newsbrief.cluster.pile import pile_stories
from newsbrief.datatypes import Article
from newsbrief.ingest.clean import clean
from newsbrief.names.entities import build_index, extract_entities
from newsbrief.names.patterns import find_names, proper_words
from newsbrief.represent.prepared import prepare

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def main() -> None:
    with open(DATA / "duc2004_dev.jsonl", encoding="utf-8") as fh:
        clusters = [[Article.make(d) for d in json.loads(line)["documents"][:10]] for line in fh]
    prepared = []
    for articles in clusters:
        cluster = prepare(articles)
        texts = [a.text for a in articles]
        sentences = [[s for s in cluster.sentences if s.article_id == a.id] for a in articles]
        prepared.append((articles, texts, sentences))

    def names() -> None:
        for _, texts, sentences in prepared:
            proper = proper_words(texts, sentences)
            for i, sents in enumerate(sentences):
                for s in sents:
                    find_names(texts[i], s.start, s.end, proper=proper)

    ner_inputs = []
    for _, texts, sentences in prepared:
        index = build_index(texts, sentences)
        ner = [(0, 0, 0, index.canonical(members[0]), "PERSON") for members in index.groups().values()]
        ner_inputs.append((texts, sentences, ner, build_index(texts, sentences, ner)))
    n = len(clusters)
    print(json.dumps({
        "find_names, every kept sentence": _least_ms(names, n),
        "extract_entities": _least_ms(lambda: [extract_entities(*args) for args in ner_inputs], n),
        "pile_stories": _least_ms(lambda: [pile_stories(articles) for articles, _, _ in prepared], n),
        "clean": _least_ms(lambda: [clean(a) for articles, _, _ in prepared for a in articles], n),
    }))


if __name__ == "__main__":
    main()
