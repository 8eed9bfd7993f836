"""Every seeded transition works for a role it allows, and is refused for roles it does not."""
import pytest

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Assignment, CaseEvent, NoticeChannel, State, Transition
from fengqiao.cases.seed import NOTICE_STEPS, PROCESSES, ROUTE_TRANSITIONS
from fengqiao.cases.services import case_transition
from fengqiao.cases.tests.helpers import petition_step, put_in_state, user_for_role
from fengqiao.core.errors import NotFoundError, PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.testing.factories import make_case

SEEDED = [
    (process, action, source, target, roles, note)
    for process, (_n, _d, _s, transitions) in PROCESSES.items()
    for action, _name, source, target, roles, note in transitions
]


@pytest.mark.parametrize(("process", "action", "source", "target", "roles", "needs_note"), SEEDED,
                         ids=[f"{p}:{s}-{a}->{t}" for p, a, s, t, _r, _n in SEEDED])
def test_each_seeded_transition_runs_for_an_allowed_role(county, fresh, process, action, source, target, roles, needs_note):
    case = make_case(acting_user=county.center, region=county.grid, process=process)
    role = next(r for r in roles if r != "handler") if any(r != "handler" for r in roles) else "handler"
    actor = user_for_role(county, role)
    case = put_in_state(case, source, lead_department=county.labour, lead_user=actor if role == "assignee" else None)
    kwargs = {"to_department": county.police} if action in {"assign", "transfer"} else {}
    kwargs.update(petition_step(case, action))  # a petition answer or review request carries its document (issue 9)
    if (process, action) in NOTICE_STEPS:  # a refusal or redirection also names the channel told (告知书)
        kwargs["channel"] = NoticeChannel.objects.filter(notice_kind=NOTICE_STEPS[process, action],
                                                         needs_detail=False).first().code
    if (process, action, source) in ROUTE_TRANSITIONS:  # issue 9: the routes told (人民调解法 第二十六条) are required
        with pytest.raises(ValidationFailed) as refused:
            case_transition(case=case, action=action, acting_user=fresh(actor), note="理由说明", **kwargs)
        assert "routes" in refused.value.field_errors and "第二十六条" in str(refused.value)
        kwargs["routes"] = ["arbitration", "litigation"]
    events_before = CaseEvent.objects.filter(case=case).count()
    if needs_note:
        with pytest.raises(ValidationFailed):
            case_transition(case=case, action=action, acting_user=fresh(actor), **kwargs)
    result = case_transition(case=case, action=action, acting_user=fresh(actor), note="理由说明", **kwargs)
    assert result.state.code == target
    assert CaseEvent.objects.filter(case=case).count() == events_before + 1
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk), action=f"case.{action}").exists()
    if result.state.kind == StateKind.OPEN:
        has_rule = result.deadline_rule is not None
        assert (result.due_at is not None) == has_rule
    if result.state.kind == StateKind.CLOSED:
        assert result.closed_at is not None
        assert not Assignment.objects.filter(case=case, status="active").exists()


def test_a_role_the_transition_does_not_allow_is_refused(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    with pytest.raises(PermissionRefused):
        case_transition(case=case, action="assign", acting_user=fresh(county.grid_worker), to_department=county.labour)
    case.refresh_from_db()
    assert case.state.code == "registered"


def test_a_user_of_another_county_gets_not_found(county, other_county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    with pytest.raises(NotFoundError):
        case_transition(case=case, action="assign", acting_user=fresh(other_county.center), to_department=county.labour)


def test_an_action_not_allowed_from_the_current_state_is_refused(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    with pytest.raises(TransitionRefused):
        case_transition(case=case, action="succeed", acting_user=fresh(county.center))


def test_assign_requires_a_target(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    with pytest.raises(ValidationFailed) as error:
        case_transition(case=case, action="assign", acting_user=fresh(county.center))
    assert "to_department" in error.value.field_errors


@pytest.mark.parametrize("process", sorted(PROCESSES))
def test_every_state_is_reachable_and_every_open_state_can_move(db, process):
    transitions = Transition.objects.filter(process__code=process)
    states = State.objects.filter(process__code=process)
    initial = states.get(is_initial=True)
    reachable, frontier = {initial.pk}, [initial.pk]
    while frontier:
        current = frontier.pop()
        for t in transitions.filter(from_state_id=current):
            if t.to_state_id not in reachable:
                reachable.add(t.to_state_id)
                frontier.append(t.to_state_id)
    assert reachable == set(states.values_list("pk", flat=True))
    for state in states.exclude(kind=StateKind.CLOSED):
        assert transitions.filter(from_state=state).exists(), state.code
    # Every open state has a clock.
    for state in states.filter(kind=StateKind.OPEN):
        assert state.deadline_rules.filter(region__isnull=True).exists(), state.code
