"""The center reviews a "not settled / dissatisfied" follow-up: reopen through the process's own steps, or explain."""
from __future__ import annotations

import pytest

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case, CaseEvent
from fengqiao.cases.services import case_transition
from fengqiao.cases.tests.helpers import petition_step
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.followup.choices import ReviewStatus
from fengqiao.followup.services import (
    followup_call_record,
    followup_create_for,
    followup_reopen,
    followup_review_dismiss,
    reopen_path,
)
from fengqiao.testing.factories import make_case


def unhappy(case, user):
    followup = followup_create_for(case=case)
    followup_call_record(followup=followup, acting_user=user, reached=True, settled="no", satisfaction="dissatisfied",
                         resident_words="问题没解决")
    followup.refresh_from_db()
    return followup


def test_a_mediated_dispute_is_followed_up_then_reopened(mediated, county, fresh):
    followup = unhappy(mediated, fresh(county.grid_worker))
    assert [t.action for t in reopen_path(Case.objects.get(pk=mediated.pk))] == ["follow_up", "reopen"]
    followup_reopen(followup=followup, acting_user=fresh(county.center), note="群众反映噪音仍在，重新调解")
    case = Case.objects.get(pk=mediated.pk)
    assert case.state.code == "mediating"
    steps = list(CaseEvent.objects.filter(case=case, kind="transition").values_list("action", flat=True))
    assert steps[-2:] == ["follow_up", "reopen"]
    reopen = CaseEvent.objects.filter(case=case, action="reopen").get()
    assert reopen.actor_id == county.center.pk and "重新办理" in reopen.public_note
    followup.refresh_from_db()
    assert followup.review_status == ReviewStatus.REOPENED and followup.reviewed_by_id == county.center.pk
    assert AuditEntry.objects.filter(action="followup.reopen", object_id=str(followup.pk)).exists()
    with pytest.raises(TransitionRefused):
        followup_reopen(followup=followup, acting_user=fresh(county.center), note="再来一次")


def test_a_closed_work_order_is_reopened_directly(closed_order, county, fresh):
    followup = unhappy(closed_order, fresh(county.center))
    followup_reopen(followup=followup, acting_user=fresh(county.center), note="路灯仍未修好")
    assert Case.objects.get(pk=closed_order.pk).state.code == "handling"


def test_only_center_staff_leaders_and_admins_decide(mediated, county, fresh):
    followup = unhappy(mediated, fresh(county.grid_worker))
    for user in (county.grid_worker, county.mediator):
        with pytest.raises(PermissionRefused):
            followup_reopen(followup=followup, acting_user=fresh(user), note="重新调解")
    with pytest.raises(ValidationFailed):
        followup_reopen(followup=followup, acting_user=fresh(county.center), note=" ")
    assert Case.objects.get(pk=mediated.pk).state.code == "mediated"


def test_an_answered_petition_has_no_reopen_and_the_review_is_recorded_instead(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid, process="petition", channel="letter")
    case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
    case = case_transition(case=case, action="answer", acting_user=fresh(county.center), note="已出具处理意见书",
                           **petition_step(case, "answer", body=county.police))
    followup = unhappy(case, fresh(county.center))
    assert reopen_path(Case.objects.get(pk=case.pk)) is None
    with pytest.raises(TransitionRefused):
        followup_reopen(followup=followup, acting_user=fresh(county.center), note="重新办理")
    followup_review_dismiss(followup=followup, acting_user=fresh(county.center),
                            note="已告知信访人可在30日内申请复查")
    followup.refresh_from_db()
    assert followup.review_status == ReviewStatus.DISMISSED
    assert CaseEvent.objects.filter(case=case, action="followup_review_dismissed").exists()


def test_the_reopen_path_follows_effects_not_action_codes(mediated, county, fresh):
    # issue 10: a county that names its steps otherwise keeps the path (回访 step, then 重新办理)
    from fengqiao.cases.models import Transition

    Transition.objects.filter(process__code="dispute", action="follow_up").update(action="visit")
    Transition.objects.filter(process__code="dispute", action="reopen").update(action="handle_again")
    followup = unhappy(mediated, fresh(county.grid_worker))
    assert [t.action for t in reopen_path(Case.objects.get(pk=mediated.pk))] == ["visit", "handle_again"]
    followup_reopen(followup=followup, acting_user=fresh(county.center), note="群众反映噪音仍在，重新调解")
    assert Case.objects.get(pk=mediated.pk).state.code == "mediating"
