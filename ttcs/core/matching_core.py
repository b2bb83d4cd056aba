"""Agency-name matching over plain records: no database, no Django.

A mention as it appears in a document ("S6 Thong tin va Truyén thong", "UBND các xã",
"Sở TT&TT") is turned into a comparison key (``ttcs.core.text.match_key``: abbreviations
expanded, OCR damage repaired, diacritics folded) and compared with rapidfuzz against the keys
of every candidate name. Context (the issuing province or district) and the document date then
decide between same-named agencies of different provinces and periods.

Scores are in [0, 100]: 80 % name similarity plus up to 20 points of context and date.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ttcs.core.text import match_key, nfc, normalize_spaces

__all__ = [
    "AgencyMatch",
    "CandidateIndex",
    "CandidateRecord",
    "MatchContext",
    "best_of",
    "canonical_agency_name",
    "generic_records",
    "is_group_mention",
    "rank_candidates",
    "split_agency_mentions",
]


@dataclass(frozen=True)
class AgencyMatch:
    """One ranked answer. ``agency_id`` is None for a generic name or a group of agencies."""

    agency_id: int | None
    name: str
    score: float
    kind: str
    code: str


@dataclass(frozen=True)
class CandidateRecord:
    """An agency (or a generic name when ``id`` is None) with every name it is known by.

    ``ancestor_ids`` are the ids above it (materialised path); ``province_id`` and
    ``district_id`` locate it (None for central agencies).
    """

    id: int | None
    code: str
    name: str
    kind: str
    names: tuple[str, ...]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    ancestor_ids: tuple[int, ...] = ()
    province_id: int | None = None
    district_id: int | None = None


@dataclass(frozen=True)
class MatchContext:
    """Where a mention was written: the issuing agency and what it belongs to.

    ``province_ids`` holds the issuing province and the provinces it merged into or from;
    ``valid_from``/``valid_to`` are the issuer's lifetime, used when the document date is unknown.
    """

    agency_id: int | None = None
    self_and_ancestors: frozenset[int] = frozenset()
    district_ids: frozenset[int] = frozenset()
    province_ids: frozenset[int] = frozenset()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


# Points added to 0.8 × name similarity.
_CTX_SELF = 20.0  # the issuer itself or one of its ancestors ("Ủy ban nhân dân tỉnh")
_CTX_DISTRICT = 20.0  # a body of the issuing district
_CTX_PROVINCE = 14.0  # a body of the issuing province (or its predecessor/successor)
_CTX_NEUTRAL = 10.0  # central agencies, and everything when there is no context
_CTX_ELSEWHERE = 0.0  # a body of another province
_OUT_OF_DATE = -15.0  # not in existence on the document date
_HEAD_MISMATCH = 20.0  # "Bộ ..." against "Sở ...": subtracted from the similarity

_MIN_SIMILARITY = 60.0
_FULL_NAME_SIMILARITY = 95.0
BEST_MIN_SCORE = 80.0
BEST_MIN_MARGIN = 4.0

# The word(s) a name starts with say what sort of body it is; two different heads never match.
_HEADS = (
    "uy ban nhan dan",
    "uy ban mat tran",
    "hoi dong nhan dan",
    "van phong",
    "thanh tra",
    "cong an",
    "trung tam",
    "thong tan xa",
    "ngan hang",
    "thu tuong",
    "chinh phu",
    "bo",
    "so",
    "phong",
    "ban",
    "dai",
    "bao",
    "hoi",
    "cac",
    "cong",
    "tap chi",
    "chi cuc",
    "cuc",
)

# Words in front of a name that are not part of it ("Giám đốc Sở ...", "Chủ trì: Sở ...").
_LEADING_NOISE = re.compile(
    r"^(?:(?:[0-9]+|[ivxlc]+|[a-z])\s+)*"
    r"(?:(?:co quan|don vi)\s+)?(?:chu tri(?: thuc hien)?\s+|phoi hop\s+)?"
    r"(?:giao\s+(?!thong|duc)|de nghi\s+|giam doc\s+|chu tich\s+|thu truong\s+|tong bien tap\s+|"
    r"chanh van phong\s+|truong ban\s+|lanh dao\s+)*"
)
_TRAILING_NOISE = re.compile(r"\s+(?:chu tri|phoi hop|thuc hien|tong hop)$")


_HEAD_WORDS = frozenset(h.split()[0] for h in _HEADS if h != "cac")


def _head(key: str) -> str | None:
    for head in _HEADS:
        if key == head or key.startswith(head + " "):
            return head
    return None


def mention_key(text: str) -> str:
    """``match_key`` without list numbering, role words and titles in front of the name."""
    key = match_key(text)
    key = _LEADING_NOISE.sub("", key)
    key = _TRAILING_NOISE.sub("", key)
    return key.strip()


_GROUP_RE = re.compile(r"^(?:uy ban nhan dan (?:cac|cap) |thu truong cac )")


def _is_group_key(key: str) -> bool:
    if _GROUP_RE.match(key):
        return True
    first = key.split(" ", 1)[0]
    # "các" survives OCR as "cac", "cec", "cdc" or "ec" (from "(;éc"); head words such as
    # "cục" are one letter away too, so they are excluded first.
    if first in _HEAD_WORDS:
        return False
    return first == "ec" or (len(first) == 3 and Levenshtein.distance(first, "cac") <= 1)


def is_group_mention(text: str) -> bool:
    """True when ``text`` names a group ("Các sở, ban, ngành", "UBND các xã"), not one body."""
    return _is_group_key(mention_key(text))


@dataclass
class CandidateIndex:
    """Candidate records and the comparison keys of all their names, built once."""

    records: Sequence[CandidateRecord]
    keys: list[str] = field(init=False)
    owners: list[list[int]] = field(init=False)
    name_keys: list[str] = field(init=False)  # the key of each record's own full name

    def __post_init__(self) -> None:
        by_key: dict[str, list[int]] = {}
        # Many agencies share aliases ("Sở Tư pháp" in every province): key each text once.
        seen_keys: dict[str, str] = {}
        for i, rec in enumerate(self.records):
            for name in (rec.name, *rec.names):
                key = seen_keys.get(name)
                if key is None:
                    key = seen_keys[name] = match_key(name)
                if key:
                    owners = by_key.setdefault(key, [])
                    if not owners or owners[-1] != i:
                        owners.append(i)
        self.keys = list(by_key)
        self.owners = list(by_key.values())
        self.name_keys = [seen_keys[rec.name] for rec in self.records]


def _valid_on(rec: CandidateRecord, day: dt.date) -> bool:
    return (rec.valid_from is None or rec.valid_from <= day) and (
        rec.valid_to is None or day <= rec.valid_to
    )


def _overlaps(rec: CandidateRecord, start: dt.date | None, end: dt.date | None) -> bool:
    return (rec.valid_to is None or start is None or start <= rec.valid_to) and (
        rec.valid_from is None or end is None or rec.valid_from <= end
    )


def _context_points(rec: CandidateRecord, ctx: MatchContext | None) -> float:
    if ctx is None or not (ctx.province_ids or ctx.self_and_ancestors):
        return _CTX_NEUTRAL
    if rec.id is not None and rec.id in ctx.self_and_ancestors:
        return _CTX_SELF
    if rec.district_id is not None and rec.district_id in ctx.district_ids:
        return _CTX_DISTRICT
    if rec.province_id is not None and rec.province_id in ctx.province_ids:
        return _CTX_PROVINCE
    if rec.province_id is None:
        return _CTX_NEUTRAL
    return _CTX_ELSEWHERE


def _date_points(rec: CandidateRecord, on: dt.date | None, ctx: MatchContext | None) -> float:
    if on is not None:
        return 0.0 if _valid_on(rec, on) else _OUT_OF_DATE
    if ctx is not None and (ctx.valid_from or ctx.valid_to):
        return 0.0 if _overlaps(rec, ctx.valid_from, ctx.valid_to) else _OUT_OF_DATE
    return 0.0


_TOKEN_SORT_DISCOUNT = 6.0  # reordered words are rarer than damaged letters in agency names
_PREFIX_SIMILARITY = 90.0  # "Phòng Giáo dục" for "Phòng Giáo dục và Đào tạo"
_PREFIX_MIN_SHARE = 0.5


def _similarities(key: str, choices: list[str]) -> list[tuple[int, float]]:
    """(choice index, similarity) for every choice at or above the floor."""
    ratio = process.cdist([key], choices, scorer=fuzz.ratio, dtype="float32")[0]
    tsort = process.cdist([key], choices, scorer=fuzz.token_sort_ratio, dtype="float32")[0]
    out: list[tuple[int, float]] = []
    prefix = key + " "
    for i, (a, b) in enumerate(zip(ratio.tolist(), tsort.tolist(), strict=True)):
        s = max(a, b - _TOKEN_SORT_DISCOUNT)
        if s < _PREFIX_SIMILARITY:
            choice = choices[i]
            # A name cut short after whole words, still covering half of the full name.
            if choice.startswith(prefix) and len(key) >= _PREFIX_MIN_SHARE * len(choice):
                s = _PREFIX_SIMILARITY
        if s >= _MIN_SIMILARITY:
            out.append((i, s))
    return out


def rank_candidates(
    text: str,
    index: CandidateIndex,
    *,
    context: MatchContext | None = None,
    on: dt.date | None = None,
    limit: int = 5,
) -> list[AgencyMatch]:
    """Candidates for the mention ``text``, best first, at most ``limit``, one per agency.

    Guarantees: scores in [0, 100]; a name that differs only by diacritics, OCR damage or an
    abbreviation from a candidate's name scores as if it were exact; among same-named bodies
    the issuer's own province/district and those existing on ``on`` rank first.
    """
    key = mention_key(text)
    if not key or not index.keys:
        return []
    head = _head(key)
    best: dict[int, float] = {}
    for choice, sim in _similarities(key, index.keys):
        choice_head = _head(index.keys[choice])
        if head and choice_head and head != choice_head:
            sim -= _HEAD_MISMATCH
        full_name = sim >= _FULL_NAME_SIMILARITY
        for rec_i in index.owners[choice]:
            rec = index.records[rec_i]
            ctx_points = _context_points(rec, context)
            if full_name and index.keys[choice] == index.name_keys[rec_i]:
                # The mention spells out this body's full name, place included ("Sở Tư pháp
                # tỉnh Nam Hà"): being outside the issuer's province is no reason to doubt it.
                ctx_points = max(ctx_points, _CTX_NEUTRAL)
            score = 0.8 * sim + ctx_points + _date_points(rec, on, context)
            if score > best.get(rec_i, -1.0):
                best[rec_i] = score
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], index.records[kv[0]].name))
    out: list[AgencyMatch] = []
    for rec_i, score in ranked[: max(limit, 0)]:
        rec = index.records[rec_i]
        out.append(
            AgencyMatch(
                agency_id=rec.id,
                name=rec.name,
                score=round(min(100.0, max(0.0, score)), 1),
                kind=rec.kind,
                code=rec.code,
            )
        )
    return out


def best_of(
    ranked: Sequence[AgencyMatch],
    *,
    min_score: float = BEST_MIN_SCORE,
    min_margin: float = BEST_MIN_MARGIN,
) -> AgencyMatch | None:
    """The top match if it is a real agency, scores at least ``min_score`` and leads the next
    real agency by at least ``min_margin``; otherwise None (never a silent guess)."""
    if not ranked:
        return None
    top = ranked[0]
    if top.agency_id is None or top.score < min_score:
        return None
    runner_up = next(
        (m for m in ranked[1:] if m.agency_id is not None and m.agency_id != top.agency_id),
        None,
    )
    if runner_up is not None and top.score - runner_up.score < min_margin:
        return None
    return top


# ---------------------------------------------------------------------------------------------
# Generic names from the curated templates (usable without a database)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _GenericName:
    canonical: str
    kind: str
    local: bool  # takes a unit word and place after it ("Sở Tư pháp" + "tỉnh Sóc Trăng")
    names: tuple[str, ...]


def _strip_placeholders(pattern: str) -> str:
    return normalize_spaces(re.sub(r"\{\w+\}", " ", pattern))


@lru_cache(maxsize=1)
def _generic_names() -> tuple[_GenericName, ...]:
    from ttcs.core.agency_loader import central_data, province_template

    out: list[_GenericName] = [
        _GenericName(a["name"], a["kind"], False, (a["name"], *a["aliases"], a["short_name"]))
        for a in central_data()["agencies"]
    ]
    template = province_template()
    for body in (*template["province_bodies"], *template["district_bodies"]):
        if body["pattern"] == "{generic}":  # a proper name (HTV, VOH): central-like
            out.append(_GenericName(body["generic"], body["kind"], False, (body["generic"],)))
            continue
        names = [body["generic"], *(_strip_placeholders(a) for a in body["aliases"])]
        if len(body["short_name"]) > 3:
            names.append(body["short_name"])
        out.append(_GenericName(body["generic"], body["kind"], True, tuple(names)))
    out.extend(
        _GenericName(g["generic"], g["kind"], True, (g["generic"], *g.get("aliases", ())))
        for g in template["generic_only"]
    )
    out.extend(_GenericName(group, "group", False, (group,)) for group in template["groups"])
    return tuple(out)


def generic_records() -> list[CandidateRecord]:
    """The curated generic names and groups as candidates without an agency (``id`` None)."""
    return [
        CandidateRecord(
            id=None,
            code="generic:" + match_key(g.canonical).replace(" ", "-"),
            name=g.canonical,
            kind=g.kind,
            names=g.names,
        )
        for g in _generic_names()
    ]


@lru_cache(maxsize=1)
def _generic_index() -> tuple[CandidateIndex, CandidateIndex]:
    """(every generic name, the local heads only)."""
    names = _generic_names()
    whole = CandidateIndex(
        [CandidateRecord(None, str(i), g.canonical, g.kind, g.names) for i, g in enumerate(names)]
    )
    local = CandidateIndex(
        [
            CandidateRecord(None, str(i), g.canonical, g.kind, g.names)
            for i, g in enumerate(names)
            if g.local
        ]
    )
    return whole, local


# Unit words as folded token sequences → how they are written after a generic name.
_UNITS: dict[tuple[str, ...], str] = {
    ("tinh", "uy"): "Tỉnh ủy",
    ("thanh", "uy"): "Thành ủy",
    ("huyen", "uy"): "Huyện ủy",
    ("thanh", "pho"): "thành phố",
    ("thi", "xa"): "thị xã",
    ("dac", "khu"): "đặc khu",
    ("tinh",): "tỉnh",
    ("huyen",): "huyện",
    ("quan",): "quận",
    ("xa",): "xã",
    ("phuong",): "phường",
}


@lru_cache(maxsize=1)
def _places() -> tuple[list[str], list[str]]:
    """Folded keys and accented names of provinces and former districts (vietnamadminunits)."""
    from ttcs.core.agency_loader import adminunits_data_dir

    uri = f"file:{adminunits_data_dir() / 'dataset.db'}?mode=ro"
    names: dict[str, str] = {}
    with sqlite3.connect(uri, uri=True) as conn:
        rows: Iterable[Any] = [
            *conn.execute("SELECT DISTINCT provinceShort FROM admin_units_legacy"),
            *conn.execute("SELECT DISTINCT provinceShort FROM admin_units"),
            *conn.execute("SELECT DISTINCT districtShort FROM admin_units_legacy"),
        ]
        for (name,) in rows:
            if name:
                names.setdefault(match_key(name), name)
    names.setdefault(match_key("Thừa Thiên Huế"), "Thừa Thiên Huế")
    return list(names), list(names.values())


def _place(tokens: Sequence[str]) -> tuple[str, float] | None:
    """The place a damaged name stands for, if one place is clearly closest."""
    if not tokens or len(tokens) > 4:
        return None
    keys, names = _places()
    hits = process.extract(" ".join(tokens), keys, scorer=fuzz.ratio, limit=2, score_cutoff=80)
    if not hits:
        return None
    top = hits[0]
    if top[1] < 100 and len(hits) > 1 and top[1] - hits[1][1] < 5:
        return None  # two places fit equally well ("thanh pho": Thanh Hóa or Thạnh Phú?)
    return names[top[2]], float(top[1])


def _best_generic(key: str, index: CandidateIndex) -> tuple[str, float, str] | None:
    ranked = rank_candidates(key, index, limit=2)
    if not ranked:
        return None
    top = ranked[0]
    # 0.8 × similarity + 10 neutral points → similarity.
    return top.name, (top.score - _CTX_NEUTRAL) / 0.8, top.kind


def canonical_agency_name(text: str) -> str | None:
    """The canonical name of the body a (possibly damaged) mention names, from the curated
    templates alone: no database needed.

    "S6 Thong tin va Truyén thong" → "Sở Thông tin và Truyền thông"; "B4o Soc Tring" →
    "Báo Sóc Trăng"; "UBND các xã" → "Ủy ban nhân dân các xã" (a group stays a group, as
    enumerated). A unit word and place written after the name are kept and spelled properly
    ("Sở Tư pháp tỉnh Sóc Trăng", "Phòng Tư pháp huyện"). Returns None when the mention is
    not recognised with confidence; never invents a name.
    """
    key = mention_key(nfc(text))
    if not key:
        return None
    whole, local = _generic_index()
    direct = _best_generic(key, whole)
    if direct and direct[2] == "group" and not _is_group_key(key):
        direct = None  # "Ủy ban nhân dân huyện X" is one body, not "Ủy ban nhân dân cấp huyện"
    if direct and direct[1] >= 97:
        return direct[0]
    tokens = key.split()
    options: list[tuple[float, str]] = []
    for i in range(1, len(tokens)):
        head_key = " ".join(tokens[:i])
        for unit_tokens, unit in _UNITS.items():
            n = len(unit_tokens)
            if tuple(tokens[i : i + n]) != unit_tokens:
                continue
            rest = tokens[i + n :]
            place = _place(rest) if rest else None
            if rest and place is None:
                continue
            head = _best_generic(head_key, local)
            if head is None or head[1] < 88:
                continue
            name = f"{head[0]} {unit}" + (f" {place[0]}" if place else "")
            options.append((head[1] + (place[1] / 100 if place else 0.5), name))
        starts_with_unit = any(tuple(tokens[i : i + len(u)]) == u for u in _UNITS)
        if len(tokens) - i <= 4 and not starts_with_unit:
            place = _place(tokens[i:])
            head = _best_generic(head_key, local) if place else None
            if place and head and head[1] >= 88 and place[1] >= 88:
                options.append((head[1] + place[1] / 100, f"{head[0]} {place[0]}"))
    if options:
        best_option = max(options)
        if direct is None or best_option[0] >= direct[1]:
            return best_option[1]
    if direct and direct[1] >= 90:
        return direct[0]
    return None


# ---------------------------------------------------------------------------------------------
# Lists of mentions
# ---------------------------------------------------------------------------------------------

_LIST_HEADS = (
    "Sở",
    "Ban",
    "Bộ",
    "Báo",
    "Đài",
    "Công an",
    "UBND",
    "Ủy ban",
    "Uỷ ban",
    "Phòng",
    "Trung tâm",
    "Hội",
    "Văn phòng",
    "Thanh tra",
    "Các",
    "Cổng",
    "Tạp chí",
    "Thông tấn",
)
_HEAD_ALT = "|".join(map(re.escape, _LIST_HEADS))
_SPLIT_RE = re.compile(
    r"\s*;\s*"
    rf"|\s*,\s*(?=(?:{_HEAD_ALT}|các)\b)"
    rf"|\s+và\s+(?=(?:{_HEAD_ALT}|các)\b)"
)


def split_agency_mentions(text: str) -> list[str]:
    """Split a list of bodies ("Báo Sóc Trăng, Đài Phát thanh và Truyền hình Sóc Trăng") into
    single mentions. Commas inside a name ("Sở Văn hóa, Thể thao và Du lịch") and groups
    ("các sở, ban, ngành") are kept whole: after a comma or "và", a split needs a capitalised
    head word ("Sở", "Báo", "UBND" ...) or the start of a group ("các ...") to follow.
    """
    text = normalize_spaces(nfc(text)).strip(" .;:-–+•")
    parts = [p.strip(" .;,-–+•") for p in _SPLIT_RE.split(text)]
    return [p for p in parts if p]
