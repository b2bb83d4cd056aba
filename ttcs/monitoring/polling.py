"""Polling sources at the database edge: fetch (safely), extract, ingest, and keep each
source's health record and adaptive polling interval."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ttcs.core.models import Membership, Role
from ttcs.monitoring.fetch.extract import extract_fetched
from ttcs.monitoring.fetch.feeds import FeedEntry, poll_feed
from ttcs.monitoring.fetch.policy import FetchPolicy
from ttcs.monitoring.fetch.polling import (
    FetchRecord,
    PollBounds,
    compute_source_health,
    health_alerts,
    next_interval,
)
from ttcs.monitoring.fetch.safe_http import SafeHttpClient
from ttcs.monitoring.ingest import ingest_items
from ttcs.monitoring.models import Alert, AlertKind, Article, Source, SourceKind
from ttcs.monitoring.pipeline.normalize import url_key

log = logging.getLogger("ttcs.monitoring.polling")
LOG_DAYS = 14
_CLIENT: SafeHttpClient | None = None


def client() -> SafeHttpClient:
    """One client per process, so per-host politeness and robots.txt caching are shared; with
    Celery on Redis the host slots are booked in Redis, across every worker process."""
    global _CLIENT
    if _CLIENT is None:
        shared = None
        if settings.REDIS_URL:
            from ttcs.monitoring.fetch.shared_slots import SharedSlots

            shared = SharedSlots.from_url(settings.REDIS_URL)
        _CLIENT = SafeHttpClient(FetchPolicy.from_settings(settings), shared_slots=shared)
    return _CLIENT


def set_client(new: SafeHttpClient | None) -> None:
    global _CLIENT
    _CLIENT = new


def poll_due_sources(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Poll every active source whose time has come; one failing source never stops the rest."""
    totals = {"sources": 0, "items": 0, "new": 0}
    for source_id in Source.objects.due(now).values_list("pk", flat=True):
        try:
            result = poll_source(source_id)
        except Exception:  # recorded on the source; the loop goes on
            log.exception("polling source %s failed", source_id)
            continue
        totals["sources"] += 1
        totals["items"] += result["items"]
        totals["new"] += result["new"]
    return totals


def poll_source(source_id: int) -> dict[str, Any]:
    """Poll one source. Safe to repeat: items already stored are skipped by URL."""
    source = Source.objects.get(pk=source_id)
    now = timezone.now()
    items: list[dict[str, Any]] = []
    error = ""
    seen = 0
    http = client()
    if source.kind in {SourceKind.FEED, SourceKind.SITEMAP}:
        poll = poll_feed(
            http, source.url, etag=source.etag or None, last_modified=source.last_modified or None
        )
        if poll.error:
            error = poll.error
        else:
            if not poll.fetch.not_modified:
                source.etag = poll.fetch.etag or ""
                source.last_modified = poll.fetch.last_modified or ""
            entries = list(poll.entries)
            keys = {url_key(e.url): e for e in entries if e.url}
            known = set(
                Article.objects.filter(url_hash__in=list(keys)).values_list("url_hash", flat=True)
            )
            seen = len(known)
            fresh = [e for k, e in keys.items() if k not in known]
            for entry in fresh[: settings.TTCS_FETCH_MAX_PAGES_PER_POLL]:
                item = _page_item(http, entry, source)
                if item is not None:
                    items.append(item)
    elif source.kind == SourceKind.PAGE:
        page = http.fetch(source.url)
        if page.failed:
            error = page.reason
        else:
            item = _page_item(
                http, FeedEntry(source.url, "", "", None, source.url), source, fetched=page
            )
            if item is not None:
                items.append(item)
    summary = ingest_items(items, source=source) if items else None
    new = summary.new if summary else 0
    _record(source, now=now, ok=not error, new=new, seen=seen, reason=error)
    return {"items": len(items), "new": new, "error": error}


def _page_item(
    http: SafeHttpClient, entry: FeedEntry, source: Source, fetched: Any = None
) -> dict[str, Any] | None:
    result = fetched or http.fetch(entry.url)
    if result.failed:
        if not entry.summary:
            return None
        extracted = None
    else:
        extracted = extract_fetched(result, fallback=entry)
    article = extracted.article if extracted is not None and extracted.ok else None
    if article is None:
        if not (entry.title and entry.summary):
            return None
        title, text, url, published = entry.title, entry.summary, entry.url, entry.published_at
    else:
        title = article.title or entry.title
        text, url = article.text, article.canonical_url or entry.url
        published = article.published_at or entry.published_at
    return {
        "id": url,
        "url": url,
        "source": source.name,
        "title": title,
        "text": text,
        "published_at": published.isoformat() if published else None,
        "tier": source.tier,
    }


def _record(
    source: Source, *, now: dt.datetime, ok: bool, new: int, seen: int, reason: str
) -> None:
    log_rows = [
        r
        for r in source.fetch_log
        if dt.datetime.fromisoformat(r["at"]) >= now - dt.timedelta(days=LOG_DAYS)
    ]
    log_rows.append({"at": now.isoformat(), "ok": ok, "new": new, "reason": reason[:300]})
    source.fetch_log = log_rows
    day = timezone.localdate(now).isoformat()
    source.daily_counts = {
        k: v
        for k, v in source.daily_counts.items()
        if k >= (timezone.localdate(now) - dt.timedelta(days=LOG_DAYS)).isoformat()
    }
    source.daily_counts[day] = source.daily_counts.get(day, 0) + new
    if ok:
        source.last_success_at, source.failure_count, source.last_error = now, 0, ""
    else:
        source.last_failure_at, source.last_error = now, reason
        source.failure_count += 1
    previous = dt.timedelta(seconds=source.poll_seconds)
    interval = (
        next_interval(previous, new, seen, PollBounds())
        if ok
        else min(previous * 2, PollBounds().maximum)
    )
    source.poll_seconds = int(interval.total_seconds())
    source.next_poll_at = now + interval
    source.save(
        update_fields=[
            "fetch_log",
            "daily_counts",
            "last_success_at",
            "failure_count",
            "last_error",
            "last_failure_at",
            "poll_seconds",
            "next_poll_at",
            "etag",
            "last_modified",
        ]
    )
    health = compute_source_health(
        [
            FetchRecord(dt.datetime.fromisoformat(r["at"]), r["ok"], r["new"], r["reason"])
            for r in log_rows
        ],
        now,
    )
    for alert in health_alerts(health):
        _health_alert(source, alert.kind, alert.message, now)


def _health_alert(source: Source, kind: str, message: str, now: dt.datetime) -> None:
    day = timezone.localdate(now).isoformat()
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                agency_id=source.owner_agency_id,
                kind=AlertKind.SOURCE_HEALTH,
                key=f"source:{source.pk}",
                title=f"Nguồn «{source.name}»: {message}",
                dedup_key=f"source:{source.pk}:{kind}:{day}",
                count=0,
            )
    except IntegrityError:
        return
    from ttcs.core.actions import notify

    for m in (
        Membership.objects.current()
        .filter(agency_id=source.owner_agency_id, role__in=[Role.OFFICER, Role.ADMINISTRATOR])
        .select_related("user")
    ):
        notify(
            user=m.user,
            subject=alert.title,
            url=f"/theo-doi/canh-bao/{alert.pk}/",
            dedup_key=f"alert:{alert.pk}",
            email=False,
        )
