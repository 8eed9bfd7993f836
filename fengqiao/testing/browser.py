"""What the end-to-end browser tests share: Debian's Chromium driven by Playwright, and signing in and out.

A test asks for the `chromium_path` fixture (fengqiao/conftest.py): it skips with the reason when
/usr/bin/chromium is missing, unless FENGQIAO_REQUIRE_BROWSER=1 (CI), which makes that a failure.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from fengqiao.testing.factories import TEST_PASSWORD

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


@contextmanager
def open_page(chromium_path: str, **context_options: Any) -> Iterator[tuple[Any, list[str]]]:
    """Chromium with the project's flags, one context (a laptop-sized zh-CN window unless `context_options` say
    otherwise, the shared timeout) and one page. Yields the page and the console errors it logs; the browser is
    closed whatever happens."""
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    options = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", **context_options}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(**options)
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            yield page, errors
        finally:
            browser.close()


def csp_violations(console_errors: list[str]) -> list[str]:
    """The console errors that say the Content-Security-Policy refused something."""
    return [e for e in console_errors if "Content Security Policy" in e or "Refused to" in e]


def login(page, base_url: str, username: str) -> None:  # a Playwright page
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button[type=submit].btn-primary")
    # leaders and center staff land on the dashboard, the others on their work; the tests go on from the work list
    page.wait_for_url(re.compile(re.escape(base_url) + r"/(reports/dashboard/)?$"))
    if page.url != f"{base_url}/":
        page.goto(f"{base_url}/")
    page.get_by_role("heading", name="我的待办").wait_for()


def logout(page, base_url: str) -> None:  # a Playwright page
    page.click("form.logout button")
    page.wait_for_url(re.compile(r".*/accounts/login/.*"))
