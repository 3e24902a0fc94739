"""Language of an article by its function words, and the note a brief of non-English sources carries."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import data_clusters, make_article, run_cli

import newsbrief
from newsbrief.ingest.language import article_language, detect_language, is_language_note, language_note

SAMPLES = Path(__file__).parent / "data" / "languages"
EXPECTED = {"en": "en", "fr": "fr", "de": "de", "es": "es", "it": "it", "pt": "pt", "nl": "nl",
            "ru": "Cyrillic-script"}
FRENCH = str(SAMPLES / "fr.txt")
FRENCH_2 = ("Le président a rencontré lundi à Marseille le maire de la ville pour parler de la sécurité. « Nous "
            "allons renforcer la présence de la police dans les quartiers nord », a déclaré le président à la presse. "
            "Selon la préfecture, trois cents policiers supplémentaires seront envoyés avant la fin de l'année.")


@pytest.mark.parametrize(("name", "code"), sorted(EXPECTED.items()))
def test_language_detects_each_sample_whole_and_from_its_first_twelve_words(name: str, code: str) -> None:
    text = (SAMPLES / f"{name}.txt").read_text("utf-8")
    assert detect_language(text) == code
    assert detect_language(" ".join(text.split()[:12])) == code


def test_language_too_short_to_say() -> None:
    assert detect_language("Breaking news") is None
    assert detect_language("") is None


def test_language_english_dev_articles_are_english() -> None:
    texts = [doc for record in data_clusters("duc2004_dev.jsonl") for doc in record["documents"] if doc.strip()]
    found = [detect_language(t) for t in texts]
    assert all(lang in ("en", None) for lang in found)
    assert found.count("en") >= len(texts) - 2


def test_language_given_by_the_record_wins() -> None:
    article = make_article((SAMPLES / "en.txt").read_text("utf-8"), language="fr-FR")
    assert article_language(article) == "fr"


def test_language_note_names_languages_and_english_only_sections() -> None:
    english = make_article((SAMPLES / "en.txt").read_text("utf-8"))
    french = make_article((SAMPLES / "fr.txt").read_text("utf-8"))
    german = make_article((SAMPLES / "de.txt").read_text("utf-8"))
    assert language_note([english], ["quotes"]) is None
    note = language_note([english, french, german], ["agreement", "quotes", "entities"])
    assert note is not None and is_language_note(note)
    assert note.startswith("2 of 3 sources are not in English ([2] French; [3] German)")
    assert note.endswith("Quotes (speakers), People & places read English only and may be wrong or empty")
    assert "read English only" not in (language_note([french], ["agreement"]) or "")


def test_language_note_in_the_brief_of_french_articles() -> None:
    result = newsbrief.brief([Path(FRENCH).read_text("utf-8"), FRENCH_2], budget="40w", sections="agreement")
    assert [n for n in result.notes if is_language_note(n)] == [
        "the sources are not in English ([1][2] French): newsbrief's analysis is built for English, so the choice "
        "of sentences is less sure"]
    english = newsbrief.brief([(SAMPLES / "en.txt").read_text("utf-8")], budget="40w", sections="none")
    assert not any(is_language_note(n) for n in english.notes)


def test_cli_language_note_once_on_stderr_when_piped_and_at_the_end(tmp_path, capsys, monkeypatch) -> None:
    second = tmp_path / "fr2.txt"
    second.write_text(FRENCH_2, "utf-8")
    code, out, err = run_cli(["brief", FRENCH, str(second), "--sections", "quotes"], capsys, monkeypatch)
    assert code == 0, err
    assert [line for line in err.splitlines() if "not in English" in line] == [
        "newsbrief: note: the sources are not in English ([1][2] French): newsbrief's analysis is built for "
        "English, so the choice of sentences is less sure; Quotes (speakers) read English only and may be wrong "
        "or empty"]
    assert out.rstrip().splitlines()[-1].startswith("Note: the sources are not in English")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # on a terminal the brief's own Note line is enough
    code, out, err = run_cli(["brief", FRENCH, str(second), "--sections", "quotes"], capsys, monkeypatch)
    assert code == 0 and "not in English" not in err and "Note: the sources are not in English" in out
