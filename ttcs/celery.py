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
    "send-deadline-reminders": {
        "task": "ttcs.plans.tasks.send_deadline_reminders",
        "schedule": crontab(minute="0", hour="7"),
        "every_seconds": 24 * 3600,
    },
    "spawn-occurrences": {
        "task": "ttcs.plans.tasks.spawn_all_occurrences",
        "schedule": crontab(minute="15", hour="0"),
        "every_seconds": 24 * 3600,
    },
    "monitoring-cycle": {
        "task": "ttcs.monitoring.tasks.run_cycle",
        "schedule": 600.0,
        "every_seconds": 600,
    },
    "monitoring-digest": {
        "task": "ttcs.monitoring.tasks.build_digests",
        "schedule": crontab(minute="0", hour="6"),
        "every_seconds": 24 * 3600,
    },
    "clear-expired-sessions": {
        "task": "ttcs.core.tasks.clear_expired_sessions",
        "schedule": crontab(minute="30", hour="2"),
        "every_seconds": 24 * 3600,
    },
}
app.conf.beat_schedule = {
    name: {"task": job["task"], "schedule": job["schedule"]} for name, job in PERIODIC_JOBS.items()
}
