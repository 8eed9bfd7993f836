"""Every write of the mediation app leaves its audit row (and refused writes leave nothing)."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.core.errors import PermissionRefused
from fengqiao.mediation.choices import Channel, OrganisationKind, PerformanceResult, Route, SessionOutcome
from fengqiao.mediation.services import (
    InstalmentInput,
    agreement_draft,
    agreement_record_confirmation,
    agreement_sign,
    mediation_assign_mediator,
    mediation_fail,
    mediation_record_refusal,
    mediation_start,
    mediator_create,
    organisation_create,
    performance_check_record,
    performance_overdue_sweep,
    session_cancel,
    session_minute,
    session_schedule,
)
from fengqiao.testing.factories import make_case


@contextmanager
def audited(action: str, rows: int = 1):
    before = AuditEntry.objects.filter(action=action).count()
    yield
    assert AuditEntry.objects.filter(action=action).count() == before + rows, action


def test_every_service_writes_an_audit_row(county, directory, case, labour):
    user, today, now = county.mediator, timezone.localdate(), timezone.now()
    with audited("mediation.organisation_create"):
        org = organisation_create(acting_user=county.center, name="A青石派出所警调室", kind=OrganisationKind.POLICE_ROOM,
                                  region=county.street, department=county.police)
    with audited("mediation.mediator_create"):
        mediator_create(acting_user=county.center, name="陈调解", organisation=org, specialities=[labour],
                        regions_served=[county.street], phone="13900001111")
    with audited("mediation.start"):
        mediation = mediation_start(case=case, acting_user=user, channel=Channel.PEOPLE, organisation=directory.village,
                                    applied_on=today - dt.timedelta(days=70))
    with audited("mediation.assign_mediator"):
        mediation_assign_mediator(mediation=mediation, mediator=directory.generalist, acting_user=user)
    with audited("mediation.session_schedule", 2):
        held = session_schedule(mediation=mediation, acting_user=user, scheduled_at=now - dt.timedelta(days=2),
                                place="调解室", parties=list(case.parties.all()))
        later = session_schedule(mediation=mediation, acting_user=user, scheduled_at=now + dt.timedelta(days=2),
                                 place="调解室", parties=list(case.parties.all()))
    with audited("mediation.session_minutes"):
        session_minute(session=held, acting_user=user, minutes="达成一致", outcome=SessionOutcome.AGREED)
    with audited("mediation.session_cancel"):
        session_cancel(session=later, acting_user=user, reason="已达成一致")
    with audited("mediation.agreement_draft"):
        agreement = agreement_draft(mediation=mediation, acting_user=user, facts="拖欠工资", terms=["支付工资"],
                                    performance_method="转账", instalments=[
                                        InstalmentInput(due_on=today - dt.timedelta(days=10), description="一次付清")])
    with audited("mediation.agreement_sign"), audited("mediation.succeed"):
        agreement_sign(agreement=agreement, acting_user=user, signed_on=today - dt.timedelta(days=60))
    with audited("mediation.judicial_confirmation"):
        agreement_record_confirmation(agreement=agreement, acting_user=user, applied_on=today - dt.timedelta(days=55),
                                      court="A县人民法院")
    with audited("mediation.performance_overdue_notice"):
        performance_overdue_sweep()
    with audited("mediation.performance_check"):
        performance_check_record(instalment=agreement.instalments.get(), acting_user=user,
                                 result=PerformanceResult.NOT_PERFORMED, note="未付款")

    second = make_case(acting_user=county.center, region=county.grid)
    with audited("mediation.refusal"):
        refused = mediation_start(case=second, acting_user=user, channel=Channel.PEOPLE, organisation=directory.village)
        mediation_record_refusal(mediation=refused, party=second.parties.first(), acting_user=user)
    with audited("mediation.fail"):
        again = mediation_start(case=second, acting_user=user, channel=Channel.PEOPLE, organisation=directory.township)
        mediation_fail(mediation=again, acting_user=user, reason="分歧过大", routes=[Route.LITIGATION])


def test_refused_writes_leave_no_audit_row(county, other_county, directory, case):
    before = AuditEntry.objects.filter(action__startswith="mediation.").count()
    with pytest.raises(PermissionRefused):
        organisation_create(acting_user=county.grid_worker, name="某调委会", kind=OrganisationKind.VILLAGE_COMMITTEE,
                            region=county.community)
    with pytest.raises(PermissionRefused):
        organisation_create(acting_user=other_county.center, name="某调委会", kind=OrganisationKind.VILLAGE_COMMITTEE,
                            region=county.community)
    assert AuditEntry.objects.filter(action__startswith="mediation.").count() == before
