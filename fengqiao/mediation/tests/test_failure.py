"""A failed mediation: routes told to the parties (人民调解法 第26条), referral to the court's pre-filing mediation
with its own 30-day clock, and the labour-dispute arbitration date 15 days after the application."""
from __future__ import annotations

import datetime as dt

import pytest

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case
from fengqiao.core.errors import ValidationFailed
from fengqiao.mediation.choices import Channel, ClockKind, MediationStatus, Route
from fengqiao.mediation.models import Mediation, MediationClock
from fengqiao.mediation.services import mediation_fail, mediation_start
from fengqiao.testing.factories import make_case


@pytest.fixture
def mediation(county, directory, case) -> Mediation:
    return mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE, organisation=directory.village,
                           mediator=directory.near, applied_on=dt.date(2026, 11, 2))


def test_labour_mediation_starts_the_arbitration_clock(mediation):
    clock = MediationClock.objects.get(mediation=mediation, kind=ClockKind.LABOUR_ARBITRATION)
    assert (clock.start_on, clock.end_on) == (dt.date(2026, 11, 2), dt.date(2026, 11, 17))
    assert "劳动争议调解仲裁法 第14条" in clock.legal_basis


def test_failure_records_routes_and_referral_clocks(county, directory, mediation, case):
    mediation = mediation_fail(mediation=mediation, acting_user=county.mediator, reason="双方对赔偿数额分歧过大",
                               routes=[Route.ARBITRATION, Route.ADMINISTRATIVE], refer_to_court=True,
                               court_organisation=directory.court, court_accepted_on=dt.date(2026, 11, 20))
    mediation.refresh_from_db()
    assert mediation.status == MediationStatus.FAILED and mediation.ended_at is not None
    assert mediation.routes_offered == ["arbitration", "administrative", "litigation"]
    court = MediationClock.objects.get(mediation=mediation, kind=ClockKind.COURT_PRE_FILING)
    assert (court.start_on, court.end_on) == (dt.date(2026, 11, 20), dt.date(2026, 12, 21))  # 20 Dec (Sun) rolls
    assert court.target_organisation == directory.court and court.target_name == "A县人民法院诉调对接中心"
    assert "人民法院在线调解规则 第24条" in court.legal_basis
    labour = MediationClock.objects.get(mediation=mediation, kind=ClockKind.LABOUR_ARBITRATION)
    assert labour.end_on == dt.date(2026, 11, 17)
    case = Case.objects.select_related("state").get(pk=case.pk)
    assert case.state.code == "mediation_failed"
    event = case.events.get(kind="transition", action="fail")
    assert "仲裁、行政途径（行政处理、行政复议等）、诉讼" in event.note and "2026-12-21" in event.note
    assert "2026-11-17" in event.note and "仲裁" in event.public_note
    assert AuditEntry.objects.filter(action="mediation.fail", object_id=str(mediation.pk)).exists()


def test_failure_must_say_which_routes_were_offered(county, mediation):
    with pytest.raises(ValidationFailed) as err:
        mediation_fail(mediation=mediation, acting_user=county.mediator, reason="分歧过大", routes=[])
    assert "routes" in err.value.field_errors and "第二十六条" in str(err.value.message)
    with pytest.raises(ValidationFailed):
        mediation_fail(mediation=mediation, acting_user=county.mediator, reason="", routes=[Route.LITIGATION])
    with pytest.raises(ValidationFailed) as no_court:
        mediation_fail(mediation=mediation, acting_user=county.mediator, reason="分歧过大", routes=[Route.LITIGATION],
                       refer_to_court=True)
    assert "court_name" in no_court.value.field_errors
    mediation.refresh_from_db()
    assert mediation.status == MediationStatus.ACTIVE
    assert not MediationClock.objects.filter(mediation=mediation, kind=ClockKind.COURT_PRE_FILING).exists()


def test_other_disputes_get_no_arbitration_clock(county, directory):
    neighbours = make_case(acting_user=county.center, region=county.grid, title="噪声纠纷", narrative="楼上夜间噪声扰民。")
    mediation = mediation_start(case=neighbours, acting_user=county.mediator, channel=Channel.PEOPLE,
                                organisation=directory.village)
    mediation = mediation_fail(mediation=mediation, acting_user=county.mediator, reason="一方不愿让步",
                               routes=[Route.LITIGATION], refer_to_court=True, court_name="A县人民法院")
    assert list(mediation.clocks.values_list("kind", flat=True)) == [ClockKind.COURT_PRE_FILING]
