"""The in-process scheduler (embedded mode) runs every periodic job, then waits its interval."""

from __future__ import annotations

import pytest

from ttcs.celery import PERIODIC_JOBS
from ttcs.core.scheduler import InProcessScheduler

pytestmark = pytest.mark.django_db


def test_every_periodic_job_is_registered_and_runs_once_per_interval(org) -> None:
    scheduler = InProcessScheduler()
    ran = scheduler.run_due(1000.0)
    assert sorted(ran) == sorted(PERIODIC_JOBS)
    assert scheduler.run_due(1001.0) == []
    later = 1000.0 + min(float(str(j["every_seconds"])) for j in PERIODIC_JOBS.values())
    assert scheduler.run_due(later + 1)
