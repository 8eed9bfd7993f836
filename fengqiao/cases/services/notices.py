"""Who hears about a case (handlers, superiors, leaders) and asking that they be told once the write commits.

The cases app never imports the notifications app (which sits above it): it publishes a `NoticeRequested`
event (fengqiao.cases.events) and the notifications app, subscribed in its `AppConfig.ready()`, sends the
notices. The notifications app is optional: without it nothing is sent and every write works the same. A notice
that fails is logged (logger "fengqiao.cases.events"); it never undoes the write it reports on (it runs after
the commit).
"""
from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.urls import reverse

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.accounts.selectors import department_handlers, users_with_roles
from fengqiao.cases import events
from fengqiao.cases.models import Assignment, Case
from fengqiao.regions.choices import RegionLevel
from fengqiao.regions.models import Region
from fengqiao.regions.paths import ancestor_paths

# Kinds of fengqiao.notifications.choices.Kind, named here because that app may not be installed.
NOTICE_ASSIGNED = "case_assigned"
NOTICE_SUPERVISION = "supervision"
NOTICE_SYSTEM = "system"


def case_handlers(case: Case) -> list[User]:
    """The people answering for the current step: the lead handler, or the lead department's handlers."""
    if case.lead_user is not None:
        return [case.lead_user]
    return department_handlers(case.lead_department)


def task_handlers(assignment: Assignment) -> list[User]:
    if assignment.user is not None:
        return [assignment.user]
    return department_handlers(assignment.department)


def superiors(case: Case) -> list[User]:
    """Center staff of the case's street and county (whatever level handles it now)."""
    paths = ancestor_paths(case.region_path)
    upper = Region.objects.filter(path__in=paths, level__lte=RegionLevel.STREET).values_list("path", flat=True)
    return list(users_with_roles(roles=[Role.CENTER], region_paths=list(upper)))


def center_staff_at(region: Region) -> list[User]:
    """Center staff of exactly this level; when it has none, those of the nearest level above that has some."""
    paths = ancestor_paths(region.path)
    for path in reversed(paths):
        found = list(users_with_roles(roles=[Role.CENTER], region_paths=[path]))
        if found:
            return found
    return []


def case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


def notify_after_commit(*, recipients: Iterable[User | None], kind: str, title: str, body: str, case: Case,
                        urgent: bool = False, acting_user: User | None = None, batch: str = "",
                        batch_url: str = "") -> None:
    """Ask, once the current transaction commits, that each person be told (nothing if it rolls back). Notices
    of one `batch` show as one line of the inbox, linking to `batch_url`.

    Publishes a `NoticeRequested` event; the notifications app subscribes and sends one notice per person."""
    if not apps.is_installed("fengqiao.notifications"):
        return
    people: list[int] = []
    for user in recipients:
        if user is None or user.pk in people or not user.is_active:
            continue
        people.append(user.pk)
    if not people:
        return
    events.publish(events.NoticeRequested(
        case_id=case.pk, acting_user_id=acting_user.pk if acting_user else None, recipient_ids=tuple(people),
        kind=kind, title=title, body=body, url=case_url(case), urgent=urgent, batch=batch, batch_url=batch_url,
    ))
