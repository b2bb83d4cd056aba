from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ttcs.core import navigation as nav
from ttcs.core.models import Notification


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_items": navigation_items(request),
        "current_agency": getattr(request, "current_agency", None),
        "user_memberships": getattr(request, "user_memberships", []),
        "unread_notifications": Notification.objects.filter(
            user=user, read_at__isnull=True
        ).count(),
    }


def navigation_items(request: HttpRequest) -> list[nav.NavItem]:
    return nav.items_for(request.user, request.path)
