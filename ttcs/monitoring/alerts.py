"""Alerts at the database edge: trend spikes and negative surges per watching agency, and
keyword rules; stored once (dedup key), delivered in-app, by email and by webhook."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttcs.core.actions import notify
from ttcs.core.models import Agency, Membership, Role
from ttcs.monitoring import query as q
from ttcs.monitoring.models import Alert, AlertKind, AlertRule, Article, Source, Story
from ttcs.monitoring.pipeline.trends import (
    Event,
    ExplainedItem,
    TrendConfig,
    detect,
    event_keys,
    explain,
)

log = logging.getLogger("ttcs.monitoring.alerts")

HISTORY = dt.timedelta(days=16)
RECENT = dt.timedelta(days=7)  # older buckets are history, not news
NOTIFY_WITHIN = dt.timedelta(hours=48)  # older ones go to the inbox without pinging anyone
TREND_KEY_PREFIXES = ("all", "topic:", "locality:", "agency:")
KEY_LABELS = {
    "all": gettext_lazy("toàn bộ tin"),
    "topic": gettext_lazy("chủ đề"),
    "locality": gettext_lazy("địa bàn"),
    "agency": gettext_lazy("cơ quan"),
}


def watching_agencies() -> list[Agency]:
    """Agencies that monitor: they own an active source or an active alert rule."""
    ids = set(Source.objects.filter(active=True).values_list("owner_agency_id", flat=True))
    ids |= set(AlertRule.objects.filter(active=True).values_list("agency_id", flat=True))
    return list(Agency.objects.filter(pk__in=ids))


def articles_for(agency: Agency) -> Any:
    """What an agency watches: its own (and sub-agencies') sources, plus unowned imports."""
    return Article.objects.filter(
        Q(owner_agency__path__startswith=agency.path) | Q(owner_agency__isnull=True)
    )


def _describe(kind: str, key: str, count: int, expected: float) -> str:
    from ttcs.monitoring.pipeline.classify import default_topics

    prefix, _sep, value = key.partition(":")
    if prefix == "topic" and value in default_topics().topics:
        value = default_topics().topics[value].name
    what = str(KEY_LABELS.get(prefix, prefix)) + (f" «{value}»" if value else "")
    head = _("Tin tiêu cực tăng mạnh") if kind == "negative_surge" else _("Tăng đột biến")
    return _("%(head)s: %(what)s — %(count)s tin (thường %(expected)s)") % {
        "head": head,
        "what": what,
        "count": count,
        "expected": f"{expected:.1f}",
    }


def _rule_title(rule: AlertRule, count: int) -> str:
    return _("%(rule)s: %(count)s tin mới khớp «%(query)s»") % {
        "rule": rule.name,
        "count": count,
        "query": rule.query,
    }


def alert_title(alert: Alert) -> str:
    """The alert's title in the active language, rebuilt from its fields; the title stored when
    it was raised (Vietnamese) where the fields cannot say it all."""
    if alert.kind in (AlertKind.SPIKE, AlertKind.NEGATIVE_SURGE):
        return _describe(alert.kind, alert.key, alert.count, alert.expected)
    if alert.kind == AlertKind.KEYWORD and alert.rule is not None:
        return _rule_title(alert.rule, alert.count)
    return alert.title


def _stored(describe: Any, *args: Any) -> str:
    """A title as stored (and sent by email and webhook): in the site's language, Vietnamese,
    whatever language the request that ran the job was in."""
    from django.conf import settings

    with translation.override(settings.LANGUAGE_CODE):
        return str(describe(*args))


def detect_trend_alerts(*, now: dt.datetime | None = None) -> int:
    """Run the detector (hour and day buckets) over each watching agency's recent articles and
    store the new alerts of the last week. Safe to repeat: existing alerts are not duplicated."""
    now = now or timezone.now()
    created = 0
    for agency in watching_agencies():
        # Agency keys only for the watching agency's own tree: other bodies' spikes are noise.
        own_names = set(agency.descendants().values_list("name", flat=True))
        rows = list(
            articles_for(agency)
            .filter(published_at__gte=now - HISTORY, published_at__lte=now)
            .values_list(
                "pk",
                "published_at",
                "title",
                "source_name",
                "topics",
                "provinces",
                "agencies",
                "sentiment",
                "story__key",
                "search_text",
            )
        )
        if not rows:
            continue
        events, explained = [], []
        for pk, at, title, source, topics, provinces, agencies, sentiment, story, folded in rows:
            keys = tuple(
                k
                for k in event_keys(
                    topics=topics,
                    provinces=provinces,
                    agencies=[a for a in agencies if a in own_names],
                )
                if k.startswith(TREND_KEY_PREFIXES)
            )
            events.append(
                Event(at=at, keys=keys, negative=sentiment == "negative", item_id=str(pk))
            )
            explained.append(
                ExplainedItem(
                    id=str(pk),
                    title=title,
                    source=source,
                    published_at=at,
                    keys=keys,
                    folded_title=folded.split("\n", 1)[0],
                    story=story,
                )
            )
        for bucket in ("hour", "day"):
            for alert in detect(events, TrendConfig.for_bucket(bucket)):
                start = dt.datetime.fromisoformat(alert.bucket_start)
                if start < now - RECENT:
                    continue
                why = explain(alert, explained)
                outlook = _forecast(events, alert.key, start, bucket)
                created += _store_alert(
                    agency=agency,
                    kind=alert.kind,
                    key=alert.key,
                    bucket_start=start,
                    count=alert.count,
                    expected=alert.expected,
                    score=alert.score,
                    title=_stored(_describe, alert.kind, alert.key, alert.count, alert.expected),
                    explanation={
                        "bucket": bucket,
                        "top_terms": why.top_terms,
                        "sources": why.sources,
                        "top_stories": why.top_stories,
                        "forecast": outlook,
                    },
                    story_keys=[s[0] for s in why.top_stories if s[0]],
                    dedup_key=f"{alert.kind}:{bucket}:{alert.key}:{alert.bucket_start}",
                    notify_members=start >= now - NOTIFY_WITHIN,
                )
    return created


def _forecast(events: list[Event], key: str, start: dt.datetime, bucket: str) -> dict[str, Any]:
    """The next three buckets after the alert's, from the history up to its end (no look-ahead),
    with a 90% interval."""
    from ttcs.monitoring.pipeline.trends import bucket_index, forecast

    b: Any = bucket
    last = bucket_index(start, b)
    first = last - (14 if bucket == "day" else 72) + 1
    counts = [0] * (last - first + 1)
    for event in events:
        if key in event.keys:
            i = bucket_index(event.at, b)
            if first <= i <= last:
                counts[i - first] += 1
    result = forecast(counts, 3, b)
    return {
        "mean": result.mean,
        "lower": result.lower,
        "upper": result.upper,
        "method": result.method,
    }


def check_rules(*, now: dt.datetime | None = None) -> int:
    """Match each active rule against the articles that arrived since it was last checked."""
    now = now or timezone.now()
    created = 0
    for rule in AlertRule.objects.filter(active=True).select_related("agency"):
        since = rule.last_checked_at or now - dt.timedelta(hours=24)
        try:
            parsed = q.parse(rule.query)
        except q.QueryError:
            continue
        candidates = articles_for(rule.agency).filter(fetched_at__gt=since, fetched_at__lte=now)
        if rule.sentiment:
            candidates = candidates.filter(sentiment=rule.sentiment)
        hits = [
            (pk, story_key)
            for pk, folded, story_key in candidates.values_list("pk", "search_text", "story__key")
            if q.matches(parsed, folded)
        ]
        if len(hits) >= max(1, rule.min_count):
            hour = now.astimezone(timezone.get_current_timezone()).replace(
                minute=0, second=0, microsecond=0
            )
            created += _store_alert(
                agency=rule.agency,
                rule=rule,
                kind=AlertKind.KEYWORD,
                key=f"rule:{rule.pk}",
                bucket_start=hour,
                count=len(hits),
                expected=0.0,
                score=float(len(hits)),
                title=_stored(_rule_title, rule, len(hits)),
                explanation={"articles": [pk for pk, _s in hits[:50]]},
                story_keys=list(dict.fromkeys(s for _p, s in hits))[:20],
                # One alert per rule and hour at most: a rate limit that survives restarts.
                dedup_key=f"rule:{rule.pk}:{hour.isoformat()}",
            )
        AlertRule.objects.filter(pk=rule.pk).update(last_checked_at=now)
    return created


def _store_alert(
    *,
    notify_members: bool = True,
    agency: Agency,
    story_keys: list[str],
    dedup_key: str,
    rule: AlertRule | None = None,
    **fields: Any,
) -> int:
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                agency=agency, rule=rule, dedup_key=dedup_key[:300], **fields
            )
            alert.stories.set(Story.objects.filter(key__in=story_keys))
            if notify_members:
                transaction.on_commit(lambda: deliver(alert.pk))
    except IntegrityError:
        return 0
    return 1


