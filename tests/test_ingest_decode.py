"""Bytes to text: encodings, BOMs, newlines, and binary input refused with a clear message."""

from __future__ import annotations

import codecs
import gzip
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.errors import DecodeError, InputError
from newsbrief.ingest.decode import decode_bytes, detect_encoding, normalize_newlines

DATA = Path(__file__).parent / "data"


def _random_bytes(n: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(n))


def test_decode_reads_utf8():
    assert decode_bytes("Zoë’s café — 東京".encode(), source="a.txt") == "Zoë’s café — 東京"


@pytest.mark.parametrize(("name", "expected"), [
    ("latin1_article.txt",
     "Le café de la gare a rouvert lundi.\nLes habitués étaient là dès l'aube, a déclaré le gérant.\n"),
    ("cp1252_smart_quotes_article.txt", "“We are open again,” the café owner said – twice.\n"),
    ("utf8_bom_article.txt", "The council approved the budget on Tuesday.\nThe vote was 7 to 2.\n"),
    ("utf16_article.txt", "The bridge reopened on Friday.\nDrivers welcomed the news — and the café too.\n"),
    ("crlf_article.txt", "The storm reached the coast overnight.\nThousands lost power.\nRepairs began at dawn.\n"),
    ("non_english_article.txt", (DATA / "non_english_article.txt").read_text("utf-8")),
])
def test_decode_reads_test_files(name, expected):
    assert decode_bytes((DATA / name).read_bytes(), source=name) == expected


@pytest.mark.parametrize("data", [b"caf\xe9", "Zürich Straße Größe".encode("latin-1")])
def test_decode_reads_short_latin1_as_western_text(data):
    # charset-normalizer alone calls b"caf\xe9" UTF-16-BE and German cp1250.
    assert decode_bytes(data, source="x") == data.decode("cp1252")


@pytest.mark.parametrize(("text", "codec"), [
    ("Президент заявил, что переговоры продолжатся в пятницу.", "cp1251"),
    ("Zażółć gęślą jaźń. Łódź jest miastem w Polsce.", "cp1250"),
    ("東京都は金曜日に新しい計画を発表した。これは試験です。", "shift_jis"),
])
def test_decode_detects_other_legacy_encodings(text, codec):
    assert decode_bytes(text.encode(codec), source="x") == text


@pytest.mark.parametrize("bom_text", [
    codecs.BOM_UTF8 + b"bom",
    codecs.BOM_UTF16_LE + "bom".encode("utf-16-le"),
    codecs.BOM_UTF16_BE + "bom".encode("utf-16-be"),
    codecs.BOM_UTF32_LE + "bom".encode("utf-32-le"),
])
def test_decode_strips_byte_order_marks(bom_text):
    assert decode_bytes(bom_text, source="x") == "bom"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_reads_utf16_without_bom(codec):
    assert decode_bytes("Plain text\r\nin UTF-16".encode(codec), source="x") == "Plain text\nin UTF-16"


def test_decode_uses_declared_charset_first():
    data = "Привет".encode("koi8_r")
    assert decode_bytes(data, source="x", encoding="koi8-r") == "Привет"


def test_decode_ignores_wrong_declared_charset():
    assert decode_bytes("naïve".encode(), source="x", encoding="no-such-charset") == "naïve"


def test_decode_replaces_what_no_encoding_reads():
    text = decode_bytes(b"caf\xc3\xa9 \xff\xfe\xfd end", source="x")
    assert text.startswith("caf") and text.endswith(" end")


def test_decode_normalises_newlines():
    assert decode_bytes(b"a\r\nb\rc\nd\r\n\r\n", source="x") == "a\nb\nc\nd\n\n"
    assert normalize_newlines("one\r\ntwo\rthree") == "one\ntwo\nthree"


@pytest.mark.parametrize(("data", "kind"), [
    (b"\x89PNG\r\n\x1a\n" + _random_bytes(500), "PNG image"),
    (b"%PDF-1.7\n" + _random_bytes(200), "PDF document"),
    (b"PK\x03\x04" + _random_bytes(200), "ZIP archive"),
    (gzip.compress(b"The text inside an archive is not an article."), "gzip archive"),
    (b"\xff\xd8\xff\xe0" + _random_bytes(100), "JPEG image"),
    (b"some text\x00with a NUL byte inside", "contains NUL bytes"),
    (bytes(range(1, 9)) * 20 + b"a little text", "control bytes"),
])
def test_decode_refuses_binary_input(data, kind):
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data, source="upload.bin")
    message = str(caught.value)
    assert message.startswith("upload.bin: looks binary (")
    assert kind in message
    assert "UTF-8" in message and "Latin-1" in message
    assert caught.value.source == "upload.bin"
    assert isinstance(caught.value, InputError)


def test_decode_refuses_random_bytes():
    with pytest.raises(DecodeError, match="looks binary"):
        decode_bytes(_random_bytes(4096), source="noise")


def test_decode_detect_encoding_prefers_cp1252_on_a_tie():
    assert detect_encoding("Le café est très bon.".encode("latin-1")) == "cp1252"


@settings(deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\r\t")))
def test_decode_round_trips_any_utf8_text(text):
    assert decode_bytes(text.encode("utf-8"), source="x") == normalize_newlines(text)


def test_decode_utf8_with_one_bad_byte_stays_utf8() -> None:
    text = "Le café de la rue Saint-Honoré a rouvert à Paris, déclare le maire."
    decoded = decode_bytes(text.encode("utf-8") + b" Une \xff erreur.", source="x.txt")
    assert decoded.startswith(text) and decoded.endswith(" Une \ufffd erreur.")


def test_decode_legacy_text_is_still_read_as_its_code_page() -> None:
    assert decode_bytes("Le café a rouvert, déclare le maire.".encode("cp1252"), source="y.txt") == \
        "Le café a rouvert, déclare le maire."
