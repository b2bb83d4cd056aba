"""Agencies and their history, people and roles, calendar exceptions, notifications.

The permission rule lives here once (``Agency.objects.readable_by`` / ``writable_by``); every
other app filters its objects through it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", _("Bộ")
    MINISTRY_LEVEL = "ministry_level", _("Cơ quan ngang bộ / thuộc Chính phủ")
    GOVERNMENT = "government", _("Chính phủ / Thủ tướng")
    PROVINCE = "province", _("Tỉnh / thành phố trực thuộc trung ương")
    DEPARTMENT = "department", _("Sở, ban, ngành cấp tỉnh")
    COMMUNE = "commune", _("Xã / phường / đặc khu")
    FORMER_DISTRICT = "former_district", _("Quận / huyện / thị xã (trước 1/7/2025)")
    DISTRICT_OFFICE = "district_office", _("Phòng chuyên môn cấp huyện (trước 1/7/2025)")
    SCHOOL = "school", _("Trường học")
    PRESS = "press", _("Cơ quan báo chí")
    OTHER = "other", _("Đơn vị khác")


class AgencyQuerySet(models.QuerySet["Agency"]):
    def active_on(self, day: dt.date | None = None) -> AgencyQuerySet:
        """Agencies that exist on ``day`` (today by default)."""
        day = day or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def readable_by(self, user: AnyUser) -> AgencyQuerySet:
        """Agencies whose objects ``user`` may read (see ``core.permissions``)."""
        from ttcs.core.permissions import readable_agency_ids

        ids = readable_agency_ids(user)
        return self if ids is None else self.filter(pk__in=ids)

    def writable_by(self, user: AnyUser) -> AgencyQuerySet:
        from ttcs.core.permissions import writable_agency_ids

        ids = writable_agency_ids(user)
        return self if ids is None else self.filter(pk__in=ids)


class Agency(models.Model):
    """A state body at any level, past or present.

    ``valid_to`` set means the agency no longer exists; ``AgencySuccession`` says who took over.
    """

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    admin_unit_code = models.CharField(
        _("mã đơn vị hành chính"), max_length=16, blank=True, db_index=True
    )
    aliases = models.JSONField(_("tên gọi khác"), default=list, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    # Materialised path of ancestor ids ("/1/5/12/") so descendant queries are one LIKE.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    history = HistoricalRecords()
    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["path", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The path needs the primary key, so it is fixed up right after the first write; a move
        # rewrites the paths of the whole subtree.
        super().save(*args, **kwargs)
        new_path = self.compute_path()
        if new_path != self.path:
            old_path, self.path = self.path, new_path
            Agency.objects.filter(pk=self.pk).update(path=new_path)
            if old_path:
                for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old_path) :]
                    Agency.objects.filter(pk=child.pk).update(path=child.path)

    @property
    def is_active(self) -> bool:
        return self.valid_to is None or self.valid_to >= timezone.localdate()

    def compute_path(self) -> str:
        parent_path = self.parent.path if self.parent_id and self.parent else "/"
        return f"{parent_path}{self.pk}/"

    def descendants(self, *, include_self: bool = True) -> AgencyQuerySet:
        qs = Agency.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def ancestors(self) -> list[Agency]:
        ids = [int(p) for p in self.path.strip("/").split("/") if p][:-1]
        by_id = Agency.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def province(self) -> Agency | None:
        if self.kind == AgencyKind.PROVINCE:
            return self
        for a in reversed(self.ancestors()):
            if a.kind == AgencyKind.PROVINCE:
                return a
        return None


class SuccessionKind(models.TextChoices):
    MERGED_INTO = "merged_into", _("Hợp nhất / sáp nhập vào")
    SPLIT_INTO = "split_into", _("Chia tách thành")
    RENAMED = "renamed", _("Đổi tên thành")
    DUTIES_TRANSFERRED = "duties_transferred", _("Chuyển giao nhiệm vụ cho")


class AgencySuccession(models.Model):
    """``predecessor`` was succeeded by ``successor`` on ``effective_date`` (possibly in part)."""

    predecessor = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="successions_out", verbose_name=_("trước")
    )
    successor = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="successions_in", verbose_name=_("sau")
    )
    kind = models.CharField(_("hình thức"), max_length=24, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    duties = models.CharField(
        _("nhiệm vụ chuyển giao"),
        max_length=255,
        blank=True,
        help_text=_("Để trống nếu chuyển giao toàn bộ."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế thừa cơ quan")
        verbose_name_plural = _("kế thừa cơ quan")
        ordering = ["effective_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "kind", "duties"], name="uniq_succession"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Quản trị")
    LEADER = "leader", _("Lãnh đạo")
    OFFICER = "officer", _("Cán bộ truyền thông")
    SPOKESPERSON = "spokesperson", _("Người phát ngôn")
    VIEWER = "viewer", _("Chỉ xem")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> MembershipQuerySet:
        return self.filter(active=True)


class Membership(models.Model):
    """``user`` works for ``agency`` in ``role``. One user may hold several memberships."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    title = models.CharField(_("chức vụ"), max_length=120, blank=True)
    active = models.BooleanField(_("đang hiệu lực"), default=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="uniq_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"


class CalendarExceptionKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ (nghỉ bù, nghỉ hoán đổi)")
    WORKING_DAY = "working_day", _("Ngày làm việc (làm bù)")


class CalendarException(models.Model):
    """A Government-announced change to the normal working calendar for one day."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=CalendarExceptionKind.choices)
    name = models.CharField(_("lý do"), max_length=200)
    legal_basis = models.CharField(_("căn cứ"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ngày nghỉ / làm bù")
        verbose_name_plural = _("ngày nghỉ / làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.get_kind_display()} · {self.name}"


class Notification(models.Model):
    """An in-app message for one user; mail is sent alongside where the user has an address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    subject = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    # Same key twice for the same user is one notification: repeated jobs notify once.
    dedup_key = models.CharField(max_length=200, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedup_key"],
                condition=~Q(dedup_key=""),
                name="uniq_notification_dedup",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class AuditEvent(models.Model):
    """One accountable action: who did what to which object, when, for which agency.

    Written by actions in the same transaction as the change itself; field-level diffs are kept
    by django-simple-history on each model.
    """

    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verb = models.CharField(_("hành động"), max_length=64, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=64, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.verb} {self.object_repr}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")  # enqueued, not started
    RUNNING = "running", _("Đang chạy")  # a worker is on it; progress fields move
    DONE = "done", _("Hoàn thành")  # finished; result holds the outcome
    FAILED = "failed", _("Lỗi")  # stopped with an error in message


class JobRun(models.Model):
    """One run of a background job, with progress that pages can poll."""

    name = models.CharField(max_length=120, db_index=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == JobStatus.DONE else 0
        return min(100, round(100 * self.progress_done / self.progress_total))
