"""A petition handling extension is approved only by a 负责人 of the handling body, to at most 30 days
(信访工作条例 第三十四条). Real dates: accepted Tue 1 Sep 2026, so the 60 days run across National Day 2026."""
from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.accounts.models import Membership
from fengqiao.cases.limits import step_limits
from fengqiao.cases.models import DeadlineRule
from fengqiao.cases.services import case_extension_decide, case_extension_request, case_transition
from fengqiao.cases.tests.helpers import put_in_state
from fengqiao.cases.tests.oversight_support import at, local_date, reload
from fengqiao.core.errors import NotFoundError, PermissionRefused, ValidationFailed
from fengqiao.testing.factories import make_case

ARTICLE = "信访工作条例 第三十四条"


def make_head(user, **where) -> None:
    Membership.objects.filter(user=user, **where).update(is_head=True)


@pytest.fixture
def accepted_petition(county, fresh, monkeypatch):
    """A petition the county center accepted on 1 Sep 2026 (no department leads it: the center handles it)."""
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 9, 1))
    case = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(2026, 8, 25))
    case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
    monkeypatch.undo()
    return case


def test_the_seeded_petition_handling_rule_asks_for_a_head(db):
    rule = DeadlineRule.objects.get(state__process__code="petition", state__code="accepted", region=None, is_active=True)
    assert rule.extension_by_head and rule.max_extension == 30
    others = DeadlineRule.objects.filter(region=None, extension_by_head=True).exclude(pk=rule.pk)
    assert not others.exists()


def test_an_extension_by_someone_who_is_not_a_head_is_refused_naming_the_article(county, fresh, accepted_petition):
    extension = case_extension_request(case=accepted_petition, acting_user=fresh(county.grid_worker), days=30,
                                       reason="涉及多个部门，情况复杂")
    for manager in (county.center, county.leader, county.admin):  # staff of the area, but none a 负责人
        with pytest.raises(PermissionRefused) as refused:
            case_extension_decide(extension=extension, acting_user=fresh(manager), approve=True, note="同意")
        assert "负责人" in refused.value.message and ARTICLE in refused.value.message
    assert reload(accepted_petition).due_at == accepted_petition.due_at


def test_the_head_of_the_center_approves_at_most_30_days(county, fresh, accepted_petition):
    with pytest.raises(ValidationFailed):
        case_extension_request(case=accepted_petition, acting_user=fresh(county.grid_worker), days=31, reason="复杂")
    make_head(county.center)
    due = accepted_petition.due_at
    extension = case_extension_request(case=accepted_petition, acting_user=fresh(county.grid_worker), days=30,
                                       reason="涉及多个部门，情况复杂")
    case_extension_decide(extension=extension, acting_user=fresh(county.center), approve=True, note="同意延长30日")
    case = reload(accepted_petition)
    assert (local_date(case.due_at) - local_date(due)).days == 30
    with pytest.raises(ValidationFailed):  # the 30 days are used up
        case_extension_request(case=case, acting_user=fresh(county.grid_worker), days=1, reason="再延")


def test_a_department_leads_it_then_only_that_departments_head_decides(county, fresh, accepted_petition):
    case = put_in_state(accepted_petition, "accepted", lead_department=county.labour)
    extension = case_extension_request(case=case, acting_user=fresh(county.grid_worker), days=10, reason="待调查")
    make_head(county.center)  # the center's head does not head the labour bureau
    make_head(county.police_handler)  # nor does the head of another department
    with pytest.raises(PermissionRefused):
        case_extension_decide(extension=extension, acting_user=fresh(county.center), approve=True, note="同意")
    with pytest.raises(NotFoundError):  # the police station does not even see the labour bureau's case
        case_extension_decide(extension=extension, acting_user=fresh(county.police_handler), approve=True, note="同意")
    make_head(county.handler, department=county.labour)
    case_extension_decide(extension=extension, acting_user=fresh(county.handler), approve=True, note="同意")
    assert reload(case).due_at > case.due_at


def test_other_steps_keep_their_approvers(county, fresh):
    """A workorder handling extension (no 负责人 rule) is still decided by the center, as before."""
    case = make_case(acting_user=county.center, region=county.grid, process="workorder")
    case = put_in_state(case, "handling", lead_department=county.labour)
    case = case_transition(case=put_in_state(case, "dispatched", lead_department=county.labour), action="accept",
                           acting_user=fresh(county.handler))
    extension = case_extension_request(case=case, acting_user=fresh(county.handler), days=5, reason="待现场核查")
    case_extension_decide(extension=extension, acting_user=fresh(county.center), approve=True, note="同意")


def test_the_page_offers_the_decision_to_the_head_only_and_refuses_the_others(client, county, fresh, accepted_petition):
    client.force_login(county.grid_worker)
    page = client.get(reverse("cases:detail", args=[accepted_petition.pk])).content.decode()
    assert "本环节最多可延长 30 日，须经承办机关、单位负责人批准。" in page
    extension = case_extension_request(case=accepted_petition, acting_user=fresh(county.grid_worker), days=30,
                                       reason="情况复杂")
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[accepted_petition.pk])).content.decode()
    assert f'id="panel-decide-{extension.pk}"' not in page
    response = client.post(reverse("cases:extension_decide", args=[accepted_petition.pk, extension.pk]),
                           {"decision": "approve", "note": "同意"})
    assert response.status_code == 403 and ARTICLE in response.content.decode()
    make_head(county.center)
    page = client.get(reverse("cases:detail", args=[accepted_petition.pk])).content.decode()
    assert f'id="panel-decide-{extension.pk}"' in page


def test_the_case_page_shows_the_statutory_maximum(client, county, fresh, accepted_petition):
    limits = step_limits(case=reload(accepted_petition))
    assert (limits.duration, limits.max_extension, limits.granted, limits.paused) == (60, 30, 0, 0)
    assert (local_date(limits.latest) - local_date(accepted_petition.due_at)).days == 30
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[accepted_petition.pk])).content.decode()
    assert "法定最长期限" in page and "最多延长 30日" in page
    assert f"最迟 {local_date(limits.latest).isoformat()}" in page
