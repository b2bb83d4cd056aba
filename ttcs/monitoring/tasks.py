"""Monitoring jobs: thin wrappers taking ids, safe to repeat."""

from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task(name="ttcs.monitoring.tasks.export_articles")
def export_articles(job_id: int) -> None:
    """Write every article matching the job's query to CSV/XLSX, reporting progress."""
    from ttcs.monitoring.exports import run_export

    run_export(job_id)


@shared_task(name="ttcs.monitoring.tasks.run_cycle")
def run_cycle_task(digest: bool = False) -> dict[str, Any]:
    return run_cycle(digest=digest)


def run_cycle(*, digest: bool = False) -> dict[str, Any]:
    """Poll due sources, detect trends and deliver alerts (and the digest if asked)."""
    from ttcs.monitoring.alerts import check_rules, detect_trend_alerts
    from ttcs.monitoring.polling import poll_due_sources

    polled = poll_due_sources()
    trend_alerts = detect_trend_alerts()
    rule_alerts = check_rules()
    result: dict[str, Any] = {
        "sources_polled": polled["sources"],
        "items": polled["items"],
        "new": polled["new"],
        "trend_alerts": trend_alerts,
        "rule_alerts": rule_alerts,
    }
    if digest:
        from ttcs.monitoring.digest import build_all_digests

        result["digests"] = build_all_digests()
    return result


@shared_task(
    name="ttcs.monitoring.tasks.send_webhook",
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def send_webhook(alert_id: int) -> bool:
    """POST the alert as JSON to its rule's webhook, through the safe client."""
    from ttcs.monitoring.webhooks import post_alert

    return post_alert(alert_id)


@shared_task(
    name="ttcs.monitoring.tasks.poll_source",
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=3,
)
def poll_source_task(source_id: int) -> dict[str, Any]:
    """Fetch, extract, enrich and index one source; items already stored are skipped."""
    from ttcs.monitoring.polling import poll_source

    return poll_source(source_id)


@shared_task(name="ttcs.monitoring.tasks.build_digests")
def build_digests_task() -> int:
    from ttcs.monitoring.digest import build_all_digests

    return build_all_digests()
