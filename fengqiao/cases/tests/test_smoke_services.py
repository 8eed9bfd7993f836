from fengqiao.cases.models import Case
from fengqiao.cases.services import case_assign, case_transition
from fengqiao.testing.factories import make_case


def test_dispute_runs_from_registration_to_closure(county):
    case = make_case(acting_user=county.grid_worker, region=county.grid)
    assert case.state.code == "registered" and case.due_at is not None
    case = case_assign(case=case, acting_user=county.center, to_department=county.labour, expected_version=case.version)
    assert case.state.code == "dispatched" and case.lead_department == county.labour
    case = case_transition(case=case, action="accept", acting_user=county.handler)
    case = case_transition(case=case, action="succeed", acting_user=county.handler)
    case = case_transition(case=case, action="close", acting_user=county.handler)
    assert case.state.kind == "closed" and case.closed_at is not None
    assert Case.objects.visible_to(county.handler).filter(pk=case.pk).exists()
