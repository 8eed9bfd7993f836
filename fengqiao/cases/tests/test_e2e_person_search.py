"""In a real browser: typing a phone number in the case list's search box finds the person's cases, and the number
leaves neither the address bar nor the page (HTMX refresh answered by HX-Redirect to the keyed query)."""
from __future__ import annotations

import pytest

from fengqiao.testing.browser import csp_violations, login, open_page

pytestmark = pytest.mark.browser


def test_typing_a_phone_number_finds_her_cases_without_keeping_the_number(chromium_path, live_server,
                                                                          transactional_db, county):
    from fengqiao.cases.services.create import PartyInput
    from fengqiao.testing.factories import make_case

    her = PartyInput(name="王秀兰", phone="13955501234")
    make_case(acting_user=county.center, region=county.grid, title="物业费纠纷", parties=[her])
    make_case(acting_user=county.center, region=county.other_grid, title="东坪漏水", parties=[her])
    make_case(acting_user=county.center, region=county.grid, title="另一户的纠纷")
    base_url, center = live_server.url, county.center.username

    with open_page(chromium_path) as (page, console_errors):
        login(page, base_url, center)
        page.goto(f"{base_url}/cases/")
        page.fill("#id_filter_q", "139-5550-1234")
        page.wait_for_url(lambda url: "person=phone" in url, timeout=10_000)
        page.locator(".person-search").wait_for()
        assert "5550" not in page.url
        html = page.content()
        assert "物业费纠纷" in html and "东坪漏水" in html and "另一户的纠纷" not in html
        assert "5550" not in html and page.input_value("#id_filter_q") == ""
        # cancelling the person search shows every case again
        page.click(".person-search a")
        page.wait_for_url(lambda url: "person=" not in url)
        assert "另一户的纠纷" in page.content()
        assert not csp_violations(console_errors)
