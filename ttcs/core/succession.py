"""Questions about agency history: who carries a former agency's duties on a given day, and what
an agency used to be.

Succession records (``AgencySuccession``) are followed forward or backward; a record with empty
``duties`` hands over everything that was not handed over elsewhere, one with ``duties`` hands
over only the duties it names ("báo chí; xuất bản").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from ttcs.core.models import Agency, AgencySuccession
from ttcs.core.text import fold_lower, normalize_spaces

__all__ = ["DutyCarrier", "predecessors", "successors_on", "who_carries_duties_of"]

# Chains are short (province merger, department merger, a rename); the cap only stops a
# mistaken cycle in hand-entered data from looping.
_MAX_STEPS = 20


@dataclass(frozen=True)
class DutyCarrier:
    """``agency`` carries, on the asked day, ``duties`` of the asked agency ("" = the rest).

    ``via`` lists the succession records followed, oldest first.
    """

    agency: Agency
    duties: str
    via: tuple[AgencySuccession, ...]


def _active(agency: Agency, day: dt.date) -> bool:
    return (agency.valid_from is None or agency.valid_from <= day) and (
        agency.valid_to is None or day <= agency.valid_to
    )


def _mentions(duties: str, keyword: str) -> bool:
    return fold_lower(normalize_spaces(keyword)) in fold_lower(duties)


def _outgoing(agency: Agency, day: dt.date) -> list[AgencySuccession]:
    return list(
        AgencySuccession.objects.filter(predecessor=agency, effective_date__lte=day)
        .select_related("successor")
        .order_by("effective_date", "pk")
    )


def _walk(
    agency: Agency,
    day: dt.date,
    duty: str | None,
    duties: str,
    via: tuple[AgencySuccession, ...],
    seen: set[int],
    out: list[DutyCarrier],
) -> None:
    if agency.pk in seen or len(via) > _MAX_STEPS:
        return
    seen = seen | {agency.pk}
    if _active(agency, day) or (via and agency.valid_from and agency.valid_from > day):
        # Either it exists on ``day``, or the chain ran past ``day``: stop at the last agency.
        if via or _active(agency, day):
            out.append(DutyCarrier(agency, duties, via))
        return
    steps = _outgoing(agency, day)
    if not steps:
        return
    if duty:
        specific = [s for s in steps if s.duties and _mentions(s.duties, duty)]
        chosen = specific or [s for s in steps if not s.duties] or steps
    else:
        chosen = steps
    for step in chosen:
        carried = step.duties or duties
        _walk(step.successor, day, duty, carried, (*via, step), seen, out)


def who_carries_duties_of(
    agency: Agency, day: dt.date | None = None, *, duty: str | None = None
) -> list[DutyCarrier]:
    """Every agency that carries some of ``agency``'s duties on ``day`` (today by default).

    Guarantees: an agency that exists on ``day`` answers for itself; otherwise every succession
    path effective by ``day`` is followed to the agencies that exist then, each reported with
    the duties it received (empty = all duties not handed over elsewhere). With ``duty`` (a
    keyword such as "báo chí"), only the paths that carry that duty are followed: a specific
    hand-over that names it wins over a general merger. The result has no duplicate agency.
    """
    day = day or timezone.localdate()
    out: list[DutyCarrier] = []
    _walk(agency, day, duty, "", (), set(), out)
    unique: dict[int, DutyCarrier] = {}
    for carrier in out:
        unique.setdefault(carrier.agency.pk, carrier)
    return list(unique.values())


def successors_on(
    agency: Agency, day: dt.date | None = None, *, duty: str | None = None
) -> list[Agency]:
    """The agencies that carry ``agency``'s duties on ``day``.

    Without ``duty``: the agencies reached through general successions (mergers, renames,
    splits); agencies that only received named duties are left out, so "Sở Thông tin và
    Truyền thông tỉnh Sóc Trăng" today gives "Sở Khoa học và Công nghệ thành phố Cần Thơ".
    With ``duty``: the agencies that carry that duty ("báo chí" → the culture department).
    An agency that exists on ``day`` is its own answer; an agency not yet created gives [].
    """
    carriers = who_carries_duties_of(agency, day, duty=duty)
    if duty is None:
        general = [c for c in carriers if not any(step.duties for step in c.via)]
        carriers = general or carriers
    return [c.agency for c in carriers]


def predecessors(agency: Agency) -> list[tuple[Agency, AgencySuccession]]:
    """What ``agency`` used to be: every earlier agency whose duties flowed into it, recursively.

    Nearest first (breadth-first over succession records, newest hand-over first at each step);
    each earlier agency appears once, with the record through which it was reached.
    """
    out: list[tuple[Agency, AgencySuccession]] = []
    seen = {agency.pk}
    frontier = [agency]
    for _ in range(_MAX_STEPS):
        if not frontier:
            break
        records = list(
            AgencySuccession.objects.filter(successor__in=frontier)
            .select_related("predecessor")
            .order_by("-effective_date", "pk")
        )
        frontier = []
        for record in records:
            if record.predecessor_id in seen:
                continue
            seen.add(record.predecessor_id)
            out.append((record.predecessor, record))
            frontier.append(record.predecessor)
    return out
