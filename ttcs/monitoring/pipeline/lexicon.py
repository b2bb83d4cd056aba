"""Phrase matching over syllable tokens, and the data the classifiers read.

A :class:`PhraseMatcher` finds multi-word terms in text with or without diacritics: the trie is
keyed by folded syllables, and each candidate is verified syllable by syllable: a token written
with diacritics must equal the term's syllable exactly ("xấu" never matches "xâu"), while a token
written without them matches by its folded form ("xau" matches "xấu") unless the term is marked
``accent_required`` because its folded form is a common different word ("chay": cháy/chạy/chay);
in a text written entirely without diacritics those are matched by their folded form anyway, as
nothing better is possible.

Data files live in ``ttcs/monitoring/data/`` (JSON, editable by an administrator); place names
come from the ``vietnamadminunits`` package data, never from a hand-typed list.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from ttcs.monitoring.pipeline.normalize import VIETNAMESE_LETTERS, fold_key
from ttcs.monitoring.pipeline.tokens import Tokens, tokenize

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A phrase found at tokens ``[start, end)``."""

    start: int
    end: int
    payload: T


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    lower: tuple[str, ...]
    payload: T
    accent_required: bool
    always_strict: bool = False


def _plain(token: str) -> bool:
    return not any(ch in VIETNAMESE_LETTERS for ch in token)


class PhraseMatcher(Generic[T]):
    """Leftmost-longest matching of phrases over :class:`Tokens` (see module docstring)."""

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}
        self._max_len = 0
        self.size = 0

    def add(
        self,
        phrase: str,
        payload: T,
        *,
        accent_required: bool = False,
        always_strict: bool = False,
    ) -> None:
        """Register a phrase; the same phrase may be added with several payloads.

        ``always_strict``: never matched without diacritics, even in text written without any
        (for terms whose folded form is a very common other word: "mất"/"mặt" → "mat").
        """
        tokens = tokenize(phrase)
        if not tokens.folded:
            return
        node = self._root
        for folded in tokens.folded:
            node = node.setdefault(folded, {})
        node.setdefault("", []).append(
            _Entry(tuple(tokens.lower), payload, accent_required or always_strict, always_strict)
        )
        self._max_len = max(self._max_len, len(tokens.folded))
        self.size += 1

    def _verify(self, tokens: Tokens, start: int, entry: _Entry[T]) -> bool:
        lower = tokens.lower
        size = len(entry.lower)
        if tuple(lower[start : start + size]) == entry.lower:
            return True  # the usual case: written exactly as in the dictionary
        strict = entry.always_strict or (entry.accent_required and tokens.accented)
        if strict:
            return False
        for offset, expected in enumerate(entry.lower):
            actual = lower[start + offset]
            if actual != expected and not _plain(actual):
                return False
        return True

    def matches_at(self, tokens: Tokens, start: int) -> list[Match[T]]:
        """Every phrase starting at ``start``, longest first."""
        node = self._root
        found: list[Match[T]] = []
        folded = tokens.folded
        end = start
        while end < len(folded):
            nxt = node.get(folded[end])
            if nxt is None:
                break
            node = nxt
            end += 1
            found.extend(
                Match(start, end, entry.payload)
                for entry in node.get("", ())
                if self._verify(tokens, start, entry)
            )
        found.reverse()
        return found

    def longest_at(self, tokens: Tokens, start: int) -> Match[T] | None:
        """The longest phrase starting at ``start``, if any."""
        node: dict[str, Any] | None = self._root
        folded = tokens.folded
        n = len(folded)
        end = start
        best: Match[T] | None = None
        while end < n:
            node = node.get(folded[end]) if node is not None else None
            if node is None:
                break
            end += 1
            for entry in node.get("", ()):
                if self._verify(tokens, start, entry):
                    best = Match(start, end, entry.payload)
                    break
        return best

    def find_all(self, tokens: Tokens) -> list[Match[T]]:
        """Non-overlapping matches, scanning left to right and preferring the longest."""
        result: list[Match[T]] = []
        i = 0
        folded = tokens.folded
        n = len(folded)
        root = self._root
        while i < n:
            child = root.get(folded[i])
            # The common cases, decided without a call: no phrase starts with this syllable, or
            # none is one syllable long and none continues with the next syllable.
            if child is None or ("" not in child and (i + 1 >= n or folded[i + 1] not in child)):
                i += 1
                continue
            match = self.longest_at(tokens, i)
            if match is None:
                i += 1
                continue
            result.append(match)
            i = match.end
        return result

    def iter_all(self, tokens: Tokens) -> Iterator[Match[T]]:
        """Every match at every position, overlapping ones included."""
        root = self._root
        for i, token in enumerate(tokens.folded):
            if token in root:
                yield from self.matches_at(tokens, i)

    def starts(self) -> frozenset[str]:
        """Folded first syllables of all phrases (for callers' own fast checks)."""
        return frozenset(k for k in self._root if k)


