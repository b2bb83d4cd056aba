"""Settings come from the environment and fail loudly on bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ttcs import settings as s

REPO = Path(__file__).resolve().parents[3]


def test_env_helpers_parse_and_reject(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "12")
    assert s.env_bool("X_BOOL") is True
    assert s.env_int("X_INT", 1) == 12
    monkeypatch.setenv("X_BOOL", "perhaps")
    with pytest.raises(ImproperlyConfigured):
        s.env_bool("X_BOOL")
    monkeypatch.setenv("X_INT", "mười")
    with pytest.raises(ImproperlyConfigured):
        s.env_int("X_INT", 1)
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert s.env_str("X_SECRET") == "from-a-file"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    return subprocess.run(
        [sys.executable, "-m", "ttcs.cli", *args],
        env={**base, **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_passes_with_production_variables(tmp_path: Path) -> None:
    env = {
        "SECRET_KEY": "k" * 64 + "-production-like-secret-value-for-the-check",
        "ALLOWED_HOSTS": "ttcs.example.gov.vn",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_PRELOAD": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "TTCS_VAR_DIR": str(tmp_path),
    }
    result = _run(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_defaults_are_vietnamese_and_local_time() -> None:
    assert s.LANGUAGE_CODE == "vi"
    assert s.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert "en" in dict(s.LANGUAGES)
    import datetime as dt

    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.date_format(dt.date(2026, 9, 2), "SHORT_DATE_FORMAT") == "02/09/2026"
