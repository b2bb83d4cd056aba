"""Every state change of the plans domain: atomic, permission-checked, audited."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ttcs.core import audit
from ttcs.core.actions import notify
from ttcs.core.models import Agency, Membership, Role
from ttcs.core.permissions import can_approve, can_read, can_write
from ttcs.core.workdays import add_working_days
from ttcs.plans import schedule
from ttcs.plans.models import (
    Assignment,
    AssignmentRole,
    DocumentStatus,
    Evidence,
    Occurrence,
    OccurrenceStatus,
    Plan,
    ProgressUpdate,
    Report,
    ReportStatus,
    SourceDocument,
    Task,
    TimeframeKind,
)

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


class ConcurrentEditError(ValidationError):
    """Raised when an edit was based on a version someone else has since changed."""


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise PermissionDenied(message)


def _may(check: Any, acting_user: Any | None, agency_id: int | None) -> bool:
    """``acting_user`` None is the operator's own batch path (CLI, demo loader): trusted."""
    return acting_user is None or bool(check(acting_user, agency_id))


# --- documents -----------------------------------------------------------------------------


def find_duplicate_document(*, sha256: str, number: str | None, agency: Agency) -> Any:
    """An earlier import of the same file, or a confirmed plan with the same number and issuer."""
    same_file = SourceDocument.objects.filter(sha256=sha256, agency=agency).first()
    if same_file is not None:
        return same_file
    if number:
        return Plan.objects.filter(number__iexact=number, agency=agency).first()
    return None


@transaction.atomic
def store_document(
    *,
    agency: Agency,
    acting_user: Any,
    data: bytes,
    original_name: str,
    text: str,
    parsed: dict[str, Any] | None,
    ocr_used: bool = False,
    error: str = "",
) -> SourceDocument:
    """Keep an imported document with its extracted text and parse result (or failure)."""
    _require(
        _may(can_write, acting_user, agency.pk), _("Bạn không được nhập văn bản cho cơ quan này.")
    )
    doc = SourceDocument(
        agency=agency,
        uploaded_by=acting_user,
        original_name=original_name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        ocr_used=ocr_used,
        parsed=parsed or {},
        status=DocumentStatus.PARSED if parsed and not error else DocumentStatus.FAILED,
        error=error,
    )
    if data:
        doc.file.save(original_name or "van-ban.txt", ContentFile(data), save=False)
    doc.save()
    audit.record(
        "document.imported",
        actor=acting_user,
        obj=doc,
        agency_id=agency.pk,
        status=doc.status,
        tasks=len((parsed or {}).get("tasks") or []),
    )
    return doc


@dataclass
class TaskDraft:
    """A reviewed task, as confirmed by a person on the review page."""

    ref: str
    title: str
    content: str = ""
    lead_ids: list[int] = field(default_factory=list)
    lead_raw: str = ""
    coordinator_ids: list[int] = field(default_factory=list)
    coordinators_raw: str = ""
    form: str = ""
    timeframe_raw: str = ""
    timeframe_kind: str = TimeframeKind.UNKNOWN
    start: dt.date | None = None
    due: dt.date | None = None
    recurrence: str = ""
    recurrence_month: int | None = None
    recurrence_day: int | None = None
    needs_review: bool = False


@dataclass
class PlanDraft:
    title: str
    number: str = ""
    doc_type: str = ""
    issued_on: dt.date | None = None
    place: str = ""
    implements_numbers: list[str] = field(default_factory=list)
    tasks: list[TaskDraft] = field(default_factory=list)


