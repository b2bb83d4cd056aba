"""Plans: imported documents, plans, tasks with lead and coordinating agencies, occurrences of
recurring tasks, progress updates with approval, and reports consolidated upward.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ttcs.core.models import Agency

if TYPE_CHECKING:
    from ttcs.core.permissions import AnyUser

_QS = TypeVar("_QS", bound=models.QuerySet[Any])


def _readable(qs: _QS, user: AnyUser, field: str) -> _QS:
    from ttcs.core.permissions import readable_agency_ids

    ids = readable_agency_ids(user)
    return qs if ids is None else qs.filter(**{f"{field}__in": ids})


class DocumentStatus(models.TextChoices):
    PARSED = "parsed", _("Đã phân tích, chờ rà soát")  # parser ran; tasks await a person
    FAILED = "failed", _("Không phân tích được")  # text kept for manual entry
    CONFIRMED = "confirmed", _("Đã xác nhận thành kế hoạch")  # a Plan was created from it


class SourceDocumentQuerySet(models.QuerySet["SourceDocument"]):
    def visible_to(self, user: AnyUser) -> SourceDocumentQuerySet:
        return _readable(self, user, "agency_id")


class SourceDocument(models.Model):
    """An uploaded or pasted plan/directive document, kept with its extracted text."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan nhập")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    file = models.FileField(_("tệp gốc"), upload_to="plans/documents/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    text = models.TextField(_("văn bản trích xuất"), blank=True)
    ocr_used = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=DocumentStatus.choices)
    error = models.TextField(blank=True)
    parsed = models.JSONField(_("kết quả phân tích"), default=dict, blank=True)

    objects = SourceDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản nguồn")
        verbose_name_plural = _("văn bản nguồn")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        number = (self.parsed.get("document") or {}).get("number") if self.parsed else None
        return number or self.original_name or f"#{self.pk}"


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("Đang thực hiện")  # tasks are being carried out
    CLOSED = "closed", _("Đã kết thúc")  # no further reporting


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: AnyUser) -> PlanQuerySet:
        """Plans issued by an agency the user may read, or with a task assigned to one."""
        from ttcs.core.permissions import readable_agency_ids

        ids = readable_agency_ids(user)
        if ids is None:
            return self
        return self.filter(
            Q(agency_id__in=ids) | Q(tasks__assignments__agency_id__in=ids)
        ).distinct()


class Plan(models.Model):
    """A communication plan (or directive) issued by ``agency``; its tasks are tracked."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="plans", verbose_name=_("cơ quan ban hành")
    )
    source = models.OneToOneField(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan"
    )
    number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True, db_index=True)
    doc_type = models.CharField(_("loại văn bản"), max_length=10, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    implements_numbers = models.JSONField(_("thực hiện văn bản"), default=list, blank=True)
    parents = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="children",
        verbose_name=_("kế hoạch cấp trên"),
    )
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number else self.title


class TimeframeKind(models.TextChoices):
    CONTINUOUS = "continuous", _("Thường xuyên")
    ONCE = "once", _("Một lần, có hạn")
    RECURRING = "recurring", _("Định kỳ")
    PERIOD = "period", _("Trong một giai đoạn")
    ON_DEMAND = "on_demand", _("Khi có yêu cầu / đột xuất")
    UNKNOWN = "unknown", _("Chưa xác định (cần rà soát)")


class Recurrence(models.TextChoices):
    YEARLY = "yearly", _("Hằng năm")
    QUARTERLY = "quarterly", _("Hằng quý")
    MONTHLY = "monthly", _("Hằng tháng")


class TaskQuerySet(models.QuerySet["Task"]):
    def visible_to(self, user: AnyUser) -> TaskQuerySet:
        """Tasks of plans the user's agencies issued or tasks assigned to them."""
        from ttcs.core.permissions import readable_agency_ids

        ids = readable_agency_ids(user)
        if ids is None:
            return self
        return self.filter(
            Q(plan__agency_id__in=ids) | Q(assignments__agency_id__in=ids)
        ).distinct()


