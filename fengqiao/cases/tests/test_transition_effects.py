"""Issue 10: a transition says what it does (Transition.effect); the services and the case page read the effect,
never the action code, so a county may name its steps as it likes."""
import importlib

import pytest
from django.core.exceptions import ValidationError

from fengqiao.cases.choices import AssignmentStatus, StateKind, TransitionEffect
from fengqiao.cases.models import Assignment, State, Transition
from fengqiao.cases.models.workflow import effect_problem
from fengqiao.cases.seed import PROCESSES, SEEDED_EFFECTS
from fengqiao.cases.services import case_assign, case_transition
from fengqiao.cases.services.review import issuing_stage_of, request_stage_of
from fengqiao.cases.tests.helpers import put_in_state
from fengqiao.cases.views.case_detail import transition_panel
from fengqiao.core.errors import ValidationFailed
from fengqiao.testing.factories import make_case

E = TransitionEffect
STAFF = ["center", "admin", "leader"]


def _state(process: str, code: str) -> State:
    return State.objects.get(process__code=process, code=code)


def _step(process: str, action: str, source: str, target: str, effect: str, **extra) -> Transition:
    return Transition.objects.create(
        process=_state(process, source).process, action=action, name=action, from_state=_state(process, source),
        to_state=_state(process, target), allowed_roles=STAFF, effect=effect, **extra)


@pytest.mark.django_db
def test_every_seeded_transition_has_the_effect_its_states_call_for():
    seeded = {(p, a, s) for p, (_n, _d, _st, ts) in PROCESSES.items() for a, _nm, s, _t, _r, _no in ts}
    rows = list(Transition.objects.select_related("process", "from_state", "to_state"))
    assert {(t.process.code, t.action, t.from_state.code) for t in rows} == seeded
    for t in rows:
        label = f"{t.process.code}:{t.from_state.code}-{t.action}"
        assert t.effect == SEEDED_EFFECTS[t.action], label
        assert effect_problem(t) is None, label
        if t.to_state.kind == StateKind.CLOSED:
            assert t.effect == (E.DECLINE if t.to_state.ends_unsettled else E.CLOSE), label
        if t.from_state.kind == StateKind.CLOSED:
            assert t.effect == E.REOPEN, label
        if t.effect in {E.ASSIGN, E.TRANSFER, E.ACCEPT, E.RETURN, E.REFUSED}:
            assert t.to_state.kind == StateKind.OPEN, label
        if t.effect == E.RETURN:
            assert t.to_state.is_initial, label
        if t.effect == E.TRANSFER:
            assert t.to_state_id == t.from_state_id, label
        if t.notice_kind:
            assert t.effect == E.DECLINE, label
    assert {t.effect for t in rows} == set(E.values)  # every effect is used by a seeded step


def test_the_data_migration_fills_the_effects_the_seed_gives():
    migration = importlib.import_module("fengqiao.cases.migrations.0007_transition_effect")
    assert {action: str(effect) for action, effect in SEEDED_EFFECTS.items()} == migration.SEEDED_EFFECTS


@pytest.mark.django_db
def test_the_data_migration_sets_the_effect_of_existing_rows():
    from django.apps import apps

    migration = importlib.import_module("fengqiao.cases.migrations.0007_transition_effect")
    Transition.objects.update(effect=E.NONE)  # as an installation before the field
    migration.forwards(apps, None)
    assert dict(Transition.objects.filter(action="refuse_mediation").values_list("action", "effect")) == {
        "refuse_mediation": E.REFUSED}
    assert not Transition.objects.exclude(action="reply").filter(effect=E.NONE).exists()


def test_a_step_with_its_own_action_code_and_the_assign_effect_assigns(county, fresh):
    _step("dispute", "dispatch_bureau", "registered", "dispatched", E.ASSIGN)
    case = make_case(acting_user=county.center, region=county.grid)
    with pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="dispatch_bureau", acting_user=fresh(county.center))
    assert "to_department" in refused.value.field_errors
    case = case_transition(case=case, action="dispatch_bureau", acting_user=fresh(county.center),
                           to_department=county.labour)
    assert case.state.code == "dispatched" and case.lead_department == county.labour
    assert Assignment.objects.get(case=case, status=AssignmentStatus.ACTIVE).department == county.labour
    assert case.events.filter(kind="transition", action="dispatch_bureau").exists()


