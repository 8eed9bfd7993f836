"""The admin lists notifications, deliveries and the SMS log, read-only."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.notifications.choices import Kind
from fengqiao.notifications.models import Delivery, Notification, SmsLog
from fengqiao.notifications.services import notify
from fengqiao.testing.factories import UserFactory


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def test_admin_lists_render_and_are_read_only(client, root, reachable, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify(recipients=[reachable], kind=Kind.CRISIS_ALERT, title="危机预警", body="电话 13812345678")
    client.force_login(root)
    for model in (Notification, Delivery, SmsLog):
        name = model._meta.model_name
        changelist = client.get(reverse(f"admin:notifications_{name}_changelist"))
        assert changelist.status_code == 200, name
        assert "13812345678" not in changelist.content.decode()
        assert client.get(reverse(f"admin:notifications_{name}_add")).status_code == 403
    detail = client.get(reverse("admin:notifications_notification_change", args=[notification.pk]))
    assert detail.status_code == 200 and "危机预警" in detail.content.decode()
    assert client.post(reverse("admin:notifications_notification_delete", args=[notification.pk]),
                       {"post": "yes"}).status_code == 403
    assert Notification.objects.filter(pk=notification.pk).exists()


def test_staff_without_admin_rights_cannot_open_the_lists(client, reachable):
    reachable.is_staff = True
    reachable.save(update_fields=["is_staff"])
    client.force_login(reachable)
    assert client.get(reverse("admin:notifications_notification_changelist")).status_code == 403
