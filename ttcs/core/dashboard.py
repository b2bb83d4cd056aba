"""Dashboard cards: each app contributes counts for the agencies the user may read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ttcs.core.http import AuthenticatedHttpRequest


@dataclass(frozen=True)
class Card:
    label: str
    value: int | str
    url: str = ""
    tone: str = "neutral"  # neutral | good | warn | bad
    hint: str = ""


CardProvider = Callable[[AuthenticatedHttpRequest], list[Card]]
_PROVIDERS: list[tuple[int, CardProvider]] = []


def register(order: int) -> Callable[[CardProvider], CardProvider]:
    def wrap(fn: CardProvider) -> CardProvider:
        if all(p is not fn for _o, p in _PROVIDERS):
            _PROVIDERS.append((order, fn))
            _PROVIDERS.sort(key=lambda pair: pair[0])
        return fn

    return wrap


def cards_for(request: AuthenticatedHttpRequest) -> list[Card]:
    cards: list[Card] = []
    for _order, provider in _PROVIDERS:
        cards.extend(provider(request))
    return cards


def scope_ids(request: AuthenticatedHttpRequest) -> Any:
    """Agency ids the dashboard counts: the current agency and, for leaders, its subtree."""
    from ttcs.core.models import Role
    from ttcs.core.permissions import readable_agency_ids

    agency = getattr(request, "current_agency", None)
    membership = getattr(request, "current_membership", None)
    readable = readable_agency_ids(request.user)
    if agency is None:
        return readable if readable is not None else set()
    if membership is not None and membership.role in {Role.LEADER, Role.ADMINISTRATOR}:
        ids = set(agency.descendants().values_list("pk", flat=True))
    else:
        ids = {agency.pk}
    return ids if readable is None else ids & readable
