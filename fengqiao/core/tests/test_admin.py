"""The admin: pages render for the platform admin, edits are audited, calendar gaps are shouted."""
import pytest
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import DeadlineRule
from fengqiao.testing.factories import UserFactory
from fengqiao.worktime.models import CalendarYear


@pytest.fixture
def root(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.mark.parametrize("name", [
    "admin:index", "admin:regions_region_changelist", "admin:regions_region_import", "admin:regions_department_changelist",
    "admin:accounts_user_changelist", "admin:accounts_membership_changelist", "admin:cases_deadlinerule_changelist",
    "admin:cases_transition_changelist", "admin:cases_case_changelist", "admin:worktime_calendarday_changelist",
    "admin:audit_auditentry_changelist", "admin:audit_personaldataaccess_changelist",
])
def test_admin_pages_render(client, root, county, name):
    client.force_login(root)
    assert client.get(reverse(name)).status_code == 200


def test_the_admin_warns_loudly_about_an_uncovered_year(client, root):
    # issue 9: the warning shows on the calendar pages (and on affected cases), no longer on every admin page
    CalendarYear.objects.filter(year__gte=2026).delete()
    client.force_login(root)
    body = client.get(reverse("admin:worktime_calendarday_changelist")).content.decode()
    assert "工作日历缺少" in body and "2026" in body
    assert "工作日历缺少" not in client.get(reverse("admin:index")).content.decode()


def test_editing_a_deadline_rule_in_the_admin_is_audited(client, root):
    rule = DeadlineRule.objects.filter(process__code="petition", state__code="accepted", region=None, is_active=True).get()
    client.force_login(root)
    url = reverse("admin:cases_deadlinerule_change", args=[rule.pk])
    data = {
        "process": rule.process_id, "state": rule.state_id, "region": "", "duration": 30, "unit": "calendar_days",
        "start_event": "state_entered", "warn_ratio": "0.80", "max_extension": 60, "legal_basis": "浙江省信访条例",
        "is_active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.duration == 30 and rule.updated_by == root
    entry = AuditEntry.objects.get(action="admin.deadlinerule.change", object_id=str(rule.pk))
    assert entry.before["duration"] == 60 and entry.after["duration"] == 30


def test_region_import_through_the_admin(client, root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(root)
    upload = SimpleUploadedFile("tree.csv", "code,name,level,parent_code\n7700,测试县,县,\n".encode())
    response = client.post(reverse("admin:regions_region_import"), {"file": upload})
    assert response.status_code == 200 and "已导入 1 个区划" in response.content.decode()
