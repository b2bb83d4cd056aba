"""Login (Vietnamese errors, lock-out), dashboard, agency switcher, audit log, deadline page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ttcs.core.middleware import SESSION_KEY
from ttcs.core.models import AuditEvent, Role

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"


def _login(client: Client, username: str) -> None:
    assert client.login(username=username, password=PASSWORD)


def test_wrong_password_gets_vietnamese_error(org, client: Client) -> None:
    response = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_repeated_failures_lock_the_account(org, client: Client, settings) -> None:
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_dashboard_shows_counts_for_current_agency(org, client: Client) -> None:
    _login(client, "lanhdao")
    response = client.get(reverse("core:dashboard"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tổng quan" in body
    # The leader of Tỉnh A counts Tỉnh A, Sở A1, Trường A1, Xã A2: four agencies.
    cards = {c.label: c.value for c in response.context["cards"]}
    assert cards["Cơ quan trong phạm vi"] == 4


def test_dashboard_query_count_is_bounded(
    org, client: Client, django_assert_max_num_queries
) -> None:
    _login(client, "lanhdao")
    with django_assert_max_num_queries(25):
        client.get(reverse("core:dashboard"))


def test_switching_to_own_agency_works_and_to_other_is_refused(org, client: Client) -> None:
    from ttcs.core import actions

    actions.grant_membership(user=org.dept_officer, agency=org.commune_a2, role=Role.OFFICER)
    _login(client, "canbo")
    client.post(reverse("core:switch_agency"), {"agency": org.commune_a2.pk})
    assert client.session[SESSION_KEY] == org.commune_a2.pk
    response = client.get(reverse("core:dashboard"))
    assert response.context["current_agency"] == org.commune_a2
    client.post(reverse("core:switch_agency"), {"agency": org.province_b.pk})
    assert client.session[SESSION_KEY] == org.commune_a2.pk


def test_switch_ignores_offsite_next(org, client: Client) -> None:
    _login(client, "canbo")
    response = client.post(
        reverse("core:switch_agency"), {"agency": org.dept_a1.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:dashboard")


def test_agency_detail_hidden_from_outsider(org, client: Client) -> None:
    _login(client, "ngoai")
    assert client.get(reverse("core:agency_detail", args=[org.dept_a1.pk])).status_code == 404
    assert client.get(reverse("core:agency_detail", args=[org.dept_b1.pk])).status_code == 200


def test_audit_log_for_administrators_only(org, client: Client) -> None:
    _login(client, "canbo")
    assert client.get(reverse("core:audit_log")).status_code == 404
    client.logout()
    _login(client, "quantri")
    response = client.get(reverse("core:audit_log"))
    assert response.status_code == 200
    verbs = {e.verb for e in response.context["page_obj"]}
    assert "membership.granted" in verbs
    # Events of Tỉnh B stay hidden from Tỉnh A's administrator.
    assert all(e.agency_id != org.dept_b1.pk for e in response.context["page_obj"])
    assert AuditEvent.objects.filter(agency=org.dept_b1).exists()


def test_deadline_calculator_shows_skipped_holidays(org, client: Client) -> None:
    _login(client, "canbo")
    response = client.get(reverse("core:deadline_calculator"), {"start": "13/02/2026", "days": "5"})
    body = response.content.decode()
    # Tết 2026: 14–22/02 off; five working days after Friday 13/02 end on Friday 27/02.
    assert "27/02/2026" in body
    assert "Tết" in body


def test_invalid_date_gets_clear_message(org, client: Client) -> None:
    _login(client, "canbo")
    response = client.get(reverse("core:deadline_calculator"), {"start": "31/02/2026", "days": "5"})
    assert response.status_code == 200
    assert "Nhập một ngày hợp lệ" in response.content.decode()


def test_notification_is_escaped(org, client: Client) -> None:
    from ttcs.core.actions import notify

    notify(user=org.dept_officer, subject="<script>alert(1)</script>", email=False)
    _login(client, "canbo")
    body = client.get(reverse("core:notifications")).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_api_lists_only_readable_agencies(org, client: Client) -> None:
    _login(client, "canbo")
    data = client.get("/api/agencies").json()
    assert {a["name"] for a in data} == {"Sở A1"}
    assert client.get(f"/api/agencies/{org.dept_b1.pk}").status_code == 404
    schema = client.get("/api/openapi.json").json()
    assert "/api/agencies" in schema["paths"]


def test_api_requires_login(client: Client) -> None:
    assert client.get("/api/agencies").status_code == 401


def test_administrator_adds_member_below_and_not_elsewhere(org, client: Client) -> None:
    from ttcs.core.permissions import can_write

    _login(client, "quantri")
    url = reverse("core:members")
    response = client.post(
        url,
        {
            "agency": org.school_a1.pk,
            "username": "giaovien",
            "full_name": "Mai Văn Giáo",
            "role": "officer",
            "password": "Mat-khau-dai-2026",
        },
    )
    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    teacher = get_user_model().objects.get(username="giaovien")
    assert can_write(teacher, org.school_a1.pk)
    response = client.post(
        url,
        {
            "agency": org.dept_b1.pk,
            "username": "x",
            "role": "officer",
            "password": "Mat-khau-dai-2026",
        },
    )
    assert response.status_code == 200  # Tỉnh B is not a choice for Tỉnh A's administrator
    assert not get_user_model().objects.filter(username="x").exists()


def test_officer_cannot_manage_members(org, client: Client) -> None:
    _login(client, "canbo")
    assert client.get(reverse("core:members")).status_code == 404
