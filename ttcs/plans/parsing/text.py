"""Text helpers for the plan parser: Unicode clean-up, diacritic folding and OCR-tolerant keys.

Everything here is pure and cheap. ``fold`` keeps the length of its NFC input, so a match
found in folded text can be sliced out of the original text at the same offsets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "clean_line",
    "fold",
    "is_junk_line",
    "key",
    "looks_damaged",
    "nfc",
    "squash",
    "upper_ratio",
]

_GROUPS: dict[str, str] = {
    "a": "àáảãạăằắẳẵặâầấẩẫậ",
    "e": "èéẻẽẹêềếểễệ",
    "i": "ìíỉĩị",
    "o": "òóỏõọôồốổỗộơờớởỡợ",
    "u": "ùúủũụưừứửữự",
    "y": "ỳýỷỹỵ",
    "d": "đ",
}


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for base, letters in _GROUPS.items():
        for ch in letters:
            table[ord(ch)] = base
            table[ord(ch.upper())] = base
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[ord(ch)] = ch.lower()
    # Latin-1 letters that OCR puts in place of Vietnamese vowels, and Đ look-alikes.
    for src, dst in {
        "ð": "d",
        "Ð": "d",
        "ë": "e",
        "Ë": "e",
        "ï": "i",
        "Ï": "i",
        "ö": "o",
        "Ö": "o",
        "ü": "u",
        "Ü": "u",
        "å": "a",
        "Å": "a",
        "ä": "a",
        "Ä": "a",
        "î": "i",
        "Î": "i",
        "û": "u",
        "Û": "u",
        "ø": "o",
        "Ø": "o",
        "ç": "c",
        "Ç": "c",
        "ñ": "n",
        "Ñ": "n",
        "¢": "e",
        "€": "e",
        "¥": "y",
        "ÿ": "y",
    }.items():
        table[ord(src)] = dst
    # Combining marks left over after NFC become an invisible joiner: length is kept and the
    # folded text never re-composes with its base letter.
    for cp in range(0x0300, 0x0370):
        table[cp] = "\u034f"
    return table


_FOLD = _fold_table()


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics (đ → d) keeping the NFC length."""
    text = nfc(text)
    out = text.translate(_FOLD)
    if len(out) != len(text):  # pragma: no cover - translate maps one code point to one
        return text.lower()
    lowered = out.lower()
    return lowered if len(lowered) == len(out) else out


