"""The alerts inbox: raising an alert (one open alert per de-duplication key), and a person acknowledging it,
recording what was done, or dismissing it with a reason. Every change leaves an audit row."""
from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.accounts.selectors import memberships_covering
from fengqiao.audit.services import audit_record
from fengqiao.core.errors import NotFoundError, TransitionRefused, ValidationFailed
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.services import notify
from fengqiao.regions.models import Region
from fengqiao.warning.choices import OPEN_ALERT_STATUSES, AlertStatus
from fengqiao.warning.models import Alert

NOTE_MAX = 2000


def leader_for(region: Region) -> User | None:
    """Whom an alert of `region` goes to: the leader of the nearest level holding one (the region itself, then
    its street, then the county), the head (负责人) first. There is no duty roster (值班表) in the accounts app,
    so the leaders of the area stand for the leader on duty."""
    memberships = list(memberships_covering(region_path=region.path, roles=[Role.LEADER]))
    if not memberships:
        return None
    best = max(memberships, key=lambda m: (len(m.region.path), m.is_head, -m.user_id))
    return best.user


def _snapshot(alert: Alert) -> dict[str, Any]:
    return {"status": alert.status, "assignee": alert.assignee_id, "occurrences": alert.occurrences,
            "note": alert.note}


@transaction.atomic
def alert_raise(*, kind: str, subject_type: str, subject_id: int, region: Region, dedup_key: str, title: str,
                detail: dict[str, Any] | None = None, notify_assignee: bool = True) -> Alert:
    """Open an alert, or — when one with `dedup_key` is still open — count the new occurrence on it."""
    now = timezone.now()
    existing = Alert.objects.select_for_update().filter(dedup_key=dedup_key, status__in=OPEN_ALERT_STATUSES).first()
    if existing is None:
        try:
            with transaction.atomic():
                alert = Alert.objects.create(
                    kind=kind, subject_type=subject_type, subject_id=subject_id, region=region,
                    region_path=region.path, dedup_key=dedup_key, title=title[:200], detail=detail or {},
                    assignee=leader_for(region), raised_at=now, last_raised_at=now)
        except IntegrityError:  # raised at the same moment by another worker: count it on theirs
            existing = Alert.objects.select_for_update().get(dedup_key=dedup_key, status__in=OPEN_ALERT_STATUSES)
        else:
            audit_record(actor=None, action="warning.alert_raised", obj=alert, after=_snapshot(alert))
            if notify_assignee and alert.assignee_id:
                notify(recipients=[alert.assignee], kind=Kind.SYSTEM, urgent=True,
                       title=_("预警：%(title)s") % {"title": alert.title},
                       body=_("请及时签收并处置。"), url=reverse("warning:alert", args=[alert.pk]))
            return alert
    existing.occurrences += 1
    existing.last_raised_at = now
    existing.detail = detail or existing.detail
    existing.save(update_fields=["occurrences", "last_raised_at", "detail"])
    return existing


def _locked(alert_id: int, acting_user: User) -> Alert:
    from fengqiao.warning.selectors import alerts_visible_to

    alert = alerts_visible_to(acting_user).select_for_update().filter(pk=alert_id).first()
    if alert is None:
        raise NotFoundError(_("未找到该预警。"))
    return alert


def _clean_note(note: str, *, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise ValidationFailed(_("请填写说明。"), field_errors={"note": [_("必填")]})
    if len(note) > NOTE_MAX:
        raise ValidationFailed(_("说明过长（最多%(n)d字）。") % {"n": NOTE_MAX}, field_errors={"note": [_("过长")]})
    return note


def _finish(alert: Alert, *, status: str, note: str, acting_user: User, action: str) -> Alert:
    before = _snapshot(alert)
    alert.status = status
    alert.note = note or alert.note
    alert.handled_by = acting_user
    alert.handled_at = timezone.now()
    alert.save(update_fields=["status", "note", "handled_by", "handled_at"])
    audit_record(actor=acting_user, action=action, obj=alert, before=before, after=_snapshot(alert))
    return alert


@transaction.atomic
def alert_acknowledge(*, alert_id: int, acting_user: User) -> Alert:
    alert = _locked(alert_id, acting_user)
    if alert.status != AlertStatus.NEW:
        raise TransitionRefused(_("该预警已签收或已处理。"))
    return _finish(alert, status=AlertStatus.ACKNOWLEDGED, note="", acting_user=acting_user,
                   action="warning.alert_acknowledged")


@transaction.atomic
def alert_act(*, alert_id: int, note: str, acting_user: User) -> Alert:
    """Record what was done about it (e.g. a joint meeting called); the alert leaves the open inbox."""
    alert = _locked(alert_id, acting_user)
    if not alert.is_open:
        raise TransitionRefused(_("该预警已处理。"))
    return _finish(alert, status=AlertStatus.ACTED, note=_clean_note(note, required=True), acting_user=acting_user,
                   action="warning.alert_acted")


@transaction.atomic
def alert_dismiss(*, alert_id: int, reason: str, acting_user: User) -> Alert:
    """Dismiss with a reason (e.g. the cases are not related after all)."""
    alert = _locked(alert_id, acting_user)
    if not alert.is_open:
        raise TransitionRefused(_("该预警已处理。"))
    return _finish(alert, status=AlertStatus.DISMISSED, note=_clean_note(reason, required=True),
                   acting_user=acting_user, action="warning.alert_dismissed")