def test_the_action_code_alone_does_nothing_the_effect_does_not_say(county, fresh):
    # The seeded "assign" step made a plain move: no target asked for, no assignment written.
    Transition.objects.filter(process__code="dispute", action="assign", from_state__code="registered").update(effect=E.NONE)
    case = make_case(acting_user=county.center, region=county.grid)
    case = case_transition(case=case, action="assign", acting_user=fresh(county.center))
    assert case.state.code == "dispatched" and case.lead_department is None
    assert not Assignment.objects.filter(case=case).exists()


def test_return_accept_and_reopen_effects_under_other_codes(county, fresh):
    _step("dispute", "send_back", "dispatched", "registered", E.RETURN, requires_note=True)
    _step("dispute", "take_on", "registered", "mediating", E.ACCEPT)
    _step("dispute", "handle_again", "closed", "mediating", E.REOPEN)
    case = make_case(acting_user=county.center, region=county.grid)
    case = case_transition(case=case, action="assign", acting_user=fresh(county.center), to_department=county.labour)
    case = case_transition(case=case, action="send_back", acting_user=fresh(county.center), note="非本部门职责")
    assert case.state.code == "registered" and case.lead_department is None
    assert Assignment.objects.get(case=case).status == AssignmentStatus.RETURNED
    case = case_transition(case=case, action="take_on", acting_user=fresh(county.center))
    assert case.lead_user == county.center
    case = case_transition(case=case, action="succeed", acting_user=fresh(county.center))
    case = case_transition(case=case, action="close", acting_user=fresh(county.center))
    assert case.closed_at is not None
    case = case_transition(case=case, action="handle_again", acting_user=fresh(county.center))
    assert case.state.code == "mediating" and case.closed_at is None


def test_case_assign_finds_the_lead_step_by_its_effect(county, fresh):
    Transition.objects.filter(process__code="dispute", action="assign").update(action="dispatch")
    case = make_case(acting_user=county.center, region=county.grid)
    case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour, role="lead")
    assert case.state.code == "dispatched" and case.lead_department == county.labour
    assert case.events.filter(kind="transition", action="dispatch").exists()


def test_the_case_page_asks_for_a_target_and_warns_by_effect(county):
    assign = _step("dispute", "dispatch_bureau", "registered", "dispatched", E.ASSIGN)
    back = _step("dispute", "send_back", "dispatched", "registered", E.RETURN)
    case = make_case(acting_user=county.center, region=county.grid)
    panel = transition_panel(case, assign)
    assert "to_department" in panel.form.fields and panel.style == "primary"
    assert transition_panel(case, back).style == "caution"
    plain = Transition.objects.get(process__code="dispute", action="accept", from_state__code="registered")
    assert "to_department" not in transition_panel(case, plain).form.fields


def test_petition_answer_and_review_steps_are_known_by_effect(county):
    Transition.objects.filter(process__code="petition", action="answer").update(action="issue_opinion")
    Transition.objects.filter(process__code="petition", action="request_review").update(action="ask_review")
    case = put_in_state(make_case(acting_user=county.center, region=county.grid, process="petition"), "accepted")
    answer = Transition.objects.get(process__code="petition", action="issue_opinion", from_state__code="accepted")
    assert issuing_stage_of(case, answer) == "answer"
    ask = Transition.objects.get(process__code="petition", action="ask_review")
    assert request_stage_of(ask) == "review"
    review_answer = Transition.objects.get(process__code="petition", action="issue_opinion", from_state__code="review")
    assert issuing_stage_of(put_in_state(case, "review"), review_answer) == "review"


def test_an_effect_that_does_not_fit_the_states_is_refused_in_the_admin(county):
    close = Transition.objects.get(process__code="dispute", action="close", from_state__code="mediated")
    close.effect = E.NONE
    with pytest.raises(ValidationError) as refused:
        close.full_clean()
    assert "effect" in refused.value.message_dict
    reopen = Transition.objects.get(process__code="dispute", action="reopen", from_state__code="closed")
    reopen.effect = E.ASSIGN
    with pytest.raises(ValidationError):
        reopen.full_clean()
    accept = Transition.objects.get(process__code="dispute", action="accept", from_state__code="registered")
    accept.effect = E.CLOSE
    with pytest.raises(ValidationError):
        accept.full_clean()
    accept.effect = E.ACCEPT
    accept.full_clean()
