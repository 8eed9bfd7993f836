"""notify_roles(): every active holder of the roles whose membership covers the region (the region or an ancestor)."""
from __future__ import annotations

import pytest

from fengqiao.accounts.models import Membership
from fengqiao.accounts.selectors import users_with_roles_covering
from fengqiao.core.errors import ValidationFailed
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.services import notify_roles
from fengqiao.regions.paths import ancestor_paths
from fengqiao.testing.factories import UserFactory, grant


def test_ancestor_paths():
    assert ancestor_paths("/A00/A01/A0101/") == ["/A00/", "/A00/A01/", "/A00/A01/A0101/"]
    assert ancestor_paths("/A00/") == ["/A00/"]


def test_crisis_alert_in_a_grid_reaches_the_county_counsellors_and_leaders(county, other_county):
    street_counsellor = grant(UserFactory(username="street-counsellor"), "counsellor", county.street)
    grid_counsellor = grant(UserFactory(username="grid-counsellor"), "counsellor", county.grid)
    elsewhere = grant(UserFactory(username="elsewhere-counsellor"), "counsellor", county.other_street)
    notifications = notify_roles(
        region=county.grid, roles=["counsellor", "leader"], kind=Kind.CRISIS_ALERT,
        title="危机预警", body="请立即跟进。", acting_user=county.grid_worker,
    )
    recipients = {n.recipient for n in notifications}
    assert recipients == {county.counsellor, county.leader, street_counsellor, grid_counsellor}
    assert elsewhere not in recipients  # a sibling street does not cover the grid
    assert other_county.counsellor not in recipients and other_county.leader not in recipients
    assert all(n.urgent and n.kind == Kind.CRISIS_ALERT for n in notifications)


def test_a_region_high_up_does_not_reach_members_of_regions_below_it(county):
    recipients = set(users_with_roles_covering(region=county.street, roles=["grid_worker", "mediator", "center"]))
    # The grid worker (grid) and the mediator (community) sit below the street; centers of the county and street cover it.
    assert recipients == {county.center, county.street_center}


def test_inactive_users_and_memberships_are_left_out(county):
    county.leader.is_active = False
    county.leader.save(update_fields=["is_active"])
    Membership.objects.filter(user=county.counsellor).update(is_active=False)
    assert list(users_with_roles_covering(region=county.grid, roles=["counsellor", "leader"])) == []


def test_a_user_with_two_covering_memberships_is_notified_once(county):
    grant(county.counsellor, "leader", county.street)
    notifications = notify_roles(
        region=county.grid, roles=["counsellor", "leader"], kind=Kind.SUPERVISION, title="督办", body="",
    )
    assert sorted(n.recipient.username for n in notifications) == sorted([county.counsellor.username,
                                                                          county.leader.username])


def test_the_role_must_match_on_the_same_membership(county):
    # The mediator also holds a county-wide membership, but as grid worker: not a mediator covering the street.
    grant(county.mediator, "grid_worker", county.county)
    assert county.mediator not in set(users_with_roles_covering(region=county.street, roles=["mediator"]))


def test_a_department_narrows_the_recipients(county):
    notifications = notify_roles(
        region=county.grid, roles=["handler"], department=county.police, kind=Kind.CRISIS_ALERT,
        title="可能演变为治安案件的纠纷", body="",
    )
    # The labour bureau's handler covers the grid too (county membership), but is not of the police station.
    assert [n.recipient for n in notifications] == [county.police_handler]
    assert notify_roles(region=county.other_grid, roles=["handler"], department=county.police, kind=Kind.SYSTEM,
                        title="x", body="") == []


def test_unknown_roles_are_refused(county):
    with pytest.raises(ValidationFailed):
        notify_roles(region=county.grid, roles=["janitor"], kind=Kind.SYSTEM, title="x", body="")
    with pytest.raises(ValidationFailed):
        notify_roles(region=county.grid, roles=[], kind=Kind.SYSTEM, title="x", body="")
