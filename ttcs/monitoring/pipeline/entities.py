"""Places and agencies named in a news item.

Places come from the ``vietnamadminunits`` data: the 34 provinces and cities of 2025, the 63
of before (a former name is reported together with the province it now belongs to), the
communes and wards of 2025 and the districts that existed until 2025, the last two only when
written with their prefix ("xã", "phường", "huyện"...). Agencies come from ``agencies.json``:
ministries and central bodies by name or abbreviation, and local bodies ("Sở Y tế", "UBND",
"Công an") together with the province or commune that follows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ttcs.monitoring.pipeline.lexicon import (
    AgencyName,
    Gazetteer,
    Match,
    Place,
    agency_matcher,
    gazetteer,
)
from ttcs.monitoring.pipeline.tokens import Tokens


@dataclass(frozen=True, slots=True)
class Locality:
    """A place found in the text."""

    name: str  # as it should be displayed ("Sóc Trăng", "Phường Hoàn Kiếm, Hà Nội")
    kind: str  # "province" | "former_province" | "commune" | "former_district"
    province: str  # the current (2025) province
    start: int = 0  # token offset of the first mention


def _capitalised(tokens: Tokens, start: int, end: int) -> bool:
    # Proper names are written with capitals: this keeps "hòa bình" (peace) from being the
    # former province Hòa Bình, and "long an" from being Long An.
    return all(tok[:1].isupper() or not tok[:1].isalpha() for tok in tokens.cased[start:end])


def _province_matches(tokens: Tokens, gaz: Gazetteer) -> list[Match[Place]]:
    found: list[Match[Place]] = []
    for match in gaz.provinces.find_all(tokens):
        if match.payload is None:  # a blocker such as "Thái Bình Dương"
            continue
        if not _capitalised(tokens, match.start, match.end):
            continue
        found.append(Match(match.start, match.end, match.payload))
    return found


def _prefixed_units(
    tokens: Tokens, gaz: Gazetteer, provinces_seen: set[str]
) -> list[tuple[int, Place, str]]:
    """(offset, place, display name) for communes and former districts written with a prefix."""
    result: list[tuple[int, Place, str]] = []
    n = len(tokens.folded)
    first_words = gaz.commune_prefixes.starts() | gaz.district_prefixes.starts()
    for i in range(n):
        if tokens.folded[i] not in first_words:
            continue
        for prefixes, names in (
            (gaz.commune_prefixes, gaz.communes),
            (gaz.district_prefixes, gaz.districts),
        ):
            prefix = prefixes.longest_at(tokens, i)
            if prefix is None or prefix.end >= n:
                continue
            unit = names.longest_at(tokens, prefix.end)
            if unit is None or not _capitalised(tokens, unit.start, unit.end):
                continue
            candidates = unit.payload
            if len(candidates) > 1:
                candidates = [c for c in candidates if c.province in provinces_seen]
                if len({c.province for c in candidates}) > 1:
                    candidates = [
                        c for c in candidates if c.former_province in provinces_seen
                    ] or candidates
            if len({c.province for c in candidates}) != 1:
                continue  # the same name exists in several provinces and the text does not say
            place = candidates[0]
            result.append((i, place, f"{place.name}, {place.province}"))
            break
    return result


def find_localities(tokens: Tokens) -> list[Locality]:
    """Places named in the text, in order of first mention, each once.

    A former province is followed by the current province it now belongs to; a commune or former
    district named with its prefix is reported with its current province (which is added too
    when the text does not name it), and only when the name is unambiguous or the text names its
    province.
    """
    gaz = gazetteer()
    found: list[Locality] = []
    seen: set[str] = set()

    def add(name: str, kind: str, province: str, start: int) -> None:
        if name not in seen:
            seen.add(name)
            found.append(Locality(name, kind, province, start))

    provinces = _province_matches(tokens, gaz)
    provinces_seen = {m.payload.province for m in provinces} | {m.payload.name for m in provinces}
    for match in provinces:
        place = match.payload
        add(place.name, place.kind, place.province, match.start)
        if place.kind == "former_province":
            current = gaz.by_name[place.province]
            add(current.name, "province", current.name, match.start)
    for start, place, display in _prefixed_units(tokens, gaz, provinces_seen):
        add(display, place.kind, place.province, start)
        if place.former_province and place.former_province != place.province:
            former = gaz.by_name[place.former_province]
            add(former.name, former.kind, former.province, start)
        add(place.province, "province", place.province, start)
    found.sort(key=lambda loc: loc.start)
    return found


def current_provinces(localities: list[Locality]) -> list[str]:
    """The distinct current provinces among ``localities``, in order of mention."""
    result: list[str] = []
    for loc in localities:
        if loc.province not in result:
            result.append(loc.province)
    return result


# ---------------------------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------------------------

_PLACE_LEVELS = {
    "tỉnh": "tỉnh",
    "thành phố": "thành phố",
    "tp": "thành phố",
    "xã": "xã",
    "phường": "phường",
    "đặc khu": "đặc khu",
    "huyện": "huyện",
    "quận": "quận",
    "thị xã": "thị xã",
    "thị trấn": "thị trấn",
}


def _place_after(
    tokens: Tokens, start: int, gaz: Gazetteer, only_province: str | None
) -> tuple[str | None, int]:
    """The place named right after an agency ("tỉnh Nghệ An", "TP.HCM", "xã Tân Lập")."""
    n = len(tokens.folded)
    i = start
    level = None
    for width in (2, 1):
        words = " ".join(tokens.lower[i : i + width])
        if i + width <= n and words in _PLACE_LEVELS:
            level = _PLACE_LEVELS[words]
            i += width
            break
    if i < n and tokens.lower[i] == ".":
        i += 1
    province = gaz.provinces.longest_at(tokens, i) if i < n else None
    if (
        province is not None
        and province.payload is not None
        and (_capitalised(tokens, province.start, province.end))
    ):
        place = province.payload
        word = level if level in ("tỉnh", "thành phố") else place.level
        return f"{word} {place.name}", province.end
    if level in ("xã", "phường", "đặc khu", "huyện", "quận", "thị xã", "thị trấn"):
        j = i
        while j < n and j - i < 4 and tokens.cased[j][:1].isupper() and tokens.cased[j].isalpha():
            j += 1
        if j > i:
            return f"{level} {' '.join(tokens.cased[i:j])}", j
        return None, start
    if level in ("tỉnh", "thành phố") and only_province:
        known = gaz.by_name.get(only_province)
        word = known.level if known else level
        return f"{word} {only_province}", i
    return None, start


def find_agencies(tokens: Tokens, localities: list[Locality] | None = None) -> list[str]:
    """Canonical names of the agencies mentioned, in order of first mention, each once.

    A local body takes the place that follows it ("UBND tỉnh Nghệ An" → "Ủy ban nhân dân tỉnh
    Nghệ An"); "UBND tỉnh" with no name takes the province when the text names exactly one.
    Other local bodies with no place take the province when the text names exactly one. Bodies
    that mean nothing without a place ("Công an", "UBND") are dropped when none is found.
    """
    gaz = gazetteer()
    matcher = agency_matcher()
    provinces = current_provinces(localities or [])
    only_province = provinces[0] if len(provinces) == 1 else None
    found: list[str] = []
    i = 0
    n = len(tokens.folded)
    first_words = matcher.starts()
    while i < n:
        if tokens.folded[i] not in first_words:
            i += 1
            continue
        match = matcher.longest_at(tokens, i)
        if match is None or not tokens.cased[i][:1].isupper():
            i += 1
            continue
        agency: AgencyName = match.payload
        name = agency.name
        end = match.end
        if agency.local:
            place, end = _place_after(tokens, match.end, gaz, only_province)
            if place:
                name = f"{agency.name} {place}"
            elif agency.needs_place:
                i = match.end
                continue
            elif only_province and only_province in gaz.by_name:
                # "Sở Y tế" in an article about one province is that province's department.
                name = f"{agency.name} {gaz.by_name[only_province].level} {only_province}"
        if name not in found:
            found.append(name)
        i = max(end, i + 1)
    return found
