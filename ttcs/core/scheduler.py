"""A small in-process scheduler for embedded mode (no Redis): runs the periodic jobs of
``ttcs.celery.PERIODIC_JOBS`` in a daemon thread. With REDIS_URL, Celery beat does this instead.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import close_old_connections

from ttcs.celery import PERIODIC_JOBS, app

log = logging.getLogger("ttcs.scheduler")


def _import_task_modules() -> None:
    """Celery discovers tasks lazily; the in-process runner imports each app's ``tasks``."""
    import importlib

    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("ttcs."):
            try:
                importlib.import_module(f"{config.name}.tasks")
            except ModuleNotFoundError:
                continue


class InProcessScheduler(threading.Thread):
    def __init__(self, *, tick_seconds: float = 5.0) -> None:
        super().__init__(name="ttcs-scheduler", daemon=True)
        self.tick_seconds = tick_seconds
        self.stop_event = threading.Event()
        self.next_run: dict[str, float] = {}

    def run_due(self, now: float) -> list[str]:
        """Run every job whose time has come; returns the names that ran."""
        _import_task_modules()
        ran = []
        for name, job in PERIODIC_JOBS.items():
            if now < self.next_run.get(name, 0.0):
                continue
            self.next_run[name] = now + float(str(job["every_seconds"]))
            task = app.tasks.get(str(job["task"]))
            if task is None:
                log.warning("periodic job %s: task %s is not registered", name, job["task"])
                continue
            try:
                task.apply()
                ran.append(name)
            except Exception:
                log.exception("periodic job %s failed", name)
        return ran

    def run(self) -> None:
        while not self.stop_event.is_set():
            self.run_due(time.monotonic())
            # This thread holds its own connection; drop it between ticks like a request would.
            close_old_connections()
            self.stop_event.wait(self.tick_seconds)

    def stop(self) -> None:
        self.stop_event.set()
