"""Shared set-up for the joint-handling, supervision, escalation and clock tests."""
from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils import timezone

from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case, Transition
from fengqiao.cases.services import case_assign, case_transition
from fengqiao.testing.factories import make_case


def at(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, hour))


def local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def reload(case: Case) -> Case:
    return Case.objects.select_related("state", "region", "handling_region").get(pk=case.pk)


def assert_open_case_can_move_on(case: Case) -> None:
    """Every open case has a next action (an active step out of its state) and a due date."""
    case = reload(case)
    if case.state.kind != StateKind.OPEN:
        return
    assert case.due_at is not None, f"{case.reference} in {case.state.code} has no due date"
    assert Transition.objects.filter(from_state_id=case.state_id, is_active=True).exists(), (
        f"{case.reference} in {case.state.code} has no next action"
    )


def mediating_case(county, fresh, **overrides) -> Case:
    """A dispute dispatched to the labour bureau (主办) and accepted by its handler."""
    case = make_case(acting_user=county.grid_worker, region=county.grid, **overrides)
    case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour, note="人社局牵头")
    return case_transition(case=case, action="accept", acting_user=fresh(county.handler))


def notifications_for(user, case: Case):
    if not apps.is_installed("fengqiao.notifications"):
        return []
    from fengqiao.notifications.models import Notification

    return list(Notification.objects.filter(recipient=user, case=case).order_by("pk"))
