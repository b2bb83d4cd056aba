"""The navigation registry: each app adds its entries, so only existing modules are linked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: Any  # lazy translation string
    order: int
    visible: Callable[[Any], bool] = lambda user: True


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    active: bool


_ENTRIES: list[NavEntry] = []


def register(entry: NavEntry) -> None:
    if all(e.url_name != entry.url_name for e in _ENTRIES):
        _ENTRIES.append(entry)
        _ENTRIES.sort(key=lambda e: e.order)


def items_for(user: Any, path: str) -> list[NavItem]:
    items = []
    for entry in _ENTRIES:
        if not entry.visible(user):
            continue
        url = reverse(entry.url_name)
        active = path == url if url == "/" else path.startswith(url)
        items.append(NavItem(url=url, label=str(entry.label), active=active))
    return items
