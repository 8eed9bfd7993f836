"""The hotspot scan end to end: cases registered through the services, counted by the count tables, tested per
community and grid against their own weeks, recorded with one alert per place and category, shown to the area."""
from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from fengqiao.cases.models import Category
from fengqiao.reports.services.hotspots import hotspots_scan, weekly_series
from fengqiao.testing.factories import make_case
from fengqiao.warning.choices import AlertKind
from fengqiao.warning.models import Alert, Hotspot

USUAL = [2, 1, 3, 2, 2, 2, 1, 3, 2, 2, 1, 3, 2, 2]  # fourteen weeks before this one, two a week


def _register(county, region, category, per_week, django_capture_on_commit_callbacks):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        for weeks_ago, n in enumerate(reversed(per_week)):
            for k in range(n):
                make_case(acting_user=county.center, region=region, category=category, title="电梯停运",
                          narrative="小区电梯停运多日，物业不修。",
                          received_at=now - dt.timedelta(days=7 * weeks_ago + k % 7))


@pytest.fixture
def property_rise(county, django_capture_on_commit_callbacks):
    category = Category.objects.get(code="urban_construction")
    _register(county, county.community, category, [*USUAL, 11], django_capture_on_commit_callbacks)
    return category


def test_a_community_at_five_times_its_usual_level_is_found_and_alerted_once(county, property_rise,
                                                                              django_capture_on_commit_callbacks):
    series = weekly_series(today=timezone.localdate(), weeks=15)
    assert series[(county.community.path, str(property_rise.pk))] == [*USUAL, 11]
    found = hotspots_scan()
    places = {(h.region_id, h.category_id) for h in found}
    assert (county.community.pk, property_rise.pk) in places
    hotspot = Hotspot.objects.get(region=county.community, category=property_rise)
    assert hotspot.count == 11 and hotspot.expected == 2.0 and hotspot.ratio == 5.5
    assert hotspot.baseline == USUAL[-12 - 2:-2]
    alert = Alert.objects.get(kind=AlertKind.HOTSPOT, dedup_key__startswith=f"hotspot:{county.community.code}:")
    assert "5.5" in alert.title
    hotspots_scan()  # a second scan the same day: the same row, one more occurrence on the same alert
    assert Hotspot.objects.filter(region=county.community, category=property_rise).count() == 1
    alert.refresh_from_db()
    assert alert.occurrences == 2


def test_a_steady_place_is_not_a_hotspot(county, django_capture_on_commit_callbacks):
    category = Category.objects.get(code="civil_dispute")
    _register(county, county.other_grid, category, [*USUAL, 2], django_capture_on_commit_callbacks)
    assert hotspots_scan() == []
    assert not Alert.objects.filter(kind=AlertKind.HOTSPOT).exists()


def test_the_page_shows_the_area_its_hotspots_with_a_link_to_their_cases(county, property_rise, client):
    hotspots_scan()
    hotspot = Hotspot.objects.get(region=county.community, category=property_rise)
    client.force_login(county.center)
    page = client.get(reverse("warning:hotspots"))
    assert page.status_code == 200
    body = page.content.decode()
    assert f'data-hotspot="{hotspot.pk}"' in body
    cases = client.get(f"{reverse('cases:list')}?region={county.community.pk}&category={property_rise.pk}"
                       f"&received_from={hotspot.week_start}&received_to={hotspot.week_end}")
    assert cases.status_code == 200
    assert f"region={county.community.pk}" in body
    client.force_login(county.grid_worker)
    assert client.get(reverse("warning:hotspots")).status_code == 404


def test_another_countys_center_does_not_see_them(county, other_county, property_rise, client):
    hotspots_scan()
    client.force_login(other_county.center)
    assert 'data-hotspot="' not in client.get(reverse("warning:hotspots")).content.decode()


def test_the_command_scans_and_refuses_a_bad_day(county, property_rise):
    out = StringIO()
    call_command("reports", "hotspots-scan", stdout=out)
    assert "5.5" in out.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("reports", "hotspots-scan", "--day", "not-a-day")
