"""Match agency mentions in documents to agencies in the registry.

The scoring lives in ``ttcs.core.matching_core`` (pure); this module feeds it the agencies of
the database, cached per process and rebuilt when the registry changes.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Length
from django.db.models.signals import post_delete, post_save

from ttcs.core.matching_core import (
    AgencyMatch,
    CandidateIndex,
    CandidateRecord,
    MatchContext,
    best_of,
    canonical_agency_name,
    generic_records,
    rank_candidates,
    split_agency_mentions,
)
from ttcs.core.models import Agency, AgencyKind, AgencySuccession

__all__ = [
    "AgencyMatch",
    "best_agency",
    "canonical_agency_name",
    "clear_agency_index_cache",
    "match_agency",
    "match_context",
    "split_agency_mentions",
]


@dataclass(frozen=True)
class _CachedIndex:
    signature: tuple[int, int, int]
    index: CandidateIndex


_lock = threading.Lock()
_cache: _CachedIndex | None = None


def _signature() -> tuple[int, int, int]:
    # Saves and deletes clear the cache through signals; bulk writes (the loader, migrations)
    # send none, so count, highest id and total name length are compared as well.
    agg = Agency.objects.aggregate(n=Count("pk"), top=Max("pk"), chars=Sum(Length("name")))
    return agg["n"] or 0, agg["top"] or 0, agg["chars"] or 0


def _path_ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def _build_index() -> CandidateIndex:
    rows = list(
        Agency.objects.values_list(
            "id", "code", "name", "short_name", "kind", "aliases", "valid_from", "valid_to", "path"
        )
    )
    kinds = {row[0]: row[4] for row in rows}
    records: list[CandidateRecord] = []
    for pk, code, name, short_name, kind, aliases, valid_from, valid_to, path in rows:
        chain = _path_ids(path) or [pk]
        province_id = next((i for i in chain if kinds.get(i) == AgencyKind.PROVINCE), None)
        district_id = next((i for i in chain if kinds.get(i) == AgencyKind.FORMER_DISTRICT), None)
        names = tuple(a for a in (short_name, *(aliases or ())) if isinstance(a, str) and a)
        records.append(
            CandidateRecord(
                id=pk,
                code=code,
                name=name,
                kind=kind,
                names=names,
                valid_from=valid_from,
                valid_to=valid_to,
                ancestor_ids=tuple(i for i in chain if i != pk),
                province_id=province_id,
                district_id=district_id,
            )
        )
    # Generic names stand for bodies the registry lacks; central agencies are already in it.
    known = {r.name for r in records}
    records.extend(g for g in generic_records() if g.name not in known)
    return CandidateIndex(records)


def _index() -> CandidateIndex:
    global _cache
    signature = _signature()
    cached = _cache
    if cached is not None and cached.signature == signature:
        return cached.index
    with _lock:
        if _cache is None or _cache.signature != signature:
            _cache = _CachedIndex(signature, _build_index())
        return _cache.index


def clear_agency_index_cache(*_args: object, **_kwargs: object) -> None:
    """Forget the cached candidate index (it is also rebuilt when the registry changes)."""
    global _cache
    with _lock:
        _cache = None


post_save.connect(clear_agency_index_cache, sender=Agency, dispatch_uid="ttcs-agency-index")
post_delete.connect(clear_agency_index_cache, sender=Agency, dispatch_uid="ttcs-agency-index-d")


def match_context(agency: Agency) -> MatchContext:
    """The matching context of a document issued by ``agency``: the issuer, its ancestors, its
    district, and its province together with the provinces that province merged into or from.
    """
    chain = _path_ids(agency.path) or [agency.pk]
    kinds = dict(Agency.objects.filter(pk__in=chain).values_list("pk", "kind"))
    province_id = next((i for i in chain if kinds.get(i) == AgencyKind.PROVINCE), None)
    district_id = next((i for i in chain if kinds.get(i) == AgencyKind.FORMER_DISTRICT), None)
    provinces: set[int] = set()
    if province_id is not None:
        provinces.add(province_id)
        links = AgencySuccession.objects.filter(
            Q(predecessor_id=province_id, successor__kind=AgencyKind.PROVINCE)
            | Q(successor_id=province_id, predecessor__kind=AgencyKind.PROVINCE)
        ).values_list("predecessor_id", "successor_id")
        for pred, succ in links:
            provinces.update((pred, succ))
    return MatchContext(
        agency_id=agency.pk,
        self_and_ancestors=frozenset(chain),
        district_ids=frozenset({district_id} if district_id else ()),
        province_ids=frozenset(provinces),
        valid_from=agency.valid_from,
        valid_to=agency.valid_to,
    )


def match_agency(
    text: str, *, context: Agency | None = None, on: dt.date | None = None, limit: int = 5
) -> list[AgencyMatch]:
    """Ranked candidates for an agency mention, best first, scores in [0, 100].

    Robust to missing or OCR-damaged diacritics and to abbreviations. With ``context`` (the
    issuing agency) same-named bodies of its district and province rank first; with ``on``
    (the document date) bodies that did not exist that day rank lower. Generic names and
    groups ("Các sở, ban, ngành") appear with ``agency_id`` None.
    """
    ctx = match_context(context) if context is not None else None
    return rank_candidates(text, _index(), context=ctx, on=on, limit=limit)


def best_agency(
    text: str,
    *,
    context: Agency | None = None,
    on: dt.date | None = None,
    min_score: float = 80.0,
    min_margin: float = 4.0,
) -> AgencyMatch | None:
    """The one registry agency ``text`` names, or None.

    Guarantees: a result is a real agency (never a generic name or a group), scores at least
    ``min_score`` and leads every other agency by ``min_margin``; an ambiguous mention
    ("Sở Tư pháp" with no context) gives None rather than a guess.
    """
    ctx = match_context(context) if context is not None else None
    ranked = rank_candidates(text, _index(), context=ctx, on=on, limit=10)
    return best_of(ranked, min_score=min_score, min_margin=min_margin)
