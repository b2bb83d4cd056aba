"""Agency names: abbreviations spelled out, titles dropped, damaged names restored, and the
default resolver that turns a mention into a name without a database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz import fuzz, process

from ttcs.plans.parsing.agencies import (
    Tok,
    aligned,
    misread_head,
    title_length,
    tokenize,
)
from ttcs.plans.parsing.lexicon import LEVEL_WORDS, places, vocabulary
from ttcs.plans.parsing.model import ParseContext, ResolvedAgency
from ttcs.plans.parsing.text import key, nfc, squash

__all__ = ["clean_mention", "default_resolver", "expand_abbreviations", "restore_name"]

# --- spelling ------------------------------------------------------------------------------------

_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"\bUBMTTQVN\b", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    (r"\bUBMTTQ\b", "Ủy ban Mặt trận Tổ quốc"),
    (r"\bUBND\b", "Ủy ban nhân dân"),
    (r"\bH[ĐD]ND\b", "Hội đồng nhân dân"),
    (r"\bTT\s*&\s*TT\b|\bTT-TT\b|\bTTTT\b", "Thông tin và Truyền thông"),
    (
        r"\bVH\s*,?\s*TT\s*&\s*DL\b|\bVHTTDL\b|\bVH-TT-DL\b|\bVHTT&DL\b",
        "Văn hóa, Thể thao và Du lịch",
    ),
    (r"\bGD\s*&\s*[ĐD]T\b|\bGD-[ĐD]T\b|\bGD[ĐD]T\b", "Giáo dục và Đào tạo"),
    (r"\bKH\s*&\s*CN\b|\bKHCN\b", "Khoa học và Công nghệ"),
    (r"\bKH\s*&\s*[ĐD]T\b|\bKH[ĐD]T\b", "Kế hoạch và Đầu tư"),
    (r"\bNN\s*&\s*PTNT\b|\bNNPTNT\b", "Nông nghiệp và Phát triển nông thôn"),
    (r"\bTN\s*&\s*MT\b|\bTNMT\b", "Tài nguyên và Môi trường"),
    (r"\bL[ĐD]-?TB\s*&\s*XH\b|\bL[ĐD]TBXH\b", "Lao động - Thương binh và Xã hội"),
    (r"\bVH\s*&\s*TT\b|\bVH-TT\b", "Văn hóa và Thông tin"),
    (r"\bGTVT\b", "Giao thông vận tải"),
    (r"\bPT\s*-\s*TH\b|\bPT\s*&\s*TH\b|\bPTTH\b", "Phát thanh và Truyền hình"),
    (r"\bTTXVN\b", "Thông tấn xã Việt Nam"),
    (r"\bVPCP\b", "Văn phòng Chính phủ"),
)


def expand_abbreviations(text: str) -> str:
    """Spell out the abbreviations of agency names ("UBND", "Sở TT&TT", "Đài PT-TH").

    A symbol inside a document number ("89/KH-UBND") is left as it is.
    """
    for pattern, full in _ABBREVIATIONS:
        text = re.sub(rf"(?<![-/])(?:{pattern})", full, text)
    return text


_TRAILING_JUNK = re.compile(r"[\s,;:.\-–(]+$|\s*\((?:nếu có|neu co|b/c|đính kèm)\)\s*$", re.I)


def clean_mention(raw: str) -> str:
    """The mention as a name: abbreviations spelled out, spacing and end punctuation tidied,
    first letter capitalised. Nothing is invented: the words are the text's own.
    """
    text = squash(nfc(raw))
    text = expand_abbreviations(text)
    text = re.sub(r"\s+([,;])", r"\1", text)
    prev = None
    while prev != text:
        prev = text
        text = _TRAILING_JUNK.sub("", text).strip()
    toks = tokenize(text)
    k = title_length(toks, 0)
    if k and k < len(toks):
        text = text[toks[k].start :]
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


# --- restoring damaged names ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _phrase_index() -> tuple[list[str], list[str]]:
    vocab = vocabulary()
    keys = list(vocab.phrases)
    return keys, [vocab.phrases[k] for k in keys]


def _place_candidates(ctx: ParseContext | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if ctx is not None:
        for name in ctx.places:
            out[key(name)] = name
    return out


def _restore_place(
    words: list[Tok], ctx: ParseContext | None, level: str = ""
) -> tuple[str, int] | None:
    """A place name at the start of ``words`` (1–4 words), restored, with its word count.

    After "tỉnh" only province names count, which settles keys such as "phu yen" (Phú Yên,
    a province; Phù Yên, a district)."""
    index = places().by_key
    provinces = places().provinces
    context = _place_candidates(ctx)
    for n in (4, 3, 2, 1):
        if len(words) < n:
            continue
        k = " ".join(w.key for w in words[:n])
        if k in context:
            return context[k], n
        forms = index.get(k)
        if forms and level in {"tinh", "thanh pho"} and len(forms) > 1:
            forms = frozenset(f for f in forms if f in provinces) or forms
        if forms and len(forms) == 1 and n >= 2:
            return next(iter(forms)), n
        if context and n >= 2:
            best = process.extractOne(k, list(context), scorer=fuzz.ratio, score_cutoff=76)
            if best is not None:
                return context[best[0]], n
    return None


def _join(pieces: list[str]) -> str:
    result = ""
    for piece in pieces:
        if not result or piece in {",", ";", ".", ":", ")"} or result.endswith("("):
            result += piece
        else:
            result += " " + piece
    return result


_HEAD_FORMS = {
    "so": "Sở",
    "bo": "Bộ",
    "ban": "Ban",
    "phong": "Phòng",
    "cuc": "Cục",
    "vu": "Vụ",
    "bao": "Báo",
    "dai": "Đài",
    "hoi": "Hội",
    "truong": "Trường",
    "vien": "Viện",
}


def restore_name(text: str, ctx: ParseContext | None = None) -> str | None:
    """Restore diacritics of a damaged agency name from the lexicon and place names.

    Returns None unless every word could be restored with confidence: a partly restored
    name is not certain, and the caller keeps the cleaned text instead.
    """
    vocab = vocabulary()
    keys, forms = _phrase_index()
    toks = tokenize(text)
    out: list[str] = []
    i = 0
    after_level = False
    level = ""
    while i < len(toks):
        t = toks[i]
        if not t.is_word:
            out.append(t.raw)
            i += 1
            continue
        # The next words, across punctuation (phrases such as "các sở, ban, ngành" span it).
        ahead = [j for j in range(i, min(len(toks), i + 12)) if toks[j].is_word][:6]
        contiguous: list[Tok] = []
        for j in range(i, len(toks)):
            if not toks[j].is_word or len(contiguous) == 4:
                break
            contiguous.append(toks[j])
        proper: str | None = None
        used = 0
        if after_level or (t.cap and out):
            place = _restore_place(contiguous, ctx, level if after_level else "")
            if place is not None and (after_level or place[1] >= 2):
                proper, used = place
                ahead = ahead[:used]
        for n in range(len(ahead), 1, -1) if proper is None else ():
            # The longest run of words that is a known phrase, exactly or but for damaged words.
            mine = [toks[j].key for j in ahead[:n]]
            proper = vocab.phrases.get(" ".join(mine))
            if proper is None:
                candidates = process.extract(
                    " ".join(mine), keys, scorer=fuzz.ratio, score_cutoff=85, limit=8
                )
                hit = next(
                    (c for c in candidates if aligned(mine, c[0].split(), vocab.name_words)),
                    None,
                )
                proper = forms[hit[2]] if hit is not None else None
            if proper is not None:
                used = n
                break
        if proper is not None:
            phrase_key = " ".join(toks[j].key for j in ahead[:used])
            if t.cap and proper[:1].islower() and phrase_key not in LEVEL_WORDS:
                proper = proper[0].upper() + proper[1:]
            out.append(proper)
            i = ahead[used - 1] + 1
            after_level = phrase_key in LEVEL_WORDS
            level = phrase_key if after_level else ""
            continue
        word = vocab.words.get(t.key)
        if not out and t.cap:
            head = misread_head(t.key)
            if head in _HEAD_FORMS:
                word = _HEAD_FORMS[head]  # the head word opening a name ("B4o" → "Báo")
        if word is None:
            return None
        is_level = t.key in LEVEL_WORDS
        out.append(word[0].upper() + word[1:] if t.cap and not is_level and out else word)
        after_level = is_level
        level = t.key if is_level else ""
        i += 1
    result = _join(out)
    return result[0].upper() + result[1:] if result else None


@lru_cache(maxsize=1)
def _canonical_function() -> Callable[[str], str | None] | None:
    # The registry's pure matcher, when the project provides it; the parser works without it.
    try:
        from ttcs.core.matching_core import canonical_agency_name
    except Exception:
        return None
    return canonical_agency_name


def _canonical(text: str) -> str | None:
    function = _canonical_function()
    if function is None:
        return None
    try:
        return function(text)
    except Exception:
        return None


def _same_words(mention: str, canonical: str, *, damaged: bool) -> bool:
    # A canonical name may respell the mention but not add or drop words ("Các bộ" is not
    # "Các bộ, ngành"): the text's own naming is kept unless the words agree.
    m_words = key(expand_abbreviations(mention)).split()
    c_words = key(canonical).split()
    if not damaged:
        return m_words == c_words
    if len(m_words) != len(c_words):
        return False
    return fuzz.ratio(" ".join(m_words), " ".join(c_words)) >= 75


def default_resolver(raw: str, ctx: ParseContext) -> ResolvedAgency | None:
    """Resolve a mention without a database: the canonical name when the text is certain,
    else the cleaned text. ``agency_id`` is always None.
    """
    cleaned = clean_mention(raw)
    if not cleaned:
        return None
    canonical = _canonical(cleaned)
    if canonical and _same_words(cleaned, canonical, damaged=ctx.damaged):
        return ResolvedAgency(name=canonical, agency_id=None)
    if ctx.damaged:
        restored = restore_name(cleaned, ctx)
        if restored:
            return ResolvedAgency(name=clean_mention(restored), agency_id=None)
    return ResolvedAgency(name=cleaned, agency_id=None)
