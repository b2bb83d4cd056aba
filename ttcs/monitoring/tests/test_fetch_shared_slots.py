"""Host politeness across worker processes: slots booked in a real Redis."""

from __future__ import annotations

import os
import uuid
from datetime import datetime

import pytest

from ttcs.monitoring.fetch.policy import FetchPolicy, HostThrottle
from ttcs.monitoring.fetch.shared_slots import SharedSlots
from ttcs.testing import redis_or_skip

pytestmark = [pytest.mark.redis, pytest.mark.timeout(30)]
REDIS_URL = os.environ.get("TTCS_TEST_REDIS_URL_SLOTS", "redis://127.0.0.1:6379/14")


class StillClock:
    """Process-local time that stands still: any wait must come from the shared slots."""

    def monotonic(self) -> float:
        return 100.0

    def now(self) -> datetime:
        raise AssertionError("not used")

    def sleep(self, seconds: float) -> None:
        raise AssertionError("not used")


@pytest.fixture
def slots() -> SharedSlots:
    redis_or_skip(REDIS_URL)
    return SharedSlots.from_url(REDIS_URL)


def _worker(shared: SharedSlots | None) -> HostThrottle:
    """One worker process's throttle (its own memory, maybe the shared slots)."""
    return HostThrottle(FetchPolicy(min_host_interval=5.0), StillClock(), shared)


def test_two_workers_space_their_requests_to_one_host(slots: SharedSlots) -> None:
    host = f"{uuid.uuid4().hex}.baochinhphu.example"
    first, second = _worker(slots), _worker(slots)
    assert first.reserve(host, max_wait=60) == 0.0
    wait = second.reserve(host, max_wait=60)
    assert wait is not None and 4.5 < wait <= 5.0
    # A third request queues behind both, and one that may not wait that long is deferred.
    third = _worker(slots).reserve(host, max_wait=60)
    assert third is not None and 9.5 < third <= 10.0
    assert _worker(slots).reserve(host, max_wait=3) is None
    # Another host is not held up.
    assert second.reserve(f"{uuid.uuid4().hex}.example", max_wait=60) == 0.0


def test_a_back_off_seen_by_one_worker_holds_the_others(slots: SharedSlots) -> None:
    host = f"{uuid.uuid4().hex}.example"
    first, second = _worker(slots), _worker(slots)
    first.record_backoff(host, retry_after=120.0)
    assert 119.0 < second.wait_time(host) <= 120.0
    assert second.reserve(host, max_wait=60) is None


def test_without_redis_each_worker_keeps_its_own_spacing() -> None:
    unreachable = SharedSlots.from_url("redis://127.0.0.1:1/0")
    host = "tinhuy.example"
    worker = _worker(unreachable)
    assert worker.reserve(host, max_wait=60) == 0.0
    assert worker.reserve(host, max_wait=60) == 5.0  # the in-memory slots still apply
    assert _worker(None).reserve(host, max_wait=60) == 0.0
