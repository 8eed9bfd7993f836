"""The mediation section of the case page and the mediation page, driven through their forms."""
from __future__ import annotations

import datetime as dt
import re

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.cases.models import Case
from fengqiao.cases.panels import panels_for
from fengqiao.mediation.choices import MediationStatus, SessionStatus
from fengqiao.mediation.models import Agreement, Mediation

HX = {"HTTP_HX_REQUEST": "true"}


def _local(delta: dt.timedelta) -> str:
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def _panel_html(user, case: Case) -> str:
    request = RequestFactory().get(f"/cases/{case.pk}/")
    request.user = user
    return "".join(render_to_string(panel.template, context, request=request) for panel, context in panels_for(request, case)
                   if panel.name == "mediation")


def test_the_whole_mediation_through_the_forms(client, county, directory, case):
    client.force_login(county.mediator)
    assert "开始调解" in _panel_html(county.mediator, case)
    response = client.post(reverse("mediation:start", args=[case.pk]), {
        "channel": "people", "organisation": directory.village.pk, "applied_on": timezone.localdate().isoformat(),
        "return_to": "case"}, **HX)
    assert response.status_code == 200 and response["HX-Redirect"] == reverse("cases:detail", args=[case.pk])
    mediation = Mediation.objects.get(case=case)

    panel = _panel_html(county.mediator, case)
    assert "推荐调解员" in panel and "王调解" in panel and f'id="panel-m{mediation.pk}-assign"' in panel
    assert client.post(reverse("mediation:assign", args=[mediation.pk]),
                       {"mediator": directory.near.pk, "return_to": "mediation"}).status_code == 303

    parties = [p.pk for p in case.parties.all()]
    response = client.post(reverse("mediation:session_schedule", args=[mediation.pk]), {
        "scheduled_at": _local(-dt.timedelta(hours=3)), "place": "柳湾社区调解室", "parties": parties,
        "staff": [county.grid_worker.pk], "return_to": "mediation"})
    assert response.status_code == 303 and response["Location"] == reverse("mediation:detail", args=[mediation.pk])
    session = mediation.sessions.get()
    assert client.post(reverse("mediation:session_minutes", args=[mediation.pk, session.pk]), {
        "outcome": "agreed", "attended_parties": parties, "minutes": "双方同意分两期支付。"}).status_code == 303
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD

    today = timezone.localdate()
    response = client.post(reverse("mediation:agreement_draft", args=[mediation.pk]), {
        "facts": "被申请人拖欠申请人工资三万元。", "terms": "被申请人分两期支付工资30000元。\n\n申请人不再追究其他责任。",
        "performance_method": "银行转账", "performance_deadline": (today + dt.timedelta(days=60)).isoformat(),
        "instalments": f"{(today + dt.timedelta(days=10)).isoformat()} 支付10000元\n"
                       f"{(today + dt.timedelta(days=60)).isoformat()} 支付20000元"})
    assert response.status_code == 303
    agreement = Agreement.objects.get(mediation=mediation)
    assert agreement.terms == ["被申请人分两期支付工资30000元。", "申请人不再追究其他责任。"]
    assert [i.description for i in agreement.instalments.all()] == ["支付10000元", "支付20000元"]
    assert client.post(reverse("mediation:agreement_sign", args=[mediation.pk]),
                       {"signed_on": today.isoformat()}).status_code == 303
    assert Case.objects.get(pk=case.pk).state.code == "mediated"

    page = client.get(reverse("mediation:detail", args=[mediation.pk])).content.decode()
    assert agreement.number in page and "申请司法确认期限" in page and "第33条" in page
    assert "下载 PDF" in page and "登记司法确认" in page and "回访第1期履行情况" in page
    assert not re.search(r"\d{17}[\dXx]", page) and "13812345678" not in page
    assert PersonalDataAccess.objects.filter(user=county.mediator, object_id=str(case.pk), kind="view").exists()

    first = agreement.instalments.get(number=1)
    assert client.post(reverse("mediation:performance_check", args=[mediation.pk, first.pk]), {
        "result": "performed", "checked_on": today.isoformat()}).status_code == 303
    assert client.post(reverse("mediation:confirmation", args=[mediation.pk]), {
        "applied_on": today.isoformat(), "court": "A县人民法院", "result": "pending"}).status_code == 303
    panel = _panel_html(county.mediator, Case.objects.get(pk=case.pk))
    assert "已于" in panel and "开始调解" not in panel  # the case is resolved: no new mediation offered


