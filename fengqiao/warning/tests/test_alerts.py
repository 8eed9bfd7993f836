"""The alerts inbox: one open alert per key, actions audited, scoped by region, counted in the navigation."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.core.errors import NotFoundError, TransitionRefused, ValidationFailed
from fengqiao.notifications.models import Notification
from fengqiao.testing.factories import UserFactory, grant
from fengqiao.warning.choices import AlertKind, AlertStatus
from fengqiao.warning.models import Alert
from fengqiao.warning.selectors import alerts_grouped, open_alert_count
from fengqiao.warning.services.alerts import alert_acknowledge, alert_act, alert_dismiss, alert_raise
from fengqiao.warning.services.risk import risk_override_set, risk_recompute
from fengqiao.warning.tests.conftest import workers


def raise_for(region, subject_id: int = 1, key: str = "red_risk:case:1") -> Alert:
    return alert_raise(kind=AlertKind.RED_RISK, subject_type="case", subject_id=subject_id, region=region,
                       dedup_key=key, title=f"红色风险 {subject_id}")


def test_raising_the_same_thing_again_counts_on_the_open_alert(county):
    first = raise_for(county.grid)
    again = raise_for(county.grid)
    assert again.pk == first.pk and Alert.objects.count() == 1 and Alert.objects.get().occurrences == 2
    assert AuditEntry.objects.filter(action="warning.alert_raised").count() == 1
    assert Notification.objects.filter(recipient=county.leader).count() == 1  # told once, not per occurrence


def test_a_red_case_raised_again_does_not_open_a_second_alert(county, fresh, registered):
    case = registered(acting_user=county.center, region=county.grid, parties=workers(2))
    risk_override_set(case_id=case.pk, level="red", note="扬言上访堵路", acting_user=fresh(county.center))
    risk_override_set(case_id=case.pk, level="red", note="再次确认", acting_user=fresh(county.leader))
    risk_recompute(case_ids=[case.pk])
    alert = Alert.objects.get(kind=AlertKind.RED_RISK, subject_id=case.pk)
    assert Alert.objects.filter(kind=AlertKind.RED_RISK).count() == 1 and alert.occurrences == 2
    alert_dismiss(alert_id=alert.pk, reason="已稳控", acting_user=fresh(county.leader))
    risk_override_set(case_id=case.pk, level="red", note="又起冲突", acting_user=fresh(county.center))
    assert Alert.objects.filter(kind=AlertKind.RED_RISK, status=AlertStatus.NEW).count() == 1  # a new episode


def test_acknowledge_act_and_dismiss_leave_a_trail(county, fresh):
    alert = raise_for(county.grid)
    alert_acknowledge(alert_id=alert.pk, acting_user=fresh(county.leader))
    with pytest.raises(TransitionRefused):
        alert_acknowledge(alert_id=alert.pk, acting_user=fresh(county.leader))
    with pytest.raises(ValidationFailed):
        alert_act(alert_id=alert.pk, note=" ", acting_user=fresh(county.leader))
    alert_act(alert_id=alert.pk, note="召开联席会议", acting_user=fresh(county.leader))
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTED and alert.handled_by == county.leader and alert.note == "召开联席会议"
    actions = list(AuditEntry.objects.filter(object_id=str(alert.pk), object_type="warning.alert")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["warning.alert_raised", "warning.alert_acknowledged", "warning.alert_acted"]
    with pytest.raises(TransitionRefused):
        alert_dismiss(alert_id=alert.pk, reason="x", acting_user=fresh(county.leader))
    other = raise_for(county.grid, 2, "red_risk:case:2")
    with pytest.raises(ValidationFailed):
        alert_dismiss(alert_id=other.pk, reason="", acting_user=fresh(county.center))
    alert_dismiss(alert_id=other.pk, reason="误报：当事人已和解", acting_user=fresh(county.center))
    assert Alert.objects.get(pk=other.pk).status == AlertStatus.DISMISSED


def test_alerts_are_scoped_to_the_viewers_region(county, other_county, fresh, client):
    mine = raise_for(county.grid)
    theirs = raise_for(county.other_grid, 2, "red_risk:case:2")
    other_street_center = grant(UserFactory(), "center", county.other_street)
    assert open_alert_count(user=fresh(county.street_center)) == 1
    assert open_alert_count(user=fresh(county.leader)) == 2
    assert open_alert_count(user=fresh(county.grid_worker)) == 0
    with pytest.raises(NotFoundError):
        alert_acknowledge(alert_id=mine.pk, acting_user=fresh(other_street_center))
    with pytest.raises(NotFoundError):
        alert_acknowledge(alert_id=mine.pk, acting_user=fresh(other_county.leader))
    client.force_login(other_street_center)
    assert client.get(reverse("warning:alert", args=[mine.pk])).status_code == 404
    assert client.get(reverse("warning:alert", args=[theirs.pk])).status_code == 200
    assert client.post(reverse("warning:acknowledge", args=[mine.pk])).status_code == 404
    listing = client.get(reverse("warning:alerts")).content.decode()
    assert f'data-alert="{theirs.pk}"' in listing and f'data-alert="{mine.pk}"' not in listing
    client.force_login(county.grid_worker)
    assert client.get(reverse("warning:alerts")).status_code == 404
    assert "warning/alerts" not in client.get(reverse("cases:my_work")).content.decode()


def test_inbox_groups_by_kind_and_place_and_the_navigation_counts_open_alerts(county, fresh, client):
    for number in range(3):
        raise_for(county.grid, number, f"red_risk:case:{number}")
    raise_for(county.other_grid, 9, "red_risk:case:9")
    groups = alerts_grouped(user=fresh(county.leader))
    assert sorted(len(g.alerts) for g in groups) == [1, 3]
    client.force_login(county.leader)
    page = client.get(reverse("cases:my_work")).content.decode()
    assert 'data-open-alerts="4"' in page
    assert client.get(reverse("warning:alert", args=[999999])).status_code == 404


def test_alert_pages_act_and_refuse_bad_input(county, client):
    alert = raise_for(county.grid)
    client.force_login(county.leader)
    assert client.post(reverse("warning:acknowledge", args=[alert.pk])).status_code == 303
    assert client.post(reverse("warning:dismiss", args=[alert.pk]), {"note": ""}).status_code == 400
    assert client.post(reverse("warning:act", args=[alert.pk]), {"note": "已约谈物业公司"}).status_code == 303
    page = client.get(reverse("warning:alert", args=[alert.pk])).content.decode()
    assert 'data-alert-status="acted"' in page and "已约谈物业公司" in page and "warning.alert_acknowledged" in page


def test_a_computed_red_level_raises_one_alert_to_the_area_leader(county, registered):
    from fengqiao.warning.models import RiskWeights
    from fengqiao.warning.services.risk import risk_weights_current

    RiskWeights.objects.create(version=risk_weights_current().version + 1,
                               weights={**risk_weights_current().weights, "many_parties": 80}, note="测试")
    street_leader = grant(UserFactory(), "leader", county.street)
    case = registered(acting_user=county.center, region=county.grid, parties=workers(12))
    alert = Alert.objects.get(kind=AlertKind.RED_RISK, subject_id=case.pk)
    assert alert.assignee == street_leader  # the nearest level's leader before the county's
    assert alert.detail["reasons"][0]["code"] == "many_parties"
    risk_recompute(case_ids=[case.pk])
    assert Alert.objects.get(pk=alert.pk).occurrences == 1
