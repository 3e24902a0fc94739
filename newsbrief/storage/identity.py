"""When two articles are the same article: one URL, one normalised text, or near-identical wire copy.

Near-duplicates follow the rule of ``newsbrief.ingest.dedup``: word 5-gram
shingles (Broder, "On the resemblance and containment of documents", 1997)
with a Jaccard similarity of at least 0.9. The shingles are hashed with a
stable hash (CRC-32 of each word, mixed into 64 bits per 5-gram), not Python's
per-process ``hash``, because the store keeps them on disk and compares them
across runs.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from newsbrief.ingest.dedup import SHINGLE_WORDS, THRESHOLD

NEAR_DUPLICATE_JACCARD = THRESHOLD
# Signatures read the first this-many words: wire copies that agree on 1,000
# words are copies, and the bound keeps a signature under 8 kB.
SIGNATURE_WORDS = 1000
# Query parameters that track a click rather than name a page.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ref|ref_src|cmpid|ocid|smid|sr_share)$", re.I)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # the golden-ratio multiplier of Fibonacci hashing
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def text_hash(text: str) -> str:
    """A hash of the text with case, punctuation and spacing ignored (exact reposts)."""
    normal = " ".join(_WORD.findall(text.casefold()))
    return hashlib.sha1(normal.encode("utf-8", "surrogatepass")).hexdigest()


def url_key(url: str | None) -> str | None:
    """The URL as a page identity: lower-case host without ``www.``, no fragment, no tracking parameters.

    ``https://www.Example.com/a/?utm_source=x#top`` and ``http://example.com/a`` give the same key.
    """
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host, path, query, ""))


def signature(text: str) -> np.ndarray:
    """The sorted distinct 64-bit hashes of the text's word 5-grams (one hash of all words if shorter)."""
    words = _WORD.findall(text.casefold())[:SIGNATURE_WORDS]
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.fromiter(map(zlib.crc32, map(_utf8, words)), dtype=np.uint64, count=len(words))
    count = max(len(words) - SHINGLE_WORDS + 1, 1)
    combined = hashes[:count].copy()
    for k in range(1, min(SHINGLE_WORDS, len(words))):
        combined *= _MIX  # wraps modulo 2**64, as a hash should
        combined ^= hashes[k:k + count]
    return np.unique(combined)


def _utf8(word: str) -> bytes:
    return word.encode("utf-8", "surrogatepass")


def resemblance(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity of two signatures (0 when either is empty)."""
    if not len(a) or not len(b):
        return 0.0
    small, large = sorted((len(a), len(b)))
    if small < NEAR_DUPLICATE_JACCARD * large:
        return small / large  # an upper bound, already under the threshold
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def is_near_duplicate(a: np.ndarray, b: np.ndarray) -> bool:
    return resemblance(a, b) >= NEAR_DUPLICATE_JACCARD


def signature_to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def signature_from_bytes(data: bytes | None) -> np.ndarray:
    return np.frombuffer(data or b"", dtype="<u8").astype(np.uint64)
