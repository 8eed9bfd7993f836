import pytest

from fengqiao.cases.models import Case
from fengqiao.cases.services import case_add_note, case_assign
from fengqiao.core.errors import StaleVersionError
from fengqiao.testing.factories import make_case


def test_a_stale_edit_is_refused_and_changes_nothing(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    seen_version = case.version
    case_add_note(case=case, acting_user=fresh(county.center), note="先到的修改", expected_version=seen_version)
    with pytest.raises(StaleVersionError) as error:
        case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour, expected_version=seen_version)
    assert "刷新" in str(error.value.message)
    current = Case.objects.get(pk=case.pk)
    assert current.state.code == "registered" and current.version == seen_version + 1


def test_every_write_bumps_the_version(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    assert case.version == 1
    case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour, expected_version=1)
    assert case.version == 2
