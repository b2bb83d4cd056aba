"""Monitoring: sources and their health, articles grouped into stories, labels, alert rules,
alerts and digests. The pure pipeline lives in ``monitoring/pipeline`` and ``monitoring/fetch``;
this module is the database edge."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttcs.core.models import Agency

if TYPE_CHECKING:
    from ttcs.core.permissions import AnyUser


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS / Atom")
    SITEMAP = "sitemap", _("Sitemap (kể cả news sitemap)")
    PAGE = "page", _("Trang web đơn lẻ")
    FILE = "file", _("Tệp nhập (CSV/JSONL)")


class Tier(models.TextChoices):
    NATIONAL_PRESS = "national_press", _("Báo chí trung ương")
    LOCAL_PRESS = "local_press", _("Báo chí địa phương")
    OFFICIAL = "official", _("Kênh chính thống")
    SOCIAL = "social", _("Mạng xã hội")
    OTHER = "other", _("Khác")


class SourceQuerySet(models.QuerySet["Source"]):
    def visible_to(self, user: AnyUser) -> SourceQuerySet:
        from ttcs.core.permissions import readable_agency_ids

        ids = readable_agency_ids(user)
        return self if ids is None else self.filter(owner_agency_id__in=ids)

    def due(self, now: dt.datetime | None = None) -> SourceQuerySet:
        now = now or timezone.now()
        return (
            self.filter(active=True)
            .exclude(kind=SourceKind.FILE)
            .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        )


class Source(models.Model):
    """Where items come from; carries its own health record."""

    name = models.CharField(_("tên nguồn"), max_length=200)
    kind = models.CharField(_("loại"), max_length=10, choices=SourceKind.choices)
    url = models.URLField(_("địa chỉ"), max_length=1000, blank=True)
    tier = models.CharField(
        _("nhóm nguồn"), max_length=20, choices=Tier.choices, default=Tier.OTHER
    )
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="sources", verbose_name=_("cơ quan quản lý")
    )
    active = models.BooleanField(_("đang theo dõi"), default=True)
    poll_seconds = models.PositiveIntegerField(default=1800)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_body_sha256 = models.CharField(max_length=64, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    failure_count = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # {"YYYY-MM-DD": count} for the last weeks: the usual band of daily volume.
    daily_counts = models.JSONField(default=dict, blank=True)
    # Recent polls [{"at": iso, "ok": bool, "new": n, "reason": str}], the last 14 days.
    fetch_log = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()
    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("nguồn tin")
        verbose_name_plural = _("nguồn tin")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_agency", "name"], name="uniq_source_name_per_agency"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("Tích cực")
    NEUTRAL = "neutral", _("Trung tính")
    NEGATIVE = "negative", _("Tiêu cực")
    MIXED = "mixed", _("Đan xen")


class Story(models.Model):
    """Copies of one piece of news (syndicated or lightly edited) grouped together."""

    key = models.CharField(max_length=64, unique=True)  # the first item's key
    title = models.CharField(max_length=500)
    first_seen_at = models.DateTimeField(db_index=True)
    last_seen_at = models.DateTimeField(db_index=True)
    article_count = models.PositiveIntegerField(default=0)
    source_count = models.PositiveIntegerField(default=0)
    top_tier = models.CharField(max_length=20, choices=Tier.choices, default=Tier.OTHER)
    sentiment = models.CharField(
        max_length=10, choices=Sentiment.choices, default=Sentiment.NEUTRAL
    )
    rising = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("sự việc")
        verbose_name_plural = _("sự việc")
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return self.title


class ArticleQuerySet(models.QuerySet["Article"]):
    def visible_to(self, user: AnyUser) -> ArticleQuerySet:
        """Public content, but an agency sees what its own sources (or unowned imports) bring."""
        from ttcs.core.permissions import readable_agency_ids

        ids = readable_agency_ids(user)
        if ids is None:
            return self
        return self.filter(Q(owner_agency_id__in=ids) | Q(owner_agency__isnull=True))


class Article(models.Model):
    """One published item, stored once per canonical URL."""

    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    owner_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_name = models.CharField(_("nguồn"), max_length=200)
    tier = models.CharField(max_length=20, choices=Tier.choices, default=Tier.OTHER)
    external_id = models.CharField(max_length=200, blank=True, db_index=True)
    url = models.URLField(max_length=2000)
    url_hash = models.CharField(max_length=64, unique=True)
    title = models.CharField(_("tiêu đề"), max_length=500)
    text = models.TextField(_("nội dung"))
    published_at = models.DateTimeField(_("thời điểm đăng"), db_index=True)
    fetched_at = models.DateTimeField(default=timezone.now)
    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="articles")
    # Folded (accent-free, đ→d, lower-case) title + text: what the search index is built from.
    search_text = models.TextField(blank=True)
    # "topic:giao_duc locality:can_tho sentiment:negative tier:local_press" for cheap filtering.
    tags = models.TextField(blank=True)
    signature = models.BinaryField(null=True, blank=True)
    # The rest of the dedup fingerprint (keys, sizes), so a later run can cluster against it.
    fingerprint = models.JSONField(default=dict, blank=True)
    sentiment = models.CharField(
        max_length=10, choices=Sentiment.choices, default=Sentiment.NEUTRAL
    )
    sentiment_score = models.FloatField(default=0.0)
    sentiment_by = models.CharField(max_length=40, blank=True)  # "lexicon", "model:3", "officer"
    topics = models.JSONField(default=list, blank=True)
    localities = models.JSONField(default=list, blank=True)
    provinces = models.JSONField(default=list, blank=True)  # current provinces, for trends
    agencies = models.JSONField(default=list, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["story", "published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def topic_names(self) -> list[str]:
        return [topic_name(t) for t in self.topics]


def topic_name(topic_id: str) -> str:
    """The Vietnamese name of a topic of the editable taxonomy (the id when unknown)."""
    from ttcs.monitoring.pipeline.classify import default_topics

    topic = default_topics().topics.get(topic_id)
    return topic.name if topic else topic_id


class SentimentLabel(models.Model):
    """An officer's correction of an article's sentiment, kept with who and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="labels")
    label = models.CharField(max_length=10, choices=Sentiment.choices)
    previous = models.CharField(max_length=10, choices=Sentiment.choices)
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    labelled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-labelled_at"]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.previous} → {self.label}"


