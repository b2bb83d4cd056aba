"""Normalisation of news items: Vietnamese text, URLs and publication times.

Everything here is pure and Django-free. The functions are cheap enough to run on every item of
the ingest path (hundreds of items per second on one core): per-syllable work is cached because
Vietnamese has only a few thousand distinct syllables.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# --------------------------------------------------------------------------------------------
# Folding (search keys)
# --------------------------------------------------------------------------------------------

_BASE_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng
_QUALITY_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


def _vietnamese_letters() -> dict[str, str]:
    """Every Vietnamese letter with a diacritic (134 with upper case) mapped to its plain base."""
    mapping: dict[str, str] = {}
    for vowel in _BASE_VOWELS:
        for variant in [vowel, *(unicodedata.normalize("NFC", vowel + t) for t in _TONE_MARKS)]:
            plain = unicodedata.normalize("NFD", variant)[0]
            pairs = ((variant, plain), (variant.upper(), plain.upper()))
            mapping.update({ch: base for ch, base in pairs if ch != base})
    mapping["đ"] = "d"
    mapping["Đ"] = "D"
    return mapping


VIETNAMESE_LETTERS: dict[str, str] = _vietnamese_letters()
_FOLD_TABLE = str.maketrans(VIETNAMESE_LETTERS)


def _own_fold(text: str) -> str:
    """NFC, then Vietnamese letters to their plain Latin base; case and length are kept."""
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)


fold: Callable[[str], str]
try:  # The project-wide text tools, when present, are the single source of truth.
    from ttcs.core.text import fold
except ImportError:  # pragma: no cover - depends on what else is installed
    fold = _own_fold


def fold_key(text: str) -> str:
    """Lower-case folded form used for matching text with or without diacritics."""
    return fold(text).lower()


def has_diacritics(text: str) -> bool:
    """True when the text contains at least one Vietnamese letter with a diacritic."""
    return any(ch in VIETNAMESE_LETTERS for ch in text)


# --------------------------------------------------------------------------------------------
# Vietnamese text
# --------------------------------------------------------------------------------------------

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_SPACE_LIKE = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t\x0b\x0c"), " ")
_MULTI_SPACE = re.compile(r" {2,}")
# str.translate looks up every character; most text has none of these, and a search says so fast.
_ODD_CHARACTERS = re.compile("[" + "".join(map(chr, {**_ZERO_WIDTH, **_SPACE_LIKE})) + "]")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_WORD = re.compile(r"[^\W\d_]+")

_ONSET = re.compile(r"^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?")
_FINALS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
_VOWELS_PLAIN = set("aăâeêioôơuưy")


@lru_cache(maxsize=65536)
def fix_syllable_tone(syllable: str) -> str:
    """Place the tone mark of one syllable by the traditional rule ("hòa", "khỏe", "thủy").

    Both placements ("hoà" and "hòa") are common in the press; one spelling per syllable keeps
    titles comparable and search exact. Words that do not parse as a Vietnamese syllable are
    returned unchanged.
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) != 1:
        return syllable
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    lower = toneless.lower()
    onset = _ONSET.match(lower)
    start = onset.end() if onset else 0
    if lower[start : start + 1] not in _VOWELS_PLAIN and lower.startswith("gi"):
        start = 1  # "gì", "gìn": the i is the vowel
    end = start
    while end < len(lower) and lower[end] in _VOWELS_PLAIN:
        end += 1
    if end == start or lower[end:] not in _FINALS or len(lower) != len(syllable):
        return syllable
    nucleus = lower[start:end]
    marked = [i for i, ch in enumerate(nucleus) if ch in "ăâêôơư"]
    if marked:
        pos = marked[-1]
    elif lower[end:]:
        pos = len(nucleus) - 1
    elif len(nucleus) == 3:
        pos = 1
    else:
        pos = 0
    index = start + pos
    target = unicodedata.normalize("NFC", toneless[index] + tones[0])
    fixed = toneless[:index] + target + toneless[index + 1 :]
    return fixed if len(fixed) == len(syllable) else syllable


def _fix_word(match: re.Match[str]) -> str:
    return fix_syllable_tone(match.group(0))


def _toned(bases: str) -> str:
    return "".join(
        unicodedata.normalize("NFC", ch + tone)
        for base in bases
        for ch in (base, base.upper())
        for tone in _TONE_MARKS
    )


# Only syllables where two vowels meet around a tone mark can have it misplaced ("hoà", "tòan");
# finding those first keeps the per-word work off the vast majority of words.
_MISPLACEABLE = re.compile(
    rf"[^\W\d_]*(?:[oOuU][{_toned('aeyâăêơôư')}]|[{_toned('ou')}][aAeEyYâÂăĂêÊ])[^\W\d_]*"
)


