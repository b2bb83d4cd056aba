"""Reference data every installation needs, loaded after ``migrate``: the agency registry and
the Government's announced calendar exceptions. Idempotent and cheap when already present."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction

log = logging.getLogger("ttcs.reference")


def ensure_calendar_exceptions() -> int:
    """Insert the bundled exceptions that are not in the database; administrators' own entries
    for the same dates are kept. Returns how many were added."""
    from ttcs.core.calendar_db import invalidate_calendar_cache
    from ttcs.core.models import CalendarException
    from ttcs.core.workdays import load_bundled_exceptions

    existing = set(CalendarException.objects.values_list("date", flat=True))
    new = [
        CalendarException(date=e.date, kind=e.kind, name=e.name, legal_basis=e.legal_basis)
        for e in load_bundled_exceptions()
        if e.date not in existing
    ]
    CalendarException.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        transaction.on_commit(invalidate_calendar_cache)
    return len(new)


def ensure_reference_data(**_kwargs: Any) -> None:
    """post_migrate handler for the core app."""
    if not getattr(settings, "TTCS_LOAD_REFERENCE_DATA", True):
        return
    from ttcs.core.agency_loader import load_reference_agencies

    with transaction.atomic():
        load_reference_agencies()
        ensure_calendar_exceptions()
