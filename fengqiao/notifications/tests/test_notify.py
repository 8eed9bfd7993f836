"""notify(): rows per recipient, deliveries per preference, masking, validation and the audit row."""
from __future__ import annotations

import re

import pytest

from fengqiao.audit.models import AuditEntry
from fengqiao.core.errors import ValidationFailed
from fengqiao.notifications.choices import Channel, DeliveryStatus, Kind
from fengqiao.notifications.models import Delivery, Notification, NotificationPreference
from fengqiao.notifications.services import notify
from fengqiao.testing.factories import UserFactory, make_case, valid_id_number

ID_OR_PHONE = re.compile(r"\d{17}[\dXx]|1[3-9]\d{9}")


def deliveries_of(notification: Notification) -> dict[str, str]:
    return dict(notification.deliveries.values_list("channel", "status"))


def test_defaults_for_an_ordinary_kind_give_only_the_inbox(reachable):
    [notification] = notify(recipients=[reachable], kind=Kind.CASE_ASSIGNED, title="新案件交办", body="请及时签收。")
    assert notification.recipient == reachable and notification.in_inbox and not notification.urgent
    assert deliveries_of(notification) == {Channel.INAPP: DeliveryStatus.SENT}


def test_defaults_for_a_deadline_kind_add_email_when_there_is_an_address(reachable, unreachable):
    with_address, without_address = notify(
        recipients=[reachable, unreachable], kind=Kind.DEADLINE_OVERDUE, title="案件已超期", body=""
    )
    assert deliveries_of(with_address) == {Channel.INAPP: DeliveryStatus.SENT, Channel.EMAIL: DeliveryStatus.QUEUED}
    assert deliveries_of(without_address) == {Channel.INAPP: DeliveryStatus.SENT}


def test_defaults_for_an_urgent_kind_add_sms_and_mark_it_urgent(reachable, unreachable):
    first, second = notify(recipients=[reachable, unreachable], kind=Kind.CRISIS_ALERT, title="危机预警", body="…")
    assert first.urgent and second.urgent
    assert deliveries_of(first) == {
        Channel.INAPP: DeliveryStatus.SENT, Channel.EMAIL: DeliveryStatus.QUEUED, Channel.SMS: DeliveryStatus.QUEUED,
    }
    assert deliveries_of(second) == {Channel.INAPP: DeliveryStatus.SENT}


def test_stored_preferences_override_the_defaults(reachable):
    NotificationPreference.objects.create(user=reachable, kind=Kind.CASE_ASSIGNED, channel=Channel.SMS, enabled=True)
    NotificationPreference.objects.create(user=reachable, kind=Kind.CASE_ASSIGNED, channel=Channel.INAPP, enabled=False)
    NotificationPreference.objects.create(
        user=reachable, kind=Kind.DEADLINE_OVERDUE, channel=Channel.EMAIL, enabled=False
    )
    [assigned] = notify(recipients=[reachable], kind=Kind.CASE_ASSIGNED, title="交办", body="")
    assert not assigned.in_inbox
    assert deliveries_of(assigned) == {Channel.INAPP: DeliveryStatus.SKIPPED, Channel.SMS: DeliveryStatus.QUEUED}
    [overdue] = notify(recipients=[reachable], kind=Kind.DEADLINE_OVERDUE, title="超期", body="")
    assert deliveries_of(overdue) == {Channel.INAPP: DeliveryStatus.SENT}


def test_a_user_who_switched_everything_off_gets_no_notification(reachable):
    NotificationPreference.objects.create(
        user=reachable, kind=Kind.FOLLOWUP_DUE, channel=Channel.INAPP, enabled=False
    )
    assert notify(recipients=[reachable], kind=Kind.FOLLOWUP_DUE, title="回访", body="") == []
    assert not Notification.objects.filter(recipient=reachable).exists()


def test_urgent_kinds_reach_the_inbox_even_with_a_stored_off(reachable):
    # A row written around the service (e.g. by an older version) cannot hide a crisis alert.
    NotificationPreference.objects.create(user=reachable, kind=Kind.CRISIS_ALERT, channel=Channel.INAPP, enabled=False)
    [alert] = notify(recipients=[reachable], kind=Kind.CRISIS_ALERT, title="危机预警", body="")
    assert alert.in_inbox and deliveries_of(alert)[Channel.INAPP] == DeliveryStatus.SENT


