"""Issue 13: the inbox groups notices of one kind from one sweep (or, without a sweep, one day) into one line with
the count and a link to the filtered list; a group or the whole inbox can be marked read (POST with CSRF, audited);
nobody reaches another user's notices or groups (404)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case
from fengqiao.cases.services import supervision_raise_overdue
from fengqiao.cases.tasks import supervise_overdue
from fengqiao.cases.tests.oversight_support import mediating_case
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.grouping import group_key_for
from fengqiao.notifications.models import Notification
from fengqiao.notifications.selectors import inbox_lines_for, inbox_lines_load
from fengqiao.notifications.services import notification_mark_group_read, notify

HTMX = {"HX-Request": "true"}


def lines(user, **kwargs):
    return inbox_lines_load(inbox_lines_for(user=user, **kwargs))


@pytest.fixture
def swept(county, fresh, django_capture_on_commit_callbacks):
    """Three overdue cases of the labour bureau, raised by one run of the overdue check."""
    cases = [mediating_case(county, fresh, title=f"欠薪纠纷{i}") for i in range(3)]
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(due_at=timezone.now() - dt.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert supervise_overdue() == 3
    return cases


def test_one_sweep_is_one_line_with_the_count_and_the_filtered_list(client, county, swept):
    notices = Notification.objects.filter(recipient=county.handler, kind=Kind.SUPERVISION)
    assert notices.count() == 3 and len({n.group_key for n in notices}) == 1
    (line,) = lines(county.handler)
    assert line.is_group and line.total == 3 and line.unread == 3 and line.urgent
    assert line.list_url == "/cases/?overdue=1"

    client.force_login(county.handler)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert html.count("notification-group") == 1 and "3 条" in html and "3 条未读" in html
    assert 'href="/cases/?overdue=1"' in html
    group_link = re.search(r'href="(/notifications/\?group=[^"]+)"', html).group(1)
    listed = client.get(group_link.replace("&amp;", "&")).content.decode()
    assert all(c.reference in listed for c in swept) and listed.count("notification-unread") == 3
    # the filtered list the line links to shows those cases
    overdue_list = client.get("/cases/?overdue=1").content.decode()
    assert all(c.reference in overdue_list for c in swept)


def test_the_next_sweep_is_a_line_of_its_own(county, fresh, swept, django_capture_on_commit_callbacks):
    later = mediating_case(county, fresh, title="又一件")
    Case.objects.filter(pk=later.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert supervision_raise_overdue(now=timezone.now() + dt.timedelta(minutes=30)) == 1
    totals = sorted(line.total for line in lines(county.handler) if line.latest.kind == Kind.SUPERVISION)
    assert totals == [1, 3]


def test_without_a_batch_one_kind_on_one_day_is_a_group_and_crisis_alerts_never_are(county):
    center = county.center
    for i in range(4):
        notify(recipients=[center], kind=Kind.DEADLINE_WARNING, title=f"期限临近{i}", body="")
    old = notify(recipients=[center], kind=Kind.DEADLINE_WARNING, title="上个月的", body="")[0]
    a_month_ago = old.created_at - dt.timedelta(days=31)
    Notification.objects.filter(pk=old.pk).update(
        created_at=a_month_ago, group_key=group_key_for(kind=Kind.DEADLINE_WARNING, batch="", at=a_month_ago))
    notify(recipients=[center], kind=Kind.SYSTEM, title="系统", body="")
    for i in range(2):
        notify(recipients=[center], kind=Kind.CRISIS_ALERT, title=f"危机{i}", body="")
    by_kind = sorted((line.latest.kind, line.total) for line in lines(center))
    assert by_kind == [("crisis_alert", 1), ("crisis_alert", 1), ("deadline_warning", 1), ("deadline_warning", 4),
                       ("system", 1)]
    # a day group of assignments links to 我的待办's "new" filter
    notify(recipients=[center], kind=Kind.CASE_ASSIGNED, title="交办1", body="")
    notify(recipients=[center], kind=Kind.CASE_ASSIGNED, title="交办2", body="")
    (assigned,) = [line for line in lines(center) if line.latest.kind == Kind.CASE_ASSIGNED]
    assert assigned.total == 2 and assigned.list_url == "/?new=1"


def test_unread_only_counts_unread_notices(county):
    for i in range(3):
        notify(recipients=[county.center], kind=Kind.SYSTEM, title=f"系统{i}", body="")
    Notification.objects.filter(recipient=county.center, title="系统0").update(read_at=timezone.now())
    (line,) = lines(county.center, unread_only=True)
    assert line.total == 2 and line.unread == 2
    (line,) = lines(county.center)
    assert line.total == 3 and line.unread == 2


def test_mark_a_group_read_with_a_plain_post(client, county, swept):
    other = notify(recipients=[county.handler], kind=Kind.SYSTEM, title="别的", body="")[0]
    (line,) = [x for x in lines(county.handler) if x.is_group]
    client.force_login(county.handler)
    response = client.post(reverse("notifications:mark_group_read"), {"group": line.key}, follow=True)
    assert response.redirect_chain == [(reverse("notifications:inbox"), 303)]
    assert "已将 3 条通知标为已读。" in response.content.decode()
    assert not Notification.objects.filter(recipient=county.handler, group_key=line.key, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=other.pk).read_at is None
    entry = AuditEntry.objects.get(action="notification.read_group")
    assert entry.actor == county.handler and entry.after == {"group": line.key, "count": 3}
    # the center's notices of the same sweep stay unread
    assert Notification.objects.filter(recipient=county.center, group_key=line.key, read_at__isnull=True).count() == 3


def test_mark_a_group_read_with_htmx_returns_the_list(client, county, swept):
    (line,) = lines(county.handler)
    client.force_login(county.handler)
    response = client.post(reverse("notifications:mark_group_read") + "?unread=1", {"group": line.key}, headers=HTMX)
    assert response.status_code == 200 and response["HX-Trigger"] == "notificationsChanged"
    assert "没有未读通知。" in response.content.decode()


def test_another_users_group_is_not_found(client, county, swept):
    (line,) = lines(county.handler)
    client.force_login(county.grid_worker)
    assert client.post(reverse("notifications:mark_group_read"), {"group": line.key}).status_code == 404
    assert client.post(reverse("notifications:mark_group_read"), {"group": ""}).status_code == 404
    assert client.get(reverse("notifications:inbox"), {"group": line.key}).status_code == 404
    assert Notification.objects.filter(group_key=line.key, read_at__isnull=True).count() == 9  # 3 people x 3
    with pytest.raises(Exception, match="通知不存在"):
        notification_mark_group_read(acting_user=county.grid_worker, group_key=line.key)
    assert not AuditEntry.objects.filter(action="notification.read_group").exists()


def test_marking_needs_post_and_a_csrf_token(county, swept):
    (line,) = lines(county.handler)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(county.handler)
    assert browser.get(reverse("notifications:mark_group_read")).status_code == 405
    assert browser.post(reverse("notifications:mark_group_read"), {"group": line.key}).status_code == 403
    assert browser.post(reverse("notifications:mark_all_read")).status_code == 403
    assert Notification.objects.filter(recipient=county.handler, read_at__isnull=True).count() == 3


def test_mark_all_read_is_audited(client, county, swept):
    client.force_login(county.handler)
    client.post(reverse("notifications:mark_all_read"))
    entry = AuditEntry.objects.get(action="notification.read_all")
    assert entry.actor == county.handler and entry.after == {"count": 3}
    client.post(reverse("notifications:mark_all_read"))  # nothing left: no second row
    assert AuditEntry.objects.filter(action="notification.read_all").count() == 1


def test_notices_without_a_key_are_lines_of_their_own_until_the_migration_groups_them(county):
    from importlib import import_module

    from django.apps import apps

    for i in range(2):
        Notification.objects.create(recipient=county.center, kind=Kind.SYSTEM, title=f"旧通知{i}")
    Notification.objects.create(recipient=county.center, kind=Kind.CRISIS_ALERT, title="旧预警")
    assert sorted(line.total for line in lines(county.center)) == [1, 1, 1]
    import_module("fengqiao.notifications.migrations.0002_grouping_and_case_visits").group_existing(apps, None)
    assert sorted((line.latest.kind, line.total) for line in lines(county.center)) == [
        ("crisis_alert", 1), ("system", 2)]
