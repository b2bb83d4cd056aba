"""Polling real local feeds into the database: new items stored once, health recorded, private
addresses refused and recorded on the source with a readable reason."""

from __future__ import annotations

import datetime as dt

import pytest
from pytest_httpserver import HTTPServer

from ttcs.monitoring.fetch.policy import FetchPolicy
from ttcs.monitoring.fetch.safe_http import SafeHttpClient
from ttcs.monitoring.ingest import reset_cluster_cache
from ttcs.monitoring.models import Article, Source
from ttcs.monitoring.polling import poll_due_sources, poll_source, set_client

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(60)]

PARA = (
    "Ủy ban nhân dân thành phố vừa ban hành kế hoạch truyền thông chính sách về chuyển đổi số, "
    "giao các sở, ngành và ủy ban nhân dân các phường, xã tổ chức tuyên truyền sâu rộng đến "
    "người dân, doanh nghiệp, bảo đảm thông tin chính xác, kịp thời và dễ hiểu."
)


class _FastClock:
    """No real sleeping between requests to the test server."""

    def __init__(self) -> None:
        self.t = 0.0

    def monotonic(self) -> float:
        return self.t

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def sleep(self, seconds: float) -> None:
        self.t += seconds


def _page(title: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        + "".join(f"<p>{PARA} Đoạn {i}.</p>" for i in range(4))
        + "</article></body></html>"
    )


@pytest.fixture
def local(httpserver: HTTPServer):
    set_client(
        SafeHttpClient(
            FetchPolicy.build(
                allowed_private_hosts=["127.0.0.1", "localhost"],
                allowed_ports=[f"127.0.0.1:{httpserver.port}", f"localhost:{httpserver.port}"],
            ),
            clock=_FastClock(),
        )
    )
    reset_cluster_cache()
    yield httpserver
    set_client(None)


def _rss(server: HTTPServer, n: int) -> str:
    items = "".join(
        f"<item><title>Tin số {i}</title><link>{server.url_for(f'/bai-{i}.html')}</link>"
        f"<pubDate>Sat, 21 Nov 2026 0{i}:00:00 +0700</pubDate><description>Tóm tắt {i}"
        f"</description></item>"
        for i in range(1, n + 1)
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
    return f"{head}{items}</channel></rss>"


def test_feed_poll_stores_new_items_once_and_records_health(org, local: HTTPServer) -> None:
    local.expect_request("/robots.txt").respond_with_data("", status=404)
    local.expect_request("/rss").respond_with_data(
        _rss(local, 3), content_type="application/rss+xml"
    )
    for i in range(1, 4):
        local.expect_request(f"/bai-{i}.html").respond_with_data(
            _page(f"Tin số {i} về chuyển đổi số"), content_type="text/html; charset=utf-8"
        )
    source = Source.objects.create(
        owner_agency=org.province_a,
        name="Báo địa phương",
        kind="feed",
        url=local.url_for("/rss"),
        tier="local_press",
    )
    first = poll_source(source.pk)
    assert (first["new"], first["error"]) == (3, "")
    assert Article.objects.filter(source=source).count() == 3
    second = poll_source(source.pk)
    assert second["new"] == 0
    source.refresh_from_db()
    assert source.failure_count == 0 and source.last_success_at is not None
    assert source.next_poll_at is not None and len(source.fetch_log) == 2


def test_redirect_to_private_address_is_refused_and_recorded(org, local: HTTPServer) -> None:
    local.expect_request("/robots.txt").respond_with_data("", status=404)
    local.expect_request("/rss").respond_with_data(
        "", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    source = Source.objects.create(
        owner_agency=org.province_a, name="Nguồn lạ", kind="feed", url=local.url_for("/rss")
    )
    result = poll_source(source.pk)
    assert result["new"] == 0 and result["error"]
    source.refresh_from_db()
    assert source.failure_count == 1
    assert "169.254.169.254" in source.last_error
    assert not Article.objects.exists()


def test_one_broken_source_does_not_stop_others(org, local: HTTPServer) -> None:
    local.expect_request("/robots.txt").respond_with_data("", status=404)
    local.expect_request("/broken").respond_with_data(
        "<rss><channel><item>", status=200, content_type="application/rss+xml"
    )
    local.expect_request("/rss").respond_with_data(
        _rss(local, 1), content_type="application/rss+xml"
    )
    local.expect_request("/bai-1.html").respond_with_data(
        _page("Tin số 1 về chuyển đổi số"), content_type="text/html"
    )
    Source.objects.create(
        owner_agency=org.province_a, name="Hỏng", kind="feed", url=local.url_for("/broken")
    )
    Source.objects.create(
        owner_agency=org.province_a, name="Tốt", kind="feed", url=local.url_for("/rss")
    )
    totals = poll_due_sources()
    assert totals["sources"] == 2 and totals["new"] == 1
    broken = Source.objects.get(name="Hỏng")
    assert broken.failure_count == 1 and broken.last_error
