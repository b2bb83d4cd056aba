"""The agency registry is changed through pages and actions, never by editing rows in the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from ttcs.core import actions
from ttcs.core.models import Agency, AgencySuccession, AuditEvent

pytestmark = pytest.mark.django_db


def test_admin_cannot_add_change_or_delete_domain_models(org) -> None:
    from ttcs.core.models import Membership
    from ttcs.plans.models import Assignment, Occurrence, Plan, ProgressUpdate, Report, Task

    request = RequestFactory().get("/admin/")
    request.user = org.admin_a
    org.admin_a.is_superuser = True
    for model in (
        Agency,
        AgencySuccession,
        Membership,
        Plan,
        Task,
        Occurrence,
        Report,
        Assignment,
        ProgressUpdate,
    ):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        assert model_admin.has_view_permission(request), model


def test_administrator_creates_a_child_agency_through_the_page(org, client: Client) -> None:
    client.force_login(org.admin_a)
    response = client.post(
        reverse("core:agency_create"),
        {
            "name": "Sở Thử Nghiệm",
            "kind": "department",
            "parent": org.province_a.pk,
            "valid_from": "01/07/2025",
        },
    )
    agency = Agency.objects.get(name="Sở Thử Nghiệm")
    assert response.status_code == 302
    assert agency.parent == org.province_a
    assert agency.path == f"{org.province_a.path}{agency.pk}/"
    assert agency.valid_from == dt.date(2025, 7, 1)
    assert (
        AuditEvent.objects.filter(
            verb="agency.created", object_id=str(agency.pk), actor=org.admin_a
        ).count()
        == 1
    )


def test_administrator_cannot_create_under_an_agency_they_do_not_administer(org, client) -> None:
    client.force_login(org.admin_a)
    response = client.post(
        reverse("core:agency_create"),
        {"name": "Sở Lạ", "kind": "department", "parent": org.province_b.pk},
    )
    assert response.status_code == 200
    assert not Agency.objects.filter(name="Sở Lạ").exists()


def test_edit_and_move_are_audited_and_rewrite_the_subtree(org, client: Client) -> None:
    client.force_login(org.admin_a)
    school = org.school_a1
    response = client.post(
        reverse("core:agency_edit", args=[school.pk]),
        {
            "name": school.name + " (mới)",
            "kind": school.kind,
            "parent": org.commune_a2.pk,
            "aliases": "Trường A\nTrường Một",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    school.refresh_from_db()
    assert school.name.endswith("(mới)")
    assert school.aliases == ["Trường A", "Trường Một"]
    assert school.parent == org.commune_a2
    assert school.path.startswith(org.commune_a2.path)
    verbs = set(AuditEvent.objects.filter(object_id=str(school.pk)).values_list("verb", flat=True))
    assert {"agency.updated", "agency.moved"} <= verbs


def test_agency_cannot_move_under_its_own_descendant(org) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.move_agency(agency=org.province_a, parent=org.dept_a1, acting_user=org.admin_a)
    org.province_a.refresh_from_db()
    assert org.province_a.parent_id is None


def test_succession_recorded_on_the_page_closes_the_old_agency(org, client: Client) -> None:
    client.force_login(org.admin_a)
    response = client.post(
        reverse("core:succession_create", args=[org.commune_a2.pk]),
        {
            "successor": org.dept_a1.pk,
            "kind": "merged_into",
            "effective_date": "01/07/2025",
            "legal_basis": "Nghị quyết thử",
            "close_predecessor": "on",
        },
    )
    assert response.status_code == 302
    org.commune_a2.refresh_from_db()
    assert org.commune_a2.valid_to == dt.date(2025, 6, 30)
    assert (
        AgencySuccession.objects.filter(predecessor=org.commune_a2, successor=org.dept_a1).count()
        == 1
    )
    assert (
        AuditEvent.objects.filter(verb="agency.succession_recorded", actor=org.admin_a).count() == 1
    )


def test_officer_cannot_reach_registry_pages(org, client: Client) -> None:
    client.force_login(org.dept_officer)
    assert client.get(reverse("core:agency_create")).status_code == 404
    assert client.get(reverse("core:agency_edit", args=[org.dept_a1.pk])).status_code == 404
    assert client.get(reverse("core:succession_create", args=[org.dept_a1.pk])).status_code == 404
    client.force_login(org.admin_a)
    assert client.get(reverse("core:agency_edit", args=[org.dept_b1.pk])).status_code == 404
    page = client.get(reverse("core:agency_detail", args=[org.dept_a1.pk])).content.decode()
    assert reverse("core:agency_edit", args=[org.dept_a1.pk]) in page
