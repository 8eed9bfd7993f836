"""Sending: e-mail through Django's mail API, SMS through the pluggable backend, failures, retries, on_commit."""
from __future__ import annotations

import io
import logging
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case
from fengqiao.notifications.channels.sms import DEFAULT_SMS_BACKEND, get_sms_backend
from fengqiao.notifications.choices import Channel, DeliveryStatus, Kind
from fengqiao.notifications.models import Delivery, Notification, SmsLog
from fengqiao.notifications.services import deliveries_requeue_stale, delivery_attempt, notify
from fengqiao.notifications.tasks import deliver_notification
from fengqiao.testing.factories import make_case, valid_id_number

ID_OR_PHONE = re.compile(r"\d{17}[\dXx]|1[3-9]\d{9}")
TEST_BACKENDS = "fengqiao.notifications.tests.sms_backends"


def crisis_alert(recipient, **extra):
    return notify(
        recipients=[recipient], kind=Kind.CRISIS_ALERT, title="危机预警：当事人 13812345678 有轻生言语",
        body=f"当事人身份证 {valid_id_number()}，请立即联系。", **extra,
    )


def test_email_is_sent_through_the_mail_api_after_commit(reachable, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        [notification] = notify(
            recipients=[reachable], kind=Kind.DEADLINE_OVERDUE, title="案件超期", body="请尽快办理。",
        )
        assert mailbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert len(mailbox) == 1
    message = mailbox[0]
    assert message.to == ["reachable@example.org"]
    assert "案件超期" in message.subject and "请尽快办理。" in message.body and "案件超期" in message.body
    delivery = notification.deliveries.get(channel=Channel.EMAIL)
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1 and delivery.sent_at is not None


def test_email_names_the_case_and_links_to_it_when_the_site_address_is_known(
    county, reachable, mailbox, settings, django_capture_on_commit_callbacks
):
    settings.FENGQIAO_SITE_URL = "https://fengqiao.example.gov.cn/"
    case = make_case(acting_user=county.center, region=county.grid)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[reachable], kind=Kind.SUPERVISION, title="督办", body="", case=case, url=f"/cases/{case.pk}/")
    body = mailbox[0].body
    assert case.reference in body and f"https://fengqiao.example.gov.cn/cases/{case.pk}/" in body
    assert mailbox[0].subject.startswith("【紧急】")


