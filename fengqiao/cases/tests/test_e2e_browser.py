"""End to end in a real browser: register a case, dispatch it, and a department handler closes it.

Runs Chromium through Playwright against pytest-django's live server. Skipped when /usr/bin/chromium is
missing, unless FENGQIAO_REQUIRE_BROWSER=1 (CI), which turns a missing browser into a failure.
Set FENGQIAO_SCREENSHOT_DIR to keep a screenshot of the finished case page (screenshot-case.png).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from fengqiao.testing.browser import csp_violations, login, logout, open_page
from fengqiao.testing.factories import valid_id_number

pytestmark = pytest.mark.browser


def _run_step(page, key: str, *, note: str = "") -> None:
    """Open an action panel on the case page, fill the note, submit, and wait for the page to come back."""
    panel = page.locator(f"#panel-{key}")
    panel.locator("summary").click()
    if note:
        panel.locator("textarea[name=note]").fill(note)
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()
    page.locator(".alert-success").wait_for()


def test_center_registers_and_dispatches_handler_closes(chromium_path, live_server, transactional_db, county):
    from fengqiao.cases.models import Case

    # Everything the database must answer is read before the browser starts (no ORM inside Playwright's loop).
    base_url = live_server.url
    grid_pk, labour_pk = str(county.grid.pk), str(county.labour.pk)
    center, handler = county.center.username, county.handler.username
    applicant_id = valid_id_number("19700315", "330106", "457")

    with open_page(chromium_path) as (page, console_errors):
        # 1. Center staff registers a case through the form.
        login(page, base_url, center)
        page.click("nav.main-nav >> text=登记案件")
        page.wait_for_url(f"{base_url}/cases/new/")
        page.select_option("#id_channel", "visit")
        page.fill("#id_title", "青石街道工地拖欠农民工工资")
        page.fill("#id_narrative", "23名务工人员反映：承包方已拖欠五个月工资，春节前急需结清。联系人电话13812345678。")
        page.select_option("#id_region", grid_pk)
        page.fill("#id_address", "青石路18号安置房工地")
        page.select_option("#id_urgency", "urgent")
        page.fill("#id_party_count", "23")
        page.fill("#id_parties-0-name", "张某")
        page.fill("#id_parties-0-id_number", applicant_id)
        page.fill("#id_parties-0-phone", "13812345678")
        page.fill("#id_parties-1-name", "某劳务公司")
        page.select_option("#id_parties-1-kind", "organisation")
        # One more party row through HTMX (the row count travels out of band).
        page.click("#add-party")
        page.locator("#id_parties-2-name").wait_for()
        page.fill("#id_parties-2-name", "某建设集团")
        page.select_option("#id_parties-2-kind", "organisation")
        with page.expect_navigation():
            page.click("button[type=submit].btn-primary >> text=登记")
        page.locator(".alert-success").wait_for()
        match = re.search(r"/cases/(\d+)/$", page.url)
        assert match, page.url
        case_url = page.url
        body = page.inner_text("main")
        assert "案件已登记" in body and "登记受理" in body and "群体性（23 人）" in body
        assert applicant_id not in page.content() and "13812345678" not in page.content()

        # The masked ID number is revealed through HTMX after giving a reason.
        reveal = page.locator("span.reveal").first
        reveal.get_by_text("显示").click()
        reveal.locator("input[name=reason]").fill("看")  # too short: the 400 answer is swapped in place
        reveal.get_by_text("确认查看").click()
        reveal.locator(".alert-error").wait_for()
        assert "至少4个字" in reveal.inner_text() and page.url == case_url
        reveal.locator("input[name=reason]").fill("核实申请人身份")
        reveal.get_by_text("确认查看").click()
        reveal.locator("code.revealed").wait_for()
        assert reveal.locator("code.revealed").inner_text() == applicant_id

        # The list filters through HTMX: typing narrows the results without leaving the page.
        page.goto(f"{base_url}/cases/")
        page.fill("#id_filter_q", "没有这样的案件")
        page.locator("#results .result-count", has_text="共 0 件").wait_for()
        page.fill("#id_filter_q", "拖欠农民工")
        page.locator("#results .result-count", has_text="共 1 件").wait_for()
        assert page.locator("#results table.cases tbody tr").count() == 1
        assert "q=" in page.url  # the filter is in the address bar (hx-push-url)
        page.goto(case_url)

        # 2. ... and dispatches it to the labour bureau.
        panel = page.locator("#panel-t-assign")
        panel.locator("summary").click()
        panel.locator("select[name=to_department]").select_option(labour_pk)
        panel.locator("textarea[name=note]").fill("请人社局牵头，住建局、派出所配合")
        with page.expect_navigation():
            panel.locator("button[type=submit]").click()
        page.locator(".alert-success").wait_for()
        assert "分流交办" in page.inner_text(".case-state")
        logout(page, base_url)

        # 3. The handler finds it in 我的待办, accepts, records success and closes it.
        login(page, base_url, handler)
        page.click(f"a[href='{case_url.removeprefix(base_url)}'] >> nth=0")
        page.wait_for_url(case_url)
        _run_step(page, "t-accept")
        assert "调解中" in page.inner_text(".case-state")
        _run_step(page, "t-succeed", note="双方达成协议：总包单位从工资保证金中分两期支付")
        _run_step(page, "t-close")
        assert page.inner_text(".case-state").strip() == "办结"
        assert "已执行“办结”" in page.inner_text(".messages")

        screenshot_dir = os.environ.get("FENGQIAO_SCREENSHOT_DIR")
        if screenshot_dir:
            Path(screenshot_dir).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(screenshot_dir) / "screenshot-case.png"), full_page=True)

    assert not csp_violations(console_errors), console_errors
    case = Case.objects.select_related("state").get(pk=int(match.group(1)))
    assert case.state.code == "closed" and case.lead_department_id == int(labour_pk)
    assert case.parties.count() == 3 and case.party_count == 23
