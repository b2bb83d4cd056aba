"""The JSON API (OpenAPI schema at /api/openapi.json, docs at /api/docs).

Session-authenticated with CSRF, so it serves the htmx front end and scripts run by a logged-in
officer; every list is filtered by the same permission rule as the pages.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from ttcs.core.models import Agency

api = NinjaAPI(
    title="TTCS API",
    version="1",
    description="API của nền tảng Truyền thông chính sách (TTCS).",
    auth=django_auth,
    urls_namespace="api",
)


class AgencyOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class AgencyMatchOut(Schema):
    agency_id: int | None
    name: str
    score: float
    kind: str
    code: str


class MeOut(Schema):
    username: str
    full_name: str
    current_agency_id: int | None
    memberships: list[dict[str, str | int]]


class WorkdaysOut(Schema):
    start: dt.date
    days: int
    due: dt.date
    skipped_holidays: list[dict[str, str]]


@api.get("/me", response=MeOut, tags=["core"])
def me(request: HttpRequest) -> MeOut:
    memberships = getattr(request, "user_memberships", [])
    agency = getattr(request, "current_agency", None)
    return MeOut(
        username=request.user.get_username(),
        full_name=request.user.get_full_name(),  # type: ignore[union-attr]
        current_agency_id=agency.pk if agency else None,
        memberships=[
            {"agency_id": m.agency_id, "agency": m.agency.name, "role": m.role} for m in memberships
        ],
    )


@api.get("/agencies", response=list[AgencyOut], tags=["core"])
def list_agencies(
    request: HttpRequest, kind: str | None = None, active_on: dt.date | None = None
) -> list[Agency]:
    qs = Agency.objects.readable_by(request.user).order_by("path")
    if kind:
        qs = qs.filter(kind=kind)
    if active_on:
        qs = qs.active_on(active_on)
    return list(qs[:1000])


@api.get("/agencies/match", response=list[AgencyMatchOut], tags=["core"])
def match_agencies(request: HttpRequest, q: str, on: dt.date | None = None) -> list[object]:
    from ttcs.core.matching import match_agency

    return list(match_agency(q, on=on, limit=10))


@api.get("/agencies/{agency_id}", response=AgencyOut, tags=["core"])
def get_agency(request: HttpRequest, agency_id: int) -> Agency:
    return get_object_or_404(Agency.objects.readable_by(request.user), pk=agency_id)


@api.get("/workdays/add", response=WorkdaysOut, tags=["core"])
def add_workdays(request: HttpRequest, start: dt.date, days: int) -> WorkdaysOut:
    from ttcs.core.calendar_db import calendar_with_exceptions

    explanation = calendar_with_exceptions().explain_deadline(start, days)
    return WorkdaysOut(
        start=start,
        days=days,
        due=explanation.due,
        skipped_holidays=[
            {"date": h.date.isoformat(), "name": h.name} for h in explanation.skipped_holidays
        ],
    )