@transaction.atomic
def create_plan(
    *,
    agency: Agency,
    draft: PlanDraft,
    acting_user: Any,
    source: SourceDocument | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Create a plan with its tasks, assignments and occurrences; links it to the higher plans
    it says it implements. All or nothing."""
    _require(
        _may(can_write, acting_user, agency.pk), _("Bạn không được tạo kế hoạch cho cơ quan này.")
    )
    if not draft.title.strip():
        raise ValidationError(_("Kế hoạch cần có trích yếu."))
    if source is not None and hasattr(source, "plan") and source.plan is not None:
        raise ValidationError(_("Văn bản này đã được xác nhận thành kế hoạch trước đó."))
    if draft.number and Plan.objects.filter(number__iexact=draft.number, agency=agency).exists():
        raise ValidationError(
            _("Kế hoạch số %(n)s của cơ quan này đã có trong hệ thống.") % {"n": draft.number}
        )
    plan = Plan.objects.create(
        agency=agency,
        source=source,
        number=draft.number.strip(),
        doc_type=draft.doc_type,
        title=draft.title.strip()[:500],
        issued_on=draft.issued_on,
        place=draft.place,
        implements_numbers=list(dict.fromkeys(draft.implements_numbers)),
        created_by=acting_user,
    )
    parents = Plan.objects.filter(number__in=plan.implements_numbers).exclude(pk=plan.pk)
    plan.parents.set(parents)
    for position, task_draft in enumerate(draft.tasks):
        _create_task(plan, task_draft, position, today=today)
    if source is not None:
        source.status = DocumentStatus.CONFIRMED
        source.save(update_fields=["status"])
    # Lower plans imported earlier that implement this one now find their parent.
    if plan.number:
        for child in Plan.objects.filter(implements_numbers__icontains=plan.number).exclude(
            pk=plan.pk
        ):
            if plan.number in child.implements_numbers:
                child.parents.add(plan)
    audit.record(
        "plan.created", actor=acting_user, obj=plan, agency_id=agency.pk, tasks=len(draft.tasks)
    )
    return plan


def _create_task(plan: Plan, d: TaskDraft, position: int, *, today: dt.date | None) -> Task:
    task = Task.objects.create(
        plan=plan,
        ref=d.ref[:20],
        position=position,
        title=d.title.strip()[:500] or d.content[:500] or d.ref,
        content=d.content,
        lead_raw=d.lead_raw[:500],
        coordinators_raw=d.coordinators_raw,
        form=d.form,
        timeframe_raw=d.timeframe_raw[:300],
        timeframe_kind=d.timeframe_kind,
        start=d.start,
        due=d.due,
        recurrence=d.recurrence or "",
        recurrence_month=d.recurrence_month,
        recurrence_day=d.recurrence_day,
        needs_review=d.needs_review or d.timeframe_kind == TimeframeKind.UNKNOWN,
    )
    lead_ids = list(dict.fromkeys(d.lead_ids))
    Assignment.objects.bulk_create(
        [Assignment(task=task, agency_id=i, role=AssignmentRole.LEAD) for i in lead_ids]
        + [
            Assignment(task=task, agency_id=i, role=AssignmentRole.COORDINATOR)
            for i in dict.fromkeys(d.coordinator_ids)
            if i not in lead_ids
        ]
    )
    spawn_occurrences(task, today=today)
    return task


def spawn_occurrences(task: Task, *, today: dt.date | None = None) -> int:
    """Create the missing occurrences of ``task`` for each lead agency up to one year ahead.

    Safe to repeat (a periodic job calls it): existing occurrences are never duplicated or changed.
    Returns how many were created.
    """
    today = today or timezone.localdate()
    tf = schedule.Timeframe(
        kind=task.timeframe_kind,
        start=task.start,
        due=task.due,
        recurrence=task.recurrence or None,
        recurrence_month=task.recurrence_month,
        recurrence_day=task.recurrence_day,
    )
    plan_start = task.plan.issued_on or today
    planned = schedule.occurrences(
        tf,
        plan_start=plan_start,
        horizon=max(today, plan_start) + dt.timedelta(days=365),
        # A due date on a day off moves to the next working day; a working day stays.
        next_working_day=lambda d: add_working_days(d, 0),
    )
    lead_ids = list(
        task.assignments.filter(role=AssignmentRole.LEAD).values_list("agency_id", flat=True)
    )
    existing = set(task.occurrences.values_list("agency_id", "period_label"))
    new = [
        Occurrence(
            task=task,
            agency_id=agency_id,
            period_label=p.period_label,
            period_start=p.period_start,
            due=p.due,
        )
        for agency_id in lead_ids
        for p in planned
        if (agency_id, p.period_label) not in existing
    ]
    Occurrence.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def update_task(
    *, task: Task, changes: dict[str, Any], expected_version: int, acting_user: Any
) -> Task:
    """Change a task's fields, refusing the edit if someone else changed it first."""
    _require(
        _may(can_write, acting_user, task.plan.agency_id), _("Bạn không được sửa nhiệm vụ này.")
    )
    allowed = {
        "title",
        "content",
        "form",
        "timeframe_raw",
        "timeframe_kind",
        "start",
        "due",
        "recurrence",
        "needs_review",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("Không sửa được trường: %(f)s") % {"f": ", ".join(sorted(unknown))})
    updated = Task.objects.filter(pk=task.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if not updated:
        raise ConcurrentEditError(
            _("Nhiệm vụ đã được người khác sửa trong lúc bạn đang sửa. Hãy tải lại trang.")
        )
    task.refresh_from_db()
    task.save(update_fields=[])  # a history row for the change
    audit.record(
        "task.updated",
        actor=acting_user,
        obj=task,
        agency_id=task.plan.agency_id,
        fields=sorted(changes),
    )
    return task


@transaction.atomic
def set_parent_task(*, task: Task, parent: Task | None, acting_user: Any) -> Task:
    """Confirm which higher task ``task`` carries out (or clear it)."""
    _require(
        _may(can_write, acting_user, task.plan.agency_id), _("Bạn không được sửa nhiệm vụ này.")
    )
    if parent is not None:
        if parent.plan_id == task.plan_id:
            raise ValidationError(_("Nhiệm vụ cấp trên phải thuộc kế hoạch khác."))
        node: Task | None = parent
        while node is not None:
            if node.pk == task.pk:
                raise ValidationError(_("Liên kết này tạo thành vòng lặp."))
            node = node.parent_task
    task.parent_task = parent
    task.save(update_fields=["parent_task"])
    audit.record(
        "task.parent_set",
        actor=acting_user,
        obj=task,
        agency_id=task.plan.agency_id,
        parent=parent.pk if parent else None,
    )
    return task


# --- progress ------------------------------------------------------------------------------


@transaction.atomic
def report_progress(
    *,
    occurrence: Occurrence,
    acting_user: Any,
    status: str,
    percent: int,
    narrative: str,
    links: Sequence[str] = (),
    files: Iterable[tuple[str, bytes]] = (),
    expected_version: int | None = None,
) -> ProgressUpdate:
    """Record progress on an occurrence by an officer of its assigned agency.

    ``status`` done means "submitted for approval": only a leader's approval makes it done.
    """
    _require(
        _may(can_write, acting_user, occurrence.agency_id),
        _("Chỉ cán bộ của cơ quan được giao mới báo cáo được nhiệm vụ này."),
    )
    if not narrative.strip():
        raise ValidationError(_("Hãy nêu kết quả thực hiện."))
    if not 0 <= percent <= 100:
        raise ValidationError(_("Tỷ lệ hoàn thành phải từ 0 đến 100."))
    if occurrence.status == OccurrenceStatus.DONE:
        raise ValidationError(_("Nhiệm vụ đã được duyệt hoàn thành."))
    new_status = {
        "done": OccurrenceStatus.SUBMITTED,
        "submitted": OccurrenceStatus.SUBMITTED,
    }.get(status, OccurrenceStatus.IN_PROGRESS)
    if new_status == OccurrenceStatus.SUBMITTED:
        percent = 100
    version = occurrence.version if expected_version is None else expected_version
    updated = Occurrence.objects.filter(pk=occurrence.pk, version=version).update(
        version=F("version") + 1, status=new_status, percent=percent, updated_at=timezone.now()
    )
    if not updated:
        raise ConcurrentEditError(
            _("Nhiệm vụ vừa được cập nhật bởi người khác. Hãy tải lại trang trước khi gửi.")
        )
    occurrence.refresh_from_db()
    update = ProgressUpdate.objects.create(
        occurrence=occurrence,
        author=acting_user,
        status=new_status,
        percent=percent,
        narrative=narrative.strip(),
        links=[link for link in links if link.startswith(("http://", "https://"))],
    )
    for name, data in files:
        if len(data) > MAX_EVIDENCE_BYTES:
            raise ValidationError(_("Tệp minh chứng %(n)s vượt quá 20 MB.") % {"n": name})
        evidence = Evidence(update=update, original_name=name[:255], size=len(data))
        evidence.file.save(name, ContentFile(data), save=False)
        evidence.save()
    audit.record(
        "progress.reported",
        actor=acting_user,
        obj=occurrence,
        agency_id=occurrence.agency_id,
        status=new_status,
        percent=percent,
    )
    if new_status == OccurrenceStatus.SUBMITTED:
        _notify_leaders(occurrence)
    return update


def _notify_leaders(occurrence: Occurrence) -> None:
    leaders = (
        Membership.objects.current()
        .filter(agency_id=occurrence.agency_id, role__in=[Role.LEADER])
        .select_related("user")
    )
    for m in leaders:
        notify(
            user=m.user,
            subject=_("Chờ duyệt: %(t)s") % {"t": str(occurrence.task)[:200]},
            body=_("Cơ quan báo cáo đã hoàn thành nhiệm vụ, đề nghị xem xét, phê duyệt."),
            url=f"/ke-hoach/viec/{occurrence.pk}/",
            dedup_key=f"approve:{occurrence.pk}:{occurrence.version}",
        )


@transaction.atomic
def review_progress(
    *, update: ProgressUpdate, approve: bool, acting_user: Any, note: str = ""
) -> Occurrence:
    """A leader approves (done) or returns a submitted occurrence."""
    occurrence = update.occurrence
    _require(
        _may(can_approve, acting_user, occurrence.agency_id),
        _("Chỉ lãnh đạo cơ quan được giao mới phê duyệt được."),
    )
    if occurrence.status != OccurrenceStatus.SUBMITTED:
        raise ValidationError(_("Nhiệm vụ không ở trạng thái chờ duyệt."))
    if not approve and not note.strip():
        raise ValidationError(_("Hãy ghi lý do trả lại."))
    update.reviewed_by = acting_user
    update.reviewed_at = timezone.now()
    update.review_note = note
    update.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    occurrence.status = OccurrenceStatus.DONE if approve else OccurrenceStatus.RETURNED
    occurrence.version += 1
    occurrence.updated_at = timezone.now()
    occurrence.save(update_fields=["status", "version", "updated_at"])
    audit.record(
        "progress.approved" if approve else "progress.returned",
        actor=acting_user,
        obj=occurrence,
        agency_id=occurrence.agency_id,
        note=note,
    )
    if update.author is not None:
        notify(
            user=update.author,
            subject=(_("Đã duyệt: %(t)s") if approve else _("Bị trả lại: %(t)s"))
            % {"t": str(occurrence.task)[:200]},
            body=note,
            url=f"/ke-hoach/viec/{occurrence.pk}/",
            dedup_key=f"review:{update.pk}",
        )
    return occurrence


# --- reminders -----------------------------------------------------------------------------

REMINDER_DAYS_BEFORE = (7, 1)


def send_deadline_reminders(*, today: dt.date | None = None) -> int:
    """Remind the assigned agencies' officers and leaders before and after due dates.

    Each (occurrence, kind) is delivered once per person, so the daily job can be repeated.
    Returns the number of notifications delivered.
    """
    today = today or timezone.localdate()
    sent = 0
    soon = Occurrence.objects.open().filter(
        due__in=[today + dt.timedelta(days=d) for d in REMINDER_DAYS_BEFORE]
    )
    late = Occurrence.objects.overdue(today)
    for kind, qs in (("before", soon), ("overdue", late)):
        for occ in qs.select_related("task", "agency"):
            if occ.due is None:
                continue
            members = (
                Membership.objects.current()
                .filter(agency_id=occ.agency_id, role__in=[Role.OFFICER, Role.LEADER])
                .select_related("user")
            )
            for m in members:
                if kind == "before":
                    subject = _("Sắp đến hạn %(d)s: %(t)s") % {
                        "d": f"{occ.due:%d/%m/%Y}",
                        "t": str(occ.task)[:180],
                    }
                    key = f"remind:{occ.pk}:{occ.due}:{(occ.due - today).days}"
                else:
                    subject = _("Quá hạn từ %(d)s: %(t)s") % {
                        "d": f"{occ.due:%d/%m/%Y}",
                        "t": str(occ.task)[:180],
                    }
                    # Overdue reminders repeat weekly, not daily.
                    key = f"overdue:{occ.pk}:{(today - occ.due).days // 7}"
                if notify(
                    user=m.user, subject=subject, url=f"/ke-hoach/viec/{occ.pk}/", dedup_key=key
                ):
                    sent += 1
    return sent


# --- reports -------------------------------------------------------------------------------


def _report_content(agency: Agency, start: dt.date, end: dt.date) -> dict[str, Any]:
    from ttcs.plans.reporting import gather_report_content

    return gather_report_content(agency, start, end)


@transaction.atomic
def create_report(
    *,
    agency: Agency,
    period_start: dt.date,
    period_end: dt.date,
    acting_user: Any,
    title: str = "",
    number: str = "",
    summary: str = "",
) -> Report:
    """Draft a report for ``agency`` over the period, gathering its occurrences' progress and
    the reports its sub-agencies submitted."""
    _require(
        _may(can_write, acting_user, agency.pk), _("Bạn không được lập báo cáo cho cơ quan này.")
    )
    if period_end < period_start:
        raise ValidationError(_("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."))
    report = Report.objects.create(
        agency=agency,
        title=title
        or _("Báo cáo kết quả thực hiện công tác truyền thông chính sách năm %(y)s")
        % {"y": period_end.year},
        number=number,
        period_start=period_start,
        period_end=period_end,
        summary=summary,
        content=_report_content(agency, period_start, period_end),
        created_by=acting_user,
    )
    audit.record("report.created", actor=acting_user, obj=report, agency_id=agency.pk)
    return report


@transaction.atomic
def refresh_report(*, report: Report, acting_user: Any) -> Report:
    """Re-gather a draft report's figures from the current data."""
    _require(_may(can_write, acting_user, report.agency_id), _("Bạn không được sửa báo cáo này."))
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(_("Báo cáo đã gửi, không cập nhật được."))
    report.content = _report_content(report.agency, report.period_start, report.period_end)
    report.save(update_fields=["content"])
    audit.record("report.refreshed", actor=acting_user, obj=report, agency_id=report.agency_id)
    return report


@transaction.atomic
def submit_report(*, report: Report, acting_user: Any) -> Report:
    """Send the report to the parent agency, where it joins the parent's consolidation."""
    _require(
        _may(can_approve, acting_user, report.agency_id),
        _("Chỉ lãnh đạo cơ quan được gửi báo cáo lên cấp trên."),
    )
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(_("Báo cáo đã được gửi."))
    parent = report.agency.parent
    if parent is None:
        raise ValidationError(_("Cơ quan không có cấp trên để gửi báo cáo."))
    report.status = ReportStatus.SUBMITTED
    report.submitted_to = parent
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_to", "submitted_at"])
    audit.record(
        "report.submitted",
        actor=acting_user,
        obj=report,
        agency_id=report.agency_id,
        to=parent.pk,
    )
    for m in (
        Membership.objects.current()
        .filter(agency=parent, role__in=[Role.LEADER, Role.OFFICER])
        .select_related("user")
    ):
        notify(
            user=m.user,
            subject=_("Báo cáo mới từ %(a)s") % {"a": report.agency.name},
            url=f"/ke-hoach/bao-cao/{report.pk}/",
            dedup_key=f"report-submitted:{report.pk}",
        )
    return report


@transaction.atomic
def suggest_parent_tasks(*, plan: Plan, acting_user: Any | None = None) -> int:
    """Suggest, for each task of ``plan`` without a confirmed parent, the most similar task of the
    plans it implements. Returns how many suggestions were stored. Repeating it is harmless."""
    from ttcs.plans.similarity import suggest_parents

    candidates = list(Task.objects.filter(plan__in=plan.parents.all()).order_by("plan", "position"))
    tasks = list(plan.tasks.filter(parent_task__isnull=True).order_by("position"))
    if not candidates or not tasks:
        return 0
    texts = [f"{t.title} {t.content}" for t in tasks]
    parent_texts = [f"{t.title} {t.content}" for t in candidates]
    stored = 0
    for task, suggestion in zip(tasks, suggest_parents(texts, parent_texts), strict=True):
        parent = candidates[suggestion.parent_index] if suggestion else None
        task.suggested_parent = parent
        task.suggested_parent_score = suggestion.score if suggestion else None
        task.save(update_fields=["suggested_parent", "suggested_parent_score"])
        stored += int(parent is not None)
    audit.record(
        "plan.parents_suggested",
        actor=acting_user,
        obj=plan,
        agency_id=plan.agency_id,
        suggestions=stored,
    )
    return stored


def can_view_occurrence(user: Any, occurrence: Occurrence) -> bool:
    return can_read(user, occurrence.agency_id) or can_read(user, occurrence.task.plan.agency_id)