class Task(models.Model):
    """One duty of a plan: what, led by whom, with whom, when, in what form."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    ref = models.CharField(_("số thứ tự"), max_length=20)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    content = models.TextField(_("nội dung"), blank=True)
    lead_raw = models.CharField(_("chủ trì (nguyên văn)"), max_length=500, blank=True)
    coordinators_raw = models.TextField(_("phối hợp (nguyên văn)"), blank=True)
    form = models.TextField(_("hình thức"), blank=True)
    timeframe_raw = models.CharField(_("thời gian (nguyên văn)"), max_length=300, blank=True)
    timeframe_kind = models.CharField(
        _("loại thời hạn"),
        max_length=12,
        choices=TimeframeKind.choices,
        default=TimeframeKind.UNKNOWN,
    )
    start = models.DateField(_("bắt đầu"), null=True, blank=True)
    due = models.DateField(_("hạn"), null=True, blank=True)
    recurrence = models.CharField(
        _("chu kỳ"), max_length=10, choices=Recurrence.choices, blank=True
    )
    recurrence_month = models.PositiveSmallIntegerField(null=True, blank=True)
    recurrence_day = models.PositiveSmallIntegerField(null=True, blank=True)
    needs_review = models.BooleanField(_("cần rà soát"), default=False)
    parent_task = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="child_tasks",
        verbose_name=_("thực hiện nhiệm vụ cấp trên"),
    )
    suggested_parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    suggested_parent_score = models.FloatField(null=True, blank=True)
    # Bumped by every edit; an edit based on an older version is refused (no silent overwrite).
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"{self.ref}. {self.title}"

    @property
    def lead_agencies(self) -> list[Agency]:
        return [a.agency for a in self.assignments.all() if a.role == AssignmentRole.LEAD]


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COORDINATOR = "coordinator", _("Phối hợp")


class Assignment(models.Model):
    """``agency`` leads or coordinates ``task``; lead assignees report progress."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(max_length=12, choices=AssignmentRole.choices)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "agency", "role"], name="uniq_assignment")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_role_display()} · {self.task}"


class OccurrenceStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")  # no progress reported yet
    IN_PROGRESS = "in_progress", _("Đang thực hiện")  # progress reported, not finished
    SUBMITTED = "submitted", _("Chờ duyệt")  # the agency reported it done; leader to approve
    DONE = "done", _("Hoàn thành")  # approved by the agency's leader
    RETURNED = "returned", pgettext_lazy("trạng thái", "Trả lại")  # leader asked for more work


class OccurrenceQuerySet(models.QuerySet["Occurrence"]):
    def open(self) -> OccurrenceQuerySet:
        return self.exclude(status=OccurrenceStatus.DONE)

    def overdue(self, today: dt.date | None = None) -> OccurrenceQuerySet:
        """Not approved as done and past their due date."""
        today = today or timezone.localdate()
        return self.open().filter(due__lt=today)

    def due_within(self, days: int, today: dt.date | None = None) -> OccurrenceQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(due__gte=today, due__lte=today + dt.timedelta(days=days))

    def for_agencies(self, ids: set[int] | None) -> OccurrenceQuerySet:
        return self if ids is None else self.filter(agency_id__in=ids)


class Occurrence(models.Model):
    """One reportable instance of a task for one lead agency: the whole task for a one-off or
    continuous task, one period (year, quarter, month) for a recurring one."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="occurrences")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="occurrences")
    period_label = models.CharField(_("kỳ"), max_length=40, blank=True)
    period_start = models.DateField(null=True, blank=True)
    due = models.DateField(_("hạn"), null=True, blank=True, db_index=True)
    status = models.CharField(
        max_length=12, choices=OccurrenceStatus.choices, default=OccurrenceStatus.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "agency", "period_label"], name="uniq_occurrence"
            )
        ]

    def __str__(self) -> str:
        label = f" ({self.period_label})" if self.period_label else ""
        return f"{self.task}{label} — {self.agency}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status != OccurrenceStatus.DONE and self.due is not None and self.due < today


class ProgressUpdate(models.Model):
    """What an agency reported on an occurrence; leaders approve or return the final one."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=OccurrenceStatus.choices)
    percent = models.PositiveSmallIntegerField(default=0)
    narrative = models.TextField(_("kết quả thực hiện"))
    links = models.JSONField(_("liên kết minh chứng"), default=list, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.occurrence} · {self.percent}%"


class Evidence(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="plans/evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.original_name


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")  # being written by the agency
    SUBMITTED = "submitted", _("Đã gửi cấp trên")  # part of the parent's consolidation
    RETURNED = "returned", _("Cấp trên trả lại")  # parent asked for changes


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: AnyUser) -> ReportQuerySet:
        """Own agency's reports, and reports submitted to an agency the user may read."""
        from ttcs.core.permissions import readable_agency_ids

        ids = readable_agency_ids(user)
        if ids is None:
            return self
        return self.filter(
            Q(agency_id__in=ids) | Q(submitted_to_id__in=ids, status=ReportStatus.SUBMITTED)
        )


class Report(models.Model):
    """A progress report of one agency for a period, consolidating its sub-agencies' reports."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="reports")
    title = models.CharField(_("trích yếu"), max_length=300)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    content = models.JSONField(_("số liệu tổng hợp"), default=dict, blank=True)
    summary = models.TextField(_("đánh giá chung"), blank=True)
    submitted_to = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="received_reports"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-period_end", "-pk"]

    def __str__(self) -> str:
        return self.title
