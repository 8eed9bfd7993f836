"""Issue 9: the demo county 青溪县 shows no other city's or province's regulation on its cases."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from fengqiao.accounts.models import User
from fengqiao.cases.models import Case
from fengqiao.demo.generator.county import COUNTY_CODE
from fengqiao.followup.models import FollowUpRule
from fengqiao.mediation.models import MediationClock
from fengqiao.regions.models import Region

pytestmark = pytest.mark.django_db

OTHER_PLACES = ("深圳", "北京", "济南", "潍坊", "浙江", "山东", "广东")


def test_no_other_places_regulation_on_the_demo_countys_cases(settings, client):
    settings.FENGQIAO_DEMO = True
    call_command("demo", "--no-serve", "--cases", "120", "--seed", "3", stdout=io.StringIO())
    county = Region.objects.get(code=COUNTY_CODE)
    assert county.name == "青溪县"
    cases = Case.objects.filter(region_path__startswith=county.path).select_related("deadline_rule")
    shown = {c.deadline_rule.legal_basis for c in cases if c.deadline_rule_id}
    shown |= set(MediationClock.objects.filter(mediation__case__in=cases).values_list("legal_basis", flat=True))
    shown |= set(FollowUpRule.objects.filter(is_active=True).values_list("legal_basis", flat=True))
    assert len(shown) > 5
    for basis in shown:
        assert not any(place in basis for place in OTHER_PLACES), basis
    client.force_login(User.objects.get(username="demo-center"))
    for case in cases.exclude(state__kind="closed")[:15]:
        html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert not any(place in html for place in OTHER_PLACES), case.reference