def test_errors_come_back_in_the_form(client, county, directory, case):
    client.force_login(county.mediator)
    wrong = client.post(reverse("mediation:start", args=[case.pk]), {
        "channel": "judicial", "organisation": directory.village.pk, "applied_on": "2026-09-02"}, **HX)
    assert wrong.status_code == 400
    body = wrong.content.decode()
    assert f'id="panel-c{case.pk}-mediation-start"' in body and "不能进行司法调解" in body
    plain = client.post(reverse("mediation:start", args=[case.pk]), {
        "channel": "judicial", "organisation": directory.village.pk, "applied_on": "2026-09-02"})
    assert plain.status_code == 400 and "不能进行司法调解" in plain.content.decode()
    assert not Mediation.objects.filter(case=case).exists()

    client.post(reverse("mediation:start", args=[case.pk]), {
        "channel": "people", "organisation": directory.village.pk, "applied_on": "2026-09-02"})
    mediation = Mediation.objects.get(case=case)
    far = client.post(reverse("mediation:session_schedule", args=[mediation.pk]), {
        "scheduled_at": _local(dt.timedelta(days=400)), "place": "调解室", "parties": [case.parties.first().pk]}, **HX)
    assert far.status_code == 400 and "调解时间不能晚于180天后" in far.content.decode()
    no_terms = client.post(reverse("mediation:agreement_draft", args=[mediation.pk]), {
        "facts": "事实", "terms": "\n \n", "performance_method": "转账", "performance_deadline": "2026-12-31"})
    assert no_terms.status_code == 400 and "至少要写明一条协议内容" in no_terms.content.decode()
    bad_line = client.post(reverse("mediation:agreement_draft", args=[mediation.pk]), {
        "facts": "事实", "terms": "支付", "performance_method": "转账", "instalments": "下个月 支付"}, **HX)
    assert bad_line.status_code == 400 and "第1行格式不对" in bad_line.content.decode()
    no_route = client.post(reverse("mediation:fail", args=[mediation.pk]), {"reason": "分歧过大"}, **HX)
    assert no_route.status_code == 400 and "第二十六条" in no_route.content.decode()
    assert not Agreement.objects.filter(mediation=mediation).exists() and not mediation.sessions.exists()
    assert Mediation.objects.get(pk=mediation.pk).status == MediationStatus.ACTIVE

    refusal = client.post(reverse("mediation:refusal", args=[mediation.pk]), {
        "party": case.parties.first().pk, "refused_on": "2026-09-05", "note": "不同意调解"})
    assert refusal.status_code == 303 and Mediation.objects.get(pk=mediation.pk).status == MediationStatus.REFUSED
    late = client.post(reverse("mediation:fail", args=[mediation.pk]), {"reason": "分歧过大", "routes": ["litigation"]}, **HX)
    assert late.status_code == 409 and "该调解已结束" in late.content.decode()


def test_the_directory_lists_mediators_with_their_load(client, county, directory):
    client.force_login(county.grid_worker)
    page = client.get(reverse("mediation:directory")).content.decode()
    for name in ("A柳湾社区人民调解委员会", "A县人民法院诉调对接中心", "王调解", "李调解", "劳动争议"):
        assert name in page
    assert "B柳湾社区人民调解委员会" not in page
    filtered = client.get(reverse("mediation:directory"), {"kind": "court_center"}).content.decode()
    assert "A县人民法院诉调对接中心" in filtered and "A柳湾社区人民调解委员会" not in filtered


def test_petitions_never_mediated_show_no_panel(county):
    from fengqiao.testing.factories import make_case

    petition = make_case(acting_user=county.center, region=county.grid, process="petition")
    request = RequestFactory().get("/")
    request.user = county.center
    assert all(panel.name != "mediation" for panel, _context in panels_for(request, petition))


def test_a_case_dispatched_elsewhere_is_not_taken_over(county, directory, case):
    from fengqiao.cases.services import case_transition
    from fengqiao.mediation.services import agreement_draft, agreement_sign, mediation_start

    case = case_transition(case=case, action="assign", acting_user=county.center, to_department=county.labour)
    mediation = mediation_start(case=case, acting_user=county.mediator, channel="people", organisation=directory.village,
                                applied_on=dt.date(2026, 9, 2))
    case = Case.objects.select_related("state").get(pk=case.pk)
    assert case.state.code == "dispatched" and case.lead_department == county.labour and case.lead_user is None
    assert "案件当前环节为“分流交办”" in _panel_html(county.mediator, case)
    case_transition(case=case, action="accept", acting_user=county.handler)
    agreement = agreement_draft(mediation=mediation, acting_user=county.mediator, facts="拖欠工资", terms=["支付工资"],
                                performance_method="转账", performance_deadline=dt.date(2026, 10, 31))
    agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=dt.date(2026, 9, 28))
    assert Case.objects.get(pk=case.pk).state.code == "mediated"
