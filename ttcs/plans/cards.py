from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttcs.core.dashboard import Card, register, scope_ids
from ttcs.core.http import AuthenticatedHttpRequest
from ttcs.plans.models import Occurrence, OccurrenceStatus, Plan


@register(order=10)
def plan_cards(request: AuthenticatedHttpRequest) -> list[Card]:
    ids = scope_ids(request)
    today = timezone.localdate()
    occs = Occurrence.objects.for_agencies(ids)
    t = occs.aggregate(
        open=Count("pk", filter=~Q(status=OccurrenceStatus.DONE)),
        overdue=Count("pk", filter=Q(due__lt=today) & ~Q(status=OccurrenceStatus.DONE)),
        submitted=Count("pk", filter=Q(status=OccurrenceStatus.SUBMITTED)),
    )
    plans = (
        Plan.objects.filter(agency_id__in=ids).count() if ids is not None else Plan.objects.count()
    )
    base = reverse("plans:my_tasks")
    return [
        Card(_("Kế hoạch đã ban hành"), plans, reverse("plans:plan_list")),
        Card(_("Nhiệm vụ đang thực hiện"), t["open"], base),
        Card(
            _("Nhiệm vụ quá hạn"),
            t["overdue"],
            f"{base}?show=overdue",
            tone="bad" if t["overdue"] else "good",
        ),
        Card(_("Chờ lãnh đạo duyệt"), t["submitted"], f"{base}?show=submitted", tone="warn"),
    ]
