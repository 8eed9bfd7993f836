"""The daily sweep: a court referral not accepted in time, or an entrusted mediation period that ran out, raises one
supervision notice; met clocks, ended mediations and an outbound referral's clock raise none."""
from __future__ import annotations

import pytest

from fengqiao.audit.models import AuditEntry
from fengqiao.mediation.choices import ClockKind, CourtReferralKind, Route
from fengqiao.mediation.services import (
    court_clock_overdue_sweep,
    mediation_confirm_court_acceptance,
    mediation_fail,
    mediation_start,
)
from fengqiao.mediation.tests.test_court_entrusted import D, clock, court_case, referral, start  # noqa: F401
from fengqiao.notifications.models import Notification

pytestmark = pytest.mark.django_db


def notices(case, title: str) -> list[Notification]:
    return list(Notification.objects.filter(case=case, title=title))


def test_an_acceptance_not_confirmed_in_time_is_raised_once(county, directory, court_case):  # noqa: F811
    mediation = start(county, directory, court_case, referral())  # received 30 Sep: acceptance due 10 Oct
    assert clock(mediation, ClockKind.COURT_ACCEPTANCE).end_on == D(2026, 10, 10)
    assert court_clock_overdue_sweep(today=D(2026, 10, 10)) == 0  # the last day itself is still in time

    assert court_clock_overdue_sweep(today=D(2026, 10, 11)) == 1
    sent = notices(court_case, "法院委派/委托的调解未按期确认接受")
    assert county.center.pk in {n.recipient_id for n in sent} and all(n.urgent for n in sent)
    assert "应于 2026-10-10 前确认接受" in sent[0].body and "A县人民法院" in sent[0].body
    assert court_case.events.filter(action="mediation_court_clock_overdue").count() == 1
    assert AuditEntry.objects.filter(action="mediation.court_clock_overdue_notice").count() == 1
    assert clock(mediation, ClockKind.COURT_ACCEPTANCE).overdue_notified_at is not None

    assert court_clock_overdue_sweep(today=D(2026, 10, 20)) == 0  # once only


def test_an_entrusted_period_that_runs_out_is_raised(county, directory, court_case):  # noqa: F811
    mediation = start(county, directory, court_case, referral(CourtReferralKind.POST_FILING_SIMPLIFIED))
    mediation_confirm_court_acceptance(mediation=mediation, acting_user=county.mediator, accepted_on=D(2026, 10, 9))
    assert clock(mediation, ClockKind.COURT_POST_FILING_SIMPLIFIED).end_on == D(2026, 10, 16)
    assert court_clock_overdue_sweep(today=D(2026, 10, 16)) == 0  # acceptance met on time, period still running

    assert court_clock_overdue_sweep(today=D(2026, 10, 17)) == 1
    sent = notices(court_case, "法院委派/委托的调解期限已届满")
    assert sent and "已于 2026-10-16 届满" in sent[0].body


def test_met_clocks_and_ended_mediations_raise_nothing(county, directory, court_case):  # noqa: F811
    mediation = start(county, directory, court_case, referral())
    mediation_confirm_court_acceptance(mediation=mediation, acting_user=county.mediator, accepted_on=D(2026, 10, 9))
    mediation_fail(mediation=mediation, acting_user=county.mediator, reason="分歧过大", routes=[Route.LITIGATION])
    assert court_clock_overdue_sweep(today=D(2026, 12, 31)) == 0
    assert not Notification.objects.filter(case=court_case, kind="supervision").exists()


def test_an_outbound_referrals_clock_runs_at_the_court_once_mediation_has_ended_and_is_not_raised(county, directory, court_case):  # noqa: F811
    mediation = mediation_start(case=court_case, acting_user=county.mediator, channel="people",
                                organisation=directory.village, applied_on=D(2026, 9, 30))
    mediation_fail(mediation=mediation, acting_user=county.mediator, reason="分歧过大", routes=[Route.LITIGATION],
                   refer_to_court=True, court_name="A县人民法院", court_accepted_on=D(2026, 10, 9))
    assert clock(mediation, ClockKind.COURT_PRE_FILING).end_on < D(2026, 12, 31)
    assert court_clock_overdue_sweep(today=D(2026, 12, 31)) == 0
