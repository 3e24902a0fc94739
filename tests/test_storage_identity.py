"""Same article twice: URL keys, text hashes and near-duplicate signatures."""

from __future__ import annotations

import numpy as np
import pytest

from newsbrief.ingest.dedup import jaccard
from newsbrief.storage.identity import (
    is_near_duplicate,
    resemblance,
    signature,
    signature_from_bytes,
    signature_to_bytes,
    text_hash,
    url_key,
)


@pytest.mark.parametrize(("a", "b"), [
    ("https://www.Example.com/news/a/?utm_source=x&utm_medium=y#top", "http://example.com/news/a"),
    ("https://example.com/a?b=2&a=1&fbclid=z", "https://example.com/a?a=1&b=2"),
])
def test_identity_url_key_ignores_tracking_and_form(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)


def test_identity_url_key_keeps_what_names_the_page() -> None:
    assert url_key("https://example.com/a?id=1") != url_key("https://example.com/a?id=2")
    assert url_key("https://example.com:8080/a") != url_key("https://example.com/a")
    assert url_key(None) is None and url_key("  ") is None


def test_identity_text_hash_ignores_case_punctuation_spacing() -> None:
    assert text_hash("Hello,  World!\n") == text_hash("hello world")
    assert text_hash("hello world") != text_hash("hello there world")


def test_identity_signature_matches_ingest_dedup_jaccard() -> None:
    a = "one two three four five six seven eight nine ten eleven twelve"
    b = "one two three four five six seven eight nine ten eleven thirteen"
    # 8 shingles each, 7 shared: 7 / 9
    assert resemblance(signature(a), signature(b)) == pytest.approx(7 / 9) == pytest.approx(jaccard(a, b))
    assert not is_near_duplicate(signature(a), signature(b))
    assert is_near_duplicate(signature(a), signature(a.upper()))


def test_identity_signature_is_stable_and_round_trips() -> None:
    sig = signature("A short text of a few words only here")
    assert np.array_equal(signature_from_bytes(signature_to_bytes(sig)), sig)
    assert len(signature("")) == 0 and len(signature("three short words")) == 1
    assert resemblance(signature(""), sig) == 0.0
