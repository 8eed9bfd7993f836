"""Risk levels follow the case events; a person's override is audited, shown, and ends with the case."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.services import case_transition
from fengqiao.cases.services.create import PartyInput
from fengqiao.core.errors import NotFoundError, PermissionRefused, ValidationFailed
from fengqiao.warning.choices import AlertKind
from fengqiao.warning.models import Alert, RiskAssessment, RiskOverride, RiskWeights
from fengqiao.warning.services.risk import (
    risk_override_clear,
    risk_override_set,
    risk_recompute,
    risk_weights_current,
    risk_weights_save,
)
from fengqiao.warning.tests.conftest import workers


def test_a_new_many_party_case_is_scored_when_its_creation_commits(county, registered):
    case = registered(acting_user=county.center, region=county.grid,
                      parties=[*workers(23), PartyInput(name="青溪宏达建筑劳务有限公司", role="respondent", kind="organisation")])
    row = RiskAssessment.objects.get(case=case)
    assert row.level == "yellow" and row.score == 35
    assert row.reasons == [{"code": "many_parties", "points": 35, "value": 24}]
    assert row.weights == risk_weights_current()


def test_a_case_is_rescored_on_its_next_event(county, fresh, registered, django_capture_on_commit_callbacks):
    case = registered(acting_user=county.center, region=county.grid, title="邻里纠纷", narrative="楼上漏水。",
                      parties=[PartyInput(name="王某", phone="13900000001")])
    assert RiskAssessment.objects.get(case=case).level == "none"
    RiskWeights.objects.create(version=2, weights={**risk_weights_current().weights, "yellow": 1, "shared_place": 1},
                               note="测试")
    RiskAssessment.objects.filter(case=case).update(score=99)
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case=case, action="accept", acting_user=fresh(county.center))
    row = RiskAssessment.objects.get(case=case)
    assert row.score == 0 and row.weights.version == 2  # recomputed with the weights now in force


def test_closing_the_case_ends_its_level_and_override(county, fresh, registered, django_capture_on_commit_callbacks):
    case = registered(acting_user=county.center, region=county.grid, parties=workers(8))
    risk_override_set(case_id=case.pk, level="orange", note="现场情绪激动", acting_user=fresh(county.center))
    with django_capture_on_commit_callbacks(execute=True):
        case = case_transition(case=case, action="close", acting_user=fresh(county.center), note="就地化解")
    assert not RiskAssessment.objects.filter(case=case).exists()
    override = RiskOverride.objects.get(case=case)
    assert override.cleared_at is not None and override.clear_note == "案件已办结"
    assert AuditEntry.objects.filter(action="warning.override_cleared", object_id=str(override.pk),
                                     actor__isnull=True).exists()


def test_override_is_audited_shown_and_stays_until_cleared(county, fresh, registered, client):
    case = registered(acting_user=county.center, region=county.grid, parties=workers(2))
    override = risk_override_set(case_id=case.pk, level="red", note="当事人扬言堵路", acting_user=fresh(county.leader))
    entry = AuditEntry.objects.get(action="warning.override_set", object_id=str(override.pk))
    assert entry.actor == county.leader and entry.after == {"level": "red", "note": "当事人扬言堵路"}
    alert = Alert.objects.get(kind=AlertKind.RED_RISK, subject_id=case.pk)
    assert alert.assignee == county.leader and alert.detail["override"] is True
    risk_recompute(case_ids=[case.pk])  # the computed level is none, the override stands
    assert RiskOverride.objects.get(pk=override.pk).cleared_at is None
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "当事人扬言堵路" in page and str(county.leader) in page and 'data-risk-level="red"' in page
    risk_override_clear(case_id=case.pk, note="已稳控", acting_user=fresh(county.center))
    assert AuditEntry.objects.filter(action="warning.override_cleared", actor=county.center).exists()
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-risk-level="none"' in page


def test_override_refusals(county, other_county, fresh, registered):
    case = registered(acting_user=county.center, region=county.grid, parties=workers(2))
    with pytest.raises(PermissionRefused):
        risk_override_set(case_id=case.pk, level="red", note="x", acting_user=fresh(county.grid_worker))
    with pytest.raises(NotFoundError):
        risk_override_set(case_id=case.pk, level="red", note="x", acting_user=fresh(other_county.center))
    with pytest.raises(NotFoundError):
        risk_override_set(case_id=999999, level="red", note="x", acting_user=fresh(county.center))
    with pytest.raises(ValidationFailed):
        risk_override_set(case_id=case.pk, level="purple", note="x", acting_user=fresh(county.center))
    with pytest.raises(ValidationFailed):
        risk_override_set(case_id=case.pk, level="red", note="  ", acting_user=fresh(county.center))
    assert not RiskOverride.objects.exists()


def test_override_form_on_an_unknown_case_is_404_and_a_bad_form_is_400(county, registered, client):
    case = registered(acting_user=county.center, region=county.grid, parties=workers(2))
    client.force_login(county.center)
    assert client.post(reverse("warning:override", args=[999999]), {"level": "red", "note": "x"}).status_code == 404
    assert client.post(reverse("warning:override", args=[case.pk]), {"level": "red", "note": ""}).status_code == 400
    response = client.post(reverse("warning:override", args=[case.pk]), {"level": "orange", "note": "当日处置"})
    assert response.status_code == 303 and RiskOverride.objects.get(case=case).level == "orange"


def test_weights_are_versioned_and_audited(county, fresh, client):
    first = risk_weights_current()
    with pytest.raises(PermissionRefused):
        risk_weights_save(weights=first.weights, note="x", acting_user=fresh(county.center))
    with pytest.raises(ValidationFailed):
        risk_weights_save(weights={**first.weights, "red": 1}, note="阈值", acting_user=fresh(county.admin))
    second = risk_weights_save(weights={**first.weights, "many_parties": 40}, note="群体性加重",
                               acting_user=fresh(county.admin))
    assert second.version == first.version + 1 and risk_weights_current() == second
    assert RiskWeights.objects.get(pk=first.pk).weights["many_parties"] == 35  # history kept
    entry = AuditEntry.objects.get(action="warning.weights_saved")
    assert entry.before["version"] == first.version and entry.after["weights"]["many_parties"] == 40
    client.force_login(county.admin)
    data = {**second.weights, "many_parties": 45, "note": "页面修改"}
    assert client.post(reverse("warning:weights"), data).status_code == 303
    assert risk_weights_current().weights["many_parties"] == 45


def test_risk_list_shows_levels_with_reasons_within_scope(county, registered, client):
    from fengqiao.testing.factories import UserFactory, grant

    case = registered(acting_user=county.center, region=county.grid, parties=workers(8))
    client.force_login(county.street_center)
    page = client.get(reverse("warning:risks")).content.decode()
    assert f'data-case="{case.pk}"' in page and "涉及 8 人" in page
    assert f'data-case="{case.pk}"' not in client.get(reverse("warning:risks") + "?level=red").content.decode()
    client.force_login(grant(UserFactory(), "center", county.other_street))
    assert f'data-case="{case.pk}"' not in client.get(reverse("warning:risks")).content.decode()
    client.force_login(county.grid_worker)
    assert client.get(reverse("warning:risks")).status_code == 404


def test_weights_page_shows_history_and_refuses_non_admins(county, client):
    risk_weights_current()
    client.force_login(county.center)
    page = client.get(reverse("warning:weights"))
    assert page.status_code == 200 and "v1" in page.content.decode()
    assert client.post(reverse("warning:weights"), {"note": "x", "red": 1}).status_code == 403
    assert RiskWeights.objects.count() == 1


def test_crisis_language_marked_after_registration_raises_the_level_at_once(
        county, fresh, registered, django_capture_on_commit_callbacks):
    from fengqiao.triage.services import triage_feedback

    case = registered(acting_user=county.center, region=county.grid, title="邻里纠纷", narrative="楼上漏水。",
                      parties=[PartyInput(name="王某", phone="13900000001")])
    assert RiskAssessment.objects.get(case=case).level == "none"
    with django_capture_on_commit_callbacks(execute=True):  # no case event: the crisis finding alone
        triage_feedback(case=case, field="crisis", chosen="self_harm", acting_user=fresh(county.center))
    row = RiskAssessment.objects.get(case=case)
    assert "crisis_language" in [reason["code"] for reason in row.reasons]
    assert row.level != "none"