def load_json(name: str, data_dir: Path | None = None) -> dict[str, Any]:
    """A data file of ``ttcs/monitoring/data`` (or ``data_dir``) as a dict."""
    path = (data_dir or DATA_DIR) / name
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: tệp dữ liệu phải là một đối tượng JSON")
    return data


# ---------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A named administrative unit as the gazetteer knows it."""

    name: str  # display name: "Hà Nội", "Phường Hoàn Kiếm", "Huyện Mộc Châu"
    kind: str  # "province" | "former_province" | "commune" | "former_district"
    province: str  # current (2025) province the unit belongs to
    level: str = "tỉnh"  # "tỉnh" | "thành phố" for provinces
    former_province: str | None = None  # for former units: the pre-2025 province


# Common ways of writing a province that the package's names do not cover. These are spellings
# of names the package provides, mapped onto its own short names.
PROVINCE_ALIASES: dict[str, str] = {
    "Thừa Thiên Huế": "Huế",
    "Thừa Thiên - Huế": "Huế",
    "TP.HCM": "Hồ Chí Minh",
    "TP HCM": "Hồ Chí Minh",
    "TPHCM": "Hồ Chí Minh",
    "TP. HCM": "Hồ Chí Minh",
    "Tp.HCM": "Hồ Chí Minh",
    "HCMC": "Hồ Chí Minh",
    "TP Hồ Chí Minh": "Hồ Chí Minh",
    "TP. Hồ Chí Minh": "Hồ Chí Minh",
    "Thành phố Hồ Chí Minh": "Hồ Chí Minh",
    "thành phố Hồ Chí Minh": "Hồ Chí Minh",
    "Sài Gòn": "Hồ Chí Minh",
    "Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "BR-VT": "Bà Rịa - Vũng Tàu",
    "Đắc Lắc": "Đắk Lắk",
    "Đăk Lăk": "Đắk Lắk",
    "Đắk Lăk": "Đắk Lắk",
    "Daklak": "Đắk Lắk",
    "Đăk Nông": "Đắk Nông",
    "Đắc Nông": "Đắk Nông",
    "Kontum": "Kon Tum",
    "Bắc Cạn": "Bắc Kạn",
}

# The package names the city "Hồ Chí Minh"; alone those words usually name the President
# ("tư tưởng Hồ Chí Minh"), so the city is only recognised through the aliases above.
_NEEDS_PREFIX = {"Hồ Chí Minh"}
# Longer names that contain a province name but are something else.
_BLOCKERS = ["Thái Bình Dương", "Hồ Chí Minh"]

