"""The portal in a real browser at a phone's size: the page script works under the strict CSP."""
from __future__ import annotations

import pytest

from fengqiao.cases.models import Case
from fengqiao.portal.tests.helpers import RESIDENT_PHONE
from fengqiao.testing.browser import open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone_page(chromium_path, monkeypatch):
    # Playwright runs an event loop in this thread; the test itself only reads the database between steps.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with open_page(chromium_path, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                   device_scale_factor=2) as (page, console_errors):
        page.problems = console_errors  # script errors and CSP refusals, then failed loads and uncaught errors
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status} {r.url}"))
        yield page


def test_submit_and_track_on_a_phone(live_server, county, phone_page):
    page = phone_page
    page.goto(f"{live_server.url}/portal/")
    community = page.locator("#id_community")
    assert community.is_disabled()  # no street chosen yet

    page.select_option("#id_street", str(county.street.pk))
    assert community.is_enabled()
    offered = community.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert offered == ["", str(county.community.pk)]  # only the communities of the chosen street

    page.check("#id_kind_0")
    page.fill("#id_title", "楼上深夜拖动家具")
    page.fill("#id_narrative", "楼上住户连续两周在凌晨一点后拖动家具。")
    assert "已输入 19 字" in page.locator("[data-count-for=id_narrative]").inner_text()
    page.select_option("#id_community", str(county.community.pk))
    page.fill("#id_name", "王秀英")
    page.fill("#id_phone", "139 1234 5678")
    page.check("#id_consent")
    page.click("button[type=submit]")
    page.wait_for_url("**/portal/submitted/")

    case = Case.objects.get()
    assert page.locator(".code").inner_text() == case.tracking_code
    assert case.region == county.community and case.parties.get().phone == RESIDENT_PHONE

    page.get_by_role("link", name="查询办理进度").click()
    page.fill("#id_code", case.tracking_code.lower())
    page.fill("#id_phone", RESIDENT_PHONE)
    page.click("button[type=submit]")
    page.wait_for_url("**/portal/track/result/")
    assert "登记受理" in page.locator("h1").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    assert page.problems == []  # no script errors, no CSP violations
