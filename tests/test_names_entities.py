"""Names and entities: pattern names, titles, alias groups, spaCy NER and its absence."""

from __future__ import annotations

import pytest
from conftest import demo_articles, make_article

from newsbrief.analyse.analysis import analyse
from newsbrief.errors import ModelUnavailableError
from newsbrief.names import entities as ents
from newsbrief.names.aliases import NameIndex
from newsbrief.names.patterns import find_names, name_key, place_class, proper_words
from newsbrief.segment.sentences import split_sentences


def _sentences(articles):
    return [split_sentences(a.text, article_id=a.id, doc_index=i) for i, a in enumerate(articles)]


def _names(text: str) -> list[tuple[str, str, bool]]:
    return [(n.text, n.title, n.possessive) for n in find_names(text)]


def test_names_titles_are_cut_off_and_kept_apart():
    assert _names("South Korean President Moon Jae-in met Sen. Tom Ford.") == [
        ("Moon Jae-in", "South Korean President", False), ("Tom Ford", "Sen.", False)]


def test_names_possessives_initials_and_suffixes():
    assert _names("Kim Jong-un's letter reached J.R. Smith and Martin Luther King Jr. at Ford Motor Co. today.") == [
        ("Kim Jong-un", "", True), ("J.R. Smith", "", False), ("Martin Luther King Jr.", "", False),
        ("Ford Motor Co.", "", False)]


def test_names_title_abbreviation_does_not_join_two_sentences():
    text = "Hun Sen said no. They met Hun Sen. Ann Lee stayed abroad with Sen. Tom Ford."
    proper = proper_words([text], [split_sentences(text)])
    assert [(n.text, n.title) for n in find_names(text, proper=proper)] == [
        ("Hun Sen", ""), ("Hun Sen", ""), ("Ann Lee", ""), ("Tom Ford", "Sen.")]


def test_names_organisation_is_not_cut_at_a_title_word():
    assert [n for n, _, _ in _names("A State Department official spoke.")] == ["State Department"]


def test_names_sentence_initial_words_need_evidence():
    texts = ["Despite the rain, officials met. Officials said Ann Lee would come, despite all."]
    sentences = [split_sentences(texts[0])]
    proper = proper_words(texts, sentences)
    found = [n.text for s in sentences[0] for n in find_names(texts[0], s.start, s.end, proper=proper)]
    assert found == ["Ann Lee"]


@pytest.mark.parametrize("a, b", [("Kim Jong-un", "Kim Jong Un"), ("U.S.", "United States"), ("Trump's", "Trump"),
                                  ("the United Kingdom", "Britain")])
def test_name_key_ignores_case_dots_hyphens_possessives_and_known_aliases(a, b):
    assert name_key(a) == name_key(b)


def test_place_class_levels():
    assert place_class("North Korea") == "country"
    assert place_class("West Virginia") == "state"
    assert place_class("Washington") is None  # a city or a state: no level, never compared


def _index(*surfaces: tuple[str, str | None]) -> NameIndex:
    index = NameIndex()
    for surface, label in surfaces:
        index.add(surface, label)
    return index


def test_name_index_merges_aliases_but_not_other_people():
    index = _index(("Kim Jong-un", "PERSON"), ("Kim Jong Un", "PERSON"), ("Kim Yong Chol", "PERSON"),
                   ("Donald Trump", "PERSON"), ("Trump", "PERSON"), ("Kim", "PERSON"))
    assert index.group_of("Kim Jong Un") == index.group_of("Kim Jong-un")
    assert index.group_of("Kim Yong Chol") != index.group_of("Kim Jong-un")
    assert index.canonical("Trump") == "Donald Trump"
    assert index.group_of("Kim") == "kim"  # fits two people: stays apart


def test_name_index_keeps_a_person_out_of_a_party_named_after_them():
    index = _index(("Ann Lee", "PERSON"), ("Ann Lee Party", "ORG"), ("Lee", "PERSON"))
    assert index.group_of("Lee") == index.group_of("Ann Lee") != index.group_of("Ann Lee Party")


def test_name_index_titled_person_is_unique_or_nobody():
    index = NameIndex()
    index.add("Bill Clinton", "PERSON", title="President")
    assert index.titled_person("president") == "Bill Clinton"
    index.add("Boris Yeltsin", "PERSON", title="President")
    assert index.titled_person("president") is None


