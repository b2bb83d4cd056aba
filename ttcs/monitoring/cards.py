from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttcs.core.dashboard import Card, register
from ttcs.core.http import AuthenticatedHttpRequest
from ttcs.core.permissions import readable_agency_ids
from ttcs.monitoring.models import Alert, Article


@register(order=40)
def monitoring_cards(request: AuthenticatedHttpRequest) -> list[Card]:
    since = timezone.now() - dt.timedelta(hours=24)
    recent = Article.objects.visible_to(request.user).filter(published_at__gte=since)
    ids = readable_agency_ids(request.user)
    alerts = Alert.objects.filter(acknowledged_at__isnull=True)
    if ids is not None:
        alerts = alerts.filter(agency_id__in=ids)
    negative = recent.filter(sentiment="negative").count()
    return [
        Card(_("Tin trong 24 giờ"), recent.count(), reverse("monitoring:feed")),
        Card(
            _("Tin tiêu cực trong 24 giờ"),
            negative,
            reverse("monitoring:feed") + "?sentiment=negative",
            tone="bad" if negative else "neutral",
        ),
        Card(_("Cảnh báo chưa xử lý"), alerts.count(), reverse("monitoring:alerts"), tone="warn"),
    ]
