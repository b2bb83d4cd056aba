"""Plans pages: permissions, query counts, progress form, cascade roll-up, reports download."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ttcs.plans import actions
from ttcs.plans.actions import PlanDraft, TaskDraft
from ttcs.plans.models import Occurrence, OccurrenceStatus
from ttcs.plans.rollup import build_tree
from ttcs.plans.tests.factories import province_plan

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"


def _login(client: Client, username: str) -> None:
    assert client.login(username=username, password=PASSWORD)


def _dept_plan(org, province):
    """Sở A1's own plan carrying out the province's task 1."""
    draft = PlanDraft(
        title="Kế hoạch của Sở A1",
        number="3/KH-SA1",
        issued_on=dt.date(2026, 2, 1),
        implements_numbers=[province.number],
        tasks=[
            TaskDraft(
                ref="1",
                title="Mở lớp tập huấn cho cán bộ phòng",
                lead_ids=[org.dept_a1.pk],
                timeframe_kind="once",
                due=dt.date(2026, 5, 29),
            ),
            TaskDraft(
                ref="2",
                title="Tập huấn tại trường",
                lead_ids=[org.school_a1.pk],
                timeframe_kind="once",
                due=dt.date(2026, 5, 29),
            ),
        ],
    )
    plan = actions.create_plan(agency=org.dept_a1, draft=draft, acting_user=org.dept_officer)
    parent_task = province.tasks.get(ref="1")
    for task in plan.tasks.all():
        actions.set_parent_task(task=task, parent=parent_task, acting_user=org.dept_officer)
    return plan


def test_cascade_links_plans_and_rolls_status_up(org) -> None:
    province = province_plan(org)
    dept = _dept_plan(org, province)
    assert list(dept.parents.all()) == [province]
    occ = Occurrence.objects.get(task__plan=dept, task__ref="2")
    update = actions.report_progress(
        occurrence=occ,
        acting_user=org.school_officer,
        status="done",
        percent=100,
        narrative="Đã tập huấn 40 giáo viên",
    )
    actions.review_progress(update=update, approve=True, acting_user=org.province_leader)
    tree = build_tree(province)
    node = next(n for n in tree if n.task.ref == "1")
    # Own occurrence (Sở A1) + two child occurrences; one of three done.
    assert (node.total, node.done) == (3, 1)
    assert [c.task.plan_id for c in node.children] == [dept.pk, dept.pk]
    assert node.percent == round(100 / 3)


def test_plan_pages_hidden_from_outsider(org, client: Client) -> None:
    plan = province_plan(org)
    _login(client, "ngoai")
    assert client.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 404
    task = plan.tasks.get(ref="1")
    assert client.get(reverse("plans:task_detail", args=[task.pk])).status_code == 404
    occ = task.occurrences.get()
    assert client.get(reverse("plans:occurrence", args=[occ.pk])).status_code == 404


def test_assigned_officer_reports_through_the_page(org, client: Client) -> None:
    plan = province_plan(org)
    occ = plan.tasks.get(ref="1").occurrences.get()
    _login(client, "canbo")
    page = client.get(reverse("plans:occurrence", args=[occ.pk]))
    assert page.context["can_report"]
    response = client.post(
        reverse("plans:occurrence", args=[occ.pk]),
        {
            "report": "1",
            "version": occ.version,
            "status": "in_progress",
            "percent": "50",
            "narrative": "Đã hoàn thành tài liệu",
            "links": "https://so-a1.gov.vn/tin-1",
        },
    )
    assert response.status_code == 302
    occ.refresh_from_db()
    assert (occ.status, occ.percent) == (OccurrenceStatus.IN_PROGRESS, 50)


def test_stale_form_does_not_overwrite(org, client: Client) -> None:
    plan = province_plan(org)
    occ = plan.tasks.get(ref="1").occurrences.get()
    _login(client, "canbo")
    url = reverse("plans:occurrence", args=[occ.pk])
    data = {
        "report": "1",
        "version": occ.version,
        "status": "in_progress",
        "percent": "20",
        "narrative": "Lần một",
    }
    client.post(url, data)
    response = client.post(url, {**data, "percent": "90", "narrative": "Lần hai"}, follow=True)
    assert "người khác" in response.content.decode()
    occ.refresh_from_db()
    assert occ.percent == 20


def test_list_pages_have_bounded_queries(
    org, client: Client, django_assert_max_num_queries
) -> None:
    province = province_plan(org)
    _dept_plan(org, province)
    _login(client, "lanhdao")
    for name in (
        "plans:plan_list",
        "plans:my_tasks",
        "plans:dashboard",
        "plans:calendar",
        "plans:report_list",
    ):
        with django_assert_max_num_queries(30):
            assert client.get(reverse(name)).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("plans:plan_detail", args=[province.pk])).status_code == 200


def test_plan_detail_queries_do_not_grow_with_tasks(
    org, client: Client, django_assert_max_num_queries
) -> None:
    draft = PlanDraft(
        title="Kế hoạch lớn",
        tasks=[
            TaskDraft(
                ref=str(i),
                title=f"Nhiệm vụ {i}",
                lead_ids=[org.dept_a1.pk],
                timeframe_kind="once",
                due=dt.date(2026, 12, 31),
            )
            for i in range(60)
        ],
    )
    plan = actions.create_plan(agency=org.province_a, draft=draft, acting_user=org.province_leader)
    _login(client, "lanhdao")
    with django_assert_max_num_queries(30):
        client.get(reverse("plans:plan_detail", args=[plan.pk]))
    with django_assert_max_num_queries(30):
        client.get(reverse("plans:my_tasks") + "?show=all")


def test_report_download_formats(org, client: Client) -> None:
    province_plan(org)
    _login(client, "canbo")
    response = client.post(
        reverse("plans:report_list"),
        {
            "period_start": "01/01/2026",
            "period_end": "30/11/2026",
            "title": "",
            "number": "",
            "summary": "Cơ bản hoàn thành",
        },
    )
    assert response.status_code == 302
    report_url = response["Location"]
    pk = int(report_url.rstrip("/").split("/")[-1])
    docx = client.get(reverse("plans:report_download", args=[pk, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    xlsx = client.get(reverse("plans:report_download", args=[pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    _login(client, "ngoai")
    assert client.get(reverse("plans:report_download", args=[pk, "docx"])).status_code == 404


def test_report_period_end_before_start_is_refused(org, client: Client) -> None:
    _login(client, "canbo")
    response = client.post(
        reverse("plans:report_list"),
        {
            "period_start": "30/11/2026",
            "period_end": "01/01/2026",
        },
    )
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu" in response.content.decode()


def test_progress_with_several_evidence_files(org, client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = province_plan(org)
    occ = plan.tasks.get(ref="1").occurrences.get()
    _login(client, "canbo")
    files = [
        SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban", content_type="application/pdf"),
        SimpleUploadedFile("anh-hoi-nghi.jpg", b"\xff\xd8\xff anh", content_type="image/jpeg"),
    ]
    response = client.post(
        reverse("plans:occurrence", args=[occ.pk]),
        {
            "report": "1",
            "version": occ.version,
            "status": "in_progress",
            "percent": "60",
            "narrative": "Đã tổ chức hội nghị",
            "evidence": files,
        },
    )
    assert response.status_code == 302
    update = occ.updates.get()
    assert sorted(e.original_name for e in update.evidence.all()) == [
        "anh-hoi-nghi.jpg",
        "bien-ban.pdf",
    ]
    evidence = update.evidence.first()
    assert client.get(reverse("plans:evidence", args=[evidence.pk])).status_code == 200
    _login(client, "ngoai")
    assert client.get(reverse("plans:evidence", args=[evidence.pk])).status_code == 404
