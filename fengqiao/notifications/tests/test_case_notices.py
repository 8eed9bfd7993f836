"""Issue 10: the cases app asks for a notice by publishing `NoticeRequested` after commit; the notifications app,
subscribed in its ready(), sends one notice per distinct active person with the kind, title, body, link and urgency
the cases app chose. Nothing before the commit, nothing after a rollback, a failed notice never undoes the write."""
from __future__ import annotations

import logging

import pytest
from django.db import transaction

from fengqiao.cases import events
from fengqiao.cases.services.notices import NOTICE_ASSIGNED, case_url, notify_after_commit
from fengqiao.notifications.models import Notification
from fengqiao.testing.factories import UserFactory, make_case


@pytest.fixture
def case(county):
    return make_case(acting_user=county.center, region=county.grid)


def test_a_notice_is_requested_after_commit_and_sent_by_the_notifications_app(county, case,
                                                                               django_capture_on_commit_callbacks):
    gone = UserFactory(username="gone", is_active=False)
    other = UserFactory(username="other")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify_after_commit(recipients=[other, None, gone, other, county.handler], kind=NOTICE_ASSIGNED,
                            title="协办任务：A1", body="请配合", case=case, acting_user=county.center)
        assert not Notification.objects.filter(case=case).exists()  # nothing before the commit
    (event,) = [c.args[0] for c in callbacks if getattr(c, "func", None) is events.deliver]
    assert event == events.NoticeRequested(
        case_id=case.pk, acting_user_id=county.center.pk, at=event.at, recipient_ids=(other.pk, county.handler.pk),
        kind=NOTICE_ASSIGNED, title="协办任务：A1", body="请配合", url=case_url(case), urgent=False)
    sent = Notification.objects.filter(case=case).order_by("pk")
    assert [(n.recipient_id, n.kind, n.title, n.body, n.url, n.urgent) for n in sent] == [
        (other.pk, "case_assigned", "协办任务：A1", "请配合", case_url(case), False),
        (county.handler.pk, "case_assigned", "协办任务：A1", "请配合", case_url(case), False),
    ]


def test_a_rolled_back_write_requests_nothing(county, case, django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        notify_after_commit(recipients=[county.handler], kind="system", title="t", body="b", case=case, urgent=True)
        raise RuntimeError("rolled back")
    assert callbacks == [] and not Notification.objects.filter(case=case).exists()


def test_a_failed_notice_is_logged(county, case, caplog, django_capture_on_commit_callbacks):
    with (caplog.at_level(logging.ERROR, logger="fengqiao.cases.events"),
          django_capture_on_commit_callbacks(execute=True)):
        notify_after_commit(recipients=[county.handler], kind="no_such_kind", title="t", body="b", case=case)
    assert not Notification.objects.filter(case=case).exists()
    assert "notifications-on-notice-requested failed on notice_requested" in caplog.text
