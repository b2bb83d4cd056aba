"""The core app's dashboard cards."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ttcs.core.dashboard import Card, register, scope_ids
from ttcs.core.http import AuthenticatedHttpRequest
from ttcs.core.models import Agency, Membership, Notification


@register(order=90)
def core_cards(request: AuthenticatedHttpRequest) -> list[Card]:
    ids = scope_ids(request)
    agencies = Agency.objects.active_on()
    members = Membership.objects.current()
    if ids is not None:
        agencies = agencies.filter(pk__in=ids)
        members = members.filter(agency_id__in=ids)
    return [
        Card(_("Cơ quan trong phạm vi"), agencies.count(), reverse("core:agency_list")),
        Card(_("Cán bộ, thành viên"), members.values("user").distinct().count()),
        Card(
            _("Thông báo chưa đọc"),
            Notification.objects.filter(user=request.user, read_at__isnull=True).count(),
            reverse("core:notifications"),
            tone="warn",
        ),
    ]
