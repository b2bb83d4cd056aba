"""Vietnamese text tools: Unicode normalisation, diacritic folding, OCR repair, abbreviations.

Pure Python, no Django. ``fold`` keeps the length of its (NFC) input, so an offset found in
folded text is the same offset in the original text: highlights and spans map back directly.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "ABBREVIATIONS",
    "VIETNAMESE_LETTERS",
    "expand_abbreviations",
    "fold",
    "fold_lower",
    "match_key",
    "nfc",
    "normalize_spaces",
    "repair_ocr_tokens",
]

from ttcs.vntext.normalize import (
    VIETNAMESE_LETTERS,
    fold,
    fold_lower,
    nfc,
    normalize_spaces,
)

# ---------------------------------------------------------------------------------------------
# Abbreviations
# ---------------------------------------------------------------------------------------------

#: Abbreviation as written in documents → the full name it stands for.
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQ": "Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "BCĐ": "Ban Chỉ đạo",
    "BTG": "Ban Tuyên giáo",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "TT&TT": "Thông tin và Truyền thông",
    "TT-TT": "Thông tin và Truyền thông",
    "TTTT": "Thông tin và Truyền thông",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "STTTT": "Sở Thông tin và Truyền thông",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "VH,TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTT&DL": "Văn hóa, Thể thao và Du lịch",
    "VH-TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VH-TT-DL": "Văn hóa, Thể thao và Du lịch",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GD-ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "SGDĐT": "Sở Giáo dục và Đào tạo",
    "PGDĐT": "Phòng Giáo dục và Đào tạo",
    "PGD&ĐT": "Phòng Giáo dục và Đào tạo",
    "KH&CN": "Khoa học và Công nghệ",
    "KHCN": "Khoa học và Công nghệ",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "KHĐT": "Kế hoạch và Đầu tư",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    "NN&MT": "Nông nghiệp và Môi trường",
    "NNMT": "Nông nghiệp và Môi trường",
    "TN&MT": "Tài nguyên và Môi trường",
    "TNMT": "Tài nguyên và Môi trường",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "LĐTB&XH": "Lao động - Thương binh và Xã hội",
    "GTVT": "Giao thông vận tải",
    "PT-TH": "Phát thanh và Truyền hình",
    "PT&TH": "Phát thanh và Truyền hình",
    "PTTH": "Phát thanh và Truyền hình",
    "TTXVN": "Thông tấn xã Việt Nam",
    "VTV": "Đài Truyền hình Việt Nam",
    "VOV": "Đài Tiếng nói Việt Nam",
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "TP. HCM": "Thành phố Hồ Chí Minh",
    "TPHCM": "Thành phố Hồ Chí Minh",
    "TP": "Thành phố",
    "VP UBND": "Văn phòng Ủy ban nhân dân",
    "VP HĐND và UBND": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
}


@lru_cache(maxsize=1)
def _abbreviation_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    by_folded: dict[str, str] = {}
    for abbr, full in ABBREVIATIONS.items():
        by_folded.setdefault(fold_lower(abbr), full)
    # Longest first so "PGD&ĐT" wins over "GD&ĐT" and "VP UBND" over "UBND".
    keys = sorted(by_folded, key=len, reverse=True)
    alternatives = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)
    # Not inside words, nor inside document symbols such as "07/CT-TTg" or "1222/UBND-VX".
    pattern = re.compile(rf"(?<![a-z0-9/-])(?:{alternatives})(?![a-z0-9/-])")
    return pattern, by_folded


def expand_abbreviations(text: str) -> str:
    """Replace known abbreviations (accented or not, any case) by their full Vietnamese names.

    Works on the NFC text; matches are found on the folded copy, so "HDND" and "HĐND" both
    expand. Text that is not an abbreviation is returned unchanged.
    """
    text = nfc(text)
    pattern, by_folded = _abbreviation_regex()
    folded = fold_lower(text)
    out: list[str] = []
    last = 0
    for m in pattern.finditer(folded):
        key = normalize_spaces(m.group(0))
        full = by_folded.get(key)
        if full is None:
            continue
        out.append(text[last : m.start()])
        out.append(full)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# OCR repair
# ---------------------------------------------------------------------------------------------

# Symbols that OCR engines put in place of letters with diacritics (on folded text).
_OCR_CHARS = str.maketrans({"¢": "e", "€": "e", "¥": "y", "©": "c", "®": "r", "|": "l"})

# Whole folded tokens that are not Vietnamese syllables but recur in scans of official
# documents, with what they stand for.
_OCR_TOKENS: dict[str, str] = {
    "s6": "so",
    "s0": "so",
    "s&": "so",
    "$6": "so",
    "sd": "so",
    "sb": "so",
    "x&": "xa",
    "tw": "tu",
    "gido": "giao",
    "gidao": "giao",
    "dyc": "duc",
    "hod": "hoa",
    "tring": "trang",
    "ctia": "cua",
    "ciia": "cua",
    "cta": "cua",
    "cia": "cua",
    "thii": "thu",
    "tudng": "tuong",
    "dian": "dan",
    "thianh": "thanh",
    "nhén": "nhan",
    "b4o": "bao",
    "bdo": "bao",
}

# Head words of department names: a damaged "Sở" is recognised when one of them follows.
_DEPARTMENT_HEADS = frozenset(
    [
        "tu",
        "noi",
        "tai",
        "thong",
        "van",
        "giao",
        "y",
        "khoa",
        "xay",
        "cong",
        "nong",
        "ke",
        "lao",
        "ngoai",
        "du",
        "quy",
        "dan",
    ]
)
# Misreadings of "Sở"; the ones that are also real syllables only count at a mention's start.
_SO_LIKE = frozenset({"se", "sc", "sg", "s"})
_SO_LIKE_AT_START = frozenset({"sa", "su", "si"})

_TOKEN_RE = re.compile(r"[0-9a-z&$]+|[^0-9a-z&$]+")
_DIGIT_IN_WORD = str.maketrans({"6": "o", "0": "o", "4": "a", "1": "l"})


def _repair_token(tok: str) -> str:
    if tok in _OCR_TOKENS:
        return _OCR_TOKENS[tok]
    has_alpha = any("a" <= c <= "z" for c in tok)
    if has_alpha and any(c in "6041" for c in tok) and not tok[0].isdigit():
        # A digit inside a word is a misread letter ("t6" = tổ, "c4" = cá, "1am" = làm).
        tok = tok.translate(_DIGIT_IN_WORD)
    elif has_alpha and tok[0] == "1" and len(tok) > 1 and tok[1:].isalpha():
        tok = "l" + tok[1:]
    if len(tok) >= 2 and tok[0] == "p" and tok[1] in "aeiouy":
        # No Vietnamese syllable starts with "p" + vowel: it is a misread "Đ" (Pài → Đài).
        tok = "d" + tok[1:]
    return tok


def repair_ocr_tokens(text: str) -> str:
    """Fold ``text`` to lower-case ASCII and undo common OCR damage, token by token.

    Returns folded text (no diacritics), not the original: "S6 Tw phap" → "so tu phap",
    "Pai Phat thanh" → "dai phat thanh", "Tinh ty" → "tinh uy". Only damage that cannot be a
    real Vietnamese word is repaired, so clean text comes back simply folded.
    """
    folded = fold_lower(text).translate(_OCR_CHARS)
    parts = _TOKEN_RE.findall(folded)
    words = [i for i, p in enumerate(parts) if p[0].isalnum() or p[0] in "&$"]
    for i in words:
        parts[i] = _repair_token(parts[i])
    for n, i in enumerate(words):
        prev_word = parts[words[n - 1]] if n else ""
        next_word = parts[words[n + 1]] if n + 1 < len(words) else ""
        tok = parts[i]
        if next_word in _DEPARTMENT_HEADS and (
            tok in _SO_LIKE or (n == 0 and tok in _SO_LIKE_AT_START)
        ):
            parts[i] = "so"
        elif tok in {"ty", "vy", "iy", "uy"} and prev_word in {"tinh", "thanh"}:
            # "Tỉnh ủy" / "Thành ủy" read as "Tinh ty" / "Thanh vy".
            parts[i] = "uy"
        elif tok in {"tim"} and prev_word == "trung":
            parts[i] = "tam"
        elif tok in {"vin", "vian"} and next_word in {"hoa", "ban", "phong"}:
            parts[i] = "van"
    return "".join(parts)


_PUNCT_RE = re.compile(r"[^0-9a-z]+")


def match_key(text: str) -> str:
    """The comparison form of a name: abbreviations expanded, OCR repaired, folded, lower-case,
    punctuation dropped, single spaces. Two spellings of one name give the same key.
    """
    repaired = repair_ocr_tokens(expand_abbreviations(text))
    return _PUNCT_RE.sub(" ", repaired).strip()
