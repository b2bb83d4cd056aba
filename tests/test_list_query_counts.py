"""Every list page and report answers in a number of queries that does not grow with its rows.

Each page is measured twice, with a little data and with several times more of what it lists,
after one warm-up request (session, calendar and catalogue caches); the two counts must be equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ttcs.core import actions as core_actions
from ttcs.core.models import Notification

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _queries(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm-up
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _assert_flat(client: Client, url: str, grow: Callable[[int], Any]) -> None:
    grow(0)
    small = _queries(client, url)
    grow(1)
    grow(2)
    large = _queries(client, url)
    assert large == small, f"{url}: {small} queries with few rows, {large} with more"


def _plan(org: Any, n: int, tasks: int = 3) -> Any:
    from ttcs.plans import actions
    from ttcs.plans.actions import PlanDraft, TaskDraft

    draft = PlanDraft(
        title=f"Kế hoạch thử {n}",
        number=f"{100 + n}/KH-UBND",
        doc_type="KH",
        issued_on=dt.date(2026, 1, 15),
        tasks=[
            TaskDraft(
                ref=str(i + 1),
                title=f"Nhiệm vụ {n}.{i}",
                lead_ids=[org.dept_a1.pk],
                coordinator_ids=[org.commune_a2.pk],
                timeframe_kind="recurring" if i % 2 else "once",
                recurrence="quarterly" if i % 2 else None,
                due=None if i % 2 else dt.date(2026, 6, 30),
            )
            for i in range(tasks)
        ],
    )
    return actions.create_plan(
        agency=org.province_a,
        draft=draft,
        acting_user=org.province_leader,
        today=dt.date(2026, 2, 1),
    )


PLAN_PAGES = ["plans:plan_list", "plans:my_tasks", "plans:dashboard", "plans:calendar"]


@pytest.mark.parametrize("name", PLAN_PAGES)
def test_plan_list_pages_do_not_grow_with_plans(org, client: Client, name: str) -> None:
    client.force_login(org.province_leader)
    _assert_flat(client, reverse(name), lambda n: _plan(org, n))


def test_plan_detail_does_not_grow_with_tasks(org, client: Client) -> None:
    client.force_login(org.province_leader)
    small = _plan(org, 0, tasks=2)
    large = _plan(org, 1, tasks=12)
    counts = [_queries(client, reverse("plans:plan_detail", args=[p.pk])) for p in (small, large)]
    assert counts[0] == counts[1], counts


def test_report_list_and_report_do_not_grow(org, client: Client) -> None:
    from ttcs.plans import actions

    client.force_login(org.province_leader)
    reports: list[Any] = []

    def grow(n: int) -> None:
        _plan(org, n, tasks=4)
        reports.append(
            actions.create_report(
                agency=org.province_a,
                period_start=dt.date(2026, 1, 1),
                period_end=dt.date(2026, 11, 30),
                acting_user=org.province_leader,
                number=f"{n + 1}/BC-UBND",
            )
        )

    _assert_flat(client, reverse("plans:report_list"), grow)
    first, last = reports[0], reports[-1]
    counts = [_queries(client, reverse("plans:report_detail", args=[r.pk])) for r in (first, last)]
    assert counts[0] == counts[1], counts


def test_agency_list_does_not_grow_with_agencies(org, client: Client) -> None:
    client.force_login(org.province_leader)

    def grow(n: int) -> None:
        for i in range(5):
            core_actions.create_agency(
                name=f"Phường Thử {n}-{i}",
                kind="commune",
                code="",
                parent=org.province_a,
                acting_user=org.admin_a,
            )

    _assert_flat(client, reverse("core:agency_list"), grow)


def test_members_and_audit_pages_do_not_grow(org, client: Client) -> None:
    client.force_login(org.admin_a)

    def grow(n: int) -> None:
        for i in range(4):
            core_actions.add_member(
                agency=org.dept_a1.pk,
                username=f"nguoi{n}x{i}",
                role="officer",
                full_name=f"Nguyễn Văn {n}{i}",
                password="mat-khau-Rat-dai-123",
                acting_user=org.admin_a,
            )

    _assert_flat(client, reverse("core:members"), grow)
    _assert_flat(client, reverse("core:audit_log"), grow)


def test_notifications_page_does_not_grow(org, client: Client) -> None:
    client.force_login(org.dept_officer)

    def grow(n: int) -> None:
        Notification.objects.bulk_create(
            Notification(user=org.dept_officer, subject=f"Thông báo {n}.{i}", dedup_key=f"{n}.{i}")
            for i in range(6)
        )

    _assert_flat(client, reverse("core:notifications"), grow)


@pytest.fixture
def source(org):
    from ttcs.monitoring.ingest import reset_cluster_cache
    from ttcs.monitoring.models import Source

    reset_cluster_cache()
    return Source.objects.create(
        owner_agency=org.province_a,
        name="Báo Tỉnh A",
        kind="feed",
        url="https://baotinha.example.vn/rss",
        tier="local_press",
    )


def _news(source: Any, n: int, count: int = 6) -> None:
    from ttcs.monitoring.ingest import ingest_items

    now = dt.datetime.now(VN)
    subjects = [
        "sạt lở bờ sông",
        "giá điện tăng",
        "tuyển sinh lớp 10",
        "cấp nước sạch",
        "dịch sốt xuất huyết",
        "cải cách hành chính",
    ]
    ingest_items(
        [
            {
                "id": f"q{n}-{i}",
                "url": f"https://baotinha.example.vn/{n}-{i}.html",
                "source": "Báo Tỉnh A",
                "title": f"Tin {n}-{i}: {subjects[i % len(subjects)]} ở phường {n}{i}",
                "text": f"Nội dung bài {n}-{i} về {subjects[i % len(subjects)]}, người dân quan "
                "tâm, chính quyền đang xử lý và sẽ thông tin thêm. " * 4,
                "published_at": (now - dt.timedelta(hours=n * count + i)).isoformat(),
            }
            for i in range(count)
        ],
        source=source,
    )


@pytest.mark.parametrize("name", ["monitoring:feed", "monitoring:charts", "monitoring:digest"])
def test_monitoring_pages_do_not_grow_with_articles(org, source, client: Client, name) -> None:
    client.force_login(org.province_leader)
    _assert_flat(client, reverse(name), lambda n: _news(source, n))


def test_feed_search_does_not_grow_with_matches(org, source, client: Client) -> None:
    client.force_login(org.province_leader)
    _assert_flat(client, reverse("monitoring:feed") + "?q=nguoi+dan", lambda n: _news(source, n))


def test_sources_page_does_not_grow_with_sources(org, client: Client) -> None:
    from ttcs.monitoring.models import Source

    client.force_login(org.province_leader)

    def grow(n: int) -> None:
        for i in range(4):
            Source.objects.create(
                owner_agency=org.province_a,
                name=f"Nguồn {n}-{i}",
                kind="feed",
                url=f"https://nguon{n}{i}.example.vn/rss",
                tier="local_press",
            )

    _assert_flat(client, reverse("monitoring:sources"), grow)


def test_alert_list_does_not_grow_with_alerts(org, source, client: Client) -> None:
    from ttcs.monitoring.models import Alert, Story

    client.force_login(org.province_leader)

    def grow(n: int) -> None:
        _news(source, n, count=3)
        stories = list(Story.objects.order_by("-pk")[:3])
        for i in range(4):
            alert = Alert.objects.create(
                agency=org.province_a,
                kind="spike",
                key=f"topic:thu-{n}-{i}",
                title=f"Tăng đột biến {n}-{i}",
                dedup_key=f"thu-{n}-{i}",
                bucket_start=dt.datetime.now(VN),
                count=10,
                expected=2.0,
                score=4.0,
            )
            alert.stories.set(stories)

    _assert_flat(client, reverse("monitoring:alerts"), grow)
