"""Database glue for the working-day calendar.

The announced exceptions (days off in lieu, working Saturdays) are ``CalendarException`` rows
that administrators edit. Each process keeps one :class:`~ttcs.core.workdays.WorkingCalendar`
built from them and rebuilds it when the version stored in the shared cache changes;
:func:`invalidate_calendar_cache` changes that version once the editing transaction commits. With
a cache that is not shared between processes (the default ``LocMemCache``), other processes pick
up changes after at most ``MAX_AGE_SECONDS``.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from datetime import date
from typing import cast

from django.core.cache import cache
from django.db import transaction

from ttcs.core import workdays
from ttcs.core.models import CalendarException
from ttcs.core.workdays import ExceptionKind, WorkingCalendar

VERSION_CACHE_KEY = "ttcs:core:calendar-exceptions:version"
# A process asks the shared cache at most this often, so computing deadlines for a long list
# does not cost one cache round trip per row.
RECHECK_SECONDS = 1.0
# Bounds staleness when the cache is per process or the version was lost; a rebuild is one query.
MAX_AGE_SECONDS = 300.0


@dataclass(slots=True)
class _Cached:
    calendar: WorkingCalendar
    version: str
    built_at: float
    checked_at: float


_lock = threading.Lock()
_cached: _Cached | None = None


def _shared_version() -> str:
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        # add() keeps whichever process wrote first, so all processes agree on one version.
        cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_CACHE_KEY)
    # A version that vanished again (evicted at once) must never match a cached calendar.
    return str(version) if version is not None else uuid.uuid4().hex


def _build_calendar() -> WorkingCalendar:
    kinds: dict[date, ExceptionKind] = {}
    names: dict[date, str] = {}
    for day, kind, name in CalendarException.objects.values_list("date", "kind", "name"):
        # The model's choices are exactly ExceptionKind; WorkingCalendar rejects anything else.
        kinds[day] = cast(ExceptionKind, kind)
        if name:
            names[day] = name
    return WorkingCalendar(kinds, exception_names=names)


def calendar_with_exceptions() -> WorkingCalendar:
    """The working calendar including every ``CalendarException`` row.

    Guarantees: in the process that called :func:`invalidate_calendar_cache`, the next call sees
    the change; other processes see it within ``RECHECK_SECONDS`` when the cache is shared and
    within ``MAX_AGE_SECONDS`` otherwise. Between changes no query is made.
    """
    global _cached
    now = time.monotonic()
    cached = _cached
    if (
        cached is not None
        and now - cached.checked_at < RECHECK_SECONDS
        and now - cached.built_at < MAX_AGE_SECONDS
    ):
        return cached.calendar
    version = _shared_version()
    with _lock:
        cached = _cached
        if (
            cached is not None
            and cached.version == version
            and now - cached.built_at < MAX_AGE_SECONDS
        ):
            cached.checked_at = now
            return cached.calendar
        calendar = _build_calendar()
        _cached = _Cached(calendar=calendar, version=version, built_at=now, checked_at=now)
        return calendar


def _forget_local() -> None:
    global _cached
    with _lock:
        _cached = None


def _publish_change() -> None:
    cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
    _forget_local()


def invalidate_calendar_cache() -> None:
    """Make every process rebuild its calendar after calendar exceptions changed.

    Call it inside the transaction that changed ``CalendarException`` rows: this process forgets
    its calendar at once (so the rest of the transaction sees the change), and the shared version
    changes only when the transaction commits, so other processes never cache uncommitted rows.
    """
    _forget_local()
    transaction.on_commit(_publish_change)


def install() -> None:
    """Make ``ttcs.core.workdays``' module-level functions use the database exceptions.

    Called from ``CoreConfig.ready()``.
    """
    workdays.set_default_calendar_factory(calendar_with_exceptions)
