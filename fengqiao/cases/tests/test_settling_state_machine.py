"""Hypothesis drives random sequences of mediation, joint-handling, extension and supervision actions by random
users on one dispute and checks, after every step, that the case stays settled in a consistent way."""
import datetime as dt

from django.db.models import Q
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from fengqiao.accounts.models import User
from fengqiao.audit.models import AuditEntry
from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Assignment, Case, DeadlineExtension, DisputeType
from fengqiao.cases.permissions import available_transitions
from fengqiao.cases.services import (
    case_assign,
    case_extension_decide,
    case_extension_request,
    case_transition,
)
from fengqiao.cases.services.joint import case_co_task_complete, case_co_task_waive
from fengqiao.cases.services.supervision import (
    case_supervision_close,
    case_supervision_raise,
    case_supervision_reply,
    supervision_raise_overdue,
)
from fengqiao.core.errors import ServiceError
from fengqiao.mediation.choices import Channel, MediationStatus, OrganisationKind, SessionOutcome
from fengqiao.mediation.models import Agreement, Mediation, MediationClock, MediationSession
from fengqiao.mediation.services import (
    agreement_draft,
    agreement_sign,
    mediation_fail,
    mediation_record_refusal,
    mediation_start,
    mediator_create,
    organisation_create,
    session_minute,
    session_schedule,
)
from fengqiao.testing.factories import make_case

ACTIONS = ["assign", "accept", "succeed", "fail", "close", "reopen", "follow_up", "return"]


def _keys(case: Case) -> Q:
    """Audit rows about the case and everything hanging off it."""
    related = [
        ("cases.case", [case.pk]),
        ("cases.assignment", list(case.assignments.values_list("pk", flat=True))),
        ("cases.deadlineextension", list(case.extensions.values_list("pk", flat=True))),
        ("cases.supervision", list(case.supervisions.values_list("pk", flat=True))),
        ("mediation.mediation", list(Mediation.objects.filter(case=case).values_list("pk", flat=True))),
        ("mediation.mediationsession",
         list(MediationSession.objects.filter(mediation__case=case).values_list("pk", flat=True))),
        ("mediation.agreement", list(Agreement.objects.filter(mediation__case=case).values_list("pk", flat=True))),
    ]
    query = Q(pk__in=[])
    for object_type, pks in related:
        if pks:
            query |= Q(object_type=object_type, object_id__in=[str(pk) for pk in pks])
    return query


def _audit_count(case: Case) -> int:
    return AuditEntry.objects.filter(_keys(case)).count()


