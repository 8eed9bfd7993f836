"""What the notifications app does when the cases app publishes (subscribed in `NotificationsConfig.ready()`; each
event arrives after the case write committed):

- a `NoticeRequested` event becomes one notice per person;
- a `CaseAssigned` event for a lead (主办) tells the person it went to or, when it went to a department only, the
  department's handlers; never the person who assigned it. Co-handler tasks (协办) are not told here: the cases
  app asks for their notice itself, with the task and its deadline.
"""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.accounts.selectors import department_handlers
from fengqiao.cases import events
from fengqiao.cases.choices import AssignmentRole
from fengqiao.cases.models import Case
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.services import notify
from fengqiao.regions.models import Department


def on_notice_requested(event: events.NoticeRequested) -> None:
    case = Case.objects.filter(pk=event.case_id).first()
    if case is None:
        return
    users = User.objects.in_bulk(event.recipient_ids)
    acting_user = User.objects.filter(pk=event.acting_user_id).first() if event.acting_user_id else None
    notify(recipients=[users.get(pk) for pk in event.recipient_ids], kind=event.kind, title=event.title,
           body=event.body, case=case, url=event.url, urgent=event.urgent, acting_user=acting_user,
           batch=event.batch, batch_url=event.batch_url)


def assignees(event: events.CaseAssigned) -> list[User]:
    """Whom a lead assignment tells: the person it went to, else the handlers of the department (by their
    membership); inactive accounts and the person who assigned it are left out."""
    if event.user_id is not None:
        people = list(User.objects.filter(pk=event.user_id, is_active=True))
    elif event.department_id is not None:
        people = department_handlers(Department.objects.filter(pk=event.department_id).first())
    else:
        people = []
    return [user for user in people if user.pk != event.acting_user_id]


def on_case_assigned(event: events.CaseAssigned) -> None:
    if event.role != AssignmentRole.LEAD:
        return
    recipients = assignees(event)
    case = Case.objects.select_related("state").filter(pk=event.case_id).first()
    if case is None or not recipients:
        return
    acting_user = User.objects.filter(pk=event.acting_user_id).first() if event.acting_user_id else None
    due = timezone.localtime(case.due_at).strftime("%Y-%m-%d %H:%M") if case.due_at else _("无")
    notify(
        recipients=recipients, kind=Kind.CASE_ASSIGNED, case=case, acting_user=acting_user,
        url=reverse("cases:detail", args=[case.pk]),
        title=_("交办案件：%(ref)s") % {"ref": case.reference},
        body=_("%(title)s\n当前环节：%(state)s\n期限：%(due)s") % {
            "title": case.title, "state": case.state.name, "due": due},
    )
