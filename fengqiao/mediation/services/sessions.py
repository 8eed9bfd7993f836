"""Mediation sessions: scheduling (with reminders), minutes (人民调解法 第27条), cancellation."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases.models import Party
from fengqiao.cases.selectors import users_for_case
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import SessionOutcome, SessionStatus
from fengqiao.mediation.models import Mediation, MediationSession
from fengqiao.mediation.services.common import (
    MAX_LONG_TEXT,
    NOTICE_SESSION,
    clean_text,
    ensure_active,
    lock_mediation,
    record_event,
    send_notice,
)
from fengqiao.mediation.services.start import mediation_url

# How far from now a session may be put (recording one held earlier, or planning ahead); settings may change them.
DEFAULT_SESSION_PAST_DAYS = 30
DEFAULT_SESSION_FUTURE_DAYS = 180


def session_window() -> tuple[int, int]:
    return (getattr(settings, "FENGQIAO_MEDIATION_SESSION_PAST_DAYS", DEFAULT_SESSION_PAST_DAYS),
            getattr(settings, "FENGQIAO_MEDIATION_SESSION_FUTURE_DAYS", DEFAULT_SESSION_FUTURE_DAYS))
MINUTES_CLOCK_SKEW = dt.timedelta(minutes=10)


def session_snapshot(session: MediationSession) -> dict:
    return {
        "mediation": session.mediation_id, "number": session.number, "status": session.status,
        "scheduled_at": session.scheduled_at.isoformat() if session.scheduled_at else None, "place": session.place,
        "outcome": session.outcome,
        "parties": sorted(p.pk for p in session.party_participants.all()) if session.pk else [],
        "staff": sorted(u.pk for u in session.staff_participants.all()) if session.pk else [],
    }


def _aware(value: dt.datetime, field: str) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise ValidationFailed(_("请填写正确的日期和时间。"), field_errors={field: [_("格式不正确")]})
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _case_parties(mediation: Mediation, parties: Iterable[Party], field: str) -> list[Party]:
    chosen = list(dict.fromkeys(parties))
    if any(p.case_id != mediation.case_id for p in chosen):
        raise ValidationFailed(_("只能选择本案的当事人。"), field_errors={field: [_("不是本案当事人")]})
    return chosen


def _case_staff(mediation: Mediation, staff: Iterable[User], field: str) -> list[User]:
    chosen = list(dict.fromkeys(staff))
    allowed = set(users_for_case(case=mediation.case).filter(pk__in=[u.pk for u in chosen]).values_list("pk", flat=True))
    if any(u.pk not in allowed for u in chosen):
        raise ValidationFailed(_("只能选择本县（区）在岗的工作人员。"), field_errors={field: [_("不在本县")]})
    return chosen


def _session_recipients(mediation: Mediation, staff: Iterable[User], acting_user) -> list[User]:
    people = [u for u in staff if u.pk != getattr(acting_user, "pk", None)]
    mediator = mediation.mediator
    if mediator is not None and mediator.user is not None and mediator.user_id != getattr(acting_user, "pk", None):
        people.append(mediator.user)
    return people


@transaction.atomic
def session_schedule(*, mediation: Mediation, acting_user, scheduled_at: dt.datetime, place: str,
                     parties: Iterable[Party] = (), staff: Iterable[User] = ()) -> MediationSession:
    mediation = lock_mediation(mediation, acting_user)
    ensure_active(mediation)
    scheduled_at = _aware(scheduled_at, "scheduled_at")
    now = timezone.now()
    past_days, future_days = session_window()
    if scheduled_at < now - dt.timedelta(days=past_days):
        raise ValidationFailed(
            _("调解时间不能早于%(days)d天前。") % {"days": past_days},
            field_errors={"scheduled_at": [_("时间过早")]},
        )
    if scheduled_at > now + dt.timedelta(days=future_days):
        raise ValidationFailed(
            _("调解时间不能晚于%(days)d天后。") % {"days": future_days},
            field_errors={"scheduled_at": [_("时间过晚")]},
        )
    place = clean_text(place, field="place", label=_("调解地点"), required=True, max_length=200)
    chosen_parties = _case_parties(mediation, parties, "parties")
    if not chosen_parties:
        raise ValidationFailed(_("请选择参加调解的当事人。"), field_errors={"parties": [_("必选")]})
    chosen_staff = _case_staff(mediation, staff, "staff")
    number = (mediation.sessions.aggregate(n=Max("number"))["n"] or 0) + 1
    session = MediationSession.objects.create(
        mediation=mediation, number=number, scheduled_at=scheduled_at, place=place, created_by=acting_user,
    )
    session.party_participants.set(chosen_parties)
    session.staff_participants.set(chosen_staff)
    when = timezone.localtime(scheduled_at).strftime("%Y-%m-%d %H:%M")
    record_event(
        mediation.case, actor=acting_user, action="mediation_session",
        note=_("安排第%(n)d次调解：%(when)s，%(place)s；当事人：%(parties)s。") % {
            "n": number, "when": when, "place": place, "parties": "、".join(p.name for p in chosen_parties)},
        public_note=_("已安排调解：%(when)s，地点：%(place)s。") % {"when": when, "place": place},
        data={"mediation": mediation.pk, "session": session.pk},
    )
    audit_record(actor=acting_user, action="mediation.session_schedule", obj=session, after=session_snapshot(session))
    send_notice(
        recipients=_session_recipients(mediation, chosen_staff, acting_user), kind=NOTICE_SESSION,
        title=_("调解会议安排"),
        body=_("%(case)s 第%(n)d次调解：%(when)s，%(place)s。") % {
            "case": mediation.case.reference, "n": number, "when": when, "place": place},
        case=mediation.case, url=mediation_url(mediation), acting_user=acting_user,
    )
    return session


def _lock_session(session: MediationSession, acting_user) -> tuple[Mediation, MediationSession]:
    mediation = lock_mediation(session.mediation, acting_user)
    current = MediationSession.objects.get(pk=session.pk)
    return mediation, current


@transaction.atomic
def session_minute(*, session: MediationSession, acting_user, minutes: str, outcome: str,
                   attended_parties: Iterable[Party] = (), attended_staff: Iterable[User] = (),
                   held_at: dt.datetime | None = None) -> MediationSession:
    mediation, session = _lock_session(session, acting_user)
    if session.status != SessionStatus.SCHEDULED:
        raise TransitionRefused(
            _("该次调解%(status)s，不能再记录。") % {"status": session.get_status_display()}
        )
    held_at = _aware(held_at, "held_at") if held_at is not None else session.scheduled_at
    now = timezone.now()
    if held_at > now + MINUTES_CLOCK_SKEW:
        raise ValidationFailed(_("该次调解尚未举行，举行后再记录。"), field_errors={"held_at": [_("晚于现在")]})
    if held_at < session.scheduled_at - dt.timedelta(days=session_window()[0]):
        raise ValidationFailed(_("实际举行时间与安排时间相差过远。"), field_errors={"held_at": [_("时间过早")]})
    minutes = clean_text(minutes, field="minutes", label=_("调解记录"), required=True, max_length=MAX_LONG_TEXT)
    if outcome not in SessionOutcome.values:
        raise ValidationFailed(_("请选择本次调解的结果。"), field_errors={"outcome": [_("必选")]})
    parties = _case_parties(mediation, attended_parties, "attended_parties")
    staff = _case_staff(mediation, attended_staff, "attended_staff")
    before = session_snapshot(session)
    session.status = SessionStatus.HELD
    session.held_at = held_at
    session.minutes = minutes
    session.outcome = outcome
    session.minuted_by = acting_user
    session.minuted_at = now
    session.save(update_fields=["status", "held_at", "minutes", "outcome", "minuted_by", "minuted_at"])
    session.attended_parties.set(parties)
    session.attended_staff.set(staff)
    absent = [p.name for p in session.party_participants.all() if p not in parties]
    text = _("第%(n)d次调解已举行（%(when)s），结果：%(outcome)s。") % {
        "n": session.number, "when": timezone.localtime(held_at).strftime("%Y-%m-%d %H:%M"),
        "outcome": session.get_outcome_display()}
    if absent:
        text += _("未到场：%(names)s。") % {"names": "、".join(absent)}
    record_event(mediation.case, actor=acting_user, action="mediation_minutes", note=text,
                 data={"mediation": mediation.pk, "session": session.pk, "outcome": outcome})
    audit_record(actor=acting_user, action="mediation.session_minutes", obj=session, before=before,
                 after={**session_snapshot(session), "attended_parties": [p.pk for p in parties],
                        "attended_staff": [u.pk for u in staff], "minutes_length": len(minutes)})
    return session


@transaction.atomic
def session_cancel(*, session: MediationSession, acting_user, reason: str) -> MediationSession:
    mediation, session = _lock_session(session, acting_user)
    if session.status != SessionStatus.SCHEDULED:
        raise TransitionRefused(_("只有已安排、尚未记录的调解才能取消。"))
    reason = clean_text(reason, field="reason", label=_("取消原因"), required=True, max_length=300)
    before = session_snapshot(session)
    session.status = SessionStatus.CANCELLED
    session.cancel_reason = reason
    session.save(update_fields=["status", "cancel_reason"])
    record_event(mediation.case, actor=acting_user, action="mediation_session_cancel",
                 note=_("取消第%(n)d次调解：%(reason)s") % {"n": session.number, "reason": reason},
                 public_note=_("原定%(when)s的调解已取消。") % {
                     "when": timezone.localtime(session.scheduled_at).strftime("%Y-%m-%d %H:%M")},
                 data={"mediation": mediation.pk, "session": session.pk})
    audit_record(actor=acting_user, action="mediation.session_cancel", obj=session, before=before,
                 after={**session_snapshot(session), "reason": reason})
    send_notice(
        recipients=_session_recipients(mediation, session.staff_participants.all(), acting_user),
        kind=NOTICE_SESSION, title=_("调解会议取消"),
        body=_("%(case)s 第%(n)d次调解已取消：%(reason)s") % {
            "case": mediation.case.reference, "n": session.number, "reason": reason},
        case=mediation.case, url=mediation_url(mediation), acting_user=acting_user,
    )
    return session
