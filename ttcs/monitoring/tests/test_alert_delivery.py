"""Alerts as delivered: webhooks against a real local server (the connection goes to the address
checked), and titles in the reader's language."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from ttcs.monitoring.fetch import netguard
from ttcs.monitoring.models import Alert, AlertRule
from ttcs.monitoring.webhooks import post_alert

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(30)]
HOOK_HOST = "hooks.ttcs.test"  # resolvable only through the patched resolver below


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def alert(org, server: HTTPServer) -> Alert:
    rule = AlertRule.objects.create(
        agency=org.province_a,
        name="Sạt lở",
        query="sạt lở",
        email=False,
        webhook_url=f"http://{HOOK_HOST}:{server.port}/hook",
    )
    return Alert.objects.create(
        agency=org.province_a,
        rule=rule,
        kind="keyword",
        key="rule:sat_lo",
        title="Quy tắc “Sạt lở”: 3 tin mới",
        dedup_key="rule-1",
        count=3,
    )


@pytest.fixture
def resolver_calls(monkeypatch) -> list[str]:
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"] if host == HOOK_HOST else []

    monkeypatch.setattr(netguard, "system_resolver", resolve)
    return calls


def test_an_allow_listed_webhook_receives_the_alert_at_the_checked_address(
    alert: Alert, server: HTTPServer, resolver_calls: list[str], settings
) -> None:
    settings.TTCS_FETCH_ALLOWED_PRIVATE_HOSTS = [HOOK_HOST]
    server.expect_oneshot_request("/hook", method="POST").respond_with_data("ok")
    assert post_alert(alert.pk) is True
    (request, _response), *_ = server.log
    body = json.loads(request.get_data())
    assert body["title"] == alert.title and body["count"] == 3
    assert request.headers["Content-Type"].startswith("application/json")
    # Resolved once, by the check; the connection used that answer (the name resolves nowhere
    # else), so a second, different answer could not have been used.
    assert resolver_calls == [HOOK_HOST]


def test_a_webhook_to_a_private_address_is_refused_without_a_request(
    alert: Alert, server: HTTPServer, resolver_calls: list[str], settings
) -> None:
    settings.TTCS_FETCH_ALLOWED_PRIVATE_HOSTS = []
    assert post_alert(alert.pk) is False
    assert server.log == []


def test_a_redirecting_webhook_is_not_followed(
    alert: Alert, server: HTTPServer, resolver_calls: list[str], settings
) -> None:
    settings.TTCS_FETCH_ALLOWED_PRIVATE_HOSTS = [HOOK_HOST]
    server.expect_request("/hook", method="POST").respond_with_data(
        "", status=307, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    assert post_alert(alert.pk) is False
    assert len(server.log) == 1


def test_an_unreachable_webhook_raises_so_the_job_retries(
    alert: Alert, resolver_calls: list[str], settings
) -> None:
    settings.TTCS_FETCH_ALLOWED_PRIVATE_HOSTS = [HOOK_HOST]
    alert.rule.webhook_url = f"http://{HOOK_HOST}:9/hook"  # nothing listens on port 9
    alert.rule.save()
    with pytest.raises(ConnectionError):
        post_alert(alert.pk)


def test_alert_titles_follow_the_reader_language_while_the_stored_one_stays(
    org, alert: Alert
) -> None:
    from django.utils import translation

    from ttcs.monitoring.alerts import _describe, _stored

    spike = Alert.objects.create(
        agency=org.province_a,
        kind="spike",
        key="locality:Cần Thơ",
        count=12,
        expected=3.0,
        title=_stored(_describe, "spike", "locality:Cần Thơ", 12, 3.0),
        dedup_key="spike-1",
    )
    with translation.override("en"):
        assert spike.display_title == "Sudden spike: locality «Cần Thơ» — 12 articles (usually 3.0)"
        assert alert.display_title == "Sạt lở: 3 new articles match «sạt lở»"
        # Stored while the reader was in English, the stored title is still the site's language.
        assert _stored(_describe, "spike", "all", 5, 1.0).startswith("Tăng đột biến: toàn bộ tin")
    assert spike.title == "Tăng đột biến: địa bàn «Cần Thơ» — 12 tin (thường 3.0)"
    with translation.override("vi"):
        assert spike.display_title == spike.title
    alert.rule.delete()
    alert.refresh_from_db()
    with translation.override("en"):
        assert alert.display_title == alert.title  # nothing left to rebuild it from
