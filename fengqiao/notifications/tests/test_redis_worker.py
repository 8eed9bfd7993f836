"""The delivery task through a real Redis broker and an in-process worker (skipped when Redis is absent,
unless FENGQIAO_REQUIRE_REDIS=1)."""
from __future__ import annotations

import threading

import pytest
import redis
from celery import Celery, signals
from celery.contrib.testing.worker import start_worker

from fengqiao.notifications.choices import Channel, DeliveryStatus, Kind
from fengqiao.notifications.models import Delivery, Notification, SmsLog
from fengqiao.notifications.tasks import deliver_notification
from fengqiao.testing.factories import UserFactory
from fengqiao.testing.redis import require_redis

BROKER_URL = "redis://127.0.0.1:6379/14"
pytestmark = pytest.mark.redis


@pytest.fixture
def redis_app(monkeypatch):
    require_redis(BROKER_URL).flushdb()
    monkeypatch.setenv("CELERY_SKIP_CHECKS", "1")  # the worker's Django fix-up would otherwise run all checks
    app = Celery("fengqiao-redis-test", set_as_current=False)
    app.conf.update(
        broker_url=BROKER_URL, task_always_eager=False, result_backend=None, worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True, task_default_queue="fengqiao-notifications-test",
    )
    from celery import _state

    previous_current, previous_default = _state.get_current_app(), _state.default_app
    yield app
    # start_worker makes its app the current and default one; give those back.
    previous_current.set_current()
    _state.set_default_app(previous_default)
    app.close()
    redis.Redis.from_url(BROKER_URL).flushdb()


@pytest.fixture
def finished():
    """Delivery ids whose task ran to the end on the worker, with the task's answer."""
    outcomes: dict[int, str] = {}
    done = threading.Event()
    expected: set[int] = set()

    def record(sender=None, args=None, retval=None, state=None, **kwargs):
        if sender is not None and sender.name == deliver_notification.name and state == "SUCCESS":
            outcomes[args[0]] = retval
            if expected <= set(outcomes):
                done.set()

    signals.task_postrun.connect(record, weak=False)
    yield outcomes, done, expected
    signals.task_postrun.disconnect(record)


def test_deliveries_run_on_a_worker_through_redis(redis_app, finished, transactional_db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FENGQIAO_SMS_BACKEND = "fengqiao.notifications.tests.sms_backends.FlakySmsBackend"
    settings.FENGQIAO_NOTIFICATION_RETRY_SECONDS = 0  # retry at once, through the broker
    from django.core import mail

    mail.outbox = []
    user = UserFactory(username="on-call", email="on-call@example.org", phone="13912345678")
    notification = Notification.objects.create(recipient=user, kind=Kind.CRISIS_ALERT, title="危机预警", urgent=True)
    email = Delivery.objects.create(notification=notification, channel=Channel.EMAIL)
    sms = Delivery.objects.create(notification=notification, channel=Channel.SMS)
    outcomes, done, expected = finished
    expected.update({email.pk, sms.pk})

    with start_worker(redis_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        task = redis_app.tasks[deliver_notification.name]
        for delivery in (email, sms):
            task.delay(delivery.pk)
        assert done.wait(timeout=15), f"the worker finished only {outcomes}"

    assert outcomes == {email.pk: "sent", sms.pk: "sent"}
    email.refresh_from_db()
    sms.refresh_from_db()
    assert email.status == DeliveryStatus.SENT and email.attempts == 1
    assert sms.status == DeliveryStatus.SENT and sms.attempts == 2  # the first try failed, the retry went through Redis
    assert [m.to for m in mail.outbox] == [["on-call@example.org"]]
    assert SmsLog.objects.get().delivery == sms
