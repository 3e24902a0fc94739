"""The cheaper NER: windows instead of whole sentences, each distinct text labelled once, a bounded cache by text."""

from __future__ import annotations

import pytest
from conftest import demo_articles, make_article

from newsbrief.errors import ModelUnavailableError
from newsbrief.names import entities as ents
from newsbrief.names import ner_cache
from newsbrief.names.patterns import proper_words
from newsbrief.segment.sentences import split_sentences
from newsbrief.server import work
from newsbrief.settings import Settings


@pytest.fixture()
def nlp():
    pytest.importorskip("spacy")
    try:
        return ents.load_ner()
    except ModelUnavailableError as exc:
        pytest.skip(str(exc))


@pytest.fixture(autouse=True)
def no_shared_cache():
    ner_cache.configure(0)
    yield
    ner_cache.configure(0)


class CountingNER:
    """The real pipeline, recording every text it is asked to label."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.texts: list[str] = []

    def pipe(self, texts, batch_size: int = 256):
        texts = list(texts)
        self.texts += texts
        return self.nlp.pipe(texts, batch_size=batch_size)


def _entities(articles, nlp, *, whole_sentences: bool = False, cache=None):
    texts = [a.text for a in articles]
    sentences = [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]
    proper = proper_words(texts, sentences)
    if whole_sentences:
        windows = [ents.Window(i, s.start, s.end, s.start, s.end) for i, sents in enumerate(sentences) for s in sents]
    else:
        windows = ents.choose_ner_windows(texts, sentences, proper=proper)
    ner = ents.run_ner(windows, texts, nlp, proper=proper, cache=cache)
    index = ents.build_index(texts, sentences, ner, proper=proper)
    return [(e.name, e.label, e.counts()) for e in ents.extract_entities(texts, sentences, ner, index)]


def test_ner_cache_windows_give_the_entities_of_whole_sentence_ner_on_the_seed(nlp):
    # NER reads a few words around each name's first sightings; over the seed pair that
    # must find the same entities, labels and counts as NER over every whole sentence.
    articles = demo_articles()
    windowed = _entities(articles, nlp)
    assert len(windowed) >= 10
    assert windowed == _entities(articles, nlp, whole_sentences=True)


def test_ner_cache_each_distinct_text_is_labelled_once(nlp):
    counting = CountingNER(nlp)
    texts = ["Ann Lee met Tom Ford in Oslo.", "Norway will build a bridge.", "Ann Lee met Tom Ford in Oslo."]
    labelled = ner_cache.label_texts(counting, texts)
    assert counting.texts == texts[:2]
    assert labelled[0] == labelled[2]
    assert labelled == [tuple((e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
                        for doc in nlp.pipe(texts)]


def test_ner_cache_is_bounded_and_least_recently_used_goes_first():
    cache = ner_cache.NERCache(2)
    cache.put("a", ((0, 1, "PERSON", "a"),))
    cache.put("b", ())
    assert cache.get("a") == ((0, 1, "PERSON", "a"),)  # "a" is now the most recent
    cache.put("c", ())
    assert len(cache) == 2
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") == ()
    off = ner_cache.NERCache(0)
    off.put("a", ())
    assert len(off) == 0 and off.get("a") is None


def test_ner_cache_serves_unchanged_texts_and_labels_changed_ones_again(nlp):
    cache = ner_cache.NERCache(1000)
    articles = demo_articles()
    first = CountingNER(nlp)
    expected = _entities(articles, first, cache=cache)
    assert first.texts and len(cache) == len(set(first.texts))
    again = CountingNER(nlp)
    assert _entities(articles, again, cache=cache) == expected
    assert again.texts == []  # every window came from the cache
    # One article changes: its changed windows go to the model again, and its new name is found.
    changed = [articles[0], make_article(articles[1].text.replace("John Bolton", "Ann Marie Hollis"))]
    third = CountingNER(nlp)
    entities = _entities(changed, third, cache=cache)
    assert third.texts and not set(third.texts) & set(first.texts)
    assert "Ann Marie Hollis" in {name for name, _, _ in entities}
    assert entities == _entities(changed, nlp)


def test_ner_cache_setting_configures_the_workers_cache():
    work.use_ner_cache(Settings(ner_cache=0))
    assert ner_cache.shared() is None
    work.use_ner_cache(Settings(ner_cache=5))
    cache = ner_cache.shared()
    assert cache is not None and cache.max_entries == 5
    work.use_ner_cache(Settings(ner_cache=5))
    assert ner_cache.shared() is cache  # kept across requests


def test_ner_cache_server_brief_is_the_same_from_the_cache(nlp):
    settings = Settings(ner_cache=1000)
    items = [{"text": a.text} for a in demo_articles()]
    cold = work.brief_json(items, {"budget": "60w"}, Settings(ner_cache=0))
    first = work.brief_json(items, {"budget": "60w"}, settings)
    cache = ner_cache.shared()
    assert cache is not None and len(cache) > 0 and cache.hits == 0
    longer = work.brief_json(items, {"budget": "120w"}, settings)  # re-briefed at a new length
    assert cache.hits > 0
    assert first == cold
    assert b'"entities"' in longer and longer != first


def test_ner_cache_model_runs_only_the_ner_component(nlp):
    assert nlp.pipe_names == ["ner"]
    assert not {"parser", "tagger", "lemmatizer", "tok2vec"} & set(nlp.component_names)
    # The NER's products run on numpy's BLAS: every layer uses the replaced ops.
    ops = {type(node.ops).__name__ for node in nlp.get_pipe("ner").model.walk()}
    assert ops == {"NumpyBlasOps"}