class SentimentModelVersion(models.Model):
    """A trained sentiment model; used only when it beats the lexicon on held-out labels."""

    version = models.PositiveIntegerField(unique=True)
    trained_at = models.DateTimeField(default=timezone.now)
    path = models.CharField(max_length=500)
    train_size = models.PositiveIntegerField(default=0)
    metrics = models.JSONField(default=dict)
    lexicon_metrics = models.JSONField(default=dict)
    active = models.BooleanField(default=False)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version}"


class AlertRule(models.Model):
    """What an agency wants to be told about: keywords (with or without diacritics, boolean),
    filters and a threshold, delivered in-app, by email and/or by webhook."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="alert_rules")
    name = models.CharField(_("tên"), max_length=200)
    query = models.CharField(_("từ khóa"), max_length=500)
    sentiment = models.CharField(_("chỉ tin"), max_length=10, choices=Sentiment.choices, blank=True)
    min_count = models.PositiveIntegerField(_("ngưỡng số tin trong 1 giờ"), default=1)
    email = models.BooleanField(_("gửi thư điện tử"), default=True)
    webhook_url = models.URLField(_("webhook"), blank=True)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_checked_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return self.name


class AlertKind(models.TextChoices):
    KEYWORD = "keyword", _("Khớp từ khóa theo dõi")
    SPIKE = "spike", _("Tăng đột biến")
    NEGATIVE_SURGE = "negative_surge", _("Tin tiêu cực tăng mạnh")
    RISING_STORY = "rising_story", _("Sự việc lan nhanh")
    SOURCE_HEALTH = "source_health", _("Nguồn tin bất thường")


class Alert(models.Model):
    """One alert for one agency; the dedup key makes a repeated detection a no-op."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="alerts")
    rule = models.ForeignKey(AlertRule, null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    key = models.CharField(max_length=200)
    bucket_start = models.DateTimeField(null=True, blank=True)
    count = models.PositiveIntegerField(default=0)
    expected = models.FloatField(default=0.0)
    score = models.FloatField(default=0.0)
    title = models.CharField(max_length=300)
    explanation = models.JSONField(default=dict, blank=True)
    stories = models.ManyToManyField(Story, blank=True, related_name="alerts")
    dedup_key = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "dedup_key"], name="uniq_alert_dedup")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        """The title in the active language (see ``alerts.alert_title``)."""
        from ttcs.monitoring.alerts import alert_title

        return alert_title(self)


class Digest(models.Model):
    """The daily brief for an agency's leaders."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="digests")
    day = models.DateField()
    content = models.JSONField(default=dict)
    html = models.TextField(blank=True)
    docx = models.FileField(upload_to="monitoring/digests/%Y/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="uniq_digest_day")]

    def __str__(self) -> str:
        return f"{self.agency} {self.day:%d/%m/%Y}"
