"""Crisis language raises an alert at once and opens a care referral; ordinary complaints that share words
with it do not."""
from __future__ import annotations

import pytest

from fengqiao.care.models import Referral
from fengqiao.notifications.models import Notification
from fengqiao.triage.models import TriageResult

CRISIS = [
    ("工资拖了半年，家里老人孩子都等着钱，我实在活不下去了。", "self_harm"),
    ("包工头再不给钱我就从楼上跳下去，说到做到。", "self_harm"),
    ("前夫说离婚协议要是不改，就和他同归于尽。", "harm_others"),
]
ORDINARY = [
    "小区门口的商铺天天喇叭喊跳楼价甩卖，噪音很大，影响休息。",
    "早高峰死胡同里堵车，车辆掉不了头，希望交警疏导。",
    "物业客服回复说笑死了，态度很差，投诉物业服务。",
    "三号楼楼道灯坏了一个月，晚上看不见路，老人容易摔倒。",
    "夏天绿化带蚊子多，物业只会点蚊香烧死蚊子，请求统一消杀。",
]


def _alerts(case):
    return Notification.objects.filter(case=case, kind="crisis_alert")


@pytest.mark.parametrize(("narrative", "kind"), CRISIS)
def test_crisis_language_alerts_the_care_team_and_opens_a_referral(county, triaged, narrative, kind):
    """Issue 9 changed this on purpose: the alert goes to the care team of the area (counsellors, center staff,
    the case's own handler), no longer to leaders, and never to the police station, whatever the kind."""
    case = triaged(acting_user=county.grid_worker, region=county.grid, title="工人反映情况", narrative=narrative)
    result = TriageResult.objects.get(case=case)
    assert result.crisis is True and result.crisis_kind == kind and result.crisis_reasons
    assert result.crisis_dispatched_at is not None
    recipients = set(_alerts(case).values_list("recipient__username", flat=True))
    assert {county.counsellor.username, county.center.username, county.street_center.username} <= recipients
    assert county.leader.username not in recipients
    assert all(n.urgent for n in _alerts(case))
    referral = Referral.objects.get(case=case)
    assert referral.kind == kind and referral.status == "open" and referral.phrases == result.crisis_reasons
    assert referral.counsellor == county.counsellor  # the counsellor covering the area takes it at once
    assert not _alerts(case).filter(recipient=county.police_handler).exists()  # a person decides (人民调解法 Art. 25)
    assert "/care/" in _alerts(case).filter(recipient=county.counsellor).get().url


@pytest.mark.parametrize("narrative", ORDINARY)
def test_ordinary_complaints_sharing_words_raise_nothing(county, triaged, narrative):
    case = triaged(acting_user=county.grid_worker, region=county.grid, title="群众反映", narrative=narrative)
    result = TriageResult.objects.get(case=case)
    assert result.status == "done" and result.crisis is False
    assert not _alerts(case).exists()
    assert not Referral.objects.filter(case=case).exists()


def test_the_alert_is_sent_once_even_when_triage_runs_again(county, triaged, django_capture_on_commit_callbacks):
    from fengqiao.triage.services import triage_rerun

    case = triaged(acting_user=county.center, region=county.grid, narrative=CRISIS[0][0])
    before = _alerts(case).count()
    with django_capture_on_commit_callbacks(execute=True):
        triage_rerun(case=case, acting_user=county.center)
    assert _alerts(case).count() == before
    assert Referral.objects.filter(case=case).count() == 1


def test_a_failed_dispatch_is_retried_by_the_periodic_task(county, triaged):
    """A subscriber that fails rolls the whole dispatch back (no half-opened referral); the periodic sweep
    sends it again."""
    import datetime as dt

    from django.utils import timezone

    from fengqiao.triage.signals import crisis_detected
    from fengqiao.triage.tasks import triage_retry_pending

    calls = []

    def failing_subscriber(sender, **kwargs):
        calls.append(kwargs["case"].pk)
        raise RuntimeError("a subscriber is down")

    crisis_detected.connect(failing_subscriber, dispatch_uid="test-failing-subscriber")
    try:
        case = triaged(acting_user=county.center, region=county.grid, narrative=CRISIS[1][0])
    finally:
        crisis_detected.disconnect(dispatch_uid="test-failing-subscriber")
    result = TriageResult.objects.get(case=case)
    assert calls == [case.pk] and result.crisis and result.crisis_dispatched_at is None
    assert not Referral.objects.filter(case=case).exists() and not _alerts(case).exists()

    TriageResult.objects.filter(pk=result.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=2))
    assert triage_retry_pending() == 1
    result.refresh_from_db()
    assert result.crisis_dispatched_at is not None
    assert Referral.objects.filter(case=case).count() == 1 and _alerts(case).exists()


def test_staff_can_mark_a_crisis_the_text_did_not_show(county, triaged, client):
    """Scenario 6: the mediator marks a possible harm to others; the counsellor is told, the police station is not
    (issue 9: reporting to the police is the mediator's own action on the case, see care/tests/test_police_report.py)."""
    case = triaged(acting_user=county.mediator, region=county.community, title="离婚后分割房屋",
                   narrative="双方离婚后对房屋分割有争议，申请村调委会调解。")
    assert TriageResult.objects.get(case=case).crisis is False
    client.force_login(county.mediator)
    response = client.post(f"/triage/cases/{case.pk}/feedback/", {"field": "crisis", "chosen": "harm_others"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    referral = Referral.objects.get(case=case)
    assert referral.kind == "harm_others" and referral.source == "manual" and referral.opened_by == county.mediator
    assert not _alerts(case).filter(recipient=county.police_handler).exists()
    assert _alerts(case).filter(recipient=county.counsellor).exists()
