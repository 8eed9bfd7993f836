"""领导包案: a major case under a leader of its county, who can then read it wherever it is and finds it on
the my-work page; another county's leader can neither be assigned nor see it."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.cases.models import Case, LeaderCase
from fengqiao.cases.permissions import roles_for_case
from fengqiao.cases.services import case_leader_assign, case_leader_release
from fengqiao.cases.tests.oversight_support import (
    assert_open_case_can_move_on,
    mediating_case,
    notifications_for,
)
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.testing.factories import UserFactory, grant


@pytest.fixture
def town_leader(county):
    """A leader of the other town in the same county: does not see the case by area."""
    return grant(UserFactory(username="A-town-leader", display_name="东坪镇领导"), "leader", county.other_street)


def test_a_leader_case_gives_read_access_and_a_my_work_entry(client, county, fresh, town_leader,
                                                             django_capture_on_commit_callbacks):
    case = mediating_case(county, fresh)
    assert not Case.objects.visible_to(fresh(town_leader)).filter(pk=case.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        leader_case = case_leader_assign(case=case, acting_user=fresh(county.center), leader=town_leader,
                                         note="23名工人欠薪，列为重大案件")
    assert Case.objects.visible_to(fresh(town_leader)).filter(pk=case.pk).exists()
    assert "leader" in roles_for_case(fresh(town_leader), Case.objects.get(pk=case.pk))
    assert len(notifications_for(town_leader, case)) == 1

    client.force_login(town_leader)
    work = client.get(reverse("cases:my_work")).content.decode()
    assert "领导包案" in work and case.reference in work
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "东坪镇领导" in page and "包案领导" in page

    case_leader_release(leader_case=leader_case, acting_user=fresh(county.center), note="已化解")
    assert not Case.objects.visible_to(fresh(town_leader)).filter(pk=case.pk).exists()
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert_open_case_can_move_on(case)


def test_another_countys_leader_can_neither_be_assigned_nor_see_it(county, other_county, fresh):
    case = mediating_case(county, fresh)
    with pytest.raises(ValidationFailed):
        case_leader_assign(case=case, acting_user=fresh(county.center), leader=other_county.leader)
    with pytest.raises(ValidationFailed):
        case_leader_assign(case=case, acting_user=fresh(county.center), leader=county.handler)
    assert not LeaderCase.objects.filter(case=case).exists()
    assert not Case.objects.visible_to(fresh(other_county.leader)).filter(pk=case.pk).exists()


def test_a_second_leader_replaces_the_first_and_only_managers_assign(county, fresh, town_leader):
    case = mediating_case(county, fresh)
    with pytest.raises(PermissionRefused):
        case_leader_assign(case=case, acting_user=fresh(county.handler), leader=county.leader)
    first = case_leader_assign(case=case, acting_user=fresh(county.center), leader=town_leader)
    with pytest.raises(TransitionRefused):
        case_leader_assign(case=case, acting_user=fresh(county.center), leader=town_leader)
    case_leader_assign(case=case, acting_user=fresh(county.center), leader=county.leader)
    first.refresh_from_db()
    assert not first.active and first.ended_by == county.center
    assert LeaderCase.objects.get(case=case, active=True).leader == county.leader
    assert not Case.objects.visible_to(fresh(town_leader)).filter(pk=case.pk).exists()


def test_a_leader_case_does_not_outlive_the_office(county, fresh, town_leader):
    case = mediating_case(county, fresh)
    case_leader_assign(case=case, acting_user=fresh(county.center), leader=town_leader)
    town_leader.memberships.update(is_active=False)
    assert not Case.objects.visible_to(fresh(town_leader)).filter(pk=case.pk).exists()


def test_the_page_assigns_a_leader(client, county, fresh):
    case = mediating_case(county, fresh)
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="panel-leader"' in page and county.leader.display_name in page
    version = Case.objects.get(pk=case.pk).version
    response = client.post(reverse("cases:leader_assign", args=[case.pk]), {"version": version, "leader": county.leader.pk})
    assert response.status_code == 303
    assert LeaderCase.objects.get(case=case).leader == county.leader
    stale = client.post(reverse("cases:leader_assign", args=[case.pk]), {"version": version, "leader": county.leader.pk})
    assert stale.status_code == 409
