"""Browser journey: log in, switch agency, see the dashboard."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ttcs.browser import CHROMIUM, chromium_page
from ttcs.core import actions
from ttcs.core.models import Role
from ttcs.core.tests.personas import build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[3] / "var" / "test-artifacts"


@pytest.fixture
def chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: scripts/bootstrap installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (run scripts/bootstrap)")


def test_officer_logs_in_switches_agency_and_sees_dashboard(
    chromium: None, live_server: Any
) -> None:
    org = build_org()
    actions.grant_membership(user=org.dept_officer, agency=org.commune_a2, role=Role.OFFICER)

    with chromium_page(artifacts=ARTIFACTS, name="dashboard") as page:
        page.goto(f"{live_server.url}/")
        assert "/dang-nhap/" in page.url
        page.get_by_label("Tên đăng nhập").fill("canbo")
        page.get_by_label("Mật khẩu").fill("sai-mat-khau")
        page.get_by_role("button", name="Đăng nhập").click()
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.locator("body").inner_text()

        page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem")
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/")
        assert page.get_by_role("heading", name="Tổng quan").is_visible()
        assert "Sở A1" in page.locator("body").inner_text()

        page.get_by_label("Cơ quan", exact=True).select_option(str(org.commune_a2.pk))
        page.get_by_role("button", name="Chuyển").click()
        page.wait_for_load_state()
        assert "Đang làm việc với tư cách: Xã A2" in page.locator("body").inner_text()
        page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert (ARTIFACTS / "dashboard.png").stat().st_size > 1000
