"""Monitoring pages: permissions, bounded queries, one-click labels, export with progress,
digest, sources and rules."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from ttcs.core.models import JobRun, JobStatus
from ttcs.monitoring import actions
from ttcs.monitoring.digest import build_digest
from ttcs.monitoring.ingest import ingest_items, reset_cluster_cache
from ttcs.monitoring.models import Article, Digest, Source

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
PASSWORD = "mat-khau-thu-nghiem"


def _login(client: Client, username: str) -> None:
    assert client.login(username=username, password=PASSWORD)


@pytest.fixture
def news(org):
    reset_cluster_cache()
    source = Source.objects.create(
        owner_agency=org.province_a,
        name="Báo Tỉnh A",
        kind="feed",
        url="https://baotinha.example.vn/rss",
        tier="local_press",
    )
    now = dt.datetime.now(VN)
    items = [
        {
            "id": f"n{i}",
            "url": f"https://baotinha.example.vn/{i}.html",
            "source": "Báo Tỉnh A",
            "title": f"Sạt lở bờ sông ở xã {i} khiến người dân lo lắng <script>x</script>",
            "text": f"Bài số {i}: tình trạng sạt lở bờ sông kéo dài, người dân bức xúc vì công "
            f"trình kè chậm tiến độ, chính quyền đang khẩn trương khắc phục. " * 5,
            "published_at": (now - dt.timedelta(hours=i)).isoformat(),
        }
        for i in range(1, 13)
    ]
    ingest_items(items, source=source)
    return source


def test_feed_story_and_charts_for_owner(
    org, news, client: Client, django_assert_max_num_queries
) -> None:
    _login(client, "lanhdao")
    with django_assert_max_num_queries(30):
        response = client.get(reverse("monitoring:feed"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sạt lở bờ sông" in body and "<script>x</script>" not in body
    with django_assert_max_num_queries(30):
        hits = client.get(reverse("monitoring:feed"), {"q": "sat lo"})
    assert "<mark>" in hits.content.decode()
    story = Article.objects.first().story
    with django_assert_max_num_queries(30):
        assert client.get(reverse("monitoring:story", args=[story.pk])).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("monitoring:charts")).status_code == 200


def test_outsider_sees_nothing_of_another_agency(org, news, client: Client) -> None:
    _login(client, "ngoai")
    story = Article.objects.first().story
    assert client.get(reverse("monitoring:story", args=[story.pk])).status_code == 404
    response = client.get(reverse("monitoring:feed"), {"q": "sạt lở"})
    assert response.context["hits"] == []


def test_one_click_label_with_htmx(org, news, client: Client) -> None:
    _login(client, "lanhdao")
    article = Article.objects.first()
    response = client.post(
        reverse("monitoring:label", args=[article.pk]),
        {"label": "positive"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Tích cực" in response.content.decode()
    article.refresh_from_db()
    assert article.sentiment == "positive"


def test_export_runs_and_offers_download(
    org, news, client: Client, django_capture_on_commit_callbacks
) -> None:
    _login(client, "lanhdao")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:export_start"), {"q": "sạt lở", "format": "csv"})
    assert response.status_code == 302
    job = JobRun.objects.get(name="monitoring.export")
    assert job.status == JobStatus.DONE and job.result["rows"] == 12
    download = client.get(response["Location"] + "?download=1")
    content = b"".join(download.streaming_content).decode("utf-8-sig")
    assert content.count("\n") == 13 and "Sạt lở" in content
    _login(client, "ngoai")
    assert client.get(response["Location"]).status_code == 404


def test_digest_page_and_docx(org, news, client: Client) -> None:
    build_digest(org.province_a, dt.datetime.now(VN).date(), send=False)
    _login(client, "lanhdao")
    response = client.get(reverse("monitoring:digest"))
    assert response.status_code == 200 and "Sự việc nổi bật" in response.content.decode()
    digest = Digest.objects.get()
    docx = client.get(reverse("monitoring:digest_docx", args=[digest.pk]))
    assert docx.status_code == 200


def test_source_form_refuses_non_http_address(org, client: Client) -> None:
    _login(client, "lanhdao")
    response = client.post(
        reverse("monitoring:sources"),
        {"name": "Lạ", "kind": "feed", "url": "file:///etc/passwd", "tier": "other"},
    )
    assert response.status_code == 200
    assert not Source.objects.filter(name="Lạ").exists()


def test_rule_with_empty_query_is_refused(org, client: Client) -> None:
    _login(client, "lanhdao")
    response = client.post(
        reverse("monitoring:rules"),
        {"name": "Trống", "query": "  ", "min_count": 1, "active": "on"},
    )
    assert response.status_code == 200
    from ttcs.monitoring.models import AlertRule

    assert not AlertRule.objects.exists()
    actions.save_alert_rule(
        agency=org.province_a,
        acting_user=org.province_leader,
        name="Đất",
        query="đất đai",
        min_count=1,
        email=False,
        webhook_url="",
        active=True,
        sentiment="",
    )
    assert AlertRule.objects.count() == 1
