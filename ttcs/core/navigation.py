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
    entries = [(entry, reverse(entry.url_name)) for entry in _ENTRIES if entry.visible(user)]
    # The longest URL that prefixes the path is the current section (only one is active).
    matching = [url for _e, url in entries if path == url or (url != "/" and path.startswith(url))]
    current = max(matching, key=len, default=None)
    return [NavItem(url=url, label=str(e.label), active=url == current) for e, url in entries]
