"""Playwright on Debian's chromium, for browser tests (never a downloaded browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("TTCS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium_page(*, artifacts: Path, name: str) -> Iterator[Any]:
    """A fresh headless page; on failure a screenshot is kept under ``artifacts``."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes around
    # it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    artifacts.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page.set_default_timeout(20_000)
        try:
            yield page
        except BaseException:
            page.screenshot(path=str(artifacts / f"{name}-failure.png"), full_page=True)
            raise
        finally:
            browser.close()
