"""消息中心 and 通知设置: own notifications only, mark read, filters, preferences grid, the header badge tag."""
from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.notifications.choices import Channel, Kind
from fengqiao.notifications.models import Notification, NotificationPreference
from fengqiao.notifications.selectors import preferences_for
from fengqiao.notifications.services import notify

HTMX = {"HX-Request": "true"}
ID_OR_PHONE = re.compile(r"\d{17}[\dXx]|1[3-9]\d{9}")


@pytest.fixture
def inbox(county):
    """Three notifications for the center (one urgent), one for the leader."""
    center = county.center
    older = notify(recipients=[center], kind=Kind.CASE_ASSIGNED, title="旧的交办", body="第一条")[0]
    newer = notify(recipients=[center], kind=Kind.DEADLINE_OVERDUE, title="案件超期提醒", body="电话 13812345678")[0]
    urgent = notify(recipients=[center], kind=Kind.CRISIS_ALERT, title="危机预警", body="请立即处理", url="/cases/")[0]
    Notification.objects.filter(pk=older.pk).update(created_at=older.created_at.replace(year=2024))
    theirs = notify(recipients=[county.leader], kind=Kind.SUPERVISION, title="领导的督办", body="")[0]
    return {"older": older, "newer": newer, "urgent": urgent, "theirs": theirs}


def test_inbox_lists_own_notifications_newest_first(client, county, inbox):
    client.force_login(county.center)
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "领导的督办" not in html
    positions = [html.index(t) for t in ("危机预警", "案件超期提醒", "旧的交办")]
    assert positions == sorted(positions)
    assert html.count("notification-unread") == 3 and "notification-urgent" in html
    assert "138****5678" in html and not ID_OR_PHONE.search(html)
    assert 'href="/cases/"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_mark_read_with_htmx_returns_the_item_and_fires_the_badge_event(client, county, inbox):
    client.force_login(county.center)
    url = reverse("notifications:mark_read", args=[inbox["newer"].pk])
    response = client.post(url, headers=HTMX)
    assert response.status_code == 200 and response["HX-Trigger"] == "notificationsChanged"
    html = response.content.decode()
    assert f'id="notification-{inbox["newer"].pk}"' in html and "notification-read" in html and "标为已读" not in html
    assert '<span id="inbox-unread-total" hx-swap-oob="true">未读（2）</span>' in html
    assert Notification.objects.get(pk=inbox["newer"].pk).read_at is not None
    assert Notification.objects.get(pk=inbox["older"].pk).read_at is None


def test_mark_read_without_htmx_redirects_to_the_inbox(client, county, inbox):
    client.force_login(county.center)
    response = client.post(reverse("notifications:mark_read", args=[inbox["older"].pk]))
    assert response.status_code == 303 and response["Location"] == reverse("notifications:inbox")


def test_another_users_notification_is_not_found(client, county, inbox):
    client.force_login(county.center)
    theirs = inbox["theirs"]
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("notifications:mark_read", args=[987654321])).status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_read_needs_post(client, county, inbox):
    client.force_login(county.center)
    assert client.get(reverse("notifications:mark_read", args=[inbox["older"].pk])).status_code == 405


def test_unread_filter_and_mark_all_read(client, county, inbox):
    client.force_login(county.center)
    notify(recipients=[county.center], kind=Kind.SYSTEM, title="已经读过", body="")
    Notification.objects.filter(title="已经读过").update(read_at=inbox["older"].created_at)
    unread = client.get(reverse("notifications:inbox"), {"unread": "1"}).content.decode()
    assert "危机预警" in unread and "已经读过" not in unread and "未读（3）" in unread
    response = client.post(reverse("notifications:mark_all_read") + "?unread=1", headers=HTMX)
    assert response.status_code == 200 and response["HX-Trigger"] == "notificationsChanged"
    assert "没有未读通知。" in response.content.decode()
    assert not Notification.objects.filter(recipient=county.center, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=inbox["theirs"].pk).read_at is None  # the leader's stays unread


def test_mark_all_read_without_htmx_redirects_with_a_message(client, county, inbox):
    client.force_login(county.center)
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert response.redirect_chain == [(reverse("notifications:inbox"), 303)]
    assert "已将 3 条通知标为已读。" in response.content.decode()


