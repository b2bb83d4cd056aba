"""Test-wide settings: one place for overrides, personas built through real actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ttcs.testing import ARTIFACTS, SEEDS, seed_path  # noqa: F401  (re-exported)

pytest_plugins = ["ttcs.pytest_ci"]


def pytest_configure(config: pytest.Config) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _site_language() -> Any:
    """Every test starts in the site's language: a request in English activates English for the
    thread, and it must not leak into the next test."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_outside_network(socket_enabled: Any) -> None:
    """Outbound sockets only to this machine (local test servers, PostgreSQL, Redis)."""
    import pytest_socket

    pytest_socket.socket_allow_hosts(["127.0.0.1", "localhost", "::1"], allow_unix_socket=True)


@pytest.fixture
def org(db: Any) -> Any:
    from ttcs.core.tests.personas import build_org

    return build_org()
