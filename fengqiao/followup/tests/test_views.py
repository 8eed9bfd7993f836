"""Staff pages: the follow-up section of the case page, the 待回访 list, the figures page; scope on every URL."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.followup.models import FollowUp
from fengqiao.followup.services import followup_call_record, followup_create_for
from fengqiao.reports.services import counts_rebuild

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def followup(mediated):
    return followup_create_for(case=mediated)


def test_the_case_page_shows_the_call_form_for_a_pending_followup(client, followup, county):
    client.force_login(county.grid_worker)
    page = client.get(reverse("cases:detail", args=[followup.case_id])).content.decode()
    assert 'id="followup"' in page and reverse("followup:call", args=[followup.case_id]) in page
    assert reverse("followup:reopen", args=[followup.case_id]) not in page
    assert "<script>" not in page


def test_an_open_case_without_followups_has_no_section(client, open_case, county):
    client.force_login(county.center)
    assert 'id="followup"' not in client.get(reverse("cases:detail", args=[open_case.pk])).content.decode()


def test_a_resolved_case_can_get_its_followup_at_once(client, mediated, county):
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[mediated.pk])).content.decode()
    assert reverse("followup:open", args=[mediated.pk]) in page
    response = client.post(reverse("followup:open", args=[mediated.pk]), **HTMX)
    assert response.status_code == 200 and FollowUp.objects.filter(case=mediated).count() == 1


def test_recording_a_call_through_htmx(client, followup, county):
    client.force_login(county.grid_worker)
    url = reverse("followup:call", args=[followup.case_id])
    bad = client.post(url, {"followup": followup.pk, "reached": "yes", "settled": "yes"}, **HTMX)
    assert bad.status_code == 400 and "请记录满意程度" in bad.content.decode()
    good = client.post(url, {"followup": followup.pk, "reached": "yes", "settled": "yes", "satisfaction": "fairly",
                             "resident_words": "基本好了"}, **HTMX)
    assert good.status_code == 200 and good["HX-Redirect"].endswith("#followup")
    followup.refresh_from_db()
    assert followup.satisfaction == "fairly"
    again = client.post(url, {"followup": followup.pk, "reached": "no"}, **HTMX)
    assert again.status_code == 409


def test_a_followup_of_another_case_is_not_found(client, followup, open_case, county):
    client.force_login(county.center)
    response = client.post(reverse("followup:call", args=[open_case.pk]), {"followup": followup.pk, "reached": "no"})
    assert response.status_code == 404


def test_the_list_shows_pending_and_review_within_scope(client, followup, county, other_county, fresh):
    client.force_login(county.grid_worker)
    page = client.get(reverse("followup:list")).content.decode()
    assert followup.case.reference in page
    followup_call_record(followup=followup, acting_user=fresh(county.grid_worker), reached=True, settled="no",
                         satisfaction="dissatisfied")
    assert followup.case.reference not in client.get(reverse("followup:list")).content.decode()
    review = client.get(reverse("followup:list"), {"view": "review"}, **HTMX)
    assert review.status_code == 200 and followup.case.reference in review.content.decode()
    assert "<html" not in review.content.decode()
    client.force_login(other_county.center)
    for view in ("pending", "review", "answered", "overdue"):
        assert followup.case.reference not in client.get(reverse("followup:list"), {"view": view}).content.decode()


def test_the_figures_page(client, followup, county, fresh, django_capture_on_commit_callbacks):
    # The page moved to the reports app (count tables kept current on commit); the old address leads there.
    with django_capture_on_commit_callbacks(execute=True):
        followup_call_record(followup=followup, acting_user=fresh(county.center), reached=True, settled="yes",
                             satisfaction="satisfied")
    client.force_login(county.center)
    page = client.get(reverse("followup:figures"), follow=True).content.decode()
    assert "满意率" in page and "100.0%" in page
    for group_by in ("region", "month", "department"):
        assert client.get(reverse("reports:figures"), {"by": group_by}, **HTMX).status_code == 200
    bad = client.get(reverse("followup:figures"), {"month": "2026-13"}, follow=True)
    assert bad.status_code == 404 and "无法识别统计期间" in bad.content.decode()
    by_region = client.get(reverse("reports:figures"), {"by": "region", "region": county.street.code}).content.decode()
    assert county.community.name in by_region


def test_the_figures_page_opens_on_the_current_month(client, followup, county, fresh):
    followup_call_record(followup=followup, acting_user=fresh(county.center), reached=True, settled="yes",
                         satisfaction="satisfied")
    earlier = timezone.now() - dt.timedelta(days=70)
    FollowUp.objects.filter(pk=followup.pk).update(answered_at=earlier)
    counts_rebuild(acting_user=None)  # the figures are counted from the rows (reports' count tables)
    client.force_login(county.center)

    default = client.get(reverse("followup:figures"), follow=True).content.decode()
    this_month = timezone.localdate().strftime("%Y-%m")
    assert f'value="{this_month}"' in default  # the month field says which month is shown
    satisfied = 'data-label="满意率">100.0%'
    assert satisfied not in default  # the follow-up answered 70 days ago is not this month's
    assert 'data-label="满意率">—' in default

    every_month = client.get(reverse("followup:figures"), {"month": ""}, follow=True).content.decode()
    assert satisfied in every_month
    that_month = client.get(reverse("followup:figures"), {"month": timezone.localtime(earlier).strftime("%Y-%m")},
                            follow=True)
    assert satisfied in that_month.content.decode()


@pytest.mark.parametrize("name", ["open", "call", "reopen", "dismiss"])
def test_other_county_gets_404_on_every_case_action(client, followup, other_county, county, name):
    client.force_login(other_county.center)
    data = {"followup": followup.pk, "reached": "no", "note": "x"}
    assert client.post(reverse(f"followup:{name}", args=[followup.case_id]), data).status_code == 404
    assert client.post(reverse(f"followup:{name}", args=[987654321]), data).status_code == 404
    client.force_login(county.center)
    assert client.get(reverse(f"followup:{name}", args=[followup.case_id])).status_code == 405
    assert followup.calls.count() == 0


def test_anonymous_visitors_are_sent_to_login(client):
    for url in (reverse("followup:list"), reverse("followup:figures")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
