"""Dashboard figures for plans: completion, overdue by agency, upcoming deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from ttcs.core.dashboard import scope_ids
from ttcs.core.http import AuthenticatedHttpRequest
from ttcs.plans.models import Occurrence, OccurrenceStatus


def dashboard_figures(
    request: AuthenticatedHttpRequest, today: dt.date | None = None
) -> dict[str, Any]:
    """Counts over the occurrences in the user's current scope, in a fixed number of queries."""
    today = today or timezone.localdate()
    occs = Occurrence.objects.for_agencies(scope_ids(request))
    totals = occs.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=OccurrenceStatus.DONE)),
        submitted=Count("pk", filter=Q(status=OccurrenceStatus.SUBMITTED)),
        overdue=Count("pk", filter=Q(due__lt=today) & ~Q(status=OccurrenceStatus.DONE)),
        soon=Count(
            "pk",
            filter=Q(due__gte=today, due__lte=today + dt.timedelta(days=14))
            & ~Q(status=OccurrenceStatus.DONE),
        ),
    )
    by_status = dict(occs.values_list("status").annotate(n=Count("pk")).order_by())
    by_agency = list(
        occs.values("agency__name")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=OccurrenceStatus.DONE)),
            overdue=Count("pk", filter=Q(due__lt=today) & ~Q(status=OccurrenceStatus.DONE)),
        )
        .order_by("-overdue", "agency__name")[:15]
    )
    upcoming = list(
        occs.open().filter(due__gte=today).select_related("task", "agency").order_by("due")[:10]
    )
    labels = dict(OccurrenceStatus.choices)
    return {
        "totals": totals,
        "completion": round(100 * totals["done"] / totals["total"]) if totals["total"] else 0,
        "upcoming": upcoming,
        "by_agency": by_agency,
        "charts": {
            "status": [{"name": str(labels[k]), "value": v} for k, v in by_status.items()],
            "agencies": [r["agency__name"] for r in by_agency],
            "agency_done": [r["done"] for r in by_agency],
            "agency_overdue": [r["overdue"] for r in by_agency],
            "agency_other": [r["total"] - r["done"] - r["overdue"] for r in by_agency],
        },
    }
