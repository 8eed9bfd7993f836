"""Reporting to the police is a person's decision on the case (人民调解法 第二十五条; 个人信息保护法 第二十四条): a
mediator or center officer writes the reason and the message, sees exactly what will be sent and to whom, then
sends it to the police department covering the case's region. No automated path reaches the police."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.care.models import PoliceReport
from fengqiao.care.services import police_report_preview, police_report_send
from fengqiao.cases.models import CaseEvent
from fengqiao.core.errors import NotFoundError, PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.notifications.models import Notification
from fengqiao.regions.choices import DepartmentKind
from fengqiao.testing.factories import DepartmentFactory, make_case

REASON = "经电话了解，一方称已带着器械前往对方住处，可能发生冲突。"
MESSAGE = "青石街道柳湾社区一起邻里纠纷可能激化，请派员到场协助维护秩序。联系人：矛调中心值班室。"
RESIDENT_WORDS = "邻居再堵路我就拿菜刀砍死他们一家"


def _police_notes(county):
    return Notification.objects.filter(recipient=county.police_handler)


@pytest.fixture
def harm_case(county, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(acting_user=county.grid_worker, region=county.grid, title="邻里纠纷",
                         narrative=f"当事人在调解中说：{RESIDENT_WORDS}。")
    case.refresh_from_db()
    return case


def test_a_harm_to_others_crisis_alerts_the_care_team_and_never_the_police(county, harm_case):
    alerts = Notification.objects.filter(case=harm_case, kind="crisis_alert")
    assert alerts.filter(recipient=county.counsellor).exists() and alerts.filter(recipient=county.center).exists()
    assert not _police_notes(county).exists()
    assert not PoliceReport.objects.exists()


def test_the_preview_sends_nothing_and_shows_the_exact_text_and_recipients(county, harm_case, fresh):
    draft = police_report_preview(case=harm_case, acting_user=fresh(county.mediator), reason=REASON, message=MESSAGE)
    assert draft.department == county.police and draft.recipients == [county.police_handler]
    assert MESSAGE in draft.body and RESIDENT_WORDS not in draft.body and "人民调解法 第二十五条" in draft.body
    assert not _police_notes(county).exists() and not PoliceReport.objects.exists()


def test_sending_delivers_exactly_the_preview_with_a_timeline_event_and_an_audit_row(county, harm_case, fresh):
    mediator = fresh(county.mediator)
    draft = police_report_preview(case=harm_case, acting_user=mediator, reason=REASON, message=MESSAGE)
    report = police_report_send(case=harm_case, acting_user=mediator, reason=REASON, message=MESSAGE,
                                digest=draft.digest)
    note = _police_notes(county).get()
    assert (note.title, note.body) == (draft.title, draft.body) and note.urgent
    assert report.department == county.police and report.sent_by == county.mediator and report.reason == REASON
    assert report.message == draft.body and report.recipients == [county.police_handler.pk]
    event = CaseEvent.objects.get(case=harm_case, action="police_report")
    assert event.actor == county.mediator and REASON in event.note and county.police.name in event.note
    audit = AuditEntry.objects.get(action="care.police_report", object_id=str(harm_case.pk))
    assert audit.actor == county.mediator and audit.after["reason"] == REASON


def test_a_changed_text_after_the_preview_is_refused(county, harm_case, fresh):
    draft = police_report_preview(case=harm_case, acting_user=fresh(county.center), reason=REASON, message=MESSAGE)
    with pytest.raises(TransitionRefused):
        police_report_send(case=harm_case, acting_user=fresh(county.center), reason=REASON,
                           message=MESSAGE + RESIDENT_WORDS, digest=draft.digest)
    assert not _police_notes(county).exists()


@pytest.mark.parametrize("field", ["reason", "message"])
def test_reason_and_message_are_required(county, harm_case, fresh, field):
    values = {"reason": REASON, "message": MESSAGE, field: "  "}
    with pytest.raises(ValidationFailed) as refused:
        police_report_preview(case=harm_case, acting_user=fresh(county.mediator), **values)
    assert field in refused.value.field_errors


@pytest.mark.parametrize("who", ["grid_worker", "counsellor", "handler", "leader"])
def test_only_a_mediator_or_center_officer_reports(county, harm_case, fresh, who, django_capture_on_commit_callbacks):
    user = fresh(getattr(county, who))
    from fengqiao.cases.services import case_assign

    if who == "handler":  # a handler of the lead department sees the case but does not decide on the police
        with django_capture_on_commit_callbacks(execute=True):
            case_assign(case=harm_case, acting_user=fresh(county.center), to_department=county.labour)
    with pytest.raises((PermissionRefused, NotFoundError)):
        police_report_preview(case=harm_case, acting_user=user, reason=REASON, message=MESSAGE)


def test_the_police_is_known_by_its_kind_not_by_its_name(county, harm_case, fresh):
    county.police.name = "青石警务室"
    county.police.save(update_fields=["name"])
    DepartmentFactory(name="公安路社区服务中心", home_region=county.street, covers=[county.street])  # kind: other
    draft = police_report_preview(case=harm_case, acting_user=fresh(county.mediator), reason=REASON, message=MESSAGE)
    assert draft.department == county.police
    county.police.kind = DepartmentKind.OTHER
    county.police.save(update_fields=["kind"])
    with pytest.raises(TransitionRefused) as refused:
        police_report_preview(case=harm_case, acting_user=fresh(county.mediator), reason=REASON, message=MESSAGE)
    assert "110" in str(refused.value.message)


def test_the_case_page_offers_the_action_and_the_two_step_page_sends(county, harm_case, client):
    client.force_login(county.mediator)
    case_page = client.get(reverse("cases:detail", args=[harm_case.pk])).content.decode()
    url = reverse("care:police_report", args=[harm_case.pk])
    assert "报告公安机关" in case_page and url in case_page
    assert client.get(url).status_code == 200
    missing = client.post(url, {"step": "preview", "reason": "", "message": MESSAGE})
    assert missing.status_code == 400 and not _police_notes(county).exists()
    preview = client.post(url, {"step": "preview", "reason": REASON, "message": MESSAGE})
    html = preview.content.decode()
    assert preview.status_code == 200 and "发送前确认" in html and county.police.name in html
    assert str(county.police_handler) in html and MESSAGE in html
    assert not _police_notes(county).exists()  # a preview sends nothing
    digest = html.split('name="digest" value="')[1].split('"')[0]
    sent = client.post(url, {"step": "send", "reason": REASON, "message": MESSAGE, "digest": digest})
    assert sent.status_code == 302 and _police_notes(county).count() == 1
    after = client.get(reverse("cases:detail", args=[harm_case.pk])).content.decode()
    assert "已报告公安机关" in after


def test_people_without_the_decision_get_no_action_and_no_page(county, harm_case, client):
    client.force_login(county.grid_worker)
    page = client.get(reverse("cases:detail", args=[harm_case.pk])).content.decode()
    assert reverse("care:police_report", args=[harm_case.pk]) not in page
    assert client.get(reverse("care:police_report", args=[harm_case.pk])).status_code == 404


def test_line_breaks_as_a_browser_sends_them_back_do_not_change_the_report(county, harm_case, fresh):
    mediator = fresh(county.mediator)
    draft = police_report_preview(case=harm_case, acting_user=mediator, reason=REASON, message="第一行\n第二行")
    report = police_report_send(case=harm_case, acting_user=mediator, reason=REASON, message="第一行\r\n第二行",
                                digest=draft.digest)
    assert report.message == draft.body
