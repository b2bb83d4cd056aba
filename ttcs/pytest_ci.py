"""pytest plugin: under CI=true a skipped test is a failed test."""

from __future__ import annotations

import os
from typing import Any

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Any:
    """With CI=true a test that skips (a missing seed, browser, OCR engine, LibreOffice, database
    or catalogue) fails instead: CI has every prerequisite, so a skip there hides a broken setup."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") == "true" and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped under CI=true, which must not skip: {reason}"
