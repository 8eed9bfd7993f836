"""Court-entrusted mediation (法院委派/委托调解, 人民法院在线调解规则): the referral recorded at the start, the
appointment and acceptance clocks in working days across the 2026 holidays (Fri 25 Sep the Mid-Autumn Festival,
1-7 Oct National Day, Sat 10 Oct a working day), the mediation period from the acceptance, and the return to the
court on failure."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import (
    Channel,
    ClockKind,
    ClockStatus,
    CourtReferralKind,
    MediationStatus,
    Route,
)
from fengqiao.mediation.display import clock_view
from fengqiao.mediation.models import Mediation, MediationClock
from fengqiao.mediation.services import (
    CourtReferralInput,
    agreement_draft,
    agreement_sign,
    mediation_confirm_court_acceptance,
    mediation_fail,
    mediation_record_refusal,
    mediation_start,
)
from fengqiao.testing.factories import make_case

D = dt.date
COURT = "A县人民法院"
RECEIVED_ON = D(2026, 9, 30)
APPLIED_ON = D(2026, 9, 25)


@pytest.fixture
def court_case(county) -> Case:
    return make_case(acting_user=county.center, region=county.grid, channel="court", title="相邻通行纠纷",
                     narrative="邻居在共用通道堆放杂物，影响通行。",
                     received_at=timezone.make_aware(dt.datetime(2026, 9, 1, 9, 0)))


def referral(kind: str = CourtReferralKind.PRE_FILING, *, received_on: D | None = RECEIVED_ON,
             applied_on: D | None = APPLIED_ON, court_name: str = COURT) -> CourtReferralInput:
    return CourtReferralInput(kind=kind, court_name=court_name, received_on=received_on, applied_on=applied_on)


def start(county, directory, case: Case, court_referral: CourtReferralInput | None) -> Mediation:
    return mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE,
                           organisation=directory.village, applied_on=D(2026, 9, 30), court_referral=court_referral)


def clock(mediation: Mediation, kind: str) -> MediationClock:
    return MediationClock.objects.get(mediation=mediation, kind=kind)


def test_the_referral_starts_the_acceptance_and_appointment_clocks(county, directory, court_case):
    mediation = start(county, directory, court_case, referral())
    mediation.refresh_from_db()
    assert mediation.court_referral_kind == CourtReferralKind.PRE_FILING and mediation.referring_court == COURT
    assert (mediation.court_applied_on, mediation.court_received_on, mediation.court_accepted_on) == (
        D(2026, 9, 25), D(2026, 9, 30), None)
    acceptance = clock(mediation, ClockKind.COURT_ACCEPTANCE)
    # 3 working days from Wed 30 Sep: Thu 8 Oct, Fri 9 Oct, Sat 10 Oct (an adjusted working day).
    assert (acceptance.start_on, acceptance.end_on, acceptance.met_on) == (D(2026, 9, 30), D(2026, 10, 10), None)
    assert acceptance.unit == "working_days" and "第12条" in acceptance.legal_basis
    appointment = clock(mediation, ClockKind.COURT_APPOINTMENT)
    # 3 working days from Fri 25 Sep (the Mid-Autumn Festival): Mon 28, Tue 29, Wed 30 Sep; sent on the last day.
    assert (appointment.start_on, appointment.end_on, appointment.met_on) == (D(2026, 9, 25), D(2026, 9, 30), D(2026, 9, 30))
    assert appointment.target_name == COURT
    assert set(mediation.clocks.values_list("kind", flat=True)) == {ClockKind.COURT_ACCEPTANCE, ClockKind.COURT_APPOINTMENT}
    event = court_case.events.get(action="mediation_start")
    assert "2026-10-10" in event.note and "按期" in event.note
    entry = AuditEntry.objects.get(action="mediation.start", object_id=str(mediation.pk))
    assert entry.after["court_referral"] == {"kind": "pre_filing", "court": COURT, "applied_on": "2026-09-25",
                                             "received_on": "2026-09-30", "accepted_on": None}


def test_a_late_appointment_shows_as_done_and_late(county, directory, court_case):
    mediation = start(county, directory, court_case, referral(applied_on=D(2026, 9, 23)))
    appointment = clock(mediation, ClockKind.COURT_APPOINTMENT)
    # From Wed 23 Sep: Thu 24, (Fri 25 the Mid-Autumn Festival), Mon 28, Tue 29 Sep.
    assert (appointment.end_on, appointment.met_on) == (D(2026, 9, 29), D(2026, 9, 30))
    view = clock_view(appointment, today=D(2026, 11, 1), mediation_active=True)
    assert view.status == ClockStatus.DONE and view.status_label == "已于 2026-09-30 完成（超期 1 日）"
    assert "晚于期限" in court_case.events.get(action="mediation_start").note


def test_without_an_application_date_there_is_no_appointment_clock(county, directory, court_case):
    mediation = start(county, directory, court_case, referral(applied_on=None))
    assert list(mediation.clocks.values_list("kind", flat=True)) == [ClockKind.COURT_ACCEPTANCE]


def test_an_ordinary_start_is_unchanged(county, directory, court_case):
    mediation = start(county, directory, court_case, None)
    assert mediation.court_referral_kind == "" and not mediation.clocks.exists()
    assert "court_referral" not in AuditEntry.objects.get(action="mediation.start", object_id=str(mediation.pk)).after


@pytest.mark.parametrize(("bad", "field"), [
    (referral(court_name="  "), "court_name"),
    (referral(kind="nonsense"), "court_referral_kind"),
    (referral(received_on=None), "court_received_on"),
    (referral(received_on=timezone.localdate() + dt.timedelta(days=1), applied_on=None), "court_received_on"),
    (referral(applied_on=D(2026, 10, 1)), "court_applied_on"),
])
def test_a_bad_referral_saves_nothing(county, directory, court_case, bad, field):
    with pytest.raises(ValidationFailed) as err:
        start(county, directory, court_case, bad)
    assert field in err.value.field_errors
    assert not Mediation.objects.filter(case=court_case).exists() and not MediationClock.objects.exists()
    assert not AuditEntry.objects.filter(action="mediation.start").exists()
    assert not court_case.events.filter(action="mediation_start").exists()


@pytest.mark.parametrize(("kind", "period", "end_on"), [
    # issue 9: 8 Nov (Sun) and 24 Oct (Sat) roll to the next working day (民事诉讼法 第八十五条)
    (CourtReferralKind.PRE_FILING, ClockKind.COURT_PRE_FILING, D(2026, 11, 9)),
    (CourtReferralKind.POST_FILING_ORDINARY, ClockKind.COURT_POST_FILING_ORDINARY, D(2026, 10, 26)),
    (CourtReferralKind.POST_FILING_SIMPLIFIED, ClockKind.COURT_POST_FILING_SIMPLIFIED, D(2026, 10, 16)),
])
def test_acceptance_meets_its_clock_and_starts_the_period(county, directory, court_case, kind, period, end_on):
    mediation = start(county, directory, court_case, referral(kind))
    clock_started = mediation_confirm_court_acceptance(mediation=mediation, acting_user=county.mediator,
                                                       accepted_on=D(2026, 10, 9))
    assert clock_started.kind == period
    stored = clock(mediation, period)
    assert (stored.start_on, stored.end_on, stored.met_on, stored.target_name) == (D(2026, 10, 9), end_on, None, COURT)
    assert "第24条" in stored.legal_basis
    acceptance = clock(mediation, ClockKind.COURT_ACCEPTANCE)
    assert acceptance.met_on == D(2026, 10, 9)
    view = clock_view(acceptance, today=D(2026, 11, 30), mediation_active=True)
    assert (view.status, view.status_label) == (ClockStatus.DONE, "已于 2026-10-09 完成")
    mediation.refresh_from_db()
    assert mediation.court_accepted_on == D(2026, 10, 9)
    entry = AuditEntry.objects.get(action="mediation.court_accept", object_id=str(mediation.pk))
    assert entry.before["court_referral"]["accepted_on"] is None
    assert entry.after["court_referral"]["accepted_on"] == "2026-10-09" and entry.after["period_end"] == end_on.isoformat()
    assert end_on.isoformat() in court_case.events.get(action="mediation_court_accepted").note


def test_an_unmet_acceptance_clock_turns_red_and_late_acceptance_says_so(county, directory, court_case):
    mediation = start(county, directory, court_case, referral())
    acceptance = clock(mediation, ClockKind.COURT_ACCEPTANCE)
    assert clock_view(acceptance, today=D(2026, 10, 8), mediation_active=True).status == ClockStatus.YELLOW
    red = clock_view(acceptance, today=D(2026, 10, 11), mediation_active=True)
    assert (red.status, red.status_label) == (ClockStatus.RED, "确认接受委派期限已届满")
    mediation_confirm_court_acceptance(mediation=mediation, acting_user=county.mediator, accepted_on=D(2026, 10, 12))
    acceptance.refresh_from_db()
    view = clock_view(acceptance, today=D(2026, 11, 30), mediation_active=True)
    assert (view.status, view.status_label) == (ClockStatus.DONE, "已于 2026-10-12 完成（超期 2 日）")
    assert "超过确认期限 2026-10-10" in court_case.events.get(action="mediation_court_accepted").note


def test_an_acceptance_clock_stops_counting_when_the_mediation_ends_first(county, directory, court_case):
    mediation = start(county, directory, court_case, referral())
    acceptance = clock(mediation, ClockKind.COURT_ACCEPTANCE)
    mediation_fail(mediation=mediation, acting_user=county.mediator, reason="当事人不愿调解", routes=[Route.LITIGATION])
    acceptance.refresh_from_db()
    assert acceptance.met_on is None
    view = clock_view(acceptance, today=D(2026, 11, 30), mediation_active=False)
    assert (view.status, view.status_label) == (ClockStatus.NONE, "调解已结束，不再计算")
    assert clock_view(acceptance, today=D(2026, 11, 30), mediation_active=True).status == ClockStatus.RED


def test_acceptance_is_confirmed_once_and_with_a_sensible_date(county, directory, court_case):
    mediation = start(county, directory, court_case, referral())
    for bad in (D(2026, 9, 29), timezone.localdate() + dt.timedelta(days=1)):
        with pytest.raises(ValidationFailed) as err:
            mediation_confirm_court_acceptance(mediation=mediation, acting_user=county.mediator, accepted_on=bad)
        assert "accepted_on" in err.value.field_errors
    mediation.refresh_from_db()
    assert mediation.court_accepted_on is None and clock(mediation, ClockKind.COURT_ACCEPTANCE).met_on is None
    assert mediation.clocks.count() == 2
    mediation_confirm_court_acceptance(mediation=mediation, acting_user=county.mediator, accepted_on=D(2026, 10, 8))
    with pytest.raises(TransitionRefused):
        mediation_confirm_court_acceptance(mediation=mediation, acting_user=county.mediator, accepted_on=D(2026, 10, 9))
    mediation.refresh_from_db()
    assert mediation.court_accepted_on == D(2026, 10, 8)
    assert AuditEntry.objects.filter(action="mediation.court_accept").count() == 1


def test_only_an_active_court_entrusted_mediation_is_accepted(county, directory, case, court_case):
    ordinary = start(county, directory, case, None)
    with pytest.raises(TransitionRefused):
        mediation_confirm_court_acceptance(mediation=ordinary, acting_user=county.mediator, accepted_on=D(2026, 10, 8))
    entrusted = start(county, directory, court_case, referral())
    mediation_fail(mediation=entrusted, acting_user=county.mediator, reason="双方分歧大", routes=[Route.LITIGATION])
    with pytest.raises(TransitionRefused):
        mediation_confirm_court_acceptance(mediation=entrusted, acting_user=county.mediator, accepted_on=D(2026, 10, 8))


def test_an_entrusted_mediation_that_fails_goes_back_to_its_court(county, directory, court_case):
    mediation = start(county, directory, court_case, referral())
    mediation_confirm_court_acceptance(mediation=mediation, acting_user=county.mediator, accepted_on=D(2026, 10, 9))
    with pytest.raises(ValidationFailed) as err:
        mediation_fail(mediation=mediation, acting_user=county.mediator, reason="分歧过大", routes=[Route.LITIGATION],
                       refer_to_court=True, court_name="A县人民法院")
    assert "refer_to_court" in err.value.field_errors and COURT in str(err.value.message)
    mediation.refresh_from_db()
    assert mediation.status == MediationStatus.ACTIVE

    mediation_fail(mediation=mediation, acting_user=county.mediator, reason="分歧过大", routes=[Route.ARBITRATION])
    mediation.refresh_from_db()
    assert mediation.status == MediationStatus.FAILED
    assert mediation.routes_offered == ["arbitration", "litigation"]
    assert mediation.clocks.filter(kind=ClockKind.COURT_PRE_FILING).count() == 1
    period = clock(mediation, ClockKind.COURT_PRE_FILING)
    assert period.start_on == D(2026, 10, 9) and period.met_on == timezone.localdate()
    event = court_case.events.filter(action__in=["fail", "mediation_failed"]).get()
    assert "退回该法院" in event.note and COURT in event.public_note
    entry = AuditEntry.objects.get(action="mediation.fail", object_id=str(mediation.pk))
    assert entry.after["returned_to_court"] == COURT and entry.after["court_referral"] is None


def test_an_agreement_or_a_refusal_ends_the_period(county, directory, court_case):
    mediation = start(county, directory, court_case, referral(CourtReferralKind.POST_FILING_ORDINARY))
    mediation_confirm_court_acceptance(mediation=mediation, acting_user=county.mediator, accepted_on=D(2026, 10, 9))
    agreement = agreement_draft(mediation=mediation, acting_user=county.mediator, facts="杂物堵塞通道。", terms=["清理杂物"],
                                performance_method="自行清理", performance_deadline=D(2026, 10, 31))
    agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=D(2026, 10, 20))
    period = clock(mediation, ClockKind.COURT_POST_FILING_ORDINARY)
    assert (period.end_on, period.met_on) == (D(2026, 10, 26), D(2026, 10, 20))  # 24 Oct (Sat) rolls (issue 9)
    assert clock_view(period, today=D(2026, 11, 30), mediation_active=False).status == ClockStatus.DONE

    other = make_case(acting_user=county.center, region=county.grid, channel="court", title="噪声纠纷",
                      narrative="楼上夜间噪声扰民。", received_at=timezone.make_aware(dt.datetime(2026, 9, 1, 9, 0)))
    refused = start(county, directory, other, referral(CourtReferralKind.POST_FILING_SIMPLIFIED))
    mediation_confirm_court_acceptance(mediation=refused, acting_user=county.mediator, accepted_on=D(2026, 10, 9))
    mediation_record_refusal(mediation=refused, party=other.parties.first(), acting_user=county.mediator,
                             refused_on=D(2026, 10, 12))
    assert clock(refused, ClockKind.COURT_POST_FILING_SIMPLIFIED).met_on == D(2026, 10, 12)
