"""Celery application. Without REDIS_URL tasks run eagerly in-process (see settings)."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttcs.settings")

app = Celery("ttcs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic jobs; in embedded mode the same table drives ttcs.core.scheduler.
PERIODIC_JOBS: dict[str, dict[str, object]] = {
    "clear-expired-sessions": {
        "task": "ttcs.core.tasks.clear_expired_sessions",
        "schedule": crontab(minute="30", hour="2"),
        "every_seconds": 24 * 3600,
    },
}
app.conf.beat_schedule = {
    name: {"task": job["task"], "schedule": job["schedule"]} for name, job in PERIODIC_JOBS.items()
}