def test_random_settling_keeps_the_invariants(county):
    labour = DisputeType.objects.get(code="labour")
    village = organisation_create(acting_user=county.admin, name="S柳湾社区人民调解委员会",
                                  kind=OrganisationKind.VILLAGE_COMMITTEE, region=county.community, number_prefix="S柳")
    mediator = mediator_create(acting_user=county.admin, name="王调解", organisation=village, user=county.mediator,
                               specialities=[labour], regions_served=[county.community])
    # Center staff appear twice so that more of the random steps are ones the case may actually take.
    users = [county.center, county.center, county.leader, county.handler, county.mediator, county.grid_worker, county.counsellor]
    departments = [county.labour, county.police]
    who = st.integers(0, len(users) - 1)

    class SettlingMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.case = make_case(acting_user=county.center, region=county.grid, dispute_type=labour)

        def actor(self, index: int) -> User:
            return User.objects.get(pk=users[index].pk)

        def attempt(self, call) -> None:
            """Run one service call; a success must leave a new audit row, a refusal must change nothing."""
            before = Case.objects.get(pk=self.case.pk)
            audits = _audit_count(before)
            try:
                call()
            except ServiceError:
                after = Case.objects.get(pk=self.case.pk)
                assert (after.state_id, after.version) == (before.state_id, before.version)
                assert _audit_count(after) == audits
            else:
                assert _audit_count(Case.objects.get(pk=self.case.pk)) > audits
            self.case = Case.objects.get(pk=self.case.pk)

        def mediation(self) -> Mediation | None:
            return Mediation.objects.filter(case_id=self.case.pk).order_by("-pk").first()

        # ------------------------------------------------------------ case workflow
        @rule(action=st.sampled_from(ACTIONS), who=who, dept=st.integers(0, 1))
        def transition(self, action, who, dept):
            self.attempt(lambda: case_transition(case=self.case, action=action, acting_user=self.actor(who),
                                                 note="办理说明", expected_version=self.case.version,
                                                 to_department=departments[dept]))

        @rule(who=who, dept=st.integers(0, 1), days=st.one_of(st.none(), st.integers(1, 20)))
        def add_co_task(self, who, dept, days):
            self.attempt(lambda: case_assign(case=self.case, acting_user=self.actor(who), to_department=departments[dept],
                                             role="co", task="核实工资发放情况", due_days=days, note="协办",
                                             expected_version=self.case.version))

        @rule(who=who, waive=st.booleans())
        def finish_co_task(self, who, waive):
            task = Assignment.objects.filter(case_id=self.case.pk, role="co").order_by("?").first()
            if task is None:
                return
            if waive:
                self.attempt(lambda: case_co_task_waive(assignment=task, acting_user=self.actor(who), reason="无需协办"))
            else:
                self.attempt(lambda: case_co_task_complete(assignment=task, acting_user=self.actor(who), result="已核实"))

        # ------------------------------------------------------------ extensions
        @rule(who=who, days=st.integers(0, 5))
        def request_extension(self, who, days):
            self.attempt(lambda: case_extension_request(case=self.case, acting_user=self.actor(who), days=days,
                                                        reason="当事人外出务工"))

        @rule(who=who, approve=st.booleans())
        def decide_extension(self, who, approve):
            extension = DeadlineExtension.objects.filter(case_id=self.case.pk).order_by("-pk").first()
            if extension is None:
                return
            self.attempt(lambda: case_extension_decide(extension=extension, acting_user=self.actor(who), approve=approve,
                                                       note="同意" if approve else "不同意"))

        # ------------------------------------------------------------ supervision
        @rule(who=who, days=st.integers(0, 12), on_task=st.booleans())
        def supervise(self, who, days, on_task):
            task = Assignment.objects.filter(case_id=self.case.pk, role="co").first() if on_task else None
            self.attempt(lambda: case_supervision_raise(case=self.case, acting_user=self.actor(who), reason="请加快办理",
                                                        reply_days=days, assignment=task))

        @rule(who=who, close=st.booleans())
        def answer_supervision(self, who, close):
            notice = self.case.supervisions.order_by("-pk").first()
            if notice is None:
                return
            if close:
                self.attempt(lambda: case_supervision_close(supervision=notice, acting_user=self.actor(who),
                                                            note="已落实"))
            else:
                self.attempt(lambda: case_supervision_reply(supervision=notice, acting_user=self.actor(who),
                                                            reply="已约谈当事人"))

        @rule(days=st.integers(0, 90))
        def automatic_supervision(self, days):
            # The sweep covers every case in the database; only notices on this case count here.
            before, notices = _audit_count(self.case), self.case.supervisions.count()
            supervision_raise_overdue(now=timezone.now() + dt.timedelta(days=days))
            if self.case.supervisions.count() > notices:
                assert _audit_count(self.case) > before
            self.case = Case.objects.get(pk=self.case.pk)

        # ------------------------------------------------------------ mediation
        @rule(who=who)
        def start_mediation(self, who):
            self.attempt(lambda: mediation_start(case=self.case, acting_user=self.actor(who), channel=Channel.PEOPLE,
                                                 organisation=village, mediator=mediator, note="当事人申请调解"))

        @rule(who=who)
        def schedule_session(self, who):
            mediation = self.mediation()
            if mediation is None:
                return
            held = timezone.now() - dt.timedelta(hours=2)
            self.attempt(lambda: session_schedule(mediation=mediation, acting_user=self.actor(who), scheduled_at=held,
                                                  place="社区调解室", parties=list(self.case.parties.all())))

        @rule(who=who)
        def minute_failed_session(self, who):
            session = MediationSession.objects.filter(mediation__case_id=self.case.pk).order_by("-pk").first()
            if session is None:
                return
            self.attempt(lambda: session_minute(session=session, acting_user=self.actor(who), minutes="双方分歧较大",
                                                outcome=SessionOutcome.NO_AGREEMENT, held_at=session.scheduled_at,
                                                attended_parties=list(self.case.parties.all())))

        @rule(who=who)
        def draft_agreement(self, who):
            mediation = self.mediation()
            if mediation is None:
                return
            self.attempt(lambda: agreement_draft(mediation=mediation, acting_user=self.actor(who), facts="拖欠工资三个月",
                                                 terms=["被申请人于十日内支付工资"], performance_method="银行转账",
                                                 performance_deadline=timezone.localdate() + dt.timedelta(days=10)))

        @rule(who=who)
        def sign_agreement(self, who):
            agreement = Agreement.objects.filter(mediation__case_id=self.case.pk).order_by("-pk").first()
            if agreement is None:
                return
            self.attempt(lambda: agreement_sign(agreement=agreement, acting_user=self.actor(who),
                                                signed_on=timezone.localdate()))

        @rule(who=who)
        def fail_mediation(self, who):
            mediation = self.mediation()
            if mediation is None:
                return
            self.attempt(lambda: mediation_fail(mediation=mediation, acting_user=self.actor(who), reason="双方差距过大",
                                                routes=["arbitration"]))

        @rule(who=who)
        def refuse_mediation(self, who):
            mediation = self.mediation()
            if mediation is None:
                return
            party = self.case.parties.order_by("pk").first()
            self.attempt(lambda: mediation_record_refusal(mediation=mediation, party=party, acting_user=self.actor(who),
                                                          note="被申请人明确拒绝调解"))

        # ------------------------------------------------------------ invariants
        @invariant()
        def closed_case_has_no_open_tasks(self) -> None:
            case = Case.objects.select_related("state").get(pk=self.case.pk)
            if case.state.kind == StateKind.CLOSED:
                assert not Assignment.objects.filter(case=case, status="active").exists()
                assert not Mediation.objects.filter(case=case, status=MediationStatus.ACTIVE).exists()

        @invariant()
        def open_case_has_a_next_action_and_a_due_date(self) -> None:
            case = Case.objects.select_related("state").get(pk=self.case.pk)
            if case.state.kind != StateKind.CLOSED:
                assert available_transitions(User.objects.get(pk=county.center.pk), case)
            if case.state.kind == StateKind.OPEN:
                assert case.due_at is not None

        @invariant()
        def no_deadline_before_its_start(self) -> None:
            case = Case.objects.get(pk=self.case.pk)
            if case.due_at is not None and case.clock_started_at is not None:
                assert case.due_at >= case.clock_started_at
            for task in Assignment.objects.filter(case=case, role="co", due_at__isnull=False):
                assert timezone.localdate(task.due_at) >= timezone.localdate(task.created_at)
            for clock in MediationClock.objects.filter(mediation__case=case):
                assert clock.end_on >= clock.start_on
                assert clock.warn_on <= clock.end_on
            for agreement in Agreement.objects.filter(mediation__case=case, signed_on__isnull=False):
                assert agreement.judicial_confirmation_due is None or agreement.judicial_confirmation_due >= agreement.signed_on

    run_state_machine_as_test(
        SettlingMachine,
        settings=settings(max_examples=10, stateful_step_count=12, deadline=None,
                          suppress_health_check=list(HealthCheck)),
    )

