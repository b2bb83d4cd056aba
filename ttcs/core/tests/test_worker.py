"""A real Celery worker on Redis runs a job against the test database."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from ttcs.testing import redis_or_skip

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TTCS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    user = s.get("USER") or "postgres"
    return f"postgres://{user}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


@pytest.fixture
def worker(tmp_path: Path) -> Any:
    redis_or_skip(REDIS_URL)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": _database_url(),
        "TTCS_TESTING": "0",
        "DJANGO_SETTINGS_MODULE": "ttcs.settings",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    log_path = tmp_path / "worker.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "ttcs",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield log_path
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def test_real_worker_runs_job_against_shared_database(worker: Path) -> None:
    from celery import Celery

    Session.objects.create(
        session_key="expired-session-key-000000000001",
        session_data="e30",
        expire_date=timezone.now() - dt.timedelta(days=1),
    )
    Session.objects.create(
        session_key="live-session-key-00000000000001",
        session_data="e30",
        expire_date=timezone.now() + dt.timedelta(days=1),
    )
    client = Celery("ttcs-test", broker=REDIS_URL, backend=REDIS_URL)
    result = client.send_task("ttcs.core.tasks.clear_expired_sessions")
    # Generous: a loaded two-core CI machine can take a while to start a worker.
    deadline = time.monotonic() + 180
    while not result.ready() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert result.ready(), "no result within 180 s; worker log:\n" + worker.read_text()[-3000:]
    assert result.get(timeout=5) == 1
    keys = set(Session.objects.values_list("session_key", flat=True))
    assert keys == {"live-session-key-00000000000001"}
