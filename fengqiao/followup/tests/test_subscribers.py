"""Follow-ups open on the cases app's case_closed event and retire on case_reopened, with no periodic job."""
from __future__ import annotations

from django.conf import settings

from fengqiao.cases.models import Case, CaseEvent
from fengqiao.cases.services import case_transition
from fengqiao.followup.choices import FollowUpStatus
from fengqiao.followup.models import FollowUp
from fengqiao.followup.services import followups_open_due
from fengqiao.followup.tests.conftest import NOISE
from fengqiao.testing.factories import make_case


def test_a_case_resolved_gets_its_followup_when_the_step_commits(county, fresh, django_capture_on_commit_callbacks):
    case = make_case(acting_user=county.center, region=county.grid, **NOISE)
    with django_capture_on_commit_callbacks(execute=True):
        case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
    assert not FollowUp.objects.exists()  # still in handling
    with django_capture_on_commit_callbacks(execute=True):
        case = case_transition(case=case, action="succeed", acting_user=fresh(county.center))
        assert not FollowUp.objects.exists()  # not before the commit
    followup = FollowUp.objects.get(case=case)
    resolved = CaseEvent.objects.get(case=case, action="succeed")
    assert followup.resolved_at == resolved.created_at and followup.status == FollowUpStatus.PENDING
    assert followup.resolved_state.code == "mediated"
    assert CaseEvent.objects.filter(case=case, action="followup_due").count() == 1
    assert followups_open_due() == 0  # the catch-up finds nothing left to do


def test_reopening_retires_the_pending_followup_and_the_next_closing_opens_a_new_one(
    county, fresh, django_capture_on_commit_callbacks,
):
    order = make_case(acting_user=county.center, region=county.grid, process="workorder", channel="hotline",
                      title="路灯不亮", narrative="柳湾社区东门路灯坏了一个月，晚上出行不便。")
    with django_capture_on_commit_callbacks(execute=True):
        order = case_transition(case=order, action="close", acting_user=fresh(county.center), note="已联系供电所")
    first = FollowUp.objects.get(case=order)
    with django_capture_on_commit_callbacks(execute=True):
        order = case_transition(case=order, action="reopen", acting_user=fresh(county.center), note="路灯又坏了")
    first.refresh_from_db()
    assert first.status == FollowUpStatus.SUPERSEDED
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case=order, action="reply", acting_user=fresh(county.center), note="已更换灯具")
    latest = FollowUp.objects.filter(case=order).latest("resolved_at")
    assert latest.pk != first.pk and latest.status == FollowUpStatus.PENDING and latest.resolved_state.code == "replied"


def test_a_step_that_settles_nothing_gets_no_followup(county, fresh, django_capture_on_commit_callbacks):
    petition = make_case(acting_user=county.center, region=county.grid, process="petition")
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case=petition, action="decline", acting_user=fresh(county.center),
                        note="该事项已由人民法院作出生效判决", channel="litigation")
    assert Case.objects.get(pk=petition.pk).state.ends_unsettled and not FollowUp.objects.exists()


def test_no_periodic_job_looks_for_resolved_cases():
    assert "followup.open_due" not in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
