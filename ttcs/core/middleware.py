"""Attach the agency the user is currently acting for to every request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ttcs.core.models import Membership

SESSION_KEY = "ttcs_agency_id"


class CurrentAgencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.current_membership = None  # type: ignore[attr-defined]
        request.current_agency = None  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            memberships = list(
                Membership.objects.current()
                .filter(user=user)
                .select_related("agency")
                .order_by("agency__path", "role")
            )
            request.user_memberships = memberships  # type: ignore[attr-defined]
            wanted = request.session.get(SESSION_KEY)
            chosen = next((m for m in memberships if m.agency_id == wanted), None)
            chosen = chosen or (memberships[0] if memberships else None)
            if chosen is not None:
                request.current_membership = chosen  # type: ignore[attr-defined]
                request.current_agency = chosen.agency  # type: ignore[attr-defined]
        else:
            request.user_memberships = []  # type: ignore[attr-defined]
        return self.get_response(request)
