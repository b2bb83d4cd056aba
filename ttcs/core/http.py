"""Request types for views behind ``login_required`` (the middleware sets the agency fields)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest

from ttcs.core.models import Agency, Membership


class AuthenticatedHttpRequest(HttpRequest):
    user: User
    current_agency: Agency | None
    current_membership: Membership | None
    user_memberships: list[Membership]
