"""Webhook delivery of alerts through the same address checks as fetching."""

from __future__ import annotations

import json
import time
from ipaddress import ip_address
from urllib.parse import urlsplit

import httpcore
import httpx

from ttcs.monitoring.fetch import netguard
from ttcs.monitoring.fetch.policy import FetchPolicy
from ttcs.monitoring.fetch.transport import PinnedBackend, PinnedTransport, RefusedConnectionError
from ttcs.monitoring.models import Alert

TIMEOUT_SECONDS = 10.0


def post_alert(alert_id: int) -> bool:
    """POST the alert as JSON; returns whether the receiver accepted it (2xx).

    The host is resolved once and the connection pinned to the addresses checked (so a DNS
    answer that changes between check and connect cannot reach an internal address); private
    addresses are refused unless the host is allow-listed; redirects are never followed. A
    network failure raises ``ConnectionError`` so the job is retried with back-off.
    """
    from django.conf import settings

    alert = Alert.objects.select_related("rule", "agency").get(pk=alert_id)
    if alert.rule is None or not alert.rule.webhook_url:
        return False
    url = alert.rule.webhook_url
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return False
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    # The same rules as fetching: its allow-list, its bounded DNS lookup.
    policy = FetchPolicy.from_settings(settings)
    try:
        addresses = netguard.resolve_with_timeout(host, port, policy.dns_timeout)
    except OSError as error:  # TimeoutError included
        raise ConnectionError(f"không phân giải được {host}: {error}") from error
    if not addresses or (
        not policy.private_host_allowed(host)
        and not all(netguard.is_public_address(ip_address(a)) for a in addresses)
    ):
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
    backend = PinnedBackend(
        host,
        port,
        addresses,
        time.monotonic() + TIMEOUT_SECONDS,
        TIMEOUT_SECONDS,
        httpcore.SyncBackend(),
    )
    try:
        with httpx.Client(
            transport=PinnedTransport(backend),
            timeout=TIMEOUT_SECONDS,
            follow_redirects=False,
            trust_env=False,
        ) as client:
            response = client.post(
                url,
                content=json.dumps(payload, ensure_ascii=False).encode(),
                headers={"Content-Type": "application/json; charset=utf-8"},
            )
    except RefusedConnectionError:
        return False
    except httpx.TransportError as error:
        raise ConnectionError(f"không gửi được tới {host}: {error}") from error
    return 200 <= response.status_code < 300