def test_notifications_kept_out_of_the_inbox_are_not_listed(client, county):
    NotificationPreference.objects.create(user=county.center, kind=Kind.SYSTEM, channel=Channel.INAPP, enabled=False)
    NotificationPreference.objects.create(user=county.center, kind=Kind.SYSTEM, channel=Channel.SMS, enabled=True)
    [hidden] = notify(recipients=[county.center], kind=Kind.SYSTEM, title="仅短信的消息", body="")
    client.force_login(county.center)
    assert "仅短信的消息" not in client.get(reverse("notifications:inbox")).content.decode()
    assert client.post(reverse("notifications:mark_read", args=[hidden.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, inbox):
    for url in (reverse("notifications:inbox"), reverse("notifications:preferences"), reverse("notifications:badge")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    htmx = client.post(reverse("notifications:mark_all_read"), headers=HTMX)
    assert htmx.status_code == 401 and htmx["HX-Redirect"].startswith(reverse("login"))


def test_unread_count_tag_and_badge(client, county, inbox):
    rendered = Template("{% load notifications %}{% unread_count user %}").render(Context({"user": county.center}))
    assert rendered == "3"
    badge = Template("{% load notifications %}{% unread_badge user %}").render(Context({"user": county.leader}))
    assert 'href="/notifications/"' in badge and ">1</span>" in badge and "notificationsChanged" in badge
    from django.contrib.auth.models import AnonymousUser

    anonymous = Template("{% load notifications %}{% unread_count user %}|{% unread_badge user %}")
    assert anonymous.render(Context({"user": AnonymousUser()})).strip() == "0|"
    client.force_login(county.center)
    fragment = client.get(reverse("notifications:badge")).content.decode()
    assert ">3</span>" in fragment


def test_preferences_page_shows_the_grid_with_locked_cells(client, county):
    client.force_login(county.center)
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("危机预警", "督办", "案件交办", "站内消息", "电子邮件", "短信"):
        assert label in html
    locked = re.search(r'<input[^>]*name="crisis_alert__inapp"[^>]*>', html).group(0)
    assert "disabled" in locked and "checked" in locked
    assert "您尚未登记电子邮箱" in html and "您尚未登记手机号" in html


def test_preferences_save(client, reachable):
    client.force_login(reachable)
    current = preferences_for(user=reachable)
    data = {f"{kind}__{channel}": "on" for (kind, channel), on in current.items() if on}
    data.pop("deadline_overdue__email")  # off: the default was on
    data["case_assigned__sms"] = "on"  # on: the default was off
    data.pop("crisis_alert__inapp")  # a locked cell: the browser does not send it, and it stays on
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 303
    after = preferences_for(user=reachable)
    assert after[(Kind.DEADLINE_OVERDUE, Channel.EMAIL)] is False
    assert after[(Kind.CASE_ASSIGNED, Channel.SMS)] is True
    assert after[(Kind.CRISIS_ALERT, Channel.INAPP)] is True
    stored = set(NotificationPreference.objects.filter(user=reachable).values_list("kind", "channel", "enabled"))
    assert stored == {("deadline_overdue", "email", False), ("case_assigned", "sms", True)}
    entry = AuditEntry.objects.get(action="notification.preferences.change")
    assert entry.before == {"case_assigned:sms": False, "deadline_overdue:email": True}
    assert entry.after == {"case_assigned:sms": True, "deadline_overdue:email": False}
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "通知设置已保存。" in page


def test_a_forged_post_cannot_switch_off_an_urgent_kind_in_app(client, reachable):
    client.force_login(reachable)
    # Nothing checked at all, the locked cells included: everything unlocked is off, the locked cells stay on.
    response = client.post(reverse("notifications:preferences"), {"crisis_alert__inapp": ""})
    assert response.status_code == 303
    after = preferences_for(user=reachable)
    assert after[(Kind.CRISIS_ALERT, Channel.INAPP)] and after[(Kind.SUPERVISION, Channel.INAPP)]
    assert not after[(Kind.CASE_ASSIGNED, Channel.INAPP)] and not after[(Kind.CRISIS_ALERT, Channel.SMS)]
    [alert] = notify(recipients=[reachable], kind=Kind.CRISIS_ALERT, title="危机预警", body="")
    assert alert.in_inbox


def test_the_service_refuses_to_switch_off_an_urgent_kind_in_app(reachable):
    from fengqiao.core.errors import ValidationFailed
    from fengqiao.notifications.services import notification_preferences_save

    with pytest.raises(ValidationFailed) as refused:
        notification_preferences_save(acting_user=reachable, choices={(Kind.SUPERVISION, Channel.INAPP): False})
    assert "supervision:inapp" in refused.value.field_errors
    with pytest.raises(ValidationFailed):
        notification_preferences_save(acting_user=reachable, choices={("no_such_kind", Channel.SMS): True})
    assert not NotificationPreference.objects.filter(user=reachable).exists()


def test_defaults_follow_contact_details_until_the_user_chooses(reachable, unreachable):
    assert preferences_for(user=unreachable)[(Kind.CRISIS_ALERT, Channel.SMS)] is False
    unreachable.phone = "13700001111"
    unreachable.save(update_fields=["phone"])
    assert preferences_for(user=unreachable)[(Kind.CRISIS_ALERT, Channel.SMS)] is True
    assert preferences_for(user=reachable)[(Kind.DEADLINE_WARNING, Channel.EMAIL)] is True
    assert preferences_for(user=reachable)[(Kind.CASE_ASSIGNED, Channel.EMAIL)] is False