_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_MARKDOWN_RE = re.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)")
_DASHES = str.maketrans({"–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "‐": "-", "‑": "-"})


def clean_line(line: str) -> str:
    """NFC, Markdown emphasis markers removed, dashes unified, spaces collapsed, ends trimmed."""
    line = nfc(line).replace("\u00ad", "")
    line = _MARKDOWN_RE.sub("", line)
    line = line.translate(_DASHES)
    return _SPACE_RE.sub(" ", line).strip()


def squash(text: str) -> str:
    """Collapse all whitespace (newlines included) to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def upper_ratio(text: str) -> float:
    """Share of upper-case letters among the letters of ``text`` (0.0 when it has none)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isupper()) / len(letters)


_MARKER_RE = re.compile(r"^\s*(?:[IVXLivxl1]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]")


def is_junk_line(line: str) -> bool:
    """True for lines that carry no text: page numbers, scan debris, stray accents and stamps."""
    stripped = line.strip()
    if not stripped:
        return False
    letters = sum(1 for c in stripped if c.isalpha())
    words = re.findall(r"[^\W\d_]{2,}", stripped)
    if _MARKER_RE.match(stripped) and letters >= 2:
        return False
    if not words:
        return True
    if letters < 5 and len(words) < 2:
        return True
    # Debris such as "A A r r « A k . r": mostly single characters.
    tokens = stripped.split()
    singles = sum(1 for t in tokens if len(t) == 1)
    return len(tokens) >= 4 and singles / len(tokens) > 0.6


# --- OCR-tolerant keys ------------------------------------------------------------------------

# Whole folded tokens that scans of official documents produce in place of common syllables.
OCR_TOKENS: dict[str, str] = {
    "s6": "so",
    "s0": "so",
    "s&": "so",
    "$6": "so",
    "sd": "so",
    "sb": "so",
    "s¢": "so",
    "x&": "xa",
    "k&": "ke",
    "d&": "de",
    "v&": "ve",
    "c&": "co",
    "tw": "tu",
    # "xử lý" read as "xtr Iy", "thực" as "thyc": letters no Vietnamese word has there.
    "xtr": "xu",
    "xir": "xu",
    "xit": "xu",
    "iy": "ly",
    "thyc": "thuc",
    "thye": "thuc",
    "twong": "tuong",
    "trwong": "truong",
    "dwong": "duong",
    "cwong": "cuong",
    "ctia": "cua",
    "ciia": "cua",
    "cta": "cua",
    "cia": "cua",
    "clia": "cua",
    "ciua": "cua",
    "cla": "cua",
    "cila": "cua",
    "ctiia": "cua",
    "cuia": "cua",
    "thii": "thu",
    "tudng": "tuong",
    "tuéng": "tuong",
    "dian": "dan",
    "thianh": "thanh",
    "gido": "giao",
    "gidao": "giao",
    "gio": "giao",
    "dyc": "duc",
    "hod": "hoa",
    "cec": "cac",
    "cdc": "cac",
    "cic": "cac",
    "cc": "cac",
    "b4o": "bao",
    "bdo": "bao",
    "bio": "bao",
    "nim": "nam",
    "ndm": "nam",
    "niam": "nam",
    "nfim": "nam",
    "hing": "hang",
    "théng": "thang",
    "theng": "thang",
    "thang": "thang",
    "ngdy": "ngay",
    "ngiy": "ngay",
    "ngéy": "ngay",
    "trude": "truoc",
    "trudc": "truoc",
    "truéc": "truoc",
    "nudc": "nuoc",
    "nuéc": "nuoc",
    "nude": "nuoc",
    "dja": "dia",
    "dija": "dia",
    "vj": "vi",
    "trj": "tri",
    "ty": "ty",
}

_OCR_CHARS = str.maketrans({"|": "l", "!": "l"})
_DIGIT_LETTERS = str.maketrans({"6": "o", "0": "o", "4": "a", "1": "l", "3": "a", "8": "a"})
_TOKEN_RE = re.compile(r"[0-9a-z&$¢€@]+")


def _repair_token(tok: str) -> str:
    if tok in OCR_TOKENS:
        return OCR_TOKENS[tok]
    if tok.startswith("(;"):
        tok = "c" + tok[2:]
    has_alpha = any("a" <= c <= "z" for c in tok)
    if has_alpha and any(c.isdigit() for c in tok) and not tok[:2].isdigit():
        # A digit inside a word is a misread letter ("t6" = tổ, "B4o" = Báo, "1am" = làm).
        tok = tok.translate(_DIGIT_LETTERS)
    tok = tok.replace("&", "o").replace("$", "s").replace("@", "a")
    # Vietnamese has no "j": scans write it for "ị" ("dja" = địa, "thj" = thị).
    tok = tok.replace("j", "i")
    if len(tok) >= 2 and tok[0] == "p" and tok[1] in "aeiouy":
        # No Vietnamese syllable starts with "p" + vowel: it is a misread "Đ" (Pài → Đài).
        tok = "d" + tok[1:]
    return tok


@lru_cache(maxsize=20000)
def key(text: str) -> str:
    """OCR-tolerant comparison key: folded, damaged tokens repaired, punctuation dropped.

    "S6 Tw phap" → "so tu phap"; "Pai Phat thanh" → "dai phat thanh"; clean text is simply
    folded. Commas and semicolons are dropped, so the key only compares words.
    """
    folded = fold(text.replace("(;", "c")).translate(_OCR_CHARS)
    originals = _TOKEN_RE.findall(folded)
    tokens = [_repair_token(t) for t in originals]
    out: list[str] = []
    for i, tok in enumerate(tokens):
        prev = out[-1] if out else ""
        if originals[i] in {"ty", "vy", "iy", "uy"} and prev in {"tinh", "thanh", "huyen"}:
            tok = "uy"  # "Tỉnh ủy" read as "Tinh ty"
        elif tok in {"se", "sa", "sc", "si"} and i == 0 and len(tokens) > 1:
            tok = "so"  # a damaged "Sở" at the start of a name
        out.append(tok)
    return " ".join(out)


_ACCENT_PROBES = {
    "cua": "của",
    "cac": "các",
    "va": "và",
    "duoc": "được",
    "thuc": "thực",
    "hien": "hiện",
    "nhiem": "nhiệm",
    "truyen": "truyền",
    "chinh": "chính",
    "sach": "sách",
    "cong": "công",
    "tac": "tác",
    "theo": "theo",
    "ban": "ban",
    "dan": "dân",
    "nhan": "nhân",
    "tinh": "tỉnh",
    "quan": "quan",
    "trien": "triển",
    "khai": "khai",
    "phoi": "phối",
    "hop": "hợp",
    "co": "cơ",
    "so": "sở",
    "don": "đơn",
    "vi": "vị",
    "dia": "địa",
    "phuong": "phương",
}
_PROBE_ACCENTED = {w for w in _ACCENT_PROBES.values() if w != fold(w)}


def looks_damaged(text: str) -> bool:
    """True when ``text`` reads like OCR output that lost its diacritics.

    Counts common words that carry diacritics in correct Vietnamese ("của", "các", "thực",
    "nhiệm"…) and their bare forms. Clean documents have almost none of the bare forms.
    """
    words = re.findall(r"[^\W\d_]+", nfc(text).lower())
    accented = sum(1 for w in words if w in _PROBE_ACCENTED)
    bare = sum(1 for w in words if w in _ACCENT_PROBES and _ACCENT_PROBES[w] != w and w == fold(w))
    total = accented + bare
    if total < 8:
        return False
    return bare / total > 0.25