COMMUNE_PREFIXES = {"xã": "Xã", "phường": "Phường", "đặc khu": "Đặc khu", "thị trấn": "Thị trấn"}
DISTRICT_PREFIXES = {
    "quận": "Quận",
    "huyện": "Huyện",
    "thị xã": "Thị xã",
    "thành phố": "Thành phố",
    "tp": "Thành phố",
}


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Matchers for provinces (current and former), communes (2025) and former districts."""

    provinces: PhraseMatcher[Place | None]
    communes: PhraseMatcher[list[Place]]
    districts: PhraseMatcher[list[Place]]
    commune_prefixes: PhraseMatcher[str]
    district_prefixes: PhraseMatcher[str]
    by_name: dict[str, Place]


def _adminunits_data() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    import vietnamadminunits

    data_dir = Path(vietnamadminunits.__file__).resolve().parent / "data"

    def read(name: str) -> dict[str, Any]:
        with (data_dir / name).open(encoding="utf-8") as handle:
            data: dict[str, Any] = json.load(handle)
            return data

    return read("parser_from_2025.json"), read("parser_legacy.json"), read("converter_2025.json")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The place matchers, built once per process from the ``vietnamadminunits`` data."""
    new, legacy, converter = _adminunits_data()
    current_short: dict[str, str] = {}
    by_name: dict[str, Place] = {}
    for key, info in new["DICT_PROVINCE"].items():
        level = "thành phố" if info["province"].startswith("Thành phố") else "tỉnh"
        short = info["provinceShort"]
        current_short[key] = short
        by_name[short] = Place(short, "province", short, level)
    legacy_short: dict[str, str] = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            info = legacy["DICT_PROVINCE"][old_key]
            short = info["provinceShort"]
            legacy_short[old_key] = short
            if short not in by_name:
                level = "thành phố" if info["province"].startswith("Thành phố") else "tỉnh"
                by_name[short] = Place(
                    short, "former_province", current_short[new_key], level, former_province=short
                )
    provinces: PhraseMatcher[Place | None] = PhraseMatcher()
    for blocker in _BLOCKERS:
        provinces.add(blocker, None)
    for short, place in by_name.items():
        if short not in _NEEDS_PREFIX:
            provinces.add(short, place)
    for alias, short in PROVINCE_ALIASES.items():
        provinces.add(alias, by_name[short])

    communes: PhraseMatcher[list[Place]] = PhraseMatcher()
    commune_places: dict[str, list[Place]] = {}
    for key, wards in new["DICT_PROVINCE_WARD_NO_ACCENTED"].items():
        for ward in wards.values():
            place = Place(ward["ward"], "commune", current_short[key])
            commune_places.setdefault(ward["wardShort"], []).append(place)
    for name, places in commune_places.items():
        communes.add(name, places)

    districts: PhraseMatcher[list[Place]] = PhraseMatcher()
    district_places: dict[str, list[Place]] = {}
    old_to_new = {
        old: new_key for new_key, olds in converter["DICT_PROVINCE"].items() for old in olds
    }
    for old_key, items in legacy["DICT_PROVINCE_DISTRICT"].items():
        for district in items.values():
            place = Place(
                district["district"],
                "former_district",
                current_short[old_to_new[old_key]],
                former_province=legacy_short.get(old_key),
            )
            district_places.setdefault(district["districtShort"], []).append(place)
    for name, places in district_places.items():
        districts.add(name, places)

    commune_prefixes: PhraseMatcher[str] = PhraseMatcher()
    for word, label in COMMUNE_PREFIXES.items():
        commune_prefixes.add(word, label)
    district_prefixes: PhraseMatcher[str] = PhraseMatcher()
    for word, label in DISTRICT_PREFIXES.items():
        district_prefixes.add(word, label)
    return Gazetteer(provinces, communes, districts, commune_prefixes, district_prefixes, by_name)


# ---------------------------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgencyName:
    """A canonical agency name; ``local`` bodies take the place named after them."""

    name: str
    local: bool
    needs_place: bool


@lru_cache(maxsize=4)
def agency_matcher(data_dir: Path | None = None) -> PhraseMatcher[AgencyName]:
    """Matcher of agency names and abbreviations from ``agencies.json``."""
    data = load_json("agencies.json", data_dir)
    needs_place = set(data.get("needs_place", []))
    matcher: PhraseMatcher[AgencyName] = PhraseMatcher()
    for scope in ("national", "local"):
        for entry in data.get(scope, []):
            agency = AgencyName(entry["name"], scope == "local", entry["name"] in needs_place)
            for alias in {entry["name"], *entry.get("aliases", [])}:
                matcher.add(alias, agency)
    return matcher


@lru_cache(maxsize=1)
def _fold_map() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Folded form → accented forms, for dictionary words and for single syllables.

    Built from the word list that ships with pyvi (about 31,000 entries); empty if it is missing.
    """
    words_file = None
    try:
        import pyvi

        words_file = Path(pyvi.__file__).resolve().parent / "models" / "words.txt"
    except ImportError:  # pragma: no cover - pyvi is a dependency
        pass
    phrases: dict[str, set[str]] = {}
    syllables: dict[str, set[str]] = {}
    if words_file is not None and words_file.exists():
        for line in words_file.read_text(encoding="utf-8").splitlines():
            word = line.strip().lower()
            if not word:
                continue
            phrases.setdefault(fold_key(word), set()).add(word)
            for syllable in word.split():
                syllables.setdefault(fold_key(syllable), set()).add(syllable)
    return (
        {k: frozenset(v) for k, v in phrases.items()},
        {k: frozenset(v) for k, v in syllables.items()},
    )


def fold_ambiguous(term: str) -> bool:
    """True when ``term`` written without diacritics reads as another Vietnamese word.

    A single syllable is ambiguous when another syllable folds the same way ("lãi"/"lại",
    "tệ"/"tế"); a phrase when the dictionary holds another word that does ("công nhận"/"công
    nhân"). Such terms are matched only where the text has its diacritics.
    """
    lowered = " ".join(term.lower().split())
    folded = fold_key(lowered)
    phrases, syllables = _fold_map()
    if " " not in lowered:
        return len(syllables.get(folded, frozenset()) | {lowered}) > 1
    return len(phrases.get(folded, frozenset()) | {lowered}) > 1


def folded_phrase(text: str) -> str:
    """Folded, lower-case, single-spaced form of a phrase (dictionary keys)."""
    return " ".join(tokenize(fold_key(text)).folded)
