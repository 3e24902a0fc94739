"""Which language an article is in, by its most common function words (offline, no model file).

newsbrief's analysis is built for English (English stemming and stop words, spaCy's English NER,
English attribution verbs for quotes). A brief of French articles used to come out silently with
every quote unattributed and Marseille called an organisation; knowing the language lets the brief
say so. Function words are the most frequent words of any text in its language and rare in others,
so counting them in the first 80 words tells the common news languages apart (Cavnar & Trenkle's
profiles with words instead of n-grams). Scripts other than Latin are named by their script.
Measured in bench/RESULTS.md, "First hour (issue 26)".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from newsbrief.datatypes import Article

ENGLISH = "en"
NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
         "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "pl": "Polish", "tr": "Turkish",
         "id": "Indonesian", "ro": "Romanian", "fi": "Finnish"}
# The most frequent words of news text in each language, written from common knowledge of each
# language. No one-letter words (Spanish "y", Polish "w"): initials, list markers and ids are full of them.
_FUNCTION_WORDS = {
    "en": "the of and to is was for that with as by at from it his her he she they said has have had are were "
          "be been this which will would but not who their its an or after about",
    "fr": "le la les des du de et est un une dans pour que qui au aux sur par pas ne ce cette il elle ils sont "
          "ont été avec mais plus son sa ses leur lors selon été était",
    "de": "der die das und ist nicht ein eine den dem des mit sich auf für von zu im auch es sie er wurde "
          "werden hat nach bei aus wie noch oder sind war",
    "es": "el la los las de del que en un una por con para es se su sus al lo como más pero fue ha han "
          "este esta según también sobre entre",
    "it": "il lo la gli le di del della dei delle che un una per con non sono ha da al alla nel nella "
          "anche come più ma dopo questo questa",
    "pt": "os as de do da dos das que em um uma para com não por se ao na no mais foi como seu sua "
          "também pelo pela são está",
    "nl": "de het een en van in is dat op te zijn met voor niet die er aan ook als bij door naar om werd "
          "wordt heeft hij zij maar nog",
    "sv": "och att det som en på är av för med till den har inte om ett var jag han hon de sig från men "
          "också efter vid",
    "da": "og at det som en på er af for med til den har ikke om et var han hun de sig fra men også efter "
          "blev været",
    "no": "og at det som en på er av for med til den har ikke om et var han hun de seg fra men også etter "
          "ble vært",
    "pl": "na że nie się do to jest od po jak ale przez za dla oraz był była było są także jego",
    "tr": "ve bir bu da de için ile olarak olan gibi daha çok ama en kadar sonra ancak değil ise göre",
    "id": "yang dan di ke dari ini itu dengan untuk tidak akan pada juga dalam adalah oleh karena mereka",
    "ro": "și în de la cu pe că nu este un mai din pentru care au fost sunt lui ei după",
    "fi": "ja on ei se että hän oli ovat mutta kun myös tai joka sekä kuin niin ole ollut",
}
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}  # word -> the languages it is a function word of
for _lang, _words in _FUNCTION_WORDS.items():
    for _word in set(_words.split()):
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)
_TOKEN = re.compile(r"\b[^\W\d_]+\b")  # whole words of letters: "w0x0" or "3rd" are no word here
# Scripts that say the language is not English on their own; named by the script.
_SCRIPTS = {"CYRILLIC": "Cyrillic-script", "ARABIC": "Arabic-script", "GREEK": "Greek", "HEBREW": "Hebrew",
            "CJK": "Chinese or Japanese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean",
            "DEVANAGARI": "Devanagari-script", "THAI": "Thai"}
# Read at most this many words: enough to be sure (each sample of tests/data/languages is told right
# from its first 12 words on), and cheap on a long article (~0.2 ms).
MAX_WORDS = 80
# Below this many words a text is too short to say (a headline, a widget).
MIN_WORDS = 12
# A language is chosen (the one with the most function words) only when they are at least this share of
# the words: the samples of tests/data/languages score 0.29-0.45 for their own language; a text below it is
# mostly names, numbers or a list, and is left unknown (no note).
MIN_SHARE = 0.12


def detect_language(text: str) -> str | None:
    """The language code of ``text`` (``"en"``, ``"fr"``, …; a script name for non-Latin text), or None if unsure."""
    words = [w.lower() for w in _TOKEN.findall(text[:MAX_WORDS * 9])][:MAX_WORDS]
    if len(words) < MIN_WORDS:
        return None
    script = _main_script(words)
    if script is not None:
        return script
    hits: Counter[str] = Counter()
    for word in words:
        hits.update(_LANGUAGES_OF.get(word, ()))
    if not hits:
        return None
    lang, count = max(hits.items(), key=lambda item: (item[1], item[0] == ENGLISH))
    return lang if count / len(words) >= MIN_SHARE else None


def _main_script(words: Sequence[str]) -> str | None:
    """The name of a non-Latin script that most words are written in, else None."""
    sample = words[:100]
    other = [w for w in sample if not w.isascii()]
    if len(other) <= len(sample) / 2:  # mostly ASCII words: a Latin script (the usual case, decided cheaply)
        return None
    scripts = Counter(next((s for s in _SCRIPTS if unicodedata.name(w[0], "").startswith(s)), "") for w in other)
    script, count = scripts.most_common(1)[0]
    return _SCRIPTS[script] if script and count > len(sample) / 2 else None


def language_name(code: str) -> str:
    return NAMES.get(code, code)


def article_language(article: Article) -> str | None:
    """The article's language as given (``language`` of a JSONL record), else as detected."""
    if article.language:
        return article.language.split("-")[0].lower()
    return detect_language(article.text)


# The sections that read English only, as the note names them: quotes need English attribution verbs,
# People & places spaCy's English model, Conflicts English numbers, dates and names.
ENGLISH_ONLY = {"quotes": "Quotes (speakers)", "entities": "People & places", "conflicts": "Conflicts"}


_NOT_ENGLISH = "not in English"


def is_language_note(note: str) -> bool:
    """True for the note :func:`language_note` writes (the CLI shows it on stderr too)."""
    return f" {_NOT_ENGLISH} (" in note and "built for English" in note


def language_note(articles: Sequence[Article], sections: Sequence[str]) -> str | None:
    """One line when some sources are not in English, naming the sections that read English only; else None."""
    found = [(number, article_language(a)) for number, a in enumerate(articles, start=1)]
    other = [(n, lang) for n, lang in found if lang and lang != ENGLISH]
    if not other:
        return None
    by_language: dict[str, list[int]] = {}
    for number, lang in other:
        by_language.setdefault(lang, []).append(number)
    said = "; ".join(f"{''.join(f'[{n}]' for n in numbers)} {language_name(lang)}"
                     for lang, numbers in by_language.items())
    every = len(other) == len(articles)
    english_only = [title for name, title in ENGLISH_ONLY.items() if name in sections]
    which = "the sources are" if every else f"{len(other)} of {len(articles)} sources are"
    tail = (f"; {', '.join(english_only)} read English only and may be wrong or empty" if english_only else "")
    return (f"{which} {_NOT_ENGLISH} ({said}): newsbrief's analysis is built for English, so the choice of "
            f"sentences is less sure{tail}")
