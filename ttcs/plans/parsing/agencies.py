"""Agency mentions: where they start and end in a sentence, how lists split, how names restore.

A mention starts at a head word ("Sở", "Ủy ban nhân dân", "Phòng", "các sở, ban, ngành"…)
and runs until a verb of the duty ("chủ trì", "phối hợp", "xây dựng"…) or a word that cannot be
part of a name. All matching is done on OCR-tolerant keys, so "S6 Tw phap" and "Pai Phat thanh"
are found like their clean forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ttcs.plans.parsing.lexicon import (
    CATEGORY_NOUNS,
    DUTY_VERBS,
    NAME_PHRASES,
    PERSON_TITLES,
    vocabulary,
)
from ttcs.plans.parsing.text import fold, key, nfc

__all__ = [
    "Tok",
    "aligned",
    "find_coordinators",
    "misread_head",
    "split_agencies",
    "strip_assignment",
    "take_agencies",
    "title_length",
    "tokenize",
]


@dataclass(frozen=True)
class Tok:
    """A word or punctuation mark of a sentence with its offsets and comparison key."""

    raw: str
    key: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return bool(self.key)

    @property
    def cap(self) -> bool:
        for c in self.raw:
            if c.isalpha():
                return c.isupper()
        return False


_TOKEN_RE = re.compile(r"[^\s,;:()\[\]\"“”]+|[,;:()\"“”]")


def tokenize(text: str) -> list[Tok]:
    """Split ``text`` into words and punctuation marks (a word's final full stop is a mark)."""
    toks: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        raw, start = m.group(0), m.start()
        stop = len(raw) > 1 and raw.endswith(".") and not re.fullmatch(r"(?:[A-ZĐ]{1,3}\.)+", raw)
        if stop:
            raw = raw.rstrip(".")
        if raw:
            k = key(raw).replace(" ", "") if any(c.isalnum() for c in raw) else ""
            toks.append(Tok(raw, k, start, start + len(raw)))
        if stop:
            end = m.end()
            toks.append(Tok(".", "", end - 1, end))
    return toks


# --- heads ------------------------------------------------------------------------------------

# Heads that are ordinary words too ("Số", "Bố trí", "Báo cáo"): they only count when written
# with a capital and followed by a capitalised word or the first word of a known field.
_CAP_HEADS = frozenset(
    {"so", "bo", "ban", "phong", "cuc", "vu", "bao", "dai", "hoi", "truong", "vien", "doan"}
)
# Correctly written words that fold like a head word but are not one.
_NOT_HEADS = frozenset(
    {
        "viễn", "số", "bố", "bổ", "bảo", "bão", "bạo", "đại", "đãi", "hỏi", "hồi", "hối",
        "phóng", "vũ", "vú", "cực", "đoán", "đoạn", "trương", "bàn", "bán", "bạn", "bản",
    }
)  # fmt: skip
_SO_MISREAD = frozenset({"se", "sa", "sc", "si", "s", "sg"})
_NOT_AFTER: dict[str, frozenset[str]] = {
    "so": frozenset({"luong", "hoa", "lieu", "huu", "tien", "ke"}),
    "bo": frozenset({"tri", "sung", "phan", "may", "luat"}),
    "ban": frozenset({"hanh", "dau", "than", "tin", "chat"}),
    "bao": frozenset({"cao", "dam", "ve", "chi", "dong", "tri", "hiem"}),
    "dai": frozenset({"dien", "hoi", "bieu", "tu", "chung", "hoc", "tra"}),
    "hoi": frozenset({"nghi", "thao", "thi", "dap", "dong", "cho"}),
    "phong": frozenset({"chong", "ngua", "trao"}),
    "doan": frozenset({"ket", "kiem", "thanh"}),
    "truong": frozenset({"hop"}),
    "vu": frozenset({"viec"}),
    "cuc": frozenset({"bo"}),
}
_MULTI_HEADS: tuple[tuple[str, ...], ...] = tuple(
    tuple(h.split())
    for h in (
        "uy ban nhan dan",
        "uy ban",
        "ubnd",
        "hdnd",
        "hoi dong nhan dan",
        "van phong",
        "trung tam",
        "cong an",
        "chi cuc",
        "tong cuc",
        "kho bac",
        "tap chi",
        "cong thong tin",
        "thong tan xa",
        "bo chi huy",
        "ban chi huy",
        "bao hiem xa hoi",
        "ngan hang",
        "lien doan",
        "lien minh",
        "mat tran",
        "tinh doan",
        "huyen doan",
        "thanh doan",
        "tinh uy",
        "huyen uy",
        "thanh uy",
        "thi uy",
        "dang uy",
        "benh vien",
        "hoc vien",
        "co quan",
        "thu tuong chinh phu",
        "ubmttq",
        "uy ban mat tran",
        "bao va phat thanh",
    )
)
_LONG_HEADS: tuple[tuple[str, ...], ...] = (
    ("uy", "ban", "nhan", "dan"),
    ("hoi", "dong", "nhan", "dan"),
    ("thong", "tan", "xa"),
    ("bao", "hiem", "xa", "hoi"),
    ("uy", "ban", "mat", "tran"),
)
_CAP_MULTI_HEADS: tuple[tuple[str, ...], ...] = (("thanh", "tra"), ("chinh", "phu"))
_MULTI_HEADS_SORTED = tuple(sorted(_MULTI_HEADS, key=len, reverse=True))


def _words(toks: list[Tok], i: int, n: int) -> tuple[str, ...]:
    out: list[str] = []
    for t in toks[i:]:
        if not t.is_word:
            break
        out.append(t.key)
        if len(out) == n:
            break
    return tuple(out)


def misread_head(k: str) -> str:
    """The head word a damaged first word stands for ("se" → "so", "pheng" → "phong")."""
    if k in _SO_MISREAD:
        return "so"
    return next((h for h in ("phong", "truong") if _one_off(k, h)), k)


def _one_off(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def head_length(toks: list[Tok], i: int) -> int:
    """Number of tokens of an agency head starting at ``toks[i]`` (0 when there is none)."""
    if i >= len(toks) or not toks[i].is_word:
        return 0
    window = _words(toks, i, 5)
    k = window[0]
    if k == "cac":
        # A category: "các sở, ban, ngành", "các cơ quan, đơn vị", "Các bộ"… ("các s, ban
        # ngành": a "Sở" whose vowel the scan lost).
        rest = list(window[1:4])
        if rest and rest[0] in _SO_MISREAD:
            rest[0] = "so"
        for n in (3, 2, 1):
            if len(rest) >= n and " ".join(rest[:n]) in CATEGORY_NOUNS:
                return 1 + n
        return 0
    if toks[i].cap:
        for head in _CAP_MULTI_HEADS:
            if window[: len(head)] == head:
                return len(head)
    for head in _LONG_HEADS:
        # Long heads survive a damaged word ("Uy ban nhan déan").
        words = window[: len(head)]
        if (
            len(words) == len(head)
            and (words[0] == head[0] or len(head) >= 4)
            and fuzz.ratio(" ".join(words), " ".join(head)) >= 85
        ):
            return len(head)
    for head in _MULTI_HEADS_SORTED:
        if window[: len(head)] == head:
            return len(head)
    if k in _SO_MISREAD and toks[i].cap:
        k = "so"  # "Sé Tu phap", "Sa Nội vụ": a damaged "Sở"
    elif toks[i].cap and len(k) >= 4 and k not in _CAP_HEADS:
        # "Phéng Tw phép": one letter off a long head word, before a capitalised word.
        near = next((h for h in ("phong", "truong") if _one_off(k, h)), None)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if near and nxt is not None and nxt.is_word and nxt.cap:
            k = near
    if k not in _CAP_HEADS:
        return 0
    if nfc(toks[i].raw).lower() in _NOT_HEADS:
        return 0  # "Viễn thông", "Số 12", "Bảo đảm": same letters as a head, other word
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or not nxt.is_word:
        return 0
    if not nxt.cap and nxt.key in _NOT_AFTER.get(k, frozenset()):
        return 0
    if not (toks[i].cap or (k == "so" and len(toks[i].raw) <= 2)):
        return 0
    if nxt.cap or nxt.key in vocabulary().field_heads:
        return 1
    return 0


_TITLE_WORDS = tuple(sorted((tuple(t.split()) for t in PERSON_TITLES), key=len, reverse=True))


def title_length(toks: list[Tok], i: int) -> int:
    """Tokens of a person's title ("Giám đốc", "Chủ tịch") starting at ``toks[i]``, or 0."""
    window = _words(toks, i, 3)
    for title in _TITLE_WORDS:
        if window[: len(title)] == title:
            return len(title)
    # Damaged titles ("Thu truéng"): close enough, but never "Thủ tướng" (a body, not a title).
    pair = window[:2]
    if len(pair) == 2 and " ".join(pair) != "thu tuong" and not head_length(toks, i):
        best = process.extractOne(
            " ".join(pair), _TWO_WORD_TITLES, scorer=fuzz.ratio, score_cutoff=78
        )
        if best is not None:
            return 2
    return 0


_TWO_WORD_TITLES = [t for t in PERSON_TITLES if len(t.split()) == 2]


# Words that open an assignment before the agency: "Giao Sở …", "Đề nghị Ban …".
_ASSIGN = tuple(
    tuple(p.split())
    for p in (
        "giao cho",
        "giao",
        "de nghi",
        "yeu cau",
        "phan cong",
        "doi voi",
        "trach nhiem cua",
        "nhiem vu cua",
        "uy quyen cho",
    )
)


def strip_assignment(toks: list[Tok], i: int = 0) -> int:
    """Index after an opening "Giao"/"Đề nghị"/"Yêu cầu"… (``i`` when there is none)."""
    for words in _ASSIGN:
        if _words(toks, i, len(words)) == words:
            return i + len(words)
    return i


# --- where a mention ends ---------------------------------------------------------------------

# Verbs and phrases that begin the duty; lower-case phrases that still belong to a name.
_VERBS = tuple(sorted((tuple(p.split()) for p in DUTY_VERBS), key=len, reverse=True))
_NAME_PHRASES = tuple(sorted((tuple(p.split()) for p in NAME_PHRASES), key=len, reverse=True))


def _match_at(
    toks: list[Tok], i: int, phrases: tuple[tuple[str, ...], ...], *, fuzzy: bool = False
) -> int:
    for phrase in phrases:
        if _words(toks, i, len(phrase)) == phrase:
            return len(phrase)
    if fuzzy:
        # A damaged word inside a known phrase ("thanh phé" for "thành phố"); a real word
        # ("tuyên truyền" is not "tuyến huyện") never counts as damaged.
        known = vocabulary().name_words
        for phrase in phrases:
            words = _words(toks, i, len(phrase))
            if (
                len(phrase) >= 2
                and len(words) == len(phrase)
                and words[0] == phrase[0]
                and fuzz.ratio(" ".join(words), " ".join(phrase)) >= 85
                and aligned(list(words), list(phrase), known)
            ):
                return len(phrase)
    return 0


@lru_cache(maxsize=1)
def _known_names() -> tuple[tuple[str, ...], ...]:
    from ttcs.plans.parsing.lexicon import GENERIC_AGENCIES

    return tuple(sorted({tuple(key(n).split()) for n in GENERIC_AGENCIES}, key=len, reverse=True))


def _known_name_length(toks: list[Tok], i: int) -> int:
    """Tokens (punctuation included) of a lexicon name starting at ``toks[i]`` — names such as
    "Vụ Truyền thông và Thi đua, khen thưởng" hold commas and lower-case words."""
    words = [(j, t.key) for j, t in enumerate(toks[i : i + 16], start=i) if t.is_word]
    keys = tuple(k for _, k in words)
    for name in _known_names():
        if len(name) >= 3 and keys[: len(name)] == name:
            return words[len(name) - 1][0] + 1 - i
    return 0


def _mention_end(toks: list[Tok], i: int) -> int:
    """Index after the last token of the agency list that starts at ``toks[i]``."""
    vocab = vocabulary()
    j = i + max(1, head_length(toks, i), _known_name_length(toks, i))
    last_word = j
    while j < len(toks):
        t = toks[j]
        if not t.is_word:
            if t.raw in {",", ";", "-", "–", "&", "/"}:
                j += 1
                continue
            break  # "." ":" "(" end the list
        prev = toks[j - 1]
        after_sep = not prev.is_word
        if after_sep or t.key == "va":
            nxt = j + 1 if t.key == "va" else j
            title = title_length(toks, nxt)
            head = head_length(toks, nxt + title)
            if head:
                j = nxt + title + head
                last_word = j
                continue
        n = _match_at(toks, j, _NAME_PHRASES, fuzzy=True)
        if n:
            j += n
            last_word = j
            continue
        if t.cap:
            j += 1
            last_word = j
            continue
        if prev.is_word and not after_sep and f"{prev.key} {t.key}" in vocab.phrases:
            # "… và đào tạo": the word completes a known pair ("Đào tạo"), it is no verb.
            j += 1
            last_word = j
            continue
        verb = _match_at(toks, j, _VERBS)
        if verb > 1:
            break
        before = toks[j - 2] if j >= 2 else None
        first_capital = before is None or not before.cap or head_length(toks, j - 2) > 0
        if prev.is_word and prev.cap and not after_sep and first_capital:
            # The second syllable of a capitalised word ("Đào tạo", "Tư pháp"); after a
            # capitalised place ("Cần Thơ") a lower-case word is the duty's verb.
            j += 1
            last_word = j
            continue
        if verb:
            break
        if t.key == "va":
            j += 1
            continue
        if t.key in vocab.name_words:
            j += 1
            last_word = j
            continue
        # Words of a name the lexicon does not know ("Trung tâm Kiểm soát bệnh tật tỉnh"):
        # kept when a verb of the duty follows within a few words.
        ahead = _verb_within(toks, j, 4)
        if ahead:
            j = ahead
            last_word = j
            continue
        break
    return last_word


def _verb_within(toks: list[Tok], j: int, limit: int) -> int:
    """Index of a duty verb, or of a capitalised word of the name, within ``limit`` plain
    words after ``j`` (0 when there is neither)."""
    for k in range(j + 1, min(len(toks), j + limit + 1)):
        if not toks[k].is_word:
            return 0
        if toks[k].cap:
            return k  # "Trung tâm Truyền thông - Giáo dục sức khỏe Trung ương"
        if _match_at(toks, k, _VERBS) and not _match_at(toks, k, _NAME_PHRASES):
            return k
    return 0


def take_agencies(text: str) -> tuple[list[str], str]:
    """Agencies at the start of ``text`` and the text after them.

    "Sở Tư pháp chủ trì, phối hợp …" → (["Sở Tư pháp"], "chủ trì, phối hợp …");
    "Đề nghị Ban Tuyên giáo Tỉnh ủy phối hợp …" → (["Ban Tuyên giáo Tỉnh ủy"], "phối hợp …");
    text that does not start with an agency → ([], text).
    """
    toks = tokenize(text)
    i = strip_assignment(toks)
    i += title_length(toks, i)
    if not head_length(toks, i):
        return [], text
    end = _mention_end(toks, i)
    span = text[toks[i].start : toks[end - 1].end]
    rest = text[toks[end].start :] if end < len(toks) else ""
    return split_agencies(span), rest.strip(" ,;")


@lru_cache(maxsize=1)
def _compound_names() -> tuple[tuple[str, ...], ...]:
    # Names that contain "và" before another head ("Văn phòng Hội đồng nhân dân và Ủy ban
    # nhân dân") must not be cut there.
    from ttcs.plans.parsing.lexicon import GENERIC_AGENCIES

    names = [tuple(key(n).split()) for n in GENERIC_AGENCIES if " và " in n]
    return tuple(sorted(names, key=len, reverse=True))


def _inside_known_names(toks: list[Tok]) -> set[int]:
    words = [(j, t.key) for j, t in enumerate(toks) if t.is_word]
    keys = [k for _, k in words]
    protected: set[int] = set()
    for name in _compound_names():
        n = len(name)
        for a in range(len(keys) - n + 1):
            if tuple(keys[a : a + n]) == name:
                protected.update(range(words[a][0], words[a + n - 1][0] + 1))
    return protected


def split_agencies(text: str) -> list[str]:
    """Split an agency list at separators that are followed by a new head.

    "Các sở, ban, ngành; UBND các huyện, thành phố" → two mentions; "Sở Thông tin và
    Truyền thông" stays one ("Truyền" is not a head).
    """
    toks = tokenize(text)
    if not toks:
        return []
    protected = _inside_known_names(toks)
    cuts: list[int] = []
    in_category = bool(toks[0].is_word and toks[0].key == "cac")
    for j, t in enumerate(toks):
        if j in protected:
            continue
        if cuts and cuts[-1] == j - 1 and t.is_word:
            in_category = t.key == "cac"
        if t.raw == ";":
            cuts.append(j)
        elif t.raw == "," or t.key in {"va", "voi"}:
            nxt = j + 1
            title = title_length(toks, nxt)
            nxt += title
            # A lower-case head after a comma continues a category ("các bộ, cơ quan ngang
            # bộ"); after a named agency, or when capitalised, "các …" or a person's title,
            # it starts a new agency.
            if head_length(toks, nxt) and (
                title
                or toks[nxt].cap
                or toks[nxt].key in {"cac", "ubnd", "hdnd"}
                or not in_category
            ):
                cuts.append(j)
                in_category = False
    pieces: list[str] = []
    begin = 0
    for c in [*cuts, len(toks)]:
        part = toks[begin:c]
        begin = c + 1
        words = [t for t in part if t.is_word]
        if not words:
            continue
        k = 0
        k += title_length(part, 0)
        chunk = text[part[k].start : part[-1].end] if k < len(part) else ""
        chunk = chunk.strip(" ,;.:")
        if chunk:
            pieces.append(chunk)
    return pieces


# "phối hợp (chặt chẽ) với", tolerant of OCR ("phéi hop véi", "phdi hop v0i").
_COORD_RE = re.compile(
    r"\b(?:ph\w{1,3}i\s+h\w{1,2}p(?:\s+ch\w{1,2}t\s+ch\w{1,2})?(?:\s+v\w{1,2}i)?|c\w{1,2}ng\s+v\w{1,2}i)\s+"
)


def find_coordinators(text: str) -> list[str]:
    """Agencies named after "phối hợp với …" in a duty ("chủ trì, phối hợp với Sở Tư pháp …")."""
    folded = fold(text)
    out: list[str] = []
    for m in _COORD_RE.finditer(folded):
        names, _ = take_agencies(text[m.end() :])
        for name in names:
            if name not in out:
                out.append(name)
    return out


def aligned(mine: list[str], theirs: list[str], known: frozenset[str]) -> bool:
    # Word by word, a known word must stay itself; only unknown (damaged) words may change.
    if len(mine) != len(theirs):
        return False
    for a, b in zip(mine, theirs, strict=True):
        if a == b:
            continue
        if a in known or fuzz.ratio(a, b) < 50:
            return False
    return True
