"""What the notifications app does when the cases app publishes: a `NoticeRequested` event becomes one notice per
person (subscribed in `NotificationsConfig.ready()`; the event arrives after the case write committed)."""
from __future__ import annotations

from fengqiao.accounts.models import User
from fengqiao.cases import events
from fengqiao.cases.models import Case
from fengqiao.notifications.services import notify


def on_notice_requested(event: events.NoticeRequested) -> None:
    case = Case.objects.filter(pk=event.case_id).first()
    if case is None:
        return
    users = User.objects.in_bulk(event.recipient_ids)
    acting_user = User.objects.filter(pk=event.acting_user_id).first() if event.acting_user_id else None
    notify(recipients=[users.get(pk) for pk in event.recipient_ids], kind=event.kind, title=event.title,
           body=event.body, case=case, url=event.url, urgent=event.urgent, acting_user=acting_user)