def deliver(alert_id: int) -> None:
    """In-app and email to the agency's officers, leaders and spokespersons; webhook if set."""
    alert = Alert.objects.select_related("agency", "rule").get(pk=alert_id)
    members = (
        Membership.objects.current()
        .filter(agency=alert.agency, role__in=[Role.OFFICER, Role.LEADER, Role.SPOKESPERSON])
        .select_related("user")
    )
    wants_email = alert.rule.email if alert.rule else True
    for m in members:
        notify(
            user=m.user,
            subject=alert.title,
            url=f"/theo-doi/canh-bao/{alert.pk}/",
            body=_body(alert),
            dedup_key=f"alert:{alert.pk}",
            email=wants_email,
        )
    if alert.rule and alert.rule.webhook_url:
        from ttcs.monitoring.tasks import send_webhook

        send_webhook.delay(alert.pk)


def _body(alert: Alert) -> str:
    terms = ", ".join(t for t, _n in alert.explanation.get("top_terms", [])[:5])
    sources = ", ".join(s for s, _n in alert.explanation.get("sources", [])[:5])
    lines = [alert.title]
    if terms:
        lines.append(f"Từ nổi bật: {terms}")
    if sources:
        lines.append(f"Nguồn: {sources}")
    return "\n".join(lines)