def normalize_text(text: str, *, keep_newlines: bool = True) -> str:
    """Clean Vietnamese text for storage and comparison.

    Guarantees: NFC; zero-width characters and soft hyphens removed; non-breaking and other
    exotic spaces turned into plain spaces; runs of spaces collapsed; lines stripped; at most one
    blank line between paragraphs (or a single line when ``keep_newlines`` is false); one tone
    placement per syllable (traditional: "hòa", "thủy").
    """
    text = unicodedata.normalize("NFC", text)
    if _ODD_CHARACTERS.search(text):
        text = text.translate(_ZERO_WIDTH).translate(_SPACE_LIKE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _MISPLACEABLE.sub(_fix_word, text)
    lines = [_MULTI_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    if not keep_newlines:
        return " ".join(line for line in lines if line)
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


# --------------------------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------------------------

_TRACKING_PREFIXES = ("utm_", "itm_", "vn_", "pk_", "mtm_", "hsa_", "_hs")
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_openstat",
        "zarsrc",
        "zaloid",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "cmpid",
        "spm",
        "ocid",
        "ito",
        "s_cid",
        "mkt_tok",
        "trk",
        "trkcampaign",
        "share",
        "sharetype",
        "from_source",
        "fb_action_ids",
        "fb_action_types",
        "fb_source",
        "fb_ref",
        "ncid",
        "sr_share",
        "__twitter_impression",
        "amp_share",
        "rss",
        "rcm",
        "gidzl",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Canonical form of a news URL, so that copies of one link compare equal.

    Guarantees: scheme and host lower-case, ``www.`` dropped, default ports and fragments
    removed, tracking parameters (utm_*, fbclid, gclid, Zalo and VnExpress campaign tags...)
    removed, remaining parameters sorted, percent-escapes normalised, duplicate slashes
    collapsed, no trailing slash except for the site root. Text that is not an http(s) URL is
    returned stripped and otherwise unchanged.
    """
    raw = url.strip()
    if "://" not in raw:
        if raw.startswith("//"):
            raw = "https:" + raw
        elif re.match(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/|$)", raw):
            raw = "https://" + raw  # a bare "example.vn/path" as some feeds print links
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        return raw
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return raw
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = quote(unquote(parts.path), safe=_PATH_SAFE)
    path = re.sub(r"/{2,}", "/", path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query_pairs = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    query = urlencode(query_pairs, doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))


def url_key(url: str) -> str:
    """Hex digest identifying a link regardless of scheme and tracking noise ("" for no URL)."""
    canonical = canonical_url(url)
    if not canonical:
        return ""
    without_scheme = canonical.split("://", 1)[-1]
    return hashlib.sha1(without_scheme.encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


# --------------------------------------------------------------------------------------------
# Times
# --------------------------------------------------------------------------------------------

_DMY = re.compile(
    r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,T]+(\d{1,2})[:hg](\d{2})(?::(\d{2}))?)?\s*$"
)
_MIN_YEAR, _MAX_YEAR = 1990, 2100


def parse_published_at(value: object) -> datetime:
    """Aware datetime in Asia/Ho_Chi_Minh from an ISO 8601 string, "dd/mm/yyyy HH:MM" or epoch.

    Naive values are taken as Vietnam time (what Vietnamese sites print). Raises ``ValueError``
    with a Vietnamese message for anything else, including years outside 1990–2100.
    """
    if isinstance(value, bool) or value is None:
        raise ValueError("thiếu thời điểm đăng (published_at)")
    if isinstance(value, int | float):
        parsed = datetime.fromtimestamp(float(value), tz=VN_TZ)
    elif isinstance(value, str):
        parsed = _parse_date_string(value)
    else:
        raise ValueError("published_at phải là chuỗi ngày giờ ISO 8601")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=VN_TZ)
    if not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        raise ValueError(f"năm {parsed.year} trong published_at không hợp lệ")
    return parsed.astimezone(VN_TZ)


def _parse_date_string(text: str) -> datetime:
    stripped = text.strip()
    if not stripped:
        raise ValueError("published_at rỗng")
    try:
        return datetime.fromisoformat(stripped.replace("z", "Z"))
    except ValueError:
        pass
    match = _DMY.match(stripped)
    if match:
        day, month, year, hour, minute, second = match.groups()
        try:
            return datetime(  # noqa: DTZ001 - made aware by the caller
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
        except ValueError as exc:
            raise ValueError(f"ngày giờ không tồn tại: {stripped!r}") from exc
    raise ValueError(f"không đọc được ngày giờ {stripped!r} (cần ISO 8601)")


def to_local(moment: datetime) -> datetime:
    """The same instant in Asia/Ho_Chi_Minh; naive input is taken as already local."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ)


def iso_local(moment: datetime) -> str:
    """ISO 8601 with the +07:00 offset, seconds precision."""
    return to_local(moment).isoformat(timespec="seconds")


ONE_DAY = timedelta(days=1)