def test_entities_seed_merge_aliases_and_count_per_source():
    articles = demo_articles()
    result = analyse(articles, _sentences(articles), sections=("entities",))
    if result.notes:
        pytest.skip(result.notes[0])
    by_name = {e.name: e for e in result.entities}
    kim = by_name["Kim Jong-un"]
    assert set(kim.aliases) == {"Kim Jong-un", "Kim Jong Un"}
    assert kim.counts() == {1: 1, 2: 1}
    assert "Kim Yong Chol" in by_name and "Kim Yong Chol" not in kim.aliases
    trump = by_name["Donald Trump"]
    assert {"Trump", "President Donald Trump"} <= set(trump.aliases)
    assert trump.label == "PERSON"
    for entity in result.entities:
        for m in entity.mentions:
            assert articles[m.source - 1].text[m.start:m.end] == m.text


def test_entities_ner_pipeline_labels_as_the_full_model_does():
    # load_ner skips every component but NER, and the saved tokenizer (the default one is built anyway).
    spacy = pytest.importorskip("spacy")
    try:
        nlp = ents.load_ner()
    except ModelUnavailableError as exc:
        pytest.skip(str(exc))
    full = spacy.load(_model_name(spacy))
    texts = [a.text for a in demo_articles()] + ["Mr. O'Neill's co-op in Washington, D.C. can't open until 3 p.m.; "
                                                 "U.S.-based NATO e-mail: don't!"]
    for ours, theirs in zip(nlp.pipe(texts), full.pipe(texts), strict=True):
        assert [t.text for t in ours] == [t.text for t in theirs]
        assert [(e.start_char, e.end_char, e.label_) for e in ours.ents] == \
            [(e.start_char, e.end_char, e.label_) for e in theirs.ents]


def _model_name(spacy) -> str:
    for name in ents.MODEL_NAMES:
        try:
            spacy.util.get_package_path(name)
            return name
        except Exception:
            continue
    pytest.skip("no spaCy English model installed")


def test_entities_missing_model_skips_entities_once_and_keeps_quotes(monkeypatch):
    def missing():
        raise ModelUnavailableError(ents.MODEL_NOTE)

    monkeypatch.setattr(ents, "load_ner", missing)
    articles = demo_articles()
    result = analyse(articles, _sentences(articles), sections=("entities", "quotes"))
    assert result.entities == ()
    assert result.notes == ("entities skipped: spaCy model en_core_web_sm is not installed; install newsbrief[nlp]",)
    speakers = {q.speaker for q in result.quotes}
    assert {"Moon Jae-in", "John Bolton"} <= speakers


def test_entities_missing_model_is_not_mentioned_when_entities_are_not_asked_for(monkeypatch):
    def missing():
        raise ModelUnavailableError(ents.MODEL_NOTE)

    monkeypatch.setattr(ents, "load_ner", missing)
    articles = [make_article('"The bridge will open in May," Ann Lee said.')]
    assert analyse(articles, _sentences(articles), sections=("quotes",)).notes == ()


def test_entities_ner_windows_stay_inside_sentences_and_budget():
    articles = demo_articles()
    texts = [a.text for a in articles]
    sentences = _sentences(articles)
    windows = ents.choose_ner_windows(texts, sentences, budget=40)
    assert sum(len(texts[w.source][w.start:w.end].split()) for w in windows) <= 40
    for w in windows:
        assert w.sentence_start <= w.start < w.end <= w.sentence_end


def test_names_found_are_kept_with_the_clusters_word_set_not_across_clusters():
    texts = ["Hun Sen said no. They met Hun Sen. Ann Lee stayed abroad with Sen. Tom Ford."]
    sentences = [split_sentences(texts[0])]
    first, second = proper_words(texts, sentences), proper_words(texts, sentences)
    assert first == second and first is not second  # an equal set, made again for another brief
    found = [find_names(texts[0], s.start, s.end, proper=first) for s in sentences[0]]
    assert len(first.names) == len(sentences[0]) and not second.names
    assert [find_names(texts[0], s.start, s.end, proper=second) for s in sentences[0]] == found
    # A plain set (or none) gives the same names, unkept.
    assert [find_names(texts[0], s.start, s.end, proper=frozenset(first)) for s in sentences[0]] == found


def test_entities_spacy_is_imported_without_its_command_line():
    import subprocess
    import sys

    code = ("import sys\nfrom newsbrief.names import entities\n"
            "spacy = entities.import_spacy()\n"
            "assert 'spacy.cli' not in sys.modules and 'typer' not in sys.modules\n"
            "nlp = entities.load_model()\n"
            "assert [e.label_ for e in nlp('Ann Lee flew to Paris.').ents] == ['PERSON', 'GPE']\n"
            "import spacy.cli\n"  # the real command line, once something asks for it
            "assert hasattr(spacy.cli, 'download') and callable(spacy.info)\n"
            "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    if "ModelUnavailableError" in done.stderr:
        pytest.skip("spaCy's English model is not installed")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
