"""What the end-to-end browser tests share: Debian's Chromium driven by Playwright, and signing in and out.

A test asks for the `chromium_path` fixture (fengqiao/conftest.py): it skips with the reason when
/usr/bin/chromium is missing, unless FENGQIAO_REQUIRE_BROWSER=1 (CI), which makes that a failure.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from fengqiao.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 15_000


def chromium_or_skip() -> str:
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}: the end-to-end browser test needs it."
        if os.environ.get("FENGQIAO_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (FENGQIAO_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return str(CHROMIUM)


def login(page, base_url: str, username: str) -> None:  # noqa: ANN001 - a Playwright page
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].btn-primary")
    page.wait_for_url(f"{base_url}/")
    page.get_by_role("heading", name="我的待办").wait_for()


def logout(page, base_url: str) -> None:  # noqa: ANN001 - a Playwright page
    page.click("form.logout button")
    page.wait_for_url(re.compile(r".*/accounts/login/.*"))
