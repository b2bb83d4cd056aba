"""Demo monitoring data: the bundled invented news items, ingested for the demo city, with an
alert rule, trend alerts and a digest. Idempotent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO

from django.db import transaction

from ttcs.core.demo import demo_city
from ttcs.core.models import Agency
from ttcs.monitoring import actions
from ttcs.monitoring.alerts import check_rules, detect_trend_alerts
from ttcs.monitoring.digest import build_digest
from ttcs.monitoring.importing import file_source
from ttcs.monitoring.ingest import ingest_items
from ttcs.monitoring.models import AlertRule, Sentiment, Source, SourceKind, Tier
from ttcs.monitoring.pipeline.items import Item, LineError, read_jsonl

DEMO_ITEMS = Path(__file__).resolve().parent / "data" / "demo_items.jsonl"
LOCAL_FEED_ITEMS = 12
LOCAL_FEED_NAME = "Cổng tin địa phương (minh họa, RSS cục bộ)"


def _poll_local_feed(city: Agency, items: list[Item]) -> int:
    """Serve ``items`` on 127.0.0.1 and poll them as a real RSS source would be polled.

    The local host is allowed for this one client only; production fetching keeps refusing
    private addresses unless an administrator allow-lists them. Returns how many were new.
    """
    from ttcs.monitoring.demo_feed import DemoFeedServer
    from ttcs.monitoring.fetch.policy import FetchPolicy
    from ttcs.monitoring.fetch.safe_http import SafeHttpClient
    from ttcs.monitoring.polling import poll_source, set_client

    rows = [
        {"title": i.title, "text": i.text, "published_at": i.published_at.isoformat()}
        for i in items
        if i.published_at is not None
    ]
    existing = Source.objects.filter(
        owner_agency=city, kind=SourceKind.FEED, name=LOCAL_FEED_NAME
    ).first()
    if existing is not None and existing.articles.exists():
        return 0  # loaded by an earlier run; the local site's address changes every run
    server = DemoFeedServer(rows).start()
    port = server.httpd.server_address[1]
    source, _created = Source.objects.get_or_create(
        owner_agency=city,
        name=LOCAL_FEED_NAME,
        defaults={"kind": SourceKind.FEED, "tier": Tier.LOCAL_PRESS},
    )
    source.url = f"{server.base_url}/rss"
    source.active = False  # the local site lives only while the demo loads
    source.save(update_fields=["url", "active"])
    set_client(
        SafeHttpClient(
            FetchPolicy.build(
                allowed_private_hosts=["127.0.0.1"],
                allowed_ports=[f"127.0.0.1:{port}"],
                min_host_interval=0,
                respect_robots=False,
            )
        )
    )
    try:
        return int(poll_source(source.pk)["new"])
    finally:
        set_client(None)
        server.stop()


def load_demo(stream: IO[str] | None = None) -> None:
    city = demo_city()
    with transaction.atomic():
        source = file_source(city)
        if not AlertRule.objects.filter(agency=city).exists():
            actions.save_alert_rule(
                agency=city,
                acting_user=None,
                name="Sạt lở, sụt lún bờ sông",
                query='"sạt lở" OR "sat lo" OR "sụt lún"',
                sentiment=Sentiment.NEGATIVE,
                min_count=3,
                email=True,
                webhook_url="",
                active=True,
            )
    items = [row for row in read_jsonl(DEMO_ITEMS) if not isinstance(row, LineError)]
    # The last few items arrive through a local feed (fetch → extract → ingest), the rest from
    # the bundled file, as an officer would import a press-clipping export.
    summary = ingest_items(items[:-LOCAL_FEED_ITEMS], source=source)
    fed = _poll_local_feed(city, items[-LOCAL_FEED_ITEMS:])
    latest = max(i.published_at for i in items if i.published_at is not None)
    now = latest + dt.timedelta(minutes=5)
    alerts = detect_trend_alerts(now=now)
    AlertRule.objects.filter(agency=city).update(last_checked_at=None)
    alerts += check_rules()  # rules look at what arrived in the last 24 hours
    for day in (latest.date() - dt.timedelta(days=1), latest.date()):
        build_digest(city, day, send=False)
    if stream is not None:
        stream.write(
            f"Theo dõi thông tin: {summary.new} tin từ tệp, {fed} tin từ nguồn RSS cục bộ, "
            f"{alerts} cảnh báo\n"
        )
