"""Plans jobs: thin wrappers that take ids and are safe to repeat."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="ttcs.plans.tasks.send_deadline_reminders")
def send_deadline_reminders() -> int:
    """Daily: remind assigned agencies before and after due dates (each reminder once)."""
    from ttcs.plans.actions import send_deadline_reminders as send

    return send()


@shared_task(name="ttcs.plans.tasks.spawn_all_occurrences")
def spawn_all_occurrences() -> int:
    """Daily: create the next periods of recurring and continuous tasks."""
    from ttcs.plans.actions import spawn_occurrences
    from ttcs.plans.models import PlanStatus, Task

    created = 0
    for task in Task.objects.filter(plan__status=PlanStatus.ACTIVE).select_related("plan"):
        created += spawn_occurrences(task)
    return created