def test_email_and_sms_carry_no_unmasked_numbers(reachable, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        crisis_alert(reachable)
    message = mailbox[0]
    assert not ID_OR_PHONE.search(message.subject + message.body)
    assert "138****5678" in message.subject
    log = SmsLog.objects.get()
    assert not ID_OR_PHONE.search(log.message + log.phone_masked)


def test_sms_logging_backend_writes_the_log_and_the_logger(reachable, mailbox, django_capture_on_commit_callbacks):
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    sms_logger = logging.getLogger("fengqiao.sms")
    sms_logger.addHandler(handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            [notification] = crisis_alert(reachable)
    finally:
        sms_logger.removeHandler(handler)
    log = SmsLog.objects.get()
    delivery = notification.deliveries.get(channel=Channel.SMS)
    assert delivery.status == DeliveryStatus.SENT and log.delivery == delivery and log.user == reachable
    assert log.phone_masked == "139****5678" and log.backend == DEFAULT_SMS_BACKEND
    assert log.message.startswith("【枫桥】危机预警")
    assert len(records) == 1 and "139****5678" in records[0].getMessage()
    assert not ID_OR_PHONE.search(records[0].getMessage())


def test_a_failing_backend_records_a_failed_delivery_and_spares_the_caller(
    county, reachable, mailbox, settings, django_capture_on_commit_callbacks
):
    settings.FENGQIAO_SMS_BACKEND = f"{TEST_BACKENDS}.FailingSmsBackend"
    # The caller's own write and the notification, in one transaction.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        case = make_case(acting_user=county.center, region=county.grid)
        [notification] = crisis_alert(reachable, case=case)
    sms = notification.deliveries.get(channel=Channel.SMS)
    assert sms.status == DeliveryStatus.FAILED
    assert sms.attempts == 4  # the first try and three retries
    assert sms.last_error.startswith("ConnectionError: gateway timed out") and "139****5678" in sms.last_error
    assert not ID_OR_PHONE.search(sms.last_error)
    # The caller's work is all there, and the other channels went out.
    assert Case.objects.filter(pk=case.pk).exists()
    assert notification.deliveries.get(channel=Channel.EMAIL).status == DeliveryStatus.SENT
    assert Notification.objects.get(pk=notification.pk).in_inbox
    assert not SmsLog.objects.exists()


def test_a_flaky_backend_succeeds_on_retry(reachable, mailbox, settings, django_capture_on_commit_callbacks):
    settings.FENGQIAO_SMS_BACKEND = f"{TEST_BACKENDS}.FlakySmsBackend"
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = crisis_alert(reachable)
    sms = notification.deliveries.get(channel=Channel.SMS)
    assert sms.status == DeliveryStatus.SENT and sms.attempts == 2 and sms.last_error == ""
    assert SmsLog.objects.filter(delivery=sms).count() == 1


def test_a_misconfigured_backend_is_a_recorded_failure(reachable, mailbox, settings, django_capture_on_commit_callbacks):
    settings.FENGQIAO_SMS_BACKEND = "fengqiao.notifications.channels.sms.NoSuchBackend"
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = crisis_alert(reachable)
    sms = notification.deliveries.get(channel=Channel.SMS)
    assert sms.status == DeliveryStatus.FAILED and "NoSuchBackend" in sms.last_error


def test_nothing_is_sent_when_the_callers_transaction_rolls_back(
    reachable, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError), \
            transaction.atomic():
        crisis_alert(reachable)
        raise RuntimeError("the caller's write failed")
    assert callbacks == []
    assert mailbox == [] and not SmsLog.objects.exists()
    assert not Notification.objects.exists() and not Delivery.objects.exists()
    assert not AuditEntry.objects.filter(action="notification.send").exists()


def test_an_address_removed_before_sending_skips_the_delivery(reachable, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        [notification] = crisis_alert(reachable)
    reachable.email = ""
    reachable.save(update_fields=["email"])
    callbacks[0]()
    email = notification.deliveries.get(channel=Channel.EMAIL)
    assert email.status == DeliveryStatus.SKIPPED and email.attempts == 1 and mailbox == []
    assert notification.deliveries.get(channel=Channel.SMS).status == DeliveryStatus.SENT


def test_a_delivery_is_sent_once_even_if_queued_twice(reachable, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify(recipients=[reachable], kind=Kind.SUPERVISION, title="督办", body="")
    email = notification.deliveries.get(channel=Channel.EMAIL)
    assert deliver_notification.apply(args=[email.pk]).get() == "nothing"
    assert delivery_attempt(delivery_id=notification.deliveries.get(channel=Channel.INAPP).pk) == "nothing"
    assert len(mailbox) == 1


def test_stale_queued_deliveries_are_queued_again(reachable, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):  # the hand-off to the broker was lost
        [notification] = notify(recipients=[reachable], kind=Kind.SUPERVISION, title="督办", body="")
    email = notification.deliveries.get(channel=Channel.EMAIL)
    assert email.status == DeliveryStatus.QUEUED
    assert deliveries_requeue_stale(older_than=timedelta(minutes=15)) == 0  # too recent to be lost
    Delivery.objects.filter(pk=email.pk).update(created_at=timezone.now() - timedelta(hours=1))
    out = io.StringIO()
    call_command("notifications_requeue", "--minutes", "15", stdout=out)
    assert out.getvalue().strip() == "requeued 1"
    email.refresh_from_db()
    assert email.status == DeliveryStatus.SENT and len(mailbox) == 1


def test_the_default_sms_backend_is_the_logging_one(settings):
    settings.FENGQIAO_SMS_BACKEND = ""
    backend = get_sms_backend(timeout=3)
    assert backend.label == DEFAULT_SMS_BACKEND and backend.timeout == 3
