"""Helpers shared by the mediation services: who may act, locking, the case timeline, notifications.

Mediation sits above the notifications app and sends through its public API (`notifications.services.notify`),
as care and follow-up do; e-mail and SMS leave only after the write commits (the notifications app queues them
with `transaction.on_commit`)."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.models import Case, CaseEvent
from fengqiao.cases.permissions import roles_for_case
from fengqiao.cases.services import case_ensure_visible, case_log_event
from fengqiao.core.errors import NotFoundError, PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.mediation.deadlines import compute_clock
from fengqiao.mediation.models import ClockRule, Mediation, MediationClock, Organisation
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.services import notify

logger = logging.getLogger("fengqiao.mediation")

MAX_TEXT = 5000
MAX_LONG_TEXT = 20000


def ensure_can_act(acting_user, case: Case) -> set[str]:
    """The case must be visible to the user (404 otherwise) and the user must hold a role on it (403)."""
    case_ensure_visible(case=case, acting_user=acting_user)
    roles = roles_for_case(acting_user, case)
    if not roles:
        raise PermissionRefused(_("您在该案件中没有办理职责，不能进行调解操作。"))
    return roles


def lock_mediation(mediation: Mediation, acting_user) -> Mediation:
    """Check the user may act on the mediation's case, then re-read the mediation (row-locked on PostgreSQL)."""
    ensure_can_act(acting_user, mediation.case)
    queryset = Mediation.objects.select_related("case", "case__process", "case__state", "case__region", "organisation",
                                                "mediator", "mediator__user")
    if connection.features.has_select_for_update:
        Mediation.objects.select_for_update().only("pk").filter(pk=mediation.pk).first()
    current = queryset.filter(pk=mediation.pk).first()
    if current is None:
        raise NotFoundError(_("未找到该调解。"))
    return current


def ensure_active(mediation: Mediation) -> None:
    if not mediation.is_active:
        raise TransitionRefused(
            _("该调解已结束（%(status)s），不能再进行此操作。") % {"status": mediation.get_status_display()}
        )


def clean_text(value: str | None, *, field: str, label: str, required: bool = False, max_length: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(_("请填写%(label)s。") % {"label": label}, field_errors={field: [_("必填")]})
    if len(value) > max_length:
        raise ValidationFailed(
            _("%(label)s过长（最多%(max)d字）。") % {"label": label, "max": max_length},
            field_errors={field: [_("过长")]},
        )
    return value


def check_past_date(value: dt.date, *, field: str, label: str, earliest: dt.date | None = None) -> None:
    """A date that records something that has happened: not in the future, not before `earliest`."""
    today = timezone.localdate()
    if value > today:
        raise ValidationFailed(_("%(label)s不能晚于今天。") % {"label": label}, field_errors={field: [_("不能晚于今天")]})
    if earliest is not None and value < earliest:
        raise ValidationFailed(
            _("%(label)s不能早于%(date)s。") % {"label": label, "date": earliest.isoformat()},
            field_errors={field: [_("日期过早")]},
        )


def record_event(case: Case, *, actor, action: str, note: str, public_note: str = "",
                 data: dict | None = None) -> CaseEvent:
    """One line on the case's timeline (internal note, optionally a public note the resident may read)."""
    return case_log_event(case=case, acting_user=actor, action=action, note=note, public_note=public_note,
                          data={"app": "mediation", **(data or {})})


# Kinds of the notifications app (fengqiao.notifications.choices.Kind) used by mediation.
NOTICE_ASSIGNED = Kind.CASE_ASSIGNED
NOTICE_SESSION = Kind.MEDIATION_SESSION
NOTICE_SUPERVISION = Kind.SUPERVISION
NOTICE_FOLLOWUP = Kind.FOLLOWUP_DUE
NOTICE_SYSTEM = Kind.SYSTEM


def send_notice(*, recipients: Iterable, kind: str, title: str, body: str, case: Case | None = None,
                url: str = "", urgent: bool = False, acting_user=None) -> bool:
    """Publish a notice through the notifications app when it is installed, inside the caller's transaction
    (the app queues e-mail and SMS itself once that commits). A notice that fails is logged and rolled back to
    its savepoint: it never undoes the write. Returns whether a notice was published."""
    people = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or not getattr(user, "is_active", False) or user.pk in seen:
            continue
        seen.add(user.pk)
        people.append(user)
    if not apps.is_installed("fengqiao.notifications") or not people:
        return False
    try:
        with transaction.atomic():
            notify(recipients=people, kind=kind, title=title, body=body, case=case, url=url, urgent=urgent,
                   acting_user=acting_user)
    except Exception:  # a notice problem is logged; the write it reports on stands
        logger.exception("mediation notice %s could not be published", kind)
        return False
    return True


def start_clock(mediation: Mediation, *, kind: str, start_on: dt.date, acting_user, rule: ClockRule | None = None,
                met_on: dt.date | None = None, target_name: str = "",
                target_organisation: Organisation | None = None) -> MediationClock:
    """Store one dated clock of a mediation, computed from its rule (see mediation/deadlines.py)."""
    clock = compute_clock(kind=kind, start_on=start_on, rule=rule)
    return MediationClock.objects.create(
        mediation=mediation, kind=clock.kind, start_on=clock.start_on, end_on=clock.end_on, warn_on=clock.warn_on,
        duration=clock.duration, unit=clock.unit, legal_basis=clock.legal_basis, calendar_warning=clock.calendar_warning,
        target_name=target_name, target_organisation=target_organisation, met_on=met_on, created_by=acting_user,
    )
