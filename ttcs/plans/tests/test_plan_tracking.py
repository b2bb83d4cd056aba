"""Plans: creation, occurrences, progress by the assigned agency, approval, concurrency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ttcs.core.models import AuditEvent
from ttcs.plans import actions
from ttcs.plans.models import Occurrence, OccurrenceStatus, Plan
from ttcs.plans.tests.factories import province_plan

pytestmark = pytest.mark.django_db


def test_plan_creates_tasks_assignments_and_occurrences(org) -> None:
    plan = province_plan(org)
    assert [t.ref for t in plan.tasks.all()] == ["1", "2", "3"]
    once = Occurrence.objects.get(task__ref="1")
    # 30/06/2026 is a Tuesday, a working day: unchanged.
    assert (once.agency, once.due) == (org.dept_a1, dt.date(2026, 6, 30))
    continuous = Occurrence.objects.filter(task__ref="2").order_by("due")
    # Continuous tasks are reported yearly before 01/12 (a Tuesday in 2026).
    assert continuous[0].due == dt.date(2026, 12, 1)
    assert continuous[0].period_label == "Năm 2026"
    quarterly = list(Occurrence.objects.filter(task__ref="3").values_list("period_label", "due"))
    assert quarterly[0] == ("Quý I/2026", dt.date(2026, 3, 31))
    # Coordinators do not get occurrences to report on.
    assert not Occurrence.objects.filter(task__ref="3", agency=org.commune_a2).exists()
    assert AuditEvent.objects.filter(verb="plan.created", object_id=str(plan.pk)).exists()


def test_spawning_twice_creates_nothing_new(org) -> None:
    plan = province_plan(org)
    before = Occurrence.objects.count()
    assert (
        sum(actions.spawn_occurrences(t, today=dt.date(2026, 2, 1)) for t in plan.tasks.all()) == 0
    )
    assert Occurrence.objects.count() == before


def test_occurrence_due_on_holiday_moves_to_next_working_day(org) -> None:
    draft = actions.PlanDraft(
        title="Kế hoạch thử",
        tasks=[
            actions.TaskDraft(
                ref="1",
                title="Việc có hạn vào ngày Quốc khánh",
                lead_ids=[org.dept_a1.pk],
                timeframe_kind="once",
                due=dt.date(2026, 9, 2),
            )
        ],
    )
    plan = actions.create_plan(agency=org.province_a, draft=draft, acting_user=org.province_leader)
    # 01–02/09/2026 are Quốc khánh holidays; 03/09/2026 is a Thursday.
    assert plan.tasks.get().occurrences.get().due == dt.date(2026, 9, 3)


def test_officer_cannot_create_plan_for_other_agency(org) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_plan(
            agency=org.province_b, draft=actions.PlanDraft(title="x"), acting_user=org.dept_officer
        )


def test_same_number_twice_is_refused(org) -> None:
    province_plan(org)
    with pytest.raises(ValidationError):
        province_plan(org)
    assert Plan.objects.count() == 1


def test_only_assigned_agency_reports_progress(org) -> None:
    province_plan(org)
    occ = Occurrence.objects.get(task__ref="1")
    for outsider in (org.outsider, org.school_officer, org.viewer_a1):
        with pytest.raises(PermissionDenied):
            actions.report_progress(
                occurrence=occ,
                acting_user=outsider,
                status="in_progress",
                percent=10,
                narrative="Đã chuẩn bị tài liệu",
            )
    update = actions.report_progress(
        occurrence=occ,
        acting_user=org.dept_officer,
        status="in_progress",
        percent=40,
        narrative="Đã xây dựng chương trình tập huấn",
        links=["https://example.gov.vn/tin"],
    )
    occ.refresh_from_db()
    assert (occ.status, occ.percent) == (OccurrenceStatus.IN_PROGRESS, 40)
    assert update.links == ["https://example.gov.vn/tin"]


def test_done_needs_leader_approval(org) -> None:
    province_plan(org)
    occ = Occurrence.objects.get(task__ref="1")
    update = actions.report_progress(
        occurrence=occ,
        acting_user=org.dept_officer,
        status="done",
        percent=90,
        narrative="Đã tổ chức hội nghị cho 120 đại biểu",
    )
    occ.refresh_from_db()
    assert (occ.status, occ.percent) == (OccurrenceStatus.SUBMITTED, 100)
    with pytest.raises(PermissionDenied):
        actions.review_progress(update=update, approve=True, acting_user=org.dept_officer)
    with pytest.raises(ValidationError):
        actions.review_progress(update=update, approve=False, acting_user=org.province_leader)
    actions.review_progress(update=update, approve=True, acting_user=org.province_leader)
    occ.refresh_from_db()
    assert occ.status == OccurrenceStatus.DONE
    assert AuditEvent.objects.filter(verb="progress.approved", actor=org.province_leader).exists()


def test_concurrent_progress_edit_is_refused_not_overwritten(org) -> None:
    province_plan(org)
    occ = Occurrence.objects.get(task__ref="1")
    stale_version = occ.version
    actions.report_progress(
        occurrence=occ,
        acting_user=org.dept_officer,
        status="in_progress",
        percent=30,
        narrative="Bản của người thứ nhất",
        expected_version=stale_version,
    )
    with pytest.raises(actions.ConcurrentEditError):
        actions.report_progress(
            occurrence=occ,
            acting_user=org.dept_officer,
            status="in_progress",
            percent=80,
            narrative="Bản của người thứ hai",
            expected_version=stale_version,
        )
    occ.refresh_from_db()
    assert occ.percent == 30
    assert occ.updates.count() == 1


def test_concurrent_task_edit_is_refused(org) -> None:
    plan = province_plan(org)
    task = plan.tasks.get(ref="1")
    v = task.version
    actions.update_task(
        task=task, changes={"title": "Tên mới"}, expected_version=v, acting_user=org.province_leader
    )
    with pytest.raises(actions.ConcurrentEditError):
        actions.update_task(
            task=task,
            changes={"title": "Tên khác"},
            expected_version=v,
            acting_user=org.province_leader,
        )
    task.refresh_from_db()
    assert task.title == "Tên mới"


def test_overdue_and_reminders_are_sent_once(org, mailoutbox) -> None:
    province_plan(org)
    today = dt.date(2026, 7, 10)
    overdue = Occurrence.objects.overdue(today)
    assert {o.task.ref for o in overdue} >= {"1"}
    first = actions.send_deadline_reminders(today=today)
    assert first > 0
    assert actions.send_deadline_reminders(today=today) == 0
    assert org.dept_officer.notifications.filter(subject__startswith="Quá hạn").exists()
    assert not org.outsider.notifications.exists()
