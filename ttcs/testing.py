"""Helpers shared by the test suite and the benchmarks (no test framework needed to import)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
ARTIFACTS = REPO / "var" / "test-artifacts"


def seed_path(prefix: str) -> Path:
    """Path of a seed document by its number prefix ("000"); skips the test when the seeds are
    absent (a user's own clone has no ../shared)."""
    import pytest

    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent (a user's own clone): seed-based check skipped")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return matches[0]


def redis_or_skip(url: str) -> None:
    """Skip the test when no Redis answers at ``url``; in CI (``CI=true``) fail instead, since
    the CI machine runs Redis and a silent skip would hide a broken set-up."""
    import os

    import pytest
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required in CI: {exc}")
        pytest.skip(f"Redis not reachable at {url}: {exc}")
