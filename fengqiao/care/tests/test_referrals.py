"""Crisis referrals: the counsellor covering the area gets the case and records contacts; center staff assign;
an unassigned referral can be taken; closing needs a note; hotlines show on the case page."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.accounts.models import Membership
from fengqiao.audit.models import AuditEntry, PersonalDataAccess
from fengqiao.care.models import Hotline, Referral, ReferralContact
from fengqiao.care.services import ContactInput, referral_contact_record, referral_open
from fengqiao.cases.models import Assignment
from fengqiao.core.errors import PermissionRefused, ValidationFailed
from fengqiao.notifications.models import Notification
from fengqiao.testing.factories import UserFactory, grant


def _now_local() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def test_the_counsellor_records_a_contact(county, crisis_case, client, fresh):
    referral = Referral.objects.get(case=crisis_case)
    assert referral.counsellor == county.counsellor and referral.status == "open"
    task = Assignment.objects.get(case=crisis_case, user=county.counsellor, role="co", status="active")
    client.force_login(county.counsellor)
    assert client.get(reverse("cases:detail", args=[crisis_case.pk])).status_code == 200  # read access by co-assignment
    page = client.get(reverse("care:detail", args=[referral.pk]))
    assert page.status_code == 200 and "12356" in page.content.decode()
    assert PersonalDataAccess.objects.filter(user=county.counsellor, object_type="care.referral").exists()

    follow_up = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(reverse("care:contact", args=[referral.pk]), {
        "at": _now_local(), "method": "phone", "reached": "yes",
        "outcome": "电话联系上本人，情绪激动但愿意沟通，已告知人社局正在协调。",
        "safety_plan": "家人陪同，情绪波动时拨打 12356。", "next_follow_up": follow_up.isoformat(),
    })
    assert response.status_code == 303
    referral.refresh_from_db()
    contact = ReferralContact.objects.get(referral=referral)
    assert contact.by == county.counsellor and contact.reached and contact.method == "phone"
    assert referral.status == "contacted" and referral.follow_up_on == follow_up
    task.refresh_from_db()
    assert task.status == "done"  # the co-handler task ends; the counsellor keeps read access
    assert client.get(reverse("cases:detail", args=[crisis_case.pk])).status_code == 200
    assert AuditEntry.objects.filter(action="care.contact_record", object_id=str(referral.pk)).exists()


def test_an_unreached_attempt_keeps_the_referral_open(county, crisis_case, fresh):
    referral = Referral.objects.get(case=crisis_case)
    referral_contact_record(referral=referral, acting_user=fresh(county.counsellor), data=ContactInput(
        at=timezone.now(), method="phone", reached=False, outcome="无人接听，稍后再打。"))
    referral.refresh_from_db()
    assert referral.status == "open"
    assert Assignment.objects.get(case=crisis_case, user=county.counsellor).status == "active"


def test_a_contact_needs_an_outcome_and_a_sensible_time(county, crisis_case, client):
    referral = Referral.objects.get(case=crisis_case)
    client.force_login(county.counsellor)
    response = client.post(reverse("care:contact", args=[referral.pk]),
                           {"at": _now_local(), "method": "phone", "reached": "yes", "outcome": ""},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    later = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("care:contact", args=[referral.pk]),
                           {"at": later, "method": "phone", "reached": "yes", "outcome": "已联系"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and "不能晚于现在" in response.content.decode()
    assert not ReferralContact.objects.exists()


def test_only_the_responsible_people_record_contacts(county, crisis_case, fresh):
    referral = Referral.objects.get(case=crisis_case)
    with pytest.raises(PermissionRefused):
        referral_contact_record(referral=referral, acting_user=fresh(county.grid_worker), data=ContactInput(
            at=timezone.now(), method="visit", reached=True, outcome="上门看望"))
    referral_contact_record(referral=referral, acting_user=fresh(county.center), data=ContactInput(
        at=timezone.now(), method="visit", reached=True, outcome="中心工作人员上门看望"))


def test_the_nearest_counsellor_is_on_call_and_center_staff_can_reassign(county, fresh, client,
                                                                        django_capture_on_commit_callbacks):
    street_counsellor = grant(UserFactory(username="A-street-counsellor"), "counsellor", county.street)
    with django_capture_on_commit_callbacks(execute=True):
        referral, created = referral_open(case=_case(county), kind="self_harm", phrases=["不想活了"])
    assert created and referral.counsellor == street_counsellor  # street level is nearer than county level
    client.force_login(county.center)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("care:assign", args=[referral.pk]), {"counsellor": county.counsellor.pk})
    assert response.status_code == 303
    referral.refresh_from_db()
    assert referral.counsellor == county.counsellor
    assert Assignment.objects.filter(case=referral.case, user=county.counsellor, role="co").exists()
    assert Notification.objects.filter(recipient=county.counsellor, kind="case_assigned").exists()
    client.force_login(county.grid_worker)
    assert client.post(reverse("care:assign", args=[referral.pk]), {"counsellor": street_counsellor.pk}).status_code == 404


def _case(county):
    from fengqiao.testing.factories import make_case

    return make_case(acting_user=county.center, region=county.grid, narrative="家庭矛盾，情绪低落。")


def test_an_unassigned_referral_can_be_taken_by_a_counsellor_of_the_area(county, fresh, client):
    Membership.objects.filter(user=county.counsellor).update(is_active=False)
    referral, _created = referral_open(case=_case(county), kind="self_harm", phrases=["不想活了"])
    assert referral.counsellor is None
    Membership.objects.filter(user=county.counsellor).update(is_active=True)
    client.force_login(county.counsellor)
    assert client.get(reverse("cases:detail", args=[referral.case.pk])).status_code == 404  # not yet
    assert "由我负责" in client.get(reverse("care:detail", args=[referral.pk])).content.decode()
    assert client.post(reverse("care:take", args=[referral.pk])).status_code == 303
    referral.refresh_from_db()
    assert referral.counsellor == county.counsellor
    assert client.get(reverse("cases:detail", args=[referral.case.pk])).status_code == 200


def test_closing_needs_a_note_and_ends_the_task(county, crisis_case, fresh):
    from fengqiao.care.services import referral_close

    referral = Referral.objects.get(case=crisis_case)
    with pytest.raises(ValidationFailed):
        referral_close(referral=referral, acting_user=fresh(county.counsellor), note=" ")
    referral_close(referral=referral, acting_user=fresh(county.counsellor), note="工资已结清，本人情绪平稳。")
    referral.refresh_from_db()
    assert referral.status == "closed" and referral.closed_by == county.counsellor
    assert Assignment.objects.get(case=crisis_case, user=county.counsellor).status == "done"
    again, created = referral_open(case=crisis_case, kind="self_harm", phrases=["又说不想活了"])
    assert created and again.pk != referral.pk  # a new crisis after closing is a new referral


def test_the_list_is_scoped_to_the_area(county, other_county, crisis_case, client):
    referral = Referral.objects.get(case=crisis_case)
    client.force_login(county.counsellor)
    assert f'data-referral="{referral.pk}"' in client.get(reverse("care:list")).content.decode()
    client.force_login(county.leader)
    assert f'data-referral="{referral.pk}"' in client.get(reverse("care:list")).content.decode()
    for user in (other_county.counsellor, other_county.leader, county.handler):
        client.force_login(user)
        assert f'data-referral="{referral.pk}"' not in client.get(reverse("care:list") + "?status=all").content.decode()


@pytest.mark.parametrize("who", ["counsellor", "center", "leader", "admin", "grid_worker"])
def test_other_county_gets_404_on_every_care_url(county, other_county, crisis_case, client, who):
    referral = Referral.objects.get(case=crisis_case)
    client.force_login(getattr(other_county, who))
    for name in ("detail", "contact", "assign", "take", "close"):
        for method in ("get", "post"):
            forbidden = getattr(client, method)(reverse(f"care:{name}", args=[referral.pk]), {"note": "x"})
            missing = getattr(client, method)(reverse(f"care:{name}", args=[987654321]), {"note": "x"})
            assert forbidden.status_code in (404, 405) and forbidden.status_code == missing.status_code, name
    referral.refresh_from_db()
    assert referral.status == "open" and not referral.contacts.exists()


def test_the_case_page_shows_hotlines_for_a_crisis_case_only(county, crisis_case, client):
    from fengqiao.testing.factories import make_case

    Hotline.objects.filter(number="400-161-9995").update(number="400-161-9996")
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[crisis_case.pk])).content.decode()
    assert 'id="care-panel"' in page and "12356" in page and "400-161-9996" in page and "110" in page
    plain = make_case(acting_user=county.center, region=county.grid, narrative="楼道灯坏了。")
    plain_page = client.get(reverse("cases:detail", args=[plain.pk])).content.decode()
    # issue 9: the panel now also carries the "报告公安机关" action for center staff; the hotlines stay crisis-only
    assert "12356" not in plain_page and "400-161-9996" not in plain_page and "报告公安机关" in plain_page
    client.force_login(county.grid_worker)
    assert 'id="care-panel"' not in client.get(reverse("cases:detail", args=[plain.pk])).content.decode()


def test_alerts_speak_of_care_not_of_suspects(county, crisis_case):
    alerts = Notification.objects.filter(case=crisis_case, kind="crisis_alert")
    assert alerts.exists()
    for alert in alerts:
        text = alert.title + alert.body
        assert "关心" in text or "安全" in text
        assert not any(word in text for word in ("嫌疑", "危险分子", "危险人物", "闹事"))


def test_hotlines_are_seeded_and_editable_in_the_admin(db, client):
    numbers = set(Hotline.objects.values_list("number", flat=True))
    assert {"12356", "400-161-9995", "110", "120"} <= numbers
    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)
    line = Hotline.objects.get(number="12356")
    response = client.post(reverse("admin:care_hotline_change", args=[line.pk]), {
        "name": line.name, "number": "12356", "description": "全国统一心理援助热线（24小时）", "scope": "all",
        "order": 0, "is_active": "on",
    })
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="admin.hotline.change", object_id=str(line.pk)).exists()
    for name in ("care_referral", "care_referralcontact"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_the_navigation_leads_to_the_care_list_and_the_triage_queue(county, client):
    client.force_login(county.counsellor)
    page = client.get(reverse("care:list")).content.decode()
    assert f'href="{reverse("care:list")}"' in page and f'href="{reverse("triage:queue")}"' not in page
    client.force_login(county.center)
    page = client.get(reverse("care:list")).content.decode()
    assert f'href="{reverse("care:list")}"' in page and f'href="{reverse("triage:queue")}"' in page
    client.force_login(county.grid_worker)
    assert f'href="{reverse("care:list")}"' not in client.get(reverse("cases:my_work")).content.decode()
