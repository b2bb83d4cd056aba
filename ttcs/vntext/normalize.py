"""Unicode normalisation and Vietnamese diacritic folding.

Pure Python, no Django. ``fold`` keeps the length of its (NFC) input, so an offset found in
folded text is the same offset in the original text: highlights and spans map back directly.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["VIETNAMESE_LETTERS", "fold", "fold_lower", "nfc", "normalize_spaces"]

# The 67 lower-case letters with diacritics, grouped by their base letter (đ included).
_LOWER_GROUPS: dict[str, str] = {
    "a": "àáảãạăằắẳẵặâầấẩẫậ",
    "e": "èéẻẽẹêềếểễệ",
    "i": "ìíỉĩị",
    "o": "òóỏõọôồốổỗộơờớởỡợ",
    "u": "ùúủũụưừứửữự",
    "y": "ỳýỷỹỵ",
    "d": "đ",
}

VIETNAMESE_LETTERS: frozenset[str] = frozenset(
    ch for letters in _LOWER_GROUPS.values() for lo in letters for ch in (lo, lo.upper())
)


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for base, letters in _LOWER_GROUPS.items():
        for lo in letters:
            table[ord(lo)] = base
            table[ord(lo.upper())] = base.upper()
    # Letters that scans and old fonts produce in place of Đ/đ.
    for ch, base in (("Ð", "D"), ("ð", "d"), ("Ɖ", "D"), ("ɖ", "d")):
        table[ord(ch)] = base
    # A combining mark that survives NFC would re-compose with the ASCII base written in its
    # place (u + U+0302 → û) and break idempotence, so every mark of the block becomes the
    # invisible COMBINING GRAPHEME JOINER, which composes with nothing and keeps the length.
    for cp in range(0x0300, 0x0370):
        table[cp] = "\u034f"
    return table


_FOLD_TABLE = _build_fold_table()


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (one code point per Vietnamese letter)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Remove Vietnamese diacritics (``đ`` → ``d``) keeping case and the NFC length.

    Guarantees: ``len(fold(s)) == len(nfc(s))`` and ``fold(fold(s)) == fold(s)``.
    """
    return nfc(text).translate(_FOLD_TABLE)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A handful of characters (İ) lower to two code points; keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fold_lower(text: str) -> str:
    """``fold`` and lower-case, still one output character per NFC input character."""
    return _lower_same_length(fold(text))


_SPACE_RE = re.compile(r"[\s\u00a0\u200b\u2060\ufeff]+")


def normalize_spaces(text: str) -> str:
    """Collapse runs of whitespace (including no-break and zero-width spaces) to one space.

    Not length-preserving; strips both ends.
    """
    return _SPACE_RE.sub(" ", text).strip()
