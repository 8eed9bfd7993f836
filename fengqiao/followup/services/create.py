"""Follow-ups come due when a case is resolved or closed. The cases app does not know this app: it publishes
`case_closed` and `case_reopened` (fengqiao.cases.events), to which this app subscribes (followup.subscribers).
`followups_open_due` is the catch-up for cases no event told us about (an import, the demo loader, a subscriber
that failed); it is run by hand or by the demo, not on a schedule."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import StateKind
from fengqiao.cases.deadlines import add_period
from fengqiao.cases.models import Case
from fengqiao.cases.services import case_log_event
from fengqiao.core.errors import TransitionRefused
from fengqiao.followup.choices import FollowUpStatus
from fengqiao.followup.models import FollowUp, FollowUpRule
from fengqiao.followup.resolution import DONE_KINDS, resolution_of, resolutions_subquery, rule_for
from fengqiao.followup.services.common import case_for_work


def followup_create_for(*, case: Case, now: dt.datetime | None = None, respect_lookback: bool = True) -> FollowUp | None:
    """The follow-up for the case's latest resolution, created once (a second call returns the same row).

    None while the case is open, when no rule is active, or — with `respect_lookback` — when the resolution is
    older than the rule's look-back (historical cases do not flood the list)."""
    return _ensure_followup(case=case, now=now or timezone.now(), respect_lookback=respect_lookback)[0]


@transaction.atomic
def _ensure_followup(*, case: Case, now: dt.datetime, respect_lookback: bool) -> tuple[FollowUp | None, bool]:
    case = Case.objects.select_related("state", "process").get(pk=case.pk)
    resolution = resolution_of(case)
    rule = rule_for(case)
    if resolution is None or rule is None:
        return None, False
    resolved_at, state = resolution
    existing = FollowUp.objects.filter(case=case, resolved_at=resolved_at).first()
    if existing is not None:
        return existing, False
    if respect_lookback and now - resolved_at > dt.timedelta(days=rule.lookback_days):
        return None, False
    due_at, _uncovered = add_period(start=resolved_at, amount=rule.duration, unit=rule.unit)
    try:
        with transaction.atomic():
            followup = FollowUp.objects.create(case=case, resolved_at=resolved_at, resolved_state=state, due_at=due_at,
                                               created_at=now)
    except IntegrityError:  # created by a concurrent run in the meantime
        return FollowUp.objects.get(case=case, resolved_at=resolved_at), False
    case_log_event(case=case, acting_user=None, action="followup_due",
              note=_("案件已%(state)s，待回访（回访期限 %(due)s）。") % {
                  "state": state.name, "due": timezone.localtime(due_at).strftime("%Y-%m-%d")},
              data={"followup": followup.pk})
    audit_record(actor=None, action="followup.create", obj=followup,
                 after={"case": case.pk, "resolved_at": resolved_at.isoformat(), "state": state.code,
                        "due_at": due_at.isoformat()})
    return followup, True


def followup_open(*, case: Case, acting_user) -> FollowUp:
    """Create the follow-up of a resolved or closed case now, also one older than the rule's look-back."""
    case = case_for_work(acting_user, case)
    followup = followup_create_for(case=case, respect_lookback=False)
    if followup is None:
        raise TransitionRefused(_("案件尚未化解或办结，或回访规则未启用，不能生成回访。"))
    return followup


def followups_open_due(*, now: dt.datetime | None = None, limit: int = 2000) -> int:
    """The catch-up: create the follow-ups of resolved/closed cases that have none for their latest
    resolution, and retire pending ones of cases that went back to handling. Returns how many were created."""
    now = now or timezone.now()
    lookback = FollowUpRule.objects.filter(is_active=True).aggregate(days=Max("lookback_days"))["days"]
    if lookback is None:
        return 0
    cutoff = now - dt.timedelta(days=lookback)
    candidates = (
        Case.objects.filter(state__kind__in=DONE_KINDS, updated_at__gte=cutoff)
        .annotate(resolved=resolutions_subquery())
        .filter(resolved__gte=cutoff)
        .exclude(Exists(FollowUp.objects.filter(case_id=OuterRef("pk"), resolved_at=OuterRef("resolved"))))
        .order_by("resolved", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    created = sum(_ensure_followup(case=Case(pk=case_id), now=now, respect_lookback=True)[1] for case_id in list(candidates))
    _retire_superseded(now=now)
    return created


def followups_retire_for(*, case_id: int, now: dt.datetime | None = None) -> int:
    """A case went back to handling: its pending follow-ups no longer apply. Returns how many were retired."""
    return _retire_superseded(now=now or timezone.now(), case_id=case_id)


def _retire_superseded(*, now: dt.datetime, case_id: int | None = None) -> int:
    """Pending follow-ups of cases that went back to handling no longer apply (the next resolution gets its own)."""
    retired = 0
    stale = FollowUp.objects.filter(status=FollowUpStatus.PENDING, case__state__kind=StateKind.OPEN)
    if case_id is not None:
        stale = stale.filter(case_id=case_id)
    rows = stale.values_list("pk", "case_id")
    for pk, stale_case_id in list(rows):
        with transaction.atomic():
            if FollowUp.objects.filter(pk=pk, status=FollowUpStatus.PENDING).update(status=FollowUpStatus.SUPERSEDED):
                audit_record(actor=None, action="followup.supersede", object_type=FollowUp._meta.label_lower, object_id=pk,
                             after={"case": stale_case_id, "at": now.isoformat()})
                retired += 1
    return retired
