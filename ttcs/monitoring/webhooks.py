"""Webhook delivery of alerts through the same address checks as fetching."""

from __future__ import annotations

import json
from ipaddress import ip_address

import httpx

from ttcs.monitoring.fetch.netguard import is_public_address, system_resolver
from ttcs.monitoring.models import Alert


def post_alert(alert_id: int) -> bool:
    """POST the alert as JSON. Refuses private addresses unless allow-listed; never follows
    redirects; returns whether the receiver accepted it (2xx)."""
    from urllib.parse import urlsplit

    from django.conf import settings

    alert = Alert.objects.select_related("rule", "agency").get(pk=alert_id)
    if alert.rule is None or not alert.rule.webhook_url:
        return False
    url = alert.rule.webhook_url
    host = urlsplit(url).hostname or ""
    allowed = set(settings.TTCS_FETCH_ALLOWED_PRIVATE_HOSTS)
    if host not in allowed:
        try:
            addresses = system_resolver(host, urlsplit(url).port or 443)
        except OSError:
            return False
        if not addresses or not all(is_public_address(ip_address(a)) for a in addresses):
            return False
    payload = {
        "id": alert.pk,
        "agency": alert.agency.name,
        "kind": alert.kind,
        "title": alert.title,
        "key": alert.key,
        "count": alert.count,
        "expected": alert.expected,
        "score": alert.score,
        "bucket_start": alert.bucket_start.isoformat() if alert.bucket_start else None,
        "url": f"{settings.SITE_URL}/theo-doi/canh-bao/{alert.pk}/",
    }
    response = httpx.post(
        url,
        content=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        timeout=10,
        follow_redirects=False,
    )
    return 200 <= response.status_code < 300
