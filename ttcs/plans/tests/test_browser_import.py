"""Browser journey: an officer imports each seed plan, reviews it and confirms it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ttcs.browser import CHROMIUM, chromium_page
from ttcs.core.tests.personas import build_org
from ttcs.plans.models import Plan
from ttcs.testing import ARTIFACTS, seed_path

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: scripts/bootstrap installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (run scripts/bootstrap)")


@pytest.mark.timeout(300)
def test_each_seed_is_imported_reviewed_and_confirmed(chromium: None, live_server: Any) -> None:
    seeds = [seed_path(prefix) for prefix in ("000", "001", "002", "003", "004")]
    build_org()
    with chromium_page(artifacts=ARTIFACTS, name="plans-import") as page:
        page.goto(f"{live_server.url}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill("lanhdao")
        page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem")
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/")
        for seed in seeds:
            page.goto(f"{live_server.url}/ke-hoach/nhap/")
            page.set_input_files("input[type=file]", str(seed))
            page.get_by_role("button", name="Đọc và phân tích").click()
            page.wait_for_url("**/ke-hoach/van-ban/*/")
            assert page.get_by_role("heading", name="Văn bản gốc").is_visible()
            task_forms = page.locator("fieldset.task-review").count()
            assert task_forms > 0, f"{seed.name}: no task to review"
            page.get_by_role("button", name="Xác nhận, tạo kế hoạch").click()
            page.wait_for_url("**/ke-hoach/*/")
            body = page.locator("body").inner_text()
            assert "Đã tạo kế hoạch" in body, f"{seed.name}: {body[:500]}"
            plan = Plan.objects.order_by("-pk").first()
            assert plan is not None and plan.tasks.count() == task_forms
            page.screenshot(path=str(ARTIFACTS / f"plan-{seed.stem[:3]}.png"), full_page=False)
    assert Plan.objects.count() == len(seeds)
