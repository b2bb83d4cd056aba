"""State changes of the monitoring domain (other than ingest, see ``ingest.py``): sources,
label corrections, alert rules, alerts, exports. Atomic, permission-checked, audited."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttcs.core import audit
from ttcs.core.models import Agency, JobRun
from ttcs.core.permissions import can_write
from ttcs.monitoring.models import (
    Alert,
    AlertRule,
    Article,
    Sentiment,
    SentimentLabel,
    Source,
    SourceKind,
    Story,
)


def _require_write(user: Any | None, agency_id: int | None, message: str) -> None:
    if user is not None and not can_write(user, agency_id):
        raise PermissionDenied(message)


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValidationError(_("Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https://"))


@transaction.atomic
def create_source(
    *,
    owner_agency: Agency,
    name: str,
    kind: str,
    url: str = "",
    tier: str = "other",
    language: str = "vi",
    acting_user: Any | None,
) -> Source:
    """Register a source for an agency. Addresses are checked again at every fetch."""
    _require_write(acting_user, owner_agency.pk, _("Bạn không được thêm nguồn cho cơ quan này."))
    if kind != SourceKind.FILE:
        _check_url(url)
    if Source.objects.filter(owner_agency=owner_agency, name=name.strip()).exists():
        raise ValidationError(_("Cơ quan đã có nguồn tên %(n)s.") % {"n": name})
    source = Source.objects.create(
        owner_agency=owner_agency,
        name=name.strip(),
        kind=kind,
        url=url,
        tier=tier,
        language=language,
    )
    audit.record("source.created", actor=acting_user, obj=source, agency_id=owner_agency.pk)
    return source


@transaction.atomic
def set_source_active(*, source: Source, active: bool, acting_user: Any | None) -> Source:
    _require_write(acting_user, source.owner_agency_id, _("Bạn không được sửa nguồn này."))
    source.active = active
    source.save(update_fields=["active"])
    audit.record(
        "source.activated" if active else "source.paused",
        actor=acting_user,
        obj=source,
        agency_id=source.owner_agency_id,
    )
    return source


@transaction.atomic
def correct_sentiment(*, article: Article, label: str, acting_user: Any) -> SentimentLabel:
    """An officer's one-click correction; kept with who and when, and used to train models."""
    if label not in Sentiment.values:
        raise ValidationError(_("Nhãn không hợp lệ."))
    if article.owner_agency_id is not None:
        _require_write(acting_user, article.owner_agency_id, _("Bạn không được sửa nhãn tin này."))
    elif not getattr(acting_user, "memberships", None) or not acting_user.memberships.exists():
        raise PermissionDenied(_("Bạn không được sửa nhãn tin này."))
    correction = SentimentLabel.objects.create(
        article=article, label=label, previous=article.sentiment, labelled_by=acting_user
    )
    article.sentiment = label
    article.sentiment_by = "officer"
    article.save(update_fields=["sentiment", "sentiment_by"])
    _refresh_story_sentiment(article.story)
    audit.record(
        "article.label_corrected",
        actor=acting_user,
        obj=article,
        agency_id=article.owner_agency_id,
        label=label,
        previous=correction.previous,
    )
    return correction


def _refresh_story_sentiment(story: Story) -> None:
    labels: list[str] = list(story.articles.values_list("sentiment", flat=True))
    value: str
    neg = labels.count(Sentiment.NEGATIVE)
    pos = labels.count(Sentiment.POSITIVE)
    if neg and pos:
        value = Sentiment.MIXED
    elif neg > len(labels) / 3:
        value = Sentiment.NEGATIVE
    elif pos > len(labels) / 3:
        value = Sentiment.POSITIVE
    else:
        value = max(set(labels), key=labels.count) if labels else Sentiment.NEUTRAL
    if story.sentiment != value:
        story.sentiment = value
        story.save(update_fields=["sentiment"])


@transaction.atomic
def save_alert_rule(
    *, agency: Agency, acting_user: Any | None, rule: AlertRule | None = None, **fields: Any
) -> AlertRule:
    """Create or change an alert rule; the query must parse."""
    from ttcs.monitoring.query import QueryError, parse

    _require_write(acting_user, agency.pk, _("Bạn không được đặt cảnh báo cho cơ quan này."))
    try:
        parse(fields.get("query", ""))
    except QueryError as exc:
        raise ValidationError(str(exc)) from exc
    if fields.get("webhook_url"):
        _check_url(fields["webhook_url"])
    if rule is None:
        rule = AlertRule(agency=agency, created_by=acting_user)
    elif rule.agency_id != agency.pk:
        raise PermissionDenied(_("Quy tắc không thuộc cơ quan này."))
    for key, value in fields.items():
        setattr(rule, key, value)
    rule.full_clean(exclude=["created_by"])
    rule.save()
    audit.record("alert_rule.saved", actor=acting_user, obj=rule, agency_id=agency.pk)
    return rule


@transaction.atomic
def acknowledge_alert(*, alert: Alert, acting_user: Any) -> Alert:
    _require_write(acting_user, alert.agency_id, _("Bạn không được xử lý cảnh báo này."))
    if alert.acknowledged_at is None:
        alert.acknowledged_by = acting_user
        alert.acknowledged_at = timezone.now()
        alert.save(update_fields=["acknowledged_by", "acknowledged_at"])
        audit.record("alert.acknowledged", actor=acting_user, obj=alert, agency_id=alert.agency_id)
    return alert


@transaction.atomic
def start_export(
    *, query: str, filters: dict[str, Any], fmt: str, acting_user: Any, agency: Agency | None
) -> JobRun:
    """Queue an export of every matching article; the job reports progress on its JobRun."""
    from ttcs.monitoring.query import QueryError, parse

    if fmt not in {"csv", "xlsx"}:
        raise ValidationError(_("Định dạng xuất không hợp lệ."))
    try:
        parse(query)
    except QueryError as exc:
        raise ValidationError(str(exc)) from exc
    job = JobRun.objects.create(
        name="monitoring.export",
        requested_by=acting_user,
        agency=agency,
        result={"query": query, "filters": filters, "format": fmt},
    )
    audit.record(
        "export.requested",
        actor=acting_user,
        obj=job,
        agency_id=agency.pk if agency else None,
        query=query,
    )
    from ttcs.monitoring.tasks import export_articles

    transaction.on_commit(lambda: export_articles.delay(job.pk))
    return job
