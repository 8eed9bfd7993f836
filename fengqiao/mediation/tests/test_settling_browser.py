"""End to end in a real browser: one neighbours' dispute from registration to a reviewed follow-up.

The center registers the dispute and dispatches it to a mediator, who starts a people's mediation, chooses the
mediator on the case page, holds two sessions that end without agreement, a third that agrees, signs the
agreement, downloads the 调解协议书 PDF, records the judicial-confirmation application and the performance
follow-up, and closes the case. The center then records a dissatisfied follow-up call and reopens the case.

Runs Chromium through Playwright against pytest-django's live server; skipped when /usr/bin/chromium is missing,
unless FENGQIAO_REQUIRE_BROWSER=1, which turns a missing browser into a failure.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone

from fengqiao.testing.browser import csp_violations, login, logout, open_page
from fengqiao.testing.factories import valid_id_number

APPLICANT, RESPONDENT = "王某甲", "李某乙"
APPLICANT_PHONE = "13812345678"
pytestmark = pytest.mark.browser


def _open(page, selector: str):
    """The one action panel matching `selector`, unfolded."""
    panel = page.locator(selector)
    assert panel.count() == 1, selector
    panel.locator("summary").click()
    return panel


def _submit(page, panel, success: str) -> None:
    """Submit a panel's form and wait for the page to come back with `success` as its message. The old document
    is marked first, so that a jump to an anchor of the same page is not mistaken for the reloaded page."""
    page.evaluate("window.__submitted = true")
    panel.locator("button[type=submit]").click()
    page.wait_for_function("() => !window.__submitted && document.readyState === 'complete'")
    page.locator(".messages .alert-success, .messages .alert-error").first.wait_for()
    assert success in page.inner_text(".messages"), page.inner_text("main")[:3000]


def _state(page) -> str:
    return page.inner_text(".case-state").strip()


def _local(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def _hold_session(page, *, when: dt.datetime, place: str, outcome: str, minutes: str) -> None:
    """Schedule the next session from the mediation panel, then record its minutes with `outcome`."""
    schedule = _open(page, "[id^=panel-m][id$=-session]")
    schedule.locator("input[name=scheduled_at]").fill(_local(when))
    schedule.locator("input[name=place]").fill(place)
    assert schedule.locator("input[name=parties]:checked").count() == 2  # both parties are invited by default
    _submit(page, schedule, "已安排调解。")
    session = page.locator(".mediation-sessions li.session-scheduled")
    assert session.count() == 1
    record = session.locator("[id$=-minutes]")
    record.locator("summary").click()
    record.locator(f"input[name=outcome][value={outcome}]").check()
    assert record.locator("input[name=attended_parties]:checked").count() == 2
    record.locator("textarea[name=minutes]").fill(minutes)
    _submit(page, record, "已保存调解记录。")


def test_a_dispute_is_mediated_settled_followed_up_and_reopened(chromium_path, live_server, transactional_db, county,
                                                                directory, settings, monkeypatch):
    from fengqiao.cases.models import Case
    from fengqiao.followup.models import FollowUp
    from fengqiao.mediation.models import Agreement, Mediation
    from fengqiao.mediation.tests.pdf_text import pdf_text

    # The built-in CID font, whose text pdf_text reads back (Noto subsets show glyph ids instead).
    settings.FENGQIAO_PDF_FONTS = []
    # Tasks run eagerly here: registration would wait up to the triage budget; triage is not what this tests.
    settings.TRIAGE_TIME_BUDGET_SECONDS = 0.1
    # The test reads the database between browser steps; Playwright's loop runs in this thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    base_url = live_server.url
    grid_pk, village_pk, mediator_pk = str(county.grid.pk), str(directory.village.pk), str(directory.near.pk)
    center, mediator_user = county.center.username, county.mediator.username
    mediator_user_pk = str(county.mediator.pk)
    now = timezone.localtime().replace(second=0, microsecond=0)
    today = now.date()
    received = now - dt.timedelta(days=10)
    applied_on = today - dt.timedelta(days=9)
    jc_due = today + dt.timedelta(days=30)
    performance_deadline = today + dt.timedelta(days=20)

    with open_page(chromium_path, accept_downloads=True) as (page, console_errors):
        # 1. The center registers the dispute with its two parties.
        login(page, base_url, center)
        page.click("nav.main-nav >> text=登记案件")
        page.wait_for_url(f"{base_url}/cases/new/")
        page.select_option("#id_process", label="矛盾纠纷")
        page.select_option("#id_channel", "visit")
        page.fill("#id_title", "楼上漏水损坏天花板赔偿纠纷")
        page.fill("#id_narrative", f"{APPLICANT}反映楼上{RESPONDENT}家卫生间漏水，致其天花板和衣柜受损，要求赔偿修复费用。")
        page.fill("#id_received_at", _local(received))
        page.select_option("#id_dispute_type", label="邻里")
        page.select_option("#id_region", grid_pk)
        page.fill("#id_address", "柳湾小区3栋")
        page.fill("#id_parties-0-name", APPLICANT)
        page.fill("#id_parties-0-id_number", valid_id_number("19680512", "330106", "213"))
        page.fill("#id_parties-0-phone", APPLICANT_PHONE)
        page.fill("#id_parties-1-name", RESPONDENT)
        page.fill("#id_parties-1-phone", "13987654321")
        assert page.input_value("#id_parties-1-role") == "respondent"
        with page.expect_navigation():
            page.click("button[type=submit].btn-primary >> text=登记")
        page.locator(".alert-success").wait_for()
        match = re.search(r"/cases/(\d+)/$", page.url)
        assert match, page.url
        case_pk, case_url = int(match.group(1)), page.url
        parties_text = page.inner_text("table.parties")
        assert APPLICANT in parties_text and RESPONDENT in parties_text
        assert _state(page) == "登记受理" and "矛盾纠纷" in page.inner_text(".ref-line")
        assert "尚未开始调解。" in page.inner_text("#mediation")

        # 2. ... dispatches it to the community's mediator.
        panel = _open(page, "#panel-t-assign")
        panel.locator("select[name=to_user]").select_option(mediator_user_pk)
        panel.locator("textarea[name=note]").fill("邻里纠纷，请柳湾社区人民调解委员会调解")
        _submit(page, panel, "分流交办")
        assert _state(page) == "分流交办"
        logout(page, base_url)

        # The mediator starts a people's mediation, which takes the case into 调解中 ...
        login(page, base_url, mediator_user)
        page.goto(case_url)
        start = _open(page, f"#panel-c{case_pk}-mediation-start")
        start.locator("select[name=channel]").select_option("people")
        start.locator("select[name=organisation]").select_option(village_pk)
        start.locator("input[name=applied_on]").fill(applied_on.isoformat())
        _submit(page, start, "已开始调解。")
        assert _state(page) == "调解中"
        block = page.locator("#mediation article.mediation")
        assert block.count() == 1 and "未指派" in block.locator("dl.facts").inner_text()
        # ... and chooses a mediator from the ranked suggestions (the parties asked for the community's own).
        assert "王调解" in block.locator(".mediator-suggestions").inner_text()
        assign = _open(page, "[id^=panel-m][id$=-assign]")
        assign.locator("select[name=mediator]").select_option(mediator_pk)
        assign.locator("input[name=reason]").fill("双方同意由社区调解员调解")
        _submit(page, assign, "已指派调解员。")
        assert "王调解" in page.locator("#mediation dl.facts").first.inner_text()

        # 3. Two sessions end without agreement; the mediation goes on.
        _hold_session(page, when=now - dt.timedelta(days=8), place="柳湾社区调解室", outcome="no_agreement",
                      minutes=f"{RESPONDENT}承认漏水，但认为修复费用过高；双方分歧较大，约定查勘后再调。")
        _hold_session(page, when=now - dt.timedelta(days=5), place="柳湾社区调解室", outcome="no_agreement",
                      minutes="查勘报告认定漏水源于楼上防水层老化；赔偿金额仍未谈拢。")
        sessions = page.locator(".mediation-sessions li.session-held")
        assert sessions.count() == 2
        assert all("未达成一致，继续调解" in sessions.nth(i).inner_text() for i in range(2))
        assert _state(page) == "调解中"
        assert page.locator("#mediation article.mediation-active").count() == 1
        mediation = Mediation.objects.get(case_id=case_pk)
        assert mediation.status == "active" and mediation.mediator_id == directory.near.pk
        assert list(mediation.sessions.order_by("number").values_list("outcome", flat=True)) == [
            "no_agreement", "no_agreement"]

        # 4. The third session agrees; the agreement is drawn up, signed, and downloaded as PDF.
        _hold_session(page, when=now - dt.timedelta(days=2), place="柳湾社区调解室", outcome="agreed",
                      minutes=f"{RESPONDENT}同意赔偿修复费用3000元并修复防水层，{APPLICANT}同意。")
        agreement_panel = _open(page, "[id^=panel-m][id$=-agreement]")
        agreement_panel.locator("textarea[name=facts]").fill(
            f"{RESPONDENT}家卫生间防水层老化漏水，致{APPLICANT}家天花板和衣柜受损。")
        agreement_panel.locator("textarea[name=terms]").fill(
            f"{RESPONDENT}赔偿{APPLICANT}修复费用3000元\n{RESPONDENT}于履行期限内修复卫生间防水层")
        agreement_panel.locator("textarea[name=performance_method]").fill("一次性转账支付")
        agreement_panel.locator("input[name=performance_deadline]").fill(performance_deadline.isoformat())
        _submit(page, agreement_panel, "已保存调解协议书")
        sign = _open(page, "[id^=panel-a][id$=-sign]")
        assert sign.locator("input[name=signed_on]").input_value() == today.isoformat()
        _submit(page, sign, "调解协议已生效，调解成功。")
        assert _state(page) == "调解成功"
        assert page.locator("#mediation article.mediation-succeeded").count() == 1

        with page.expect_download() as download_info:
            page.locator("#mediation a", has_text="下载 PDF").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
        data = Path(download.path()).read_bytes()

        # 5. The 30-day judicial-confirmation clock runs from the effective date.
        clock = page.locator("table.mediation-clocks tr", has_text="申请司法确认期限")
        assert clock.count() == 1
        assert clock.locator("time").inner_text() == jc_due.isoformat()
        assert clock.locator("time").get_attribute("datetime") == jc_due.isoformat()
        assert today.isoformat() in clock.inner_text() and "可申请（剩 30 日）" in clock.inner_text()
        confirmation = _open(page, "[id^=panel-a][id$=-confirmation]")
        confirmation.locator("input[name=applied_on]").fill(today.isoformat())
        confirmation.locator("input[name=court]").fill("A县人民法院")
        confirmation.locator("select[name=result]").select_option("pending")
        _submit(page, confirmation, "已登记司法确认。")
        clock = page.locator("table.mediation-clocks tr", has_text="申请司法确认期限")
        assert f"已于 {today.isoformat()} 申请（法院审查中）" in clock.inner_text()
        assert clock.locator("time").inner_text() == jc_due.isoformat()

        # ... and the performance follow-up of the one instalment is recorded.
        instalment = page.locator("table.mediation-instalments tr.instalment")
        assert instalment.count() == 1 and performance_deadline.isoformat() in instalment.inner_text()
        check = _open(page, "[id^=panel-i][id$=-check]")
        check.locator("input[name=result][value=performed]").check()
        check.locator("textarea[name=note]").fill(f"{APPLICANT}确认已收到3000元，防水层已修复。")
        _submit(page, check, "已保存履行回访。")
        instalment = page.locator("table.mediation-instalments tr.instalment")
        assert "已履行" in instalment.inner_text() and "instalment-done" in instalment.get_attribute("class")

        # 6. The mediator closes the case ...
        close = _open(page, "#panel-t-close")
        _submit(page, close, "办结")
        assert _state(page) == "办结"
        logout(page, base_url)

        # ... the center calls the applicant, who is not satisfied, and reopens the case for another round.
        login(page, base_url, center)
        page.goto(case_url)
        # Closing published case_closed, so the follow-up is already due: no one has to open it by hand.
        assert page.locator("#panel-fu-open").count() == 0
        call = _open(page, "[id^=panel-fu][id$=-call]")
        call.locator("input[name=reached][value=yes]").check()
        call.locator("input[name=settled][value=no]").check()
        call.locator("input[name=satisfaction][value=dissatisfied]").check()
        call.locator("textarea[name=resident_words]").fill("天花板又渗水了，对调解结果不满意")
        _submit(page, call, "已登记回访。")
        followup_text = page.inner_text("#followup")
        assert "不满意" in followup_text and "待中心复核" in followup_text
        assert _state(page) == "办结"
        reopen = _open(page, "[id^=panel-fu][id$=-reopen]")
        assert "不满意" in reopen.locator("textarea[name=note]").input_value()
        _submit(page, reopen, "案件已重新办理。")
        assert _state(page) == "调解中"
        followup_text = page.inner_text("#followup")
        assert "已重新办理" in followup_text and "待中心复核" not in followup_text
        assert page.locator(f"#panel-c{case_pk}-mediation-start").count() == 1  # a new mediation may start

    assert not csp_violations(console_errors), console_errors

    # The agreement PDF opens as a PDF and names both parties.
    from pypdf import PdfReader

    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = pdf_text(b"\n".join(page.get_contents().get_data() for page in reader.pages))
    agreement = Agreement.objects.get(mediation__case_id=case_pk)
    for expected in ("人民调解协议书", agreement.number, APPLICANT, RESPONDENT, "王调解", "3000"):
        assert expected in text, (expected, text)
    assert APPLICANT_PHONE not in text

    assert agreement.status == "effective" and agreement.signed_on == today
    assert agreement.judicial_confirmation_due == jc_due
    assert agreement.confirmation_applied_on == today and agreement.confirmation_result == "pending"
    assert [i.status for i in agreement.instalments.all()] == ["performed"]
    mediation = Mediation.objects.get(case_id=case_pk)
    assert mediation.status == "succeeded"
    assert list(mediation.sessions.order_by("number").values_list("outcome", flat=True)) == [
        "no_agreement", "no_agreement", "agreed"]
    case = Case.objects.select_related("state").get(pk=case_pk)
    assert case.state.code == "mediating" and case.is_open
    assert list(case.parties.order_by("pk").values_list("name", "role")) == [
        (APPLICANT, "applicant"), (RESPONDENT, "respondent")]
    followup = FollowUp.objects.get(case_id=case_pk)
    assert (followup.satisfaction, followup.settled, followup.review_status) == ("dissatisfied", "no", "reopened")
    assert followup.reviewed_by_id == county.center.pk
    actions = list(case.events.filter(kind="transition").order_by("created_at", "pk").values_list("action", flat=True))
    assert actions[-1] == "reopen" and "close" in actions and "succeed" in actions