def test_an_urgent_notification_of_an_ordinary_kind_reaches_the_inbox(reachable):
    NotificationPreference.objects.create(user=reachable, kind=Kind.SYSTEM, channel=Channel.INAPP, enabled=False)
    NotificationPreference.objects.create(user=reachable, kind=Kind.SYSTEM, channel=Channel.EMAIL, enabled=True)
    [message] = notify(recipients=[reachable], kind=Kind.SYSTEM, title="系统维护", body="", urgent=True)
    assert message.urgent and message.in_inbox


def test_an_enabled_channel_without_an_address_is_recorded_as_skipped(unreachable):
    NotificationPreference.objects.create(user=unreachable, kind=Kind.CASE_ASSIGNED, channel=Channel.EMAIL, enabled=True)
    [notification] = notify(recipients=[unreachable], kind=Kind.CASE_ASSIGNED, title="交办", body="")
    email = notification.deliveries.get(channel=Channel.EMAIL)
    assert email.status == DeliveryStatus.SKIPPED and email.last_error == "未登记电子邮箱"


def test_phone_and_id_numbers_are_masked_in_title_and_body(reachable):
    id_number = valid_id_number()
    [notification] = notify(
        recipients=[reachable], kind=Kind.CRISIS_ALERT,
        title="当事人 13812345678 情绪激动",
        body=f"身份证 {id_number}，家属电话 13987654321，座机 0571-87654321。",
    )
    notification.refresh_from_db()
    assert notification.title == "当事人 138****5678 情绪激动"
    assert id_number not in notification.body and id_number[:3] in notification.body
    assert "139****4321" in notification.body and "0571-****4321" in notification.body
    assert not ID_OR_PHONE.search(notification.title + notification.body)
    entry = AuditEntry.objects.get(action="notification.send")
    assert not ID_OR_PHONE.search(str(entry.after) + entry.object_repr)


def test_duplicates_and_inactive_users_are_dropped(reachable):
    gone = UserFactory(is_active=False)
    result = notify(recipients=[reachable, reachable, gone, None], kind=Kind.SYSTEM, title="通知", body="")
    assert [n.recipient for n in result] == [reachable]
    assert notify(recipients=[], kind=Kind.SYSTEM, title="通知", body="") == []


def test_notify_writes_one_audit_row(county, reachable):
    case = make_case(acting_user=county.center, region=county.grid)
    notifications = notify(
        recipients=[reachable, county.center], kind=Kind.CASE_ASSIGNED, title="交办", body="请签收",
        case=case, url=f"/cases/{case.pk}/", acting_user=county.center,
    )
    entry = AuditEntry.objects.get(action="notification.send")
    assert entry.actor == county.center and entry.object_type == "notifications.notification"
    assert entry.after["case"] == case.pk and entry.after["kind"] == "case_assigned"
    assert sorted(entry.after["notifications"]) == sorted(n.pk for n in notifications)
    assert all(n.case == case and n.url == f"/cases/{case.pk}/" for n in notifications)


@pytest.mark.parametrize("bad", [
    {"kind": "no_such_kind"},
    {"title": "   "},
    {"url": "https://evil.example/"},
    {"url": "//evil.example/"},
    {"url": "javascript:alert(1)"},
])
def test_bad_input_is_refused_and_nothing_is_saved(reachable, bad):
    arguments = {"recipients": [reachable], "kind": Kind.SYSTEM, "title": "通知", "body": ""} | bad
    with pytest.raises(ValidationFailed):
        notify(**arguments)
    assert not Notification.objects.exists() and not Delivery.objects.exists()


def test_long_titles_and_bodies_are_shortened(reachable):
    [notification] = notify(recipients=[reachable], kind=Kind.SYSTEM, title="长" * 300, body="文" * 5000)
    notification.refresh_from_db()
    assert len(notification.title) == 200 and notification.title.endswith("…")
    assert len(notification.body) == 4000
