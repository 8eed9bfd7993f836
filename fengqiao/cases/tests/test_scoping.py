"""Who sees which case: one scoping entry point, Case.objects.visible_to(user)."""
from fengqiao.cases.models import Case
from fengqiao.cases.services import case_assign
from fengqiao.testing.factories import UserFactory, make_case


def visible(user, case) -> bool:
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def test_region_roles_see_their_area_and_below(county, fresh):
    in_grid = make_case(acting_user=county.center, region=county.grid)
    other_street = make_case(acting_user=county.center, region=county.other_grid)
    assert visible(fresh(county.grid_worker), in_grid) and not visible(fresh(county.grid_worker), other_street)
    assert visible(fresh(county.street_center), in_grid) and not visible(fresh(county.street_center), other_street)
    assert visible(fresh(county.mediator), in_grid) and not visible(fresh(county.mediator), other_street)
    for user in (county.center, county.leader, county.admin):
        assert visible(fresh(user), in_grid) and visible(fresh(user), other_street)


def test_departments_see_their_own_cases_only(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    assert not visible(fresh(county.handler), case)
    case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour)
    assert visible(fresh(county.handler), case)
    assert not visible(fresh(county.police_handler), case)
    case_assign(case=Case.objects.get(pk=case.pk), acting_user=fresh(county.center), to_department=county.police, role="co")
    assert visible(fresh(county.police_handler), case)


def test_a_transferred_department_keeps_read_access_to_what_it_handled(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour)
    case_assign(case=case, acting_user=fresh(county.center), to_department=county.police, note="转派出所")
    assert visible(fresh(county.handler), case)


def test_counsellors_see_only_cases_given_to_them(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    assert not visible(fresh(county.counsellor), case)
    case_assign(case=case, acting_user=fresh(county.center), to_user=county.counsellor, role="co", note="心理疏导")
    assert visible(fresh(county.counsellor), case)


def test_another_county_sees_nothing(county, other_county, fresh):
    make_case(acting_user=county.center, region=county.grid)
    for user in (other_county.center, other_county.leader, other_county.admin, other_county.handler, other_county.grid_worker):
        assert Case.objects.visible_to(fresh(user)).count() == 0


def test_users_without_memberships_inactive_users_and_anonymous_see_nothing(county, fresh):
    from django.contrib.auth.models import AnonymousUser

    make_case(acting_user=county.center, region=county.grid)
    assert Case.objects.visible_to(UserFactory()).count() == 0
    assert Case.objects.visible_to(AnonymousUser()).count() == 0
    county.center.is_active = False
    county.center.save()
    assert Case.objects.visible_to(fresh(county.center)).count() == 0


def test_superuser_sees_everything(county, other_county):
    make_case(acting_user=county.center, region=county.grid)
    make_case(acting_user=other_county.center, region=other_county.grid)
    root = UserFactory(is_superuser=True)
    assert Case.objects.visible_to(root).count() == 2


def test_registering_outside_ones_area_is_refused(county, other_county, fresh):
    import pytest

    from fengqiao.core.errors import PermissionRefused

    with pytest.raises(PermissionRefused):
        make_case(acting_user=fresh(county.grid_worker), region=county.other_grid)
    with pytest.raises(PermissionRefused):
        make_case(acting_user=fresh(other_county.center), region=county.grid)


def test_a_case_cannot_be_assigned_across_jurisdictions(county, other_county, fresh):
    import pytest

    from fengqiao.core.errors import ValidationFailed

    case = make_case(acting_user=county.center, region=county.grid)
    with pytest.raises(ValidationFailed) as error:
        case_assign(case=case, acting_user=fresh(county.center), to_department=other_county.labour)
    assert "to_department" in error.value.field_errors
    with pytest.raises(ValidationFailed) as error:
        case_assign(case=case, acting_user=fresh(county.center), to_user=other_county.mediator, role="co")
    assert "to_user" in error.value.field_errors
    assert Case.objects.get(pk=case.pk).state.code == "registered"
