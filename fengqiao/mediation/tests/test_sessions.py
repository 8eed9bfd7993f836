"""Sessions: scheduled with participants and reminders, minuted with attendance and outcome."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import Channel, SessionOutcome, SessionStatus
from fengqiao.mediation.models import Mediation, MediationSession
from fengqiao.mediation.services import (
    mediation_start,
    session_cancel,
    session_minute,
    session_reminders_send,
    session_schedule,
)
from fengqiao.mediation.services.common import send_notice
from fengqiao.notifications.models import Notification
from fengqiao.testing.factories import make_case


@pytest.fixture
def mediation(county, directory, case) -> Mediation:
    return mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE, organisation=directory.village,
                           mediator=directory.near, applied_on=dt.date(2026, 11, 1))


def test_schedule_then_minute_a_session(county, mediation, case):
    applicant, respondent = case.parties.get(role="applicant"), case.parties.get(role="respondent")
    when = timezone.now() - dt.timedelta(hours=2)
    session = session_schedule(mediation=mediation, acting_user=county.center, scheduled_at=when,
                               place="柳湾社区调解室", parties=[applicant, respondent],
                               staff=[county.grid_worker, county.mediator])
    assert session.number == 1 and session.status == SessionStatus.SCHEDULED
    assert set(session.party_participants.all()) == {applicant, respondent}
    assert set(session.staff_participants.all()) == {county.grid_worker, county.mediator}
    notices = Notification.objects.filter(case=case, kind="mediation_session")
    assert {n.recipient_id for n in notices} == {county.grid_worker.pk, county.mediator.pk}
    assert all("柳湾社区调解室" in n.body and n.url == f"/mediation/{mediation.pk}/" for n in notices)
    event = case.events.get(action="mediation_session")
    assert "柳湾社区调解室" in event.public_note

    session = session_minute(session=session, acting_user=county.mediator, minutes="双方陈述各自意见，差距较大。",
                             outcome=SessionOutcome.NO_AGREEMENT, attended_parties=[applicant],
                             attended_staff=[county.mediator])
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD and session.outcome == SessionOutcome.NO_AGREEMENT
    assert session.held_at == when and list(session.attended_parties.all()) == [applicant]
    assert "未到场：某建筑公司" in case.events.get(action="mediation_minutes").note
    assert AuditEntry.objects.filter(action__in=["mediation.session_schedule", "mediation.session_minutes"],
                                     object_id=str(session.pk)).count() == 2
    with pytest.raises(TransitionRefused):
        session_minute(session=session, acting_user=county.mediator, minutes="再记一次", outcome=SessionOutcome.AGREED)
    second = session_schedule(mediation=mediation, acting_user=county.mediator,
                              scheduled_at=timezone.now() + dt.timedelta(days=2), place="街道矛调中心",
                              parties=[applicant])
    assert second.number == 2


@pytest.mark.parametrize("offset", [dt.timedelta(days=-31), dt.timedelta(days=181), dt.timedelta(days=-3650)])
def test_sessions_beyond_reason_are_refused_and_nothing_saved(county, mediation, case, offset):
    with pytest.raises(ValidationFailed) as err:
        session_schedule(mediation=mediation, acting_user=county.mediator, scheduled_at=timezone.now() + offset,
                         place="调解室", parties=list(case.parties.all()))
    assert "scheduled_at" in err.value.field_errors
    assert not MediationSession.objects.filter(mediation=mediation).exists()


def test_schedule_needs_a_place_parties_of_this_case_and_staff_of_this_county(county, other_county, mediation, case):
    parties = list(case.parties.all())
    soon = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed) as no_place:
        session_schedule(mediation=mediation, acting_user=county.mediator, scheduled_at=soon, place=" ", parties=parties)
    assert "place" in no_place.value.field_errors
    with pytest.raises(ValidationFailed):
        session_schedule(mediation=mediation, acting_user=county.mediator, scheduled_at=soon, place="调解室", parties=[])
    stranger = make_case(acting_user=county.center, region=county.grid).parties.first()
    with pytest.raises(ValidationFailed):
        session_schedule(mediation=mediation, acting_user=county.mediator, scheduled_at=soon, place="调解室",
                         parties=[stranger])
    with pytest.raises(ValidationFailed) as foreign:
        session_schedule(mediation=mediation, acting_user=county.mediator, scheduled_at=soon, place="调解室",
                         parties=parties, staff=[other_county.center])
    assert "staff" in foreign.value.field_errors
    assert not MediationSession.objects.filter(mediation=mediation).exists()


def test_a_future_session_cannot_be_minuted_but_can_be_cancelled(county, mediation, case):
    session = session_schedule(mediation=mediation, acting_user=county.mediator,
                               scheduled_at=timezone.now() + dt.timedelta(days=1), place="调解室",
                               parties=list(case.parties.all()))
    with pytest.raises(ValidationFailed) as err:
        session_minute(session=session, acting_user=county.mediator, minutes="……", outcome=SessionOutcome.AGREED)
    assert "held_at" in err.value.field_errors
    with pytest.raises(ValidationFailed):
        session_cancel(session=session, acting_user=county.mediator, reason="")
    session = session_cancel(session=session, acting_user=county.mediator, reason="申请人住院")
    assert session.status == SessionStatus.CANCELLED
    assert "申请人住院" in case.events.get(action="mediation_session_cancel").note


def test_reminders_go_out_once_a_day_ahead(county, mediation, case):
    session = session_schedule(mediation=mediation, acting_user=county.mediator,
                               scheduled_at=timezone.now() + dt.timedelta(hours=20), place="调解室",
                               parties=list(case.parties.all()), staff=[county.grid_worker])
    session_schedule(mediation=mediation, acting_user=county.mediator, scheduled_at=timezone.now() + dt.timedelta(days=5),
                     place="调解室", parties=list(case.parties.all()), staff=[county.grid_worker])
    before = set(Notification.objects.filter(case=case).values_list("pk", flat=True))
    assert session_reminders_send() == 1
    assert session_reminders_send() == 0
    reminders = Notification.objects.filter(case=case, title="调解会议提醒").exclude(pk__in=before)
    assert {n.recipient_id for n in reminders} == {county.grid_worker.pk, county.mediator.pk}
    session.refresh_from_db()
    assert session.reminder_sent_at is not None


def test_without_the_notifications_app_nothing_is_sent(county, monkeypatch):
    assert send_notice(recipients=[county.center], kind="system", title="调解", body="正文") is True
    monkeypatch.setattr("fengqiao.mediation.services.common.apps.is_installed", lambda name: False)
    assert send_notice(recipients=[county.center], kind="system", title="调解", body="正文") is False


def test_a_failing_notice_does_not_undo_the_write(county, mediation, case):
    # An unknown kind is refused by the notifications app: logged, rolled back to its savepoint, write kept.
    assert send_notice(recipients=[county.center], kind="no_such_kind", title="调解", body="正文") is False
    session = session_schedule(mediation=mediation, acting_user=county.mediator, scheduled_at=timezone.now(),
                               place="调解室", parties=list(case.parties.all()))
    assert MediationSession.objects.filter(pk=session.pk).exists()
