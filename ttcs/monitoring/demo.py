"""Demo monitoring data: the bundled invented news items, ingested for the demo city, with an
alert rule, trend alerts and a digest. Idempotent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO

from django.db import transaction

from ttcs.core.demo import demo_city
from ttcs.monitoring import actions
from ttcs.monitoring.alerts import check_rules, detect_trend_alerts
from ttcs.monitoring.digest import build_digest
from ttcs.monitoring.importing import file_source
from ttcs.monitoring.ingest import ingest_items
from ttcs.monitoring.models import AlertRule, Sentiment
from ttcs.monitoring.pipeline.items import LineError, read_jsonl

DEMO_ITEMS = Path(__file__).resolve().parent / "data" / "demo_items.jsonl"


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
    summary = ingest_items(items, source=source)
    latest = max(i.published_at for i in items if i.published_at is not None)
    now = latest + dt.timedelta(minutes=5)
    alerts = detect_trend_alerts(now=now)
    AlertRule.objects.filter(agency=city).update(last_checked_at=None)
    alerts += check_rules()  # rules look at what arrived in the last 24 hours
    for day in (latest.date() - dt.timedelta(days=1), latest.date()):
        build_digest(city, day, send=False)
    if stream is not None:
        stream.write(
            f"Theo dõi thông tin: {summary.new} tin mới, {summary.stories} sự việc, "
            f"{alerts} cảnh báo\n"
        )
