"""Hypothesis drives random sequences of workflow actions by random users and checks the invariants."""
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from fengqiao.accounts.models import User
from fengqiao.audit.models import AuditEntry
from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Assignment, Case, CaseEvent, Transition
from fengqiao.cases.seed import PROCESSES
from fengqiao.cases.services import case_add_note, case_assign, case_transition
from fengqiao.core.errors import ServiceError
from fengqiao.testing.factories import make_case

# Every seeded action plus one that exists nowhere.
ACTIONS = sorted({t[0] for p in PROCESSES.values() for t in p[3]} | {"no_such_action"})


@pytest.mark.parametrize("process", ["dispute", "petition", "workorder"])
def test_random_workflows_keep_the_invariants(county, process):
    users = [county.center, county.leader, county.admin, county.grid_worker, county.mediator, county.handler,
             county.police_handler, county.counsellor]
    departments = [county.labour, county.police]

    class CaseMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.case = make_case(acting_user=county.center, region=county.grid, process=process)
            self.writes = 1  # the create

        def fresh(self, index: int) -> User:
            return User.objects.get(pk=users[index].pk)

        @rule(action=st.sampled_from(ACTIONS), who=st.integers(0, len(users) - 1), dept=st.integers(0, 1),
              stale=st.booleans())
        def transition(self, action, who, dept, stale):
            version = self.case.version - 1 if stale else self.case.version
            before = Case.objects.get(pk=self.case.pk)
            try:
                self.case = case_transition(case=self.case, action=action, acting_user=self.fresh(who), note="说明",
                                            expected_version=version, to_department=departments[dept])
                self.writes += 1
                assert not stale
                assert Transition.objects.filter(process_id=before.process_id, from_state_id=before.state_id, action=action,
                                                 to_state_id=self.case.state_id).exists()
            except ServiceError:
                after = Case.objects.get(pk=self.case.pk)
                assert (after.state_id, after.version) == (before.state_id, before.version)
                self.case = after

        @rule(who=st.integers(0, len(users) - 1), dept=st.integers(0, 1), role=st.sampled_from(["lead", "co"]))
        def assign(self, who, dept, role):
            try:
                self.case = case_assign(case=self.case, acting_user=self.fresh(who), to_department=departments[dept],
                                        role=role, note="交办", expected_version=self.case.version)
                self.writes += 1
            except ServiceError:
                self.case = Case.objects.get(pk=self.case.pk)

        @rule(who=st.integers(0, len(users) - 1))
        def note(self, who):
            try:
                self.case = case_add_note(case=self.case, acting_user=self.fresh(who), note="跟进记录")
                self.writes += 1
            except ServiceError:
                self.case = Case.objects.get(pk=self.case.pk)

        @invariant()
        def closed_cases_have_no_open_tasks(self) -> None:
            case = Case.objects.select_related("state").get(pk=self.case.pk)
            if case.state.kind == StateKind.CLOSED:
                assert case.closed_at is not None
                assert not Assignment.objects.filter(case=case, status="active").exists()

        @invariant()
        def open_cases_have_a_due_date_not_before_its_start(self) -> None:
            case = Case.objects.select_related("state").get(pk=self.case.pk)
            if case.state.kind == StateKind.OPEN:
                assert case.due_at is not None and case.due_at >= case.clock_started_at

        @invariant()
        def every_write_has_an_audit_row_and_a_version(self) -> None:
            case = Case.objects.get(pk=self.case.pk)
            audits = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)).count()
            assert audits == self.writes
            assert case.version == self.writes
            assert CaseEvent.objects.filter(case=case).count() >= 1

    run_state_machine_as_test(
        CaseMachine,
        settings=settings(max_examples=12, stateful_step_count=12, deadline=None,
                          suppress_health_check=list(HealthCheck)),
    )
