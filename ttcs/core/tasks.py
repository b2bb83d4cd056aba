"""Core jobs. Jobs take ids, not objects, and repeating one changes nothing twice."""

from __future__ import annotations

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task(name="ttcs.core.tasks.clear_expired_sessions")
def clear_expired_sessions() -> int:
    """Delete expired login sessions; returns how many were removed."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
