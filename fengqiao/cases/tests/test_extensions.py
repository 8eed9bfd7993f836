import pytest

from fengqiao.accounts.models import Membership
from fengqiao.cases.models import CaseEvent
from fengqiao.cases.services import case_extension_decide, case_extension_request, case_transition
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.testing.factories import make_case


@pytest.fixture
def accepted_petition(county, fresh):
    # Since issue 9 only a 负责人 of the handling body decides a petition extension (信访工作条例 第三十四条):
    # the center and the leader of the county are its 负责人 here (test_extension_heads.py tests the others).
    Membership.objects.filter(user__in=[county.center, county.leader]).update(is_head=True)
    case = make_case(acting_user=county.center, region=county.grid, process="petition")
    return case_transition(case=case, action="accept", acting_user=fresh(county.center))


def test_extension_approved_moves_the_deadline_and_tells_the_reason(county, fresh, accepted_petition):
    case = accepted_petition
    due = case.due_at
    extension = case_extension_request(case=case, acting_user=fresh(county.grid_worker), days=30, reason="需要组织听证")
    case_extension_decide(extension=extension, acting_user=fresh(county.center), approve=True, note="同意延期")
    case.refresh_from_db()
    assert (case.due_at - due).days == 30
    public = CaseEvent.objects.filter(case=case, action="extension_approve").get()
    assert "需要组织听证" in public.public_note


def test_extension_beyond_the_rule_maximum_is_refused(county, fresh, accepted_petition):
    with pytest.raises(ValidationFailed):
        case_extension_request(case=accepted_petition, acting_user=fresh(county.grid_worker), days=31, reason="太复杂")


def test_extension_needs_a_reason_and_one_pending_at_a_time(county, fresh, accepted_petition):
    with pytest.raises(ValidationFailed):
        case_extension_request(case=accepted_petition, acting_user=fresh(county.grid_worker), days=5, reason=" ")
    case_extension_request(case=accepted_petition, acting_user=fresh(county.grid_worker), days=5, reason="等待鉴定")
    with pytest.raises(TransitionRefused):
        case_extension_request(case=accepted_petition, acting_user=fresh(county.grid_worker), days=5, reason="再次申请")


def test_refusal_needs_a_note_and_a_manager_and_not_the_requester(county, fresh, accepted_petition):
    extension = case_extension_request(case=accepted_petition, acting_user=fresh(county.center), days=5, reason="等待鉴定")
    with pytest.raises(PermissionRefused):
        case_extension_decide(extension=extension, acting_user=fresh(county.center), approve=True, note="自批")
    with pytest.raises(PermissionRefused):
        case_extension_decide(extension=extension, acting_user=fresh(county.grid_worker), approve=True, note="同意")
    with pytest.raises(ValidationFailed):
        case_extension_decide(extension=extension, acting_user=fresh(county.leader), approve=False, note="")
    due = accepted_petition.due_at
    case_extension_decide(extension=extension, acting_user=fresh(county.leader), approve=False, note="理由不充分")
    accepted_petition.refresh_from_db()
    assert accepted_petition.due_at == due
