"""The daily hot-issue scan: an issue raised by enough people is stored and becomes one alert for the leader of
the lowest region holding its cases; a rerun updates the row, rings again only when the issue grew, and the
issue's page shows each viewer only the cases in their jurisdiction."""

from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.services.create import PartyInput
from fengqiao.regions.selectors import lowest_common_region
from fengqiao.testing.factories import make_case
from fengqiao.warning.choices import AlertKind
from fengqiao.warning.models import Alert, HotIssue
from fengqiao.warning.services.hot_issues import hot_issues_scan
from fengqiao.warning.tests.messages import LIFT, PIGS


def _register(county, region, rows, *, phone_prefix: str) -> list:
    return [make_case(acting_user=county.center, region=region, title=subject, narrative=detail,
                      parties=[PartyInput(name=f"居民{n}", phone=f"{phone_prefix}{n:04d}")])
            for n, (_user, subject, detail) in enumerate(rows)]


def test_an_issue_of_many_people_is_stored_and_becomes_one_alert_in_its_own_region(county, other_county):
    lift = _register(county, county.grid, LIFT[:6], phone_prefix="1381111")
    _register(other_county, other_county.other_grid, PIGS[:2], phone_prefix="1392222")  # two people: below 3
    stored = hot_issues_scan()
    assert len(stored) == 1
    issue = stored[0]
    assert "锦华苑" in issue.place and issue.people == 6 and issue.region == county.grid
    assert sorted(issue.case_ids) == sorted(c.pk for c in lift)
    alert = Alert.objects.get(kind=AlertKind.HOT_ISSUE)
    assert alert.subject_type == "hot_issue" and alert.subject_id == issue.pk and alert.region == county.grid
    assert "锦华苑" in alert.title and alert.assignee == county.leader
    assert AuditEntry.objects.filter(action="warning.hot_issue_found", object_id=str(issue.pk)).exists()


def test_a_rerun_updates_the_row_and_rings_again_only_when_the_issue_grew(county):
    _register(county, county.grid, LIFT[:5], phone_prefix="1381111")
    hot_issues_scan()
    hot_issues_scan()  # nothing new
    assert HotIssue.objects.count() == 1 and Alert.objects.get().occurrences == 1
    _register(county, county.grid, LIFT[5:7], phone_prefix="1385555")
    hot_issues_scan()
    issue = HotIssue.objects.get()
    assert issue.people == 7 and len(issue.case_ids) == 7
    assert Alert.objects.count() == 1 and Alert.objects.get().occurrences == 2


def test_the_threshold_is_a_setting(county, settings):
    settings.FENGQIAO_WARNING_HOT_ISSUE_ALERT_PEOPLE = 7
    _register(county, county.grid, LIFT[:6], phone_prefix="1381111")
    assert hot_issues_scan() == [] and not Alert.objects.exists()


def test_the_region_is_the_lowest_holding_every_case(county):
    assert lowest_common_region(paths=[county.grid.path, county.grid.path]) == county.grid
    assert lowest_common_region(paths=[county.grid.path, county.other_grid.path]) == county.county
    assert lowest_common_region(paths=[county.grid.path, county.community.path]) == county.community
    assert lowest_common_region(paths=[]) is None


def test_the_issue_page_shows_each_viewer_the_cases_of_their_jurisdiction(client, county, other_county):
    lift = _register(county, county.grid, LIFT[:6], phone_prefix="1381111")
    issue = hot_issues_scan()[0]
    url = reverse("warning:hot_issue", args=[issue.pk])
    client.force_login(county.leader)
    page = client.get(url).content.decode()
    assert "锦华苑" in page and all(reverse("cases:detail", args=[c.pk]) in page for c in lift)
    alert = Alert.objects.get(kind=AlertKind.HOT_ISSUE)
    assert url in client.get(reverse("warning:alert", args=[alert.pk])).content.decode()
    client.force_login(other_county.leader)  # another county: the same answer as for a missing issue
    assert client.get(url).status_code == 404
    assert client.get(reverse("warning:hot_issue", args=[issue.pk + 1000])).status_code == 404
    client.force_login(county.grid_worker)
    assert client.get(url).status_code == 404


def test_the_command_runs_the_scan(county, capsys):
    _register(county, county.grid, LIFT[:6], phone_prefix="1381111")
    call_command("warning", "hot-issues-scan")
    assert HotIssue.objects.count() == 1 and "1" in capsys.readouterr().out


def test_an_empty_county_finds_nothing(county):
    assert hot_issues_scan() == [] and not HotIssue.objects.exists()


def test_the_dashboard_lists_the_issues_the_scan_found_in_the_viewers_area(client, county, other_county):
    _register(county, county.grid, LIFT[:6], phone_prefix="1381111")
    issue = hot_issues_scan()[0]
    client.force_login(county.leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert reverse("warning:hot_issue", args=[issue.pk]) in page and "锦华苑" in page
    client.force_login(other_county.leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert reverse("warning:hot_issue", args=[issue.pk]) not in page
