"""Refusals and redirections are steps with a written notice (告知书): the reason, the channel told (from the list
of its kind, a detail where the channel asks for one), a PDF, the portal; none counts as settled or closed.

Real dates: a petition received Tue 29 Sep 2026 and refused on Thu 8 Oct 2026, the first working day after
National Day (1-7 Oct)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.cases.models import CaseNotice, State
from fengqiao.cases.notice_pdf import notice_pdf
from fengqiao.cases.services import case_transition
from fengqiao.cases.services.create import PartyInput
from fengqiao.cases.tests.api_support import case_url, token_client
from fengqiao.cases.tests.helpers import put_in_state
from fengqiao.cases.tests.oversight_support import at, reload
from fengqiao.core.errors import ValidationFailed
from fengqiao.followup.figures import followup_figures
from fengqiao.followup.resolution import resolution_of
from fengqiao.portal.tests.helpers import RESIDENT_PHONE
from fengqiao.testing.factories import make_case, valid_id_number

REFUSED_ON = at(2026, 10, 8, 15)


@pytest.fixture
def on_refusal_day(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: REFUSED_ON)


@pytest.fixture
def petition(county):
    return make_case(acting_user=county.center, region=county.grid, process="petition", title="要求撤销法院判决",
                     received_at=at(2026, 9, 29),
                     parties=[PartyInput(name="王秀英", phone=RESIDENT_PHONE,
                                         id_number=valid_id_number(birth="19750312", seq="246"))])


def test_a_petition_is_not_accepted_without_the_channel_to_use(county, fresh, petition):
    with pytest.raises(ValidationFailed) as refused:
        case_transition(case=petition, action="decline", acting_user=fresh(county.center), note="属于诉讼程序处理的事项")
    assert "信访工作条例 第二十三条、第三十一条" in refused.value.message and "channel" in refused.value.field_errors
    assert reload(petition).state.code == "registered" and not CaseNotice.objects.exists()


def test_not_accepted_writes_the_notice_with_reason_channel_and_article(county, fresh, petition, on_refusal_day):
    case = case_transition(case=petition, action="decline", acting_user=fresh(county.center),
                           note="该事项已由人民法院作出生效判决", channel="litigation")
    assert case.state.code == "not_accepted" and case.state.ends_unsettled
    notice = CaseNotice.objects.get(case=case)
    assert (notice.kind, notice.channel_name, notice.issued_by) == ("petition_not_accepted", "诉讼", county.center)
    assert notice.issued_at == REFUSED_ON and notice.number == f"{case.reference}-告1"
    assert "王秀英：" in notice.text and "2026年9月29日" in notice.text and "该事项已由人民法院作出生效判决" in notice.text
    assert "提起诉讼" in notice.text and "信访工作条例 第三十一条第（一）项" in notice.text
    event = case.events.get(action="decline")
    assert event.data["notice"] == notice.pk and "告知途径：诉讼" in event.public_note


def test_a_channel_that_needs_a_detail_and_a_channel_of_another_kind_are_refused(county, fresh, petition):
    with pytest.raises(ValidationFailed) as missing:
        case_transition(case=petition, action="decline", acting_user=fresh(county.center), note="不属于本机关职权",
                        channel="competent_body")
    assert "channel_detail" in missing.value.field_errors
    with pytest.raises(ValidationFailed):  # 110 is a hotline channel, not one a petition refusal may name
        case_transition(case=petition, action="decline", acting_user=fresh(county.center), note="理由", channel="110")
    case = case_transition(case=petition, action="decline", acting_user=fresh(county.center), note="不属于本机关职权",
                           channel="competent_body", channel_detail="县自然资源局")
    assert "县自然资源局" in CaseNotice.objects.get(case=case).text


def test_a_legal_matter_goes_to_the_legal_channel(county, fresh, petition):
    case = put_in_state(petition, "dispatched", lead_department=county.labour)
    case = case_transition(case=case, action="refer_legal", acting_user=fresh(county.center),
                           note="反映对民事判决不服，属于诉讼权利救济事项", channel="court")
    notice = CaseNotice.objects.get(case=case)
    assert case.state.code == "legal_channel" and case.state.kind == "closed" and case.state.ends_unsettled
    assert notice.kind == "petition_legal_channel" and "信访工作条例 第二十二条第二款" in notice.text
    assert case.closed_at is not None


def test_a_dispute_the_center_declines_names_the_routes(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    with pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="decline", acting_user=fresh(county.center), note="属于合同纠纷")
    assert "人民调解法 第二十六条" in refused.value.message
    case = case_transition(case=case, action="decline", acting_user=fresh(county.center), note="属于商事合同纠纷",
                           channel="arbitration")
    assert case.state.code == "declined" and "申请仲裁" in CaseNotice.objects.get(case=case).text


def test_a_hotline_call_goes_to_an_emergency_line_or_is_told_another_channel(county, fresh):
    fire = make_case(acting_user=county.center, region=county.grid, process="workorder", title="楼道冒烟")
    fire = case_transition(case=fire, action="to_emergency", acting_user=fresh(county.center), note="正在冒烟",
                           channel="119")
    assert fire.state.code == "redirected" and "119" in CaseNotice.objects.get(case=fire).text
    shop = make_case(acting_user=county.center, region=county.grid, process="workorder", title="商家拒绝退货")
    with pytest.raises(ValidationFailed):
        case_transition(case=shop, action="redirect", acting_user=fresh(county.center), note="民事纠纷", channel="market")
    shop = case_transition(case=shop, action="redirect", acting_user=fresh(county.center), note="民事纠纷",
                           channel="market", channel_detail="消费者协会")
    assert shop.state.ends_unsettled and "消费者协会" in CaseNotice.objects.get(case=shop).text


def test_none_of_them_counts_as_closed_or_resolved(county, fresh, petition, on_refusal_day):
    refused = case_transition(case=petition, action="decline", acting_user=fresh(county.center), note="已判决",
                              channel="litigation")
    settled = make_case(acting_user=county.center, region=county.grid, received_at=at(2026, 10, 8, 9))
    settled = case_transition(case=settled, action="close", acting_user=fresh(county.center), note="当场化解")
    report = followup_figures(user=fresh(county.center), month=dt.date(2026, 10, 1), now=at(2026, 10, 31))
    assert report.total.closed == 1  # the settled dispute only
    assert resolution_of(reload(refused)) is None and resolution_of(reload(settled)) is not None


def test_the_notice_prints_as_a_pdf_for_staff_of_the_case_only(client, county, other_county, fresh, petition):
    case = case_transition(case=petition, action="decline", acting_user=fresh(county.center), note="已判决",
                           channel="litigation")
    notice = CaseNotice.objects.get(case=case)
    assert notice_pdf(notice=notice, invariant=True).startswith(b"%PDF")
    client.force_login(county.center)
    response = client.get(reverse("cases:notice_pdf", args=[case.pk, notice.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "attachment" in response["Content-Disposition"]
    client.force_login(other_county.center)
    assert client.get(reverse("cases:notice_pdf", args=[case.pk, notice.pk])).status_code == 404
    # nor through a case of their own: a notice is read only with the case it belongs to
    theirs = make_case(acting_user=other_county.center, region=other_county.grid, process="petition")
    assert client.get(reverse("cases:notice_pdf", args=[theirs.pk, notice.pk])).status_code == 404


def test_the_case_page_asks_for_the_channel_and_shows_the_notice(client, county, petition):
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[petition.pk])).content.decode()
    assert 'name="channel"' in page and "诉讼（信访工作条例 第三十一条第（一）项）" in page
    url = reverse("cases:transition", args=[petition.pk, "decline"])
    response = client.post(url, {"version": reload(petition).version, "note": "已判决"})
    assert response.status_code == 400 and "信访工作条例 第二十三条、第三十一条" in response.content.decode()
    response = client.post(url, {"version": reload(petition).version, "note": "已判决", "channel": "litigation"})
    assert response.status_code == 303
    page = client.get(reverse("cases:detail", args=[petition.pk])).content.decode()
    notice = CaseNotice.objects.get(case=petition)
    assert "书面告知" in page and reverse("cases:notice_pdf", args=[petition.pk, notice.pk]) in page


def test_the_api_takes_the_channel_and_returns_the_notice(county, petition):
    api = token_client(county.center)
    actions = api.get(case_url(petition.pk)).json()["available_actions"]
    decline = next(a for a in actions if a["action"] == "decline")
    assert decline["notice_kind"] == "petition_not_accepted"
    assert {"code": "litigation", "name": "诉讼", "legal_basis": "信访工作条例 第三十一条第（一）项",
            "needs_detail": False} in decline["notice_channels"]
    response = api.post(case_url(petition.pk, "transition"), {"action": "decline", "note": "已判决"}, format="json")
    assert response.status_code == 400 and "第三十一条" in response.json()["detail"]
    response = api.post(case_url(petition.pk, "transition"),
                        {"action": "decline", "note": "已判决", "channel": "litigation"}, format="json")
    assert response.status_code == 200
    assert response.json()["state"]["ends_unsettled"] is True
    notices = response.json()["notices"]
    assert [(n["kind"], n["channel"]) for n in notices] == [("petition_not_accepted", "诉讼")]


def test_the_portal_shows_the_reason_the_channel_and_the_pdf(client, county, fresh, petition):
    case = case_transition(case=petition, action="decline", acting_user=fresh(county.center), note="该事项已由法院判决",
                           channel="litigation")
    notice = CaseNotice.objects.get(case=case)
    pdf_url = reverse("portal:notice_pdf", args=[notice.pk])
    assert client.get(pdf_url).status_code == 404  # no looked-up case in this session
    response = client.post(reverse("portal:track"), {"code": case.tracking_code, "phone": RESIDENT_PHONE})
    assert response.status_code == 302
    page = client.get(reverse("portal:track_result")).content.decode()
    assert "信访事项不予受理告知书" in page and "该事项已由法院判决" in page and "提起诉讼" in page
    assert "已书面告知" in page and "已办结" not in page and pdf_url in page
    response = client.get(pdf_url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_existing_installations_get_the_flags_by_migration(db):
    import importlib

    from django.apps import apps

    State.objects.filter(process__code="petition", code="not_accepted").update(ends_unsettled=False)
    migration = importlib.import_module("fengqiao.cases.migrations.0005_refusal_notices_pause_grounds_head_approval")
    migration.forwards(apps, None)
    assert State.objects.get(process__code="petition", code="not_accepted").ends_unsettled
