"""Bytes to text: UTF-8, then the detected legacy encoding, then replacement characters.

Binary input (images, archives, PDFs, executables) is refused with a DecodeError
instead of being read as mojibake. Newlines are normalised here, once, so the
string this returns is exactly ``Article.text`` and every offset computed
downstream points into it.
"""

from __future__ import annotations

import codecs
import re

from newsbrief.errors import DecodeError

ACCEPTED = "text, HTML or JSONL in UTF-8, UTF-16 (with BOM) or a legacy encoding such as Latin-1"

# Leading bytes of common non-text formats, checked before any decoding.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "ELF executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O binary"),
    (b"\x00asm", "WebAssembly module"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in text (tab, newline, form feed, carriage
# return and escape do, so they are allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
# Share of control bytes above which input is called binary. Text files have
# none; random or compressed data has about 12%, so 10% separates them with room.
_MAX_CONTROL_SHARE = 0.10
_SAMPLE = 65_536
_NEWLINES = re.compile(r"\r\n?")


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Text from bytes, with newlines normalised to ``\\n``.

    Args:
        data: the raw bytes of a file, a response body or stdin.
        source: where the bytes came from, named in error messages.
        encoding: a declared encoding (an HTTP ``charset``), tried right after a BOM.

    Returns:
        The decoded text; ``\\r\\n`` and ``\\r`` become ``\\n``.

    Raises:
        DecodeError: the bytes look binary (a known file signature, NUL bytes or
            mostly control bytes).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return normalize_newlines(data.decode(codec, errors="replace"))
    order = _utf16_order(data[:_SAMPLE]) if b"\x00" in data[:_SAMPLE] else None
    if order:
        return normalize_newlines(data.decode(order, errors="replace"))
    kind = binary_kind(data)
    if kind is not None:
        raise DecodeError(f"{source}: looks binary ({kind}); newsbrief reads {ACCEPTED}", source=source)
    if encoding:
        try:
            return normalize_newlines(data.decode(_codec_name(encoding) or "utf-8"))
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong or unknown declaration: detect instead
    try:
        return normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return normalize_newlines(mostly)
    return normalize_newlines(data.decode(detect_encoding(data), errors="replace"))


def _mostly_utf8(data: bytes) -> str | None:
    """The text as UTF-8 with replacement characters, if it is UTF-8 but for a few bad bytes.

    One stray byte in a UTF-8 file made the whole file read as a legacy code page, turning
    every accented letter into mojibake (issue 28). A legacy file's high bytes almost never
    form valid UTF-8 sequences, so when valid multi-byte characters outnumber the bad bytes
    the file is UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in text if ch > "\x7f") - text.count("\ufffd")
    return text if good > 0 and bad <= good else None


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` as ``\\n``, so offsets agree on every platform."""
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def binary_kind(data: bytes) -> str | None:
    """What kind of binary data this looks like, or None if it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return f"RIFF {data[8:12].decode().strip()} media"
    if b"\x00" in data:
        return "contains NUL bytes"
    sample = data[:_SAMPLE]
    if sample:
        control = len(sample) - len(sample.translate(None, _CONTROL))
        if control / len(sample) > _MAX_CONTROL_SHARE:
            return f"{control * 100 // len(sample)}% control bytes"
    return None


def detect_encoding(data: bytes) -> str:
    """The legacy encoding that reads ``data`` best, preferring Windows-1252 on a tie.

    charset-normalizer often cannot tell Western code pages apart on short text
    (``b"caf\\xe9"`` scores the same as UTF-16-BE, and French the same in cp1250
    and cp1252). Web and newswire text in a Western code page is nearly always
    cp1252 (the WHATWG reads ``latin-1`` labels as cp1252), so among equally good
    readings we take cp1252; other scripts (cp1251, Shift-JIS …) win outright.
    """
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        return "cp1252" if _decodes(data, "cp1252") else "latin-1"
    best = matches[0]
    for match in matches:
        tied = match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.01
        if tied and "cp1252" in match.could_be_from_charset and _decodes(data, "cp1252"):
            return "cp1252"
    return best.encoding


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _utf16_order(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` if NULs fill one byte of nearly every pair (ASCII-range UTF-16)."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0:pairs * 2:2].count(0) / pairs
    odd = sample[1:pairs * 2:2].count(0) / pairs
    if odd > 0.9 and even < 0.1:
        return "utf-16-le"
    if even > 0.9 and odd < 0.1:
        return "utf-16-be"
    return None


def _codec_name(label: str) -> str | None:
    """A Python codec for a declared charset label, reading latin-1/ascii as cp1252 (WHATWG)."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name
