"""Core pages: dashboard, agency switcher, agencies and their history, audit log, calendar."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttcs.core import actions, dashboard
from ttcs.core.forms import AgencySearchForm, DeadlineForm, MemberForm, SwitchAgencyForm
from ttcs.core.http import AuthenticatedHttpRequest
from ttcs.core.middleware import SESSION_KEY
from ttcs.core.models import Agency, AuditEvent, Membership, Notification
from ttcs.core.permissions import (
    administrable_agency_ids,
    can_administer,
    readable_agency_ids,
)


@login_required
def dashboard_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "core/dashboard.html", {"cards": dashboard.cards_for(request)})


@require_POST
@login_required
def switch_agency(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SwitchAgencyForm(request.POST)
    if form.is_valid():
        agency_id = form.cleaned_data["agency"]
        membership = (
            Membership.objects.current()
            .filter(user=request.user, agency_id=agency_id)
            .select_related("agency")
            .first()
        )
        if membership is not None:
            request.session[SESSION_KEY] = agency_id
            messages.success(
                request, _("Đang làm việc với tư cách: %(a)s") % {"a": membership.agency.name}
            )
        else:
            messages.error(request, _("Bạn không phải thành viên của cơ quan này."))
    nxt = request.POST.get("next") or request.headers.get("referer") or ""
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        nxt = ""
    return redirect(nxt or "core:dashboard")


@login_required
def notifications_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        actions.mark_notifications_read(user=request.user)
        return redirect("core:notifications")
    page = Paginator(Notification.objects.filter(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notifications.html", {"page_obj": page})


@login_required
def agency_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AgencySearchForm(request.GET or None)
    matches = []
    qs = Agency.objects.readable_by(request.user).select_related("parent")
    if form.is_valid() and form.cleaned_data.get("q"):
        from ttcs.core.matching import match_agency

        readable = readable_agency_ids(request.user)
        matches = [
            m
            for m in match_agency(form.cleaned_data["q"], on=form.cleaned_data.get("on"), limit=10)
            if m.agency_id is not None and (readable is None or m.agency_id in readable)
        ]
        qs = qs.filter(pk__in=[m.agency_id for m in matches])
    page = Paginator(qs.order_by("path"), 50).get_page(request.GET.get("page"))
    return render(
        request, "core/agency_list.html", {"form": form, "page_obj": page, "matches": matches}
    )


@login_required
def agency_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    agency = _get_agency_for_user(request, pk)
    from ttcs.core.succession import predecessors, successors_on

    today = timezone.localdate()
    context = {
        "agency": agency,
        "ancestors": agency.ancestors(),
        "children": agency.children.order_by("name"),
        "successors_today": successors_on(agency, today) if not agency.is_active else [],
        "predecessors": predecessors(agency),
        "successions_out": agency.successions_out.select_related("successor"),
        "successions_in": agency.successions_in.select_related("predecessor"),
        "members": agency.memberships.current().select_related("user"),
        "history": agency.history.select_related("history_user")[:20],
        "can_administer": can_administer(request.user, agency.pk),
    }
    return render(request, "core/agency_detail.html", context)


def _get_agency_for_user(request: AuthenticatedHttpRequest, pk: int) -> Agency:
    agency = Agency.objects.readable_by(request.user).filter(pk=pk).first()
    if agency is None:
        raise Http404(_("Không tìm thấy cơ quan."))
    return agency


@login_required
def members_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Administrators manage the people of their agencies (and those below)."""
    admin_ids = administrable_agency_ids(request.user)
    if admin_ids is not None and not admin_ids:
        raise Http404
    agencies = Agency.objects.active_on().order_by("path")
    if admin_ids is not None:
        agencies = agencies.filter(pk__in=admin_ids)
    choices = list(agencies.values_list("pk", "name")[:2000])
    form = MemberForm(request.POST or None, agency_choices=choices)
    if request.method == "POST":
        if "revoke" in request.POST:
            membership = Membership.objects.filter(pk=request.POST.get("revoke", "0")).first()
            if membership is None or not can_administer(request.user, membership.agency_id):
                raise Http404
            actions.revoke_membership(membership=membership, acting_user=request.user)
            messages.success(request, _("Đã thu hồi quyền của %(u)s.") % {"u": membership.user})
            return redirect("core:members")
        if form.is_valid():
            try:
                actions.add_member(acting_user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã cấp quyền."))
                return redirect("core:members")
    members = (
        Membership.objects.current()
        .filter(agency__in=agencies)
        .select_related("user", "agency")
        .order_by("agency__path", "user__last_name")
    )
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return render(request, "core/members.html", {"form": form, "page_obj": page})


@login_required
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    ids = administrable_agency_ids(request.user)
    if ids is not None and not ids:
        raise Http404
    events = AuditEvent.objects.select_related("actor", "agency")
    if ids is not None:
        events = events.filter(Q(agency_id__in=ids))
    verb = request.GET.get("verb", "").strip()
    if verb:
        events = events.filter(verb__startswith=verb)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page_obj": page, "verb": verb})


@login_required
def deadline_calculator(request: AuthenticatedHttpRequest) -> HttpResponse:
    from ttcs.core.calendar_db import calendar_with_exceptions

    form = DeadlineForm(request.GET or None)
    explanation = None
    if form.is_valid():
        start: dt.date = form.cleaned_data["start"]
        explanation = calendar_with_exceptions().explain_deadline(start, form.cleaned_data["days"])
    return render(
        request, "core/deadline_calculator.html", {"form": form, "explanation": explanation}
    )
