"""Test-wide settings: one place for overrides, personas built through real actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent
SEEDS = REPO.parent / "shared" / "seeds"
ARTIFACTS = REPO / "var" / "test-artifacts"


def seed_path(prefix: str) -> Path:
    """Path of a seed document by its number prefix ("000"), skipping when seeds are absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent (a user's own clone): seed-based check skipped")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return matches[0]


def pytest_configure(config: pytest.Config) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _no_outside_network(socket_enabled: Any) -> None:
    """Outbound sockets only to this machine (local test servers, PostgreSQL, Redis)."""
    import pytest_socket

    pytest_socket.socket_allow_hosts(["127.0.0.1", "localhost", "::1"], allow_unix_socket=True)


@pytest.fixture
def org(db: Any) -> Any:
    from ttcs.core.tests.personas import build_org

    return build_org()
