"""Bytes to text for pages and feeds whose encoding is declared wrongly, late or not at all.

Vietnamese sites still serve windows-1258 and mislabelled pages; decoding must never raise and
must give NFC text so that later stages see one spelling of each letter (windows-1258 carries tone
marks as combining characters).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

# WHATWG: labels for Latin-1 and ASCII mean windows-1252 on the web.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1258": "cp1258",
    "x-cp1258": "cp1258",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([\w.:+-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:+-]+)""",
    re.IGNORECASE,
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:+-]+)["']""", re.IGNORECASE)
# Enough of the page for detection; detecting on megabytes costs time and gains nothing.
_DETECT_BYTES = 256 * 1024
_SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text and the encoding that produced it (``how`` says which rule chose it)."""

    text: str
    encoding: str
    how: str


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, lower-cased, or None."""
    if not content_type:
        return None
    match = _CHARSET_PARAM.search(content_type)
    return match.group(1).lower() if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    name = _LABEL_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _try(content: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _vietnamese_letters() -> frozenset[str]:
    letters = {"đ", "Đ"}
    for vowel in "aăâeêioôơuưy":
        for mark in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            letter = unicodedata.normalize("NFC", vowel + mark)
            letters.update((letter, letter.upper()))
    return frozenset(letters)


_VIETNAMESE_LETTERS = _vietnamese_letters()
_TYPOGRAPHY = frozenset("\u00a0–—‘’“”…•«»°±×÷©®€")


def _as_vietnamese_windows(content: bytes) -> str | None:
    """windows-1258 text, when that reading gives Vietnamese and nothing else.

    Statistical detectors misread short Vietnamese windows-1258 text (often as a CJK encoding);
    the reading is accepted only when every non-ASCII character is a Vietnamese letter or common
    typography and no tone mark is left uncombined.
    """
    try:
        text = unicodedata.normalize("NFC", content.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    foreign = [ch for ch in text if ord(ch) > 127]
    if not foreign:
        return None
    if any(unicodedata.combining(ch) for ch in foreign):
        return None
    allowed = _VIETNAMESE_LETTERS | _TYPOGRAPHY
    return text if all(ch in allowed for ch in foreign) else None


def decode_text(content: bytes, content_type: str | None = None) -> DecodedText:
    """Decode ``content`` without ever raising, giving NFC text.

    Order: a byte-order mark; the charset of the Content-Type header; a ``<meta charset>`` or
    XML declaration near the start; strict UTF-8; windows-1258 when that reads as clean
    Vietnamese; statistical detection (charset-normalizer); finally windows-1252 with
    replacement characters. A declared charset that cannot decode the
    bytes (a common mislabelling) is skipped rather than trusted.
    """
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return DecodedText(_nfc(content[len(bom) :].decode(codec, "replace")), codec, "bom")

    header_codec = _codec(charset_from_content_type(content_type))
    text = _try(content, header_codec)
    if text is not None and header_codec is not None:
        return DecodedText(_nfc(text), header_codec, "header")

    head = content[:_SNIFF_BYTES]
    for pattern in (_XML_DECL, _META_CHARSET):
        match = pattern.search(head)
        if match:
            inline_codec = _codec(match.group(1).decode("ascii", "ignore"))
            text = _try(content, inline_codec)
            if text is not None and inline_codec is not None:
                return DecodedText(_nfc(text), inline_codec, "document")

    text = _try(content, "utf-8")
    if text is not None:
        return DecodedText(_nfc(text), "utf-8", "utf-8")

    text = _as_vietnamese_windows(content)
    if text is not None:
        return DecodedText(text, "cp1258", "vietnamese")

    best = charset_normalizer.from_bytes(content[:_DETECT_BYTES]).best()
    if best is not None:
        detected = _codec(best.encoding)
        text = _try(content, detected)
        if text is not None and detected is not None:
            return DecodedText(_nfc(text), detected, "detected")

    return DecodedText(_nfc(content.decode("cp1252", "replace")), "cp1252", "fallback")
